"""A database that does not answer (PostgreSQL restarting) reads as the content's plain sentence on
every page, not as an error box; the page works again once the database answers."""

import socket
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.store.answers import AnswerRepository
from tests.app.conftest import find_interview
from tests.conftest import ROOT
from ui import prompts

PAGES = ["app_pages/home.py", "app_pages/step1_notes.py", "app_pages/analytics.py"]


@pytest.fixture
def no_database(monkeypatch: pytest.MonkeyPatch) -> str:
    with socket.socket() as sock:  # a port where nothing listens, as while a server restarts
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://followthrough@127.0.0.1:{port}/followthrough"
    monkeypatch.setenv("FOLLOWTHROUGH_DB_URL", url)
    return url


@pytest.mark.parametrize("page", PAGES)
def test_a_database_that_does_not_answer_reads_as_a_plain_sentence(
    no_database: str, page: str
) -> None:
    sentence = load_content(DEFAULT_CONTENT_DIR).home.database_unavailable
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if page != "app_pages/home.py":
        at.switch_page(page).run()
    assert [w.value for w in at.warning] == [sentence]
    assert not at.exception


def test_a_box_saved_while_the_database_is_locked_is_saved_once_it_answers(
    open_step, workbook, sample_workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A box's change callback runs before the page: a save it cannot make (SQLite's lock held
    # past the busy timeout, PostgreSQL restarting) is held, said plainly and made on a later run.
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    sentence = load_content(DEFAULT_CONTENT_DIR).home.database_unavailable
    at = open_step("app_pages/step1_notes.py", summary)
    key = f"step1_company_learned_{interview_id}_"
    save = prompts.save_answer

    def locked(*args: object) -> None:
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(prompts, "save_answer", locked)
    at.text_area(key=key).input("Series B, 80 people").run()
    assert not at.exception
    assert sentence in [w.value for w in at.warning]
    assert at.text_area(key=key).value == "Series B, 80 people"  # still in the box
    answers = workbook.repo(AnswerRepository)
    assert ("company_learned", "") not in answers.for_step(interview_id, "notes")

    monkeypatch.setattr(prompts, "save_answer", save)  # the database answers again
    at.run()
    assert answers.for_step(interview_id, "notes")[("company_learned", "")] == (
        "Series B, 80 people"
    )
    assert sentence not in [w.value for w in at.warning]
    assert not at.exception
