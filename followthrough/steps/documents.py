"""A thank-you note as a file: .docx (python-docx) and Markdown, laid out as a letter (address,
date line, salutation, paragraphs; no heading), for sending or printing.

Every text is cleaned (cleaning.clean) before it is written: a .docx cannot hold control characters,
and a row stored before the store cleaned its writes, or content text, may still carry one (Word's
line break \\v becomes a line break, NUL and ESC go). Otherwise the download would fail to build.
"""

import re
from io import BytesIO

from docx import Document
from docx.shared import Pt

from followthrough.cleaning import clean


def file_stem(title: str) -> str:
    """A safe, readable file name stem: "Thank-you note to Zoë O'Neil" -> "thank-you-note-to-zoë-o-neil"."""
    return re.sub(r"[^\w]+", "-", title.casefold()).strip("-") or "note"


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in clean(body).split("\n\n") if p.strip()]


def note_docx(title: str, body: str, address: str = "", date_line: str = "") -> bytes:
    """A Word letter: the recipient's address if known, the date line, then the note's paragraphs
    (its first is the salutation, "Dear Ms Lee,"). No heading: `title` names the file (the
    document's title property), it is not printed on the letter."""
    title, address, date_line = clean(title), clean(address), clean(date_line)
    document = Document()
    document.core_properties.title = title
    if address.strip():
        document.add_paragraph(address.strip()).runs[0].font.size = Pt(10)
    if date_line.strip():
        document.add_paragraph(date_line.strip())
    for paragraph in _paragraphs(body):
        document.add_paragraph(paragraph)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def note_markdown(title: str, body: str, address: str = "", date_line: str = "") -> str:
    """The note as Markdown, laid out as the letter (address, date line, paragraphs; no heading),
    with line breaks inside paragraphs kept (two trailing spaces). `title` is not printed."""
    address, date_line = clean(address), clean(date_line)
    parts = []
    if address.strip():
        parts.append("  \n".join(address.strip().splitlines()))
    if date_line.strip():
        parts.append(date_line.strip())
    parts += ["  \n".join(p.splitlines()) for p in _paragraphs(body)]
    return "\n\n".join(parts) + "\n"
