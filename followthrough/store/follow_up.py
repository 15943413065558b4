"""Step 3's records: the company's instructions, the contact log and the call plan, per interview."""

from dataclasses import fields
from typing import Any

from sqlalchemy import (
    Engine,
    delete,
    func,
    insert,
    select,
    update,
)

from followthrough.models import Channel
from followthrough.steps.follow_up import CallPlan, Contact, Instruction
from followthrough.store.applications import require_interview
from followthrough.store.tables import call_plans, contact_log, follow_up_instructions
from followthrough.store.upsert import upsert

PLAN_FIELDS = tuple(f.name for f in fields(CallPlan) if f.name != "interview_id")


def _instruction(row) -> Instruction:
    return Instruction(
        id=row.id,
        interview_id=row.interview_id,
        what=row.what,
        channel=Channel(row.channel),
        due_on=row.due_on,
        done_on=row.done_on,
        done_channel=Channel(row.done_channel) if row.done_channel else None,
    )


class FollowUpRepository:
    """Every read and write is filtered by owner in SQL."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    # -- instructions -------------------------------------------------------------------------

    def instructions(self, interview_id: int) -> list[Instruction]:
        return self.instructions_for([interview_id])[interview_id]

    def instructions_for(self, interview_ids: list[int]) -> dict[int, list[Instruction]]:
        """Instructions of many interviews in one query (every id gets a list, maybe empty)."""
        table = follow_up_instructions
        query = (
            select(table)
            .where(table.c.owner_id == self.owner_id, table.c.interview_id.in_(interview_ids))
            .order_by(table.c.id)
        )
        found: dict[int, list[Instruction]] = {i: [] for i in interview_ids}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                found[row.interview_id].append(_instruction(row))
        return found

    def add_instruction(self, item: Instruction) -> int:
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, item.interview_id)
            return conn.execute(
                insert(follow_up_instructions).values(
                    owner_id=self.owner_id,
                    interview_id=item.interview_id,
                    what=item.what,
                    channel=item.channel.value,
                    due_on=item.due_on,
                )
            ).inserted_primary_key[0]

    def update_instruction(self, item: Instruction) -> None:
        table = follow_up_instructions
        with self.engine.begin() as conn:
            conn.execute(
                update(table)
                .where(table.c.owner_id == self.owner_id, table.c.id == item.id)
                .values(
                    what=item.what,
                    channel=item.channel.value,
                    due_on=item.due_on,
                    done_on=item.done_on,
                    done_channel=item.done_channel.value if item.done_channel else None,
                )
            )

    def delete_instruction(self, instruction_id: int) -> None:
        table = follow_up_instructions
        with self.engine.begin() as conn:
            conn.execute(
                delete(table).where(table.c.owner_id == self.owner_id, table.c.id == instruction_id)
            )

    # -- contact log --------------------------------------------------------------------------

    def contacts(self, interview_id: int) -> list[Contact]:
        return self.contacts_for([interview_id])[interview_id]

    def contacts_for(self, interview_ids: list[int]) -> dict[int, list[Contact]]:
        """Contact logs of many interviews in one query, oldest first."""
        query = (
            select(contact_log)
            .where(
                contact_log.c.owner_id == self.owner_id,
                contact_log.c.interview_id.in_(interview_ids),
            )
            .order_by(contact_log.c.occurred_on, contact_log.c.id)
        )
        found: dict[int, list[Contact]] = {i: [] for i in interview_ids}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                found[row.interview_id].append(
                    Contact(
                        id=row.id,
                        interview_id=row.interview_id,
                        channel=Channel(row.channel),
                        occurred_on=row.occurred_on,
                        answered=row.answered,
                        note=row.note,
                    )
                )
        return found

    def log_contact(self, contact: Contact) -> int:
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, contact.interview_id)
            return conn.execute(
                insert(contact_log).values(
                    owner_id=self.owner_id,
                    interview_id=contact.interview_id,
                    channel=contact.channel.value,
                    occurred_on=contact.occurred_on,
                    answered=contact.answered,
                    note=contact.note,
                )
            ).inserted_primary_key[0]

    def delete_contact(self, contact_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(contact_log).where(
                    contact_log.c.owner_id == self.owner_id, contact_log.c.id == contact_id
                )
            )

    # -- call plan ----------------------------------------------------------------------------

    def plan(self, interview_id: int) -> CallPlan:
        """The interview's call plan (all blank until the user sets something)."""
        return self.plans_for([interview_id])[interview_id]

    def plans_for(self, interview_ids: list[int]) -> dict[int, CallPlan]:
        """Call plans of many interviews in one query; blank plans where none is saved."""
        query = select(call_plans).where(
            call_plans.c.owner_id == self.owner_id, call_plans.c.interview_id.in_(interview_ids)
        )
        found = {i: CallPlan(i) for i in interview_ids}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                fields = {name: getattr(row, name) for name in PLAN_FIELDS}
                found[row.interview_id] = CallPlan(row.interview_id, **fields)
        return found

    def latest_caller(self) -> CallPlan | None:
        """The most recently edited plan, to prefill who is calling and from which number."""
        query = (
            select(call_plans)
            .where(call_plans.c.owner_id == self.owner_id)
            .order_by(call_plans.c.updated_at.desc(), call_plans.c.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return CallPlan(row.interview_id, **{name: getattr(row, name) for name in PLAN_FIELDS})

    def save_plan_field(self, interview_id: int, name: str, value: Any) -> None:
        """Save one field of the call plan as it is typed."""
        if name not in PLAN_FIELDS:
            raise ValueError(f"unknown call plan field '{name}'")
        with self.engine.begin() as conn:
            require_interview(conn, self.owner_id, interview_id)
            upsert(
                conn,
                call_plans,
                {"owner_id": self.owner_id, "interview_id": interview_id, name: value},
                conflict=["owner_id", "interview_id"],
                update={name: value, "updated_at": func.current_timestamp()},
            )
