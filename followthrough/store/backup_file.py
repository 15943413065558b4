"""The backup file: its tables, how their values read as JSON, and the whole file checked.

A file is checked against the schema before a restore deletes anything: each value's type, enum,
length and presence, every reference (a foreign key, or a draft's key naming a record) pointing at a
row of the file, and every id and unique key used once. Each problem names its table, row and field.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Table, Time
from sqlalchemy import UniqueConstraint as Unique

from followthrough.cleaning import clean
from followthrough.models import Channel, InterviewFormat, Stage
from followthrough.store.owned import MAX_TEXT
from followthrough.store.tables import drafts, metadata

FORMAT = "followthrough-backup"
VERSION = 1
MAX_LISTED = 1000  # problems listed; a file with more says how many more
_INT32 = 2**31  # PostgreSQL's integer; SQLite would take more and PostgreSQL refuse it

ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("status_events", "stage"): Stage,
    ("interviews", "format"): InterviewFormat,
    ("thank_you_notes", "channel"): Channel,
    ("thank_you_notes", "sent_channel"): Channel,
    ("follow_up_instructions", "channel"): Channel,
    ("follow_up_instructions", "done_channel"): Channel,
    ("contact_log", "channel"): Channel,
}
# Text the app computes rather than a person types: kept exactly (a \x1f separates a key's parts).
COMPUTED = {("applications", "natural_key")}

# Drafts whose key names a record, `<form><record id>_<field>` as app_pages build them: a backup
# renumbers the id with its record, like a foreign key, and leaves out a draft of a record that is
# gone (no page shows it). A page adding such a form adds it here (tests/unit/test_backup_drafts.py).
DRAFT_FORMS = {
    "interviews_app": "applications",
    "pipeline_app": "applications",
    "interviews_iv": "interviews",
    "step3_new_contact": "interviews",
    "step3_new_ins": "interviews",
    "step4_new_item": "interviews",
    "interviews_pe": "interviewers",
}
DRAFT_VALUES = {"interviews_new_application": "applications"}  # a record's id; 0 is "a new one"
_DRAFT_KEY = re.compile(f"({'|'.join(DRAFT_FORMS)})([0-9]+)(_.*)", re.DOTALL)


class BackupError(ValueError):
    """A backup that can't be made or restored: `problems` has a line for each, `str()` sums up."""

    def __init__(self, *problems: str, total: int = 0) -> None:
        self.problems = problems
        self.total = total or len(problems)  # more than listed when a file has very many
        many = f"{self.total:,} problems, the first: " if self.total > 1 else ""
        super().__init__(many + problems[0])


def owned_tables() -> list[Table]:
    """Every table of a workbook, parents before children and drafts last (their keys name rows).

    Cohort tables, which tie a person to other people's rows, say `info={"workbook": False}`."""
    tables = [
        t for t in metadata.sorted_tables if "owner_id" in t.c and t.info.get("workbook", True)
    ]
    return sorted(tables, key=lambda t: t is drafts)


def references(table: Table) -> dict[str, str]:
    """Column name -> the workbook table it references, for the ids renumbered with their rows."""
    owned = {t.name for t in owned_tables()}
    return {
        fk.parent.name: fk.column.table.name
        for fk in table.foreign_keys
        if fk.column.table.name in owned
    }


@dataclass(frozen=True)
class Backup:
    """A checked backup file: per table, rows of typed values with the file's own ids."""

    tables: dict[str, list[dict[str, Any]]]

    @property
    def rows(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


# -- values ------------------------------------------------------------------------------------


def json_value(column: Column, value: Any) -> Any:
    """A stored value as the file writes it: dates, times and moments as ISO text."""
    return value.isoformat() if isinstance(value, date | time) else value


def _typed(table: Table, column: Column, value: Any) -> Any:
    """`value` from the file as `column` holds it; ValueError says what is wrong with it."""
    kind = column.type
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{_quoted(value)} is not true or false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{_quoted(value)} is not a whole number")
        if not -_INT32 <= value < _INT32:
            raise ValueError(f"{value} is too large a number")
        return value
    if isinstance(kind, String):  # Text too
        return _text(table, column, value)
    for moment, read, what in _MOMENTS:
        if isinstance(kind, moment):
            return _moment(value, read, what)
    raise ValueError(f"a {kind} column can't be restored")


def _text(table: Table, column: Column, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{_quoted(value)} is not text")
    computed = (table.name, column.name) in COMPUTED
    text = value if computed else clean(value)  # as every write is cleaned (store/owned.py)
    if "\x00" in text:
        raise ValueError("holds a NUL character")
    limit = getattr(column.type, "length", None) or MAX_TEXT
    if len(text) > limit:
        raise ValueError(f"{len(text):,} characters, more than the {limit:,} it can hold")
    if (table.name, column.name) in ENUMS and text not in set(ENUMS[table.name, column.name]):
        names = ", ".join(ENUMS[table.name, column.name])
        raise ValueError(f"{_quoted(text)} is not one of {names}")
    return text


_MOMENTS: tuple[tuple[type, Callable[[str], date | time], str], ...] = (
    (DateTime, datetime.fromisoformat, "a date and time (YYYY-MM-DDTHH:MM:SS)"),
    (Date, date.fromisoformat, "a date (YYYY-MM-DD)"),
    (Time, time.fromisoformat, "a time (HH:MM:SS)"),
)


def _moment(value: Any, read: Callable[[str], date | time], what: str) -> date | time:
    try:
        moment = read(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or getattr(moment, "tzinfo", None) is not None:
        raise ValueError(f"{_quoted(value)} is not {what}")
    return moment


def _quoted(value: Any) -> str:
    """A value as the file has it, cut short (a 50 MB string is not repeated back)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


# -- drafts that name a record -----------------------------------------------------------------


def draft_reference(row: dict[str, Any]) -> tuple[str, int] | None:
    """(table, id) of the record a draft names in its key or holds as its value, if it does."""
    if match := _DRAFT_KEY.fullmatch(row["key"]):
        return DRAFT_FORMS[match[1]], int(match[2])
    if row["key"] in DRAFT_VALUES:
        held = json.loads(row["value"])
        if isinstance(held, int) and not isinstance(held, bool) and held:
            return DRAFT_VALUES[row["key"]], held
    return None


def renumbered_draft(row: dict[str, Any], ids: dict[str, dict[int, int]]) -> dict[str, Any] | None:
    """The draft with the id it names renumbered by `ids` (table -> old -> new); None when the
    record is not among them."""
    named = draft_reference(row)
    if named is None:
        return row
    table, old = named
    new = ids[table].get(old)
    if new is None:
        return None
    if match := _DRAFT_KEY.fullmatch(row["key"]):
        return row | {"key": f"{match[1]}{new}{match[3]}"}
    return row | {"value": json.dumps(new)}


# -- the whole file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    table: str
    row: int  # its place in the table's list, from 1; 0 for the table as a whole
    id: Any  # the row's id as the file has it, when it has one
    field: str
    reason: str

    def __str__(self) -> str:
        where = self.table + (f" row {self.row}" if self.row else "")
        where += f" (id {self.id})" if isinstance(self.id, int) and self.row else ""
        return f"{where}{', ' + self.field if self.field else ''}: {self.reason}"


@dataclass
class _Check:
    """The file's rows typed table by table, and every problem found on the way."""

    typed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)  # table -> id -> row
    _place: dict[int, int] = field(default_factory=dict)  # id(typed row) -> its row number

    def new_row(self, place: int) -> dict[str, Any]:
        row: dict[str, Any] = {}
        self._place[id(row)] = place
        return row

    def place(self, row: dict[str, Any] | None) -> int:
        return 0 if row is None else self._place[id(row)]

    def problem(self, table: str, row: dict[str, Any] | None, name: str, reason: str) -> None:
        self.problems.append(Problem(table, self.place(row), (row or {}).get("id"), name, reason))


def check(tables: dict[str, Any]) -> Backup:
    """The file's tables typed and checked; BackupError lists every problem (MAX_LISTED at most)."""
    known = {t.name: t for t in owned_tables()}
    found = _Check()
    for name in tables.keys() - known.keys():
        found.problem(name, None, "", "unknown table: is the backup from a newer app?")
    for table in owned_tables():
        _rows(found, table, tables.get(table.name, []))
    for table in owned_tables():
        _references(found, table)
        _unique(found, table)
    if found.problems:
        lines = [str(p) for p in found.problems[:MAX_LISTED]]
        if len(found.problems) > MAX_LISTED:
            lines.append(f"… and {len(found.problems) - MAX_LISTED:,} more problems")
        raise BackupError(*lines, total=len(found.problems))
    return Backup(found.typed)


def _rows(found: _Check, table: Table, rows: Any) -> None:
    found.typed[table.name], found.ids[table.name] = [], {}
    if not isinstance(rows, list):
        found.problem(table.name, None, "", "not a list of rows")
        return
    for place, raw in enumerate(rows, start=1):
        row = _row(found, table, raw, place)
        found.typed[table.name].append(row)
        if isinstance(row.get("id"), int):
            if row["id"] in found.ids[table.name]:
                found.problem(table.name, row, "id", "used by an earlier row too")
            found.ids[table.name].setdefault(row["id"], row)


def _row(found: _Check, table: Table, raw: Any, place: int) -> dict[str, Any]:
    row = found.new_row(place)
    if not isinstance(raw, dict):
        found.problem(table.name, row, "", f"{_quoted(raw)} is not a row (an object)")
        return row
    if isinstance(raw.get("id"), int):
        row["id"] = raw["id"]  # named in the problems that follow
    for name in raw.keys() - table.c.keys():
        found.problem(table.name, row, name, "unknown column: is the backup from a newer app?")
    for column in table.c:
        if column.name == "owner_id":  # the restoring person owns every restored row
            continue
        if column.name not in raw:
            if column.primary_key or not (column.nullable or column.server_default):
                found.problem(table.name, row, column.name, "required, and missing")
            continue
        value = raw[column.name]
        if value is None:
            if column.primary_key or not column.nullable:
                found.problem(table.name, row, column.name, "required, and null")
            row[column.name] = None
            continue
        try:
            row[column.name] = _typed(table, column, value)
        except ValueError as exc:
            found.problem(table.name, row, column.name, str(exc))
    if table is drafts and isinstance(row.get("value"), str):
        _draft_value(found, row)
    return row


def _draft_value(found: _Check, row: dict[str, Any]) -> None:
    try:
        json.loads(row["value"])
    except ValueError:
        found.problem(drafts.name, row, "value", "not JSON text (a draft is kept as JSON)")
        del row["value"]


def _references(found: _Check, table: Table) -> None:
    """Every reference points at a row of the file, and two paths to a parent reach the same one
    (an answer's interviewer is one of its own interview's interviewers)."""
    refs = references(table)
    for row in found.typed[table.name]:
        for name, target in refs.items():
            value = row.get(name)
            if value is None:
                continue
            parent = found.ids[target].get(value)
            if parent is None:
                found.problem(table.name, row, name, f"no {target} row with id {value}")
            elif other := _other_parent(row, refs, name, parent):
                found.problem(table.name, row, name, f"{target} id {value} {other}")
        if table is drafts and "key" in row and "value" in row:
            named = draft_reference(row)
            if named and named[1] not in found.ids[named[0]]:
                what = "key" if _DRAFT_KEY.fullmatch(row["key"]) else "value"
                found.problem(table.name, row, what, f"names {named[0]} id {named[1]}: no such row")


def _other_parent(row: dict[str, Any], refs: dict[str, str], name: str, parent: dict) -> str:
    """How the row referenced by `name` belongs to another parent than `row` itself does, or ""."""
    for via, grand in references(metadata.tables[refs[name]]).items():
        for mine, target in refs.items():
            if target == grand and mine != name and row.get(mine) not in (None, parent.get(via)):
                return f"belongs to {grand} id {parent.get(via)}, not {row[mine]}"
    return ""


def _unique(found: _Check, table: Table) -> None:
    """Each unique key (less the owner, who is the restorer) used once."""
    for columns, only_null in _unique_keys(table):
        seen: dict[tuple, int] = {}
        for row in found.typed[table.name]:
            key = tuple(row.get(c) for c in columns)
            if None in key or (only_null and row.get(only_null) is not None):
                continue
            if key in seen:
                field = columns[-1] if columns else ""
                what = f"the same {', '.join(columns)} as row {seen[key]}"
                what = what if columns else "only one row is allowed"
                found.problem(table.name, row, field, what)
            seen.setdefault(key, found.place(row))


def _unique_keys(table: Table) -> list[tuple[tuple[str, ...], str | None]]:
    """(columns, the column a partial index wants NULL) of every unique constraint and index."""
    keys: list[tuple[tuple[str, ...], str | None]] = [
        (tuple(c.name for c in u.columns if c.name != "owner_id"), None)
        for u in table.constraints
        if isinstance(u, Unique)
    ]
    for index in table.indexes:
        if index.unique:
            where = index.dialect_options["sqlite"]["where"]
            only = re.fullmatch(r"(\w+) IS NULL", str(where)) if where is not None else None
            columns = tuple(c.name for c in index.columns if c.name != "owner_id")
            keys.append((columns, only[1] if only else None))
    return keys
