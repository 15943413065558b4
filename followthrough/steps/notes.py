"""Step 1, taking notes: how fresh the notes are, whether they are done, and what they feed.

Answers are one interview's step 1 answers (services.answers.answers): {(prompt id, subject): text}.
"""

from datetime import datetime

from followthrough import formats
from followthrough.content import NotesRules, Step
from followthrough.models import StepState, StepStatus
from followthrough.templates import fill

STEP_ID = "notes"
Answers = dict[tuple[str, str], str]  # (prompt id, subject) -> text


def hours_since(ends_at: datetime, now: datetime) -> float:
    """Hours since the interview ended (negative while it is still ahead)."""
    return (now - ends_at).total_seconds() / 3600


def elapsed(hours: float) -> str:
    """A rounded duration in words: "40 minutes", "1 hour", "5 hours", "3 days"."""
    if hours < 48:
        return formats.duration(hours * 60)
    return formats.plural(round(hours / 24), "day")


def timing_message(ends_at: datetime, now: datetime, rules: NotesRules) -> tuple[bool, str]:
    """(late?, message) about how long ago the interview ended, in the content's words."""
    hours = hours_since(ends_at, now)
    late = hours > rules.late_after_hours
    template = rules.late_message if late else rules.fresh_message
    return late, fill(template, ago=elapsed(hours))


def lines(text: str) -> list[str]:
    """The non-blank lines of a free-text answer, each one an item (a question, a topic...)."""
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


def items_from(
    answers: Answers, prompt_ids: list[str], subject: str | None = None
) -> list[tuple[str, str]]:
    """(prompt id, line) for every line of the given prompts, in prompt order, without repeats.

    `subject` limits per-interviewer prompts to one interviewer; interview-wide answers always count.
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for prompt_id in prompt_ids:
        # The interviewer's own answers first, then the interview-wide ones.
        for (answered, who), text in sorted(
            answers.items(), key=lambda kv: (kv[0][1] == "", kv[0])
        ):
            if answered != prompt_id or (subject is not None and who not in ("", subject)):
                continue
            for line in lines(text):
                if line not in seen:
                    seen.add(line)
                    found.append((prompt_id, line))
    return found


def missing(step: Step, answers: Answers, interviewer_ids: list[int]) -> list[str]:
    """Labels of required prompts still unanswered (per-interviewer ones need every interviewer)."""
    gaps = []
    for prompt in step.prompts:
        if not prompt.required:
            continue
        subjects = [str(i) for i in interviewer_ids] if prompt.per_interviewer else [""]
        if any(not answers.get((prompt.id, s), "").strip() for s in subjects):
            gaps.append(prompt.label)
    return gaps


def status(ends_at: datetime, now: datetime, missing_count: int, rules: NotesRules) -> StepStatus:
    """Step 1 for one interview: due the moment it ends, late after the threshold, done when every
    required prompt is answered.

    `missing_count` is len(notes.missing(step, answers, interviewer ids)).
    """
    words, day = rules.status, ends_at.date()
    if now < ends_at:
        return StepStatus(STEP_ID, StepState.UPCOMING, words.upcoming, due_on=day)
    if missing_count == 0:
        return StepStatus(STEP_ID, StepState.DONE, words.done, due_on=day)
    hours = hours_since(ends_at, now)
    if hours > rules.late_after_hours:
        reason = fill(words.overdue_reason, ago=elapsed(hours))
        return StepStatus(STEP_ID, StepState.OVERDUE, words.overdue.say(missing_count), reason, day)
    return StepStatus(STEP_ID, StepState.DUE, words.due.say(missing_count), words.due_reason, day)
