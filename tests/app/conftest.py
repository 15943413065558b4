"""AppTest fixtures: the real app.py on a temporary database, caches cleared between tests."""

from collections.abc import Callable
from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from followthrough.sample import load_sample
from followthrough.store.applications import ApplicationRepository
from followthrough.workbook import Workbook
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


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


@pytest.fixture
def sample_workbook(workbook: Workbook) -> ApplicationRepository:
    repo = ApplicationRepository(workbook.engine, workbook.owner.id)
    load_sample(repo, date.today())
    return repo
