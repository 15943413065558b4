"""Chart specs via to_dict(): aggregated data only, the benchmark's source named, captions in words."""

from datetime import date, timedelta

import pandas as pd
import pytest

from followthrough import formats
from followthrough.analytics import charts, synthetic
from followthrough.analytics.pipeline import PipelineReport, analyse
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.dtypes import STAGE_DTYPE

TODAY = date(2026, 3, 2)
PACK = load_content(DEFAULT_CONTENT_DIR)
CHARTS = (
    charts.funnel_chart,
    charts.weekly_chart,
    charts.response_time_chart,
    charts.source_chart,
    charts.projection_chart,
)


def _report(apps: pd.DataFrame, events: pd.DataFrame) -> PipelineReport:
    return analyse(apps, events, TODAY, PACK.pipeline, PACK.benchmarks.listing_funnel)


@pytest.fixture(scope="module")
def big() -> PipelineReport:
    return _report(*synthetic.generate(200_000, seed=5, today=TODAY))


@pytest.fixture(scope="module")
def empty() -> PipelineReport:
    apps, events = synthetic.generate(0, today=TODAY)
    return _report(apps, events)


def _rows(spec: dict) -> int:
    return sum(len(values) for values in spec.get("datasets", {}).values())


@pytest.mark.parametrize("build", CHARTS, ids=lambda build: build.__name__)
def test_every_chart_sends_aggregated_rows_only(build, big: PipelineReport) -> None:
    spec = build(big).to_dict()
    assert 0 < _rows(spec) <= 5000


@pytest.mark.parametrize("build", CHARTS, ids=lambda build: build.__name__)
def test_every_chart_builds_for_an_empty_pipeline(build, empty: PipelineReport) -> None:
    assert _rows(build(empty).to_dict()) <= 5000


def test_funnel_chart_names_the_benchmark_source(big: PipelineReport) -> None:
    title = charts.funnel_chart(big).to_dict()["title"]
    assert title["text"] == "Your funnel beside one corporate listing"
    assert "Source: ERE recruiting survey" in title["subtitle"]


def test_the_benchmark_keeps_its_own_terms_whatever_your_count() -> None:
    # 3 applications: the listing is still 250 résumés → 4–6 interviewed → 1 offer, never
    # 3 → 0.06 → 0.01 (it used to be scaled to your applications: fractions of a person).
    frame = charts.funnel_frame(_small()).set_index(["who", "label"])
    bench = frame.loc["Benchmark"]
    assert bench.loc["Applied", ["low", "high", "text"]].tolist() == [250, 250, "250"]
    assert bench.loc["Interview", ["low", "high", "text"]].tolist() == [4, 6, "4–6"]
    assert bench.loc["Offer", ["reached", "text"]].tolist() == [1, "1"]
    assert frame.loc[("You", "Applied"), "reached"] == 3
    # Two panels, each on its own scale: the listing's figures are drawn as they are.
    spec = charts.funnel_chart(_small()).to_dict()
    assert len(spec["hconcat"]) == 2
    assert charts.benchmark_line(_small()) == (
        "One corporate listing: 250 résumés → 4–6 interviewed → 1 offer (ERE recruiting survey)."
    )


def _small() -> PipelineReport:
    rows = [(1, "applied", 30), (1, "responded", 26), (1, "interview", 20), (2, "applied", 20)]
    rows += [(2, "rejected", 10), (3, "applied", 3)]
    apps = pd.DataFrame(
        {
            "id": pd.Series([1, 2, 3], dtype="int64"),
            "source": ["referral", "job board", "job board"],
            "applied_on": pd.Series([pd.NaT] * 3, dtype="datetime64[s]"),
            "archived": False,
        }
    )
    events = pd.DataFrame(
        {
            "id": pd.Series(range(1, len(rows) + 1), dtype="int64"),
            "application_id": pd.Series([r[0] for r in rows], dtype="int64"),
            "stage": pd.Series([r[1] for r in rows], dtype=STAGE_DTYPE),
            "occurred_on": pd.Series(
                [pd.Timestamp(TODAY - timedelta(days=r[2])) for r in rows], dtype="datetime64[s]"
            ),
        }
    )
    return _report(apps, events)


def test_captions_state_the_key_number_in_words() -> None:
    report = _small()
    assert charts.funnel_caption(report) == (
        "Of your 3 applications, 1 reached an interview and 0 an offer. One corporate listing: "
        "250 résumés → 4–6 interviewed → 1 offer (ERE recruiting survey)."
    )
    assert charts.response_time_caption(report) == (
        "Half of the 2 employers who replied did so within 7 days of your application."
    )
    # Measured from the week of the first application (30 days ago: the 6th week), not over a
    # fixed 26 weeks of which most were before the search began.
    assert charts.weekly_caption(report) == (
        "Over the last 6 weeks you sent 3 applications and received 2 first replies; your pace "
        "over the last 6 weeks is 0.5 applications a week."
    )
    assert charts.source_caption(report).startswith(
        "Referral has your highest response rate: 1 of 1 (100%)."
    )
    # 3 applications cannot carry a projection (it used to say "22.2 years at your pace").
    assert charts.projection_lines(report) == [
        "No projection yet: 3 applications over 6 weeks of searching cannot carry one (it needs at "
        "least 20 applications over 4 weeks). Until then, read your figures beside one listing's."
    ]
    assert charts.projection_caption(report) == charts.projection_lines(report)[0]


def test_captions_for_an_empty_pipeline_say_so(empty: PipelineReport) -> None:
    assert charts.response_time_caption(empty).startswith("No employer has replied yet")
    assert charts.source_caption(empty) == "No applications yet, so no source to compare."


@pytest.mark.parametrize(
    ("weeks", "words"),
    [(0.4, "1 week"), (3.6, "4 weeks"), (60.0, "14 months"), (173.3, "3.3 years")],
)
def test_projected_durations_are_rounded_to_what_a_projection_can_say(weeks, words) -> None:
    assert formats.weeks(weeks) == words
