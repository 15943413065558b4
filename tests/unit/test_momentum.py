from datetime import date, datetime, time, timedelta

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Channel,
    CheckIn,
    Contact,
    Interview,
    InterviewFormat,
    InterviewSummary,
    PlanItem,
    Stage,
    StatusEvent,
    StepState,
)
from followthrough.services import momentum as service
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.steps import momentum
from followthrough.steps.follow_up import Standing
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.people import PeopleRepository

RULES = load_content(DEFAULT_CONTENT_DIR).momentum
WEDNESDAY = date(2026, 11, 18)


def test_default_plan_comes_from_content() -> None:
    plan = momentum.default_plan(7, RULES.next_day)
    assert [item.kind for item in plan] == ["application", "application", "lead"]
    assert all(item.interview_id == 7 and not item.done for item in plan)


def test_applications_are_counted_monday_to_sunday() -> None:
    assert momentum.week_of(WEDNESDAY) == (date(2026, 11, 16), date(2026, 11, 22))
    dates = [date(2026, 11, 15), date(2026, 11, 16), None, date(2026, 11, 22), date(2026, 11, 23)]
    assert momentum.applications_this_week(dates, WEDNESDAY) == 2


def test_weekly_goal_progress_message() -> None:
    behind = momentum.progress(2, 5, RULES.weekly_goal)
    assert not behind.reached
    assert behind.message == "2 of 5 applications this week: 3 to go."
    assert momentum.progress(6, 5, RULES.weekly_goal).reached


def _history(*rows: tuple[int, Stage, int]) -> list[tuple[int, Stage, date, int]]:
    return [(app, stage, date(2026, 11, day), i) for i, (app, stage, day) in enumerate(rows)]


def test_latest_stage_decides_whether_a_process_is_active() -> None:
    history = _history(
        (1, Stage.APPLIED, 1),
        (1, Stage.INTERVIEW, 9),
        (1, Stage.REJECTED, 12),
        (2, Stage.APPLIED, 2),
        (2, Stage.INTERVIEW, 10),
        (3, Stage.APPLIED, 3),
        (3, Stage.WITHDRAWN, 3),  # same day: the later event wins
    )
    latest = momentum.latest_stages(history)
    assert latest == {1: Stage.REJECTED, 2: Stage.INTERVIEW, 3: Stage.WITHDRAWN}
    assert momentum.active_processes(latest) == 1


@pytest.mark.parametrize(
    ("active", "warn", "text"),
    [
        (0, True, "No active processes"),
        (1, True, "Only one active process"),
        (2, False, "2 active"),
    ],
)
def test_a_single_active_process_is_a_clear_warning(active: int, warn: bool, text: str) -> None:
    warned, message = momentum.process_warning(active, RULES.processes)
    assert warned is warn
    assert text in message


def test_each_mood_has_a_reframe() -> None:
    assert "two offers" in momentum.reframe("confident", RULES.check_in)
    assert momentum.reframe("unknown", RULES.check_in) is None


def test_content_carries_the_reasons_offers_stall() -> None:
    reasons = " ".join(RULES.check_in.reframes).lower()
    for reason in ("budget cut", "better-matched candidate", "internal promotion", "two offers"):
        assert reason in reasons


ENDED = datetime(2026, 11, 16, 11)


def _at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour)


def test_status_follows_the_next_day_plan() -> None:
    open_item = PlanItem(1, "lead", "Call Sam", id=1)
    assert momentum.status(ENDED, [], _at(15), RULES.status).state == StepState.UPCOMING
    # The interview day itself is for digesting it: step 4 is the next day.
    evening = momentum.status(ENDED, [], _at(16, 19), RULES.status)
    assert evening.state == StepState.UPCOMING
    assert evening.action.startswith("Tomorrow (Tue 2026/11/17): keep searching")
    assert momentum.status(ENDED, [], _at(17, 8), RULES.status).state == StepState.DUE
    due = momentum.status(ENDED, [open_item], _at(17), RULES.status)
    assert (due.state, due.action) == (
        StepState.DUE,
        "1 item left on your plan for Tue 2026/11/17.",
    )
    assert momentum.status(ENDED, [open_item], _at(18), RULES.status).state == StepState.OVERDUE
    done = PlanItem(1, "lead", "Call Sam", done=True, id=1)
    assert momentum.status(ENDED, [done], _at(30), RULES.status).state == StepState.DONE
    two = momentum.status(ENDED, [open_item, open_item], _at(17), RULES.status)
    assert two.action == "2 items left on your plan for Tue 2026/11/17."
    assert momentum.status(ENDED, [], _at(17), RULES.status).action.startswith(
        "Make your plan for Tue 2026/11/17:"
    )


def test_a_plan_item_needs_words_and_is_edited_one_field_at_a_time() -> None:
    assert momentum.item_problems(" ") == ["Write the application or the lead first."]
    assert momentum.item_problems("Apply to Globex") == []
    item = PlanItem(1, "lead", "Call Sam", id=4)
    assert momentum.edited_item(item, "label", "  ").label == "Call Sam"
    assert momentum.edited_item(item, "label", " Call Priya ").label == "Call Priya"
    assert momentum.edited_item(item, "done", True).done
    with pytest.raises(ValueError, match="unknown plan item field 'kind'"):
        momentum.edited_item(item, "kind", "application")


# -- the repository -----------------------------------------------------------------------------


@pytest.fixture
def workbook(store_url: str) -> Workbook:
    """Repositories are checked on SQLite and PostgreSQL alike."""
    return open_workbook(store_url)


@pytest.fixture
def apps(workbook) -> ApplicationRepository:
    return workbook.repo(ApplicationRepository)


@pytest.fixture
def interview_id(apps: ApplicationRepository) -> int:
    app_id = apps.add(Application("Initech", "Analyst", applied_on=WEDNESDAY))
    start = datetime.combine(WEDNESDAY, time(10))
    return InterviewRepository(apps.engine, apps.owner_id).add(
        Interview(app_id, 1, InterviewFormat.VIDEO, start, start.replace(hour=11))
    )


def test_the_plan_is_created_once_and_checked_off(workbook, interview_id: int) -> None:
    repo = workbook.repo(MomentumRepository)
    defaults = momentum.default_plan(interview_id, RULES.next_day)
    repo.ensure_plan(defaults)
    repo.ensure_plan(defaults)
    items = repo.plan(interview_id)
    assert [i.label for i in items] == [i.label for i in defaults]
    repo.update_item(items[0].id, "Apply to Globex", True)
    repo.add_item(PlanItem(interview_id, "lead", "Coffee with Priya"))
    repo.delete_item(items[1].id)
    assert [(i.label, i.done) for i in repo.plan(interview_id)] == [
        ("Apply to Globex", True),
        (defaults[2].label, False),
        ("Coffee with Priya", False),
    ]


def test_goal_and_check_in_are_kept_per_owner(workbook, interview_id: int) -> None:
    mine = workbook.repo(MomentumRepository)
    other = PeopleRepository(workbook.engine).get_or_create("someone-else")
    theirs = MomentumRepository(workbook.engine, other.id)
    assert mine.weekly_goal(5) == 5
    mine.set_weekly_goal(8)
    mine.set_weekly_goal(9)
    assert (mine.weekly_goal(5), theirs.weekly_goal(5)) == (9, 5)
    mine.save_check_in(interview_id, "mood", "anxious")
    mine.save_check_in(interview_id, "feeling", "Waiting is hard.")
    assert mine.check_in(interview_id) == CheckIn(interview_id, "anxious", "Waiting is hard.")
    with pytest.raises(LookupError):
        theirs.save_check_in(interview_id, "mood", "confident")
    assert theirs.plan(interview_id) == []


def test_pipeline_figures_come_from_the_applications_table(
    workbook, apps: ApplicationRepository, interview_id: int
) -> None:
    closed = apps.add(Application("Globex", "Analyst", applied_on=date(2026, 11, 2)))
    apps.add_event(StatusEvent(closed, Stage.REJECTED, date(2026, 11, 10)))
    repo = workbook.repo(MomentumRepository)
    assert sorted(repo.applied_dates()) == [date(2026, 11, 2), WEDNESDAY]
    latest = momentum.latest_stages(repo.stage_history())
    assert latest == {
        closed: Stage.REJECTED,
        InterviewRepository(apps.engine, apps.owner_id)
        .get(interview_id)
        .application_id: Stage.INTERVIEW,
    }
    assert momentum.active_processes(latest) == 1
    # A page about one interview reads only its application's history.
    assert {row[0] for row in repo.stage_history([closed])} == {closed}
    assert repo.stage_history([]) == []


# -- the service --------------------------------------------------------------------------------

PACK = load_content(DEFAULT_CONTENT_DIR)


@pytest.fixture
def summary(workbook: Workbook, interview_id: int) -> InterviewSummary:
    [found] = workbook.repo(InterviewRepository).summaries()
    return found


def test_reading_the_screen_writes_nothing_and_shows_the_default_plan(
    workbook, interview_id: int, summary: InterviewSummary
) -> None:
    view = service.screen(workbook, PACK, summary, WEDNESDAY)
    assert workbook.repo(MomentumRepository).plan(interview_id) == []
    assert view.day is not None
    assert view.day.title == "Your plan for Thursday 2026/11/19"
    assert [(row.kind, row.label, row.item_id) for row in view.day.plan] == [
        ("Application to send", "Send one new application", None),
        ("Application to send", "Send a second new application", None),
        ("Lead to contact", "Contact one lead from your network", None),
    ]
    assert view.day.kinds == {"application": "Application to send", "lead": "Lead to contact"}
    assert (view.day.check_in.mood, view.day.check_in.reframe) == (None, "")
    assert (view.week.applications, view.week.share, view.week.active) == ("1 / 5", 0.2, 1)
    assert view.week.few_processes and "Only one active process" in view.week.processes


def test_the_first_change_saves_the_default_plan_with_it(
    workbook, interview_id: int, summary: InterviewSummary
) -> None:
    rows = service.screen(workbook, PACK, summary, WEDNESDAY).day.plan
    service.edit_item(workbook, PACK, interview_id, rows[1], "done", True)
    service.edit_item(
        workbook, PACK, interview_id, rows[1], "label", "Apply to Globex"
    )  # stale row
    repo = workbook.repo(MomentumRepository)
    assert [(i.label, i.done) for i in repo.plan(interview_id)] == [
        ("Send one new application", False),
        ("Apply to Globex", True),
        ("Contact one lead from your network", False),
    ]
    service.remove_item(workbook, PACK, interview_id, rows[0])  # a default row: the first item
    rows = service.screen(workbook, PACK, summary, WEDNESDAY).day.plan
    assert [row.label for row in rows] == ["Apply to Globex", "Contact one lead from your network"]
    assert all(row.item_id is not None for row in rows)


def test_adding_keeps_the_default_plan_first_and_a_blank_addition_writes_nothing(
    workbook, interview_id: int
) -> None:
    errors = service.add_item(workbook, PACK, interview_id, "lead", "  ")
    assert errors == ["Write the application or the lead first."]
    assert workbook.repo(MomentumRepository).plan(interview_id) == []
    assert service.add_item(workbook, PACK, interview_id, "lead", " Coffee with Priya ") == []
    labels = [i.label for i in workbook.repo(MomentumRepository).plan(interview_id)]
    assert labels[0] == "Send one new application" and labels[-1] == "Coffee with Priya"


def test_check_in_and_goal_are_saved_and_read_back(
    workbook, interview_id: int, summary: InterviewSummary
) -> None:
    service.save_check_in(workbook, interview_id, "mood", "anxious")
    service.save_check_in(workbook, interview_id, "feeling", " Waiting is hard. ")
    service.set_goal(workbook, 1)
    view = service.screen(workbook, PACK, summary, WEDNESDAY)
    check_in = view.day.check_in
    assert (check_in.mood, check_in.feeling) == ("anxious", "Waiting is hard.")
    assert "more processes mean less pressure" in check_in.reframe
    assert (view.week.applications, view.week.share, view.week.reached) == ("1 / 1", 1.0, True)
    assert service.screen(workbook, PACK, None, WEDNESDAY).day is None


def test_every_piece_of_step_4_advice_is_in_content() -> None:
    pack = load_content(DEFAULT_CONTENT_DIR)
    words = (pack.step("momentum").model_dump_json() + RULES.model_dump_json()).lower()
    for advice in (
        "don't assume the match was mutual",
        "budget cut",
        "better-matched candidate",
        "internal promotion",
        "digest the interview",
        "very next day",
        "until the minute you accept an offer",
        "two offers to choose from",
    ):
        assert advice in words, advice


def test_the_waiting_is_told_honestly_and_silence_past_their_date_is_named() -> None:
    told = momentum.waiting(RULES)
    assert told.title == "While you wait"
    assert any("days, weeks or longer" in line for line in told.lines)
    assert any("Sitting back to wait costs you" in line for line in told.lines)
    assert any("until the minute you accept an offer" in line for line in told.lines)
    assert told.reasons == list(RULES.check_in.reframes)  # why silence happens

    start = datetime(2026, 12, 8, 10)
    summary = InterviewSummary(
        Interview(
            1,
            1,
            InterviewFormat.VIDEO,
            start,
            start + timedelta(hours=1),
            decision_expected_on=date(2026, 12, 18),
            id=3,
        ),
        Application("Northwind Analytics", "Designer", id=1),
    )
    silent = momentum.silent_past_decision(
        summary, Standing(Stage.INTERVIEW, date(2026, 12, 1)), [], date(2026, 12, 21), RULES.waiting
    )
    assert silent is not None and silent.startswith(
        "Northwind Analytics expected to decide by 2026/12/18, 3 days ago"
    )
    on_the_day = momentum.silent_past_decision(
        summary, Standing(), [], date(2026, 12, 18), RULES.waiting
    )
    assert on_the_day is None  # their date has not passed yet
    replied = Standing(Stage.RESPONDED, date(2026, 12, 19))
    assert (
        momentum.silent_past_decision(summary, replied, [], date(2026, 12, 21), RULES.waiting)
        is None
    )
    answered = [Contact(3, Channel.PHONE, date(2026, 12, 19), answered=True)]
    assert (
        momentum.silent_past_decision(
            summary, Standing(), answered, date(2026, 12, 21), RULES.waiting
        )
        is None
    )
    no = Standing(Stage.REJECTED, date(2026, 12, 10))
    assert momentum.silent_past_decision(summary, no, [], date(2026, 12, 21), RULES.waiting) is None
