import shutil
from dataclasses import replace
from datetime import date, datetime, time
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
    StepState,
)
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
    assert "after the company's own timeline (Fri 27 Nov 2026)" in suggestion.reason


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
    assert "planned for Mon 23 Nov 2026" in warning


def test_nuisance_guard_flags_too_soon_after_the_last_contact() -> None:
    warnings = follow_up.nuisance_warnings(
        [_contact(23)], date(2026, 11, 25), date(2026, 11, 23), RULES.contacts
    )
    assert warnings == [
        "Your last contact was 2 days ago. Wait at least 7 days between contacts, or you become a nuisance."
    ]


def test_nuisance_guard_stops_after_too_many_unanswered_attempts() -> None:
    contacts = [_contact(2, answered=True), _contact(9), _contact(20)]
    assert follow_up.unanswered_attempts(contacts) == 2
    warnings = follow_up.nuisance_warnings(
        contacts, date(2026, 12, 1), date(2026, 11, 9), RULES.contacts
    )
    assert any("2 attempts without an answer (the limit is 2)" in w for w in warnings)
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


def test_after_a_voicemail_the_ball_is_in_their_court() -> None:
    assert follow_up.ball_in_their_court([_contact(23)], RULES.contacts) is None
    message = follow_up.ball_in_their_court(
        [_contact(23), _contact(24, Channel.VOICEMAIL)], RULES.contacts
    )
    assert message is not None
    assert "Tue 24 Nov 2026" in message and "ball is in their court" in message


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


def _status(instructions=(), contacts=(), today=date(2026, 11, 17), call_on=None):
    return follow_up.status(
        ENDED, None, list(instructions), list(contacts), call_on, today, RULES.status_call
    )


def test_status_moves_from_upcoming_to_due_to_done() -> None:
    assert _status(today=date(2026, 11, 15)).state == StepState.UPCOMING
    waiting = _status()
    assert waiting.state == StepState.UPCOMING
    assert "Mon 23 Nov 2026" in waiting.action
    assert _status(today=date(2026, 11, 23)).state == StepState.DUE
    assert (
        _status([], [_contact(23, Channel.VOICEMAIL)], date(2026, 11, 24)).state == StepState.DONE
    )


def test_status_puts_open_and_overdue_instructions_first() -> None:
    refs = Instruction(1, "three references", Channel.EMAIL, due_on=date(2026, 11, 18), id=1)
    due = _status([refs])
    assert due.state == StepState.DUE
    assert due.action == "Do as they asked: three references by e-mail by Wed 18 Nov 2026."
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
