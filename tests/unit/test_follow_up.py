import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    CallPlan,
    Channel,
    Contact,
    Instruction,
    Interview,
    InterviewFormat,
    InterviewSummary,
    Stage,
    StepState,
)
from followthrough.services import follow_up as service
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.steps import follow_up
from followthrough.store.applications import ApplicationRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository

RULES = load_content(DEFAULT_CONTENT_DIR).follow_up
MONDAY = date(2026, 11, 16)


def _contact(day: int, channel: Channel = Channel.PHONE, answered: bool = False) -> Contact:
    return Contact(1, channel, date(2026, 11, day), answered)


def test_same_channel_gives_no_warning() -> None:
    item = Instruction(1, "three references", Channel.EMAIL, done_on=MONDAY)
    assert (
        follow_up.channel_warning(replace(item, done_channel=Channel.EMAIL), RULES.instructions)
        is None
    )


def test_done_through_another_channel_warns_and_names_both() -> None:
    item = Instruction(
        1, "three references", Channel.EMAIL, done_on=MONDAY, done_channel=Channel.LETTER
    )
    warning = follow_up.channel_warning(item, RULES.instructions)
    assert warning is not None
    assert '"three references" by e-mail' in warning
    assert "as done by letter" in warning


def test_call_is_suggested_a_week_after_the_interview() -> None:
    suggestion = follow_up.suggested_call(MONDAY, None, RULES.status_call)
    assert suggestion.day == date(2026, 11, 23)
    assert "7 days after the interview" in suggestion.reason


@pytest.mark.parametrize("decision", [date(2026, 11, 20), date(2026, 11, 27), date(2026, 12, 31)])
def test_suggested_call_is_never_before_the_company_timeline(decision: date) -> None:
    suggestion = follow_up.suggested_call(MONDAY, decision, RULES.status_call)
    assert suggestion.day > decision
    assert suggestion.day >= date(2026, 11, 23)
    assert suggestion.day.weekday() < 5


def test_call_after_the_timeline_says_why() -> None:
    suggestion = follow_up.suggested_call(MONDAY, date(2026, 11, 27), RULES.status_call)
    assert suggestion.day == date(2026, 11, 30)  # Friday's date + 1 is a Saturday: Monday
    assert "after the company's own timeline (2026/11/27)" in suggestion.reason


def test_a_weekend_suggestion_moves_to_monday() -> None:
    saturday_interview = date(2026, 11, 14)  # a week later is a Saturday too
    assert follow_up.suggested_call(saturday_interview, None, RULES.status_call).day == date(
        2026, 11, 23
    )


def test_planning_the_call_too_early_warns() -> None:
    assert follow_up.early_call_warning(date(2026, 11, 20), date(2026, 11, 23), RULES.status_call)
    assert (
        follow_up.early_call_warning(date(2026, 11, 24), date(2026, 11, 23), RULES.status_call)
        is None
    )


def test_nuisance_guard_accepts_a_first_call_on_the_planned_day() -> None:
    assert (
        follow_up.nuisance_warnings([], date(2026, 11, 23), date(2026, 11, 23), RULES.contacts)
        == []
    )


def test_nuisance_guard_flags_a_call_before_the_plan() -> None:
    [warning] = follow_up.nuisance_warnings(
        [], date(2026, 11, 18), date(2026, 11, 23), RULES.contacts
    )
    assert "planned for 2026/11/23" in warning


def test_nuisance_guard_flags_too_soon_after_the_last_contact() -> None:
    warnings = follow_up.nuisance_warnings(
        [_contact(23)], date(2026, 11, 25), date(2026, 11, 23), RULES.contacts
    )
    assert warnings[0] == (
        "Your last contact was 2 days ago. Wait at least 7 days between contacts, or you become a nuisance."
    )


def test_one_unanswered_status_call_leaves_the_ball_in_their_court() -> None:
    assert RULES.contacts.max_unanswered == 1  # "One status call at most", as the boundaries say
    [warning] = follow_up.nuisance_warnings(
        [_contact(9)], date(2026, 11, 30), date(2026, 11, 9), RULES.contacts
    )
    assert warning.startswith("You have already made your status call without an answer (1 of 1)")
    assert warning.endswith("leave the ball in their court.")
    contacts = [_contact(2, answered=True), _contact(9), _contact(20)]
    assert follow_up.unanswered_attempts(contacts) == 2
    warnings = follow_up.nuisance_warnings(
        contacts, date(2026, 12, 1), date(2026, 11, 9), RULES.contacts
    )
    assert any("without an answer (2 of 1)" in w for w in warnings)
    assert not any(
        "Your last contact was" in w for w in warnings
    )  # 11 days since the last one is fine


def test_an_answer_resets_the_guard() -> None:
    contacts = [_contact(9), _contact(20, answered=True)]
    assert (
        follow_up.nuisance_warnings(
            contacts, date(2026, 11, 21), date(2026, 11, 30), RULES.contacts
        )
        == []
    )


def test_an_instruction_needs_words() -> None:
    assert follow_up.instruction_problems("  ") == [
        "Write what they asked for first (e.g. three references)."
    ]
    assert follow_up.instruction_problems("portfolio") == []


def test_an_instruction_is_edited_one_field_at_a_time() -> None:
    item = Instruction(1, "three references", Channel.EMAIL, MONDAY, id=5)
    edit = follow_up.edited_instruction
    assert edit(item, "what", "  ", MONDAY).what == "three references"  # blank keeps the words
    assert edit(item, "what", " portfolio ", MONDAY).what == "portfolio"
    assert edit(item, "channel", "letter", MONDAY).channel == Channel.LETTER
    assert edit(item, "due", None, MONDAY).due_on is None
    done = edit(item, "done", True, date(2026, 11, 17))
    assert (done.done_on, done.done_channel) == (date(2026, 11, 17), Channel.EMAIL)
    through = edit(done, "done_channel", "letter", date(2026, 11, 18))
    assert (through.done_on, through.done_channel) == (date(2026, 11, 17), Channel.LETTER)
    assert edit(through, "done", True, date(2026, 11, 19)) == through  # the first day stays
    undone = edit(through, "done", False, date(2026, 11, 19))
    assert (undone.done_on, undone.done_channel) == (None, None)
    with pytest.raises(ValueError, match="unknown instruction field 'id'"):
        edit(item, "id", 6, MONDAY)


def test_a_voicemail_is_never_an_answer() -> None:
    voicemail = follow_up.new_contact(1, Channel.VOICEMAIL, MONDAY, True, " left a message ")
    assert (voicemail.answered, voicemail.note) == (False, "left a message")
    assert follow_up.new_contact(1, Channel.PHONE, MONDAY, True, "").answered


def test_after_a_voicemail_the_ball_is_in_their_court() -> None:
    assert follow_up.ball_in_their_court([_contact(23)], RULES.contacts) is None
    message = follow_up.ball_in_their_court(
        [_contact(23), _contact(24, Channel.VOICEMAIL)], RULES.contacts
    )
    assert message is not None
    assert "2026/11/24" in message and "ball is in their court" in message


def test_blank_caller_details_come_from_the_latest_plan_then_content() -> None:
    latest = CallPlan(7, timezone="America/New_York", caller_name="Alex", phone="555 0100")
    filled = follow_up.with_defaults(CallPlan(8, interest_line="Keen"), latest, "Europe/London")
    assert (filled.caller_name, filled.phone, filled.timezone) == (
        "Alex",
        "555 0100",
        "America/New_York",
    )
    assert filled.interest_line == "Keen"
    assert follow_up.with_defaults(CallPlan(8), None, "Europe/London").timezone == "Europe/London"


ENDED = datetime(2026, 11, 16, 11)


def _status(instructions=(), contacts=(), today=date(2026, 11, 17), call_on=None, standing=None):
    now = datetime.combine(today, time(12))
    return follow_up.status(
        ENDED,
        None,
        list(instructions),
        list(contacts),
        call_on,
        now,
        RULES,
        standing or follow_up.Standing(),
    )


@pytest.mark.parametrize(
    ("standing", "says"),
    [
        (follow_up.Standing(Stage.REJECTED, date(2026, 11, 20)), "They said no (2026/11/20)"),
        (
            follow_up.Standing(Stage.OFFER, date(2026, 11, 21)),
            "You have an offer (2026/11/21)",
        ),
        (follow_up.Standing(Stage.WITHDRAWN, date(2026, 11, 20)), "You withdrew"),
        (
            follow_up.Standing(Stage.INTERVIEW, date(2026, 11, 2), next_round_on=date(2026, 12, 1)),
            "Your next round is booked for 2026/12/01",
        ),
        (  # a round recorded on the Tracker only, after this interview
            follow_up.Standing(Stage.FINAL_INTERVIEW, date(2026, 11, 30)),
            "Your next round is booked for 2026/11/30",
        ),
        (follow_up.Standing(Stage.INTERVIEW, hear_back="they_will_call"), "They said they will"),
        (follow_up.Standing(hear_back="no_calls"), "They asked candidates not to call"),
    ],
)
def test_no_status_call_when_it_would_not_help(standing, says) -> None:
    assert follow_up.no_call_reason(standing, ENDED, RULES).startswith(says)
    late = _status(today=date(2026, 11, 30), standing=standing)  # past the suggested call day
    assert (late.state, late.action) == (
        StepState.DONE,
        follow_up.no_call_reason(standing, ENDED, RULES),
    )


@pytest.mark.parametrize(
    "standing",
    [
        follow_up.Standing(),
        follow_up.Standing(Stage.INTERVIEW, date(2026, 11, 2)),  # this round, booked earlier
        follow_up.Standing(Stage.RESPONDED, date(2026, 11, 1), hear_back="may_check_in"),
        follow_up.Standing(hear_back="not_said"),
    ],
)
def test_a_status_call_when_it_may_help(standing) -> None:
    assert follow_up.no_call_reason(standing, ENDED, RULES) is None
    due = _status(today=date(2026, 11, 23), standing=standing)
    assert due.state == StepState.DUE
    assert due.action == "Place your status call (planned for 2026/11/23)."
    assert "status of the position" in due.reason


def test_a_closed_process_drops_its_instructions_but_an_offer_keeps_them() -> None:
    refs = Instruction(1, "three references", Channel.EMAIL, due_on=date(2026, 11, 18), id=1)
    rejected = follow_up.Standing(Stage.REJECTED, date(2026, 11, 17))
    assert _status([refs], standing=rejected).state == StepState.DONE
    offer = follow_up.Standing(Stage.OFFER, date(2026, 11, 17))
    assert _status([refs], standing=offer).state == StepState.DUE


def test_latest_stage_and_next_round_are_read_from_the_records() -> None:
    history = [
        (1, Stage.APPLIED, date(2026, 11, 1), 1),
        (1, Stage.REJECTED, date(2026, 11, 20), 3),
        (1, Stage.INTERVIEW, date(2026, 11, 10), 2),
        (2, Stage.APPLIED, date(2026, 11, 2), 4),
    ]
    assert follow_up.latest_stages(history) == {
        1: (Stage.REJECTED, date(2026, 11, 20)),
        2: (Stage.APPLIED, date(2026, 11, 2)),
    }
    app = Application("Acme", "Dev", id=5)
    first = Interview(5, 1, InterviewFormat.VIDEO, ENDED - timedelta(hours=1), ENDED, id=10)
    later = datetime(2026, 11, 30, 9)
    second = Interview(5, 2, InterviewFormat.VIDEO, later, later + timedelta(hours=1), id=11)
    rounds = follow_up.next_rounds([InterviewSummary(second, app), InterviewSummary(first, app)])
    assert rounds == {10: date(2026, 11, 30)}


def test_status_moves_from_upcoming_to_due_to_done() -> None:
    assert _status(today=date(2026, 11, 15)).state == StepState.UPCOMING
    waiting = _status()
    assert waiting.state == StepState.UPCOMING
    assert "2026/11/23" in waiting.action
    assert _status(today=date(2026, 11, 23)).state == StepState.DUE
    assert (
        _status([], [_contact(23, Channel.VOICEMAIL)], date(2026, 11, 24)).state == StepState.DONE
    )


def test_status_puts_open_and_overdue_instructions_first() -> None:
    refs = Instruction(1, "three references", Channel.EMAIL, due_on=date(2026, 11, 18), id=1)
    due = _status([refs])
    assert due.state == StepState.DUE
    assert due.action == "Do as they asked: three references by e-mail by 2026/11/18."
    overdue = _status([refs], today=date(2026, 11, 19))
    assert overdue.state == StepState.OVERDUE
    done_wrong = replace(refs, done_on=date(2026, 11, 17), done_channel=Channel.LETTER)
    assert _status([done_wrong]).state == StepState.DUE
    done_right = replace(done_wrong, done_channel=Channel.EMAIL)
    assert _status([done_right]).state == StepState.UPCOMING


def test_a_coach_changes_the_call_window_in_yaml_alone(tmp_path: Path) -> None:
    pack = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, pack)
    rules_file = pack / "follow_up.yaml"
    rules_file.write_text(
        rules_file.read_text(encoding="utf-8").replace("earliest_days: 7", "earliest_days: 10"),
        encoding="utf-8",
    )
    rules = load_content(pack).follow_up.status_call
    assert follow_up.suggested_call(MONDAY, None, rules).day == date(2026, 11, 26)


# -- the repository -----------------------------------------------------------------------------


@pytest.fixture
def workbook(store_url: str) -> Workbook:
    """Repositories are checked on SQLite and PostgreSQL alike."""
    return open_workbook(store_url)


@pytest.fixture
def interview_id(workbook) -> int:
    apps = workbook.repo(ApplicationRepository)
    app_id = apps.add(Application("Initech", "Analyst", applied_on=MONDAY))
    start = datetime.combine(MONDAY, time(10))
    return InterviewRepository(apps.engine, apps.owner_id).add(
        Interview(app_id, 1, InterviewFormat.VIDEO, start, start.replace(hour=11))
    )


def test_repository_keeps_instructions_contacts_and_plan(workbook, interview_id: int) -> None:
    repo = workbook.repo(FollowUpRepository)
    item_id = repo.add_instruction(
        Instruction(interview_id, "three references", Channel.EMAIL, MONDAY)
    )
    done = replace(repo.instructions(interview_id)[0], done_on=MONDAY, done_channel=Channel.LETTER)
    repo.update_instruction(done)
    assert repo.instructions(interview_id) == [replace(done, id=item_id)]
    repo.log_contact(Contact(interview_id, Channel.VOICEMAIL, MONDAY, note="left a message"))
    assert [c.note for c in repo.contacts(interview_id)] == ["left a message"]
    repo.save_plan_field(interview_id, "phone", "07700 900123")
    repo.save_plan_field(interview_id, "call_time", time(9, 30))
    plan = repo.plan(interview_id)
    assert (plan.phone, plan.call_time) == ("07700 900123", time(9, 30))
    assert repo.latest_caller().phone == "07700 900123"
    with pytest.raises(ValueError, match="unknown call plan field"):
        repo.save_plan_field(interview_id, "owner_id", 2)


def test_repository_is_scoped_to_its_owner(workbook, interview_id: int) -> None:
    other = PeopleRepository(workbook.engine).get_or_create("someone-else")
    mine = workbook.repo(FollowUpRepository)
    theirs = FollowUpRepository(workbook.engine, other.id)
    mine.add_instruction(Instruction(interview_id, "portfolio", Channel.EMAIL))
    assert theirs.instructions(interview_id) == []
    with pytest.raises(LookupError):
        theirs.log_contact(Contact(interview_id, Channel.PHONE, MONDAY))
    assert theirs.plan(interview_id) == CallPlan(interview_id)


# -- the service --------------------------------------------------------------------------------


STAMP = datetime(2026, 11, 16, 12, tzinfo=UTC)
PACK = load_content(DEFAULT_CONTENT_DIR)


@pytest.fixture
def summary(workbook: Workbook, interview_id: int) -> InterviewSummary:
    [found] = workbook.repo(InterviewRepository).summaries()
    return found


def test_the_screen_fills_the_plan_and_builds_the_call_voicemail_and_calendar(
    workbook, interview_id: int, summary: InterviewSummary
) -> None:
    other = _other_interview(workbook)
    workbook.repo(FollowUpRepository).save_plan_field(other, "caller_name", "Alex Morgan")
    service.add_instruction(workbook, interview_id, "three references", Channel.EMAIL, MONDAY)
    view = service.screen(workbook, PACK, summary, MONDAY, STAMP)
    assert (view.plan.caller_name, view.plan.timezone) == ("Alex Morgan", "Europe/London")
    assert (view.call.day, view.call.at, view.call.warning) == (date(2026, 11, 23), time(10), "")
    assert "this is Alex Morgan" in view.voicemail.script
    assert [row.item.what for row in view.instructions] == ["three references"]
    assert view.contacts.rows == [] and view.contacts.warnings  # a call before the planned day
    assert view.contacts.channels == list(follow_up.CONTACT_CHANNELS)
    assert "Due: three references by e-mail (Initech) (Mon 2026/11/16)" in view.calendar.contents
    assert b"BEGIN:VCALENDAR" in view.calendar.ics
    assert view.calendar.file_name == f"follow-up-{interview_id}.ics"


def test_the_service_refuses_an_empty_instruction_and_logs_a_voicemail_as_unanswered(
    workbook, interview_id: int, summary: InterviewSummary
) -> None:
    errors = service.add_instruction(workbook, interview_id, " ", Channel.EMAIL, None)
    assert errors and workbook.repo(FollowUpRepository).instructions(interview_id) == []
    service.log_contact(workbook, interview_id, Channel.VOICEMAIL, MONDAY, True, " message ")
    [contact] = workbook.repo(FollowUpRepository).contacts(interview_id)
    assert (contact.answered, contact.note) == (False, "message")
    view = service.screen(workbook, PACK, summary, MONDAY, STAMP)
    assert view.contacts.last_id == contact.id
    assert "ball is in their court" in view.contacts.ball_in_their_court


def test_an_edit_keeps_the_other_fields_edited_meanwhile(workbook, interview_id: int) -> None:
    service.add_instruction(workbook, interview_id, "portfolio", Channel.EMAIL, None)
    [shown] = workbook.repo(FollowUpRepository).instructions(interview_id)
    service.edit_instruction(workbook, shown, "what", "portfolio link", MONDAY)
    service.edit_instruction(workbook, shown, "done", True, MONDAY)  # the same stale row
    [stored] = workbook.repo(FollowUpRepository).instructions(interview_id)
    assert (stored.what, stored.done_on, stored.done_channel) == (
        "portfolio link",
        MONDAY,
        Channel.EMAIL,
    )
    service.remove_instruction(workbook, shown.id)
    service.edit_instruction(workbook, shown, "what", "gone", MONDAY)  # removed: no edit, no error
    assert workbook.repo(FollowUpRepository).instructions(interview_id) == []


def test_the_company_date_moves_the_suggested_call(workbook, interview_id: int) -> None:
    service.save_decision(workbook, interview_id, date(2026, 11, 27))
    service.save_plan_field(workbook, interview_id, "phone", " 07700 900123 ")
    [summary] = workbook.repo(InterviewRepository).summaries()  # with the date just saved
    view = service.screen(workbook, PACK, summary, MONDAY, STAMP)
    assert view.call.day == date(2026, 11, 30)
    assert "after the company's own timeline" in view.call.reason
    assert view.plan.phone == "07700 900123"
    service.save_plan_field(workbook, interview_id, "call_on", date(2026, 11, 20))
    view = service.screen(workbook, PACK, summary, MONDAY, STAMP)
    assert view.call.day == date(2026, 11, 20) and "before the suggested" in view.call.warning


def _other_interview(workbook: Workbook) -> int:
    apps = workbook.repo(ApplicationRepository)
    app_id = apps.add(Application("Globex", "Analyst", applied_on=MONDAY))
    start = datetime.combine(MONDAY, time(14))
    return workbook.repo(InterviewRepository).add(
        Interview(app_id, 1, InterviewFormat.PHONE, start, start.replace(hour=15))
    )


def test_every_piece_of_step_3_advice_is_in_content() -> None:
    pack = load_content(DEFAULT_CONTENT_DIR)
    words = (pack.step("follow_up").model_dump_json() + pack.follow_up.model_dump_json()).lower()
    for advice in (
        "timeline",  # learn the company's timeline...
        "how they want to be contacted",  # ...and protocol before leaving
        "three references by e-mail",  # exactly what was asked, through that channel
        "no social-network requests until you work together",
        "a week or two after the interview",
        "clear, succinct voicemail",
        "ball in their court",
    ):
        assert advice in words, advice
    assert (pack.follow_up.status_call.earliest_days, pack.follow_up.status_call.latest_days) == (
        7,
        14,
    )
