"""Step 4's records: next-day plan items per interview, the weekly goal per owner, check-ins.

Also reads the pipeline figures step 4 needs (application dates, stage history) in one query each.
"""

from collections.abc import Collection
from datetime import date

from sqlalchemy import Connection, select

from followthrough.models import CheckIn, PlanItem, Stage
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import (
    applications,
    check_ins,
    interviews,
    next_day_items,
    status_events,
    weekly_goals,
)

CHECK_IN_FIELDS = ("mood", "feeling")


class MomentumRepository(OwnedRepository):
    # -- next-day plan ------------------------------------------------------------------------

    def plan(self, interview_id: int) -> list[PlanItem]:
        return self.plans_for([interview_id])[interview_id]

    def plans_for(self, interview_ids: list[int]) -> dict[int, list[PlanItem]]:
        """Next-day plans of many interviews in one query (empty until a plan is made)."""
        found: dict[int, list[PlanItem]] = {i: [] for i in interview_ids}
        for row in self.rows(self.of_many(next_day_items, "interview_id", interview_ids)):
            found[row.interview_id].append(
                PlanItem(row.interview_id, row.kind, row.label, row.done, row.id)
            )
        return found

    def ensure_plan(self, defaults: list[PlanItem]) -> None:
        """Give each interview in `defaults` its starting plan, once (in one write transaction)."""
        c = next_day_items.c
        with self.engine.begin() as conn:
            for interview_id in {item.interview_id for item in defaults}:
                self.require(conn, interviews, interview_id)
                has_plan = select(c.id).where(
                    self.mine(next_day_items), c.interview_id == interview_id
                )
                if conn.execute(has_plan.limit(1)).first() is None:
                    for item in defaults:
                        if item.interview_id == interview_id:
                            self._insert(conn, item)

    def add_item(self, item: PlanItem) -> None:
        with self.engine.begin() as conn:
            self.require(conn, interviews, item.interview_id)
            self._insert(conn, item)

    def _insert(self, conn: Connection, item: PlanItem) -> None:
        self.insert_mine(
            conn,
            next_day_items,
            interview_id=item.interview_id,
            kind=item.kind,
            label=item.label,
            done=item.done,
        )

    def update_item(self, item_id: int, label: str, done: bool) -> None:
        self.update_mine(next_day_items, item_id, label=label, done=done)

    def delete_item(self, item_id: int) -> None:
        self.delete_mine(next_day_items, next_day_items.c.id == item_id)

    # -- weekly goal --------------------------------------------------------------------------

    def weekly_goal(self, default: int) -> int:
        row = self.first(self.select_mine(weekly_goals, weekly_goals.c.applications))
        return default if row is None else row.applications

    def set_weekly_goal(self, goal: int) -> None:
        with self.engine.begin() as conn:
            self.upsert_mine(conn, weekly_goals, {}, {"applications": goal})

    # -- check-in -----------------------------------------------------------------------------

    def check_in(self, interview_id: int) -> CheckIn:
        c = check_ins.c
        row = self.first(
            self.select_mine(check_ins, c.mood, c.feeling).where(c.interview_id == interview_id)
        )
        return CheckIn(interview_id, row.mood, row.feeling) if row else CheckIn(interview_id)

    def save_check_in(self, interview_id: int, name: str, value: str) -> None:
        if name not in CHECK_IN_FIELDS:
            raise ValueError(f"unknown check-in field '{name}'")
        with self.engine.begin() as conn:
            self.require(conn, interviews, interview_id)
            self.upsert_mine(conn, check_ins, {"interview_id": interview_id}, {name: value})

    # -- pipeline figures ---------------------------------------------------------------------

    def applied_dates(self) -> list[date | None]:
        """The application date of every current (not archived) application."""
        query = self.select_mine(applications, applications.c.applied_on)
        return [
            row.applied_on for row in self.rows(query.where(applications.c.archived.is_(False)))
        ]

    def stage_history(
        self, application_ids: Collection[int] | None = None
    ) -> list[tuple[int, Stage, date | None, int]]:
        """(application id, stage, date or None when unknown, event id) for every current
        application's events, or only those of `application_ids` (a page about a few interviews
        need not read a 5,000-application history)."""
        e = status_events.c
        query = (
            self.select_mine(status_events, e.application_id, e.stage, e.occurred_on, e.id)
            .join(applications, applications.c.id == e.application_id)
            .where(self.mine(applications), applications.c.archived.is_(False))
        )
        if application_ids is not None:
            query = query.where(e.application_id.in_(list(application_ids)))
        return [(row[0], Stage(row[1]), row[2], row[3]) for row in self.rows(query)]
