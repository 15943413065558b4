"""Cohorts, invite codes and memberships, seen by the person acting (the repository's owner).

A coach's side reads only cohorts whose `owner_id` is the coach; a participant's side reads only
their own memberships. The one thing readable across people is an invite, by its code: the code is
what a coach hands out, and joining with it is how a participant gets in.
"""

from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.exc import IntegrityError

from followthrough.models import Cohort, Invalid, Invite, Member, NotFound
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import cohort_invites, cohorts, memberships, people


def _cohort(row: Row) -> Cohort:
    return Cohort(
        id=row.id,
        name=row.name,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        content_pack=row.content_pack,
        coach_id=row.owner_id,
        coach_name=row.coach_name,
    )


def _invite(row: Row) -> Invite:
    return Invite(row.id, row.cohort_id, row.code, row.expires_at, row.revoked_at)


_WITH_COACH = select(cohorts, people.c.display_name.label("coach_name")).join(
    people, people.c.id == cohorts.c.owner_id
)


class CohortRepository(OwnedRepository):
    # -- the coach's side: cohorts this person created --------------------------------------

    def create(self, name: str, starts_on, ends_on, content_pack: str) -> int:
        with self.engine.begin() as conn:
            return self.insert_mine(
                conn,
                cohorts,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
                content_pack=content_pack,
            )

    def coached(self) -> list[Cohort]:
        """The cohorts this person coaches, newest first."""
        query = _WITH_COACH.where(self.mine(cohorts)).order_by(cohorts.c.id.desc())
        return [_cohort(row) for row in self.rows(query)]

    def coached_cohort(self, cohort_id: int) -> Cohort | None:
        """The cohort if this person coaches it, else None."""
        row = self.first(_WITH_COACH.where(self.mine(cohorts), cohorts.c.id == cohort_id))
        return _cohort(row) if row else None

    def add_invite(self, cohort_id: int, code: str, expires_at: datetime) -> int:
        with self.engine.begin() as conn:
            self.require(conn, cohorts, cohort_id)
            return self.insert_mine(
                conn, cohort_invites, cohort_id=cohort_id, code=code, expires_at=expires_at
            )

    def invites(self, cohort_id: int) -> list[Invite]:
        c = cohort_invites.c
        query = self.select_mine(cohort_invites).where(c.cohort_id == cohort_id)
        return [_invite(row) for row in self.rows(query.order_by(c.id.desc()))]

    def revoke_invite(self, invite_id: int, at: datetime) -> None:
        c = cohort_invites.c
        with self.engine.begin() as conn:
            conn.execute(
                update(cohort_invites)
                .where(self.mine(cohort_invites), c.id == invite_id, c.revoked_at.is_(None))
                .values(revoked_at=at)
            )

    def members(self, cohort_id: int) -> list[Member]:
        """The participants of a cohort this person coaches (nobody for anyone else's)."""
        m = memberships.c
        query = (
            select(m.owner_id, people.c.display_name, m.joined_at)
            .join(cohorts, cohorts.c.id == m.cohort_id)
            .join(people, people.c.id == m.owner_id)
            .where(self.mine(cohorts), m.cohort_id == cohort_id)
            .order_by(people.c.display_name, m.owner_id)
        )
        return [Member(row.owner_id, row.display_name, row.joined_at) for row in self.rows(query)]

    # -- the participant's side: this person's memberships ----------------------------------

    def join(self, code: str, now: datetime) -> Cohort:
        """Join the cohort `code` invites to (already a member: nothing changes)."""
        c = cohort_invites.c
        with self.engine.begin() as conn:
            invite = conn.execute(select(cohort_invites).where(c.code == code)).first()
            if invite is None:
                raise NotFound("No cohort has this invite code: check it with your coach.")
            if invite.revoked_at is not None:
                raise Invalid(
                    "code", "This invite code was withdrawn by the coach: ask for a new one."
                )
            if invite.expires_at <= now:
                raise Invalid("code", "This invite code has expired: ask your coach for a new one.")
            if invite.owner_id == self.owner_id:
                raise Invalid(
                    "code", "You coach this cohort: its participants join with this code."
                )
            mine = self.mine(memberships) & (memberships.c.cohort_id == invite.cohort_id)
            if conn.execute(select(memberships.c.id).where(mine)).first() is None:
                try:
                    with conn.begin_nested():
                        self.insert_mine(
                            conn, memberships, cohort_id=invite.cohort_id, joined_at=now
                        )
                except IntegrityError:  # joined meanwhile in another tab
                    pass
            row = conn.execute(_WITH_COACH.where(cohorts.c.id == invite.cohort_id)).one()
        return _cohort(row)

    def joined(self) -> list[Cohort]:
        """The cohorts this person is a participant of, in the order they joined."""
        query = (
            _WITH_COACH.join(memberships, memberships.c.cohort_id == cohorts.c.id)
            .where(self.mine(memberships))
            .order_by(memberships.c.joined_at, memberships.c.id)
        )
        return [_cohort(row) for row in self.rows(query)]

    def leave(self, cohort_id: int) -> bool:
        """Leave a cohort: the membership goes, and every share with it (a cascade)."""
        return bool(self.delete_mine(memberships, memberships.c.cohort_id == cohort_id))

    def followed(self) -> Cohort | None:
        """The cohort whose content pack this person's pages follow: of their cohorts, the one
        they last joined or chose to follow (`follow`); None in no cohort."""
        m = memberships.c
        query = (
            _WITH_COACH.join(memberships, m.cohort_id == cohorts.c.id)
            .where(self.mine(memberships))
            .order_by(func.coalesce(m.followed_at, m.joined_at).desc(), m.id.desc())
            .limit(1)
        )
        row = self.first(query)
        return _cohort(row) if row else None

    def follow(self, cohort_id: int, at: datetime) -> bool:
        """Follow the content pack of a cohort this person is a participant of (False if not)."""
        m = memberships.c
        with self.engine.begin() as conn:
            done = conn.execute(
                update(memberships)
                .where(self.mine(memberships), m.cohort_id == cohort_id)
                .values(followed_at=at)
            )
            return bool(done.rowcount)
