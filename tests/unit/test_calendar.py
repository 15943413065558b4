import re
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
        "The file holds: Send thank-you notes: Northwind (Mon 16 Nov); "
        "Due: three references by e-mail (Northwind) (Wed 18 Nov); "
        "Status call: Northwind (Product Designer) (Mon 23 Nov)"
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
