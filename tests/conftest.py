"""Fixtures shared by every layer: a fresh SQLite workbook per test."""

from pathlib import Path

import pytest

from followthrough.workbook import Workbook, open_workbook

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
