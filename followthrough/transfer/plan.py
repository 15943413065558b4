"""Importing applications from a CSV file: mapping, validation, a preview report, one-transaction commit.

`plan_import` writes nothing: it returns what would be imported and a report naming every rejected
or altered row by line, column, raw value and reason, so imported + rejected = the file's data rows.
Whole columns are checked at once (each distinct date or status is read once), so a 100,000-row
file previews in well under a second.
"""

import functools
import re
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followthrough.cleaning import clean
from followthrough.content import ImportWords
from followthrough.models import Conflict, DateOrder, Field, Stage
from followthrough.transfer.dates import DateReading, is_ambiguous, order_hint, read_date
from followthrough.transfer.export import GUARD, GUARDED_STARTS
from followthrough.transfer.history import parse_history
from followthrough.transfer.keys import natural_keys
from followthrough.transfer.mapping import Mapping, known_status, mapping_problems, shipped_words
from followthrough.transfer.read import DELIMITERS, CsvTable

# Column widths of the applications table: longer values are rejected, never cut.
MAX_LENGTH = {Field.COMPANY: 200, Field.ROLE_TITLE: 200, Field.SOURCE: 100, Field.LISTING_URL: 1000}
# The guard export puts before a cell that would run as a formula, or that starts with ' itself.
_FORMULA_GUARD = re.compile(re.escape(GUARD) + "[" + re.escape("".join(GUARDED_STARTS)) + "]")
_URL_PREFIXES = ("http://", "https://")  # then one or more characters, none of RE2's \s
_RE2_SPACE = np.zeros(256, dtype=bool)
_RE2_SPACE[[ord(c) for c in "\t\n\f\r "]] = True
_CONTROL = np.zeros(256, dtype=bool)  # the C0 controls and DEL but tab, LF and CR: cleaning.clean's
_CONTROL[[*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]] = True
CONTROLS_REMOVED = "control characters removed (a vertical tab or form feed becomes a line break)"
_TEXT_COLUMNS = {
    "company": Field.COMPANY,
    "role_title": Field.ROLE_TITLE,
    "source": Field.SOURCE,
    "listing_url": Field.LISTING_URL,
    "notes": Field.NOTES,
}
_DAYS = "datetime64[D]"  # dates as numpy compares them, NaT where there is none
_BARE_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+(/\S*)?")
Column = np.ndarray | pd.api.extensions.ExtensionArray
ALL_OR_NOTHING_REASON = "not imported: you chose to import nothing when any row is rejected"


class ImportBlocked(Exception):
    """The import needs a decision first (mapping or date order); `str()` says which."""


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    value: str
    reason: str
    rejected: bool = True  # False: the row is imported, with this value altered
    in_workbook: bool = False  # rejected only because the workbook already holds the row


@dataclass
class ImportPlan:
    table: CsvTable
    mapping: Mapping
    date_order: DateOrder | None = None
    date_note: str = ""  # how the date order was settled
    date_question: str = ""  # non-empty: the user must choose a date order before importing
    statuses: dict[str, Stage | None] = field(default_factory=dict)  # distinct raw -> stage
    unrecognised: list[str] = field(default_factory=list)  # statuses for the user to map
    problems: list[Problem] = field(default_factory=list)
    candidates: dict[str, Column] = field(default_factory=dict)  # every data row, checked
    keep: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # rows to import
    in_workbook: int = 0  # rows rejected only because the workbook already holds them
    words: ImportWords = field(default_factory=shipped_words, repr=False)

    @functools.cached_property
    def accepted(self) -> pd.DataFrame:
        """One row per application to import; built when first asked for (a dry run needn't)."""
        kept = {name: column[self.keep] for name, column in self.candidates.items()}
        for name in ("applied_on", "status_on"):
            if name in kept:
                kept[name] = kept[name].astype(object)  # datetime64[D] to datetime.date
        return pd.DataFrame(kept, copy=False)

    @property
    def rows(self) -> int:
        return self.table.rows

    @property
    def importable(self) -> int:
        return int(np.count_nonzero(self.keep))

    @property
    def rejected(self) -> int:
        """Rows not imported for a fault of their own (not those already in the workbook)."""
        return self.rows - self.importable - self.in_workbook

    @property
    def undated(self) -> int:
        """Rows to import whose status (beyond applied) has no date in the file."""
        if not self.importable:
            return 0
        accepted = self.accepted
        later = ~accepted["stage"].isin([Stage.SAVED, Stage.APPLIED, None])
        return int((later & accepted["status_on"].isna() & accepted["history"].isna()).sum())

    @property
    def unknown_statuses(self) -> list[str]:
        return [raw for raw, stage in self.statuses.items() if stage is None]

    def preview(self, rows: int) -> pd.DataFrame:
        """The first rows to import, as the user should check them."""
        shown = self.accepted.head(rows)
        columns = ["line", "company", "role_title", "applied_on", "stage", "status_on", "source"]
        return shown[[*columns, "listing_url", "notes"]].assign(
            stage=[Stage(s).label for s in shown["stage"]]
        )

    def blocked_reason(self) -> str:
        """Why nothing can be imported yet ("" when it can)."""
        problems = mapping_problems(self.mapping)
        return " ".join(problems) or self.date_question


def plan_import(
    table: CsvTable,
    mapping: Mapping,
    *,
    date_order: DateOrder | None = None,
    status_map: dict[str, Stage] | None = None,
    existing_keys: Set[str] = frozenset(),
    words: ImportWords | None = None,
) -> ImportPlan:
    """Check every data row of `table` under `mapping`; nothing is written. `words`: the content
    pack's status words and sentences (the shipped pack's by default)."""
    plan = ImportPlan(table, mapping, words=words or shipped_words())
    if mapping_problems(mapping):
        return plan
    check = _Checker(table, mapping, plan)
    check.field_counts()
    for text_field in (Field.COMPANY, Field.ROLE_TITLE, Field.SOURCE, Field.NOTES):
        check.text(text_field)
    check.url()
    plan.date_order, plan.date_note, plan.date_question = _settle_order(check, date_order)
    if plan.date_question:
        return plan
    applied = check.dates(Field.APPLIED_ON, plan.date_order, required=True)
    status_on = check.dates(Field.STATUS_ON, plan.date_order, required=False)
    stages = check.stages(status_map or {})
    check.status_after_applied(applied, status_on)
    histories = check.histories()
    plan.candidates = check.candidates(applied, status_on, stages, histories, existing_keys)
    plan.keep = check.ok
    # A value altered on a row that was rejected anyway is not worth a line of the report.
    rejected = {p.line for p in plan.problems if p.rejected}
    plan.problems = [p for p in plan.problems if p.rejected or p.line not in rejected]
    plan.problems.sort(key=lambda p: (p.line, not p.rejected))
    return plan


class _Checker:
    """Column-at-a-time checks; each marks rows rejected and adds a Problem per bad cell."""

    def __init__(self, table: CsvTable, mapping: Mapping, plan: ImportPlan) -> None:
        self.table, self.plan = table, plan
        self.lines = table.lines
        self.ok = np.ones(len(table.lines), dtype=bool)  # rows not rejected so far
        self.columns = {f: i for i, f in enumerate(mapping) if f is not None}
        self.values: dict[Field, pd.Series] = {}
        self.iso: dict[Field, pa.Array] = {}
        # Per checker, not functools.cache: a cache on the method would keep every plan alive.
        self._distinct: dict[Field, tuple[np.ndarray, list[str]]] = {}

    def column(self, f: Field) -> pd.Series:
        """The cells of the column mapped to `f` (callers check that one is)."""
        return self.table.cells[self.columns[f]]

    def reject(self, mask: np.ndarray, f: Field, reason: str | Callable[[int], str]) -> None:
        """Reject the rows in `mask`, each bad cell reported even on a row already rejected."""
        self._report(mask, f, reason, rejected=True)
        self.ok &= ~mask

    def change(self, mask: np.ndarray, f: Field, reason: str | Callable[[int], str]) -> None:
        self._report(mask, f, reason, rejected=False)

    def _report(
        self,
        mask: np.ndarray,
        f: Field,
        reason: str | Callable[[int], str],
        rejected: bool,
        in_workbook: bool = False,
    ) -> None:
        rows = np.flatnonzero(mask)
        if not len(rows):
            return
        name = self.table.header[self.columns[f]]
        values = self.column(f).iloc[rows].tolist()
        for row, line, value in zip(rows.tolist(), self.lines[rows].tolist(), values, strict=True):
            why = reason(row) if callable(reason) else reason
            self.plan.problems.append(Problem(line, name, value, why, rejected, in_workbook))

    def field_counts(self) -> None:
        width = len(self.table.header)
        for record in self.table.malformed:
            reason = f"{record.fields} fields where the header has {width} (nothing padded or cut)"
            self.plan.problems.append(Problem(record.line, "", record.text, reason))

    def text(self, f: Field) -> None:
        if f not in self.columns:
            self.values[f] = pd.Series("", index=self.table.cells.index)
            return
        raw, cells = self.cleaned(f)
        if f in (Field.COMPANY, Field.ROLE_TITLE):
            self.reject(_blank(cells), f, f"{f.label.lower()} is empty")
        if f in MAX_LENGTH:
            self.reject(_longer(cells, MAX_LENGTH[f]), f, f"longer than {MAX_LENGTH[f]} characters")
        guarded = _numpy(pc.starts_with(cells, GUARD))
        for row in np.flatnonzero(guarded).tolist():
            guarded[row] = bool(_FORMULA_GUARD.match(str(raw.iat[row])))
        if guarded.any():
            self.change(guarded, f, "leading ' (a spreadsheet formula guard) removed")
            raw = raw.mask(guarded, raw.str.slice(1))
        self.values[f] = raw

    def cleaned(self, f: Field) -> tuple[pd.Series, pa.Array]:
        """The column's cells, in pandas and pyarrow, with control characters taken out as the
        store does for typed text (PostgreSQL refuses NUL), each such cell reported."""
        raw = self.column(f)
        cells = _arrow(raw)
        dirty = _has_byte(cells, _CONTROL)
        if not dirty.any():
            return raw, cells
        self.change(dirty, f, CONTROLS_REMOVED)
        raw = raw.mask(dirty, raw[dirty].map(clean))
        return raw, _arrow(raw)

    def url(self) -> None:
        if Field.LISTING_URL not in self.columns:
            self.values[Field.LISTING_URL] = pd.Series("", index=self.table.cells.index)
            return
        raw, cells = self.cleaned(Field.LISTING_URL)
        text = pc.utf8_trim_whitespace(cells)
        fine = _numpy(pc.equal(text, "")) | _is_url(text)
        bare = np.zeros(len(fine), dtype=bool)
        if not fine.all():
            bare[~fine] = _matches(text.filter(~fine), _BARE_DOMAIN)
        self.reject(~fine & ~bare, Field.LISTING_URL, "not a web address")
        if bare.any():
            self.change(bare, Field.LISTING_URL, "https:// added")
            prefixed = pc.utf8_replace_slice(text.filter(bare), 0, 0, "https://")
            text = pc.replace_with_mask(text, pa.array(bare), prefixed)
        limit = MAX_LENGTH[Field.LISTING_URL]
        self.reject(_longer(text, limit), Field.LISTING_URL, f"longer than {limit} characters")
        self.values[Field.LISTING_URL] = pd.Series(_str_array(text), index=raw.index)

    def distinct(self, f: Field) -> tuple[np.ndarray, list[str]]:
        """Codes per row (numbered in order of appearance) and the distinct values."""
        if f not in self._distinct:
            encoded = pc.dictionary_encode(_arrow(self.column(f)))
            self._distinct[f] = encoded.indices.to_numpy(), encoded.dictionary.to_pylist()
        return self._distinct[f]

    def order_evidence(self) -> dict[str, tuple[int, str]]:
        """'dmy'/'mdy'/'ambiguous' -> (line, raw) of the first date that shows it."""
        found: dict[str, tuple[int, str]] = {}
        for f in (Field.APPLIED_ON, Field.STATUS_ON):
            if f not in self.columns:
                continue
            codes, uniques = self.distinct(f)
            # A code's first row is where the running maximum of the codes steps up.
            first_row = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1))
            for code, raw in enumerate(uniques):
                kind = order_hint(raw) or ("ambiguous" if is_ambiguous(raw) else None)
                line = int(self.lines[first_row[code]])
                if kind and (kind not in found or line < found[kind][0]):
                    found[kind] = (line, raw)
        return found

    def dates(self, f: Field, order: DateOrder | None, required: bool) -> np.ndarray:
        """Each row's date (NaT where rejected or, when optional, blank); ISO text in self.iso."""
        if f not in self.columns:
            return np.full(len(self.ok), np.datetime64("NaT"), dtype=_DAYS)
        codes, uniques = self.distinct(f)
        readings = [_read(raw, order, required) for raw in uniques]
        reasons = np.array([r.reason for r in readings] or [""], dtype=object)
        changes = np.array([r.change for r in readings] or [""], dtype=object)
        self.reject((reasons != "")[codes], f, lambda row: reasons[codes[row]])
        self.change((changes != "")[codes], f, lambda row: changes[codes[row]])
        values = np.array([r.value for r in readings] or [None], dtype=_DAYS)
        iso = [r.value.isoformat() if r.value else "" for r in readings]
        self.iso[f] = pa.array(iso, pa.large_string()).take(codes)
        return values[codes]

    def stages(self, status_map: dict[str, Stage]) -> np.ndarray:
        """Each row's stage (None where the status is unknown)."""
        if Field.STATUS not in self.columns:
            return np.full(len(self.ok), Stage.APPLIED, dtype=object)
        codes, uniques = self.distinct(Field.STATUS)
        found = []
        for raw in uniques:
            text = raw.strip()
            known = known_status(text, self.plan.words) if text else Stage.APPLIED
            stage = Stage.APPLIED if not text else status_map.get(text) or known
            if text and text not in self.plan.statuses:
                self.plan.statuses[text] = stage
                if known is None:
                    self.plan.unrecognised.append(text)
            found.append(stage)
        unknown = np.array([stage is None for stage in found], dtype=bool)[codes]
        cells = self.column(Field.STATUS)
        self.reject(
            unknown, Field.STATUS, lambda r: f"'{str(cells.iat[r]).strip()}' is not a stage: map it"
        )
        return np.array([*found, None], dtype=object)[codes]

    def histories(self) -> np.ndarray:
        """Each row's own stage history (from a History column, as exported), else None."""
        result = np.full(len(self.ok), None, dtype=object)
        if Field.HISTORY not in self.columns:
            return result
        codes, uniques = self.distinct(Field.HISTORY)
        parsed = np.full(max(len(uniques), 1), None, dtype=object)
        reasons = np.full(max(len(uniques), 1), "", dtype=object)
        for code, raw in enumerate(uniques):
            try:
                parsed[code] = parse_history(raw) or None
            except ValueError as exc:
                reasons[code] = str(exc)
        self.reject((reasons != "")[codes], Field.HISTORY, lambda row: reasons[codes[row]])
        result[:] = parsed[codes]
        return result

    def status_after_applied(self, applied: np.ndarray, status_on: np.ndarray) -> None:
        if Field.STATUS_ON in self.columns:  # a missing date (NaT) is never before another
            self.reject(status_on < applied, Field.STATUS_ON, "before the date applied")

    def candidates(
        self,
        applied: np.ndarray,
        status_on: np.ndarray,
        stages: np.ndarray,
        histories: np.ndarray,
        existing: Set[str],
    ) -> dict[str, Column]:
        """Every row as it would be imported, once duplicates are rejected too."""
        v = self.values
        iso = self.iso[Field.APPLIED_ON]
        keys = natural_keys(_arrow(v[Field.COMPANY]), _arrow(v[Field.ROLE_TITLE]), iso)
        if existing:
            in_workbook = pc.is_in(keys, value_set=pa.array(list(existing), pa.large_string()))
            held = _numpy(in_workbook) & self.ok
            self.plan.in_workbook = int(np.count_nonzero(held))
            self._report(held, Field.COMPANY, self.plan.words.in_workbook, True, in_workbook=True)
            self.ok &= ~held
        self._reject_repeats(keys)
        # A status with no date of its own stays undated, in the preview and in the workbook.
        columns: dict[str, Column] = {name: v[f].array for name, f in _TEXT_COLUMNS.items()}
        return columns | {
            "applied_on": applied,
            "natural_key": _str_array(keys),
            "stage": stages,
            "status_on": status_on,
            "history": histories,
            "line": self.lines,
        }

    def _reject_repeats(self, keys: pa.Array) -> None:
        """A row repeating an earlier accepted row's company, role and date is rejected, naming it."""
        codes = pc.dictionary_encode(keys).indices.to_numpy()
        rows = np.flatnonzero(self.ok)
        if not len(rows) or np.bincount(codes[rows]).max() == 1:
            return  # the usual case, found without marking each row
        first = np.full(len(codes), len(codes))  # each key's first accepted row
        np.minimum.at(first, codes[rows], rows)
        repeats = self.ok & (first[codes] != np.arange(len(codes)))
        self.reject(
            repeats,
            Field.COMPANY,
            lambda row: (
                f"same company, role and date applied as line {self.lines[first[codes[row]]]}"
            ),
        )


def _matches(text: pa.Array, pattern: re.Pattern) -> np.ndarray:
    """Whole-value regex match in pyarrow's RE2 (pandas would fall back to a Python loop)."""
    return _numpy(pc.match_substring_regex(text, f"^(?:{pattern.pattern})$"))


def _is_url(text: pa.Array) -> np.ndarray:
    """Whole-value match of `https?://\\S+` (RE2's \\S), by prefix, length and a byte scan."""
    lengths = _numpy(pc.binary_length(text))
    found = np.zeros(len(text), dtype=bool)
    for prefix in _URL_PREFIXES:
        found |= _numpy(pc.starts_with(text, prefix)) & (lengths > len(prefix))
    return found & ~_has_byte(text, _RE2_SPACE)


def _has_byte(text: pa.Array, wanted: np.ndarray) -> np.ndarray:
    """Rows of `text` holding any byte marked in `wanted` (a 256-entry table marking only bytes up
    to the space, and DEL): one pass picks those few bytes, the table then says which count."""
    _validity, offsets, data = text.buffers()
    offsets = np.frombuffer(offsets, np.int64)[text.offset : text.offset + len(text) + 1]
    found = np.zeros(len(text), dtype=bool)
    if data is None or offsets[0] == offsets[-1]:
        return found
    raw = np.frombuffer(data, np.uint8)[offsets[0] : offsets[-1]]
    near = raw <= 0x20
    if wanted[0x7F]:
        near |= raw == 0x7F
    low = np.flatnonzero(near)
    hits = low[wanted[raw[low]]] + offsets[0]
    found[np.searchsorted(offsets, hits, side="right") - 1] = True
    return found


def _blank(cells: pa.Array) -> np.ndarray:
    """Empty or nothing but whitespace (Unicode's, as pandas' `.str.strip()` removes it)."""
    return _numpy(pc.or_(pc.equal(pc.binary_length(cells), 0), pc.utf8_is_space(cells)))


def _longer(cells: pa.Array, limit: int) -> np.ndarray:
    """Values of more than `limit` characters; only those of more than `limit` bytes are counted."""
    longer = _numpy(pc.greater(pc.binary_length(cells), limit))
    if longer.any():
        longer[longer] = _numpy(pc.greater(pc.utf8_length(cells.filter(longer)), limit))
    return longer


def _arrow(values: pd.Series) -> pa.Array:
    """A column's strings as one pyarrow array (pandas may hold them in chunks, or none if empty)."""
    array = pa.array(values)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _numpy(mask: pa.Array) -> np.ndarray:
    return mask.to_numpy(zero_copy_only=False)


def _str_array(strings: pa.Array) -> pd.api.extensions.ExtensionArray:
    """pandas' own str column of pyarrow strings, without pandas inferring it value by value."""
    return pd.array(strings, dtype=pd.StringDtype(na_value=np.nan))


def _read(raw: str, order: DateOrder | None, required: bool) -> DateReading:
    if not raw.strip() and not required:
        return DateReading(None)
    return read_date(raw, order)


def _settle_order(check: _Checker, chosen: DateOrder | None) -> tuple[DateOrder | None, str, str]:
    """(order, how it was settled, question for the user) from the choice or the file's own dates."""
    if chosen is not None:
        return chosen, f"Dates read as {chosen.label}, as you chose.", ""
    found = check.order_evidence()
    dmy, mdy, ambiguous = found.get(DateOrder.DMY), found.get(DateOrder.MDY), found.get("ambiguous")
    if dmy and mdy:
        return (
            None,
            "",
            f"The dates disagree: line {dmy[0]} has {dmy[1]} (day first) and line {mdy[0]} has "
            f"{mdy[1]} (month first). Which order does most of this file use?",
        )
    for order, evidence in ((DateOrder.DMY, dmy), (DateOrder.MDY, mdy)):
        if evidence:
            line, raw = evidence
            return order, f"Dates read as {order.label}: line {line} has {raw}.", ""
    if ambiguous:
        line, raw = ambiguous
        return (
            None,
            "",
            f"Every date in this file reads both ways (line {line} has {raw}): is it "
            "day/month/year or month/day/year?",
        )
    return None, "", ""


def history(
    stage: Stage, applied_on: date, status_on: date | None
) -> list[tuple[Stage, date | None]]:
    """The status events of a row without its own history: applied on its date, then its status on
    its own date, which stays unknown (None) when the file gives none: never the day applied."""
    if stage in (Stage.SAVED, Stage.APPLIED):
        return [(stage, applied_on)]
    return [(Stage.APPLIED, applied_on), (stage, status_on)]


_COLUMNS = ["company", "role_title", "source", "listing_url", "applied_on", "notes", "natural_key"]


class Importer(Protocol):
    def import_rows(
        self, rows: list[dict], histories: list, progress: Callable[[float], None] | None
    ) -> int: ...


def commit_import(
    plan: ImportPlan,
    repo: Importer,
    *,
    all_or_nothing: bool = False,
    progress: Callable[[float], None] | None = None,
) -> "ImportReport":
    """Write the plan's accepted rows in one transaction (none when all-or-nothing and any fail)."""
    if blocked := plan.blocked_reason():
        raise ImportBlocked(blocked)
    report = ImportReport.of(plan, dry_run=False)
    if all_or_nothing and plan.rejected:
        held = [Problem(int(line), "", "", ALL_OR_NOTHING_REASON) for line in plan.accepted["line"]]
        report.problems = sorted(report.problems + held, key=lambda p: p.line)
        report.imported = 0
        return report
    accepted = plan.accepted
    histories = [
        own or history(Stage(stage), applied_on, status_on)
        for stage, applied_on, status_on, own in zip(
            accepted["stage"],
            accepted["applied_on"],
            accepted["status_on"],
            accepted["history"],
            strict=True,
        )
    ]
    try:
        report.imported = repo.import_rows(
            accepted[_COLUMNS].to_dict("records"), histories, progress
        )
    except Conflict as exc:  # another import wrote some of these rows since the preview
        raise ImportBlocked(
            "some of these rows were added to the workbook since the preview: nothing was "
            "imported; preview the file again"
        ) from exc
    return report


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do), for people and for `--json`."""

    rows: int
    imported: int
    problems: list[Problem]
    encoding: str
    delimiter: str
    blank_lines: int
    date_note: str
    dry_run: bool
    statuses: dict[str, Stage | None]  # distinct raw -> stage
    in_workbook: int = 0  # rows left out because the workbook already holds them
    undated: int = 0  # rows whose status has no date in the file

    @classmethod
    def of(cls, plan: ImportPlan, dry_run: bool = True) -> "ImportReport":
        table = plan.table
        return cls(
            rows=plan.rows,
            imported=plan.importable,
            problems=list(plan.problems),
            encoding=table.encoding,
            delimiter=DELIMITERS[table.delimiter],
            blank_lines=table.blank_lines,
            date_note=plan.date_note,
            dry_run=dry_run,
            statuses=dict(plan.statuses),
            in_workbook=plan.in_workbook,
            undated=plan.undated,
        )

    @property
    def rejected(self) -> int:
        """Rows not imported for a fault of their own (not those already in the workbook)."""
        return max(self.rows - self.imported - self.in_workbook, 0)

    def as_dict(self) -> dict:
        def listed(rejected: bool) -> list[dict]:
            return [
                {"line": p.line, "column": p.column, "value": p.value, "reason": p.reason}
                for p in self.problems
                if p.rejected == rejected and not p.in_workbook
            ]

        return {
            "rows": self.rows,
            "imported": self.imported,
            "rejected": self.rejected,
            "in_workbook": self.in_workbook,
            "undated_statuses": self.undated,
            "dry_run": self.dry_run,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "blank_lines": self.blank_lines,
            "date_order": self.date_note,
            "statuses": {raw: stage and stage.value for raw, stage in self.statuses.items()},
            "errors": listed(True),
            "changes": listed(False),
        }

    @property
    def status_note(self) -> str:
        """How the file's own status words were read as stages ("" when each is a stage's name)."""
        read = [
            f"{raw} → {stage.label}"
            for raw, stage in self.statuses.items()
            if stage and raw.casefold() not in (stage.label.casefold(), stage.value)
        ]
        return f"Statuses read as: {', '.join(read)}." if read else ""

    def table_rows(self) -> list[dict]:
        """One row per problem, for the preview table and the downloadable report."""
        return [
            {
                "line": p.line,
                "column": p.column,
                "value": p.value,
                "outcome": (
                    "already in your workbook"
                    if p.in_workbook
                    else "rejected"
                    if p.rejected
                    else "imported, changed"
                ),
                "reason": p.reason,
            }
            for p in self.problems
        ]
