"""Opening a workbook: the engine migrated to head and the owner it belongs to."""

from dataclasses import dataclass

from sqlalchemy import Engine

from followthrough.models import Person
from followthrough.store import migrate
from followthrough.store.db import make_engine
from followthrough.store.people import PeopleRepository


@dataclass(frozen=True)
class Workbook:
    engine: Engine
    owner: Person


def open_workbook(url: str | None = None) -> Workbook:
    """Migrate the database at `url` (default from config) and return it with its local person."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    return Workbook(engine, PeopleRepository(engine).local())
