"""The composition root: a workbook is a migrated database and the person whose rows are shown.

Every service takes a Workbook; repositories are made from it, so the owner filter always has an
owner and nothing above the services ever holds an engine.
"""

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc

from followthrough.models import Person
from followthrough.store import migrate
from followthrough.store.db import latest_write, make_engine
from followthrough.store.owned import OwnedRepository
from followthrough.store.people import PeopleRepository
from followthrough.store.versions import DataVersion, read

R = TypeVar("R", bound=OwnedRepository)


@dataclass(frozen=True)
class Workbook:
    engine: Engine
    owner: Person

    def repo(self, kind: type[R]) -> R:
        """A repository of `kind` that sees this workbook's owner's rows only."""
        return kind(self.engine, self.owner.id)

    def as_person(self, person: Person) -> "Workbook":
        """The same database seen as another person (tests and a shared server use this)."""
        return Workbook(self.engine, person)


def data_version(wb: Workbook) -> DataVersion:
    """The owner's data version, read from the database (one primary-key lookup): it changes in
    the same transaction as any write of theirs, through any process or replica. Read it before
    the rows a cache keeps under it, so a cached result is never older than its key."""
    return read(wb.engine, wb.owner.id)


def writes_committed() -> int:
    """A number that changes whenever this process commits a write: a data version read earlier
    is still the owner's own latest until it changes (another process's writes aside)."""
    return latest_write()


def cache_key(wb: Workbook) -> tuple[str, int, str, DataVersion]:
    """What every cached screen is keyed on: the database, the person (id and handle: never one
    person's rows for another's key) and their data version now."""
    url = wb.engine.url.render_as_string(hide_password=True)
    return url, wb.owner.id, wb.owner.handle, data_version(wb)


def open_workbook(url: str | None = None) -> Workbook:
    """Migrate the database at `url` (default from config) and return it with its local person."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    return Workbook(engine, PeopleRepository(engine).local())


def upgrade_database(url: str | None = None) -> tuple[str, str | None]:
    """Migrate the database at `url` to the newest schema: (where it is, its revision now)."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    return engine.url.render_as_string(), migrate.current_revision(engine)


def unavailable(error: BaseException) -> bool:
    """Whether `error` says the database did not answer just now (restarting, unreachable, out of
    pooled connections, SQLite's lock still held after the busy timeout): trying again later may
    work. Any other database error is a defect and stays one."""
    if isinstance(error, sa_exc.TimeoutError):  # no pooled connection came free in time
        return True
    if not isinstance(error, sa_exc.DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if type(error.orig).__module__ == "sqlite3":  # its OperationalError also means bad SQL
        return any(word in str(error.orig) for word in ("database is locked", "database is busy"))
    return isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError)
