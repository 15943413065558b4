"""The `import`, `export`, `backup` and `restore` commands: the service calls the page makes.

Exit status: 0 when a report was produced (rows may still be rejected: the report says which),
2 with a one-line reason when the file cannot be imported or restored at all (a backup file with
problems: a line for each, naming table, row and field), a backup cannot be made, or a decision is
needed first.
"""

import argparse
import json
import sys
from pathlib import Path

from followthrough import config, formats
from followthrough.content import ContentError, ImportWords, load_model
from followthrough.models import DateOrder, Field, Stage
from followthrough.services import transfer
from followthrough.services.workbook import open_workbook

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


def _fail(reason: str, as_json: bool = False, details: dict | None = None) -> int:
    if as_json:
        print(json.dumps({"error": reason, **(details or {})}, ensure_ascii=False))
    print(f"error: {reason}", file=sys.stderr)
    return NEEDS_DECISION


def _import(args: argparse.Namespace) -> int:
    try:
        words = load_model(ImportWords, config.content_dir() / "imports.yaml")
    except ContentError as exc:
        return _fail(str(exc), args.json)
    try:
        upload = transfer.read_upload(args.file.read_bytes(), words)
        mapping = upload.mapping(args.map)
        statuses = _status_map(args.status)
    except (OSError, ValueError) as exc:
        return _fail(f"{args.file}: {exc}", args.json)
    wb = open_workbook(args.url)
    order = DateOrder(args.date_order) if args.date_order else None
    preview = transfer.preview(wb, upload, transfer.Choices(mapping, order, statuses))
    if blocked := preview.blocked:
        if preview.date_question:
            blocked += " Rerun with --date-order dmy, mdy or ymd."
        # Rows, the required fields still unmapped and the columns that could hold them.
        details = upload.unmapped(mapping) if preview.mapping_problems else None
        return _fail(blocked, args.json, details)
    try:
        summary = preview.summary
        if not args.dry_run:
            summary = transfer.commit(wb, preview, all_or_nothing=args.all_or_nothing)
    except transfer.Refused as exc:
        return _fail(str(exc), args.json)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        print("\n".join(summary.lines()))
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


def _export(args: argparse.Namespace) -> int:
    document = transfer.export_csv(open_workbook(args.url))
    args.file.write_bytes(document.data)
    print(f"Exported {formats.plural(document.rows, 'application')} to {args.file}.")
    return 0


def _backup(args: argparse.Namespace) -> int:
    try:
        document = transfer.backup_json(open_workbook(args.url))
        args.file.write_bytes(document.data)
    except transfer.Refused as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.file}: {exc}")
    rows, tables = formats.plural(document.rows, "row"), formats.plural(document.tables, "table")
    print(f"Backed up {rows} from {tables} to {args.file}.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    wb = open_workbook(args.url)
    try:
        file = transfer.read_backup(wb, args.file.read_bytes())
    except OSError as exc:
        return _fail(f"{args.file}: {exc}")
    except transfer.Refused as exc:  # one line per problem of the file
        for problem in exc.problems:
            _fail(f"{args.file}: {problem}")
        return NEEDS_DECISION
    if file.replaces and not args.replace:
        return _fail("the workbook is not empty: add --replace to overwrite it with the backup")
    try:
        restored = transfer.restore(wb, file)
    except transfer.Refused as exc:
        return _fail(f"{args.file}: {exc}")
    rows, tables = formats.plural(restored.rows, "row"), formats.plural(restored.tables, "table")
    print(f"Restored {rows} into {tables} from {args.file}.")
    return 0
