"""Whole-workbook JSON backup and restore, lossless.

The owner's tables are found in the schema (every table with an owner_id column), so a step table
added later is backed up with no change here. Ids are renumbered 1..n per table in the backup (and
foreign keys with them), so backing up a restored workbook gives the identical file.
"""

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Table, Time, delete, insert
from sqlalchemy.exc import SQLAlchemyError

from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import metadata

FORMAT = "followthrough-backup"
VERSION = 1


class BackupError(ValueError):
    """A backup file that cannot be restored; `str()` says why in one line."""


def owned_tables() -> list[Table]:
    """Every table holding an owner's rows, parents before children (cohort tables, which tie a
    person to other people's rows, say `info={"workbook": False}` and stay out)."""
    return [t for t in metadata.sorted_tables if "owner_id" in t.c and t.info.get("workbook", True)]


def _references(table: Table) -> dict[str, str]:
    """Column name -> referenced owned table, for the foreign keys renumbered with the ids."""
    owned = {t.name for t in owned_tables()}
    return {
        fk.parent.name: fk.column.table.name
        for fk in table.foreign_keys
        if fk.column.table.name in owned
    }


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
                new_ids[table.name] = {row["id"]: n for n, row in enumerate(rows, start=1)}
                refs = _references(table)
                tables[table.name] = [_dump(table, row, refs, new_ids) for row in rows]
        return {"format": FORMAT, "version": VERSION, "tables": tables}

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return all(
                conn.execute(self.select_mine(t, t.c.id).limit(1)).first() is None
                for t in owned_tables()
            )

    def restore(self, data: dict[str, Any]) -> dict[str, int]:
        """Replace the owner's workbook with `data` in one transaction; returns rows per table."""
        tables = data["tables"]
        counts: dict[str, int] = {}
        with self.engine.begin() as conn:
            for table in reversed(owned_tables()):
                conn.execute(delete(table).where(self.mine(table)))
            new_ids: dict[str, dict[int, int]] = {}
            for table in owned_tables():
                refs = _references(table)
                new_ids[table.name] = {}
                for row in tables.get(table.name, []):
                    # The values as they were stored, not refitted by insert_mine: a backup
                    # is lossless (the natural key's \x1f separator is no typed text).
                    values = _load(table, row, refs, new_ids) | {"owner_id": self.owner_id}
                    statement = insert(table).values(values).returning(table.c.id)
                    new_ids[table.name][row["id"]] = conn.execute(statement).scalar_one()
                counts[table.name] = len(tables.get(table.name, []))
        return counts


def _dump(table: Table, row: dict, refs: dict[str, str], new_ids: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.c:
        value = row[column.name]
        if column.name == "owner_id":
            continue
        if column.name == "id":
            value = new_ids[table.name][value]
        elif column.name in refs and value is not None:
            value = new_ids[refs[column.name]][value]
        out[column.name] = value.isoformat() if isinstance(value, date | time) else value
    return out


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def parse(text: str | bytes) -> dict[str, Any]:
    """A backup file's data, checked for format and known tables and columns."""
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
    known = {t.name: t for t in owned_tables()}
    for name, rows in data["tables"].items():
        if name not in known:
            raise BackupError(f"table '{name}' is unknown here: is the backup from a newer app?")
        for row in rows:
            unknown = set(row) - set(known[name].c.keys())
            if unknown:
                raise BackupError(f"table '{name}' has unknown columns {sorted(unknown)}")
    return data


def _load(table: Table, row: dict, refs: dict[str, str], new_ids: dict) -> dict[str, Any]:
    values = {}
    for name, value in row.items():
        if name in ("id", "owner_id"):  # the restoring owner's rows, with new ids
            continue
        if name in refs and value is not None:
            try:
                value = new_ids[refs[name]][value]
            except KeyError as exc:
                raise BackupError(
                    f"{table.name}.{name} = {value}: no such {refs[name]} row"
                ) from exc
        values[name] = _typed(table.c[name], value)
    return values


def _typed(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, Time):
        return time.fromisoformat(value)
    if isinstance(column.type, Boolean):
        return bool(value)
    return value
