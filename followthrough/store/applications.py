"""Applications and their stage history (an event history, never one overwritten field)."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, Row, func, insert, select
from sqlalchemy.exc import IntegrityError

from followthrough.models import (
    Application,
    Conflict,
    Stage,
    StatusEvent,
    event_order,
    in_history_order,
)
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import applications, interviews, status_events

_IMPORT_CHUNK = 5_000
FIELDS = ("company", "role_title", "source", "listing_url", "applied_on", "notes")


def application(row: Row) -> Application:
    """An application record from a row holding the applications table's columns."""
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


def _event(row: Row) -> StatusEvent:
    return StatusEvent(row.application_id, Stage(row.stage), row.occurred_on, row.note, row.id)


class ApplicationRepository(OwnedRepository):
    # -- applications -------------------------------------------------------------------------

    def add(self, app: Application, first_stage: Stage | None = Stage.APPLIED) -> int:
        """Insert `app`; its history starts with `first_stage` on the application date (its day
        unknown when the application has none: never today)."""
        values = {f: getattr(app, f) for f in FIELDS}
        with self.engine.begin() as conn:
            app_id = self.insert_mine(conn, applications, is_sample=app.is_sample, **values)
            if first_stage is not None:
                self.add_event_in(conn, StatusEvent(app_id, first_stage, app.applied_on))
        return app_id

    def get(self, app_id: int) -> Application | None:
        row = self.first(self.select_mine(applications).where(applications.c.id == app_id))
        return application(row) if row else None

    def all(self, include_archived: bool = False) -> list[Application]:
        query = self.select_mine(applications).order_by(applications.c.id.desc())
        if not include_archived:
            query = query.where(applications.c.archived.is_(False))
        return [application(row) for row in self.rows(query)]

    def update(self, app: Application) -> None:
        values = {f: getattr(app, f) for f in FIELDS}
        self.update_mine(applications, app.id, archived=app.archived, **values)

    def delete(self, app_id: int) -> None:
        """Delete an application; its events, interviews and answers go with it (FK cascade)."""
        self.delete_mine(applications, applications.c.id == app_id)

    def delete_samples(self) -> int:
        return self.delete_mine(applications, applications.c.is_sample.is_(True))

    def sample_counts(self) -> tuple[int, int]:
        """How many sample applications the owner has, and how many interviews they carry."""
        sample = self.mine(applications) & applications.c.is_sample.is_(True)
        joined = applications.outerjoin(
            interviews,
            (interviews.c.application_id == applications.c.id)
            & (interviews.c.owner_id == applications.c.owner_id),
        )
        query = (
            select(func.count(applications.c.id.distinct()), func.count(interviews.c.id.distinct()))
            .select_from(joined)
            .where(sample)
        )
        row = self.first(query)
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def has_samples(self) -> bool:
        query = self.select_mine(applications, applications.c.id)
        return self.first(query.where(applications.c.is_sample.is_(True)).limit(1)) is not None

    # -- stage history ------------------------------------------------------------------------

    def histories(self, include_archived: bool = False) -> dict[int, list[StatusEvent]]:
        """Every application's stage history in the order it happened (models.in_history_order:
        an event of unknown day keeps its place in the record), in one query."""
        query = (
            self.select_mine(status_events)
            .join(applications, applications.c.id == status_events.c.application_id)
            .order_by(status_events.c.id)
        )
        if not include_archived:
            query = query.where(applications.c.archived.is_(False))
        found: dict[int, list[StatusEvent]] = {}
        for row in self.rows(query):
            found.setdefault(row.application_id, []).append(_event(row))
        return {app_id: in_history_order(events, event_order) for app_id, events in found.items()}

    def events(self, app_id: int) -> list[StatusEvent]:
        """One application's stage history in the order it happened."""
        query = self.of_many(status_events, "application_id", [app_id], status_events.c.id)
        return in_history_order(map(_event, self.rows(query)), event_order)

    def add_event(self, event: StatusEvent) -> None:
        with self.engine.begin() as conn:
            self.add_event_in(conn, event)

    def add_event_in(self, conn: Connection, event: StatusEvent) -> None:
        """Record `event` inside the caller's transaction (its application must be the owner's)."""
        self.require(conn, applications, event.application_id)
        self.insert_mine(
            conn,
            status_events,
            application_id=event.application_id,
            stage=event.stage.value,
            occurred_on=event.occurred_on,
            note=event.note,
        )

    # -- CSV import ---------------------------------------------------------------------------

    def key_parts(self) -> tuple[list[tuple[str, str, date]], set[str]]:
        """What the natural keys of the owner's applications are made of.

        (company, role, date applied) of every dated application, and the key each imported
        row was stored with: it stays taken after an edit (the unique index would refuse it).
        """
        c = applications.c
        rows = self.rows(
            self.select_mine(applications, c.company, c.role_title, c.applied_on, c.natural_key)
        )
        dated = [(r.company, r.role_title, r.applied_on) for r in rows if r.applied_on]
        return dated, {r.natural_key for r in rows if r.natural_key}

    def import_rows(
        self,
        rows: list[dict],
        histories: list[list[tuple[Stage, date | None]]],
        progress: Callable[[float], None] | None = None,
    ) -> int:
        """Insert applications (with their `natural_key`) and their histories in one transaction.

        Written in chunks so `progress` can report; a duplicate natural key rolls back everything.
        """
        statement = insert(applications).returning(applications.c.id, sort_by_parameter_order=True)
        try:
            with self.engine.begin() as conn:
                for start in range(0, len(rows), _IMPORT_CHUNK):
                    chunk = rows[start : start + _IMPORT_CHUNK]
                    ids = conn.execute(statement, [{**r, "owner_id": self.owner_id} for r in chunk])
                    events = [
                        {
                            "owner_id": self.owner_id,
                            "application_id": i,
                            "stage": s.value,
                            "occurred_on": d,
                        }
                        for i, history in zip(
                            ids.scalars(), histories[start : start + _IMPORT_CHUNK], strict=True
                        )
                        for s, d in history
                    ]
                    conn.execute(insert(status_events), events)
                    if progress:
                        progress(min(1.0, (start + len(chunk)) / len(rows)))
        except IntegrityError as exc:
            raise Conflict("some of these applications are already in the workbook") from exc
        return len(rows)
