"""The participant workbook as a PDF (fpdf2), on A4 or US Letter, in DejaVu Sans.

DejaVu comes from Debian's fonts-dejavu-core (a dependency of fontconfig, so nearly always there;
`make test` installs it otherwise): nothing is downloaded at run time, and it has every character
the content uses (é, —, “ ”, ☐, ☑). Each step starts a page; a question never starts at a page's foot.
"""

from pathlib import Path

from fpdf import FPDF

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

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


FONT_MISSING = "The PDF needs the DejaVu fonts: install Debian's fonts-dejavu-core (the .docx works without them)."


class FontMissing(RuntimeError):
    """The DejaVu fonts are not installed."""


def font_dir() -> Path | None:
    """The folder holding the DejaVu Sans files, or None."""
    return next((d for d in FONT_DIRS if all((d / f).is_file() for f in FONT_FILES.values())), None)


def font_problem() -> str:
    """Why no PDF can be made on this machine, or ''."""
    return "" if font_dir() else FONT_MISSING


def pdf(booklet: Booklet, paper: Paper = "A4") -> bytes:
    document = _Document(paper)
    document.set_title(booklet.title)
    document.set_author("Follow-Through")
    _cover(document, booklet)
    for section in booklet.sections:
        _section(document, section)
    return bytes(document.output())


class _Document(FPDF):
    def __init__(self, paper: Paper) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        fonts = font_dir()
        if fonts is None:
            raise FontMissing(FONT_MISSING)
        for style, file in FONT_FILES.items():
            self.add_font("DejaVu", style, str(fonts / file))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)

    def footer(self) -> None:
        self.set_y(-MARGIN + 4)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(120)
        self.cell(0, 5, f"Follow-Through · participant workbook · page {self.page_no()}", align="C")
        self.set_text_color(0)

    def paragraph(self, text: str, size: float, style: str = "", height: float = 0) -> None:
        self.set_font("DejaVu", style, size)
        self.multi_cell(0, height or size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def room_for(self, height: float) -> None:
        """A new page unless `height` mm still fit on this one."""
        if self.get_y() + height > self.h - MARGIN:
            self.add_page()


def _cover(doc: _Document, booklet: Booklet) -> None:
    doc.add_page()
    doc.paragraph(booklet.title, 20, "B", 10)
    doc.paragraph(booklet.subtitle, 13, "", 8)
    doc.ln(4)
    doc.paragraph(booklet.intro, 11)
    doc.ln(6)
    for label in ("Name", "Company and role", "Interview date", "Interviewers"):
        doc.set_font("DejaVu", "", 11)
        doc.cell(45, LINE, label)
        _rule(doc, doc.get_x(), doc.get_y() + LINE - 1.5)
        doc.ln(LINE + 2)
    doc.ln(4)
    doc.paragraph("Contents", 12, "B", 8)
    for section in booklet.sections:
        doc.paragraph(section.heading, 11, "", 6.5)


def _section(doc: _Document, section: Section) -> None:
    doc.add_page()
    doc.paragraph(section.heading, 16, "B", 8)
    doc.ln(1)
    doc.paragraph(section.why, 10, "I", 5)
    doc.ln(3)
    for question in section.questions:
        _question(doc, question)
    for checklist in section.checklists:
        doc.room_for(8 + 7 * min(len(checklist.items), 3))
        doc.paragraph(checklist.title, 11.5, "B", 7)
        for item in checklist.items:
            doc.paragraph(f"{TICKED if item in checklist.ticked else BOX}  {item}", 10.5, "", 6)
        doc.ln(3)
    _notes(doc)


def _notes(doc: _Document) -> None:
    """Ruled lines down to the foot of the step's last page (when at least three fit)."""
    lines = int((doc.h - MARGIN - doc.get_y() - 10) // LINE)
    if lines >= 3:
        doc.paragraph(NOTES, 11.5, "B", 6)
        _space(doc, Space("", lines=lines))


def _question(doc: _Document, question: Question) -> None:
    doc.room_for(14 + _height(question.spaces[0]))
    doc.paragraph(question.label, 11.5, "B", 6)
    if question.help:
        doc.set_text_color(90)
        doc.paragraph(question.help, 9, "I", 4.5)
        doc.set_text_color(0)
    for space in question.spaces:
        doc.room_for(_height(space) + 6)
        _space(doc, space)
    doc.ln(4)


def _height(space: Space) -> float:
    return LINE * max(space.lines, 1) + (6 if space.who else 0)


def _space(doc: _Document, space: Space) -> None:
    if space.who:
        doc.set_font("DejaVu", "B" if space.text or space.ticked else "", 10)
        doc.cell(0, 6, space.who, new_x="LMARGIN", new_y="NEXT")
    if space.options:
        marks = [f"{TICKED if o in space.ticked else BOX} {o}" for o in space.options]
        doc.paragraph("     ".join(marks), 11, "", 7)
    elif space.text:
        doc.paragraph(space.text, 10.5, "", 5.5)
    for _ in range(space.lines):
        doc.ln(LINE)
        _rule(doc, doc.l_margin + doc.c_margin, doc.get_y() - 1.5)
    doc.ln(2)


def _rule(doc: _Document, x: float, y: float) -> None:
    doc.set_draw_color(170)
    doc.set_line_width(0.2)
    doc.line(x, y, doc.w - MARGIN - doc.c_margin, y)
    doc.set_draw_color(0)
