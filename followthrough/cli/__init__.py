"""The `followthrough` command line (also `python -m followthrough`)."""

import argparse
import sys
from pathlib import Path

from followthrough import config
from followthrough.cli import transfer
from followthrough.content import ContentError, load_content
from followthrough.store import migrate
from followthrough.store.db import make_engine


def _db_upgrade(args: argparse.Namespace) -> int:
    engine = make_engine(args.url)
    migrate.upgrade(engine)
    print(
        f"Database at {engine.url.render_as_string()} is at revision {migrate.current_revision(engine)}."
    )
    return 0


def _content_check(args: argparse.Namespace) -> int:
    directory = Path(args.dir) if args.dir else config.content_dir()
    try:
        pack = load_content(directory)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    prompts = sum(len(step.prompts) for step in pack.steps)
    print(f"{directory}: OK — {len(pack.steps)} steps, {prompts} prompts.")
    return 0


def _funnel(args: argparse.Namespace) -> int:
    # pandas loads only for this command, so the others start fast.
    import json
    import math
    from datetime import date

    from followthrough.analytics.pipeline import analyse, describe, summary
    from followthrough.services.workbook import open_workbook
    from followthrough.store import frames

    try:
        pack = load_content(config.content_dir())
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    wb = open_workbook(args.url)
    apps = frames.load_applications(wb.engine, wb.owner.id)
    events = frames.load_events(wb.engine, wb.owner.id)
    report = analyse(apps, events, date.today(), pack.pipeline, pack.benchmarks.listing_funnel)
    if args.json:
        print(json.dumps(summary(report), ensure_ascii=False))
        return 0
    for row in report.funnel.itertuples(index=False):
        step = "" if math.isnan(row.conversion) else f"  {row.conversion:.0%} of the stage before"
        print(f"{row.label:<16} {row.reached:>9,}{step}")
    for rate in report.rates:
        value = "—" if rate.value is None else f"{rate.value:.1%}"
        print(
            f"{rate.name + ':':<16} {value:>9}  {describe(rate, report.benchmarks.get(rate.name))}"
        )
        print(f"{'':<16} {'':>9}  = {rate.definition}")
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
