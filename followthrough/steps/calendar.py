"""Step 3's calendar: the thank-you deadline, instruction due dates, the decision date the company
gave and the status call as .ics, only those still ahead and not done.

Timed entries carry the user's IANA zone (the browser's unless they chose another) with its
VTIMEZONE; due dates and the decision date are all-day (VALUE=DATE).
UIDs are stable, so importing the file again updates the entries instead of duplicating them.
Titles and descriptions are cleaned (cleaning.clean): RFC 5545 forbids control characters, and a row
stored before the store cleaned its writes, or content text, may still carry one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Calendar, Event

from followthrough import formats
from followthrough.cleaning import clean
from followthrough.content import CalendarRules, StatusCallRules
from followthrough.models import Instruction, InterviewSummary
from followthrough.steps.follow_up import channel_words
from followthrough.templates import fill

PRODID = "-//Follow-Through//Follow-up calendar 1.0//EN"
UID_DOMAIN = "followthrough.local"


@dataclass(frozen=True)
class Entry:
    """One calendar entry; a `start` that is a date (not a datetime) makes it all-day."""

    key: str
    title: str
    start: date | datetime
    minutes: int = 0
    description: str = ""


@lru_cache(maxsize=1)
def zone_names() -> list[str]:
    """Every IANA zone name this system knows, sorted (read once: it walks the zone files)."""
    return sorted(available_timezones())


def entries(
    summary: InterviewSummary,
    instructions: list[Instruction],
    call_at: datetime,
    calendar: CalendarRules,
    call: StatusCallRules,
    *,
    thank_you_done: bool = False,
    call_done: bool = False,
) -> list[Entry]:
    """The thank-you deadline (the day the interview ends) unless every note is sent, open
    instruction due dates, the decision date the company gave, and the call unless it is made
    (or would not help)."""
    interview, app = summary.interview, summary.application
    words = {"company": app.company, "role": app.role_title}
    found = []
    if not thank_you_done:
        found.append(
            Entry(
                f"{interview.id}-thank-you",
                fill(calendar.thank_you_title, **words),
                interview.ends_at,
                calendar.thank_you_minutes,
                calendar.thank_you_description,
            )
        )
    for item in instructions:
        if item.due_on and not item.done:
            title = fill(
                calendar.instruction_title,
                what=item.what,
                channel=channel_words(item.channel),
                **words,
            )
            found.append(Entry(f"{interview.id}-instruction-{item.id}", title, item.due_on))
    if interview.decision_expected_on:
        found.append(
            Entry(
                f"{interview.id}-decision",
                fill(calendar.decision_title, **words),
                interview.decision_expected_on,
                description=fill(calendar.decision_description, **words),
            )
        )
    if not call_done:
        found.append(
            Entry(
                f"{interview.id}-status-call",
                fill(calendar.status_call_title, **words),
                call_at,
                call.minutes,
                calendar.status_call_description,
            )
        )
    return sorted(found, key=lambda item: _sort_key(item.start))


def _sort_key(start: date | datetime) -> datetime:
    return start if isinstance(start, datetime) else datetime.combine(start, time.min)


def upcoming(items: list[Entry], zone: str, now: datetime) -> list[Entry]:
    """The entries not yet over at `now` (aware) in `zone`: a past deadline is no reminder."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    kept = []
    for item in items:
        if isinstance(item.start, datetime):
            ends = item.start.replace(tzinfo=tz) + timedelta(minutes=item.minutes)
            if ends > local:
                kept.append(item)
        elif item.start >= local.date():
            kept.append(item)
    return kept


def known_zone(name: str | None) -> str | None:
    """`name` when it is an IANA zone this system knows (a browser's may not be), else None."""
    return name if name and name in _zone_set() else None


@lru_cache(maxsize=1)
def _zone_set() -> frozenset[str]:
    return frozenset(zone_names())


def describe(items: list[Entry]) -> str:
    """What the file holds, in one line: 'The file holds: Status call: Initech (Mon 23 Nov)'."""
    return "The file holds: " + "; ".join(
        f"{item.title} ({formats.short_day(item.start)})" for item in items
    )


def call_moment(day: date, at: time | None, call: StatusCallRules) -> datetime:
    return datetime.combine(day, at or call.default_time)


def to_ics(items: list[Entry], zone: str, stamp: datetime) -> bytes:
    """An iCalendar file; naive datetimes are wall-clock times in `zone`."""
    tz = ZoneInfo(zone)
    calendar = Calendar.new(prodid=PRODID, calscale="GREGORIAN", name="Follow-Through")
    for item in items:
        if isinstance(item.start, datetime):
            start: date = item.start.replace(tzinfo=tz)
            end: date = start + timedelta(minutes=item.minutes)
        else:
            start, end = item.start, item.start + timedelta(days=1)
        calendar.add_component(
            Event.new(
                uid=f"{item.key}@{UID_DOMAIN}",
                summary=clean(item.title),
                description=clean(item.description) or None,
                start=start,
                end=end,
                stamp=stamp,
            )
        )
    # Transitions for a year either side of the entries keep the VTIMEZONE small but complete.
    days = [
        item.start if not isinstance(item.start, datetime) else item.start.date() for item in items
    ]
    year = timedelta(days=366)
    calendar.add_missing_timezones(
        first_date=min(days, default=stamp.date()) - year,
        last_date=max(days, default=stamp.date()) + year,
    )
    return calendar.to_ical()
