"""Facilitator mode: a workshop plan projected one segment at a time, with its countdown and the demo
workbook a click away.

Where the facilitator is (plan, segment, timer) is a `Place`, kept in the page's URL: a refresh, a
bookmark or a second screen on the same link shows the same segment and time left, and nothing needs
a table or a migration. The countdown is computed from the wall clock on each tick, so it needs no
database read.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from followthrough import formats
from followthrough.content import ContentPack
from followthrough.services import sample
from followthrough.services.workbook import Workbook
from followthrough.workshops import Clock, Workshop, clock_from, clock_params

Action = Literal["start", "pause", "restart", "previous", "next"]


@dataclass(frozen=True)
class Place:
    plan: Workshop
    clock: Clock

    @property
    def params(self) -> dict[str, str]:
        return clock_params(self.plan, self.clock)


@dataclass(frozen=True)
class Countdown:
    label: str  # 'Time left', 'Over time', 'Paused', 'Ready'
    shown: str  # '08:45', '+01:10'
    note: str  # what to do now, or ''
    over: bool


@dataclass(frozen=True)
class ExerciseView:
    page_id: str  # a key of ui/navigation.BY_ID
    task: str


@dataclass(frozen=True)
class AgendaRow:
    number: int
    title: str
    minutes: int
    starts: str  # "0:20": hours and minutes into the workshop
    current: bool


@dataclass(frozen=True)
class ProjectorView:
    plan_title: str
    summary: str
    audience: str
    materials: list[str]
    position: str  # 'Segment 2 of 8 · 15 minutes (minutes 5–20 of 75)'
    title: str
    discussion: str
    talking_points: list[str]
    exercise: ExerciseView | None
    up_next: str
    is_first: bool
    is_last: bool
    running: bool
    paused: bool
    agenda: list[AgendaRow]
    demo_loaded: bool


def plans(pack: ContentPack) -> dict[str, str]:
    """The pack's workshop plans, id to title, in file order."""
    return {plan.id: plan.title for plan in pack.workshops}


def place(pack: ContentPack, params: dict[str, str]) -> Place | None:
    """The place saved in `params` (a URL's query), or the first plan's start; None without plans."""
    if not pack.workshops:
        return None
    wanted = params.get("workshop", "")
    plan = next((p for p in pack.workshops if p.id == wanted), pack.workshops[0])
    return Place(plan, clock_from(plan, params) if plan.id == wanted else Clock())


def choose(pack: ContentPack, plan_id: str) -> Place | None:
    """Another plan, from its first segment, its timer waiting for Start."""
    return place(pack, {"workshop": plan_id})


def move(at: Place, action: Action, now: float) -> Place:
    clock = at.clock
    match action:
        case "start":
            clock = clock.start(now)
        case "pause":
            clock = clock.pause(now)
        case "restart":
            clock = clock.restart(now)
        case "previous" | "next":
            clock = clock.go(at.plan, clock.segment + (1 if action == "next" else -1), now)
    return Place(at.plan, clock)


def countdown(at: Place, now: float) -> Countdown:
    """The segment's timer at `now` (the page ticks this alone, every second)."""
    left = at.clock.remaining(at.plan, now)
    if at.clock.running and left < 0:
        return Countdown(
            "Over time", formats.countdown(left), "Time's up — wrap up and move on.", True
        )
    if at.clock.running:
        return Countdown("Time left", formats.countdown(left), "", False)
    if at.clock.paused is not None:
        return Countdown("Paused", formats.countdown(left), "Resume when the room is ready.", False)
    return Countdown("Ready", formats.countdown(left), "Press Start when the room is ready.", False)


def projector(wb: Workbook, at: Place) -> ProjectorView:
    plan, index = at.plan, at.clock.segment
    segment = plan.segments[index]
    starts = _starts(plan)
    following = plan.segments[index + 1] if index + 1 < len(plan.segments) else None
    total = formats.plural(plan.total_minutes, "minute")
    return ProjectorView(
        plan_title=plan.title,
        summary=plan.summary,
        audience=plan.audience,
        materials=list(plan.materials),
        position=(
            f"Segment {index + 1} of {len(plan.segments)} · "
            f"{formats.plural(segment.minutes, 'minute')} "
            f"(minutes {starts[index]}–{starts[index] + segment.minutes} of {plan.total_minutes})"
        ),
        title=segment.title,
        discussion=segment.discussion,
        talking_points=list(segment.talking_points),
        exercise=ExerciseView(segment.exercise.page, segment.exercise.task)
        if segment.exercise
        else None,
        up_next=f"Up next: {following.title} · {formats.plural(following.minutes, 'minute')}"
        if following
        else f"Last segment: the workshop ends here ({total} in all).",
        is_first=index == 0,
        is_last=following is None,
        running=at.clock.running,
        paused=at.clock.paused is not None,
        agenda=[
            AgendaRow(i + 1, s.title, s.minutes, _clock_time(starts[i]), i == index)
            for i, s in enumerate(plan.segments)
        ],
        demo_loaded=sample.has_sample(wb),
    )


def open_demo(wb: Workbook, today: date) -> None:
    """Load the sample as the demo workbook, unless it is there already."""
    if not sample.has_sample(wb):
        sample.load_sample(wb, today)


def _starts(plan: Workshop) -> list[int]:
    """Each segment's start, in minutes from the start of the workshop."""
    starts, total = [], 0
    for segment in plan.segments:
        starts.append(total)
        total += segment.minutes
    return starts


def _clock_time(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02}"
