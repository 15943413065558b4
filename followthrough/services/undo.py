"""Every removal in the workbook, and its undo.

A removal takes the record with every row that depends on it (an interviewer's step 1 notes and
thank-you note, an application's history and interviews ...) and says what went with it; putting it
back restores exactly those rows, for the same owner only (store.removal).
"""

from dataclasses import dataclass

from followthrough import formats
from followthrough.content import UndoWords
from followthrough.interviews import application_name
from followthrough.models import Application, Channel, NotFound
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.removal import RemovalRepository, Removed
from followthrough.templates import fill

# What can be removed: its table.
TABLES = {
    "interviewer": "interviewers",
    "interview": "interviews",
    "application": "applications",
    "instruction": "follow_up_instructions",
    "contact": "contact_log",
    "plan_item": "next_day_items",
    "card": "practice_cards",
}


@dataclass(frozen=True)
class Removal:
    """What one removal took, named, so it can be put back."""

    removed: Removed
    what: str  # the record, named: 'Ms Lee'
    message: str  # 'Removed Ms Lee, with 2 written notes, 1 thank-you note.'


def remove(wb: Workbook, words: UndoWords, kind: str, row_id: int) -> Removal:
    """Remove the owner's record `row_id` of `kind` (see TABLES) with everything depending on it."""
    removed = wb.repo(RemovalRepository).take(TABLES[kind], row_id)
    what = _name(wb, words, kind, removed)
    dependants = [
        counted.say(n)
        for table, counted in words.dependants
        if (n := removed.count(table) - (table == removed.table))
    ]
    if dependants:
        message = fill(words.removed_with, what=what, dependants=formats.join(dependants))
    else:
        message = fill(words.removed, what=what)
    return Removal(removed, what, message)


def put_back(wb: Workbook, words: UndoWords, removal: Removal) -> str:
    """Restore what `removal` took (the owner's own rows only); what to tell the person."""
    try:
        wb.repo(RemovalRepository).put_back(removal.removed)
    except NotFound:  # its parent went meanwhile, or it is not this owner's
        return words.gone
    return fill(words.restored, what=removal.what)


def _name(wb: Workbook, words: UndoWords, kind: str, removed: Removed) -> str:
    row = removed.rows[0][1]
    if kind == "interviewer":
        return fill(words.interviewer, name=row["name"])
    if kind == "interview":
        app = wb.repo(ApplicationRepository).get(row["application_id"])
        company = app.company if app else ""
        return fill(words.interview, round=row["round_number"], company=company)
    if kind == "application":
        return fill(
            words.application, name=application_name(Application(row["company"], row["role_title"]))
        )
    if kind == "instruction":
        return fill(words.instruction, what=row["what"])
    if kind == "contact":
        channel = Channel(row["channel"]).label
        return fill(words.contact, channel=channel, date=formats.day(row["occurred_on"]))
    if kind == "plan_item":
        return fill(words.plan_item, label=row["label"])
    if kind == "card":
        return fill(words.card, question=row["question"])
    raise NotFound(f"nothing to remove of kind {kind}")
