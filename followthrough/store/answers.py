"""Prompt answers: free text stored against a content prompt's stable id, so content can grow freely."""

from sqlalchemy import (
    Engine,
    func,
    select,
)

from followthrough.store.tables import prompt_answers
from followthrough.store.upsert import upsert

AnswerKey = tuple[str, str]  # (prompt_id, subject)


class AnswerRepository:
    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    def for_step(self, interview_id: int, step_id: str) -> dict[AnswerKey, str]:
        """All answers of one step for one interview, keyed by (prompt id, subject)."""
        query = select(
            prompt_answers.c.prompt_id, prompt_answers.c.subject, prompt_answers.c.value
        ).where(
            prompt_answers.c.owner_id == self.owner_id,
            prompt_answers.c.interview_id == interview_id,
            prompt_answers.c.step_id == step_id,
        )
        with self.engine.connect() as conn:
            return {(row.prompt_id, row.subject): row.value for row in conn.execute(query)}

    def for_step_many(
        self, interview_ids: list[int], step_id: str
    ) -> dict[int, dict[AnswerKey, str]]:
        """`for_step` for many interviews in one query (every id gets a dict, maybe empty)."""
        found: dict[int, dict[AnswerKey, str]] = {i: {} for i in interview_ids}
        query = select(
            prompt_answers.c.interview_id,
            prompt_answers.c.prompt_id,
            prompt_answers.c.subject,
            prompt_answers.c.value,
        ).where(
            prompt_answers.c.owner_id == self.owner_id,
            prompt_answers.c.interview_id.in_(interview_ids),
            prompt_answers.c.step_id == step_id,
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                found[row.interview_id][(row.prompt_id, row.subject)] = row.value
        return found

    def save(
        self, interview_id: int, step_id: str, prompt_id: str, value: str, subject: str = ""
    ) -> None:
        values = {
            "owner_id": self.owner_id,
            "interview_id": interview_id,
            "step_id": step_id,
            "prompt_id": prompt_id,
            "subject": subject,
            "value": value,
        }
        with self.engine.begin() as conn:
            upsert(
                conn,
                prompt_answers,
                values,
                conflict=["owner_id", "interview_id", "step_id", "prompt_id", "subject"],
                update={"value": value, "updated_at": func.current_timestamp()},
            )
