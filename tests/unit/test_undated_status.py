"""Issue 11 item 2: a status whose day the person did not give is stored with its day unknown.

The CSV import used to date a status without a status date on the day of the application (the
store needed a day), so the employer "replied within 0 days". Now the day is NULL in the store,
every reader says it is unknown, and no figure counts it as 0.
"""

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from alembic import command
from sqlalchemy import text

from followthrough.analytics import charts
from followthrough.analytics.pipeline import (
    RANK,
    analyse,
    application_progress,
    response_days,
    undated_replies,
)
from followthrough.analytics.tracker import current_stage, tracker_frame
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Application, Stage, StatusEvent, in_history_order
from followthrough.services import analytics, transfer
from followthrough.services import tracker as tracker_service
from followthrough.services.workbook import open_workbook
from followthrough.steps import follow_up, momentum
from followthrough.store import backup, migrate
from followthrough.store.applications import ApplicationRepository
from followthrough.store.db import make_engine
from followthrough.store.frames import FrameRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.transfer.export import export_applications
from followthrough.transfer.history import format_history, parse_history
from tests.unit.test_pipeline_honest import TODAY, _frames

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
PACK = load_content(DEFAULT_CONTENT_DIR)
RULES = PACK.pipeline


# -- the store -------------------------------------------------------------------------------


def test_migration_makes_the_day_nullable_and_keeps_existing_events(store_url: str) -> None:
    engine = make_engine(store_url)
    migrate.upgrade(engine, "0007")
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO people (id, handle, display_name) VALUES (1, 'local', 'Me')"))
        run(
            text(
                "INSERT INTO applications (id, owner_id, company, role_title, applied_on) "
                "VALUES (1, 1, 'Initech', 'Analyst', '2026-10-01')"
            )
        )
        run(
            text(
                "INSERT INTO status_events (owner_id, application_id, stage, occurred_on) "
                "VALUES (1, 1, 'applied', '2026-10-01'), (1, 1, 'responded', '2026-10-09')"
            )
        )
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO status_events (owner_id, application_id, stage, occurred_on) "
                "VALUES (1, 1, 'rejected', NULL)"
            )
        )
        rows = conn.execute(text("SELECT stage, occurred_on FROM status_events ORDER BY id")).all()
    assert [(stage, on and str(on)) for stage, on in rows] == [
        ("applied", "2026-10-01"),
        ("responded", "2026-10-09"),
        ("rejected", None),
    ]


def test_downgrade_dates_an_undated_event_on_its_application_day(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'down.db'}")
    migrate.upgrade(engine, "0008")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO people (id, handle, display_name) VALUES (1, 'local', 'Me')")
        )
        conn.execute(
            text(
                "INSERT INTO applications (id, owner_id, company, role_title, applied_on) "
                "VALUES (1, 1, 'Initech', 'Analyst', '2026-10-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO status_events (owner_id, application_id, stage, occurred_on) "
                "VALUES (1, 1, 'rejected', NULL)"
            )
        )
    command.downgrade(migrate.alembic_config(engine), "0007")
    with engine.connect() as conn:
        day = conn.execute(text("SELECT occurred_on FROM status_events")).scalar_one()
    assert str(day) == "2026-10-01"


def test_the_store_keeps_an_unknown_day_and_its_place_in_the_history(store_url: str) -> None:
    wb = open_workbook(store_url)
    repo = wb.repo(ApplicationRepository)
    app_id = repo.add(Application("Initech", "Analyst", applied_on=date(2026, 2, 2)))
    repo.add_event(StatusEvent(app_id, Stage.INTERVIEW, None))  # as an import leaves it
    repo.add_event(StatusEvent(app_id, Stage.OFFER, date(2026, 3, 1)))  # recorded later
    history = repo.events(app_id)
    assert [(e.stage, e.occurred_on) for e in history] == [
        (Stage.APPLIED, date(2026, 2, 2)),
        (Stage.INTERVIEW, None),
        (Stage.OFFER, date(2026, 3, 1)),
    ]
    assert repo.histories()[app_id] == history
    latest = momentum.latest_stages(wb.repo(MomentumRepository).stage_history())
    assert latest == {app_id: Stage.OFFER}
    events = wb.repo(FrameRepository).events()
    assert events["occurred_on"].isna().tolist() == [False, True, False]


def test_an_application_added_without_a_date_is_never_dated_today(workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Hooli", "Writer"), first_stage=Stage.SAVED)
    assert [(e.stage, e.occurred_on) for e in repo.events(app_id)] == [(Stage.SAVED, None)]


def test_a_backup_round_trip_keeps_an_unknown_day(workbook, tmp_path) -> None:
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Initech", "Analyst", applied_on=date(2026, 2, 2)))
    repo.add_event(StatusEvent(app_id, Stage.REJECTED, None))
    data = transfer.backup_json(workbook).data
    other = open_workbook(f"sqlite:///{tmp_path / 'restored.db'}")
    transfer.restore(other, transfer.read_backup(other, data))
    restored = other.repo(ApplicationRepository)
    [app] = restored.all()
    assert [(e.stage, e.occurred_on) for e in restored.events(app.id or 0)] == [
        (Stage.APPLIED, date(2026, 2, 2)),
        (Stage.REJECTED, None),
    ]
    assert backup.parse(data).rows > 0


def test_history_order_places_an_undated_event_after_those_recorded_before_it() -> None:
    events = [
        StatusEvent(1, Stage.OFFER, date(2026, 3, 1), id=3),
        StatusEvent(1, Stage.INTERVIEW, None, id=2),
        StatusEvent(1, Stage.APPLIED, date(2026, 2, 2), id=1),
        StatusEvent(1, Stage.SCREENING, date(2026, 2, 1), id=4),  # backdated, recorded last
    ]
    ordered = in_history_order(events, lambda e: (e.application_id, e.occurred_on, e.id or 0))
    assert [e.stage for e in ordered] == [
        Stage.SCREENING,
        Stage.APPLIED,
        Stage.INTERVIEW,
        Stage.OFFER,
    ]
    assert current_stage(events) == events[0]
    assert current_stage(events[1:3]) == events[1]  # imported: the undated status is current


def test_a_stage_of_unknown_day_reads_day_not_recorded_on_step_3() -> None:
    latest = follow_up.latest_stages(
        [(1, Stage.APPLIED, date(2026, 2, 2), 1), (1, Stage.REJECTED, None, 2)]
    )
    assert latest == {1: (Stage.REJECTED, None)}
    standing = follow_up.Standing(Stage.REJECTED, None)
    reason = follow_up.no_call_reason(standing, datetime(2026, 2, 10, 11), PACK.follow_up)
    assert reason is not None
    assert "(day not recorded)" in reason
    assert "()" not in reason


# -- the import ------------------------------------------------------------------------------


def _import(wb, name: str) -> dict[str, list[tuple[Stage, date | None]]]:
    upload = transfer.read_upload((FIXTURES / name).read_bytes())
    preview = transfer.preview(wb, upload, transfer.Choices(upload.mapping()))
    summary = transfer.commit(wb, preview)
    assert summary.imported == preview.plan.importable
    repo = wb.repo(ApplicationRepository)
    histories = repo.histories()
    return {
        app.company: [(e.stage, e.occurred_on) for e in histories[app.id or 0]]
        for app in repo.all()
    }


@pytest.mark.parametrize("name", ["huntr.csv", "url_source.csv", "yes_no.csv"])
def test_an_import_without_status_dates_stores_each_status_undated(workbook, name) -> None:
    stored = _import(workbook, name)
    for history in stored.values():
        applied = history[0]
        assert applied[0] in (Stage.APPLIED, Stage.SAVED) and applied[1] is not None
        # A status beyond applied has no day in these files: unknown, never the day applied.
        assert all(on is None for _stage, on in history[1:])
    later = [h[1] for h in stored.values() if len(h) > 1]
    assert later and all(on is None for _stage, on in later)


def test_huntr_statuses_are_undated_and_the_funnel_counts_them(workbook) -> None:
    stored = _import(workbook, "huntr.csv")
    assert stored["Raviga"] == [(Stage.APPLIED, date(2026, 7, 3)), (Stage.INTERVIEW, None)]
    assert stored["Endframe"] == [(Stage.APPLIED, date(2026, 7, 5)), (Stage.REJECTED, None)]
    report = analytics.report(workbook, PACK, date(2026, 8, 1))
    reached = dict(zip(report.funnel["stage"], report.funnel["reached"], strict=True))
    assert (reached["applied"], reached["responded"], reached["interview"]) == (4, 3, 2)
    assert report.response_time.empty  # no reply has a day: none is 0 days
    assert report.undated_replies == 3


def test_a_response_date_column_dates_the_status(workbook) -> None:
    stored = _import(workbook, "camel_case.csv")
    assert stored["Globex"] == [
        (Stage.APPLIED, date(2026, 10, 7)),
        (Stage.INTERVIEW, date(2026, 10, 16)),
    ]
    assert stored["Initech"] == [(Stage.APPLIED, date(2026, 10, 5))]


def test_export_then_import_keeps_an_unknown_day_unknown(workbook, tmp_path) -> None:
    _import(workbook, "huntr.csv")
    exported = transfer.export_csv(workbook).data
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    header, by_company = rows[0], {row[rows[0].index("Company")]: row for row in rows[1:]}
    raviga = dict(zip(header, by_company["Raviga"], strict=True))
    assert (raviga["Status"], raviga["Status date"]) == ("interview", "")  # an empty cell
    assert raviga["History"] == "2026-07-03 applied; undated interview"

    other = open_workbook(f"sqlite:///{tmp_path / 'other.db'}")
    upload = transfer.read_upload(exported)
    transfer.commit(other, transfer.preview(other, upload, transfer.Choices(upload.mapping())))
    again = other.repo(ApplicationRepository)
    assert export_applications(again.all(), again.histories()) == exported
    [raviga_app] = [a for a in again.all() if a.company == "Raviga"]
    assert [e.occurred_on for e in again.events(raviga_app.id or 0)] == [date(2026, 7, 3), None]


def test_a_history_cell_reads_undated_both_ways() -> None:
    events = [
        StatusEvent(1, Stage.APPLIED, date(2026, 1, 5)),
        StatusEvent(1, Stage.REJECTED, None),
    ]
    cell = format_history(events)
    assert cell == "2026-01-05 applied; undated rejected"
    assert parse_history(cell) == [(Stage.APPLIED, date(2026, 1, 5)), (Stage.REJECTED, None)]


# -- analytics -------------------------------------------------------------------------------


# Four applications sent 30 days ago: one reply after 5 days, three replies of unknown day.
HISTORIES = {
    1: [("applied", 30), ("responded", 25)],
    2: [("applied", 30), ("rejected", None)],
    3: [("applied", 30), ("interview", None)],
    4: [("applied", 30), ("offer", None)],
    5: [("applied", 30)],
}


def test_an_undated_response_counts_in_the_funnel_but_not_in_time_to_response() -> None:
    apps, events = _frames(HISTORIES, {i: 30 for i in HISTORIES})
    progress = application_progress(apps, events, TODAY)
    assert progress["furthest"].tolist() == [
        RANK[Stage.RESPONDED],
        RANK[Stage.REJECTED],
        RANK[Stage.INTERVIEW],
        RANK[Stage.OFFER],
        RANK[Stage.APPLIED],
    ]
    assert progress["first_reply_on"].isna().tolist() == [False, True, True, True, True]
    assert response_days(progress).tolist() == [5]  # never 0 for the undated ones
    assert undated_replies(progress) == 3

    report = analyse(apps, events, TODAY, RULES, PACK.benchmarks.listing_funnel)
    reached = dict(zip(report.funnel["stage"], report.funnel["reached"], strict=True))
    assert (reached["applied"], reached["responded"], reached["interview"]) == (5, 4, 2)
    assert (report.rates[0].hits, report.rates[0].total) == (4, 5)
    assert report.response_time.to_dict("list") == {"days": [5], "applications": [1]}
    assert report.median_response_days == 5
    weekly = report.weekly
    assert weekly.loc[weekly["activity"] == "Replies", "count"].sum() == 1  # in no week
    caption = charts.response_time_caption(report)
    assert "3 responses have no date, so they are not in the time-to-response chart." in caption
    assert "3 replies have no date, so they are in no week." in charts.weekly_caption(report)
    assert analytics.summary(report)["replies_of_unknown_date"] == 3


def test_a_dated_reply_after_an_undated_one_does_not_date_the_first_reply() -> None:
    # An interview imported without its day, then an offer recorded with one: the first reply
    # came before the offer, on a day nobody gave.
    apps, events = _frames({1: [("applied", 30), ("interview", None), ("offer", 2)]}, {1: 30})
    progress = application_progress(apps, events, TODAY)
    assert pd.isna(progress.loc[1, "first_reply_on"])
    assert progress.loc[1, "furthest"] == RANK[Stage.OFFER]


def test_only_undated_replies_say_so_without_a_median() -> None:
    histories = {1: [("applied", 30), ("rejected", None)]}
    apps, events = _frames(histories, {1: 30})
    report = analyse(apps, events, TODAY, RULES, PACK.benchmarks.listing_funnel)
    assert report.median_response_days is None
    caption = charts.response_time_caption(report)
    assert caption == "1 response has no date, so it is not in the time-to-response chart."


def test_an_undated_closing_stage_closes_the_process() -> None:
    apps, events = _frames({1: [("applied", 90), ("rejected", None)]}, {1: 90})
    progress = application_progress(apps, events, TODAY)
    assert bool(progress.loc[1, "closed"])
    table = tracker_frame(apps, events, TODAY, RULES.no_response_days)
    assert table.loc[1, "stage"] == "Rejected"
    assert pd.isna(table.loc[1, "since"])
    assert table.loc[1, "flag"] == ""


# -- the Tracker -----------------------------------------------------------------------------


def test_tracker_orders_an_undated_stage_by_its_place_in_the_record() -> None:
    apps, events = _frames({1: [("applied", 30), ("interview", None), ("offer", 2)]}, {1: 30})
    assert tracker_frame(apps, events, TODAY, 30).loc[1, "stage"] == "Offer"
    apps, events = _frames({1: [("interview", None), ("applied", 30)]}, {1: 30})
    assert tracker_frame(apps, events, TODAY, 30).loc[1, "stage"] == "Applied"


def test_an_application_with_no_date_and_no_history_shows_its_stage(workbook) -> None:
    added = tracker_service.add_application(
        workbook, Application("Hooli", "Writer"), Stage.APPLIED, RULES.tracker
    )
    assert added.app_id is not None
    assert workbook.repo(ApplicationRepository).events(added.app_id) == []
    table = tracker_service.table(workbook, TODAY, RULES.no_response_days)
    assert table.frame.loc[added.app_id, "stage"] == Stage.APPLIED.label
    view = tracker_service.screen(workbook, table, "", False, added.app_id, RULES)
    assert view.detail is not None
    assert view.detail.current == Stage.APPLIED.label
