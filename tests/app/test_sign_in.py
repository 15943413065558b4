"""Hosted use: nobody reaches a page without signing in; each person sees their own workbook."""

import pytest

from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.people import PeopleRepository
from tests.app.hosted import ISSUER, hosted, person
from tests.app.hosted import open_as as _app

__all__ = ["hosted"]  # a fixture


def test_a_signed_out_visitor_reaches_only_the_sign_in_page(hosted) -> None:
    at = _app({"is_logged_in": False})
    assert at.title[0].value == "Sign in to Follow-Through"
    assert at.button(key="sign_in_button").label == "Sign in"
    assert not at.metric  # Home's benchmark is not there
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/tracker.py")  # no other page is registered
    # A session left on a page when its sign-in goes: the next rerun is the sign-in page.
    at = _app(person("ann-123", "Ann"), "app_pages/tracker.py")
    at.user = {"is_logged_in": False}
    at.run()
    assert at.title[0].value == "Sign in to Follow-Through"
    assert not at.get("dataframe")
    assert not at.exception


def test_sign_in_without_auth_settings_says_what_is_missing(hosted) -> None:
    at = _app({"is_logged_in": False})
    at.button(key="sign_in_button").click().run()
    assert "needs an [auth] section" in at.error[0].value
    assert not at.exception


def test_a_signed_in_person_is_their_issuer_and_subject(hosted) -> None:
    at = _app(person("ann-123", "Ann"), "app_pages/home.py")
    assert [m.value for m in at.metric] == ["250", "4–6", "1"]
    assert "Signed in as Ann" in [c.value for c in at.sidebar.caption]
    at.button(key="home_load_sample").click().run()
    assert not at.exception
    wb = open_workbook(hosted)
    ann = PeopleRepository(wb.engine).sign_in(ISSUER, "ann-123")
    assert ann.display_name == "Ann"
    assert wb.as_person(ann).repo(ApplicationRepository).all()
    assert wb.repo(ApplicationRepository).all() == []  # the local person has nothing


def test_each_person_sees_only_their_own_workbook(hosted) -> None:
    ann = _app(person("ann-123", "Ann"))
    ann.button(key="home_load_sample").click().run()
    # Same subject at another provider, and the same name: other people, empty workbooks.
    for other in (person("ann-123", "Ann", issuer="https://other.example"), person("bob", "Ann")):
        at = _app(other, "app_pages/tracker.py")
        assert "Northwind" not in str(at.get("dataframe"))
        at.switch_page("app_pages/home.py").run()
        assert at.button(key="home_load_sample")
        assert not at.exception


def test_signing_out_takes_effect_on_the_next_rerun(hosted) -> None:
    at = _app(person("ann-123", "Ann"))
    at.sidebar.button(key="auth_sign_out").click().run()
    at.run()
    assert at.title[0].value == "Sign in to Follow-Through"
    assert not at.exception


def test_local_use_has_no_sign_in(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWTHROUGH_SIGN_IN", "none")
    at = _app({"is_logged_in": False})
    assert [m.value for m in at.metric] == ["250", "4–6", "1"]
    assert not at.sidebar.button
    assert not at.exception
