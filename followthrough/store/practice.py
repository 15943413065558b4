"""Practice cards: questions to rehearse, each from one interview, listed across interviews."""

from datetime import date

from sqlalchemy import (
    Engine,
    delete,
    insert,
    select,
    update,
)

from followthrough.steps.practice import PracticeCard
from followthrough.store.applications import applications, interviews, require_interview
from followthrough.store.tables import practice_cards

_EDITABLE = {"question", "better_answer", "confidence"}


def _card(row) -> PracticeCard:
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


class PracticeRepository:
    """Every read and write is filtered by owner in SQL."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    def _select(self):
        return (
            select(
                practice_cards,
                applications.c.company,
                applications.c.role_title,
                interviews.c.round_number,
            )
            .join(interviews, interviews.c.id == practice_cards.c.interview_id)
            .join(applications, applications.c.id == interviews.c.application_id)
            .where(practice_cards.c.owner_id == self.owner_id)
            .order_by(practice_cards.c.id)
        )

    def all(self) -> list[PracticeCard]:
        """Every card across interviews (of applications not archived)."""
        query = self._select().where(applications.c.archived.is_(False))
        with self.engine.connect() as conn:
            return [_card(row) for row in conn.execute(query)]

    def for_interview(self, interview_id: int) -> list[PracticeCard]:
        query = self._select().where(practice_cards.c.interview_id == interview_id)
        with self.engine.connect() as conn:
            return [_card(row) for row in conn.execute(query)]

    def add(self, interview_id: int, question: str, source_prompt: str = "") -> int | None:
        """A new card for `question`; None when the interview already has that card."""
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, interview_id)
            exists = conn.execute(
                select(practice_cards.c.id).where(
                    practice_cards.c.owner_id == self.owner_id,
                    practice_cards.c.interview_id == interview_id,
                    practice_cards.c.question == question,
                )
            ).first()
            if exists:
                return None
            return conn.execute(
                insert(practice_cards).values(
                    owner_id=self.owner_id,
                    interview_id=interview_id,
                    question=question,
                    source_prompt=source_prompt,
                )
            ).inserted_primary_key[0]

    def update(self, card_id: int, **values: str | int) -> None:
        """Change what the user edits on a card: question, better_answer or confidence."""
        unknown = set(values) - _EDITABLE
        if unknown:
            raise ValueError(f"not editable on a practice card: {sorted(unknown)}")
        with self.engine.begin() as conn:
            conn.execute(
                update(practice_cards)
                .where(practice_cards.c.owner_id == self.owner_id, practice_cards.c.id == card_id)
                .values(**values)
            )

    def record_practice(self, card_id: int, on: date) -> None:
        """One more rehearsal on `on`; counted in SQL so two tabs never lose a count."""
        with self.engine.begin() as conn:
            conn.execute(
                update(practice_cards)
                .where(practice_cards.c.owner_id == self.owner_id, practice_cards.c.id == card_id)
                .values(times_practised=practice_cards.c.times_practised + 1, last_practised_on=on)
            )

    def delete(self, card_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(practice_cards).where(
                    practice_cards.c.owner_id == self.owner_id, practice_cards.c.id == card_id
                )
            )
