from datetime import datetime, timedelta

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Application, Interview, Interviewer, InterviewFormat, StepState
from followthrough.services.answers import save_answer
from followthrough.services.notes import Timing, screen
from followthrough.services.practice import add_card
from followthrough.steps import notes
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository

PACK = load_content(DEFAULT_CONTENT_DIR)
STEP = PACK.step("notes")
RULES = PACK.notes
START = datetime(2026, 11, 20, 9, 0)
END = START + timedelta(hours=1)


def _complete(interviewer_ids: list[int]) -> dict[tuple[str, str], str]:
    answers = {}
    for prompt in STEP.prompts:
        if prompt.required:
            subjects = [str(i) for i in interviewer_ids] if prompt.per_interviewer else [""]
            answers.update({(prompt.id, s): "noted" for s in subjects})
    return answers


def test_timing_nudges_after_the_content_threshold() -> None:
    late, message = notes.timing_message(END, END + timedelta(hours=1), RULES)
    assert not late and "ended 1 hour ago" in message and "Good timing" in message
    late, message = notes.timing_message(
        END, END + timedelta(hours=RULES.late_after_hours + 2), RULES
    )
    assert late and "Memory fades fast" in message


def test_elapsed_reads_naturally() -> None:
    assert [notes.elapsed(h) for h in (0.25, 1, 5.4, 50)] == [
        "15 minutes",
        "1 hour",
        "5 hours",
        "2 days",
    ]


def test_lines_drop_blanks_and_bullets() -> None:
    assert notes.lines("- Why leave?\n\n  • Salary expectations \n*  \n") == [
        "Why leave?",
        "Salary expectations",
    ]


def test_items_from_keeps_prompt_order_and_limits_to_one_interviewer() -> None:
    answers = {
        ("revisit", "7"): "Scaling the design system?",
        ("revisit", "8"): "Budget for research?",
        ("topics", "7"): "Accessibility\nScaling the design system?",
        ("topics", ""): "Company-wide topic",
    }
    items = notes.items_from(answers, ["revisit", "topics"], subject="7")
    assert items == [
        ("revisit", "Scaling the design system?"),
        ("topics", "Accessibility"),
        ("topics", "Company-wide topic"),
    ]
    assert len(notes.items_from(answers, ["revisit"])) == 2


def test_missing_requires_per_interviewer_prompts_for_everyone() -> None:
    answers = _complete([1, 2])
    assert notes.missing(STEP, answers, [1, 2]) == []
    del answers[("topics", "2")]
    assert notes.missing(STEP, answers, [1, 2]) == [STEP.prompts[0].label]
    answers[("topics", "2")] = "   "
    assert len(notes.missing(STEP, answers, [1, 2])) == 1


def test_status_moves_from_upcoming_to_due_overdue_and_done() -> None:
    before = notes.status(END, START - timedelta(days=1), 3, RULES)
    assert before.state == StepState.UPCOMING
    during = notes.status(END, START + timedelta(minutes=30), 3, RULES)
    assert during.state == StepState.UPCOMING  # nothing is due while the interview is on
    fresh = notes.status(END, END + timedelta(minutes=30), 3, RULES)
    assert fresh.state == StepState.DUE and "3 prompts left" in fresh.action
    assert fresh.reason.startswith("Memory fades fast") and fresh.due_on == END.date()
    late = notes.status(END, END + timedelta(days=1), 1, RULES)
    assert late.state == StepState.OVERDUE and "1 prompt left" in late.action
    assert late.reason.startswith("The interview ended 24 hours ago")
    done = notes.status(END, END + timedelta(days=1), 0, RULES)
    assert done.state == StepState.DONE and done.step_id == "notes"


def _step_text(step_id: str) -> str:
    step = PACK.step(step_id)
    parts = [step.why] + [f"{p.label} {p.help}" for p in step.prompts]
    parts += [f"{i.label} {i.help}" for c in step.checklists for i in c.items]
    return " ".join(parts).casefold()


def test_every_prompt_and_checklist_id_is_unique_across_steps_1_and_2() -> None:
    ids = [p.id for s in ("notes", "thank_you") for p in PACK.step(s).prompts]
    ids += [c.id for s in ("notes", "thank_you") for c in PACK.step(s).checklists]
    assert len(ids) == len(set(ids))


def test_step_1_advice_is_all_in_content() -> None:
    text = _step_text("notes")
    for advice in (
        "somewhere quiet",
        "mattered most to this interviewer",
        "learn about the company",
        "revisiting in your thank-you note",
        "honest self-evaluation",
        "blunders",
        "caught you off guard",
        "better answer",
        "practise before the next interview",
    ):
        assert advice in text, advice
    kinds = {p.kind.value for p in STEP.prompts}
    assert "rating" in kinds and "long_text" in kinds
    assert [p.id for p in STEP.prompts if p.per_interviewer] == ["topics", "revisit"]


def test_rules_point_at_prompts_that_exist() -> None:
    ids = {p.id for p in STEP.prompts}
    assert set(RULES.practice_from) <= ids
    assert set(RULES.talking_points_from) <= ids


def test_screen_times_the_notes_and_offers_lines_as_practice_cards(workbook) -> None:
    app_id = workbook.repo(ApplicationRepository).add(Application("Acme", "Designer"))
    people = [Interviewer("Dana"), Interviewer("Eli")]
    interview_id = workbook.repo(InterviewRepository).add(
        Interview(app_id, 1, InterviewFormat.VIDEO, START, END, interviewers=people)
    )
    interview = workbook.repo(InterviewRepository).get(interview_id)
    save_answer(workbook, interview_id, "notes", "off_guard", "Why leave?\nYour weakness?")
    add_card(workbook, interview_id, "Why leave?", "off_guard")

    early = screen(workbook, PACK, interview, START - timedelta(days=1))
    assert early.timing == Timing(
        StepState.UPCOMING,
        "This interview is on Fri 2026/11/20 at 09:00: take notes right after it.",
    )
    view = screen(workbook, PACK, interview, END + timedelta(hours=RULES.late_after_hours + 1))
    assert view.timing.state == StepState.OVERDUE and "Memory fades fast" in view.timing.message
    missing = len(notes.missing(STEP, view.answers, [p.id for p in interview.interviewers]))
    assert view.progress == f"Saved as you type. Still to answer: {missing}."
    assert [(p.name, p.subject) for p in view.interviewers] == [
        (p.name, str(p.id)) for p in interview.interviewers
    ]
    assert [p.id for p in view.per_interviewer] == ["topics", "revisit"]
    assert [(c.line, c.carded) for c in view.candidates] == [
        ("Why leave?", True),
        ("Your weakness?", False),
    ]
    assert [c.question for c in view.cards] == ["Why leave?"]
