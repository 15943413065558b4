"""Workshop plans (content/workshops/*.yaml) and the facilitator's clock that walks through one.

A plan is content: content.py loads each file into a `Workshop` (errors name the file and the path)
and `followthrough content check` checks it with the rest. This module sits below content.py and
imports nothing of the product, so the pack can hold plans; the projector's clock is plain values in
and out, kept in the page's URL (see `clock_params`).
"""

import math
from dataclasses import dataclass, replace
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The app's pages an exercise may open, by the id ui/navigation.BY_ID gives each (a test keeps the
# two in step). Kept here so the content check needs no Streamlit.
PageId = Literal[
    "home",
    "interviews",
    "notes",
    "thank_you",
    "follow_up",
    "momentum",
    "practice",
    "tracker",
    "analytics",
    "import_export",
    "printable",
]
PAGE_IDS: tuple[str, ...] = get_args(PageId)

_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
_Text = Annotated[str, Field(min_length=1)]


class _Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exercise(_Plan):
    """Hands-on work in the demo workbook: the page it opens and what the room does there."""

    page: PageId
    task: _Text


class Segment(_Plan):
    id: _Id
    title: _Text
    minutes: int = Field(gt=0, le=240)
    discussion: _Text  # the question put to the room
    talking_points: list[_Text] = []  # the facilitator's own notes, not projected large
    exercise: Exercise | None = None


class Workshop(_Plan):
    id: _Id
    title: _Text
    summary: _Text
    audience: str = ""
    materials: list[_Text] = []
    segments: list[Segment] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_segments(self) -> "Workshop":
        seen: set[str] = set()
        for segment in self.segments:
            if segment.id in seen:
                raise ValueError(f"duplicate segment id '{segment.id}'")
            seen.add(segment.id)
        return self

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.segments)

    def index(self, segment_id: str) -> int:
        """The position of `segment_id`, or 0 (the first segment) when the plan has no such id."""
        return next((i for i, s in enumerate(self.segments) if s.id == segment_id), 0)


@dataclass(frozen=True)
class Clock:
    """Where the facilitator is: a segment, and its timer (not started, running or paused).

    Running: `started` is the wall-clock second the segment's timer counts from. Paused: `paused`
    holds the seconds already spent. Neither: the segment waits for Start.
    """

    segment: int = 0
    started: float | None = None
    paused: float | None = None

    @property
    def running(self) -> bool:
        return self.started is not None

    def elapsed(self, now: float) -> float:
        if self.started is not None:
            return max(0.0, now - self.started)
        return self.paused or 0.0

    def start(self, now: float) -> "Clock":
        """Start, or resume from a pause where it stopped."""
        return replace(self, started=now - (self.paused or 0.0), paused=None)

    def pause(self, now: float) -> "Clock":
        return replace(self, started=None, paused=self.elapsed(now)) if self.running else self

    def restart(self, now: float) -> "Clock":
        return Clock(self.segment, started=now)

    def go(self, plan: Workshop, segment: int, now: float) -> "Clock":
        """Another segment: a running timer starts afresh on it, otherwise it waits for Start."""
        target = min(max(segment, 0), len(plan.segments) - 1)
        return Clock(target, started=now if self.running else None)

    def remaining(self, plan: Workshop, now: float) -> float:
        """Seconds left in the segment; negative once it runs over."""
        return plan.segments[self.segment].minutes * 60 - self.elapsed(now)


def clock_params(plan: Workshop, clock: Clock) -> dict[str, str]:
    """The clock as URL query parameters, so a refresh or a bookmark comes back to the same place."""
    params = {"workshop": plan.id, "segment": plan.segments[clock.segment].id}
    if clock.started is not None:
        params["started"] = str(round(clock.started))
    elif clock.paused is not None:
        params["paused"] = str(round(clock.paused))
    return params


def clock_from(plan: Workshop, params: dict[str, str]) -> Clock:
    """`clock_params` read back; an unknown segment is the first, a garbled time is not started."""
    return Clock(
        plan.index(params.get("segment", "")),
        started=_seconds(params.get("started")),
        paused=_seconds(params.get("paused")),
    )


def _seconds(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) and value >= 0 else None
