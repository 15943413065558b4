"""The participant workbook as plain blocks, from the content pack and, if any, one interview's answers.

Both renderers (pdf.py, word.py) draw these blocks; what goes on paper is decided once, here.
"""

from dataclasses import dataclass, field
from typing import Literal

from followthrough.cleaning import clean
from followthrough.content import ContentPack, Prompt, PromptKind, Step
from followthrough.models import AnswerKey

Paper = Literal["A4", "Letter"]
MARGIN = 18  # mm on every side: inside the printable area of A4 and Letter printers alike
LINE = 8.5  # mm between ruled lines: room for handwriting
BOX, TICKED = "☐", "☑"
# Ruled lines to write on, by prompt kind (a rating or a choice is ticked instead).
LINES = {PromptKind.LONG_TEXT: 5, PromptKind.SHORT_TEXT: 1}
BLANK_INTERVIEWERS = 2  # spaces for per-interviewer prompts in a blank workbook
NOTES = "Your notes"  # the rest of each step's last page: ruled, for drafts and anything else
RATINGS = ["1", "2", "3", "4", "5"]


@dataclass(frozen=True)
class Filled:
    """One interview's answers, to print in place of blank lines."""

    interview: str  # 'Acme — Data Analyst (round 2, Tue 1 Dec 2026)'
    interviewers: dict[str, str]  # answer subject (the interviewer's id as text) -> name
    answers: dict[str, dict[AnswerKey, str]]  # by step id
    # Ticks, as services/answers.py reads them from the stored answers (by step id): a checklist
    # prompt's ticked options, and the (checklist id, item id) of each ticked checklist item.
    options: dict[str, dict[AnswerKey, list[str]]] = field(default_factory=dict)
    checked: dict[str, set[tuple[str, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Space:
    """Where one answer goes: the person's words, ticked options, or blank lines to write on."""

    who: str  # an interviewer's name, 'Interviewer: ' for a blank one, or '' for the interview
    text: str = ""
    lines: int = 0
    options: list[str] = field(default_factory=list)
    ticked: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Question:
    label: str
    help: str
    spaces: list[Space]


@dataclass(frozen=True)
class Checklist:
    title: str
    items: list[str]
    ticked: list[str] = field(default_factory=list)  # the items the person ticked


@dataclass(frozen=True)
class Section:
    heading: str  # 'Step 1 · Take notes right after the interview'
    why: str
    questions: list[Question]
    checklists: list[Checklist]


@dataclass(frozen=True)
class Booklet:
    title: str
    subtitle: str
    intro: str
    sections: list[Section]


def booklet(pack: ContentPack, filled: Filled | None = None) -> Booklet:
    subtitle = f"Your answers: {clean(filled.interview)}" if filled else "For your next interview"
    intro = (
        "Four steps for the days after a job interview. Write in the spaces by hand, or type in "
        "Follow-Through and print again: your answers appear here."
    )
    return Booklet(
        "Follow-Through · Participant workbook",
        subtitle,
        intro,
        [_section(step, filled) for step in pack.steps],
    )


def _section(step: Step, filled: Filled | None) -> Section:
    saved = filled.answers.get(step.id, {}) if filled else {}
    options = filled.options.get(step.id, {}) if filled else {}
    checked = filled.checked.get(step.id, set()) if filled else set()
    people = filled.interviewers if filled else {}
    return Section(
        f"Step {step.number} · {step.title}",
        step.why,
        [
            Question(p.label, p.help, _spaces(p, saved, options, people, filled is None))
            for p in step.prompts
        ],
        [
            Checklist(
                c.title,
                [item.label for item in c.items],
                [item.label for item in c.items if (c.id, item.id) in checked],
            )
            for c in step.checklists
        ],
    )


def _spaces(
    prompt: Prompt,
    saved: dict[AnswerKey, str],
    options: dict[AnswerKey, list[str]],
    people: dict[str, str],
    blank: bool,
) -> list[Space]:
    if not prompt.per_interviewer:
        key = (prompt.id, "")
        return [_space(prompt, "", saved.get(key, ""), options.get(key, []))]
    if blank or not people:
        return [_space(prompt, "Interviewer: ", "", [])] * BLANK_INTERVIEWERS
    return [
        _space(prompt, name, saved.get((prompt.id, who), ""), options.get((prompt.id, who), []))
        for who, name in people.items()
    ]


def _space(prompt: Prompt, who: str, value: str, ticked: list[str]) -> Space:
    # A .docx (XML) cannot hold control characters, and a row saved before the store cleaned its
    # writes may still have one.
    who, value = clean(who), clean(value)
    if prompt.kind == PromptKind.RATING:
        return Space(who, options=RATINGS, ticked=[value] if value in RATINGS else [])
    if prompt.kind == PromptKind.CHOICE:
        return Space(who, options=list(prompt.options), ticked=[value] if value else [])
    if prompt.kind == PromptKind.CHECKLIST:
        return Space(who, options=list(prompt.options), ticked=list(ticked))
    if value.strip():
        return Space(who, text=value.strip())
    return Space(who, lines=LINES[prompt.kind])
