from datetime import date

import pytest

from followthrough.analytics.tracker import (
    LIKELY_NO_RESPONSE,
    counts,
    current_stage,
    stage_change_errors,
    tracker_frame,
    visible,
)
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Application, Stage, StatusEvent
from followthrough.services import tracker
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository

TODAY = date(2026, 11, 25)
RULES = load_content(DEFAULT_CONTENT_DIR).pipeline
WORDS = RULES.tracker


@pytest.fixture
def repo(workbook) -> ApplicationRepository:
    return workbook.repo(ApplicationRepository)


def _table(repo: ApplicationRepository, days: int = 21):
    frames = FrameRepository(repo.engine, repo.owner_id)
    apps, events = frames.applications(), frames.events()
    return tracker_frame(apps, events, TODAY, days)


def test_current_stage_is_the_latest_event_even_when_recorded_out_of_order(repo) -> None:
    app_id = repo.add(Application("Acme", "Dev", applied_on=date(2026, 10, 1)))
    repo.add_event(StatusEvent(app_id, Stage.INTERVIEW, date(2026, 10, 20)))
    repo.add_event(StatusEvent(app_id, Stage.RESPONDED, date(2026, 10, 5)))  # typed in late
    row = _table(repo).loc[app_id]
    assert (row["stage"], str(row["since"].date())) == ("Interview", "2026-10-20")
    assert current_stage(repo.events(app_id)).stage == Stage.INTERVIEW


def test_no_reply_after_the_rule_is_flagged_without_touching_history(repo) -> None:
    old = repo.add(Application("Old", "Dev", "job board", applied_on=date(2026, 10, 1)))
    fresh = repo.add(Application("Fresh", "Dev", applied_on=date(2026, 11, 20)))
    table = _table(repo)
    assert table.loc[old, "flag"] == LIKELY_NO_RESPONSE
    assert table.loc[fresh, "flag"] == ""
    assert table.loc[fresh, "source"] == ""
    assert counts(table) == (2, 1)
    assert [e.stage for e in repo.events(old)] == [Stage.APPLIED]
    repo.add_event(StatusEvent(fresh, Stage.REJECTED, date(2026, 11, 22)))
    assert counts(_table(repo)) == (1, 1)  # a closed process is no longer active
    assert _table(repo, days=60).loc[old, "flag"] == ""


def test_an_empty_workbook_gives_an_empty_table(repo) -> None:
    table = _table(repo)
    assert table.empty
    assert counts(table) == (0, 0)


def test_archived_rows_are_hidden_unless_asked_and_search_is_case_blind(repo) -> None:
    kept = repo.add(Application("Société Générale", "Analyste", applied_on=date(2026, 11, 1)))
    gone = repo.add(Application("Gone Ltd", "Dev", applied_on=date(2026, 11, 1)))
    app = repo.get(gone)
    app.archived = True
    repo.update(app)
    table = _table(repo)
    assert list(visible(table, "", False)[0].index) == [kept]
    assert list(visible(table, "", True)[0].index) == [gone, kept]
    assert list(visible(table, "SOCIÉTÉ", True)[0].index) == [kept]
    shown, matching = visible(table, "", True, limit=1)
    assert (list(shown.index), matching) == ([gone], 2)


def test_stage_changes_before_applying_or_in_the_future_are_refused() -> None:
    app = Application("Acme", "Dev", applied_on=date(2026, 11, 10))
    assert stage_change_errors(app, Stage.RESPONDED, date(2026, 11, 12), TODAY, WORDS) == []
    assert stage_change_errors(app, Stage.RESPONDED, date(2026, 11, 1), TODAY, WORDS) == [
        "Responded on 2026/11/01 is before the application (2026/11/10)."
    ]
    assert stage_change_errors(app, Stage.OFFER, date(2026, 12, 1), TODAY, WORDS) == [
        "Offer can't be recorded for a future date (2026/12/01)."
    ]
    assert stage_change_errors(app, Stage.INTERVIEW, date(2026, 12, 1), TODAY, WORDS) == []


# -- the Tracker's service: what the page shows and saves ------------------------------------


def test_an_invalid_application_is_refused_and_a_valid_one_starts_its_history(workbook) -> None:
    refused = tracker.add_application(workbook, Application(" ", "Analyst"), Stage.APPLIED, WORDS)
    assert (refused.errors, refused.app_id) == (["Company is required."], None)
    too_long = tracker.add_application(
        workbook, Application("B" * 201, "Analyst"), Stage.APPLIED, WORDS
    )
    assert too_long.errors == ["Company is too long: at most 200 characters, not 201."]
    added = tracker.add_application(workbook, Application("Initech", "Analyst"), Stage.SAVED, WORDS)
    assert added.message == "Added Initech — Analyst."
    events = workbook.repo(ApplicationRepository).events(added.app_id)
    assert [e.stage for e in events] == [Stage.SAVED]


def test_a_stage_without_a_date_is_recorded_undated_and_a_refused_one_is_not_saved(
    workbook, repo
) -> None:
    app_id = repo.add(Application("Acme", "Dev", applied_on=date(2026, 11, 10)))
    errors = tracker.record_stage(
        workbook, app_id, Stage.OFFER, date(2026, 12, 1), "", TODAY, WORDS
    )
    assert errors == ["Offer can't be recorded for a future date (2026/12/01)."]
    assert (
        tracker.record_stage(workbook, app_id, Stage.RESPONDED, None, " Call ", TODAY, WORDS) == []
    )
    assert [(e.stage, e.occurred_on, e.note) for e in repo.events(app_id)][1:] == [
        (Stage.RESPONDED, None, "Call")  # not today: a day nobody gave is unknown
    ]


def test_the_screen_lists_at_most_max_rows_and_warns_on_the_chosen_stale_one(
    workbook, repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = repo.add(Application("Old", "Dev", applied_on=date(2026, 10, 1)))
    new = repo.add(Application("New", "Dev", applied_on=date(2026, 11, 20)))
    table = tracker.table(workbook, TODAY, 21)
    monkeypatch.setattr(tracker, "MAX_ROWS", 1)
    view = tracker.screen(workbook, table, "", False, selected=old, rules=RULES)
    # The newest is listed; a choice that is not listed falls back to the first listed.
    assert (list(view.names), view.selected) == ([new], new)
    assert view.note == "Showing the newest 1 of 2: search to narrow the list."
    assert view.detail is not None and view.detail.no_response == ""
    stale = tracker.screen(workbook, table, "old", False, selected=None, rules=RULES).detail
    assert stale is not None and stale.no_response.startswith("No reply for 21 days or more")
    tracker.mark_no_response(workbook, old, TODAY, RULES)
    assert repo.events(old)[-1].note == "No reply after 21 days"
