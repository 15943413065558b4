"""SQL statements one rerun of each page issues: the same at the sample workbook and at the sample
plus 50 interviews and 500 applications, so an N+1 (a query per row) cannot creep back.

Counted with SQLAlchemy's `before_cursor_execute` on every engine, for a rerun with the caches
cleared (everything the page reads: `cold`) and for the rerun after it (what a click costs when the
workbook has not changed: `warm`, where the cached screens read only their data version). A new
query on a page changes its number here, on purpose: say why in the commit.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from streamlit.testing.v1 import AppTest

from followthrough.analytics import synthetic
from followthrough.models import Application, Interview, Interviewer, InterviewFormat
from followthrough.services.sample import load_sample
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository
from followthrough.store.interviews import InterviewRepository
from tests.conftest import ROOT
from ui import clock, screens, shelf

NOW = datetime(2026, 11, 25, 16, 30)  # every page reads this moment (FOLLOWTHROUGH_NOW)

# Page: (statements of a cold rerun, of a warm rerun) — the same at both sizes. On SQLite each
# read transaction is one BEGIN and its SELECTs: a warm rerun's 2 is BEGIN + the data version, read
# once a run (ui/screens) for every cached read of the page (its screen, picker and drafts).
EXPECTED = {
    "home": (28, 2),
    "interviews": (10, 2),
    "step1_notes": (10, 2),
    "step2_thank_you": (24, 2),
    "step3_follow_up": (30, 2),
    "step4_momentum": (22, 2),
    "practice": (8, 2),
    "tracker": (14, 2),
    "analytics": (6, 2),
    "import_export": (0, 0),
    "workshop": (2, 2),
    "printable": (6, 2),
}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample workbook, and the sample plus 50 interviews and 500 applications."""
    folder = tmp_path_factory.mktemp("query_counts")
    urls = {}
    for size in ("sample", "grown"):
        urls[size] = url = f"sqlite:///{Path(folder) / f'{size}.db'}"
        wb = open_workbook(url)
        load_sample(wb, NOW.date())
        if size == "grown":
            _grow(wb)
        wb.engine.dispose()
    return urls


def _grow(wb) -> None:
    """50 interviews over the last 30 days (all over by NOW) and 500 generated applications."""
    apps, interviews = wb.repo(ApplicationRepository), wb.repo(InterviewRepository)
    formats = list(InterviewFormat)
    for i in range(50):
        start = NOW - timedelta(days=1 + i % 30, hours=i % 8)
        app_id = apps.add(Application(f"Company {i}", f"Role {i}", "job board", start.date()))
        interviews.add(
            Interview(
                application_id=app_id,
                round_number=1 + i % 3,
                format=formats[i % len(formats)],
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
                decision_expected_on=start.date() + timedelta(days=7),
                interviewers=[Interviewer(f"Interviewer {i}", "Manager", f"p{i}@example.com")],
            )
        )
    generated, events = synthetic.generate(500, seed=3, today=NOW.date())
    wb.repo(FrameRepository).insert(generated, events)


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine sends while the test runs."""
    sent: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    yield sent
    event.remove(Engine, "before_cursor_execute", count)


def _counts(page: str, url: str, statements: list[str], monkeypatch) -> tuple[int, int]:
    monkeypatch.setenv("FOLLOWTHROUGH_DB_URL", url)
    shelf.clear_all()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "home":
        at.switch_page(f"app_pages/{page}.py").run()
    at.run()  # settle: a page may save defaults on its first run
    assert not at.exception
    screens.forget()
    statements.clear()
    at.run()
    cold = len(statements)
    statements.clear()
    at.run()
    warm = len(statements)
    assert not at.exception
    return cold, warm


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_a_rerun_issues_as_many_statements_whatever_the_workbooks_size(
    page: str, databases: dict[str, str], statements: list[str], monkeypatch
) -> None:
    monkeypatch.setenv(clock.ENV, NOW.isoformat())
    small = _counts(page, databases["sample"], statements, monkeypatch)
    grown = _counts(page, databases["grown"], statements, monkeypatch)
    assert (small, grown) == (EXPECTED[page], EXPECTED[page])


def _saves_mid_run() -> None:
    """A run that reads a cached screen, saves, and reads it again."""

    import streamlit as st

    from followthrough.services import drafts
    from ui import resources, screens

    wb = resources.workbook()
    screens.new_run()
    before = dict(screens.view(drafts.drafts, wb, "probe_"))
    drafts.keep_draft(wb, "probe_box", "typed")
    st.text(repr((before, dict(screens.view(drafts.drafts, wb, "probe_")))))


def test_a_run_that_saves_reads_its_own_write(db_url: str) -> None:
    # The data version is read once a run, and again after a write this process commits.
    at = AppTest.from_function(_saves_mid_run).run()
    assert at.text[0].value == repr(({}, {"probe_box": "typed"}))
