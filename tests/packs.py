"""Several content packs on one server, for tests: a packs folder (FOLLOWTHROUGH_PACKS_DIR) in
tmp_path, and copies of the shipped pack in it with one sentence changed."""

import shutil
from pathlib import Path

import pytest

from followthrough import config
from followthrough.config import DEFAULT_CONTENT_DIR
from tests.conftest import CoachPack

STEP1 = "steps/01_notes.yaml"
STEP1_TITLE = "Take notes right after the interview"  # the shipped pack's


def make_pack(packs: Path, name: str, old: str = "", new: str = "") -> Path:
    """A copy of the shipped pack under `packs`, with `old` replaced by `new` in step 1."""
    target = packs / name
    shutil.copytree(DEFAULT_CONTENT_DIR, target)
    if old:
        CoachPack(target).edit(STEP1, old, new)
    return target


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty packs folder for the app and the CLI; the default pack is the shipped one."""
    folder = tmp_path / "packs"
    folder.mkdir()
    monkeypatch.setenv(config.PACKS_ENV, str(folder))
    monkeypatch.delenv("FOLLOWTHROUGH_CONTENT_DIR", raising=False)
    return folder
