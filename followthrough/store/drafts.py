"""Drafts: what the user has typed into a form that is not yet a valid record, kept per owner."""

import json
from typing import Any

from sqlalchemy import (
    Engine,
    delete,
    func,
    select,
)

from followthrough.store.tables import drafts
from followthrough.store.upsert import upsert


class DraftRepository:
    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    def all(self, prefix: str = "") -> dict[str, Any]:
        """Every draft whose key starts with `prefix`, decoded from JSON."""
        query = select(drafts.c.key, drafts.c.value).where(
            drafts.c.owner_id == self.owner_id, drafts.c.key.startswith(prefix, autoescape=True)
        )
        with self.engine.connect() as conn:
            return {key: json.loads(value) for key, value in conn.execute(query)}

    def save(self, key: str, value: Any) -> None:
        with self.engine.begin() as conn:
            upsert(
                conn,
                drafts,
                {"owner_id": self.owner_id, "key": key, "value": json.dumps(value)},
                conflict=["owner_id", "key"],
                update={"value": json.dumps(value), "updated_at": func.current_timestamp()},
            )

    def clear(self, prefix: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(drafts).where(
                    drafts.c.owner_id == self.owner_id,
                    drafts.c.key.startswith(prefix, autoescape=True),
                )
            )
