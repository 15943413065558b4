"""People: every other row belongs to one. A local install has a single local person."""

from sqlalchemy import (
    Engine,
    insert,
    select,
    update,
)

from followthrough.models import Person
from followthrough.store.tables import people

LOCAL_HANDLE = "local"


class PeopleRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_or_create(self, handle: str, display_name: str = "") -> Person:
        """The person with `handle`, created on first use."""
        with self.engine.begin() as conn:
            row = conn.execute(select(people).where(people.c.handle == handle)).first()
            if row is None:
                conn.execute(insert(people).values(handle=handle, display_name=display_name))
                row = conn.execute(select(people).where(people.c.handle == handle)).one()
        return Person(id=row.id, handle=row.handle, display_name=row.display_name)

    def local(self) -> Person:
        return self.get_or_create(LOCAL_HANDLE, "Me")

    def profile(self, person_id: int) -> dict[str, str]:
        """What thank-you notes use: the strongest matching skill and the name notes are signed with."""
        query = select(people.c.strongest_skill, people.c.signature).where(people.c.id == person_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).one()
        return {"strongest_skill": row.strongest_skill, "signature": row.signature}

    def set_profile(self, person_id: int, **values: str) -> None:
        """Set `strongest_skill` and/or `signature`."""
        unknown = set(values) - {"strongest_skill", "signature"}
        if unknown:
            raise ValueError(f"not a profile field: {sorted(unknown)}")
        with self.engine.begin() as conn:
            conn.execute(update(people).where(people.c.id == person_id).values(**values))
