import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Channel,
    Instruction,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
)
from followthrough.steps import calendar

RULES = load_content(DEFAULT_CONTENT_DIR).follow_up
STAMP = datetime(2026, 11, 16, 12, tzinfo=UTC)


def _summary() -> InterviewSummary:
    start = datetime(2026, 11, 16, 10)
    interview = Interview(
        1, 1, InterviewFormat.IN_PERSON, start, start + timedelta(minutes=90), id=42
    )
    return InterviewSummary(interview, Application("Northwind", "Product Designer", id=1))


def _instructions() -> list[Instruction]:
    return [
        Instruction(42, "three references", Channel.EMAIL, date(2026, 11, 18), id=1),
        Instruction(42, "portfolio", Channel.EMAIL, date(2026, 11, 19), date(2026, 11, 17), id=2),
        Instruction(42, "call back", Channel.PHONE, id=3),
    ]


def _calendar(zone: str = "Europe/London") -> Calendar:
    call_at = calendar.call_moment(date(2026, 11, 23), time(9, 30), RULES.status_call)
    items = calendar.entries(
        _summary(), _instructions(), call_at, RULES.calendar, RULES.status_call
    )
    return Calendar.from_ical(calendar.to_ics(items, zone, STAMP))


def test_the_file_has_what_calendar_programs_require() -> None:
    ics = _calendar()
    assert ics["VERSION"] == "2.0"
    assert ics["PRODID"] == calendar.PRODID
    for event in ics.walk("VEVENT"):
        assert event["UID"].endswith("@followthrough.local")
        assert event.decoded("DTSTAMP") == STAMP
        assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_thank_you_deadline_instruction_due_date_and_status_call() -> None:
    london = ZoneInfo("Europe/London")
    events = {str(e["SUMMARY"]): e for e in _calendar().walk("VEVENT")}
    assert list(events) == [
        "Send thank-you notes: Northwind",
        "Due: three references by e-mail (Northwind)",
        "Status call: Northwind (Product Designer)",
    ]  # done instructions and ones without a due date are left out
    thanks = events["Send thank-you notes: Northwind"]
    assert thanks.decoded("DTSTART") == datetime(2026, 11, 16, 11, 30, tzinfo=london)
    due = events["Due: three references by e-mail (Northwind)"]
    assert due.decoded("DTSTART") == date(2026, 11, 18)  # all-day, VALUE=DATE
    assert due.decoded("DTEND") == date(2026, 11, 19)
    assert "VALUE=DATE" in due.to_ical().decode()
    call = events["Status call: Northwind (Product Designer)"]
    assert call.decoded("DTSTART") == datetime(2026, 11, 23, 9, 30, tzinfo=london)
    assert call.decoded("DTEND") - call.decoded("DTSTART") == timedelta(minutes=15)


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Kolkata"])
def test_timed_entries_carry_the_chosen_zone_and_its_vtimezone(zone: str) -> None:
    calendar = _calendar(zone)
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert vtimezone["TZID"] == zone
    call = next(e for e in calendar.walk("VEVENT") if "Status call" in e["SUMMARY"])
    assert call["DTSTART"].params["TZID"] == zone
    start = call.decoded("DTSTART")
    assert start.utcoffset() == datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo(zone)).utcoffset()


def test_uids_are_stable_so_a_reimport_updates() -> None:
    first = [str(e["UID"]) for e in _calendar().walk("VEVENT")]
    again = [str(e["UID"]) for e in _calendar("Asia/Kolkata").walk("VEVENT")]
    assert (
        first
        == again
        == [
            "42-thank-you@followthrough.local",
            "42-instruction-1@followthrough.local",
            "42-status-call@followthrough.local",
        ]
    )


def test_zone_names_are_iana_names() -> None:
    names = calendar.zone_names()
    assert "Europe/London" in names and "UTC" in names
    assert names == sorted(names)


def test_the_file_is_described_in_one_line_with_each_entry_and_its_day() -> None:
    call_at = calendar.call_moment(date(2026, 11, 23), None, RULES.status_call)
    items = calendar.entries(
        _summary(), _instructions(), call_at, RULES.calendar, RULES.status_call
    )
    assert calendar.describe(items) == (
        "The file holds: Send thank-you notes: Northwind (Mon 2026/11/16); "
        "Due: three references by e-mail (Northwind) (Wed 2026/11/18); "
        "Status call: Northwind (Product Designer) (Mon 2026/11/23)"
    )


# Control bytes RFC 5545 forbids in a content line (CONTROL: all but HTAB; CR LF end lines).
_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n")


def test_control_characters_are_cleaned_from_what_the_file_holds() -> None:
    """A company, role or instruction stored before the store cleaned its writes (or content text)."""
    summary = _summary()
    dirty = InterviewSummary(
        summary.interview, Application("North\x1bwind\x00", "Product\vDesigner", id=1)
    )
    ask = [Instruction(42, "three\freferences\x7f", Channel.EMAIL, date(2026, 11, 18), id=1)]
    call_at = calendar.call_moment(date(2026, 11, 23), time(9, 30), RULES.status_call)
    items = calendar.entries(dirty, ask, call_at, RULES.calendar, RULES.status_call)
    items.append(calendar.Entry("42-extra", "Extra", date(2026, 11, 20), description="a\x00b\vc"))
    data = calendar.to_ics(items, "Europe/London", STAMP)
    assert not _FORBIDDEN.search(data)
    events = {e["UID"].split("@")[0]: e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert "Northwind" in str(events["42-thank-you"]["SUMMARY"])
    assert "\x1b" not in str(events["42-thank-you"]["SUMMARY"])
    assert "three\nreferences" in str(events["42-instruction-1"]["SUMMARY"])
    assert str(events["42-extra"]["DESCRIPTION"]) == "ab\nc"


# -- issue 11 item 7: the decision date, only what is ahead and not done, the person's zone ------


def _entries(**kwargs) -> list[calendar.Entry]:
    summary = _summary()
    decided = replace(summary.interview, decision_expected_on=date(2026, 11, 27))
    call_at = calendar.call_moment(date(2026, 11, 23), time(9, 30), RULES.status_call)
    return calendar.entries(
        replace(summary, interview=decided),
        _instructions(),
        call_at,
        RULES.calendar,
        RULES.status_call,
        **kwargs,
    )


def test_the_decision_date_the_company_gave_is_an_all_day_entry() -> None:
    events = Calendar.from_ical(calendar.to_ics(_entries(), "Europe/London", STAMP))
    by_title = {str(e["SUMMARY"]): e for e in events.walk("VEVENT")}
    decision = by_title["Decision expected: Northwind (Product Designer)"]
    assert decision.decoded("DTSTART") == date(2026, 11, 27)
    assert decision.decoded("DTEND") == date(2026, 11, 28)
    assert "Northwind said they would decide" in str(decision["DESCRIPTION"])
    assert str(decision["UID"]) == "42-decision@followthrough.local"
    # No decision date given: no entry for it (none is invented).
    assert not [e for e in _calendar().walk("VEVENT") if "Decision" in str(e["SUMMARY"])]


def test_only_entries_still_ahead_are_kept() -> None:
    # The next morning in London: the thank-you deadline (16 Nov, 11:30-12:00) is past.
    now = datetime(2026, 11, 17, 8, tzinfo=UTC)
    titles = [e.title for e in calendar.upcoming(_entries(), "Europe/London", now)]
    assert titles == [
        "Due: three references by e-mail (Northwind)",
        "Status call: Northwind (Product Designer)",
        "Decision expected: Northwind (Product Designer)",
    ]
    # An all-day entry is ahead all through its own day, in the person's zone: at 01:00 UTC on
    # 19 Nov it is still 18 Nov in New York, so the reference due on the 18th is kept there only.
    late = datetime(2026, 11, 19, 1, tzinfo=UTC)
    due = "Due: three references by e-mail (Northwind)"
    assert due in [e.title for e in calendar.upcoming(_entries(), "America/New_York", late)]
    assert due not in [e.title for e in calendar.upcoming(_entries(), "Europe/London", late)]
    after = datetime(2026, 11, 28, tzinfo=UTC)
    assert calendar.upcoming(_entries(), "Europe/London", after) == []


def test_nothing_already_done_is_in_the_file() -> None:
    titles = [e.title for e in _entries(thank_you_done=True, call_done=True)]
    assert titles == [
        "Due: three references by e-mail (Northwind)",  # the done portfolio never was
        "Decision expected: Northwind (Product Designer)",
    ]


def test_the_file_is_in_the_zone_it_is_given_not_london() -> None:
    ics = Calendar.from_ical(calendar.to_ics(_entries(), "America/Chicago", STAMP))
    [vtimezone] = ics.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "America/Chicago"
    call = next(e for e in ics.walk("VEVENT") if str(e["SUMMARY"]).startswith("Status call"))
    assert call.decoded("DTSTART") == datetime(
        2026, 11, 23, 9, 30, tzinfo=ZoneInfo("America/Chicago")
    )
    assert "Europe/London" not in ics.to_ical().decode()
    assert calendar.known_zone("America/Chicago") == "America/Chicago"
    assert calendar.known_zone("Mars/Olympus_Mons") is None
    assert calendar.known_zone(None) is None


def test_the_step_3_file_leaves_out_notes_sent_and_past_deadlines(workbook) -> None:
    from followthrough.services import follow_up as service
    from followthrough.store.applications import ApplicationRepository
    from followthrough.store.follow_up import FollowUpRepository
    from followthrough.store.interviews import InterviewRepository
    from followthrough.store.thank_you import ThankYouRepository

    app_id = workbook.repo(ApplicationRepository).add(Application("Initech", "Analyst"))
    start = datetime(2026, 11, 16, 10)
    repo = workbook.repo(InterviewRepository)
    interview_id = repo.add(
        Interview(
            app_id,
            1,
            InterviewFormat.VIDEO,
            start,
            start + timedelta(hours=1),
            decision_expected_on=date(2026, 11, 27),
        )
    )
    person = repo.add_interviewer(interview_id, Interviewer("Ms Lee"))
    workbook.repo(FollowUpRepository).save_plan_field(interview_id, "timezone", "Asia/Tokyo")
    pack = load_content(DEFAULT_CONTENT_DIR)

    def titles(now: datetime) -> list[str]:
        [summary] = repo.summaries()
        view = service.screen(workbook, pack, summary, now.date(), now)
        ics = Calendar.from_ical(view.calendar.ics)
        assert [str(z["TZID"]) for z in ics.walk("VTIMEZONE")] == ["Asia/Tokyo"]
        return [str(e["SUMMARY"]) for e in ics.walk("VEVENT")]

    # Just after the interview (Tokyo time), the note is due: it is in the file.
    soon = datetime(2026, 11, 16, 1, 30, tzinfo=UTC)  # 10:30 in Tokyo
    assert titles(soon)[0] == "Send thank-you notes: Initech"
    assert "Decision expected: Initech (Analyst)" in titles(soon)
    # The note sent: no reminder of it, whatever the hour.
    workbook.repo(ThankYouRepository).save(person, sent_on=date(2026, 11, 16))
    assert "Send thank-you notes: Initech" not in titles(soon)
    assert "Decision expected: Initech (Analyst)" in titles(soon)
