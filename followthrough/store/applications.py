"""The application aggregate: an application, its stage history, its interviews and interviewers."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    insert,
    select,
    update,
)

from followthrough.models import (
    Application,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
    Stage,
    StatusEvent,
)
from followthrough.store.tables import applications, interviewers, interviews, status_events
from followthrough.transfer.keys import natural_keys

_IMPORT_CHUNK = 5_000
_APPLICATION_FIELDS = ("company", "role_title", "source", "listing_url", "applied_on", "notes")
_INTERVIEW_FIELDS = (
    "round_number",
    "format",
    "starts_at",
    "ends_at",
    "location",
    "decision_expected_on",
)
_INTERVIEWER_FIELDS = ("name", "title", "email", "postal_address")


def _application(row) -> Application:
    return Application(
        id=row.id,
        company=row.company,
        role_title=row.role_title,
        source=row.source,
        listing_url=row.listing_url,
        applied_on=row.applied_on,
        notes=row.notes,
        is_sample=row.is_sample,
        archived=row.archived,
    )


def _interview(row) -> Interview:
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


def _interviewer(row) -> Interviewer:
    return Interviewer(
        id=row.id,
        interview_id=row.interview_id,
        name=row.name,
        title=row.title,
        email=row.email,
        postal_address=row.postal_address,
    )


def require_application(conn: Connection, owner_id: int, app_id: int) -> None:
    """Refuse to attach rows to an application this owner does not have."""
    query = select(applications.c.id).where(
        applications.c.owner_id == owner_id, applications.c.id == app_id
    )
    if conn.execute(query).first() is None:
        raise LookupError(f"application {app_id} not found")


def require_interview(conn: Connection, owner_id: int, interview_id: int) -> None:
    """Refuse to attach rows to an interview this owner does not have."""
    query = select(interviews.c.id).where(
        interviews.c.owner_id == owner_id, interviews.c.id == interview_id
    )
    if conn.execute(query).first() is None:
        raise LookupError(f"interview {interview_id} not found")


class _Prefixed:
    """Attribute access to a joined row's columns labelled with a prefix."""

    def __init__(self, row, prefix: str) -> None:
        self._row, self._prefix = row, prefix

    def __getattr__(self, name: str):
        return getattr(self._row, self._prefix + name)


class ApplicationRepository:
    """Every read and write is filtered by owner in SQL."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    # -- applications -------------------------------------------------------------------------

    def add(self, app: Application, first_stage: Stage | None = Stage.APPLIED) -> int:
        """Insert `app`; its history starts with `first_stage` on the application date."""
        values = {f: getattr(app, f) for f in _APPLICATION_FIELDS}
        with self.engine.begin() as conn:
            app_id = conn.execute(
                insert(applications).values(
                    owner_id=self.owner_id, is_sample=app.is_sample, **values
                )
            ).inserted_primary_key[0]
            if first_stage is not None:
                self._add_event(
                    conn, StatusEvent(app_id, first_stage, app.applied_on or date.today())
                )
        return app_id

    def get(self, app_id: int) -> Application | None:
        query = select(applications).where(
            applications.c.owner_id == self.owner_id, applications.c.id == app_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _application(row) if row else None

    def all(self, include_archived: bool = False) -> list[Application]:
        query = select(applications).where(applications.c.owner_id == self.owner_id)
        if not include_archived:
            query = query.where(applications.c.archived.is_(False))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(applications.c.id.desc()))
            return [_application(row) for row in rows]

    def update(self, app: Application) -> None:
        values = {f: getattr(app, f) for f in _APPLICATION_FIELDS}
        with self.engine.begin() as conn:
            conn.execute(
                update(applications)
                .where(applications.c.owner_id == self.owner_id, applications.c.id == app.id)
                .values(archived=app.archived, updated_at=func.current_timestamp(), **values)
            )

    def delete(self, app_id: int) -> None:
        """Delete an application; its events, interviews and answers go with it (FK cascade)."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(applications).where(
                    applications.c.owner_id == self.owner_id, applications.c.id == app_id
                )
            )

    def delete_samples(self) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(applications).where(
                    applications.c.owner_id == self.owner_id, applications.c.is_sample.is_(True)
                )
            )
        return result.rowcount

    def has_samples(self) -> bool:
        query = select(applications.c.id).where(
            applications.c.owner_id == self.owner_id, applications.c.is_sample.is_(True)
        )
        with self.engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    # -- stage history ------------------------------------------------------------------------

    def histories(self, include_archived: bool = False) -> dict[int, list[StatusEvent]]:
        """Every application's stage history in date order, in one query."""
        query = (
            select(status_events)
            .join(applications, applications.c.id == status_events.c.application_id)
            .where(status_events.c.owner_id == self.owner_id)
            .order_by(status_events.c.occurred_on, status_events.c.id)
        )
        if not include_archived:
            query = query.where(applications.c.archived.is_(False))
        found: dict[int, list[StatusEvent]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                event = StatusEvent(r.application_id, Stage(r.stage), r.occurred_on, r.note, r.id)
                found.setdefault(r.application_id, []).append(event)
        return found

    # -- CSV import ---------------------------------------------------------------------------

    def natural_keys(self) -> set[str]:
        """The natural key of every application this owner has, imported or typed in.

        An imported row keeps the key it was imported with even after an edit, so that key
        stays taken too (the unique index would refuse it).
        """
        c = applications.c
        query = select(c.company, c.role_title, c.applied_on, c.natural_key).where(
            c.owner_id == self.owner_id
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        dated = [row for row in rows if row.applied_on]
        companies, roles, dates = ([row[i] for row in dated] for i in range(3))
        keys = natural_keys(companies, roles, [d.isoformat() for d in dates]).to_pylist()
        return set(keys) | {row.natural_key for row in rows if row.natural_key}

    def import_rows(
        self,
        rows: list[dict],
        histories: list[list[tuple[Stage, date]]],
        progress: Callable[[float], None] | None = None,
    ) -> int:
        """Insert applications (with their `natural_key`) and their histories in one transaction.

        Written in chunks so `progress` can report; a duplicate natural key rolls back everything.
        """
        statement = insert(applications).returning(applications.c.id, sort_by_parameter_order=True)
        with self.engine.begin() as conn:
            for start in range(0, len(rows), _IMPORT_CHUNK):
                chunk = rows[start : start + _IMPORT_CHUNK]
                ids = conn.execute(statement, [{**r, "owner_id": self.owner_id} for r in chunk])
                chunk_histories = histories[start : start + _IMPORT_CHUNK]
                events = [
                    {
                        "owner_id": self.owner_id,
                        "application_id": i,
                        "stage": s.value,
                        "occurred_on": d,
                    }
                    for i, history in zip(ids.scalars(), chunk_histories, strict=True)
                    for s, d in history
                ]
                conn.execute(insert(status_events), events)
                if progress:
                    progress(min(1.0, (start + len(chunk)) / len(rows)))
        return len(rows)

    def add_event(self, event: StatusEvent) -> None:
        with self.engine.begin() as conn:
            require_application(conn, self.owner_id, event.application_id)
            self._add_event(conn, event)

    def events(self, app_id: int) -> list[StatusEvent]:
        query = (
            select(status_events)
            .where(
                status_events.c.owner_id == self.owner_id, status_events.c.application_id == app_id
            )
            .order_by(status_events.c.occurred_on, status_events.c.id)
        )
        with self.engine.connect() as conn:
            return [
                StatusEvent(r.application_id, Stage(r.stage), r.occurred_on, r.note, r.id)
                for r in conn.execute(query)
            ]

    def _add_event(self, conn: Connection, event: StatusEvent) -> None:
        conn.execute(
            insert(status_events).values(
                owner_id=self.owner_id,
                application_id=event.application_id,
                stage=event.stage.value,
                occurred_on=event.occurred_on,
                note=event.note,
            )
        )

    # -- interviews ---------------------------------------------------------------------------

    def add_interview(self, interview: Interview) -> int:
        """Insert an interview with its interviewers; the application's history gains the stage."""
        values = {f: getattr(interview, f) for f in _INTERVIEW_FIELDS}
        with self.engine.begin() as conn:
            require_application(conn, self.owner_id, interview.application_id)
            interview_id = conn.execute(
                insert(interviews).values(
                    owner_id=self.owner_id, application_id=interview.application_id, **values
                )
            ).inserted_primary_key[0]
            for person in interview.interviewers:
                self._insert_interviewer(conn, interview_id, person)
            self._add_event(
                conn,
                StatusEvent(
                    interview.application_id,
                    Stage.INTERVIEW,
                    interview.starts_at.date(),
                    f"Interview round {interview.round_number}",
                ),
            )
        return interview_id

    def get_interview(self, interview_id: int) -> Interview | None:
        query = select(interviews).where(
            interviews.c.owner_id == self.owner_id, interviews.c.id == interview_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            result = _interview(row)
            result.interviewers = self._interviewers(conn, [interview_id])[interview_id]
        return result

    def update_interview(self, interview: Interview) -> None:
        values = {f: getattr(interview, f) for f in _INTERVIEW_FIELDS}
        with self.engine.begin() as conn:
            conn.execute(
                update(interviews)
                .where(interviews.c.owner_id == self.owner_id, interviews.c.id == interview.id)
                .values(updated_at=func.current_timestamp(), **values)
            )

    def delete_interview(self, interview_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(interviews).where(
                    interviews.c.owner_id == self.owner_id, interviews.c.id == interview_id
                )
            )

    def interview_summaries(
        self, include_archived: bool = False, application_id: int | None = None
    ) -> list[InterviewSummary]:
        """Every interview with its application and interviewers, most recent first.

        Only one application's interviews when `application_id` is given.
        """
        app_columns = [c.label(f"app_{c.name}") for c in applications.c]
        query = (
            select(interviews, *app_columns)
            .join(applications, applications.c.id == interviews.c.application_id)
            .where(interviews.c.owner_id == self.owner_id)
            .order_by(interviews.c.starts_at.desc(), interviews.c.id.desc())
        )
        if not include_archived:
            query = query.where(applications.c.archived.is_(False))
        if application_id is not None:
            query = query.where(interviews.c.application_id == application_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            people = self._interviewers(conn, [row[0] for row in rows])
        summaries = []
        for row in rows:
            interview = _interview(row)
            interview.interviewers = people[interview.id]
            app = _application(_Prefixed(row, "app_"))
            summaries.append(InterviewSummary(interview, app))
        return summaries

    # -- interviewers -------------------------------------------------------------------------

    def add_interviewer(self, interview_id: int, person: Interviewer) -> int:
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, interview_id)
            return self._insert_interviewer(conn, interview_id, person)

    def get_interviewer(self, interviewer_id: int) -> Interviewer | None:
        query = select(interviewers).where(
            interviewers.c.owner_id == self.owner_id, interviewers.c.id == interviewer_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _interviewer(row) if row else None

    def update_interviewer(self, person: Interviewer) -> None:
        values = {f: getattr(person, f) for f in _INTERVIEWER_FIELDS}
        with self.engine.begin() as conn:
            conn.execute(
                update(interviewers)
                .where(interviewers.c.owner_id == self.owner_id, interviewers.c.id == person.id)
                .values(**values)
            )

    def delete_interviewer(self, interviewer_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(interviewers).where(
                    interviewers.c.owner_id == self.owner_id, interviewers.c.id == interviewer_id
                )
            )

    def _insert_interviewer(self, conn: Connection, interview_id: int, person: Interviewer) -> int:
        position = conn.execute(
            select(func.count()).where(interviewers.c.interview_id == interview_id)
        ).scalar_one()
        values = {f: getattr(person, f) for f in _INTERVIEWER_FIELDS}
        return conn.execute(
            insert(interviewers).values(
                owner_id=self.owner_id, interview_id=interview_id, position=position, **values
            )
        ).inserted_primary_key[0]

    def _interviewers(self, conn: Connection, interview_ids: list[int]) -> dict[int, list]:
        found: dict[int, list[Interviewer]] = {i: [] for i in interview_ids}
        if not interview_ids:
            return found
        query = (
            select(interviewers)
            .where(
                interviewers.c.owner_id == self.owner_id,
                interviewers.c.interview_id.in_(interview_ids),
            )
            .order_by(interviewers.c.position, interviewers.c.id)
        )
        for row in conn.execute(query):
            found[row.interview_id].append(_interviewer(row))
        return found
