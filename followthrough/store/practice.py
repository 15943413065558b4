"""Practice cards: questions to rehearse, each from one interview, listed across interviews."""

from datetime import date

from sqlalchemy import Row, Select, select

from followthrough.models import PracticeCard
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import applications, interviews, practice_cards

EDITABLE = ("question", "better_answer", "confidence")


def _card(row: Row) -> PracticeCard:
    return PracticeCard(
        id=row.id,
        interview_id=row.interview_id,
        question=row.question,
        source_prompt=row.source_prompt,
        better_answer=row.better_answer,
        times_practised=row.times_practised,
        confidence=row.confidence,
        last_practised_on=row.last_practised_on,
        context=f"{row.company} — {row.role_title}, round {row.round_number}",
    )


class PracticeRepository(OwnedRepository):
    def _cards(self) -> Select:
        a, i = applications.c, interviews.c
        return (
            self.select_mine(
                practice_cards, practice_cards, a.company, a.role_title, i.round_number
            )
            .join(interviews, i.id == practice_cards.c.interview_id)
            .join(applications, a.id == i.application_id)
            .order_by(practice_cards.c.id)
        )

    def all(self) -> list[PracticeCard]:
        """Every card across interviews (of applications not archived)."""
        query = self._cards().where(applications.c.archived.is_(False))
        return [_card(row) for row in self.rows(query)]

    def for_interview(self, interview_id: int) -> list[PracticeCard]:
        query = self._cards().where(practice_cards.c.interview_id == interview_id)
        return [_card(row) for row in self.rows(query)]

    def add(self, interview_id: int, question: str, source_prompt: str = "") -> int | None:
        """A new card for `question`; None when the interview already has that card."""
        c = practice_cards.c
        with self.engine.begin() as conn:
            self.require(conn, interviews, interview_id)
            same = select(c.id).where(
                self.mine(practice_cards), c.interview_id == interview_id, c.question == question
            )
            if conn.execute(same).first():
                return None
            return self.insert_mine(
                conn,
                practice_cards,
                interview_id=interview_id,
                question=question,
                source_prompt=source_prompt,
            )

    def update(self, card_id: int, **values: str | int) -> None:
        """Change what the user edits on a card: question, better_answer or confidence."""
        if unknown := set(values) - set(EDITABLE):
            raise ValueError(f"not editable on a practice card: {sorted(unknown)}")
        self.update_mine(practice_cards, card_id, **values)

    def record_practice(self, card_id: int, on: date) -> None:
        """One more rehearsal on `on`; counted in SQL so two tabs never lose a count."""
        times = practice_cards.c.times_practised + 1
        self.update_mine(practice_cards, card_id, times_practised=times, last_practised_on=on)

    def delete(self, card_id: int) -> None:
        self.delete_mine(practice_cards, practice_cards.c.id == card_id)
