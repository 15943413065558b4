"""Whole-workbook JSON backup and restore, lossless.

The owner's tables are found in the schema (every table with an owner_id column), so a step table
added later is backed up with no change here. Ids are renumbered 1..n per table in the backup (and
foreign keys with them), so backing up a restored workbook gives the identical file.
"""

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Engine, Table, delete, insert, select

from followthrough.store.tables import metadata

FORMAT = "followthrough-backup"
VERSION = 1


class BackupError(ValueError):
    """A backup file that cannot be restored; `str()` says why in one line."""


def owned_tables() -> list[Table]:
    """Every table holding an owner's rows, parents before children."""
    return [t for t in metadata.sorted_tables if "owner_id" in t.c]


def _references(table: Table) -> dict[str, str]:
    """Column name -> referenced owned table, for the foreign keys renumbered with the ids."""
    owned = {t.name for t in owned_tables()}
    return {
        fk.parent.name: fk.column.table.name
        for fk in table.foreign_keys
        if fk.column.table.name in owned
    }


def backup(engine: Engine, owner_id: int) -> dict[str, Any]:
    """Everything the owner has, as JSON-ready data."""
    tables: dict[str, list[dict]] = {}
    new_ids: dict[str, dict[int, int]] = {}
    with engine.connect() as conn:
        for table in owned_tables():
            query = select(table).where(table.c.owner_id == owner_id).order_by(table.c.id)
            rows = [dict(row._mapping) for row in conn.execute(query)]
            new_ids[table.name] = {row["id"]: n for n, row in enumerate(rows, start=1)}
            refs = _references(table)
            tables[table.name] = [_dump(table, row, refs, new_ids) for row in rows]
    return {"format": FORMAT, "version": VERSION, "tables": tables}


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
        out[column.name] = value.isoformat() if isinstance(value, date | datetime) else value
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
    known = {t.name: t for t in owned_tables()}
    for name, rows in data.get("tables", {}).items():
        if name not in known:
            raise BackupError(f"table '{name}' is unknown here: is the backup from a newer app?")
        for row in rows:
            unknown = set(row) - set(known[name].c.keys())
            if unknown:
                raise BackupError(f"table '{name}' has unknown columns {sorted(unknown)}")
    return data


def is_empty(engine: Engine, owner_id: int) -> bool:
    with engine.connect() as conn:
        return all(
            conn.execute(select(t.c.id).where(t.c.owner_id == owner_id).limit(1)).first() is None
            for t in owned_tables()
        )


def restore(engine: Engine, owner_id: int, data: dict[str, Any]) -> dict[str, int]:
    """Replace the owner's workbook with `data` in one transaction; returns rows per table."""
    tables = data["tables"]
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        for table in reversed(owned_tables()):
            conn.execute(delete(table).where(table.c.owner_id == owner_id))
        new_ids: dict[str, dict[int, int]] = {}
        for table in owned_tables():
            refs = _references(table)
            new_ids[table.name] = {}
            for row in tables.get(table.name, []):
                values = _load(table, row, refs, new_ids) | {"owner_id": owner_id}
                new_id = conn.execute(insert(table).values(values)).inserted_primary_key[0]
                new_ids[table.name][row["id"]] = new_id
            counts[table.name] = len(tables.get(table.name, []))
    return counts


def _load(table: Table, row: dict, refs: dict[str, str], new_ids: dict) -> dict[str, Any]:
    values = {}
    for name, value in row.items():
        if name == "id":
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
    if isinstance(column.type, Boolean):
        return bool(value)
    return value
