"""Where each interview stands across the four steps, and the single next action to take."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from followthrough.content import ContentPack
from followthrough.models import InterviewSummary, StepState, StepStatus
from followthrough.steps import follow_up, momentum, notes, practice, thank_you
from followthrough.steps.practice import PracticeCard
from followthrough.store.answers import AnswerRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.thank_you import ThankYouRepository

# Home follows interviews that are coming up or ended this recently; older ones are history.
RECENT_DAYS = 30
URGENCY = {StepState.OVERDUE: 0, StepState.DUE: 1, StepState.UPCOMING: 2, StepState.DONE: 3}


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


def by_urgency(progress: list[InterviewProgress]) -> list[InterviewProgress]:
    """Most urgent next step first; among equals, the latest interview first."""
    return sorted(
        progress,
        key=lambda p: (URGENCY[p.next.state], -p.summary.interview.starts_at.timestamp()),
    )


def is_recent(summary: InterviewSummary, now: datetime) -> bool:
    return summary.interview.ends_at >= now - timedelta(days=RECENT_DAYS)


def interview_progress(
    engine: Engine,
    owner_id: int,
    pack: ContentPack,
    summaries: list[InterviewSummary],
    now: datetime,
) -> list[InterviewProgress]:
    """The four steps' status for each interview in `summaries`, read from the owner's records."""
    answers = AnswerRepository(engine, owner_id)
    follow_ups = FollowUpRepository(engine, owner_id)
    plans = MomentumRepository(engine, owner_id)
    sent = ThankYouRepository(engine, owner_id).sent_counts()
    notes_step = pack.step(notes.STEP_ID)
    ids = [s.interview.id for s in summaries]
    notes_answers = answers.for_step_many(ids, notes.STEP_ID)
    instructions = follow_ups.instructions_for(ids)
    contacts = follow_ups.contacts_for(ids)
    call_plans = follow_ups.plans_for(ids)
    next_day = plans.plans_for(ids)
    result = []
    for summary in summaries:
        interview = summary.interview
        people = [p.id for p in interview.interviewers]
        missing = notes.missing(notes_step, notes_answers[interview.id], people)
        steps = [
            notes.status(
                interview.starts_at, interview.ends_at, now, len(missing), pack.thank_you.notes
            ),
            thank_you.status(
                interview.starts_at,
                now,
                len(people),
                sent.get(interview.id, 0),
                pack.thank_you.note,
            ),
            follow_up.status(
                interview.ends_at,
                interview.decision_expected_on,
                instructions[interview.id],
                contacts[interview.id],
                call_plans[interview.id].call_on,
                now.date(),
                pack.follow_up.status_call,
            ),
            momentum.status(interview.ends_at, next_day[interview.id], now.date()),
        ]
        result.append(InterviewProgress(summary, steps))
    return result


def practice_before_next_interview(
    engine: Engine,
    owner_id: int,
    pack: ContentPack,
    summaries: list[InterviewSummary],
    now: datetime,
) -> tuple[InterviewSummary | None, list[PracticeCard]]:
    """The next scheduled interview and the practice cards worth rehearsing before it."""
    upcoming = [s for s in summaries if s.interview.starts_at > now]
    if not upcoming:
        return None, []
    soonest = min(upcoming, key=lambda s: s.interview.starts_at)
    cards = practice.cards_to_review_before(
        soonest.interview.starts_at,
        PracticeRepository(engine, owner_id).all(),
        now,
        pack.thank_you.practice,
    )
    return soonest, cards
