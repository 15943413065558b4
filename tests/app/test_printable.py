"""The Printable workbook page: blank or with one interview's answers, as PDF and .docx downloads."""

from collections.abc import Callable
from io import BytesIO

import docx as python_docx
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from followthrough.printing import pdf as pdf_module
from followthrough.services.answers import answers
from followthrough.services.workbook import Workbook
from followthrough.store.interviews import InterviewRepository
from tests.app.conftest import Download

PAGE = "app_pages/printable.py"


def _pdf(data: bytes) -> tuple[tuple[float, float], str]:
    """The first page's size in points, and the whole text on one line."""
    reader = PdfReader(BytesIO(data))
    box = reader.pages[0].mediabox
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return (round(float(box.width)), round(float(box.height))), text


def test_a_blank_workbook_downloads_as_pdf_and_docx(
    open_page: Callable[[str], AppTest], download: Download
) -> None:
    at = open_page(PAGE)
    assert at.selectbox(key="printable_answers").value == 0
    file = download(at, "printable_pdf")
    size, text = _pdf(file.content)
    assert size == (595, 842)  # A4
    assert "For your next interview" in text and "Step 4 · Keep the momentum the next day" in text
    assert (file.filename, file.mimetype) == ("participant-workbook.pdf", "application/pdf")
    document = python_docx.Document(BytesIO(download(at, "printable_docx").content))
    assert document.paragraphs[0].text == "Follow-Through · Participant workbook"
    assert not at.exception


def test_your_answers_to_one_interview_print_on_letter(
    sample_workbook: Workbook, open_page: Callable[[str], AppTest], download: Download
) -> None:
    summaries = sample_workbook.repo(InterviewRepository).summaries()
    chosen = next(s for s in summaries if answers(sample_workbook, s.interview.id or 0, "notes"))
    at = open_page(PAGE)
    at.radio(key="printable_paper").set_value("Letter").run()
    at.selectbox(key="printable_answers").set_value(chosen.interview.id).run()
    size, text = _pdf(download(at, "printable_pdf").content)
    assert size == (612, 792)
    assert f"Your answers: {chosen.application.company}" in text
    assert "They are moving every product onto one design system this year" in text
    file = download(at, "printable_docx")
    assert file.filename.startswith("workbook-") and file.filename.endswith(".docx")
    document = python_docx.Document(BytesIO(file.content))
    assert any("one design system" in p.text for p in document.paragraphs)
    assert not at.exception


def test_without_the_fonts_the_page_says_so_and_still_offers_the_docx(
    open_page: Callable[[str], AppTest], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(pdf_module, "FONT_DIRS", [tmp_path])
    at = open_page(PAGE)
    assert "fonts-dejavu-core" in at.warning[0].value
    assert [b.key for b in at.get("download_button")] == ["printable_docx"]
    assert not at.exception
