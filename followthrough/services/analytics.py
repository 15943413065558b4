"""Pipeline analytics for one workbook: the same figures for the page, the command line and notebooks.

Every rate, count and sentence is formatted here (through followthrough.formats) or in the rules, so
the Analytics page, `followthrough funnel` and the notebook print the same strings.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from followthrough import formats
from followthrough.analytics import charts
from followthrough.analytics.pipeline import (
    ActionCard,
    PipelineReport,
    analyse,
    compare,
    describe,
)
from followthrough.content import ContentPack
from followthrough.services.workbook import Workbook
from followthrough.store.frames import FrameRepository

CHARTS = (
    (charts.funnel_chart, charts.funnel_caption),
    (charts.source_chart, charts.source_caption),
    (charts.weekly_chart, charts.weekly_caption),
    (charts.response_time_chart, charts.response_time_caption),
)
# Drawn only when the figures can carry a projection (PipelineReport.projection.carried).
PROJECTION_CHART = (charts.projection_chart, charts.projection_caption)


@dataclass(frozen=True)
class RateLine:
    """One rate as every screen prints it."""

    name: str
    value: str
    definition: str
    comparison: str


@dataclass(frozen=True)
class StageLine:
    label: str
    reached: int
    conversion: str  # from the stage before; a dash for the first stage
    benchmark: str  # one listing's own figure at this stage ('250', '4–6', '1'), else ''


@dataclass(frozen=True)
class Chart:
    spec: dict[str, Any]  # a Vega-Lite spec: built and validated once, not on every rerun
    caption: str


@dataclass(frozen=True)
class AnalyticsView:
    """Everything the Analytics page shows, ready to render."""

    applications: int
    empty: str  # what to do while there are no applications
    rates: tuple[RateLine, ...]
    cards: tuple[ActionCard, ...]  # what to do next, most urgent first
    charts: tuple[Chart, ...]
    stages: tuple[StageLine, ...]
    reached_definition: str
    benchmark: str  # one listing in its own terms, with its source
    benchmark_column: str  # the stage table's heading for the listing's figures
    projection: tuple[str, ...]  # one Markdown line per planned chance, or why there is none


def frames(wb: Workbook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The owner's applications and stage history as typed frames."""
    repo = wb.repo(FrameRepository)
    return repo.applications(), repo.events()


def data_version(wb: Workbook) -> tuple:
    """Changes whenever the owner's pipeline does: the key of every cached figure and chart."""
    return wb.repo(FrameRepository).data_version()


def report(wb: Workbook, pack: ContentPack, today: date) -> PipelineReport:
    apps, events = frames(wb)
    return analyse(apps, events, today, pack.pipeline, pack.benchmarks.listing_funnel)


def view(wb: Workbook, pack: ContentPack, today: date) -> AnalyticsView:
    """The Analytics page: rates, advice, chart specs with captions, the funnel and the projection."""
    pipeline = report(wb, pack, today)
    words = pack.pipeline.analytics
    return AnalyticsView(
        applications=pipeline.applications,
        empty=words.empty,
        rates=tuple(rate_lines(pipeline)),
        cards=pipeline.cards or (ActionCard("success", words.nothing_to_do),),
        charts=tuple(
            Chart(chart(pipeline).to_dict(), caption(pipeline))
            for chart, caption in chart_list(pipeline)
        ),
        stages=tuple(stage_lines(pipeline)),
        reached_definition=words.reached_definition,
        benchmark=charts.benchmark_line(pipeline),
        benchmark_column=pipeline.listing.title,
        projection=tuple(charts.projection_lines(pipeline)),
    )


def chart_list(report: PipelineReport) -> tuple:
    """The (chart, caption) builders to show: the projection's only when the figures carry it."""
    return CHARTS + ((PROJECTION_CHART,) if report.projection.carried else ())


def rate_lines(report: PipelineReport) -> list[RateLine]:
    return [
        RateLine(
            rate.name,
            formats.percent(rate.value),
            rate.definition,
            describe(rate, report.benchmarks.get(rate.name), report.words.comparison),
        )
        for rate in report.rates
    ]


def stage_lines(report: PipelineReport) -> list[StageLine]:
    listing = charts.benchmark_figures(report)
    return [
        StageLine(
            row["label"],
            int(row["reached"]),
            formats.percent(row["conversion"]),
            listing.get(row["stage"], ""),
        )
        for row in report.funnel.to_dict("records")
    ]


def funnel_lines(report: PipelineReport) -> list[str]:
    """The funnel and the rates as a plain-text table (`followthrough funnel`, notebooks)."""
    lines = []
    for stage in stage_lines(report):
        step = (
            "" if stage.conversion == formats.DASH else f"  {stage.conversion} of the stage before"
        )
        lines.append(f"{stage.label:<16} {stage.reached:>9,}{step}")
    for rate in rate_lines(report):
        lines.append(f"{rate.name + ':':<16} {rate.value:>9}  {rate.comparison}")
        lines.append(f"{'':<16} {'':>9}  = {rate.definition}")
    lines.append(charts.benchmark_line(report))
    # The page's projection sentences, without the Markdown bold a terminal would show as **.
    lines.extend(line.replace("**", "") for line in charts.projection_lines(report))
    return lines


def summary(report: PipelineReport) -> dict:
    """The report as plain JSON-ready values (for `followthrough funnel --json` and notebooks)."""

    def number(value) -> float | int | None:
        return None if value is None or pd.isna(value) else value

    return {
        "applications": report.applications,
        "funnel": [
            {
                "stage": row["stage"],
                "reached": int(row["reached"]),
                "conversion": number(row["conversion"]),
            }
            for row in report.funnel.to_dict("records")
        ],
        "rates": {
            rate.name: {
                "value": rate.value,
                "hits": rate.hits,
                "total": rate.total,
                "interval_95": [rate.low, rate.high],
                "definition": rate.definition,
                "benchmark": compare(rate, report.benchmarks.get(rate.name)),
            }
            for rate in report.rates
        },
        "benchmark_source": report.listing.source,
        "benchmark_listing": {
            stage.stage: {"low": stage.low, "high": stage.high} for stage in report.listing.stages
        },
        "median_response_days": report.median_response_days,
        "replies_without_date": report.replies_without_date,
        "replies_of_unknown_date": report.undated_replies,
        "applications_without_date": report.undated_applications,
        "likely_no_response": report.likely_no_response,
        "searching_weeks": report.searching_weeks,
        "applications_per_week": report.pace.per_week,
        "pace_weeks": report.pace.weeks,
        "projection": {
            "carried": report.projection.carried,
            "needs": dict(
                zip(("applications", "searching_weeks"), report.projection_needs, strict=True)
            ),
            # No figures while the data cannot carry them (too few applications or weeks).
            **(
                {
                    "interview_rate": report.projection.interview_rate,
                    "offer_rate": report.projection.offer_rate,
                    "plan": [
                        {key: number(value) for key, value in row.items()}
                        for row in report.projection.plan.to_dict("records")
                    ],
                }
                if report.projection.carried
                else {}
            ),
        },
    }
