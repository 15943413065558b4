"""A thank-you note as a file: .docx (python-docx) and Markdown, for drafting or printing.

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


def note_docx(title: str, body: str, address: str = "") -> bytes:
    """A Word document: a heading, the recipient's address if known, then the note's paragraphs."""
    title, address = clean(title), clean(address)
    document = Document()
    document.add_heading(title, level=1)
    if address.strip():
        document.add_paragraph(address.strip()).runs[0].font.size = Pt(10)
    for paragraph in _paragraphs(body):
        document.add_paragraph(paragraph)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def note_markdown(title: str, body: str, address: str = "") -> str:
    """The note as Markdown, with line breaks inside paragraphs kept (two trailing spaces)."""
    title, address = clean(title), clean(address)
    parts = [f"# {title}"]
    if address.strip():
        parts.append("  \n".join(address.strip().splitlines()))
    parts += ["  \n".join(p.splitlines()) for p in _paragraphs(body)]
    return "\n\n".join(parts) + "\n"
