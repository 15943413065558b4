"""Prompt answers: free text stored against a content prompt's stable id, so content can grow freely.

Callers name what an answer is about with a subject: "" for the interview as a whole, or an
interviewer's id as text. The table holds the interviewer as a real reference.
"""

from sqlalchemy import select

from followthrough.models import AnswerKey, NotFound
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import WHOLE_INTERVIEW, interviewers, interviews, prompt_answers


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
            subject = "" if row.interviewer_id is None else str(row.interviewer_id)
            found[row.interview_id][(row.prompt_id, subject)] = row.value
        return found

    def save(
        self, interview_id: int, step_id: str, prompt_id: str, value: str, subject: str = ""
    ) -> None:
        prompt = {"step_id": step_id, "prompt_id": prompt_id}
        with self.engine.begin() as conn:
            self.require(conn, interviews, interview_id)
            if not subject:
                keys = {"interview_id": interview_id, **prompt}
                self.upsert_mine(conn, prompt_answers, keys, {"value": value}, WHOLE_INTERVIEW)
                return
            person = int(subject)
            c = interviewers.c
            mine = select(c.id).where(
                self.mine(interviewers), c.id == person, c.interview_id == interview_id
            )
            if conn.execute(mine).first() is None:
                raise NotFound(f"interviewer {person} of interview {interview_id} not found")
            values = {"interview_id": interview_id, "value": value}
            self.upsert_mine(conn, prompt_answers, {"interviewer_id": person, **prompt}, values)
