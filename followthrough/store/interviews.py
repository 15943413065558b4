"""Interviews and their interviewers, each interview belonging to one application."""

from collections.abc import Sequence

from sqlalchemy import Connection, Row, func, select

from followthrough.models import (
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
    Stage,
    StatusEvent,
)
from followthrough.store.applications import ApplicationRepository, application
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import applications, interviewers, interviews

FIELDS = ("round_number", "format", "starts_at", "ends_at", "location", "decision_expected_on")
INTERVIEWER_FIELDS = ("name", "title", "email", "postal_address")


def _interview(row: Row) -> Interview:
    return Interview(
        id=row.id,
        application_id=row.application_id,
        round_number=row.round_number,
        format=InterviewFormat(row.format),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        location=row.location,
        decision_expected_on=row.decision_expected_on,
    )


def _interviewer(row: Row) -> Interviewer:
    return Interviewer(
        id=row.id,
        interview_id=row.interview_id,
        name=row.name,
        title=row.title,
        email=row.email,
        postal_address=row.postal_address,
    )


class _Prefixed:
    """Attribute access to a joined row's columns labelled with a prefix."""

    def __init__(self, row: Row, prefix: str) -> None:
        self._row, self._prefix = row, prefix

    def __getattr__(self, name: str) -> object:
        return getattr(self._row, self._prefix + name)


class InterviewRepository(OwnedRepository):
    """Interviews belong to an application: recording one adds the stage to its history."""

    def add(self, interview: Interview) -> int:
        """Insert an interview with its interviewers; the application's history gains the stage."""
        values = {f: getattr(interview, f) for f in FIELDS}
        with self.engine.begin() as conn:
            self.require(conn, applications, interview.application_id)
            interview_id = self.insert_mine(
                conn, interviews, application_id=interview.application_id, **values
            )
            for person in interview.interviewers:
                self._insert_interviewer(conn, interview_id, person)
            note = f"Interview round {interview.round_number}"
            stage = StatusEvent(
                interview.application_id, Stage.INTERVIEW, interview.starts_at.date(), note
            )
            ApplicationRepository(self.engine, self.owner_id).add_event_in(conn, stage)
        return interview_id

    def get(self, interview_id: int) -> Interview | None:
        row = self.first(self.select_mine(interviews).where(interviews.c.id == interview_id))
        if row is None:
            return None
        result = _interview(row)
        result.interviewers = self._interviewers([interview_id])[interview_id]
        return result

    def update(self, interview: Interview) -> None:
        self.update_mine(interviews, interview.id, **{f: getattr(interview, f) for f in FIELDS})

    def delete(self, interview_id: int) -> None:
        self.delete_mine(interviews, interviews.c.id == interview_id)

    def summaries(
        self, include_archived: bool = False, application_id: int | None = None
    ) -> list[InterviewSummary]:
        """Every interview with its application and interviewers, most recent first.

        Only one application's interviews when `application_id` is given.
        """
        app_columns = [c.label(f"app_{c.name}") for c in applications.c]
        query = (
            self.select_mine(interviews, interviews, *app_columns)
            .join(applications, applications.c.id == interviews.c.application_id)
            .order_by(interviews.c.starts_at.desc(), interviews.c.id.desc())
        )
        if not include_archived:
            query = query.where(applications.c.archived.is_(False))
        if application_id is not None:
            query = query.where(interviews.c.application_id == application_id)
        rows = self.rows(query)
        people = self._interviewers([row.id for row in rows])
        summaries = []
        for row in rows:
            interview = _interview(row)
            interview.interviewers = people[row.id]
            summaries.append(InterviewSummary(interview, application(_Prefixed(row, "app_"))))  # type: ignore[arg-type]
        return summaries

    # -- interviewers -------------------------------------------------------------------------

    def add_interviewer(self, interview_id: int, person: Interviewer) -> int:
        with self.engine.begin() as conn:
            self.require(conn, interviews, interview_id)
            return self._insert_interviewer(conn, interview_id, person)

    def get_interviewer(self, interviewer_id: int) -> Interviewer | None:
        row = self.first(self.select_mine(interviewers).where(interviewers.c.id == interviewer_id))
        return _interviewer(row) if row else None

    def update_interviewer(self, person: Interviewer) -> None:
        self.update_mine(
            interviewers, person.id, **{f: getattr(person, f) for f in INTERVIEWER_FIELDS}
        )

    def delete_interviewer(self, interviewer_id: int) -> None:
        self.delete_mine(interviewers, interviewers.c.id == interviewer_id)

    def _insert_interviewer(self, conn: Connection, interview_id: int, person: Interviewer) -> int:
        count = select(func.count()).where(
            self.mine(interviewers), interviewers.c.interview_id == interview_id
        )
        values = {f: getattr(person, f) for f in INTERVIEWER_FIELDS}
        position = conn.execute(count).scalar_one()
        return self.insert_mine(
            conn, interviewers, interview_id=interview_id, position=position, **values
        )

    def _interviewers(self, interview_ids: Sequence[int]) -> dict[int, list[Interviewer]]:
        found: dict[int, list[Interviewer]] = {i: [] for i in interview_ids}
        if interview_ids:
            c = interviewers.c
            for row in self.rows(
                self.of_many(interviewers, "interview_id", interview_ids, c.position, c.id)
            ):
                found[row.interview_id].append(_interviewer(row))
        return found
