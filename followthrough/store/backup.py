"""Whole-workbook JSON backup and restore, lossless.

The owner's tables are found in the schema (every table with an owner_id column), so a step table
added later is backed up with no change here. Ids are renumbered 1..n per table in the backup, and
every reference with them (foreign keys, and drafts' keys naming a record: backup_file.py), so
backing up a restored workbook gives the identical file. A file is checked whole before a restore
deletes anything (backup_file.check).
"""

import json
from typing import Any

from sqlalchemy import Table, delete, insert
from sqlalchemy.exc import SQLAlchemyError

from followthrough.store.backup_file import (
    FORMAT,
    VERSION,
    Backup,
    BackupError,
    check,
    json_value,
    owned_tables,
    references,
    renumbered_draft,
)
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import drafts

__all__ = ["Backup", "BackupError", "BackupRepository", "owned_tables", "parse", "to_json"]


class BackupRepository(OwnedRepository):
    """The owner's whole workbook as one document, and back."""

    def backup(self) -> dict[str, Any]:
        """Everything the owner has, as JSON-ready data."""
        tables: dict[str, list[dict]] = {}
        new_ids: dict[str, dict[int, int]] = {}
        with self.engine.connect() as conn:
            for table in owned_tables():
                query = self.select_mine(table).order_by(table.c.id)
                try:
                    rows = [dict(row._mapping) for row in conn.execute(query)]
                except (SQLAlchemyError, ValueError) as exc:  # e.g. a value edited in by hand
                    raise BackupError(f"table '{table.name}' can't be read: {exc}") from exc
                if table is drafts:  # a draft of a record that is gone shows nowhere: left out
                    rows = [r for row in rows if (r := renumbered_draft(row, new_ids))]
                new_ids[table.name] = {row["id"]: n for n, row in enumerate(rows, start=1)}
                tables[table.name] = [_dump(table, row, new_ids) for row in rows]
        return {"format": FORMAT, "version": VERSION, "tables": tables}

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return all(
                conn.execute(self.select_mine(t, t.c.id).limit(1)).first() is None
                for t in owned_tables()
            )

    def restore(self, backup: Backup) -> dict[str, int]:
        """Replace the owner's workbook with a checked backup in one transaction; rows per table."""
        counts: dict[str, int] = {}
        try:
            with self.engine.begin() as conn:
                for table in reversed(owned_tables()):
                    conn.execute(delete(table).where(self.mine(table)))
                new_ids: dict[str, dict[int, int]] = {}
                for table in owned_tables():
                    rows = backup.tables.get(table.name, [])
                    new_ids[table.name] = {}
                    for row in rows:
                        statement = insert(table).values(self._load(table, row, new_ids))
                        new_id = conn.execute(statement.returning(table.c.id)).scalar_one()
                        new_ids[table.name][row["id"]] = new_id
                    counts[table.name] = len(rows)
        except SQLAlchemyError as exc:  # the checks should leave none; rolled back all the same
            raise BackupError(
                f"the database refused the backup, nothing was changed: {exc}"
            ) from exc
        return counts

    def _load(self, table: Table, row: dict[str, Any], new_ids: dict) -> dict[str, Any]:
        """A checked row as the restorer's, its references renumbered to the rows just written."""
        if table is drafts:
            row = renumbered_draft(row, new_ids) or row  # checked: the record is in the file
        refs = references(table)
        values = {
            name: new_ids[refs[name]][value] if name in refs and value is not None else value
            for name, value in row.items()
            if name != "id"
        }
        # The values as they were stored, not refitted by insert_mine: a backup is lossless.
        return values | {"owner_id": self.owner_id}


def _dump(table: Table, row: dict, new_ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    refs = references(table)
    out: dict[str, Any] = {}
    for column in table.c:
        value = row[column.name]
        if column.name == "owner_id":
            continue
        if column.name == "id":
            value = new_ids[table.name][value]
        elif column.name in refs and value is not None:
            value = new_ids[refs[column.name]][value]
        out[column.name] = json_value(column, value)
    return out


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def parse(text: str | bytes) -> Backup:
    """A backup file's contents, checked whole: BackupError has a line for every problem."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(f"not a JSON file ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("not a Follow-Through backup (no 'format': 'followthrough-backup')")
    if data.get("version") != VERSION:
        raise BackupError(f"backup version {data.get('version')!r}; this app reads {VERSION}")
    if not isinstance(data.get("tables"), dict):
        raise BackupError("no 'tables' in the backup")
    return check(data["tables"])
