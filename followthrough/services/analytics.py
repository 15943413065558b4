"""Pipeline analytics for one workbook: the same figures for the page, the command line and notebooks."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from followthrough import formats
from followthrough.analytics.pipeline import PipelineReport, analyse, describe
from followthrough.content import ContentPack
from followthrough.services.workbook import Workbook
from followthrough.store.frames import FrameRepository


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


def rate_lines(report: PipelineReport) -> list[RateLine]:
    return [
        RateLine(
            rate.name,
            formats.percent(rate.value),
            rate.definition,
            describe(rate, report.benchmarks.get(rate.name)),
        )
        for rate in report.rates
    ]


def stage_lines(report: PipelineReport) -> list[StageLine]:
    return [
        StageLine(row.label, int(row.reached), formats.percent(row.conversion))
        for row in report.funnel.itertuples(index=False)
    ]
