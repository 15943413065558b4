"""Free-text answers to content prompts, stored against the prompt's stable id.

Ticks are answers too, in two stored forms, read and written here only (the step pages' widgets
and the printable workbook both go through these functions):

- a content checklist's item (a step's `checklists:`) is its own answer, under
  `checklist_key(checklist id, item id)`, "1" when ticked and "" when not;
- a checklist prompt (a prompt of kind `checklist`) is one answer: the ticked options as a JSON list.
"""

import json

from followthrough.content import Checklist, Prompt
from followthrough.models import AnswerKey
from followthrough.services.workbook import Workbook
from followthrough.store.answers import AnswerRepository

TICKED = "1"


def answers(wb: Workbook, interview_id: int, step_id: str) -> dict[AnswerKey, str]:
    """One step's answers for one interview, keyed by (prompt id, subject)."""
    return wb.repo(AnswerRepository).for_step(interview_id, step_id)


def save_answer(
    wb: Workbook, interview_id: int, step_id: str, prompt_id: str, value: str, subject: str = ""
) -> None:
    wb.repo(AnswerRepository).save(interview_id, step_id, prompt_id, value, subject)


# -- ticks -------------------------------------------------------------------------------------


def checklist_key(checklist_id: str, item_id: str) -> str:
    """The answer id under which a content checklist item's tick is stored."""
    return f"checklist:{checklist_id}:{item_id}"


def tick_value(ticked: bool) -> str:
    """What a checklist item's answer holds: "1" when ticked, "" when not."""
    return TICKED if ticked else ""


def ticked_items(checklist: Checklist, saved: dict[AnswerKey, str]) -> list[str]:
    """The ids of `checklist`'s items ticked in `saved` (one step's answers), in content order."""
    return [
        item.id
        for item in checklist.items
        if saved.get((checklist_key(checklist.id, item.id), ""), "") == TICKED
    ]


def options_value(ticked: list[str]) -> str:
    """A checklist prompt's answer: the ticked options as a JSON list."""
    return json.dumps(ticked)


def ticked_options(prompt: Prompt, value: str) -> list[str]:
    """The options of a checklist prompt ticked in its stored answer, in content order (an
    unreadable answer or an option the content no longer has is left out)."""
    try:
        stored = json.loads(value) if value else []
    except ValueError:
        return []
    ticked = {str(option) for option in stored} if isinstance(stored, list) else set()
    return [option for option in prompt.options if option in ticked]
