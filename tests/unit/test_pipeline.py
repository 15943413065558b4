"""Pipeline maths on small hand-checked frames, plus the store frames and the synthetic generator."""

import json
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from followthrough.analytics import synthetic
from followthrough.analytics.pipeline import (
    RANK,
    analyse,
    application_progress,
    benchmark_rates,
    by_source,
    compare,
    describe,
    funnel,
    interview_rate,
    likely_no_response,
    needed_for,
    offer_chance_curve,
    offer_rate,
    project,
    reached_counts,
    response_rate,
    response_time,
    shrink,
    weekly_activity,
    wilson_interval,
)
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.dtypes import STAGE_DTYPE
from followthrough.models import Application, Stage, StatusEvent
from followthrough.services.analytics import summary
from followthrough.services.sample import load_sample
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository

TODAY = date(2026, 3, 2)  # a Monday
PACK = load_content(DEFAULT_CONTENT_DIR)
LISTING = PACK.benchmarks.listing_funnel
RULES = PACK.pipeline
WORDS = RULES.analytics.comparison


def _frames(
    histories: dict[int, list[tuple[str, int]]],
    sources: dict[int, str] | None = None,
    applied_days_ago: dict[int, int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Applications and events from {id: [(stage, days before TODAY), ...]} in the given order."""
    ids = list(histories)
    applied_days_ago = applied_days_ago or {}
    apps = pd.DataFrame(
        {
            "id": pd.Series(ids, dtype="int64"),
            "company": pd.Series([f"Company {i}" for i in ids], dtype="string"),
            "role_title": pd.Series(["Designer"] * len(ids), dtype="string"),
            "source": pd.Series([(sources or {}).get(i, "job board") for i in ids], dtype="string"),
            "applied_on": pd.Series(
                [
                    pd.Timestamp(TODAY - timedelta(days=applied_days_ago[i]))
                    if i in applied_days_ago
                    else pd.NaT
                    for i in ids
                ],
                dtype="datetime64[s]",
            ),
            "archived": pd.Series([False] * len(ids), dtype="bool"),
        }
    )
    rows = [(i, stage, days) for i, events in histories.items() for stage, days in events]
    events = pd.DataFrame(
        {
            "id": pd.Series(range(1, len(rows) + 1), dtype="int64"),
            "application_id": pd.Series([i for i, _, _ in rows], dtype="int64"),
            "stage": pd.Series([s for _, s, _ in rows], dtype=STAGE_DTYPE),
            "occurred_on": pd.Series(
                [pd.Timestamp(TODAY - timedelta(days=d)) for _, _, d in rows],
                dtype="datetime64[s]",
            ),
        }
    )
    return apps, events


def _reached(histories, **kwargs) -> dict[str, int]:
    progress = application_progress(*_frames(histories, **kwargs), TODAY)
    return {stage.value: count for stage, count in reached_counts(progress["furthest"]).items()}


# -- funnel from history ---------------------------------------------------------------------


def test_empty_pipeline_has_zero_counts_and_no_rates() -> None:
    report = analyse(*_frames({}), TODAY, RULES, LISTING)
    assert report.applications == 0
    assert report.funnel["reached"].tolist() == [0] * 7
    assert [r.value for r in report.rates] == [None, None, None]
    assert [(r.low, r.high) for r in report.rates] == [(0.0, 1.0)] * 3
    assert report.median_response_days is None
    assert report.response_time.empty and report.sources.empty
    assert report.cards == ()
    # With no data of its own the projection runs at the benchmark: 2% × 1 in 5.
    assert report.projection.per_application == pytest.approx(0.02 * 0.2)
    json.dumps(summary(report))


def test_all_rejected_counts_replies_but_no_interviews() -> None:
    histories = {i: [("applied", 20), ("rejected", 10)] for i in range(1, 5)}
    report = analyse(*_frames(histories), TODAY, RULES, LISTING)
    response, interview, offer = report.rates
    assert (response.hits, response.total) == (4, 4)
    assert (interview.hits, interview.total) == (0, 4)
    assert (offer.hits, offer.total, offer.value) == (0, 0, None)
    assert report.median_response_days == 10


def test_events_out_of_order_give_the_same_funnel() -> None:
    ordered = {1: [("applied", 30), ("responded", 25), ("interview", 20), ("offer", 5)]}
    shuffled = {1: [("offer", 5), ("applied", 30), ("interview", 20), ("responded", 25)]}
    assert _reached(ordered) == _reached(shuffled)
    assert _reached(shuffled)["offer"] == 1
    progress = application_progress(*_frames(shuffled), TODAY)
    assert progress.loc[1, "first_reply_on"] == pd.Timestamp(TODAY - timedelta(days=25))


def test_same_day_events_count_once_each() -> None:
    histories = {1: [("applied", 7), ("responded", 7), ("rejected", 7)]}
    assert _reached(histories) == {
        "applied": 1,
        "responded": 1,
        "screening": 0,
        "interview": 0,
        "final_interview": 0,
        "offer": 0,
        "accepted": 0,
    }
    progress = application_progress(*_frames(histories), TODAY)
    assert response_time(progress).to_dict("list") == {"days": [0], "applications": [1]}


def test_a_rejection_never_undoes_an_interview() -> None:
    rejected_after = {
        1: [("applied", 30), ("interview", 20), ("final_interview", 15), ("rejected", 9)]
    }
    interview_after = {1: [("applied", 30), ("rejected", 20), ("interview", 10)]}
    assert _reached(rejected_after)["final_interview"] == 1
    assert _reached(interview_after)["interview"] == 1
    assert _reached(interview_after)["responded"] == 1


def test_skipped_stages_count_as_passed_and_skip_nothing_later() -> None:
    # Straight from applied to an interview: the application also "reached" responded and screening.
    assert _reached({1: [("applied", 9), ("interview", 2)]})["screening"] == 1


def test_future_events_and_saved_only_listings_are_not_counted_yet() -> None:
    histories = {1: [("applied", 5), ("interview", -4)], 2: [("saved", 3)], 3: [("saved", 9)]}
    reached = _reached(histories)
    assert reached["applied"] == 1
    assert reached["interview"] == 0


def test_funnel_conversion_is_stage_to_stage() -> None:
    histories = {
        1: [("applied", 30), ("responded", 20), ("interview", 10)],
        2: [("applied", 30), ("responded", 20)],
        3: [("applied", 30)],
        4: [("applied", 30)],
    }
    table = funnel(application_progress(*_frames(histories), TODAY))
    assert table["reached"].tolist() == [4, 2, 1, 1, 0, 0, 0]
    assert np.isnan(table["conversion"][0])
    assert table["conversion"].tolist()[1:4] == [0.5, 0.5, 1.0]
    assert np.isnan(table["conversion"][5])  # no conversion out of an empty stage


# -- rates and intervals ---------------------------------------------------------------------


def test_rates_keep_their_counts_and_definition() -> None:
    reached = {stage: 0 for stage in RANK} | {Stage.APPLIED: 8, Stage.RESPONDED: 5}
    rate = response_rate(reached, min_sample=20)
    assert (rate.hits, rate.total, rate.value) == (5, 8, 0.625)
    assert (
        rate.definition
        == "applications with any employer reply (including a rejection) ÷ applications"
    )
    assert rate.too_small
    assert describe(rate, None, WORDS) == "5 of 8 · 95% interval 31%–86%"


@pytest.mark.parametrize(
    ("hits", "total", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (1, 250, 0.0007, 0.0223),
    ],
)
def test_wilson_interval_matches_published_values(hits, total, low, high) -> None:
    assert wilson_interval(hits, total) == pytest.approx((low, high), abs=1e-4)


def test_benchmark_rates_come_from_the_listing_funnel() -> None:
    bench = benchmark_rates(LISTING)
    interview, offer = bench["Interview rate"], bench["Offer rate"]
    assert (interview.low, interview.mid, interview.high) == pytest.approx((0.016, 0.02, 0.024))
    assert (offer.low, offer.mid, offer.high) == pytest.approx((1 / 6, 0.2, 0.25))
    assert interview.source == "ERE recruiting survey"


def test_comparison_waits_for_enough_data_and_for_a_clear_interval() -> None:
    bench = benchmark_rates(LISTING)["Interview rate"]
    reached = {stage: 0 for stage in RANK}
    small = interview_rate(reached | {Stage.APPLIED: 10, Stage.INTERVIEW: 5}, min_sample=20)
    high = interview_rate(reached | {Stage.APPLIED: 100, Stage.INTERVIEW: 20}, min_sample=20)
    usual = interview_rate(reached | {Stage.APPLIED: 100, Stage.INTERVIEW: 2}, min_sample=20)
    low = interview_rate(reached | {Stage.APPLIED: 2000, Stage.INTERVIEW: 4}, min_sample=20)
    assert [compare(r, bench) for r in (small, high, usual, low)] == [
        "too small to compare",
        "above",
        "in line",
        "below",
    ]
    assert "too few to compare with the benchmark 1.6%–2.4% (ERE recruiting survey): needs 20" in (
        describe(small, bench, WORDS)
    )


# -- timing, activity and likely no response -------------------------------------------------


def test_time_to_first_response_median_and_distribution() -> None:
    histories = {
        1: [("applied", 30), ("responded", 28), ("interview", 20)],
        2: [("applied", 30), ("rejected", 20)],
        3: [("applied", 100), ("responded", 1)],
        4: [("applied", 30)],
    }
    report = analyse(
        *_frames(histories, applied_days_ago={1: 30, 2: 30, 3: 100, 4: 30}), TODAY, RULES, LISTING
    )
    assert report.median_response_days == 10
    # 99 days is grouped into the last bucket (60 = that many or more).
    assert report.response_time.to_dict("list") == {"days": [2, 10, 60], "applications": [1, 1, 1]}


def test_applied_on_falls_back_to_the_first_event() -> None:
    progress = application_progress(*_frames({1: [("saved", 40), ("applied", 30)]}), TODAY)
    assert progress.loc[1, "applied_on"] == pd.Timestamp(TODAY - timedelta(days=30))


def test_weekly_activity_counts_applications_and_replies_per_week() -> None:
    histories = {
        1: [("applied", 0), ("responded", 0)],  # this week (Monday)
        2: [("applied", 1)],  # last Sunday: previous week
        3: [("applied", 7), ("rejected", 3)],
    }
    weekly = weekly_activity(application_progress(*_frames(histories), TODAY), TODAY, weeks=3)
    table = weekly.pivot(index="week", columns="activity", values="count")
    # From the week of the first application on: no empty weeks before the search began.
    assert table.index.tolist() == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-02")]
    assert table["Applications"].tolist() == [2, 1]
    assert table["Replies"].tolist() == [1, 1]
    # A longer search shows at most `weeks` weeks, the latest.
    older = histories | {4: [("applied", 60)]}
    weekly = weekly_activity(application_progress(*_frames(older), TODAY), TODAY, weeks=3)
    assert weekly["week"].drop_duplicates().tolist() == [
        pd.Timestamp("2026-02-16"),
        pd.Timestamp("2026-02-23"),
        pd.Timestamp("2026-03-02"),
    ]


def test_likely_no_response_reads_the_history_without_changing_it() -> None:
    histories = {
        1: [("applied", 30)],  # silent for 30 days
        2: [("applied", 10)],  # too soon to say
        3: [("applied", 30), ("no_response", 5)],  # already marked
        4: [("applied", 30), ("responded", 20)],  # replied
        5: [("applied", 21)],  # exactly 21 days
        6: [("applied", 40), ("withdrawn", 30)],
    }
    apps, events = _frames(histories)
    before = events.copy()
    flags = likely_no_response(application_progress(apps, events, TODAY), TODAY, days=21)
    assert flags[flags].index.tolist() == [1, 5]
    pd.testing.assert_frame_equal(events, before)


def test_archived_applications_need_no_follow_up() -> None:
    apps, events = _frames({1: [("applied", 30)]})
    apps["archived"] = True
    assert not likely_no_response(application_progress(apps, events, TODAY), TODAY, 21).any()


def test_conversion_by_source_with_blank_sources_named() -> None:
    histories = {1: [("applied", 9), ("interview", 2)], 2: [("applied", 9)], 3: [("applied", 9)]}
    progress = application_progress(
        *_frames(histories, sources={1: "referral", 2: " referral ", 3: "  "}), TODAY
    )
    table = by_source(progress, min_sample=20).set_index(["source", "measure"])
    assert table.loc[("referral", "Interview rate"), ["hits", "total"]].tolist() == [1, 2]
    assert table.loc[("not recorded", "Response rate"), ["hits", "total"]].tolist() == [0, 1]
    assert table["too_small"].all()


# -- projection ------------------------------------------------------------------------------


def test_needed_for_solves_the_chance_of_at_least_one() -> None:
    assert needed_for(0.5, 0.5) == 1
    assert needed_for(0.75, 0.5) == 2
    assert needed_for(0.9, 0.2) == 11  # 1 - 0.8**11 = 0.914 ≥ 0.9 > 1 - 0.8**10
    assert needed_for(0.9, 0.0) is None


def test_shrinkage_starts_at_the_benchmark_and_follows_the_data() -> None:
    assert shrink(0, 0, 0.02, 100) == 0.02
    assert shrink(10, 100, 0.02, 100) == pytest.approx(0.06)
    assert shrink(10_000, 100_000, 0.02, 100) == pytest.approx(0.1, abs=1e-3)


def test_projection_is_monotonic() -> None:
    bench = benchmark_rates(LISTING)
    reached = {stage: 0 for stage in RANK}
    previous = None
    for interviews in (0, 2, 5, 10, 20):
        counts = reached | {Stage.APPLIED: 100, Stage.INTERVIEW: interviews, Stage.OFFER: 1}
        result = project(
            interview_rate(counts, 20), offer_rate(counts, 20), bench, RULES, weekly_pace=5
        )
        needed = result.plan["applications"].tolist()
        assert needed == sorted(needed)  # a higher chance never needs fewer applications
        assert result.plan["weeks"].tolist() == pytest.approx([n / 5 for n in needed])
        if previous is not None:  # a better interview rate never needs more applications
            assert all(a <= b for a, b in zip(needed, previous, strict=True))
        previous = needed
    curve = offer_chance_curve(0.01, 300)
    assert curve["chance"].is_monotonic_increasing and len(curve) <= 120


def test_projection_without_a_pace_has_no_weeks() -> None:
    report = analyse(
        *_frames({1: [("applied", 200)]}, applied_days_ago={1: 200}), TODAY, RULES, LISTING
    )
    assert report.projection.pace == 0
    assert report.projection.plan["weeks"].isna().all()
    assert any("No new applications" in card.text for card in report.cards)


# -- action cards ----------------------------------------------------------------------------


def test_action_cards_name_stale_applications_and_small_samples() -> None:
    histories = {i: [("applied", 30)] for i in range(1, 13)} | {13: [("applied", 3)]}
    report = analyse(*_frames(histories), TODAY, RULES, LISTING)
    texts = [card.text for card in report.cards]
    assert texts[0] == (
        "12 applications have had no reply for 21 days or more: "
        "mark them as no response, or send one short follow-up."
    )
    assert "13 applications so far" in texts[-1]


def test_action_cards_compare_sources_with_the_benchmark() -> None:
    # 0 of 400 job-board applications reached an interview (interval up to 1%), 40 of 50 referrals.
    histories = {i: [("applied", 30)] for i in range(1, 411)}
    histories |= {i: [("applied", 30), ("interview", 10)] for i in range(411, 451)}
    sources = {i: "job board" for i in range(1, 401)} | {i: "referral" for i in range(401, 451)}
    report = analyse(*_frames(histories, sources=sources), TODAY, RULES, LISTING)
    texts = " ".join(card.text for card in report.cards)
    # The benchmark's share reads as the funnel caption prints it (formats.percent).
    assert "Interview rate below the benchmark (2.0%) on job board" in texts
    assert "Interview rate above the benchmark (2.0%) on referral" in texts


# -- the store's frames and the synthetic generator ------------------------------------------


def test_frames_load_typed_and_owner_scoped(store_url: str) -> None:
    workbook = open_workbook(store_url)
    load_sample(workbook, TODAY)
    apps = workbook.repo(FrameRepository).applications()
    events = workbook.repo(FrameRepository).events()
    assert len(apps) == 8 and apps["applied_on"].dtype == "datetime64[s]"
    assert apps["source"].dtype == "category"
    assert events["stage"].dtype == STAGE_DTYPE
    assert events["occurred_on"].dtype == "datetime64[s]"
    assert FrameRepository(workbook.engine, workbook.owner.id + 1).applications().empty
    report = analyse(apps, events, TODAY, RULES, LISTING)
    assert (report.rates[0].hits, report.rates[0].total) == (5, 8)
    workbook.engine.dispose()


def test_data_version_changes_with_the_history(store_url: str) -> None:
    workbook = open_workbook(store_url)
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Acme", "Designer", applied_on=TODAY))
    before = workbook.repo(FrameRepository).data_version()
    repo.add_event(StatusEvent(app_id, Stage.RESPONDED, TODAY))
    after_event = workbook.repo(FrameRepository).data_version()
    repo.delete(app_id)
    after_delete = workbook.repo(FrameRepository).data_version()
    assert len({before, after_event, after_delete}) == 3
    workbook.engine.dispose()


def test_synthetic_pipelines_are_deterministic_and_plausible() -> None:
    apps, events = synthetic.generate(5000, seed=7, today=TODAY)
    again, again_events = synthetic.generate(5000, seed=7, today=TODAY)
    pd.testing.assert_frame_equal(apps, again)
    pd.testing.assert_frame_equal(events, again_events)
    assert not synthetic.generate(5000, seed=8, today=TODAY)[1].equals(events)
    assert events["occurred_on"].max() <= pd.Timestamp(TODAY)
    report = analyse(apps, events, TODAY, RULES, LISTING)
    response, interview, offer = (r.value for r in report.rates)
    assert 0.2 < response < 0.5 and 0.02 < interview < 0.2 and 0.1 < offer < 0.4


def test_analysis_agrees_with_a_row_by_row_reading_of_the_history() -> None:
    apps, events = synthetic.generate(400, seed=11, today=TODAY)
    progress = application_progress(apps, events, TODAY)
    for app_id, history in events.groupby("application_id"):
        ranks = [RANK[Stage(s)] for s in history["stage"]]
        assert progress.loc[app_id, "furthest"] == max(ranks)


def test_synthetic_rows_store_and_load_back(workbook) -> None:
    apps, events = synthetic.generate(50, seed=2, today=TODAY)
    assert workbook.repo(FrameRepository).insert(apps, events) == (50, len(events))
    loaded = workbook.repo(FrameRepository).events()
    assert loaded["stage"].value_counts().equals(events["stage"].value_counts())
