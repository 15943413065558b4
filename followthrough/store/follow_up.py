"""Step 3's records: the company's instructions, the contact log and the call plan, per interview."""

from dataclasses import fields
from typing import Any

from sqlalchemy import Row

from followthrough.models import CallPlan, Channel, Contact, Instruction
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import call_plans, contact_log, follow_up_instructions, interviews

PLAN_FIELDS = tuple(f.name for f in fields(CallPlan) if f.name != "interview_id")


def _instruction(row: Row) -> Instruction:
    return Instruction(
        id=row.id,
        interview_id=row.interview_id,
        what=row.what,
        channel=Channel(row.channel),
        due_on=row.due_on,
        done_on=row.done_on,
        done_channel=Channel(row.done_channel) if row.done_channel else None,
    )


def _contact(row: Row) -> Contact:
    return Contact(
        id=row.id,
        interview_id=row.interview_id,
        channel=Channel(row.channel),
        occurred_on=row.occurred_on,
        answered=row.answered,
        note=row.note,
    )


def _plan(row: Row) -> CallPlan:
    return CallPlan(row.interview_id, **{name: getattr(row, name) for name in PLAN_FIELDS})


class FollowUpRepository(OwnedRepository):
    # -- instructions -------------------------------------------------------------------------

    def instructions(self, interview_id: int) -> list[Instruction]:
        return self.instructions_for([interview_id])[interview_id]

    def instructions_for(self, interview_ids: list[int]) -> dict[int, list[Instruction]]:
        """Instructions of many interviews in one query (every id gets a list, maybe empty)."""
        found: dict[int, list[Instruction]] = {i: [] for i in interview_ids}
        for row in self.rows(self.of_many(follow_up_instructions, "interview_id", interview_ids)):
            found[row.interview_id].append(_instruction(row))
        return found

    def add_instruction(self, item: Instruction) -> int:
        with self.engine.begin() as conn:
            self.require(conn, interviews, item.interview_id)
            return self.insert_mine(
                conn,
                follow_up_instructions,
                interview_id=item.interview_id,
                what=item.what,
                channel=item.channel.value,
                due_on=item.due_on,
            )

    def update_instruction(self, item: Instruction) -> None:
        self.update_mine(
            follow_up_instructions,
            item.id,
            what=item.what,
            channel=item.channel.value,
            due_on=item.due_on,
            done_on=item.done_on,
            done_channel=item.done_channel.value if item.done_channel else None,
        )

    def delete_instruction(self, instruction_id: int) -> None:
        self.delete_mine(follow_up_instructions, follow_up_instructions.c.id == instruction_id)

    # -- contact log --------------------------------------------------------------------------

    def contacts(self, interview_id: int) -> list[Contact]:
        return self.contacts_for([interview_id])[interview_id]

    def contacts_for(self, interview_ids: list[int]) -> dict[int, list[Contact]]:
        """Contact logs of many interviews in one query, oldest first."""
        c = contact_log.c
        query = self.of_many(contact_log, "interview_id", interview_ids, c.occurred_on, c.id)
        found: dict[int, list[Contact]] = {i: [] for i in interview_ids}
        for row in self.rows(query):
            found[row.interview_id].append(_contact(row))
        return found

    def log_contact(self, contact: Contact) -> int:
        with self.engine.begin() as conn:
            self.require(conn, interviews, contact.interview_id)
            return self.insert_mine(
                conn,
                contact_log,
                interview_id=contact.interview_id,
                channel=contact.channel.value,
                occurred_on=contact.occurred_on,
                answered=contact.answered,
                note=contact.note,
            )

    def delete_contact(self, contact_id: int) -> None:
        self.delete_mine(contact_log, contact_log.c.id == contact_id)

    # -- call plan ----------------------------------------------------------------------------

    def plan(self, interview_id: int) -> CallPlan:
        """The interview's call plan (all blank until the user sets something)."""
        return self.plans_for([interview_id])[interview_id]

    def plans_for(self, interview_ids: list[int]) -> dict[int, CallPlan]:
        """Call plans of many interviews in one query; blank plans where none is saved."""
        found = {i: CallPlan(i) for i in interview_ids}
        for row in self.rows(self.of_many(call_plans, "interview_id", interview_ids)):
            found[row.interview_id] = _plan(row)
        return found

    def latest_caller(self) -> CallPlan | None:
        """The most recently edited plan, to prefill who is calling and from which number."""
        c = call_plans.c
        row = self.first(
            self.select_mine(call_plans).order_by(c.updated_at.desc(), c.id.desc()).limit(1)
        )
        return _plan(row) if row else None

    def save_plan_field(self, interview_id: int, name: str, value: Any) -> None:
        """Save one field of the call plan as it is typed."""
        if name not in PLAN_FIELDS:
            raise ValueError(f"unknown call plan field '{name}'")
        with self.engine.begin() as conn:
            self.require(conn, interviews, interview_id)
            self.upsert_mine(conn, call_plans, {"interview_id": interview_id}, {name: value})
