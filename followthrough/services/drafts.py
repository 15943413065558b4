"""Drafts: what was typed into a form that is not yet a valid record, kept so nothing is lost.

Values go to JSON; dates and times are tagged so they come back as dates and times.
"""

from datetime import date, time
from typing import Any

from followthrough.services.workbook import Workbook
from followthrough.store.drafts import DraftRepository


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "date" in value:
        return date.fromisoformat(value["date"])
    if isinstance(value, dict) and "time" in value:
        return time.fromisoformat(value["time"])
    return value


def drafts(wb: Workbook, prefix: str) -> dict[str, Any]:
    """Every draft whose key starts with `prefix` (one query for a whole form)."""
    return {key: _decode(value) for key, value in wb.repo(DraftRepository).all(prefix).items()}


def keep_draft(wb: Workbook, key: str, value: Any) -> None:
    wb.repo(DraftRepository).save(key, _encode(value))


def drop_drafts(wb: Workbook, prefix: str) -> None:
    wb.repo(DraftRepository).clear(prefix)
