"""Issue 11, items 2 and 3: no invented dates, and honest figures for a small pipeline.

An application without a date applied is counted, but in no week and in no time to response;
the pace is measured over the weeks of the search; a projection waits until the figures can carry
it; the benchmark is one listing's own figures.
"""

from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest

from followthrough.analytics import charts
from followthrough.analytics.pipeline import (
    RANK,
    analyse,
    application_progress,
    pace,
    searching_weeks,
)
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.dtypes import STAGE_DTYPE
from followthrough.models import Application, Interview, Interviewer, InterviewFormat, Stage
from followthrough.services import analytics, interviews, momentum
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository

TODAY = date(2026, 3, 4)  # a Wednesday
PACK = load_content(DEFAULT_CONTENT_DIR)
RULES = PACK.pipeline
LISTING = PACK.benchmarks.listing_funnel


def _frames(
    histories: dict[int, list[tuple[str, int | None]]], applied_days_ago: dict[int, int | None]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """{id: [(stage, days before TODAY; negative: ahead; None: the day is unknown)]},
    {id: days before TODAY or None}: frames shaped like followthrough.store.frames'."""

    def day(days_ago: int | None) -> pd.Timestamp:
        return pd.NaT if days_ago is None else pd.Timestamp(TODAY - timedelta(days=days_ago))

    ids = list(histories)
    apps = pd.DataFrame(
        {
            "id": pd.Series(ids, dtype="int64"),
            "company": pd.Series([f"Company {i}" for i in ids], dtype="string"),
            "role_title": pd.Series(["Analyst"] * len(ids), dtype="string"),
            "source": pd.Series(["job board"] * len(ids), dtype="string"),
            "applied_on": pd.Series(
                [day(applied_days_ago.get(i)) for i in ids], dtype="datetime64[s]"
            ),
            "archived": pd.Series([False] * len(ids), dtype="bool"),
        }
    )
    rows = [(i, stage, days) for i, events in histories.items() for stage, days in events]
    events = pd.DataFrame(
        {
            "id": pd.Series(range(1, len(rows) + 1), dtype="int64"),
            "application_id": pd.Series([r[0] for r in rows], dtype="int64"),
            "stage": pd.Series([r[1] for r in rows], dtype=STAGE_DTYPE),
            "occurred_on": pd.Series([day(r[2]) for r in rows], dtype="datetime64[s]"),
        }
    )
    return apps, events


# -- item 2: an unknown date is unknown, never 0 days ------------------------------------------


def test_an_interview_does_not_date_the_application() -> None:
    # An interview recorded today for an application with no date applied: it used to take the
    # interview's date, so the employer "replied within 0 days" and it counted this week.
    apps, events = _frames({1: [("interview", 0)]}, {1: None})
    progress = application_progress(apps, events, TODAY)
    assert pd.isna(progress.loc[1, "applied_on"])
    assert progress.loc[1, "furthest"] == RANK[Stage.INTERVIEW]
    report = analyse(apps, events, TODAY, RULES, LISTING)
    assert report.applications == 1  # counted: an interview means an application was sent
    assert report.median_response_days is None
    assert report.response_time.empty
    assert (report.replies_without_date, report.undated_applications) == (1, 1)
    weekly = report.weekly[report.weekly["activity"] == "Applications"]
    assert weekly["count"].sum() == 0
    caption = charts.response_time_caption(report)
    assert caption == (
        "1 employer replied, but to an application without a date applied, so there is no time "
        "to first response to count yet."
    )
    assert "0 days" not in caption
    assert charts.weekly_caption(report).endswith(
        "1 application has no date applied, so it is in no week."
    )
    # Nor is it "no new applications in the last weeks": there is no dated week to say it of.
    assert not any("No new applications" in card.text for card in report.cards)


def test_time_to_response_counts_only_known_dates_and_says_how_many_it_left_out() -> None:
    histories = {
        1: [("applied", 20), ("responded", 10)],  # 10 days
        2: [("applied", 20), ("rejected", 16)],  # 4 days
        3: [("responded", 2)],  # no date applied: unknown, not 0
        4: [("interview", 1)],  # no date applied: unknown, not 0
    }
    report = analyse(*_frames(histories, {1: 20, 2: 20}), TODAY, RULES, LISTING)
    assert report.median_response_days == 7
    assert report.response_time.to_dict("list") == {"days": [4, 10], "applications": [1, 1]}
    assert charts.response_time_caption(report) == (
        "Half of the 2 employers who replied did so within 7 days of your application. "
        "Not counted: 2 replies to applications without a date applied."
    )
    assert analytics.summary(report)["replies_without_date"] == 2


def test_an_applied_event_still_dates_an_application_without_its_own_date() -> None:
    apps, events = _frames({1: [("saved", 40), ("applied", 30), ("interview", 10)]}, {1: None})
    progress = application_progress(apps, events, TODAY)
    assert progress.loc[1, "applied_on"] == pd.Timestamp(TODAY - timedelta(days=30))


def test_a_booked_interview_counts_the_application_but_not_yet_the_interview() -> None:
    apps, events = _frames({1: [("interview", -5)]}, {1: None})
    progress = application_progress(apps, events, TODAY)
    assert progress.loc[1, "furthest"] == RANK[Stage.APPLIED]
    assert pd.isna(progress.loc[1, "applied_on"])


def _interview(day: date) -> Interview:
    return Interview(
        application_id=0,
        round_number=1,
        format=InterviewFormat.VIDEO,
        starts_at=datetime.combine(day, time(10)),
        ends_at=datetime.combine(day, time(11)),
    )


def test_recording_an_interview_without_a_date_applied_invents_none(workbook: Workbook) -> None:
    today = date.today()
    view = interviews.screen(workbook, None, today)
    assert view.blank_application.applied_on is None  # the form starts empty, not today
    recorded = interviews.record_interview(
        workbook, Application("Acme", "Designer"), _interview(today), [Interviewer("Ana")]
    )
    assert not recorded.errors
    (app,) = workbook.repo(ApplicationRepository).all()
    assert app.applied_on is None
    history = workbook.repo(ApplicationRepository).histories()[app.id or 0]
    assert [e.stage for e in history] == [Stage.INTERVIEW]  # no "applied" event dated today
    week = momentum.screen(workbook, PACK, None, today).week
    assert week.applications == f"0 / {week.goal}"  # Step 4: not an application this week
    report = analytics.report(workbook, PACK, today)
    assert report.applications == 1
    assert report.median_response_days is None
    assert "0 days" not in charts.response_time_caption(report)
    workbook.engine.dispose()


def test_a_date_applied_that_was_given_is_kept_and_counted(workbook: Workbook) -> None:
    today = date.today()
    applied = today - timedelta(days=today.weekday())  # this week's Monday
    interviews.record_interview(
        workbook,
        Application("Acme", "Designer", applied_on=applied),
        _interview(today),
        [Interviewer("Ana")],
    )
    (app,) = workbook.repo(ApplicationRepository).all()
    history = workbook.repo(ApplicationRepository).histories()[app.id or 0]
    assert [(e.stage, e.occurred_on) for e in history][0] == (Stage.APPLIED, applied)
    week = momentum.screen(workbook, PACK, None, today).week
    assert week.applications == f"1 / {week.goal}"
    workbook.engine.dispose()


# -- item 3: pace over the search, projections the data can carry, the benchmark as it is ----


def test_pace_is_measured_over_the_weeks_of_the_search() -> None:
    # 3 applications since Monday: 3 a week, not 3 spread over 8 (or 26) weeks.
    apps, events = _frames({i: [("applied", 2)] for i in (1, 2, 3)}, dict.fromkeys((1, 2, 3), 2))
    progress = application_progress(apps, events, TODAY)
    assert searching_weeks(progress, TODAY) == 1
    measured = pace(progress, TODAY, weeks=8)
    assert (measured.per_week, measured.weeks, measured.applications) == (3.0, 1, 3)
    # A search older than the window: the last 8 weeks (Mondays), however long it has run.
    old = {i: [("applied", 7 * i)] for i in range(1, 21)}
    progress = application_progress(*_frames(old, {i: 7 * i for i in old}), TODAY)
    assert searching_weeks(progress, TODAY) == 21
    measured = pace(progress, TODAY, weeks=8)
    assert (measured.weeks, measured.applications) == (8, 7)  # 7 to 49 days ago
    assert measured.per_week == pytest.approx(7 / 8)


def test_three_applications_get_no_projection_and_the_listing_as_it_is() -> None:
    # The issue's workbook: 3 applications. It used to project "15.5 years" and "22.2 years at
    # your pace", and draw the benchmark as 0.06 interviews and 0.01 offers.
    histories = {1: [("applied", 9), ("responded", 5)], 2: [("applied", 6)], 3: [("applied", 2)]}
    report = analyse(*_frames(histories, {1: 9, 2: 6, 3: 2}), TODAY, RULES, LISTING)
    assert not report.projection.carried
    lines = charts.projection_lines(report)
    assert lines == [
        "No projection yet: 3 applications over 2 weeks of searching cannot carry one (it needs "
        "at least 20 applications over 4 weeks). Until then, read your figures beside one "
        "listing's."
    ]
    assert not any("year" in line for line in lines)
    assert "plan" not in analytics.summary(report)["projection"]
    assert all(chart is not charts.projection_chart for chart, _ in analytics.chart_list(report))
    bench = charts.funnel_frame(report)
    bench = bench[bench["who"] == charts.BENCHMARK].set_index("label")
    assert bench["text"].to_dict() == {"Applied": "250", "Interview": "4–6", "Offer": "1"}
    stages = {line.label: line.benchmark for line in analytics.stage_lines(report)}
    assert (stages["Applied"], stages["Interview"], stages["Offer"]) == ("250", "4–6", "1")
    assert stages["Responded"] == ""
    funnel = analytics.funnel_lines(report)
    assert "One corporate listing: 250 résumés → 4–6 interviewed → 1 offer" in "\n".join(funnel)


def test_a_long_enough_search_gets_a_projection_with_its_interval() -> None:
    # 40 applications over 7 weeks (Mondays), 4 interviews: enough to project, with a range.
    histories = {i: [("applied", i)] for i in range(1, 41)}
    histories |= {i: [("applied", i), ("interview", 0)] for i in range(1, 5)}
    report = analyse(*_frames(histories, {i: i for i in histories}), TODAY, RULES, LISTING)
    assert report.searching_weeks == 7 and report.applications == 40
    assert report.projection.carried
    plan = report.projection.plan
    assert (plan["low"] <= plan["applications"]).all()
    assert (plan["applications"] <= plan["high"]).all()
    assert (plan["low"] < plan["high"]).all()
    lines = charts.projection_lines(report)
    assert len(lines) == 3 and all("95% interval" in line for line in lines)
    assert len(analytics.summary(report)["projection"]["plan"]) == 3
    assert analytics.chart_list(report)[-1][0] is charts.projection_chart


def test_a_projection_also_needs_weeks_not_only_applications() -> None:
    histories = {i: [("applied", 1)] for i in range(1, 31)}  # 30 applications, all this week
    report = analyse(*_frames(histories, dict.fromkeys(histories, 1)), TODAY, RULES, LISTING)
    assert report.applications == 30 and report.searching_weeks == 1
    assert not report.projection.carried
