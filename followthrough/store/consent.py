"""What each participant shares with a cohort's coach, and the one way a coach reads it.

Private by default: a coach reads a participant's item only through `shared_item`, whose query
joins the participant's share of it with a cohort the coach owns; withdrawing the share (or leaving
the cohort, or deleting the item) removes the row that query needs, so it reads nothing on the
next call.
"""

from sqlalchemy import ColumnElement, Row, Subquery, and_, literal, select, union_all
from sqlalchemy.exc import IntegrityError

from followthrough.models import Item, NotFound, Share, ShareKind
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import (
    cohorts,
    data_versions,
    interviewers,
    interviews,
    memberships,
    prompt_answers,
    shares,
    thank_you_notes,
)

# Where each kind of item lives, and the share column that references it.
_ITEM_TABLES = {ShareKind.NOTE: prompt_answers, ShareKind.THANK_YOU: thank_you_notes}
_ITEM_COLUMNS = {ShareKind.NOTE: "answer_id", ShareKind.THANK_YOU: "thank_you_note_id"}


def _share(row: Row) -> Share:
    return Share(row.cohort_id, ShareKind(row.kind), row.item, row.owner_id, row.id)


def _items() -> Subquery:
    """Everybody's non-blank notes and edited thank-you drafts, as Item columns (filter by owner)."""
    a, t, i, p = prompt_answers.c, thank_you_notes.c, interviews.c, interviewers.c
    notes = (
        select(
            a.owner_id,
            a.id,
            a.interview_id,
            i.starts_at,
            a.step_id,
            a.prompt_id,
            p.name.label("name"),
            a.value.label("text"),
            literal(ShareKind.NOTE.value).label("kind"),
        )
        .join(interviews, i.id == a.interview_id)
        .outerjoin(interviewers, p.id == a.interviewer_id)
        .where(a.value != "")
    )
    drafts = (
        select(
            t.owner_id,
            t.id,
            t.interview_id,
            i.starts_at,
            literal("thank_you"),
            literal(""),
            p.name,
            t.body,
            literal(ShareKind.THANK_YOU.value),
        )
        .join(interviews, i.id == t.interview_id)
        .join(interviewers, p.id == t.interviewer_id)
        .where(t.body.is_not(None), t.body != "")
    )
    return union_all(notes, drafts).subquery("items")


def _item(row: Row) -> Item:
    return Item(
        kind=ShareKind(row.kind),
        id=row.id,
        interview_id=row.interview_id,
        interview_starts_at=row.starts_at,
        step_id=row.step_id,
        prompt_id=row.prompt_id,
        interviewer=row.name or "",
        text=row.text,
    )


class ConsentRepository(OwnedRepository):
    # -- the participant's side -------------------------------------------------------------

    def _membership(self, conn, cohort_id: int) -> int:
        found = conn.execute(
            select(memberships.c.id).where(
                self.mine(memberships), memberships.c.cohort_id == cohort_id
            )
        ).scalar()
        if found is None:
            raise NotFound(f"membership of cohort {cohort_id} not found")
        return int(found)

    def shares(self, cohort_id: int) -> list[Share]:
        """What this participant shares with the cohort's coach."""
        query = (
            select(shares, memberships.c.cohort_id)
            .join(memberships, memberships.c.id == shares.c.membership_id)
            .where(self.mine(shares), memberships.c.cohort_id == cohort_id)
            .order_by(shares.c.id)
        )
        return [_share(row) for row in self.rows(query)]

    def share(self, cohort_id: int, kind: ShareKind, item: int = 0) -> None:
        """Let the cohort's coach see `kind` (an item's id for a note or a draft); idempotent."""
        with self.engine.begin() as conn:
            membership = self._membership(conn, cohort_id)
            refs = {}
            if kind.is_item:
                self.require(conn, _ITEM_TABLES[kind], item)
                refs = {_ITEM_COLUMNS[kind]: item}
            elif item:
                raise ValueError(f"{kind.value} is shared whole, not by item")
            try:
                with conn.begin_nested():
                    self.insert_mine(
                        conn, shares, membership_id=membership, kind=kind.value, item=item, **refs
                    )
            except IntegrityError:  # shared already (another tab, a double click)
                pass

    def withdraw(self, cohort_id: int, kind: ShareKind, item: int = 0) -> int:
        """Stop sharing it: the coach's next read finds nothing. Returns how many shares went."""
        mine = select(memberships.c.id).where(
            self.mine(memberships), memberships.c.cohort_id == cohort_id
        )
        c = shares.c
        return self.delete_mine(
            shares,
            c.membership_id.in_(mine.scalar_subquery()),
            c.kind == kind.value,
            c.item == item,
        )

    def items(self) -> list[Item]:
        """This person's notes and edited thank-you drafts: what they could pick to share."""
        items = _items()
        query = select(items).where(items.c.owner_id == self.owner_id)
        return [_item(row) for row in self.rows(query.order_by(items.c.starts_at, items.c.id))]

    # -- the coach's side -------------------------------------------------------------------

    def _coached(self, cohort_id: int) -> ColumnElement[bool]:
        """Shares with `cohort_id`, when this person coaches it."""
        return and_(
            memberships.c.id == shares.c.membership_id,
            cohorts.c.id == memberships.c.cohort_id,
            self.mine(cohorts),
            cohorts.c.id == cohort_id,
            # the participant's own rows: a share can only name their membership
            shares.c.owner_id == memberships.c.owner_id,
        )

    def granted(self, cohort_id: int) -> list[Share]:
        """Every share with a cohort this person coaches (none for anyone else's cohort)."""
        query = (
            select(shares, memberships.c.cohort_id)
            .select_from(shares, memberships, cohorts)
            .where(self._coached(cohort_id))
            .order_by(shares.c.owner_id, shares.c.id)
        )
        return [_share(row) for row in self.rows(query)]

    def shared_item(
        self, cohort_id: int, person_id: int, kind: ShareKind, item: int
    ) -> Item | None:
        """The item, if `person_id` shares it with a cohort this person coaches; else None."""
        items = _items()
        query = (
            select(items)
            .select_from(items, shares, memberships, cohorts)
            .where(
                self._coached(cohort_id),
                shares.c.owner_id == person_id,
                shares.c.kind == kind.value,
                shares.c.item == item,
                items.c.kind == shares.c.kind,
                items.c.id == shares.c.item,
                items.c.owner_id == shares.c.owner_id,
            )
        )
        row = self.first(query)
        return _item(row) if row else None

    def versions(self, cohort_id: int) -> dict[int, int]:
        """Each participant's data version (store/versions.py: bumped in the same transaction as
        every write of theirs), for a cohort this person coaches (nobody for anyone else's): what
        the figures worked out from a participant's rows are kept under. No row's content is read.
        """
        members = (
            select(memberships.c.owner_id)
            .join(cohorts, cohorts.c.id == memberships.c.cohort_id)
            .where(self.mine(cohorts), cohorts.c.id == cohort_id)
            .scalar_subquery()
        )
        v = data_versions.c
        query = select(v.id, v.workbook).where(v.id.in_(members))  # `id` is the person's
        return {row.id: row.workbook for row in self.rows(query)}
