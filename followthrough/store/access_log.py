"""The log of every time a coach opened something a participant shared with their cohort.

The participant reads the entries about them; the coach reads their cohorts' entries. When a
participant deletes their account, their entries become one per cohort that says only that a
deleted person existed.
"""

from datetime import datetime

from sqlalchemy import Row, delete, insert, select
from sqlalchemy.orm import aliased

from followthrough.models import AccessEntry, NotFound
from followthrough.store.owned import OwnedRepository, fitted
from followthrough.store.tables import access_log, cohorts, memberships, people

_coach = aliased(people, name="coach")
_participant = aliased(people, name="participant")
_ENTRIES = (
    select(
        access_log,
        cohorts.c.name.label("cohort_name"),
        _coach.c.display_name.label("coach_name"),
        _participant.c.display_name.label("participant_name"),
    )
    .join(cohorts, cohorts.c.id == access_log.c.cohort_id)
    .outerjoin(_coach, _coach.c.id == access_log.c.coach_id)
    .outerjoin(_participant, _participant.c.id == access_log.c.participant_id)
    .order_by(access_log.c.viewed_at.desc(), access_log.c.id.desc())
)


def _entry(row: Row) -> AccessEntry:
    return AccessEntry(
        cohort_id=row.cohort_id,
        cohort_name=row.cohort_name,
        coach_name=row.coach_name or "",
        participant_name=row.participant_name or "",
        what=row.what,
        viewed_at=row.viewed_at,
        participant_deleted=row.participant_id is None,
    )


class AccessLogRepository(OwnedRepository):
    def record(self, cohort_id: int, participant_id: int, what: str, at: datetime) -> None:
        """As the coach of `cohort_id`: note that they opened `what` of a participant's."""
        member = (
            select(memberships.c.id)
            .join(cohorts, cohorts.c.id == memberships.c.cohort_id)
            .where(
                self.mine(cohorts),
                cohorts.c.id == cohort_id,
                memberships.c.owner_id == participant_id,
            )
        )
        with self.engine.begin() as conn:
            if conn.execute(member).first() is None:
                raise NotFound(f"participant {participant_id} of cohort {cohort_id} not found")
            values = fitted(access_log, {"what": what[:300]})
            conn.execute(
                insert(access_log).values(
                    cohort_id=cohort_id,
                    coach_id=self.owner_id,
                    participant_id=participant_id,
                    viewed_at=at,
                    **values,
                )
            )

    def about_me(self) -> list[AccessEntry]:
        """Every time a coach opened something this person shared, newest first."""
        query = _ENTRIES.where(access_log.c.participant_id == self.owner_id)
        return [_entry(row) for row in self.rows(query)]

    def for_cohort(self, cohort_id: int) -> list[AccessEntry]:
        """The log of a cohort this person coaches, newest first (nothing for anyone else's)."""
        query = _ENTRIES.where(self.mine(cohorts), cohorts.c.id == cohort_id)
        return [_entry(row) for row in self.rows(query)]

    def forget_me(self, at: datetime) -> int:
        """Before this person's account goes: per cohort, one entry that says only that a deleted
        participant existed replaces every entry about them. Returns how many cohorts."""
        a, m = access_log.c, memberships.c
        mine = a.participant_id == self.owner_id
        with self.engine.begin() as conn:
            logged = set(conn.execute(select(a.cohort_id).where(mine)).scalars())
            joined = set(conn.execute(select(m.cohort_id).where(self.mine(memberships))).scalars())
            conn.execute(delete(access_log).where(mine))
            for cohort_id in sorted(logged | joined):
                coach = select(cohorts.c.owner_id).where(cohorts.c.id == cohort_id)
                conn.execute(
                    insert(access_log).values(
                        cohort_id=cohort_id,
                        coach_id=coach.scalar_subquery(),
                        participant_id=None,
                        what="",
                        viewed_at=at,
                    )
                )
        return len(logged | joined)
