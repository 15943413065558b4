"""The printable participant workbook: what goes on paper, the PDF read back, the .docx opened."""

from datetime import date
from io import BytesIO

import docx as python_docx
import pytest
from docx.shared import Mm
from pypdf import PdfReader

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import ContentPack, Prompt, PromptKind, load_content
from followthrough.printing import pdf as pdf_module
from followthrough.printing.booklet import BLANK_INTERVIEWERS, NOTES, Filled, booklet
from followthrough.printing.pdf import FontMissing, pdf
from followthrough.printing.word import docx
from followthrough.services import answers as answers_service
from followthrough.services import printable
from followthrough.services.answers import answers
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook
from followthrough.store.interviews import InterviewRepository

# Points per page: ISO A4 (210 × 297 mm) and US Letter (8.5 × 11 in).
SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
FILLED = Filled(
    "Acme — Data Analyst (round 2, 2026/12/01)",
    {"7": "Zoë O'Neil", "8": "Tom Okafor"},
    {
        "notes": {
            ("topics", "7"): "The résumé screening backlog — twelve weeks of it",
            ("company_learned", ""): "A team of four, moving to one design system.",
            ("rating_answers", ""): "4",
        },
        "momentum": {("learned_for_next", ""): "Bring numbers for every claim"},
    },
)


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(DEFAULT_CONTENT_DIR)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_blank_booklet_has_every_step_prompt_and_checklist_item(pack: ContentPack) -> None:
    book = booklet(pack)
    assert [s.heading for s in book.sections] == [
        f"Step {step.number} · {step.title}" for step in pack.steps
    ]
    for section, step in zip(book.sections, pack.steps, strict=True):
        assert [q.label for q in section.questions] == [p.label for p in step.prompts]
        assert [i for c in section.checklists for i in c.items] == [
            item.label for c in step.checklists for item in c.items
        ]
    topics = book.sections[0].questions[0]
    assert [s.who for s in topics.spaces] == ["Interviewer: "] * BLANK_INTERVIEWERS
    spaces = [s for q in book.sections[0].questions for s in q.spaces if not s.options]
    assert all(s.lines and not s.text for s in spaces)


def test_a_filled_booklet_shows_the_persons_answers_by_interviewer(pack: ContentPack) -> None:
    notes = booklet(pack, FILLED).sections[0]
    topics = notes.questions[0].spaces
    assert [(s.who, s.text) for s in topics] == [
        ("Zoë O'Neil", "The résumé screening backlog — twelve weeks of it"),
        ("Tom Okafor", ""),
    ]
    assert topics[1].lines == 5  # no answer yet: room to write
    rating = next(q for q in notes.questions if q.label.startswith("Honest self-evaluation"))
    assert rating.spaces[0].ticked == ["4"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_pdf_is_on_the_chosen_paper_with_every_step(pack: ContentPack, paper: str) -> None:
    data = pdf(booklet(pack), paper)  # type: ignore[arg-type]
    reader = PdfReader(BytesIO(data))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx(SIZES[paper], abs=0.1)
    # A cover, then each step from the top of a page of its own.
    tops = [_flat(page.extract_text())[:80] for page in reader.pages]
    assert tops[0].startswith("Follow-Through · Participant workbook")
    for step in pack.steps:
        assert any(top.startswith(f"Step {step.number} · {step.title}") for top in tops)
    text = _flat(_text(data))
    assert "a café, your parked car — and write" in text  # non-ASCII letters and dashes
    assert "☐ Good stationery — plain, quality cards or paper" in text
    assert text.count("participant workbook · page") == len(reader.pages)
    assert NOTES in text


def test_the_pdf_prints_the_persons_own_words(pack: ContentPack) -> None:
    text = _flat(_text(pdf(booklet(pack, FILLED), "A4")))
    assert "Your answers: Acme — Data Analyst (round 2, 2026/12/01)" in text
    assert "Zoë O'Neil The résumé screening backlog — twelve weeks of it" in text
    assert "☑ 4" in text and "Bring numbers for every claim" in text


def test_without_the_fonts_the_pdf_says_what_to_install(
    pack: ContentPack, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(pdf_module, "FONT_DIRS", [tmp_path])
    assert "fonts-dejavu-core" in pdf_module.font_problem()
    with pytest.raises(FontMissing, match="fonts-dejavu-core"):
        pdf(booklet(pack))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_docx_opens_on_the_chosen_paper_with_the_answers(pack: ContentPack, paper: str) -> None:
    document = python_docx.Document(BytesIO(docx(booklet(pack, FILLED), paper)))  # type: ignore[arg-type]
    section = document.sections[0]
    width, height = {"A4": (210, 297), "Letter": (215.9, 279.4)}[paper]
    assert abs(section.page_width - Mm(width)) < Mm(0.5)
    assert abs(section.page_height - Mm(height)) < Mm(0.5)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"Step {s.number} · {s.title}" for s in pack.steps]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The résumé screening backlog — twelve weeks of it" in text
    assert "☐ 1     ☐ 2     ☐ 3     ☑ 4     ☐ 5" in text
    assert len(document.tables) > 0  # boxes to write in where nothing is answered yet


def test_control_characters_in_answers_never_break_the_files(pack: ContentPack) -> None:
    dirty = Filled("Acme\x00", {"7": "Zoë\x1b"}, {"notes": {("topics", "7"): "one\vtwo\x00"}})
    book = booklet(pack, dirty)
    assert book.sections[0].questions[0].spaces[0].text == "one\ntwo"
    python_docx.Document(BytesIO(docx(book)))
    assert "one two" in _flat(_text(pdf(book)))


def test_the_service_prints_an_interviews_own_answers(
    workbook: Workbook, pack: ContentPack
) -> None:
    load_sample(workbook, date.today())
    view = printable.screen(workbook)
    assert printable.pdf_problem() == ""
    summaries = workbook.repo(InterviewRepository).summaries()
    summary = next(s for s in summaries if answers(workbook, s.interview.id or 0, "notes"))
    interview_id = summary.interview.id or 0
    assert view.choices[interview_id].startswith("Your answers: ")
    text = _flat(_text(printable.pdf(workbook, pack, interview_id, "Letter")))
    assert "They are moving every product onto one design system this year" in text
    assert "Getting engineers to adopt shared components" in text  # under the interviewer's name
    name = printable.file_name(view, interview_id, "pdf")
    assert name.startswith("workbook-") and name.endswith(".pdf")
    assert printable.file_name(view, printable.BLANK, "docx") == "participant-workbook.docx"


def test_the_printed_workbook_shows_the_ticks_the_person_made(
    workbook: Workbook, pack: ContentPack
) -> None:
    """Ticks are stored in one format, read by services/answers for the step pages and for
    paper alike: what the person ticked on Step 1's checklist is ticked in the PDF and .docx."""
    load_sample(workbook, date.today())
    interview_id = workbook.repo(InterviewRepository).summaries()[0].interview.id or 0
    step = pack.step("notes")
    checklist = step.checklists[0]
    first, second = checklist.items[0], checklist.items[1]
    for item, ticked in ((first, True), (second, False)):
        key = answers_service.checklist_key(checklist.id, item.id)
        answers_service.save_answer(
            workbook, interview_id, step.id, key, answers_service.tick_value(ticked)
        )
    saved = answers(workbook, interview_id, step.id)
    assert answers_service.ticked_items(checklist, saved) == [first.id]
    text = _flat(_text(printable.pdf(workbook, pack, interview_id, "A4")))
    assert f"☑ {first.label}" in text and f"☐ {second.label}" in text
    blank = _flat(_text(printable.pdf(workbook, pack, printable.BLANK, "A4")))
    assert f"☐ {first.label}" in blank and "☑" not in blank
    document = python_docx.Document(BytesIO(printable.docx(workbook, pack, interview_id, "A4")))
    lines = [p.text for p in document.paragraphs]
    assert f"☑  {first.label}" in lines and f"☐  {second.label}" in lines


def test_a_checklist_prompts_ticks_are_read_in_content_order(pack: ContentPack) -> None:
    prompt = Prompt(id="kit", label="Kit", kind=PromptKind.CHECKLIST, options=["a", "b", "c"])
    stored = answers_service.options_value(["c", "a"])
    assert answers_service.ticked_options(prompt, stored) == ["a", "c"]
    assert answers_service.ticked_options(prompt, '["a", "gone"]') == ["a"]  # content changed
    for unreadable in ("", "not json", '{"a": 1}', "3"):
        assert answers_service.ticked_options(prompt, unreadable) == []
    filled = Filled("Acme", {}, {}, options={"notes": {("kit", ""): ["a", "c"]}})
    step = pack.step("notes")
    pack_with_kit = pack.model_copy(
        update={"steps": [step.model_copy(update={"prompts": [prompt]}), *pack.steps[1:]]}
    )
    [space] = booklet(pack_with_kit, filled).sections[0].questions[0].spaces
    assert (space.options, space.ticked) == (["a", "b", "c"], ["a", "c"])
