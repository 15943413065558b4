from datetime import date, datetime, timedelta
from io import BytesIO

from docx import Document

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Application, Channel, Interview, Interviewer, InterviewFormat
from followthrough.services import thank_you
from followthrough.steps import thank_you as thank_you_rules
from followthrough.steps.documents import file_stem, note_docx, note_markdown
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository

BODY = "Dear Tom,\n\nThank you for meeting me.\n\nWith thanks,\nAlex"
ADDRESS = "Northwind Analytics\n12 Harbour Street"


def test_docx_is_a_letter_address_date_line_salutation_and_no_heading() -> None:
    data = note_docx("Thank-you note to Tom", BODY, ADDRESS, "16 November 2026")
    document = Document(BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts == [
        ADDRESS,
        "16 November 2026",
        "Dear Tom,",
        "Thank you for meeting me.",
        "With thanks,\nAlex",
    ]
    assert not [p for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert document.core_properties.title == "Thank-you note to Tom"  # the file's name, unprinted


def test_docx_without_address_starts_with_the_date_line() -> None:
    document = Document(BytesIO(note_docx("Note", BODY, date_line="1 December 2026")))
    assert [p.text for p in document.paragraphs][:2] == ["1 December 2026", "Dear Tom,"]
    assert [p.text for p in Document(BytesIO(note_docx("Note", BODY))).paragraphs][0] == (
        "Dear Tom,"
    )


def test_markdown_is_the_same_letter_with_line_breaks_kept() -> None:
    text = note_markdown("Thank-you note to Tom", BODY, ADDRESS, "16 November 2026")
    assert text.startswith(
        "Northwind Analytics  \n12 Harbour Street\n\n16 November 2026\n\nDear Tom,\n\n"
    )
    assert "Thank-you note to" not in text
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
    document = Document(BytesIO(data))
    assert document.core_properties.title == "Thank-you note to Zoë[31m O'Neil"
    texts = [p.text for p in document.paragraphs]
    assert texts == [
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
    address, body = (p.text for p in document.paragraphs)
    assert address.startswith('!"#')  # NUL...US gone, the tab and line break before it trimmed
    assert "\x00" not in body and "~" in body


def test_markdown_is_cleaned_too() -> None:
    text = note_markdown(DIRTY_NAME, DIRTY_BODY, DIRTY_ADDRESS, "1 Dec\x1b 2026")
    assert text.startswith("Northwind  \nAnalytics  \n12 Harbour Street\n\n1 Dec 2026\n\n")
    assert not any(ord(c) < 0x20 and c != "\n" for c in text)


# -- issue 11 item 7: a letter with a date line and the salutation the person chose -----------

PACK = load_content(DEFAULT_CONTENT_DIR)
RULES = PACK.thank_you.note


def test_salutations_offered_for_a_name() -> None:
    assert thank_you_rules.salutations("Alex Lee", RULES) == {
        "dear_name": "Dear Alex Lee,",
        "dear_ms": "Dear Ms Lee,",
        "dear_mr": "Dear Mr Lee,",
        "dear_mx": "Dear Mx Lee,",
        "dear_dr": "Dear Dr Lee,",
        "dear_first": "Dear Alex,",
        "hello_first": "Hello Alex,",
        "hi_first": "Hi Alex,",
    }
    # An honorific typed with the name is no first name, and a repeated reading is offered once.
    offered = thank_you_rules.salutations("Ms Lee", RULES)
    assert offered["dear_name"] == "Dear Ms Lee,"
    assert "dear_ms" not in offered  # reads as "Dear Ms Lee," already
    assert offered["hello_first"] == "Hello Lee,"
    assert thank_you_rules.salutations("", RULES) == {}


def _interview(workbook, name: str = "Alex Lee") -> tuple[int, int]:
    app_id = workbook.repo(ApplicationRepository).add(Application("Initech", "Analyst"))
    start = datetime(2026, 11, 16, 10)
    repo = workbook.repo(InterviewRepository)
    interview_id = repo.add(
        Interview(app_id, 1, InterviewFormat.VIDEO, start, start + timedelta(hours=1))
    )
    return interview_id, repo.add_interviewer(
        interview_id, Interviewer(name, postal_address="1 Main St\nSpringfield")
    )


def _note(workbook, interview_id: int, person: int, now: datetime):
    [summary] = workbook.repo(InterviewRepository).summaries()
    return thank_you.screen(workbook, PACK, summary, now).notes[person]


def test_the_chosen_salutation_opens_the_note_and_the_letter(workbook) -> None:
    interview_id, person = _interview(workbook)
    now = datetime(2026, 11, 16, 12)
    note = _note(workbook, interview_id, person, now)
    assert note.body.startswith("Dear Alex Lee,\n\n")  # the template's greeting, until chosen
    assert note.salutation == "dear_name"
    thank_you.save_salutation(workbook, PACK, interview_id, person, "hello_first")
    note = _note(workbook, interview_id, person, now)
    assert (note.salutation, note.body.split("\n\n")[0]) == ("hello_first", "Hello Alex,")
    docx = next(d for d in note.outputs.downloads if d.extension == "docx")
    document = Document(BytesIO(docx.data() if callable(docx.data) else docx.data))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["1 Main St\nSpringfield", "16 November 2026", "Hello Alex,"]
    assert not any(t.startswith("Thank-you note to") for t in texts)
    assert not [p for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_an_edited_note_keeps_its_words_when_the_salutation_changes(workbook) -> None:
    interview_id, person = _interview(workbook)
    thank_you.save_note(workbook, person, "body", "Dear Alex Lee,\n\nMy own words.\n\nAlex")
    thank_you.save_salutation(workbook, PACK, interview_id, person, "dear_ms")
    note = _note(workbook, interview_id, person, datetime(2026, 11, 16, 12))
    assert note.body == "Dear Ms Lee,\n\nMy own words.\n\nAlex"
    # A note that opens in words of its own is left as it is.
    thank_you.save_note(workbook, person, "body", "Alex —\n\nThanks!")
    thank_you.save_salutation(workbook, PACK, interview_id, person, "hi_first")
    note = _note(workbook, interview_id, person, datetime(2026, 11, 16, 12))
    assert (note.body, note.salutation) == ("Alex —\n\nThanks!", "")


def test_the_letter_is_dated_the_day_it_was_sent(workbook) -> None:
    interview_id, person = _interview(workbook)
    thank_you.mark_sent(workbook, person, date(2026, 11, 17), Channel.HANDWRITTEN)
    note = _note(workbook, interview_id, person, datetime(2026, 11, 20, 9))
    md = next(d for d in note.outputs.downloads if d.extension == "md")
    assert "\n\n17 November 2026\n\nDear Alex Lee,\n\n" in md.data
