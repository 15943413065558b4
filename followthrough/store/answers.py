"""Prompt answers: free text stored against a content prompt's stable id, so content can grow freely."""

from followthrough.models import AnswerKey
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import interviews, prompt_answers


class AnswerRepository(OwnedRepository):
    def for_step(self, interview_id: int, step_id: str) -> dict[AnswerKey, str]:
        """All answers of one step for one interview, keyed by (prompt id, subject)."""
        return self.for_step_many([interview_id], step_id)[interview_id]

    def for_step_many(
        self, interview_ids: list[int], step_id: str
    ) -> dict[int, dict[AnswerKey, str]]:
        """`for_step` for many interviews in one query (every id gets a dict, maybe empty)."""
        found: dict[int, dict[AnswerKey, str]] = {i: {} for i in interview_ids}
        query = self.of_many(prompt_answers, "interview_id", interview_ids)
        for row in self.rows(query.where(prompt_answers.c.step_id == step_id)):
            found[row.interview_id][(row.prompt_id, row.subject)] = row.value
        return found

    def save(
        self, interview_id: int, step_id: str, prompt_id: str, value: str, subject: str = ""
    ) -> None:
        keys = {
            "interview_id": interview_id,
            "step_id": step_id,
            "prompt_id": prompt_id,
            "subject": subject,
        }
        with self.engine.begin() as conn:
            self.require(conn, interviews, interview_id)
            self.upsert_mine(conn, prompt_answers, keys, {"value": value})
