"""Fixtures shared by every layer: a fresh SQLite workbook per test."""

import itertools
from pathlib import Path

import pytest

from followthrough.services.workbook import Workbook, open_workbook
from tests import postgres

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A temporary SQLite database, also handed to the app through FOLLOWTHROUGH_DB_URL."""
    url = f"sqlite:///{tmp_path / 'workbook.db'}"
    monkeypatch.setenv("FOLLOWTHROUGH_DB_URL", url)
    return url


@pytest.fixture
def workbook(db_url: str) -> Workbook:
    return open_workbook(db_url)


_database_names = itertools.count()


@pytest.fixture(scope="session")
def postgres_server():
    with postgres.cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each supported kind, for tests of the store itself."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    server = request.getfixturevalue("postgres_server")
    return postgres.new_database(server, f"test_{next(_database_names)}")
