from followthrough.store.answers import AnswerRepository
from followthrough.store.practice import PracticeRepository
from tests.app.conftest import find_interview

PAGE = "app_pages/step1_notes.py"


def test_empty_workbook_asks_for_an_interview(open_page) -> None:
    at = open_page(PAGE)
    assert "Record an interview first" in at.info[0].value
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
    assert "Memory fades fast" in at.warning[0].value
    assert not at.exception


def test_upcoming_interview_waits(open_page, open_step, sample_workbook) -> None:
    at = open_step(PAGE, find_interview(sample_workbook, "Kite Mobility"))
    assert "take notes right after it" in at.info[0].value
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
    assert "Good timing" in at.success[0].value
    assert not at.exception
