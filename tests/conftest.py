"""Fixtures shared by every layer: a fresh SQLite workbook per test."""

import itertools
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
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


@dataclass(frozen=True)
class CoachPack:
    """A coach's own copy of the content pack, the one the app and the CLI read."""

    dir: Path

    def edit(self, file: str, old: str, new: str) -> Path:
        """Replace the first `old` in `file` (relative to the pack) by `new`, as a coach would."""
        path = self.dir / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path


@pytest.fixture
def coach_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CoachPack:
    """A writable copy of the shipped content, handed to the app through FOLLOWTHROUGH_CONTENT_DIR."""
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, target)
    monkeypatch.setenv("FOLLOWTHROUGH_CONTENT_DIR", str(target))
    return CoachPack(target)
