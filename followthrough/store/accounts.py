"""A signed-in person's own account row: what identifies them, and deleting it with all they own.

Every owned row references its person with ON DELETE CASCADE, so deleting the person's row
deletes their workbook, their cohorts (and their participants' memberships of them), their
memberships and shares in one statement. The access log keeps its rows with the person set to
NULL (see AccessLogRepository.forget_me, which runs first).
"""

from typing import Any

from sqlalchemy import ColumnElement, Table, delete

from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import people


class AccountRepository(OwnedRepository):
    def mine(self, table: Table) -> ColumnElement[bool]:
        return table.c.id == self.owner_id  # a person owns their own row

    def about(self) -> dict[str, Any]:
        """Who this person is to the app: name, e-mail, and the provider's issuer and subject."""
        columns = [
            people.c[n] for n in ("display_name", "email", "issuer", "subject", "created_at")
        ]
        row = self.first(self.select_mine(people, *columns))
        return dict(row._mapping) if row else {}

    def delete(self) -> bool:
        """Delete this person and, by cascade, everything they own."""
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(people).where(self.mine(people))).rowcount)
