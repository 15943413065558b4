"""The printable participant workbook: blank for a workshop, or with one interview's own answers."""

from dataclasses import dataclass

from followthrough.content import ContentPack, PromptKind
from followthrough.interviews import title
from followthrough.models import InterviewSummary
from followthrough.printing import pdf as pdf_file
from followthrough.printing import word
from followthrough.printing.booklet import Filled, Paper, booklet
from followthrough.services.answers import answers, ticked_items, ticked_options
from followthrough.services.workbook import Workbook
from followthrough.steps.documents import file_stem
from followthrough.store.interviews import InterviewRepository

BLANK = 0  # the choice of a workbook without answers
PAPERS: tuple[Paper, ...] = ("A4", "Letter")


@dataclass(frozen=True)
class PrintableView:
    choices: dict[int, str]  # BLANK, then each interview: what to print answers from
    stems: dict[int, str]  # each choice's file name, without its extension


def screen(wb: Workbook) -> PrintableView:
    summaries = [s for s in wb.repo(InterviewRepository).summaries() if s.interview.id]
    choices = {BLANK: "None: a blank workbook to fill in by hand"}
    choices |= {s.interview.id or BLANK: f"Your answers: {title(s)}" for s in summaries}
    stems = {BLANK: _stem(None)} | {s.interview.id or BLANK: _stem(s) for s in summaries}
    return PrintableView(choices, stems)


def pdf_problem() -> str:
    """Why the PDF cannot be made on this machine, or '': asked each time, as the fonts may be
    installed while the app runs (the screen is kept until the workbook changes)."""
    return pdf_file.font_problem()


def pdf(wb: Workbook, pack: ContentPack, interview_id: int, paper: Paper) -> bytes:
    return pdf_file.pdf(booklet(pack, _filled(wb, pack, interview_id)), paper)


def docx(wb: Workbook, pack: ContentPack, interview_id: int, paper: Paper) -> bytes:
    return word.docx(booklet(pack, _filled(wb, pack, interview_id)), paper)


def file_name(view: PrintableView, interview_id: int, extension: str) -> str:
    """The download's name: the blank workbook's for an interview the view does not offer."""
    return f"{view.stems.get(interview_id, view.stems[BLANK])}.{extension}"


def _stem(filled: InterviewSummary | None) -> str:
    return file_stem(f"workbook-{title(filled)}" if filled else "participant-workbook")


def _filled(wb: Workbook, pack: ContentPack, interview_id: int) -> Filled | None:
    summary = _summary(wb, interview_id)
    if summary is None:
        return None
    people = {str(p.id): p.name for p in summary.interview.interviewers if p.id is not None}
    saved = {step.id: answers(wb, interview_id, step.id) for step in pack.steps}
    options = {
        step.id: {
            key: ticked_options(prompt, value)
            for prompt in step.prompts
            if prompt.kind == PromptKind.CHECKLIST
            for key, value in saved[step.id].items()
            if key[0] == prompt.id
        }
        for step in pack.steps
    }
    checked = {
        step.id: {
            (checklist.id, item)
            for checklist in step.checklists
            for item in ticked_items(checklist, saved[step.id])
        }
        for step in pack.steps
    }
    return Filled(title(summary), people, saved, options, checked)


def _summary(wb: Workbook, interview_id: int) -> InterviewSummary | None:
    if interview_id == BLANK:
        return None
    summaries = wb.repo(InterviewRepository).summaries()
    return next((s for s in summaries if s.interview.id == interview_id), None)
