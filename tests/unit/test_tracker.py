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
from followthrough.models import Application, Stage, StatusEvent
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository

TODAY = date(2026, 11, 25)


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
    assert stage_change_errors(app, Stage.RESPONDED, date(2026, 11, 12), TODAY) == []
    assert stage_change_errors(app, Stage.RESPONDED, date(2026, 11, 1), TODAY) == [
        "Responded on Sun 1 Nov 2026 is before the application (Tue 10 Nov 2026)."
    ]
    assert stage_change_errors(app, Stage.OFFER, date(2026, 12, 1), TODAY) == [
        "Offer can't be recorded for a future date (Tue 1 Dec 2026)."
    ]
    assert stage_change_errors(app, Stage.INTERVIEW, date(2026, 12, 1), TODAY) == []
