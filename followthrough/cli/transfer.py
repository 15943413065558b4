"""The `import`, `export`, `backup` and `restore` commands: the same functions the pages call.

Exit status: 0 when a report was produced (rows may still be rejected: the report says which),
2 with a one-line reason when the file cannot be imported at all or a decision is needed first.
"""

import argparse
import json
import sys
from pathlib import Path

from followthrough.models import Stage
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store import backup
from followthrough.store.applications import ApplicationRepository
from followthrough.transfer.dates import DateOrder
from followthrough.transfer.export import export_applications
from followthrough.transfer.keys import workbook_keys
from followthrough.transfer.mapping import Field, apply_overrides, suggest_mapping
from followthrough.transfer.plan import ImportBlocked, ImportReport, commit_import, plan_import
from followthrough.transfer.read import CsvError, read_table

NEEDS_DECISION = 2


def register(commands: argparse._SubParsersAction) -> None:
    url = {"help": "database URL (default: FOLLOWTHROUGH_DB_URL or data/)"}
    imp = commands.add_parser("import", help="import applications from a CSV file")
    imp.add_argument("file", type=Path, help="CSV: comma, semicolon or tab; UTF-8/16 or cp1252")
    imp.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    imp.add_argument(
        "--date-order",
        choices=[o.value for o in DateOrder],
        help="how to read dates like 04/05/2026 when the file can't tell",
    )
    fields = ", ".join([*Field, "ignore"])
    imp.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD", help=f"FIELD: {fields}"
    )
    imp.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="VALUE=STAGE",
        help=f"read an unknown status as a stage: {', '.join(Stage)}",
    )
    imp.add_argument(
        "--all-or-nothing", action="store_true", help="import nothing if any row is rejected"
    )
    imp.add_argument("--json", action="store_true", help="print the report as one JSON object")
    imp.add_argument("--url", **url)
    imp.set_defaults(handler=_import)
    for name, handler, text in (
        ("export", _export, "write applications with their stage history to a CSV file"),
        ("backup", _backup, "write the whole workbook to a JSON file"),
        ("restore", _restore, "replace the workbook with a JSON backup"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("file", type=Path)
        command.add_argument("--url", **url)
        if name == "restore":
            command.add_argument(
                "--replace", action="store_true", help="allow replacing a non-empty workbook"
            )
        command.set_defaults(handler=handler)


def _fail(reason: str, as_json: bool = False) -> int:
    if as_json:
        print(json.dumps({"error": reason}))
    print(f"error: {reason}", file=sys.stderr)
    return NEEDS_DECISION


def _repository(wb: Workbook) -> ApplicationRepository:
    return ApplicationRepository(wb.engine, wb.owner.id)


def _import(args: argparse.Namespace) -> int:
    try:
        table = read_table(args.file.read_bytes())
        mapping = apply_overrides(table.header, suggest_mapping(table.header), args.map)
        status_map = _status_map(args.status)
    except (OSError, CsvError, ValueError) as exc:
        return _fail(f"{args.file}: {exc}", args.json)
    repo = _repository(open_workbook(args.url))
    order = DateOrder(args.date_order) if args.date_order else None
    plan = plan_import(
        table,
        mapping,
        date_order=order,
        status_map=status_map,
        existing_keys=workbook_keys(*repo.key_parts()),
    )
    if blocked := plan.blocked_reason():
        if plan.date_question:
            blocked += " Rerun with --date-order dmy, mdy or ymd."
        return _fail(blocked, args.json)
    if args.dry_run:
        report = ImportReport.of(plan)
    else:
        try:
            report = commit_import(plan, repo, all_or_nothing=args.all_or_nothing)
        except ImportBlocked as exc:
            return _fail(str(exc), args.json)
    _print_report(report, args.json)
    return 0


def _status_map(items: list[str]) -> dict[str, Stage]:
    found = {}
    for item in items:
        value, sep, stage = item.rpartition("=")
        if not sep or stage not in Stage.__members__.values():
            names = ", ".join(Stage)
            raise ValueError(f"--status {item!r}: expected VALUE=STAGE with STAGE one of {names}")
        found[value] = Stage(stage)
    return found


def _print_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    verb = "would be imported" if report.dry_run else "imported"
    print(
        f"{report.rows} data rows ({report.encoding}, {report.delimiter}-separated): "
        f"{report.imported} {verb}, {report.rejected} rejected."
    )
    for note in (report.date_note, report.status_note):
        if note:
            print(note)
    for p in report.problems:
        outcome = "rejected" if p.rejected else "changed"
        where = f"line {p.line}" + (f", column {p.column!r}" if p.column else "")
        print(f"{where}: {p.value!r} {outcome}: {p.reason}")


def _export(args: argparse.Namespace) -> int:
    repo = _repository(open_workbook(args.url))
    apps = repo.all(include_archived=True)
    args.file.write_bytes(export_applications(apps, repo.histories(include_archived=True)))
    print(f"Exported {len(apps)} applications to {args.file}.")
    return 0


def _backup(args: argparse.Namespace) -> int:
    wb = open_workbook(args.url)
    data = backup.backup(wb.engine, wb.owner.id)
    args.file.write_text(backup.to_json(data), encoding="utf-8")
    rows = sum(len(rows) for rows in data["tables"].values())
    print(f"Backed up {rows} rows from {len(data['tables'])} tables to {args.file}.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    try:
        data = backup.parse(args.file.read_bytes())
    except (OSError, backup.BackupError) as exc:
        return _fail(f"{args.file}: {exc}")
    wb = open_workbook(args.url)
    if not args.replace and not backup.is_empty(wb.engine, wb.owner.id):
        return _fail("the workbook is not empty: add --replace to overwrite it with the backup")
    counts = backup.restore(wb.engine, wb.owner.id, data)
    print(f"Restored {sum(counts.values())} rows into {len(counts)} tables from {args.file}.")
    return 0
