"""The participant workbook as a Word document (python-docx), on A4 or US Letter.

Blank answers are boxes to write in (a one-cell table of the lines' height), so the document prints
with the same room to write as the PDF and can also be typed into.
"""

from io import BytesIO

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt, RGBColor

from followthrough.printing.booklet import (
    BOX,
    LINE,
    MARGIN,
    NOTES,
    TICKED,
    Booklet,
    Paper,
    Question,
    Section,
    Space,
)

SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}
GREY = RGBColor(0x5A, 0x5A, 0x5A)
NOTES_LINES = 8


def docx(booklet: Booklet, paper: Paper = "A4") -> bytes:
    document = Document()
    _page_setup(document, paper)
    document.core_properties.title = booklet.title
    document.core_properties.author = "Follow-Through"
    document.add_heading(booklet.title, level=0)
    document.add_paragraph(booklet.subtitle).runs[0].font.size = Pt(13)
    document.add_paragraph(booklet.intro)
    for section in booklet.sections:
        _section(document, section)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document, paper: Paper) -> None:
    width, height = SIZES[paper]
    for part in document.sections:
        part.page_width, part.page_height = width, height
        part.left_margin = part.right_margin = Mm(MARGIN)
        part.top_margin = part.bottom_margin = Mm(MARGIN)


def _section(document, section: Section) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(section.heading, level=1)
    why = document.add_paragraph().add_run(section.why)
    why.italic = True
    for question in section.questions:
        _question(document, question)
    for checklist in section.checklists:
        document.add_heading(checklist.title, level=3)
        for item in checklist.items:
            document.add_paragraph(f"{TICKED if item in checklist.ticked else BOX}  {item}")
    document.add_heading(NOTES, level=3)
    _space(document, Space("", lines=NOTES_LINES))


def _question(document, question: Question) -> None:
    label = document.add_paragraph()
    label.paragraph_format.keep_with_next = True
    label.add_run(question.label).bold = True
    if question.help:
        help_run = document.add_paragraph().add_run(question.help)
        help_run.italic, help_run.font.size, help_run.font.color.rgb = True, Pt(9), GREY
    for space in question.spaces:
        _space(document, space)


def _space(document, space: Space) -> None:
    if space.who:
        who = document.add_paragraph().add_run(space.who)
        who.bold = bool(space.text or space.ticked)
    if space.options:
        marks = [f"{TICKED if o in space.ticked else BOX} {o}" for o in space.options]
        document.add_paragraph("     ".join(marks))
    elif space.text:
        for line in space.text.splitlines():
            document.add_paragraph(line)
    if space.lines:
        box = document.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        row = box.rows[0]
        row.height, row.height_rule = Mm(LINE * space.lines), WD_ROW_HEIGHT_RULE.AT_LEAST
        document.add_paragraph()
