"""AppTest fixtures: the real app.py on a temporary database, caches cleared between tests."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryFile
from streamlit.testing.v1 import AppTest, app_test

from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook
from followthrough.store.interviews import InterviewRepository
from tests.conftest import ROOT
from ui import shelf


@pytest.fixture(autouse=True)
def _clear_caches() -> None:
    shelf.clear_all()


@pytest.fixture
def open_page(db_url: str) -> Callable[[str], AppTest]:
    """Run app.py, then switch to `page` (a path under app_pages/) and run it."""

    def _open(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
        if page != "app_pages/home.py":
            at.switch_page(page).run()
        return at

    return _open


def find_interview(wb: Workbook, company: str, round_number: int = 1):
    """The summary of one interview of the workbook, by company and round."""
    return next(
        s
        for s in wb.repo(InterviewRepository).summaries()
        if s.application.company == company and s.interview.round_number == round_number
    )


@pytest.fixture
def open_step(open_page: Callable[[str], AppTest]) -> Callable[..., AppTest]:
    """Open a step page (e.g. app_pages/step1_notes.py) with `summary` chosen in its picker."""

    def _open(page: str, summary) -> AppTest:
        at = open_page(page)
        picker = Path(page).stem.split("_")[0] + "_interview"
        at.selectbox(key=picker).set_value(summary.interview.id).run()
        return at

    return _open


@pytest.fixture
def sample_workbook(workbook: Workbook) -> Workbook:
    load_sample(workbook, date.today())
    return workbook


Download = Callable[[AppTest, str], MemoryFile]


@pytest.fixture
def download(monkeypatch: pytest.MonkeyPatch) -> Download:
    """The file a download button hands the browser when clicked (a deferred one is built then):
    its bytes (`.content`), name (`.filename`) and type (`.mimetype`)."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):  # AppTest makes one per run: keep the last run's
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)

    def _download(at: AppTest, key: str) -> MemoryFile:
        proto = at.download_button(key=key).proto
        url = proto.url or managers[-1].execute_deferred(proto.deferred_file_id)
        file = managers[-1].read_file(url.rsplit("/", 1)[-1])
        assert file is not None
        return file

    return _download


def values(elements) -> list[str]:
    """The text of each element of one kind (at.info, at.caption...): found by what it says."""
    return [str(element.value) for element in elements]


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """`at` rerun with the tab `label` of the tabs under `key` open, as a click on it does (a
    page draws only the open tab)."""
    at.session_state[key] = label
    return at.run()


def shown(elements) -> str:
    """Everything the elements of one kind say, to search in."""
    return "\n".join(values(elements))


def metric(at: AppTest, label: str) -> str:
    """The value of the metric with `label`."""
    return next(str(m.value) for m in at.metric if m.label == label)
