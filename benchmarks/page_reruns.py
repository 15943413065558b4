"""Server rerun time and SQL statements of every page (AppTest, median of 20) on the sample
workbook plus N interviews and M generated applications; --profile PAGE prints a cProfile of it.

.venv/bin/python benchmarks/page_reruns.py [--interviews 50] [--applications 5000] [--runs 20]
.venv/bin/python benchmarks/page_reruns.py --interviews 50 --applications 5000 --profile home
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # keep bare-mode warnings out of the table

from sqlalchemy import Engine, event  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from followthrough.models import Application, Interview, Interviewer, InterviewFormat  # noqa: E402
from followthrough.services.sample import load_sample  # noqa: E402
from followthrough.services.workbook import Workbook, open_workbook  # noqa: E402
from followthrough.store.applications import ApplicationRepository  # noqa: E402
from followthrough.store.interviews import InterviewRepository  # noqa: E402

STATEMENTS: list[str] = []  # every SQL statement any engine of this process sends


@event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany) -> None:
    STATEMENTS.append(statement)


def fill(wb: Workbook, extra_interviews: int) -> int:
    """The sample workbook plus `extra_interviews` generated ones; returns the interview count."""
    repo = wb.repo(ApplicationRepository)
    today = date.today()
    load_sample(wb, today)
    formats = list(InterviewFormat)
    for i in range(extra_interviews):
        day = today - timedelta(days=i % 30)
        app_id = repo.add(Application(f"Company {i}", f"Role {i}", "job board", applied_on=day))
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=9 + i % 8)
        InterviewRepository(repo.engine, repo.owner_id).add(
            Interview(
                application_id=app_id,
                round_number=1 + i % 3,
                format=formats[i % len(formats)],
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
                decision_expected_on=day + timedelta(days=7),
                interviewers=[Interviewer(f"Interviewer {i}", "Manager", f"p{i}@example.com")],
            )
        )
    return len(InterviewRepository(repo.engine, repo.owner_id).summaries())


def add_applications(wb: Workbook, count: int) -> None:
    """`count` generated applications with their stage history (analytics.synthetic)."""
    from followthrough.analytics import synthetic
    from followthrough.store.frames import FrameRepository

    apps, events = synthetic.generate(count, seed=3, today=date.today())
    wb.repo(FrameRepository).insert(apps, events)


def open_app(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "app_pages/home.py":
        at.switch_page(page).run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return at


def time_page(page: str, runs: int) -> tuple[float, int]:
    """(median ms of a rerun, SQL statements of the last rerun)."""
    at = open_app(page)
    samples = []
    for _ in range(runs):
        STATEMENTS.clear()
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, len(STATEMENTS)


def profile_page(page: str, runs: int, lines: int) -> None:
    """cProfile of the script thread (where a page runs), over `runs` reruns."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    at = open_app(page)
    at.run()  # warm
    profiler = cProfile.Profile()
    run_script = ScriptRunner._run_script

    def profiled(self, rerun_data):  # type: ignore[no-untyped-def]
        profiler.enable()
        try:
            return run_script(self, rerun_data)
        finally:
            profiler.disable()

    ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    for _ in range(runs):
        at.run()
    ScriptRunner._run_script = run_script  # type: ignore[method-assign]
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(lines)


HOSTED_ONLY = {"__init__", "sign_in", "cohorts", "coach", "account"}  # not in a local workbook


def pages() -> list[str]:
    """The pages a local (not hosted) workbook shows."""
    scripts = sorted((ROOT / "app_pages").glob("*.py"))
    return [f"app_pages/{p.name}" for p in scripts if p.stem not in HOSTED_ONLY]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=0, help="generated interviews to add")
    parser.add_argument("--applications", type=int, default=0, help="generated applications")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--profile", help="a page name: print a cProfile of its reruns instead")
    parser.add_argument("--lines", type=int, default=45, help="profile lines to print")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["FOLLOWTHROUGH_DB_URL"] = url
        wb = open_workbook(url)
        count = fill(wb, args.interviews)
        if args.applications:
            add_applications(wb, args.applications)
        if args.profile:
            profile_page(f"app_pages/{args.profile.removesuffix('.py')}.py", args.runs, args.lines)
            return
        wanted = {
            f"app_pages/{p.strip().removesuffix('.py')}.py"
            for p in (args.pages or "").split(",")
            if p
        }
        print(
            f"Page rerun, AppTest median of {args.runs} — {count} interviews and "
            f"{args.applications:,} generated applications in the workbook"
        )
        print(f"{'page':<32} {'median ms':>10} {'statements':>11}")
        for page in pages():
            if wanted and page not in wanted:
                continue
            try:
                median, statements = time_page(page, args.runs)
            except RuntimeError as exc:  # a page that fails is named, and the others still run
                print(f"{page:<32} {'fails':>10} {str(exc)[:60]}")
                continue
            print(f"{page:<32} {median:>10.1f} {statements:>11}")


if __name__ == "__main__":
    main()
