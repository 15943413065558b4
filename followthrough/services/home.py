"""Home: the benchmark that frames the search, and where each recent interview stands."""

from dataclasses import dataclass
from datetime import date, datetime

from followthrough import formats
from followthrough.content import ContentPack
from followthrough.interviews import interview_rows, title
from followthrough.models import InterviewSummary, PracticeCard, StepState
from followthrough.services import sample
from followthrough.services.steps import practice_cards, step_records
from followthrough.services.workbook import Workbook
from followthrough.steps.progress import (
    by_urgency,
    interview_progress,
    is_recent,
    practice_before_next_interview,
)
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # '250', '4–6'


@dataclass(frozen=True)
class Benchmark:
    title: str
    figures: list[Figure]
    caption: str  # what the figures mean, and their source


@dataclass(frozen=True)
class StepBadge:
    state: StepState
    step: str  # '1. Take notes'


@dataclass(frozen=True)
class InterviewCard:
    """One recent interview: its four steps and the single next action."""

    interview_id: int
    title: str
    steps: list[StepBadge]  # in step order
    next_step_id: str
    next_step_number: int
    next_action: str


@dataclass(frozen=True)
class HomeView:
    benchmark: Benchmark
    overdue: str  # '3 steps are overdue — see below.', or '' when none is
    rehearse: str  # the next interview and the practice cards to rehearse first, or ''
    cards: list[InterviewCard]  # recent interviews, most urgent first
    earlier: list[dict[str, object]]  # rows of the interviews that are history now
    has_interviews: bool
    has_applications: bool
    has_sample: bool


def home(wb: Workbook, pack: ContentPack, now: datetime) -> HomeView:
    summaries = wb.repo(InterviewRepository).summaries()
    recent = [s for s in summaries if is_recent(s, now)]
    progress = by_urgency(interview_progress(pack, recent, step_records(wb, recent), now))
    overdue = sum(p.count(StepState.OVERDUE) for p in progress)
    soonest, cards = practice_before_next_interview(pack, summaries, practice_cards(wb), now)
    return HomeView(
        benchmark=_benchmark(pack),
        overdue=_overdue(overdue),
        rehearse=_rehearse(soonest, cards),
        cards=[
            InterviewCard(
                interview_id=p.summary.interview.id or 0,
                title=title(p.summary),
                steps=[
                    StepBadge(status.state, f"{step.number}. {step.title}")
                    for step, status in zip(pack.steps, p.steps, strict=True)
                ],
                next_step_id=p.next.step_id,
                next_step_number=pack.step(p.next.step_id).number,
                next_action=p.next.action,
            )
            for p in progress
        ],
        earlier=interview_rows([s for s in summaries if not is_recent(s, now)]),
        has_interviews=bool(summaries),
        # Archived applications count: they are the user's own work, not an empty workbook.
        has_applications=bool(summaries)
        or bool(wb.repo(ApplicationRepository).all(include_archived=True)),
        has_sample=sample.has_sample(wb),
    )


def load_sample(wb: Workbook, today: date) -> str:
    """Load the sample workbook; what to tell the user."""
    count = sample.load_sample(wb, today)
    return f"Loaded the sample workbook: {formats.plural(count, 'application')}."


def remove_sample(wb: Workbook) -> str:
    """Take the sample out again (the user's own rows stay); what to tell the user."""
    count = sample.remove_sample(wb)
    return f"Removed the sample workbook ({formats.plural(count, 'application')})."


def _benchmark(pack: ContentPack) -> Benchmark:
    funnel = pack.benchmarks.listing_funnel
    return Benchmark(
        funnel.title,
        [Figure(s.label, formats.figure_range(s.low, s.high)) for s in funnel.stages],
        f"{funnel.note} Source: {funnel.source}.",
    )


def _overdue(count: int) -> str:
    return f"{formats.plural(count, 'step is', 'steps are')} overdue — see below." if count else ""


def _rehearse(soonest: InterviewSummary | None, cards: list[PracticeCard]) -> str:
    if soonest is None or not cards:
        return ""
    starts_at = soonest.interview.starts_at
    return (
        f"Your next interview is at {soonest.application.company} on {formats.day(starts_at)} "
        f"at {formats.clock(starts_at)}: rehearse "
        f"{formats.plural(len(cards), 'practice card')}, starting with “{cards[0].question}”."
    )
