"""How figures and dates read, everywhere: pages, the command line, notebooks and documents.

One module, so the same rate never prints as 62% in one place and 62.5% in another, and every date
on screen has one shape ("2026/12/01", see DATE).
"""

import math
from datetime import date, datetime

DASH = "—"  # a figure that cannot be given (no data, or no stage before)

DATE = "YYYY/MM/DD"
"""The one shape of a date on screen: text, tables and date inputs ('2026/12/01').

A date input shows only digits (st.date_input takes YYYY/MM/DD, DD/MM/YYYY or MM/DD/YYYY, with
/ - or . between), and of those only year-month-day reads the same to everyone: 03/04/2026 is
3 April in London and March 4 in Chicago. Slashes, not ISO 8601's hyphens: a browser may break a
line after a hyphen ('2026-' at the end of one line, '12-01' on the next, on a phone), never
between digits and slashes. The same string is a date input's `format=`, a table's
st.column_config.DateColumn(format=...) (a momentjs pattern) and, through DATE_STRFTIME, every date
this module writes for a screen and every chart's date axis. Only a downloaded letter's date line reads as a letter does
(letter_day). tests/app/test_date_format.py fails on a page that shows a date in another shape.
"""
DATE_STRFTIME = DATE.replace("YYYY", "%Y").replace("MM", "%m").replace("DD", "%d")
"""DATE for strftime and for a chart's date axis and tooltips (Vega-Lite's d3 time format has the
same % directives)."""


def day(value: date) -> str:
    """A date as every screen shows it: '2026/12/01'."""
    return f"{value:{DATE_STRFTIME}}"


def short_day(value: date) -> str:
    """A date within the coming weeks, with its weekday to plan by: 'Tue 2026/12/01'."""
    return f"{value:%a} {day(value)}"


def long_day(value: date) -> str:
    """A date in a heading or a script to read out, its weekday in full: 'Tuesday 2026/12/01'."""
    return f"{value:%A} {day(value)}"


def letter_day(value: date) -> str:
    """A letter's date line, in the downloaded letter only (never on screen): '1 December 2026'."""
    return f"{value.day} {value:%B %Y}"


def moment(value: datetime) -> str:
    """A date and time: '2026/12/01 14:30'."""
    return f"{day(value)} {clock(value)}"


def clock(value: datetime) -> str:
    return f"{value:%H:%M}"


def percent(value: float | None) -> str:
    """A rate: whole percents from 10% up, one decimal below (0.4% is not 0%); a dash for none."""
    if value is None or math.isnan(value):
        return DASH
    return f"{value:.0%}" if value >= 0.1 or value == 0 else f"{value:.1%}"


def percent_range(low: float, high: float) -> str:
    return f"{percent(low)}–{percent(high)}"


def figure(value: float) -> str:
    """A count or a benchmark figure: no needless '.0', thousands separated."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figure_range(low: float, high: float) -> str:
    """'4–6', or one figure when both ends agree."""
    return figure(low) if low == high else f"{figure(low)}–{figure(high)}"


def plural(count: float, word: str, many: str | None = None) -> str:
    """'1 step', '3 steps', '2 replies', '7.5 days' (pass `many` where adding an s is wrong)."""
    return f"{figure(count)} {word if count == 1 else many or word + 's'}"


def times(count: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count:,} times")


def days_ago(days: int) -> str:
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


def duration(minutes: float) -> str:
    """'45 minutes', '1 hour', '3 hours'."""
    if minutes < 60:
        return plural(max(1, round(minutes)), "minute")
    return plural(round(minutes / 60), "hour")


def weeks(value: float) -> str:
    """Whole weeks up to a year, then months, then years: a projection is not that precise."""
    if value < 52:
        return plural(max(1, round(value)), "week")
    if value < 104:
        return plural(round(value / 4.345), "month")
    return f"{value / 52.18:,.1f} years"


def join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def countdown(seconds: float) -> str:
    """A timer: '08:45' left (rounded up, so it reads 00:00 only at the end), '+01:10' over time,
    '1:05:00' past an hour."""
    over = seconds < 0
    whole = math.floor(-seconds) if over else math.ceil(seconds)
    hours, rest = divmod(whole, 3600)
    shown = f"{rest // 60:02}:{rest % 60:02}"
    shown = f"{hours}:{shown}" if hours else shown
    return f"+{shown}" if over else shown
