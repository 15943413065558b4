from io import BytesIO

from docx import Document

from followthrough.steps.documents import file_stem, note_docx, note_markdown

BODY = "Dear Tom,\n\nThank you for meeting me.\n\nWith thanks,\nAlex"
ADDRESS = "Northwind Analytics\n12 Harbour Street"


def test_docx_reopens_with_the_note_paragraphs() -> None:
    document = Document(BytesIO(note_docx("Thank-you note to Tom", BODY, ADDRESS)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Thank-you note to Tom"
    assert document.paragraphs[0].style.name == "Heading 1"
    assert texts[1] == ADDRESS
    assert texts[2:] == ["Dear Tom,", "Thank you for meeting me.", "With thanks,\nAlex"]


def test_docx_without_address_starts_with_the_note() -> None:
    document = Document(BytesIO(note_docx("Note", BODY)))
    assert [p.text for p in document.paragraphs][1] == "Dear Tom,"


def test_markdown_keeps_line_breaks_inside_paragraphs() -> None:
    text = note_markdown("Thank-you note to Tom", BODY, ADDRESS)
    assert text.startswith(
        "# Thank-you note to Tom\n\nNorthwind Analytics  \n12 Harbour Street\n\n"
    )
    assert text.endswith("With thanks,  \nAlex\n")


def test_file_stem_is_safe_for_any_name() -> None:
    assert file_stem("Thank-you note to Zoë O'Neil / HR") == "thank-you-note-to-zoë-o-neil-hr"
    assert file_stem("../..") == "note"
