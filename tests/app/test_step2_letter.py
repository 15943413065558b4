"""Step 2 (issue 11 item 7): a salutation chosen per interviewer, kept with the note, and copying
made obvious."""

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.store.answers import AnswerRepository
from tests.app.conftest import find_interview, open_tab, shown

PAGE = "app_pages/step2_thank_you.py"
WORDS = load_content(DEFAULT_CONTENT_DIR).thank_you.note


def test_a_salutation_is_chosen_kept_and_opens_the_note(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    tom = summary.interview.interviewers[0]
    at = open_step(PAGE, summary)
    key = f"step2_{tom.id}_salutation"
    box = at.selectbox(key=key)
    assert box.label == WORDS.salutation_label
    assert box.value == "dear_name"  # the template's greeting until another is chosen
    first = tom.name.split()[0]
    box.set_value("hello_first").run()
    assert at.text_area(key=f"step2_{tom.id}_body").value.startswith(f"Hello {first},\n\n")
    stored = workbook.repo(AnswerRepository).for_step(summary.interview.id, "thank_you")
    assert stored[("salutation", str(tom.id))] == "hello_first"
    again = open_step(PAGE, summary)  # a new session reads it back
    assert again.selectbox(key=key).value == "hello_first"
    open_tab(again, f"step2_{tom.id}_outputs", "Copy")
    assert WORDS.copy_hint in shown(again.caption)  # where the copy button is, said in words
    assert not at.exception and not again.exception
