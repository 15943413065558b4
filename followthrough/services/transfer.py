"""Import & export: one call per action of the Import & export page and of its commands.

The page and `followthrough import / export / backup / restore` call these same functions, so a file
is read, previewed, imported, exported and restored one way; neither of them touches the store.
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from followthrough import formats
from followthrough.content import ImportWords
from followthrough.models import DateOrder, Field, Stage
from followthrough.services.workbook import Workbook
from followthrough.store import backup
from followthrough.store.applications import ApplicationRepository
from followthrough.store.backup_file import owned_tables
from followthrough.store.db import refresh_statistics
from followthrough.store.frames import FrameRepository
from followthrough.templates import fill
from followthrough.transfer.export import export_applications, to_csv
from followthrough.transfer.keys import workbook_keys
from followthrough.transfer.mapping import (
    REQUIRED,
    Mapping,
    apply_overrides,
    candidates,
    mapping_problems,
    shipped_words,
    suggest_mapping,
)
from followthrough.transfer.plan import (
    ImportBlocked,
    ImportPlan,
    ImportReport,
    Problem,
    commit_import,
    plan_import,
)
from followthrough.transfer.read import CsvError, CsvTable, read_table

PREVIEW_ROWS = 20
PREVIEW_LABELS = {  # the preview's columns, named as the mapping names their fields
    "line": "Line",
    "company": Field.COMPANY.label,
    "role_title": Field.ROLE_TITLE.label,
    "applied_on": Field.APPLIED_ON.label,
    "stage": "Stage",
    "status_on": Field.STATUS_ON.label,
    "source": Field.SOURCE.label,
    "listing_url": Field.LISTING_URL.label,
    "notes": Field.NOTES.label,
}
REPORT_HEADER = ["line", "column", "value", "outcome", "reason"]


class Refused(ValueError):
    """Nothing was read, imported or restored: `str()` is the reason, `sentence` tells a person,
    `problems` has a line for each problem of the file (the reason alone when it is one)."""

    def __init__(self, outcome: str, reason: str, problems: Sequence[str] = ()) -> None:
        super().__init__(reason)
        self.sentence = f"{outcome}: {reason.rstrip('.')}."
        self.problems = tuple(problems) or (reason,)


# -- CSV import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of an uploaded file, with the field its header suggests."""

    name: str
    example: str  # its first value ("" when the file has no data rows)
    suggested: Field | None

    @property
    def label(self) -> str:
        return f"“{self.name}” (e.g. {self.example!r})" if self.example else f"“{self.name}”"


@dataclass(frozen=True)
class Upload:
    """A CSV file read for import: its records and its columns."""

    table: CsvTable
    columns: tuple[Column, ...]
    words: ImportWords = field(default_factory=shipped_words, repr=False)

    @property
    def not_imported(self) -> str:
        """What a column mapped to no field reads as."""
        return self.words.not_imported

    def unmapped(self, mapping: Mapping) -> dict[str, Any]:
        """Rows, the required fields `mapping` leaves unmapped and the columns that could hold
        each (for `--json` when the import is blocked)."""
        found = candidates(self.table.header, mapping, self.table.cells, self.words)
        return {
            "rows": self.table.rows,
            "mapping": {
                name: f.value if f else None
                for name, f in zip(self.table.header, mapping, strict=True)
            },
            "unmapped": [f.value for f in REQUIRED if f not in mapping],
            "candidates": {f.value: columns for f, columns in found.items()},
        }

    def mapping(self, overrides: Sequence[str] = ()) -> Mapping:
        """The suggested mapping with `COLUMN=FIELD` overrides; ValueError names a bad override."""
        suggested = [column.suggested for column in self.columns]
        return apply_overrides(self.table.header, suggested, list(overrides))


@dataclass(frozen=True)
class Choices:
    """What the user decided about a file: each column's field, its date order, unknown statuses."""

    mapping: Mapping
    date_order: DateOrder | None = None
    statuses: dict[str, Stage] = field(default_factory=dict)  # raw status -> stage

    @property
    def key(self) -> Hashable:
        """The same for the same choices: what a preview kept between reruns is keyed on."""
        return (tuple(self.mapping), self.date_order, tuple(sorted(self.statuses.items())))


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, or would do, in the figures and sentences the page and the CLI show."""

    rows: int
    imported: int
    changed: int  # rows imported with a value altered
    headline: str  # the command line's first line
    caption: str  # how the file was read, under the page's figures
    report: ImportReport = field(repr=False)  # every problem, listed when asked for
    words: ImportWords = field(default_factory=shipped_words, repr=False)

    @property
    def rejected(self) -> int:
        """Rows not imported for a fault of their own."""
        return self.report.rejected

    @property
    def in_workbook(self) -> int:
        """Rows not imported because the workbook already holds them (not rejections)."""
        return self.report.in_workbook

    @property
    def message(self) -> str:
        """The outcome of a finished import."""
        template = self.words.result_in_workbook if self.in_workbook else self.words.result
        return fill(
            template,
            imported=formats.figure(self.imported),
            rows=formats.plural(self.rows, "row"),
            rejected=formats.figure(self.rejected),
            in_workbook=formats.figure(self.in_workbook),
        )

    @property
    def has_problems(self) -> bool:
        return bool(self.report.problems)

    def table(self) -> list[dict[str, Any]]:
        """One row per rejected or changed value: line, column, value, outcome, reason."""
        return self.report.table_rows()

    def table_csv(self) -> bytes:
        """The problems as a downloadable, formula-safe CSV file."""
        return to_csv(REPORT_HEADER, [row.values() for row in self.table()])

    def lines(self) -> list[str]:
        """The whole report as the command line prints it."""
        undated = self.words.undated_statuses if self.report.undated else ""
        notes = [n for n in (self.report.date_note, self.report.status_note, undated) if n]
        return [self.headline, *notes, *map(_problem_line, self.report.problems)]

    def as_dict(self) -> dict[str, Any]:
        """The report as `--json` prints it."""
        return self.report.as_dict()


@dataclass(frozen=True)
class ImportPreview:
    """The screen below the mapping: what is still to decide, then what the import would do."""

    plan: ImportPlan = field(repr=False)  # what `commit` writes
    mapping_problems: tuple[str, ...]
    date_question: str  # non-empty: a date order must be chosen before anything else shows
    asks_date_order: bool  # the date order is asked, or was chosen
    unrecognised: tuple[str, ...]  # status words to map to a stage, or reject
    summary: ImportSummary

    @property
    def blocked(self) -> str:
        """Why nothing can be imported yet ("" when it can)."""
        return self.plan.blocked_reason()

    def importing(self, all_or_nothing: bool) -> int:
        """How many rows the confirm would write."""
        return 0 if all_or_nothing and self.summary.rejected else self.summary.imported

    def first_rows(self) -> list[dict[Hashable, Any]]:
        """The first rows to import, keyed as PREVIEW_LABELS (built when shown: a dry run needn't)."""
        if not self.summary.imported:
            return []
        return self.plan.preview(PREVIEW_ROWS).to_dict("records")


def read_upload(data: bytes, words: ImportWords | None = None) -> Upload:
    """Read a CSV file's bytes and suggest a field for each column, from its header and its cells
    (`words`: the content pack's header and status words; the shipped pack's by default)."""
    words = words or shipped_words()
    try:
        table = read_table(data)
    except CsvError as exc:
        raise Refused("This file can't be imported", str(exc)) from exc
    suggested = suggest_mapping(table.header, words, table.cells)
    first = [str(value) for value in table.cells.iloc[0]] if len(table.cells) else []
    columns = tuple(
        Column(name, first[i] if first else "", suggested[i]) for i, name in enumerate(table.header)
    )
    return Upload(table, columns, words)


def version(wb: Workbook) -> tuple:
    """Changes whenever the workbook's applications do: a preview made at the same version still
    knows which rows are already in the workbook."""
    return wb.repo(FrameRepository).data_version()


def preview(wb: Workbook, upload: Upload, choices: Choices) -> ImportPreview:
    """Check every row under the user's choices against the workbook; nothing is written."""
    existing = workbook_keys(*wb.repo(ApplicationRepository).key_parts())
    plan = plan_import(
        upload.table,
        choices.mapping,
        date_order=choices.date_order,
        status_map=choices.statuses,
        existing_keys=existing,
        words=upload.words,
    )
    return ImportPreview(
        plan,
        tuple(mapping_problems(choices.mapping)),
        plan.date_question,
        bool(plan.date_question) or choices.date_order is not None,
        tuple(plan.unrecognised),
        _summary(ImportReport.of(plan), upload.words),
    )


def commit(
    wb: Workbook,
    preview: ImportPreview,
    *,
    all_or_nothing: bool = False,
    progress: Callable[[float], None] | None = None,
) -> ImportSummary:
    """Write the previewed rows in one transaction (none when all-or-nothing and any fail)."""
    try:
        report = commit_import(
            preview.plan,
            wb.repo(ApplicationRepository),
            all_or_nothing=all_or_nothing,
            progress=progress,
        )
    except ImportBlocked as exc:
        raise Refused("Nothing was imported", str(exc)) from exc
    refresh_statistics(wb.engine, owned_tables())
    return _summary(report, preview.plan.words)


def _summary(report: ImportReport, words: ImportWords) -> ImportSummary:
    how = f"{report.encoding}, {report.delimiter}-separated"
    verb = "would be imported" if report.dry_run else "imported"
    skipped = f"{how}, {formats.plural(report.blank_lines, 'blank line')} skipped."
    undated = words.undated_statuses if report.undated else ""
    notes = (skipped, report.date_note, report.status_note, undated)
    return ImportSummary(
        rows=report.rows,
        imported=report.imported,
        changed=len({p.line for p in report.problems if not p.rejected}),
        headline=fill(
            words.headline_in_workbook if report.in_workbook else words.headline,
            rows=formats.plural(report.rows, "data row"),
            how=how,
            verb=verb,
            imported=formats.figure(report.imported),
            rejected=formats.figure(report.rejected),
            in_workbook=formats.figure(report.in_workbook),
        ),
        caption=" ".join(part for part in notes if part),
        report=report,
        words=words,
    )


def _problem_line(problem: Problem) -> str:
    where = f"line {problem.line}" + (f", column {problem.column!r}" if problem.column else "")
    outcome = "rejected" if problem.rejected else "changed"
    return f"{where}: {problem.value!r} {outcome}: {problem.reason}"


# -- export, backup and restore ---------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A file to download or write: its bytes and how much it holds."""

    data: bytes
    rows: int
    tables: int = 1


@dataclass(frozen=True)
class BackupFile:
    """A backup file checked whole for restoring."""

    data: backup.Backup = field(repr=False)
    replaces: bool  # the workbook has rows that restoring it deletes

    @property
    def rows(self) -> int:
        return self.data.rows


@dataclass(frozen=True)
class Restored:
    rows: int
    tables: int

    @property
    def message(self) -> str:
        return f"Restored {formats.plural(self.rows, 'row')} from the backup."


def export_csv(wb: Workbook) -> Document:
    """Every application (archived too) with its stage history, formula-safe."""
    repo = wb.repo(ApplicationRepository)
    apps = repo.all(include_archived=True)
    return Document(export_applications(apps, repo.histories(include_archived=True)), len(apps))


def backup_json(wb: Workbook) -> Document:
    """The whole workbook as a JSON backup; Refused says why when one can't be made."""
    try:
        data = wb.repo(backup.BackupRepository).backup()
    except backup.BackupError as exc:
        raise Refused("No backup was made", str(exc)) from exc
    rows = sum(len(table) for table in data["tables"].values())
    return Document(backup.to_json(data).encode("utf-8"), rows, len(data["tables"]))


def read_backup(wb: Workbook, data: bytes) -> BackupFile:
    """A backup file checked whole (Refused lists every problem; nothing is changed), and whether
    restoring it replaces rows of the workbook."""
    try:
        parsed = backup.parse(data)
    except backup.BackupError as exc:
        raise Refused("This backup can't be restored", _nothing_changed(exc), exc.problems) from exc
    return BackupFile(parsed, not wb.repo(backup.BackupRepository).is_empty())


def restore(wb: Workbook, file: BackupFile) -> Restored:
    """Replace the workbook with the backup, in one transaction."""
    try:
        counts = wb.repo(backup.BackupRepository).restore(file.data)
    except backup.BackupError as exc:
        raise Refused("Nothing was restored", str(exc)) from exc
    refresh_statistics(wb.engine, owned_tables())
    return Restored(sum(counts.values()), len(counts))


def _nothing_changed(exc: backup.BackupError) -> str:
    if exc.total == 1:
        return str(exc)
    return f"{formats.plural(exc.total, 'problem')} in the file, nothing was changed"
