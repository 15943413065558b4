"""Step 1, take notes: what the notes page shows for one interview, and the practice cards it feeds."""

from dataclasses import dataclass
from datetime import datetime

from followthrough import formats
from followthrough.content import ContentPack, NotesRules, Prompt
from followthrough.models import AnswerKey, Interview, StepState
from followthrough.services.answers import answers
from followthrough.services.practice import CardView, card_view
from followthrough.services.thank_you import channel_advice
from followthrough.services.workbook import Workbook
from followthrough.steps import before_you_go
from followthrough.steps import notes as rules
from followthrough.steps.before_you_go import BeforeYouGo
from followthrough.store.interviews import InterviewRepository
from followthrough.store.practice import PracticeRepository
from followthrough.templates import fill


@dataclass(frozen=True)
class Timing:
    """How the notes' timing reads: UPCOMING before the interview, DUE while fresh, OVERDUE late,
    DONE once every key prompt is answered."""

    state: StepState
    message: str


@dataclass(frozen=True)
class Interviewee:
    """An interviewer, as the subject their own notes are saved under."""

    subject: str  # the interviewer's id, as text
    name: str


@dataclass(frozen=True)
class CardCandidate:
    """A line of the notes that can become a practice card."""

    prompt_id: str
    line: str
    carded: bool  # the interview already has this card


@dataclass(frozen=True)
class NotesView:
    interview_id: int
    timing: Timing
    progress: str  # 'Saved as you type. Still to answer: 2.'
    answers: dict[AnswerKey, str]
    interviewers: list[Interviewee]
    per_interviewer: list[Prompt]  # answered once for each interviewer
    interview_wide: list[Prompt]
    candidates: list[CardCandidate]
    cards: list[CardView]  # the interview's practice cards
    before: BeforeYouGo | None  # while the interview is still ahead: what to bring and ask


def screen(wb: Workbook, pack: ContentPack, interview: Interview, now: datetime) -> NotesView:
    step = pack.step(rules.STEP_ID)
    interview_id = interview.id or 0
    saved = answers(wb, interview_id, step.id)
    people = {p.id: p.name for p in interview.interviewers if p.id is not None}
    gaps = rules.missing(step, saved, list(people))
    cards = wb.repo(PracticeRepository).for_interview(interview_id)
    carded = {c.question for c in cards}
    return NotesView(
        interview_id=interview_id,
        timing=_timing(interview, now, pack.notes, done=not gaps),
        progress=pack.notes.progress_left.say(len(gaps)) if gaps else pack.notes.progress_done,
        answers=saved,
        interviewers=[Interviewee(str(i), name) for i, name in people.items()],
        per_interviewer=[p for p in step.prompts if p.per_interviewer],
        interview_wide=[p for p in step.prompts if not p.per_interviewer],
        candidates=[
            CardCandidate(prompt_id, line, line in carded)
            for prompt_id, line in rules.items_from(saved, pack.notes.practice_from)
        ],
        cards=[card_view(c) for c in cards],
        before=_before(wb, pack, interview, now),
    )


def _before(
    wb: Workbook, pack: ContentPack, interview: Interview, now: datetime
) -> BeforeYouGo | None:
    """The before-you-go card while the interview is still ahead; None once it has ended."""
    if now >= interview.ends_at:
        return None
    rounds = wb.repo(InterviewRepository).summaries(True, application_id=interview.application_id)
    summary = next((s for s in rounds if s.interview.id == interview.id), None)
    if summary is None:
        return None
    advice = channel_advice(wb, pack, summary)
    return before_you_go.card(summary, advice, now, pack.before_you_go)


def _timing(interview: Interview, now: datetime, notes_rules: NotesRules, done: bool) -> Timing:
    starts_at = interview.starts_at
    if now < starts_at:
        when = dict(date=formats.short_day(starts_at), time=formats.clock(starts_at))
        return Timing(StepState.UPCOMING, fill(notes_rules.upcoming_message, **when))
    if done and now >= interview.ends_at:  # written: no more "memory fades fast"
        return Timing(StepState.DONE, notes_rules.status.done)
    late, message = rules.timing_message(interview.ends_at, now, notes_rules)
    return Timing(StepState.OVERDUE if late else StepState.DUE, message)
