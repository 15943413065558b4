"""A coach's words reach the page: each sentence is changed in a copy of the pack and found on screen.

Home's lines, the thank-you checks' explanations, and the Tracker's and Analytics' messages and
action cards all come from the content pack, with placeholders `content check` knows.
"""

from streamlit.testing.v1 import AppTest

from followthrough.store.applications import ApplicationRepository
from tests.app.conftest import find_interview
from tests.app.test_timeline import text
from tests.conftest import CoachPack


def _shown(at: AppTest) -> str:
    """Everything the page says, as the reader sees it."""
    return text(at)


def _links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_home_speaks_in_the_coachs_words(coach_pack: CoachPack, open_page, sample_workbook) -> None:
    coach_pack.edit("home.yaml", "A coaching workbook for the days", "Coach's intro for the days")
    coach_pack.edit(
        "home.yaml", '"{count} steps are overdue', '"{count} tasks are late, coach says'
    )
    coach_pack.edit(
        "notes.yaml",
        "many: Take your notes now — memory fades ({count} prompts left).",
        "many: Coach says write {count} answers down now.",
    )
    coach_pack.edit(
        "home.yaml", "open_step: Open step {number}", "open_step: Coach's step {number}"
    )
    coach_pack.edit(
        "home.yaml", "remove_sample: Remove the sample", "remove_sample: Coach removes the"
    )
    at = open_page("app_pages/home.py")
    shown = _shown(at)
    assert "Coach's intro for the days" in shown
    assert "tasks are late, coach says" in shown
    assert "Coach says write 3 answers down now." in shown
    assert "Coach's step 1" in _links(at)
    assert at.button(key="home_remove_sample").label.startswith("Coach removes the")
    assert not at.exception


def test_the_thank_you_checks_explain_in_the_coachs_words(
    coach_pack: CoachPack, open_step, sample_workbook
) -> None:
    coach_pack.edit("thank_you.yaml", "label: Names the interviewer", "label: Greets them (coach)")
    coach_pack.edit(
        "thank_you.yaml",
        "passed: Addresses {name} by name.",
        'passed: "{name} is greeted (coach)."',
    )
    coach_pack.edit(
        "thank_you.yaml",
        'many: "{count} words; aim for {min}–{max}."',
        'many: "Coach counts {count} words, between {min} and {max} is best."',
    )
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    at = open_step("app_pages/step2_thank_you.py", summary)
    checks = next(df.value for df in at.dataframe if "Check" in df.value.columns)
    by_label = dict(zip(checks["Check"], checks["Why"], strict=True))
    tom = summary.interview.interviewers[0].name
    assert by_label["Greets them (coach)"] == f"{tom} is greeted (coach)."
    assert by_label["Sensible length"].startswith("Coach counts ")
    assert by_label["Sensible length"].endswith("words, between 50 and 200 is best.")
    assert not at.exception


def test_the_tracker_speaks_in_the_coachs_words(coach_pack: CoachPack, open_page) -> None:
    coach_pack.edit("pipeline.yaml", "Every application with its current stage.", "Coach's list.")
    coach_pack.edit("pipeline.yaml", '"No applications yet: add one above', '"Coach: add one above')
    at = open_page("app_pages/tracker.py")
    assert "Coach's list." in _shown(at)
    assert at.info[0].value.startswith("Coach: add one above")
    assert not at.exception


def test_a_stale_application_is_flagged_in_the_coachs_words(
    coach_pack: CoachPack, open_page, sample_workbook
) -> None:
    coach_pack.edit(
        "pipeline.yaml", "No reply for {days} days or more:", "Coach: {days} days quiet:"
    )
    apps = sample_workbook.repo(ApplicationRepository).all()
    harbor = next(a.id for a in apps if a.company == "Harbor Logistics")
    at = open_page("app_pages/tracker.py")
    at.selectbox(key="pipeline_selected").set_value(harbor).run()
    assert any(w.value.startswith("Coach: 21 days quiet:") for w in at.warning)
    assert not at.exception


def test_analytics_speaks_in_the_coachs_words(
    coach_pack: CoachPack, open_page, sample_workbook
) -> None:
    coach_pack.edit(
        "pipeline.yaml",
        "{count} applications so far: the intervals are wide,",
        "Coach: only {count} applications, so the intervals are wide,",
    )
    coach_pack.edit(
        "pipeline.yaml", 'too_small: "too few to compare with', 'too_small: "coach: too few for'
    )
    coach_pack.edit("pipeline.yaml", "Reached = the stage or any later one", "Coach: reached =")
    coach_pack.edit(
        "pipeline.yaml",
        "response: Half of the {employers} who replied did so within {days} of your application.",
        'response: "Coach: half the {employers} who replied did so within {days}."',
    )
    at = open_page("app_pages/analytics.py")
    shown = _shown(at)
    assert "Coach: only 8 applications, so the intervals are wide," in shown
    assert "coach: too few for the benchmark" in shown
    assert "Coach: reached =" in shown
    assert "Coach: half the 5 employers who replied" in shown
    assert not at.exception
