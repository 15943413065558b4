"""Where each interview stands across the four steps, and the single next action to take."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from followthrough.content import ContentPack
from followthrough.models import (
    AnswerKey,
    CallPlan,
    Contact,
    Instruction,
    InterviewSummary,
    PlanItem,
    PracticeCard,
    StepState,
    StepStatus,
)
from followthrough.steps import follow_up, momentum, notes, practice, thank_you

# Home follows interviews that are coming up or ended this recently; older ones are history.
RECENT_DAYS = 30
URGENCY = {StepState.OVERDUE: 0, StepState.DUE: 1, StepState.UPCOMING: 2, StepState.DONE: 3}


@dataclass(frozen=True)
class StepRecords:
    """What the steps' status is read from, for many interviews at once (keyed by interview id)."""

    notes_answers: dict[int, dict[AnswerKey, str]]
    thank_you_sent: dict[int, int]
    instructions: dict[int, list[Instruction]]
    contacts: dict[int, list[Contact]]
    call_plans: dict[int, CallPlan]
    next_day: dict[int, list[PlanItem]]
    standings: dict[int, follow_up.Standing]  # whether a status call helps (absent: it may)


@dataclass(frozen=True)
class InterviewProgress:
    summary: InterviewSummary
    steps: list[StepStatus]  # in step order

    @property
    def next(self) -> StepStatus:
        """The most urgent step; among equals, the earliest."""
        return min(self.steps, key=lambda s: URGENCY[s.state])

    def count(self, state: StepState) -> int:
        return sum(s.state is state for s in self.steps)


@dataclass(frozen=True)
class DueStep:
    """One step of one interview that is due or overdue now."""

    summary: InterviewSummary
    number: int  # the step's place among the four, from 1
    status: StepStatus


def due_steps(progress: list[InterviewProgress]) -> list[DueStep]:
    """Every due or overdue step of every interview, in the order to act: overdue first, then by
    the day each fell due, then by the interview's time, then in step order."""
    found = [
        DueStep(p.summary, number, status)
        for p in progress
        for number, status in enumerate(p.steps, start=1)
        if status.state in (StepState.OVERDUE, StepState.DUE)
    ]
    return sorted(
        found,
        key=lambda d: (
            URGENCY[d.status.state],
            d.status.due_on or date.max,
            d.summary.interview.starts_at,
            d.number,
        ),
    )


def next_moment(progress: list[InterviewProgress], now: datetime) -> DueStep | None:
    """The next step to fall due among interviews that have ended (an interview still ahead has
    its own card), or None."""
    later = [
        DueStep(p.summary, number, status)
        for p in progress
        if p.summary.interview.ends_at <= now
        for number, status in enumerate(p.steps, start=1)
        if status.state is StepState.UPCOMING and status.due_on is not None
    ]
    return min(later, key=lambda d: (d.status.due_on, d.number), default=None)


def by_urgency(progress: list[InterviewProgress]) -> list[InterviewProgress]:
    """Most urgent next step first; among equals, the latest interview first."""
    return sorted(
        progress,
        key=lambda p: (URGENCY[p.next.state], -p.summary.interview.starts_at.timestamp()),
    )


def is_recent(summary: InterviewSummary, now: datetime) -> bool:
    return summary.interview.ends_at >= now - timedelta(days=RECENT_DAYS)


def interview_progress(
    pack: ContentPack, summaries: list[InterviewSummary], records: StepRecords, now: datetime
) -> list[InterviewProgress]:
    """The four steps' status for each interview in `summaries`."""
    notes_step = pack.step(notes.STEP_ID)
    result = []
    for summary in summaries:
        interview = summary.interview
        key = interview.id or 0  # records are keyed by stored ids
        people = [p.id for p in interview.interviewers if p.id is not None]
        missing = notes.missing(notes_step, records.notes_answers[key], people)
        steps = [
            notes.status(interview.ends_at, now, len(missing), pack.notes),
            thank_you.status(
                interview.ends_at,
                now,
                len(people),
                records.thank_you_sent.get(key, 0),
                pack.thank_you.note,
            ),
            follow_up.status(
                interview.ends_at,
                interview.decision_expected_on,
                records.instructions[key],
                records.contacts[key],
                records.call_plans[key].call_on,
                now,
                pack.follow_up,
                records.standings.get(key, follow_up.Standing()),
            ),
            momentum.status(interview.ends_at, records.next_day[key], now, pack.momentum.status),
        ]
        result.append(InterviewProgress(summary, steps))
    return result


def practice_before_next_interview(
    pack: ContentPack, summaries: list[InterviewSummary], cards: list[PracticeCard], now: datetime
) -> tuple[InterviewSummary | None, list[PracticeCard]]:
    """The next scheduled interview and the practice cards worth rehearsing before it."""
    upcoming = [s for s in summaries if s.interview.starts_at > now]
    if not upcoming:
        return None, []
    soonest = min(upcoming, key=lambda s: s.interview.starts_at)
    chosen = practice.cards_to_review_before(
        soonest.interview.starts_at, cards, now, pack.notes.practice
    )
    return soonest, chosen
