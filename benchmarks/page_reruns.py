"""Server rerun time of every page (AppTest, median of 20) on the sample workbook plus N interviews.

.venv/bin/python benchmarks/page_reruns.py [--interviews 50] [--runs 20]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # keep bare-mode warnings out of the table

from streamlit.testing.v1 import AppTest  # noqa: E402

from followthrough.models import Application, Interview, Interviewer, InterviewFormat  # noqa: E402
from followthrough.services.sample import load_sample  # noqa: E402
from followthrough.services.workbook import open_workbook  # noqa: E402
from followthrough.store.applications import ApplicationRepository  # noqa: E402
from followthrough.store.interviews import InterviewRepository  # noqa: E402


def fill(url: str, extra_interviews: int) -> int:
    """The sample workbook plus `extra_interviews` generated ones; returns the interview count."""
    wb = open_workbook(url)
    repo = ApplicationRepository(wb.engine, wb.owner.id)
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


def time_page(page: str, runs: int) -> float:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "app_pages/home.py":
        at.switch_page(page).run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=0, help="generated interviews to add")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["FOLLOWTHROUGH_DB_URL"] = url
        count = fill(url, args.interviews)
        print(f"Page rerun, AppTest median of {args.runs} — {count} interviews in the workbook")
        print(f"{'page':<32} {'median ms':>10}")
        for page in sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")):
            print(f"{page:<32} {time_page(page, args.runs):>10.1f}")


if __name__ == "__main__":
    main()
