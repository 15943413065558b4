"""Step 4's records: next-day plan items per interview, the weekly goal per owner, check-ins.

Also reads the pipeline figures step 4 needs (application dates, stage history) in one query each.
"""

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

from followthrough.models import Stage
from followthrough.steps.momentum import CheckIn, PlanItem
from followthrough.store.applications import applications, require_interview, status_events
from followthrough.store.tables import check_ins, next_day_items, weekly_goals
from followthrough.store.upsert import upsert

CHECK_IN_FIELDS = ("mood", "feeling")


class MomentumRepository:
    """Every read and write is filtered by owner in SQL."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    # -- next-day plan ------------------------------------------------------------------------

    def plan(self, interview_id: int) -> list[PlanItem]:
        return self.plans_for([interview_id])[interview_id]

    def plans_for(self, interview_ids: list[int]) -> dict[int, list[PlanItem]]:
        """Next-day plans of many interviews in one query (empty until a plan is made)."""
        query = (
            select(next_day_items)
            .where(
                next_day_items.c.owner_id == self.owner_id,
                next_day_items.c.interview_id.in_(interview_ids),
            )
            .order_by(next_day_items.c.id)
        )
        found: dict[int, list[PlanItem]] = {i: [] for i in interview_ids}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                found[row.interview_id].append(
                    PlanItem(row.interview_id, row.kind, row.label, row.done, row.id)
                )
        return found

    def ensure_plan(self, defaults: list[PlanItem]) -> None:
        """Give each interview in `defaults` its starting plan, once (in one write transaction)."""
        with self.engine.begin() as conn:
            for interview_id in {item.interview_id for item in defaults}:
                require_interview(conn, self.owner_id, interview_id)
                exists = select(next_day_items.c.id).where(
                    next_day_items.c.owner_id == self.owner_id,
                    next_day_items.c.interview_id == interview_id,
                )
                if conn.execute(exists.limit(1)).first() is None:
                    for item in defaults:
                        if item.interview_id == interview_id:
                            self._insert(conn, item)

    def add_item(self, item: PlanItem) -> None:
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, item.interview_id)
            self._insert(conn, item)

    def _insert(self, conn: Connection, item: PlanItem) -> None:
        conn.execute(
            insert(next_day_items).values(
                owner_id=self.owner_id,
                interview_id=item.interview_id,
                kind=item.kind,
                label=item.label,
                done=item.done,
            )
        )

    def update_item(self, item_id: int, label: str, done: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(next_day_items)
                .where(next_day_items.c.owner_id == self.owner_id, next_day_items.c.id == item_id)
                .values(label=label, done=done)
            )

    def delete_item(self, item_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(next_day_items).where(
                    next_day_items.c.owner_id == self.owner_id, next_day_items.c.id == item_id
                )
            )

    # -- weekly goal --------------------------------------------------------------------------

    def weekly_goal(self, default: int) -> int:
        query = select(weekly_goals.c.applications).where(weekly_goals.c.owner_id == self.owner_id)
        with self.engine.connect() as conn:
            goal = conn.execute(query).scalar()
        return default if goal is None else goal

    def set_weekly_goal(self, goal: int) -> None:
        with self.engine.begin() as conn:
            upsert(
                conn,
                weekly_goals,
                {"owner_id": self.owner_id, "applications": goal},
                conflict=["owner_id"],
                update={"applications": goal, "updated_at": func.current_timestamp()},
            )

    # -- check-in -----------------------------------------------------------------------------

    def check_in(self, interview_id: int) -> CheckIn:
        query = select(check_ins.c.mood, check_ins.c.feeling).where(
            check_ins.c.owner_id == self.owner_id, check_ins.c.interview_id == interview_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return CheckIn(interview_id, row.mood, row.feeling) if row else CheckIn(interview_id)

    def save_check_in(self, interview_id: int, name: str, value: str) -> None:
        if name not in CHECK_IN_FIELDS:
            raise ValueError(f"unknown check-in field '{name}'")
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, interview_id)
            upsert(
                conn,
                check_ins,
                {"owner_id": self.owner_id, "interview_id": interview_id, name: value},
                conflict=["owner_id", "interview_id"],
                update={name: value, "updated_at": func.current_timestamp()},
            )

    # -- pipeline figures ---------------------------------------------------------------------

    def applied_dates(self) -> list[date | None]:
        """The application date of every current (not archived) application."""
        query = select(applications.c.applied_on).where(
            applications.c.owner_id == self.owner_id, applications.c.archived.is_(False)
        )
        with self.engine.connect() as conn:
            return list(conn.scalars(query))

    def stage_history(self) -> list[tuple[int, Stage, date, int]]:
        """(application id, stage, date, event id) for every current application's events."""
        query = (
            select(
                status_events.c.application_id,
                status_events.c.stage,
                status_events.c.occurred_on,
                status_events.c.id,
            )
            .join(applications, applications.c.id == status_events.c.application_id)
            .where(
                status_events.c.owner_id == self.owner_id,
                applications.c.owner_id == self.owner_id,
                applications.c.archived.is_(False),
            )
        )
        with self.engine.connect() as conn:
            return [(row[0], Stage(row[1]), row[2], row[3]) for row in conn.execute(query)]
