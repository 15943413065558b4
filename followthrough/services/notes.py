"""Step 1, take notes: what the notes page shows for one interview, and the practice cards it feeds."""

from dataclasses import dataclass
from datetime import datetime

from followthrough import formats
from followthrough.content import ContentPack, NotesRules, Prompt
from followthrough.models import AnswerKey, Interview, StepState
from followthrough.services.answers import answers
from followthrough.services.practice import CardView, card_view
from followthrough.services.workbook import Workbook
from followthrough.steps import notes as rules
from followthrough.store.practice import PracticeRepository


@dataclass(frozen=True)
class Timing:
    """How the notes' timing reads: UPCOMING before the interview, DUE while fresh, OVERDUE late."""

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
        timing=_timing(interview, now, pack.notes),
        progress="Saved as you type."
        + (f" Still to answer: {len(gaps)}." if gaps else " All key prompts answered."),
        answers=saved,
        interviewers=[Interviewee(str(i), name) for i, name in people.items()],
        per_interviewer=[p for p in step.prompts if p.per_interviewer],
        interview_wide=[p for p in step.prompts if not p.per_interviewer],
        candidates=[
            CardCandidate(prompt_id, line, line in carded)
            for prompt_id, line in rules.items_from(saved, pack.notes.practice_from)
        ],
        cards=[card_view(c) for c in cards],
    )


def _timing(interview: Interview, now: datetime, notes_rules: NotesRules) -> Timing:
    starts_at = interview.starts_at
    if now < starts_at:
        return Timing(
            StepState.UPCOMING,
            f"This interview is on {formats.short_day(starts_at)} at {formats.clock(starts_at)}: "
            "take notes right after it.",
        )
    late, message = rules.timing_message(interview.ends_at, now, notes_rules)
    return Timing(StepState.OVERDUE if late else StepState.DUE, message)
