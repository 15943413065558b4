"""The one clock the pages read: the real time, or the moment FOLLOWTHROUGH_NOW names.

Every page passes `now()` or `today()` to its service, so a test (or a coach's demo) can show the
app at any moment of an interview's life by setting one variable, e.g.
FOLLOWTHROUGH_NOW=2026-12-08T09:00 (local time, ISO 8601; a date alone means its midnight).
"""

import os
from datetime import date, datetime

ENV = "FOLLOWTHROUGH_NOW"


def now() -> datetime:
    """The local time as the pages see it (naive, like the interview times users type)."""
    fixed = os.environ.get(ENV, "").strip()
    if not fixed:
        return datetime.now()
    try:
        moment = datetime.fromisoformat(fixed)
    except ValueError as exc:
        raise ValueError(f"{ENV}={fixed!r} is not an ISO date or date and time") from exc
    if moment.tzinfo is not None:  # an offset given: the same moment in local time
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def today() -> date:
    return now().date()
