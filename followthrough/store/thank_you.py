"""Thank-you notes, one per interviewer, and each application's culture mark (it steers the channel)."""

from datetime import date

from sqlalchemy import (
    Engine,
    func,
    select,
)

from followthrough.models import Channel
from followthrough.steps.thank_you import ThankYouNote
from followthrough.store.applications import interviewers, require_application
from followthrough.store.tables import company_cultures, thank_you_notes
from followthrough.store.upsert import upsert

_NOTE_FIELDS = {"body", "topic", "channel", "sent_on", "sent_channel"}


def _note(row) -> ThankYouNote:
    return ThankYouNote(
        interview_id=row.interview_id,
        interviewer_id=row.interviewer_id,
        body=row.body,
        topic=row.topic,
        channel=Channel(row.channel) if row.channel else None,
        sent_on=row.sent_on,
        sent_channel=Channel(row.sent_channel) if row.sent_channel else None,
    )


class ThankYouRepository:
    """Every read and write is filtered by owner in SQL."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    def for_interview(self, interview_id: int) -> dict[int, ThankYouNote]:
        """The interview's saved notes, keyed by interviewer id."""
        query = select(thank_you_notes).where(
            thank_you_notes.c.owner_id == self.owner_id,
            thank_you_notes.c.interview_id == interview_id,
        )
        with self.engine.connect() as conn:
            return {row.interviewer_id: _note(row) for row in conn.execute(query)}

    def sent_counts(self) -> dict[int, int]:
        """How many notes have been sent, per interview id (for Home's status of every interview)."""
        query = (
            select(thank_you_notes.c.interview_id, func.count())
            .where(
                thank_you_notes.c.owner_id == self.owner_id,
                thank_you_notes.c.sent_on.is_not(None),
            )
            .group_by(thank_you_notes.c.interview_id)
        )
        with self.engine.connect() as conn:
            return {interview_id: count for interview_id, count in conn.execute(query)}

    def save(self, interviewer_id: int, **values: str | date | Channel | None) -> None:
        """Set some of a note's fields (body, topic, channel, sent_on, sent_channel)."""
        unknown = set(values) - _NOTE_FIELDS
        if unknown:
            raise ValueError(f"not a thank-you note field: {sorted(unknown)}")
        with self.engine.begin() as conn:
            interview_id = conn.execute(
                select(interviewers.c.interview_id).where(
                    interviewers.c.owner_id == self.owner_id, interviewers.c.id == interviewer_id
                )
            ).scalar()
            if interview_id is None:
                raise LookupError(f"interviewer {interviewer_id} not found")
            keys = {
                "owner_id": self.owner_id,
                "interview_id": interview_id,
                "interviewer_id": interviewer_id,
            }
            upsert(
                conn,
                thank_you_notes,
                keys | values,
                conflict=["owner_id", "interviewer_id"],
                update=values | {"updated_at": func.current_timestamp()},
            )

    def culture(self, application_id: int) -> str:
        """The application's culture mark (a content culture label), or "" when unmarked."""
        query = select(company_cultures.c.culture).where(
            company_cultures.c.owner_id == self.owner_id,
            company_cultures.c.application_id == application_id,
        )
        with self.engine.connect() as conn:
            return conn.execute(query).scalar() or ""

    def set_culture(self, application_id: int, culture: str) -> None:
        with self.engine.begin() as conn:
            require_application(conn, self.owner_id, application_id)
            upsert(
                conn,
                company_cultures,
                {"owner_id": self.owner_id, "application_id": application_id, "culture": culture},
                conflict=["owner_id", "application_id"],
                update={"culture": culture},
            )
