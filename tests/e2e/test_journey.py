"""The journey in one go (issue 11.4-6): record an interview, follow each "Next" link with one
click, mark two interviewers' notes sent in turn, remove an interviewer and undo it, and turn a
Tracker "Interview" stage into an interview that Home shows."""

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from followthrough import formats
from followthrough.models import Application
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.e2e.conftest import IDLE, AppPage, Server

SHOTS = Path("/tmp/h11j")
expect.set_options(timeout=60_000)  # a first run of each page is slow on the loaded machine
ZONE = "America/Chicago"


class PatientPage(AppPage):
    """A tab that waits longer for a run to end: the first run of a page on a loaded 2-core
    machine takes 30 s or more (the app's own state is still what it waits on)."""

    def wait_idle(self) -> None:
        self.page.wait_for_selector(IDLE, timeout=120_000)
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_selector(IDLE, timeout=120_000)


@pytest.fixture
def tab(chromium: Browser, server: Server, clean_workbook: None) -> Iterator[AppPage]:
    """A tab whose browser is in Chicago (the zone step 3 must take from it)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, timezone_id=ZONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    app = PatientPage(page, server.url)
    page.on("request", lambda request: app.requests.append(request.url))
    yield app
    context.close()


def _shot(app: AppPage, name: str) -> None:
    app.screenshot(f"journey_{name}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _type(app: AppPage, key: str, text: str) -> None:
    """Type into the widget with `key` and commit it (Enter), as a user would."""
    field = app.page.locator(f".st-key-{key} input")
    field.fill(text)
    field.press("Enter")
    app.wait_idle()


def _click_link(app: AppPage, name: str) -> None:
    app.page.get_by_role("link", name=name).click()
    app.wait_idle()


def _record_form(app: AppPage, day: date, names: list[str]) -> None:
    """The Interviews form's interview date and interviewers (the application is already set)."""
    new = "interviews_new_"
    _type(app, new + "day", formats.day(day))  # typed as the box shows dates
    if len(names) > 1:
        _type(app, new + "count", str(len(names)))
    for i, name in enumerate(names):
        _type(app, f"{new}p{i}_name", name)
    app.page.get_by_role("button", name="Save interview").click()
    app.wait_idle()


def test_the_journey_flows_one_click_at_a_time(tab: AppPage, server: Server) -> None:
    page, wb = tab.page, open_workbook(server.db_url)
    today = date.today()

    # Record an interview: its notes are then one click away.
    tab.goto("interviews")
    _type(tab, "interviews_new_company", "Acme Corp")
    _type(tab, "interviews_new_role_title", "Data Analyst")
    _record_form(tab, today, ["Ms Lee", "Mr Park"])
    expect(page.get_by_text("Saved your interview at Acme Corp.")).to_be_visible()
    _shot(tab, "interviews_saved")
    _click_link(tab, "Next: take your notes")
    expect(page.get_by_role("heading", name=re.compile("^Step 1"))).to_be_visible()
    expect(page.get_by_role("combobox", name="Interview")).to_have_value(re.compile("^Acme Corp"))
    _shot(tab, "step1")

    # Step 2: marking a note sent moves on to the next person still without one.
    _click_link(tab, "Next: write your thank-you notes")
    expect(page.get_by_role("heading", name=re.compile("^Step 2"))).to_be_visible()
    page.get_by_role("button", name="Mark as sent").click()
    tab.wait_idle()
    expect(page.get_by_text("Sent. Next: your note to Mr Park.")).to_be_visible()
    expect(page.get_by_role("radio", name="Mr Park")).to_be_checked()
    page.get_by_role("button", name="Mark as sent").click()
    tab.wait_idle()
    expect(page.get_by_text("Every interviewer's note is marked as sent.")).to_be_visible()
    _shot(tab, "step2_all_sent")
    [summary] = wb.repo(InterviewRepository).summaries()
    notes = wb.repo(ThankYouRepository).for_interview(summary.interview.id or 0)
    assert [notes[p.id or 0].sent_on for p in summary.interview.interviewers] == [today, today]

    # Step 3 takes the zone from the browser, then step 4 and Home.
    _click_link(tab, "Next: the company's follow-up instructions")
    expect(page.get_by_role("heading", name=re.compile("^Step 3"))).to_be_visible()
    page.get_by_text("Your dates in a file for your calendar (.ics)").click()  # its fold
    expect(page.get_by_role("combobox", name="Your time zone")).to_have_value(ZONE)
    _shot(tab, "step3")
    _click_link(tab, "Next: keep the momentum")
    expect(page.get_by_role("heading", name=re.compile("^Step 4"))).to_be_visible()
    _shot(tab, "step4")

    # Remove an interviewer, and undo it: she comes back with her sent note.
    tab.goto("interviews")
    page.get_by_role("button", name="Remove Ms Lee").click()
    tab.wait_idle()
    expect(page.get_by_text("Removed Ms Lee, with 1 thank-you note.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Ms Lee")).to_have_count(0)
    _shot(tab, "removed_undo")
    page.get_by_role("button", name="Undo").click()
    tab.wait_idle()
    expect(page.get_by_text("Put back Ms Lee.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Ms Lee")).to_be_visible()
    lee = summary.interview.interviewers[0]
    assert wb.repo(ThankYouRepository).for_interview(summary.interview.id or 0)[
        lee.id or 0
    ].sent_on == (today)

    # A Tracker stage "Interview" becomes an interview, with its card on Home.
    app_id = wb.repo(ApplicationRepository).add(
        Application("Globex", "Engineer", applied_on=today - timedelta(days=9))
    )
    tab.goto("tracker")
    tab.choose(
        page.locator(".st-key-pipeline_selected").get_by_test_id("stSelectbox"), "Globex — Engineer"
    )
    tab.choose(
        page.locator(f".st-key-pipeline_stage_{app_id}").get_by_test_id("stSelectbox"), "Interview"
    )
    page.get_by_role("button", name="Record stage").click()
    tab.wait_idle()
    expect(page.get_by_text("has no interview recorded yet")).to_be_visible()
    _shot(tab, "tracker_offer")
    _click_link(tab, "Record the interview's date and interviewers")
    expect(page.get_by_role("combobox", name="Application", exact=True)).to_have_value(
        "Globex — Engineer"
    )
    _record_form(tab, today, ["Dr Osei"])
    expect(page.get_by_text("Saved your interview at Globex.")).to_be_visible()
    tab.goto()
    expect(page.get_by_text(re.compile("Globex")).first).to_be_visible()
    _shot(tab, "home")
    assert any(s.application.company == "Globex" for s in wb.repo(InterviewRepository).summaries())
    assert tab.outside_requests() == []
