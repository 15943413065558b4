"""Hosted use in a real browser: sign-in through a real OpenID Connect provider (oidc-provider-mock,
run in-process), then a coach and two participants: a cohort, an invite, sharing and withdrawing.

The browser opens the app at exactly the redirect URI's host (127.0.0.1): a sign-in cookie set for
one host name is not sent to another. The provider's own pages link a stylesheet from a CDN; the
browser is refused every request that would leave this machine.
"""

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from unittest import mock
from urllib.parse import urlparse

import pytest
from oidc_provider_mock import app as provider_app
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from followthrough.models import ShareKind
from followthrough.services.cohorts import WHOLE_KINDS
from tests.e2e.conftest import AppPage, Server

LOOPBACK = ("127.0.0.1", "localhost")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """An OpenID Connect provider on 127.0.0.1: its form signs in whoever's subject is typed."""
    server = make_server("127.0.0.1", 0, provider_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory, provider: str) -> Iterator[Server]:
    """The app in hosted mode: secrets.toml with an [auth] section pointing at the provider."""
    folder = tmp_path_factory.mktemp("hosted")
    srv = Server(f"sqlite:///{folder / 'workbook.db'}")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{srv.port}/oauth2callback"\n'
        'cookie_secret = "a-test-only-cookie-secret-of-some-length"\n'
        'client_id = "followthrough-test"\n'
        'client_secret = "any"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"STREAMLIT_SECRETS_FILES": str(secrets), "AUTHLIB_INSECURE_TRANSPORT": "1"}
    with mock.patch.dict(os.environ, env):
        os.environ.pop("FOLLOWTHROUGH_SIGN_IN", None)
        srv.start()
    yield srv
    srv.stop()


@dataclass
class Person:
    """One browser (its own cookies) signed in as `subject`."""

    app: AppPage
    subject: str

    @property
    def page(self) -> Page:
        return self.app.page


def _browser_for(chromium: Browser, server: Server) -> AppPage:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    app = AppPage(page, server.url)
    page.on("request", lambda r: app.requests.append(r.url))
    # Refuse anything that would leave this machine (the provider's pages link a CDN stylesheet).
    context.route(lambda url: urlparse(url).hostname not in LOOPBACK, lambda route: route.abort())
    return app


def sign_in(chromium: Browser, server: Server, subject: str) -> Person:
    app = _browser_for(chromium, server)
    app.goto()
    app.page.get_by_role("button", name="Sign in", exact=True).click()
    app.page.get_by_placeholder("sub").fill(subject)
    app.page.get_by_role("button", name="Authorize", exact=True).click()
    app.page.wait_for_url(f"{server.url}/**")
    app.wait_idle()
    return Person(app, subject)


@pytest.fixture
def people(chromium: Browser, hosted: Server) -> Iterator[list[Person]]:
    signed_in: list[Person] = []
    yield signed_in
    for person in signed_in:
        person.page.context.close()


def test_sign_in_and_out_through_a_real_provider(chromium: Browser, hosted: Server) -> None:
    visitor = _browser_for(chromium, hosted)
    visitor.goto("tracker")  # a deep link: still only the sign-in page
    assert visitor.page.get_by_role("heading", name="Sign in to Follow-Through").is_visible()
    assert not visitor.page.get_by_text("Tracker", exact=True).count()
    visitor.page.context.close()

    ann = sign_in(chromium, hosted, "ann")
    ann.app.goto()
    assert ann.page.get_by_text("Signed in as ann").is_visible()
    assert ann.page.get_by_role("button", name="Load the sample workbook").is_visible()
    ann.app.screenshot("hosted_signed_in")
    ann.page.get_by_role("button", name="Sign out", exact=True).click()
    ann.page.get_by_role("button", name="End session", exact=True).click()
    ann.page.wait_for_url(f"{hosted.url}/**")
    ann.app.wait_idle()
    assert ann.page.get_by_role("heading", name="Sign in to Follow-Through").is_visible()
    ann.page.context.close()


def _click(app: AppPage, name: str) -> None:
    app.page.get_by_role("button", name=name, exact=True).click()
    app.wait_idle()


def _toggle(app: AppPage, label: str) -> None:
    app.page.get_by_text(label, exact=True).click()
    app.wait_idle()


def test_a_coach_and_two_participants(chromium: Browser, hosted: Server, people) -> None:
    cara = sign_in(chromium, hosted, "cara")
    people.append(cara)
    cara.app.goto("cohorts")
    cara.app.write("Name", "Spring cohort")  # Enter submits the form: the cohort is created
    expect(cara.page.get_by_text("Cohort created: Spring cohort.", exact=False)).to_be_visible()
    _click(cara.app, "New invite code")
    code = cara.page.locator("code").first.inner_text()
    assert len(code) == 8
    cara.app.screenshot("hosted_coach_cohorts")

    participants = {}
    for subject, kind in (("ann", "My step status"), ("bo", "My pipeline figures")):
        person = sign_in(chromium, hosted, subject)
        people.append(person)
        person.app.goto("cohorts")
        person.app.write("Invite code from your coach", code)
        expect(person.page.get_by_text("You joined Spring cohort", exact=False)).to_be_visible()
        expect(
            person.page.get_by_text("Your coach sees nothing of yours", exact=False)
        ).to_be_visible()
        _toggle(person.app, next(t for t in WHOLE_KINDS.values() if t.startswith(kind)))
        expect(person.page.get_by_text("Your coach sees your", exact=False)).to_be_visible()
        participants[subject] = person
    participants["ann"].app.screenshot("hosted_participant_shares")

    cara.app.goto("coach")
    caption = "2 participants · step status shared by 1 · pipeline figures shared by 1"
    expect(cara.page.get_by_text(caption, exact=True)).to_be_visible()
    cara.app.screenshot("hosted_coach_view")

    ann = participants["ann"]
    _toggle(ann.app, WHOLE_KINDS[ShareKind.STEP_STATUS])  # withdrawn
    expect(ann.page.get_by_text("Your coach sees nothing of yours", exact=False)).to_be_visible()
    cara.app.goto("coach")  # the coach's next run: gone
    caption = "2 participants · step status shared by 0 · pipeline figures shared by 1"
    expect(cara.page.get_by_text(caption, exact=True)).to_be_visible()
    for person in (cara, *participants.values()):
        assert [u for u in person.app.requests if urlparse(u).hostname not in LOOPBACK] == [
            u
            for u in person.app.requests
            if "cdn.jsdelivr.net" in u  # the provider's page only
        ]
