from datetime import date, datetime, time

from followthrough.models import Application, Interview, InterviewFormat, Stage, StatusEvent
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from tests.app.conftest import find_interview, metric, shown

PAGE = "app_pages/step4_momentum.py"


def _repo(workbook) -> MomentumRepository:
    return workbook.repo(MomentumRepository)


def test_empty_workbook_asks_for_an_interview(open_page) -> None:
    at = open_page(PAGE)
    assert "Record an interview first" in shown(at.info)
    assert "No active processes" in shown(at.warning)
    assert not at.exception


def test_sample_workbook_shows_the_plan_goal_and_processes(
    open_step, open_page, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    # Reading writes nothing: the content's default plan is shown until the user changes it.
    assert _repo(workbook).plan(interview_id) == []
    first, third = (at.text_input(key=f"step4_default{interview_id}_{n}_label") for n in (0, 2))
    assert (first.label, first.value) == ("Application to send", "Send one new application")
    assert third.label == "Lead to contact"
    assert [m.label for m in at.metric] == ["Applications this week", "Active processes"]
    assert metric(at, "Active processes") == "6"
    assert not at.exception


def test_check_in_is_saved_with_its_reframe(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.radio(key=f"step4_mood_{interview_id}").set_value("anxious").run()
    at.text_area(key=f"step4_feeling_{interview_id}").input("I really want this one.").run()
    at.text_area(key=f"step4_let_go_{interview_id}_").input("Replaying the salary question").run()
    saved = _repo(workbook).check_in(interview_id)
    assert (saved.mood, saved.feeling) == ("anxious", "I really want this one.")
    assert any("more processes mean less pressure" in i.value for i in at.info)
    answers = workbook.repo(AnswerRepository).for_step(interview_id, "momentum")
    assert answers[("let_go", "")] == "Replaying the salary question"
    again = open_step(PAGE, summary)
    assert again.radio(key=f"step4_mood_{interview_id}").value == "anxious"
    assert not again.exception


def test_plan_items_are_checked_off_edited_and_added(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.checkbox(key=f"step4_default{interview_id}_0_done").check().run()  # saves the default plan
    first, *rest = _repo(workbook).plan(interview_id)
    assert (first.done, [i.done for i in rest]) == (True, [False, False])
    at.text_input(key=f"step4_item{first.id}_label").input("Apply to Globex").run()
    new = f"step4_new_item{interview_id}_"
    at.selectbox(key=new + "kind").set_value("lead").run()
    at.text_input(key=new + "label").input("Coffee with Priya").run()
    at.button(key=new + "add").click().run()
    items = _repo(workbook).plan(interview_id)
    assert (items[0].label, items[0].done) == ("Apply to Globex", True)
    assert (items[-1].kind, items[-1].label) == ("lead", "Coffee with Priya")
    assert at.text_input(key=new + "label").value == ""
    assert not at.exception


def test_weekly_goal_is_stored_per_owner(open_page, open_step, workbook, sample_workbook) -> None:
    at = open_step(PAGE, find_interview(sample_workbook, "Bluebird Health"))
    at.number_input(key="step4_goal").set_value(3).run()
    assert _repo(workbook).weekly_goal(5) == 3
    assert metric(at, "Applications this week").endswith("/ 3")
    again = open_page(PAGE)
    assert again.number_input(key="step4_goal").value == 3
    assert not again.exception


def test_one_active_process_is_a_clear_warning(open_page, workbook) -> None:
    apps = workbook.repo(ApplicationRepository)
    today = date.today()
    open_id = apps.add(Application("Initech", "Analyst", applied_on=today))
    start = datetime.combine(today, time(9))
    InterviewRepository(apps.engine, apps.owner_id).add(
        Interview(open_id, 1, InterviewFormat.PHONE, start, start.replace(hour=10))
    )
    closed = apps.add(Application("Globex", "Analyst", applied_on=today))
    apps.add_event(StatusEvent(closed, Stage.REJECTED, today))
    at = open_page(PAGE)
    assert metric(at, "Applications this week") == "2 / 5"
    assert metric(at, "Active processes") == "1"
    assert "Only one active process" in shown(at.warning)
    assert not at.exception


def test_the_first_change_of_the_default_plan_saves_it_with_that_change(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.text_input(key=f"step4_default{interview_id}_1_label").input("Apply to Initech").run()
    labels = [i.label for i in _repo(workbook).plan(interview_id)]
    assert labels == [
        "Send one new application",
        "Apply to Initech",
        "Contact one lead from your network",
    ]
    items = _repo(workbook).plan(interview_id)
    assert at.text_input(key=f"step4_item{items[1].id}_label").value == "Apply to Initech"
    at.button(key=f"step4_item{items[0].id}_remove").click().run()
    assert [i.label for i in _repo(workbook).plan(interview_id)] == labels[1:]
    assert not at.exception


def test_removing_or_adding_before_any_change_keeps_the_rest_of_the_default_plan(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.button(key=f"step4_default{interview_id}_0_remove").click().run()
    assert [i.label for i in _repo(workbook).plan(interview_id)] == [
        "Send a second new application",
        "Contact one lead from your network",
    ]
    other = find_interview(sample_workbook, "Bluebird Health")
    at = open_step(PAGE, other)
    new = f"step4_new_item{other.interview.id}_"
    at.text_input(key=new + "label").input("Coffee with Priya").run()
    at.button(key=new + "add").click().run()
    assert [i.label for i in _repo(workbook).plan(other.interview.id)][::3] == [
        "Send one new application",
        "Coffee with Priya",
    ]
    assert not at.exception


def test_a_plan_item_needs_words(open_page, open_step, workbook, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    at = open_step(PAGE, summary)
    at.button(key=f"step4_new_item{summary.interview.id}_add").click().run()
    assert "Write the application or the lead first" in shown(at.error)
    assert _repo(workbook).plan(summary.interview.id) == []  # a refused addition writes nothing
    assert not at.exception


def test_the_weeks_figures_follow_a_write_made_elsewhere_on_the_next_rerun(
    open_page, workbook
) -> None:
    # The page keeps its pipeline figures cached on the data version: a write through another
    # tab, process or replica bumps it, so the next rerun shows it.
    at = open_page(PAGE)
    assert metric(at, "Applications this week") == "0 / 5"
    apps = workbook.repo(ApplicationRepository)
    rejected = apps.add(Application("Globex", "Analyst", applied_on=date.today()))
    at.run()
    assert (metric(at, "Applications this week"), metric(at, "Active processes")) == ("1 / 5", "1")
    apps.add_event(StatusEvent(rejected, Stage.REJECTED, date.today()))
    at.run()
    assert metric(at, "Active processes") == "0"
    assert not at.exception


def test_a_plan_item_that_names_an_application_becomes_one_with_one_click(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    assert not any(b.key.endswith("_apply") for b in at.button)  # the defaults name no company
    new = f"step4_new_item{interview_id}_"
    at.text_input(key=new + "label").input("Apply to Globex as data analyst").run()
    at.button(key=new + "add").click().run()
    item = _repo(workbook).plan(interview_id)[-1]
    at.button(key=f"step4_item{item.id}_apply").click().run()
    apps = workbook.repo(ApplicationRepository).all()
    [globex] = [a for a in apps if a.company == "Globex"]
    assert (globex.role_title, globex.applied_on) == ("data analyst", date.today())
    assert [e.stage for e in workbook.repo(ApplicationRepository).events(globex.id)] == [
        Stage.APPLIED
    ]
    assert _repo(workbook).plan(interview_id)[-1].done
    assert "Added Globex — data analyst to the Tracker, applied today." in shown(at.success)
    assert "On the Tracker" in shown(at.caption)
    assert not any(b.key == f"step4_item{item.id}_apply" for b in at.button)  # not twice
    assert not at.exception


def test_removing_a_plan_item_can_be_undone(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.button(key=f"step4_default{interview_id}_0_remove").click().run()
    assert "Removed “Send one new application” from the plan." in shown(at.markdown)
    at.button(key="step4_undo_button").click().run()
    assert [i.label for i in _repo(workbook).plan(interview_id)] == [
        "Send one new application",
        "Send a second new application",
        "Contact one lead from your network",
    ]
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert "Next: see what is due on Home" in links
    assert not at.exception
