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


# Word's line break, form feed, ESC, NUL, a stray DEL, and characters XML cannot hold.
DIRTY_NAME = "Zoë\x1b[31m O'Neil\x00"
DIRTY_ADDRESS = "Northwind\vAnalytics\x7f\f12 Harbour Street\ufffe"
DIRTY_BODY = "Dear Zoë,\x00\n\nThank you\vfor meeting me.\x1b\n\nBest,\x08\nAlex\ud800"


def test_control_characters_never_stop_the_docx() -> None:
    """Rows stored before the store cleaned its writes, and content text, may still hold them."""
    data = note_docx(f"Thank-you note to {DIRTY_NAME}", DIRTY_BODY, DIRTY_ADDRESS)
    texts = [p.text for p in Document(BytesIO(data)).paragraphs]
    assert texts == [
        "Thank-you note to Zoë[31m O'Neil",
        "Northwind\nAnalytics\n12 Harbour Street",
        "Dear Zoë,",
        "Thank you\nfor meeting me.",
        "Best,\nAlex",
    ]


def test_every_character_a_note_can_hold_makes_a_docx() -> None:
    """All of Unicode at once (lone surrogates too): the file is always built."""
    every = "".join(
        chr(c) for c in range(0x110000) if c % 7 == 0 or c < 0x100 or 0xD800 <= c < 0xE000
    )
    document = Document(BytesIO(note_docx(every[:200], every, every[:500])))
    assert document.paragraphs[0].text.startswith("\t\n")  # tab and line break kept, NUL...US gone


def test_markdown_is_cleaned_too() -> None:
    text = note_markdown(DIRTY_NAME, DIRTY_BODY, DIRTY_ADDRESS)
    assert text.startswith("# Zoë[31m O'Neil\n\nNorthwind  \nAnalytics  \n12 Harbour Street\n\n")
    assert not any(ord(c) < 0x20 and c != "\n" for c in text)
