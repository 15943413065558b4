"""The `followthrough` command line (also `python -m followthrough`)."""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from followthrough import config, formats
from followthrough.cli import transfer
from followthrough.content import ContentError, ContentPack, load_content
from followthrough.services import cohorts
from followthrough.services.workbook import open_workbook, upgrade_database


def _db_upgrade(args: argparse.Namespace) -> int:
    where, revision = upgrade_database(args.url)
    print(f"Database at {where} is at revision {revision}.")
    return 0


def _content_check(args: argparse.Namespace) -> int:
    if args.all:
        if args.dir:
            print("error: give a folder or --all, not both", file=sys.stderr)
            return 2
        return _check_every_pack()
    directory = Path(args.dir) if args.dir else config.content_dir()
    try:
        pack = load_content(directory)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    _print_pack(directory, pack)
    return 0


def _check_every_pack() -> int:
    """Every content pack on this server (the default and FOLLOWTHROUGH_PACKS_DIR's): 1 when
    any is broken, each broken one named with its error."""
    loaded: dict[Path, ContentPack] = {}

    def load(directory: Path) -> ContentPack:
        loaded[directory] = load_content(directory)
        return loaded[directory]

    broken = 0
    for status in cohorts.pack_statuses(load):
        if status.problem:
            broken += 1
            print(f"error: pack {status.name}: {status.problem}", file=sys.stderr)
        else:
            print(f"pack {status.name}:")
            _print_pack(status.directory, loaded[status.directory])
    return 1 if broken else 0


def _print_pack(directory: Path, pack: ContentPack) -> None:
    prompts = sum(len(step.prompts) for step in pack.steps)
    print(f"{directory}: OK — {len(pack.steps)} steps, {prompts} prompts.")
    for plan in pack.workshops:  # each plan's total, for the coach to check against the slot booked
        segments = formats.plural(len(plan.segments), "segment")
        print(f"workshop {plan.id}: {segments}, {formats.plural(plan.total_minutes, 'minute')}.")


def _funnel(args: argparse.Namespace) -> int:
    # pandas loads only for this command, so the others start fast.
    from followthrough.services import analytics

    try:
        pack = load_content(config.content_dir())
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    report = analytics.report(open_workbook(args.url), pack, date.today())
    if args.json:
        print(json.dumps(analytics.summary(report), ensure_ascii=False))
    else:
        print("\n".join(analytics.funnel_lines(report)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="followthrough", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True
    )
    upgrade = db.add_parser("upgrade", help="apply migrations up to the newest schema")
    upgrade.add_argument("--url", help="database URL (default: FOLLOWTHROUGH_DB_URL or data/)")
    upgrade.set_defaults(handler=_db_upgrade)

    content = commands.add_parser("content", help="coaching content").add_subparsers(
        dest="content_command", required=True
    )
    check = content.add_parser("check", help="validate a content folder")
    check.add_argument("dir", nargs="?", help="folder to check (default: the app's content)")
    check.add_argument(
        "--all",
        action="store_true",
        help="check every pack on this server (the default and FOLLOWTHROUGH_PACKS_DIR's)",
    )
    check.set_defaults(handler=_content_check)
    transfer.register(commands)  # import, export, backup, restore

    funnel = commands.add_parser("funnel", help="your funnel and rates, from the stage history")
    funnel.add_argument("--json", action="store_true", help="print one JSON object")
    funnel.add_argument("--url", help="database URL (default: FOLLOWTHROUGH_DB_URL or data/)")
    funnel.set_defaults(handler=_funnel)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
