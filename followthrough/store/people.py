"""People: every other row belongs to one. A local install has a single local person."""

import hashlib

from sqlalchemy import ColumnElement, Engine, Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from followthrough.models import Person
from followthrough.store.owned import OwnedRepository, fitted
from followthrough.store.tables import people

LOCAL_HANDLE = "local"
PROFILE_FIELDS = ("strongest_skill", "signature")


class PeopleRepository:
    """Finds or creates a person by handle; nothing else is readable without being that person."""

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

    def sign_in(self, issuer: str, subject: str, name: str = "", email: str = "") -> Person:
        """The person the identity provider `issuer` knows as `subject`, created on first sign-in.

        Issuer + subject is the identity (an e-mail can change hands); the name and e-mail are
        only shown, and kept up to date when the provider gives new ones.
        """
        if not issuer or not subject:
            raise ValueError("a signed-in person needs the provider's issuer and subject")
        shown = fitted(people, {"display_name": name or email, "email": email})
        key = (people.c.issuer == issuer) & (people.c.subject == subject)
        with self.engine.connect() as conn:
            row = conn.execute(select(people).where(key)).first()
        if row is None:
            digest = hashlib.sha256(f"{issuer}\0{subject}".encode()).hexdigest()[:40]
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        insert(people).values(
                            handle=f"oidc-{digest}", issuer=issuer, subject=subject, **shown
                        )
                    )
            except IntegrityError:  # the same person's first sign-in in another tab won
                pass
        elif changed := {k: v for k, v in shown.items() if v and v != getattr(row, k)}:
            with self.engine.begin() as conn:
                conn.execute(update(people).where(key).values(changed))
        with self.engine.connect() as conn:
            row = conn.execute(select(people).where(key)).one()
        return Person(id=row.id, handle=row.handle, display_name=row.display_name)


class ProfileRepository(OwnedRepository):
    """The owner's own profile row: what every thank-you note uses."""

    def mine(self, table: Table) -> ColumnElement[bool]:
        return table.c.id == self.owner_id  # a person owns their own row

    def get(self) -> dict[str, str]:
        """The strongest matching skill and the name notes are signed with."""
        row = self.first(self.select_mine(people, *(people.c[f] for f in PROFILE_FIELDS)))
        return (
            {f: getattr(row, f) for f in PROFILE_FIELDS}
            if row
            else dict.fromkeys(PROFILE_FIELDS, "")
        )

    def set(self, **values: str) -> None:
        """Set `strongest_skill` and/or `signature`."""
        if unknown := set(values) - set(PROFILE_FIELDS):
            raise ValueError(f"not a profile field: {sorted(unknown)}")
        with self.engine.begin() as conn:
            conn.execute(update(people).where(self.mine(people)).values(fitted(people, values)))
