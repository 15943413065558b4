"""A cohort's figures from the pipelines its participants share, with small cells suppressed.

Pure: per-person counts in, aggregate cells out. A cell that fewer than MIN_PEOPLE people add to is
not shown, and nothing shown beside it gives it away by subtraction:
- the funnel's cells count applications that reached a stage *or any later one*; the people in a
  later stage are among those in an earlier one, so suppression only ever hides the end of the
  ladder, and no shown cell minus another equals a hidden one;
- a rate or a conversion is shown only when both cells it divides are;
- in weekly activity, whose weeks add up, a lone hidden week is hidden with the smallest shown week
  too (complementary suppression), so no total minus the shown weeks equals one hidden week.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from followthrough.analytics.pipeline import (
    LADDER,
    Rate,
    interview_rate,
    offer_rate,
    response_rate,
)
from followthrough.models import Stage

MIN_PEOPLE = 5


@dataclass(frozen=True)
class Cell:
    """An aggregate: `value` is None when fewer than MIN_PEOPLE people add to it."""

    value: int | None
    people: int

    @property
    def shown(self) -> bool:
        return self.value is not None


def cell(value: int, people: int, min_people: int = MIN_PEOPLE) -> Cell:
    return Cell(value if people >= min_people else None, people)


@dataclass(frozen=True)
class FunnelStage:
    stage: Stage
    applications: Cell  # applications of the sharing people that reached the stage
    conversion: float | None  # from the stage before, when both are shown


def funnel(
    per_person: Sequence[Mapping[Stage, int]], min_people: int = MIN_PEOPLE
) -> list[FunnelStage]:
    """The cohort's ladder: per stage, applications reaching it, from each person's reached
    counts (analytics.pipeline.reached_counts)."""
    stages = []
    before: Cell | None = None
    for stage in LADDER:
        here = cell(
            sum(p.get(stage, 0) for p in per_person),
            sum(1 for p in per_person if p.get(stage, 0) > 0),
            min_people,
        )
        conversion = None
        if before is not None and before.value and here.value is not None:
            conversion = here.value / before.value
        stages.append(FunnelStage(stage, here, conversion))
        before = here
    return stages


# Each rate of analytics.pipeline with the two cells it divides (hits, total).
RATE_CELLS = (
    (response_rate, Stage.RESPONDED, Stage.APPLIED),
    (interview_rate, Stage.INTERVIEW, Stage.APPLIED),
    (offer_rate, Stage.OFFER, Stage.INTERVIEW),
)


def rates(stages: Sequence[FunnelStage], min_sample: int) -> list[Rate | None]:
    """The pipeline's rates (response, interview, offer) on the cohort's funnel, each None when a
    cell it divides is suppressed."""
    cells = {s.stage: s.applications for s in stages}
    reached = {stage: c.value or 0 for stage, c in cells.items()}
    return [
        rate(reached, min_sample) if cells[hits].shown and cells[total].shown else None
        for rate, hits, total in RATE_CELLS
    ]


@dataclass(frozen=True)
class Week:
    start: date
    applications: Cell


def weekly(per_person: Sequence[Mapping[date, int]], min_people: int = MIN_PEOPLE) -> list[Week]:
    """Applications sent per week (keys: each week's Monday), suppressed with complements."""
    starts = sorted({week for p in per_person for week in p})
    weeks = [
        Week(
            start,
            cell(
                sum(p.get(start, 0) for p in per_person),
                sum(1 for p in per_person if p.get(start, 0) > 0),
                min_people,
            ),
        )
        for start in starts
    ]
    hidden = [w for w in weeks if not w.applications.shown]
    shown = [w for w in weeks if w.applications.shown]
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda w: (w.applications.value, w.start))
        weeks = [
            Week(w.start, Cell(None, w.applications.people)) if w is smallest else w for w in weeks
        ]
    return weeks
