"""Dates in imported files: ISO, day-first and month-first, and never a silent guess.

A date such as 04/05/2026 reads two ways. The file decides when another of its dates can only read
one way (25/05/2026 is day-first); otherwise the user is asked.
"""

import re
from dataclasses import dataclass
from datetime import date

from followthrough.models import DateOrder

_TIME = r"(?:[ T](?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?)?"
_YEAR_FIRST = re.compile(rf"(?P<y>\d{{4}})([-/.])(?P<m>\d{{1,2}})\2(?P<d>\d{{1,2}}){_TIME}")
_YEAR_LAST = re.compile(rf"(?P<a>\d{{1,2}})([-/.])(?P<b>\d{{1,2}})\2(?P<y>\d{{4}}){_TIME}")
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_DAY_MONTH_NAME = re.compile(r"(?P<d>\d{1,2})[ -](?P<mon>[A-Za-z]{3,9})\.?[ -](?P<y>\d{4})")
_MONTH_NAME_DAY = re.compile(r"(?P<mon>[A-Za-z]{3,9})\.? (?P<d>\d{1,2}),? (?P<y>\d{4})")
_MONTHS = "january february march april may june july august september october november december"
EXAMPLES = "e.g. 2026-03-14, 14/03/2026, 03/14/2026 or 14 Mar 2026"


@dataclass(frozen=True)
class DateReading:
    """A raw cell read as a date; `value` None means rejected, and `reason` says why."""

    value: date | None
    reason: str = ""
    change: str = ""  # what reading it altered, e.g. a time of day dropped


def order_hint(raw: str) -> DateOrder | None:
    """The only order `raw` is a real date in (DMY or MDY), None when either or neither fits.

    An impossible date such as 31/02/2026 is no evidence: it is rejected, not cited.
    """
    match = _YEAR_LAST.fullmatch(raw.strip())
    if not match:
        return None
    a, b = int(match["a"]), int(match["b"])
    if a > 12 >= b:
        order, day, month = DateOrder.DMY, a, b
    elif b > 12 >= a:
        order, day, month = DateOrder.MDY, b, a
    else:
        return None
    try:
        date(int(match["y"]), month, day)
    except ValueError:
        return None
    return order


def is_ambiguous(raw: str) -> bool:
    """True when `raw` is a valid date both day-first and month-first, with different meanings."""
    match = _YEAR_LAST.fullmatch(raw.strip())
    if match is None:
        return False
    return match["a"] != match["b"] and max(int(match["a"]), int(match["b"])) <= 12


def looks_like_date(raw: str) -> bool:
    """`raw` is written as a date (a real one or not): what a column of dates holds."""
    text = raw.strip()
    patterns = (_YEAR_FIRST, _YEAR_LAST, _DAY_MONTH_NAME, _MONTH_NAME_DAY, _TWO_DIGIT_YEAR)
    return any(pattern.fullmatch(text) for pattern in patterns)


def read_date(raw: str, order: DateOrder | None) -> DateReading:
    """Read one cell; day/month-ambiguous cells need `order` (the caller asks the user first)."""
    text = raw.strip()
    if not text:
        return DateReading(None, "date is empty")
    if match := _YEAR_FIRST.fullmatch(text):
        return _build(int(match["y"]), int(match["m"]), int(match["d"]), match)
    if match := _YEAR_LAST.fullmatch(text):
        return _year_last(match, order)
    if match := _DAY_MONTH_NAME.fullmatch(text) or _MONTH_NAME_DAY.fullmatch(text):
        month = _month(match["mon"])
        if month is None:
            return DateReading(None, f"'{match['mon']}' is not an English month name")
        return _build(int(match["y"]), month, int(match["d"]), None)
    if _TWO_DIGIT_YEAR.fullmatch(text):
        return DateReading(None, "two-digit year: write the year in full (e.g. 14/03/2026)")
    if _SERIAL.fullmatch(text):
        return DateReading(
            None, "a spreadsheet serial number, not a date: format the column as dates and re-save"
        )
    return DateReading(None, f"not a date ({EXAMPLES})")


def _year_last(match: re.Match, order: DateOrder | None) -> DateReading:
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if order is None:
        if a != b and max(a, b) <= 12:
            raise ValueError("a day/month-ambiguous date needs a date order")
        # One reading at most is possible, so the order is the one that fits (or changes nothing).
        order = DateOrder.MDY if b > 12 >= a else DateOrder.DMY
    if order == DateOrder.YMD:
        return DateReading(None, "not year-first, but the chosen date order is year-month-day")
    day, month = (a, b) if order == DateOrder.DMY else (b, a)
    if month > 12:
        return DateReading(None, f"no month {month}: the file's dates are {order.label}")
    return _build(year, month, day, match)


def _build(year: int, month: int, day: int, match: re.Match | None) -> DateReading:
    try:
        value = date(year, month, day)
    except ValueError:
        return DateReading(None, "not a calendar date")
    if match and match["hh"] and any(int(match[part] or 0) for part in ("hh", "mm", "ss")):
        return DateReading(value, change=f"time of day {match['hh']}:{match['mm']} dropped")
    return DateReading(value)


def _month(name: str) -> int | None:
    """1-12 for an English month name or its abbreviation (Mar, Sept), else None."""
    name = name.lower()
    for number, full in enumerate(_MONTHS.split(), start=1):
        if len(name) >= 3 and full.startswith(name):
            return number
    return None
