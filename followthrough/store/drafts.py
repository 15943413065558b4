"""Drafts: what the user has typed into a form that is not yet a valid record, kept per owner."""

import json
from typing import Any

from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import drafts


class DraftRepository(OwnedRepository):
    def all(self, prefix: str = "") -> dict[str, Any]:
        """Every draft whose key starts with `prefix`, decoded from JSON."""
        query = self.select_mine(drafts, drafts.c.key, drafts.c.value)
        rows = self.rows(query.where(drafts.c.key.startswith(prefix, autoescape=True)))
        return {row.key: json.loads(row.value) for row in rows}

    def save(self, key: str, value: Any) -> None:
        with self.engine.begin() as conn:
            self.upsert_mine(conn, drafts, {"key": key}, {"value": json.dumps(value)})

    def clear(self, prefix: str) -> None:
        self.delete_mine(drafts, drafts.c.key.startswith(prefix, autoescape=True))
