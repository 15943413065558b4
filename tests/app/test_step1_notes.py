from datetime import datetime, timedelta

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
)
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.practice import PracticeRepository
from tests.app.conftest import find_interview, shown, values
from ui.text import plain

PAGE = "app_pages/step1_notes.py"


def test_empty_workbook_asks_for_an_interview(open_page) -> None:
    at = open_page(PAGE)
    assert "Record an interview first" in shown(at.info)
    assert not at.exception


def test_notes_per_interviewer_are_saved_as_typed(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    tom, lena = summary.interview.interviewers
    at = open_step(PAGE, summary)
    at.text_area(key=f"step1_topics_{interview_id}_{tom.id}").input("Roadmap\nHiring").run()
    at.text_area(key=f"step1_topics_{interview_id}_{lena.id}").input("Design critique").run()
    at.text_area(key=f"step1_company_learned_{interview_id}_").input("Series B, 80 people").run()
    at.radio(key=f"step1_rating_answers_{interview_id}_").set_value(4).run()
    saved = workbook.repo(AnswerRepository).for_step(interview_id, "notes")
    assert saved[("topics", str(tom.id))] == "Roadmap\nHiring"
    assert saved[("topics", str(lena.id))] == "Design critique"
    assert saved[("company_learned", "")] == "Series B, 80 people"
    assert saved[("rating_answers", "")] == "4"
    again = open_step(PAGE, summary)  # a new session reads the database
    assert again.text_area(key=f"step1_topics_{interview_id}_{tom.id}").value == "Roadmap\nHiring"
    assert not again.exception


def test_off_guard_questions_become_practice_cards(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.text_area(key=f"step1_off_guard_{interview_id}_").input(
        "Why did you leave so soon?\nWhat is your biggest failure?"
    ).run()
    at.button(key=f"step1_make_card_{interview_id}_0").click().run()
    cards = workbook.repo(PracticeRepository)
    [card] = cards.for_interview(interview_id)
    assert card.question == "Why did you leave so soon?" and card.source_prompt == "off_guard"
    assert "In the practice bank" in [c.value for c in at.caption]
    at.text_area(key=f"step1_card{card.id}_better_answer").input("I wanted to grow.").run()
    at.radio(key=f"step1_card{card.id}_confidence").set_value(3).run()
    [card] = cards.for_interview(interview_id)
    assert card.better_answer == "I wanted to grow." and card.confidence == 3
    assert not at.exception


def test_late_notes_get_a_nudge(open_page, open_step, sample_workbook) -> None:
    at = open_step(PAGE, find_interview(sample_workbook, "Bluebird Health"))
    assert "Memory fades fast" in shown(at.warning)
    assert not at.exception


def test_upcoming_interview_waits(open_page, open_step, sample_workbook) -> None:
    at = open_step(PAGE, find_interview(sample_workbook, "Kite Mobility"))
    assert "take notes right after it" in shown(at.info)
    assert not at.exception


def test_a_coach_adds_a_prompt_in_yaml_alone(
    open_step, open_page, workbook, sample_workbook, coach_pack
) -> None:
    coach_pack.edit(
        "steps/01_notes.yaml",
        "prompts:\n",
        "prompts:\n  - id: salary_hints\n    kind: short_text\n"
        "    label: Any hint about the salary range?\n",
    )
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    at = open_step(PAGE, summary)
    field = at.text_input(key=f"step1_salary_hints_{summary.interview.id}_")
    assert field.label == "Any hint about the salary range?"
    field.input("Around 70k").run()
    saved = workbook.repo(AnswerRepository).for_step(summary.interview.id, "notes")
    assert saved[("salary_hints", "")] == "Around 70k"
    assert not at.exception


def test_a_coach_changes_the_late_threshold_in_yaml_alone(
    open_step, open_page, sample_workbook, coach_pack
) -> None:
    coach_pack.edit("notes.yaml", "late_after_hours: 3\n", "late_after_hours: 100\n")
    at = open_step(PAGE, find_interview(sample_workbook, "Bluebird Health"))  # 3 days ago
    assert not [w for w in at.warning if "Memory fades fast" in w.value]
    assert "Good timing" in shown(at.success)
    assert not at.exception


def _interview_with(workbook, *names: str) -> InterviewSummary:
    """A video interview that ended an hour ago, with these interviewers."""
    app_id = workbook.repo(ApplicationRepository).add(Application("Acme", "Designer"))
    start = datetime.now() - timedelta(hours=2)
    people = [Interviewer(name) for name in names]
    workbook.repo(InterviewRepository).add(
        Interview(
            app_id, 1, InterviewFormat.VIDEO, start, start + timedelta(hours=1), interviewers=people
        )
    )
    return find_interview(workbook, "Acme")


def test_interviewer_names_are_shown_as_typed_in_the_tabs(open_step, workbook) -> None:
    summary = _interview_with(workbook, "Sam *Star* Lee", "[Ann](https://x.example)")
    at = open_step(PAGE, summary)
    assert [t.label for t in at.tabs] == [
        plain("Sam *Star* Lee"),
        plain("[Ann](https://x.example)"),
    ]
    assert at.tabs[0].label == r"Sam \*Star\* Lee"
    required = [p for p in load_content(DEFAULT_CONTENT_DIR).step("notes").prompts if p.required]
    assert f"Saved as you type. Still to answer: {len(required)}." in values(at.caption)
    assert not at.exception


def test_an_interview_without_interviewers_asks_for_them(open_step, workbook) -> None:
    at = open_step(PAGE, _interview_with(workbook))
    assert any("Add who interviewed you" in i.value for i in at.info)
    assert not at.tabs
    assert not at.exception
