"""Thank-you notes, one per interviewer, and each application's culture mark (it steers the channel)."""

from datetime import date

from sqlalchemy import Row, func, select

from followthrough.models import Channel, NotFound, ThankYouNote
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import applications, company_cultures, interviewers, thank_you_notes

NOTE_FIELDS = ("body", "topic", "channel", "sent_on", "sent_channel")


def _note(row: Row) -> ThankYouNote:
    return ThankYouNote(
        interview_id=row.interview_id,
        interviewer_id=row.interviewer_id,
        body=row.body,
        topic=row.topic,
        channel=Channel(row.channel) if row.channel else None,
        sent_on=row.sent_on,
        sent_channel=Channel(row.sent_channel) if row.sent_channel else None,
    )


class ThankYouRepository(OwnedRepository):
    def for_interview(self, interview_id: int) -> dict[int, ThankYouNote]:
        """The interview's saved notes, keyed by interviewer id."""
        query = self.of_many(thank_you_notes, "interview_id", [interview_id])
        return {row.interviewer_id: _note(row) for row in self.rows(query)}

    def sent_counts(self) -> dict[int, int]:
        """How many notes have been sent, per interview id (for Home's status of every interview)."""
        c = thank_you_notes.c
        query = (
            self.select_mine(thank_you_notes, c.interview_id, func.count())
            .where(c.sent_on.is_not(None))
            .group_by(c.interview_id)
        )
        return {interview_id: count for interview_id, count in self.rows(query)}

    def save(self, interviewer_id: int, **values: str | date | Channel | None) -> None:
        """Set some of a note's fields (body, topic, channel, sent_on, sent_channel)."""
        if unknown := set(values) - set(NOTE_FIELDS):
            raise ValueError(f"not a thank-you note field: {sorted(unknown)}")
        c = interviewers.c
        with self.engine.begin() as conn:
            interview_id = conn.execute(
                select(c.interview_id).where(self.mine(interviewers), c.id == interviewer_id)
            ).scalar()
            if interview_id is None:
                raise NotFound(f"interviewer {interviewer_id} not found")
            keys = {"interviewer_id": interviewer_id}
            self.upsert_mine(conn, thank_you_notes, keys, {"interview_id": interview_id, **values})

    def culture(self, application_id: int) -> str:
        """The application's culture mark (a content culture label), or "" when unmarked."""
        c = company_cultures.c
        row = self.first(
            self.select_mine(company_cultures, c.culture).where(c.application_id == application_id)
        )
        return row.culture if row else ""

    def set_culture(self, application_id: int, culture: str) -> None:
        with self.engine.begin() as conn:
            self.require(conn, applications, application_id)
            keys = {"application_id": application_id}
            self.upsert_mine(conn, company_cultures, keys, {"culture": culture})
