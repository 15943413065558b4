"""A database that does not answer (PostgreSQL restarting) reads as the content's plain sentence on
every page, not as an error box; the page works again once the database answers."""

import socket

import pytest
from streamlit.testing.v1 import AppTest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from tests.conftest import ROOT

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
