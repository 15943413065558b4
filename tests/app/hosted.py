"""Hosted use in AppTest: sign-in forced on, and st.user as a provider would set it."""

import pytest
from streamlit.testing.v1 import AppTest

from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.people import PeopleRepository
from tests.conftest import ROOT

ISSUER = "https://id.example.org"
SIGNED_OUT = {"is_logged_in": False}


def person(subject: str, name: str = "", issuer: str = ISSUER) -> dict:
    """st.user as Streamlit sets it after an OpenID Connect sign-in (the ID token's claims)."""
    return {"is_logged_in": True, "iss": issuer, "sub": subject, "name": name, "email": ""}


def open_as(user: dict, page: str | None = None) -> AppTest:
    """Run app.py as `user`, then switch to `page` (a path under app_pages/) when given."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.user = user
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def workbook_of(db_url: str, subject: str, name: str = "") -> Workbook:
    """The workbook the app opens for `subject` (the same person, found by issuer + subject)."""
    base = open_workbook(db_url)
    return base.as_person(PeopleRepository(base.engine).sign_in(ISSUER, subject, name))


@pytest.fixture
def hosted(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FOLLOWTHROUGH_SIGN_IN", "oidc")
    return db_url
