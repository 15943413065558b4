"""Free-text answers to content prompts, stored against the prompt's stable id."""

from followthrough.models import AnswerKey
from followthrough.services.workbook import Workbook
from followthrough.store.answers import AnswerRepository


def answers(wb: Workbook, interview_id: int, step_id: str) -> dict[AnswerKey, str]:
    """One step's answers for one interview, keyed by (prompt id, subject)."""
    return wb.repo(AnswerRepository).for_step(interview_id, step_id)


def save_answer(
    wb: Workbook, interview_id: int, step_id: str, prompt_id: str, value: str, subject: str = ""
) -> None:
    wb.repo(AnswerRepository).save(interview_id, step_id, prompt_id, value, subject)
