"""Step 3, follow-up instructions: the company's asks, the one status call and the contact log.

Every function takes plain values (instructions, contacts and the call plan of one interview) and
returns plain values; services.follow_up reads and writes them.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from followthrough import formats
from followthrough.content import ContactRules, InstructionRules, StatusCallRules
from followthrough.models import CallPlan, Channel, Contact, Instruction, StepState, StepStatus
from followthrough.templates import fill

STEP_ID = "follow_up"
# How the user can reach the company for a status check (the contact log's channels).
CONTACT_CHANNELS = (Channel.PHONE, Channel.VOICEMAIL, Channel.EMAIL, Channel.LETTER)


@dataclass(frozen=True)
class Suggestion:
    day: date
    reason: str


def channel_words(channel: Channel) -> str:
    return channel.label.lower()


def channel_warning(instruction: Instruction, rules: InstructionRules) -> str | None:
    """A warning when the instruction was done through another channel than the one asked for."""
    used = instruction.done_channel
    if not instruction.done or used is None or used == instruction.channel:
        return None
    return fill(
        rules.mismatch,
        what=instruction.what,
        required=channel_words(instruction.channel),
        used=channel_words(used),
    )


def instruction_problems(what: str) -> list[str]:
    """Why a new instruction can't be added yet (empty when it can)."""
    return [] if what.strip() else ["Write what they asked for first (e.g. three references)."]


def edited_instruction(item: Instruction, name: str, value: object, today: date) -> Instruction:
    """`item` with its field `name` changed to `value`, as the user edits one field at a time.

    Blank words keep the old ones. A tick is dated the first day it is given and starts out done
    through the channel asked for; unticked, neither is kept.
    """
    if name == "what":
        return replace(item, what=str(value).strip() or item.what)
    if name == "channel":
        return replace(item, channel=Channel(str(value)))
    if name == "due":
        return replace(item, due_on=value if isinstance(value, date) else None)
    if name == "done_channel":
        return replace(item, done_channel=Channel(str(value)))
    if name == "done":
        return replace(
            item,
            done_on=(item.done_on or today) if value else None,
            done_channel=(item.done_channel or item.channel) if value else None,
        )
    raise ValueError(f"unknown instruction field '{name}'")


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def suggested_call(
    interview_day: date, decision_expected_on: date | None, rules: StatusCallRules
) -> Suggestion:
    """A week or two after the interview, and never before the company's own timeline."""
    earliest = interview_day + timedelta(days=rules.earliest_days)
    latest = interview_day + timedelta(days=rules.latest_days)
    after_timeline = (
        decision_expected_on + timedelta(days=rules.days_after_company_date)
        if decision_expected_on
        else None
    )
    template, day = rules.in_window, earliest
    if after_timeline and after_timeline > earliest:
        template, day = rules.after_timeline, after_timeline
    if rules.skip_weekends:  # only ever moves later, so the timeline still holds
        day = _weekday(day)
    reason = fill(
        template,
        date=formats.day(day),
        latest=formats.day(max(latest, day)),
        days=(day - interview_day).days,
        company_date=formats.day(decision_expected_on) if decision_expected_on else "",
    )
    return Suggestion(day, reason)


def early_call_warning(call_on: date, suggested: date, rules: StatusCallRules) -> str | None:
    """A warning when the user plans the call before the suggested day."""
    if call_on >= suggested:
        return None
    return fill(rules.too_early, date=formats.day(call_on), suggested=formats.day(suggested))


def new_contact(
    interview_id: int, channel: Channel, on: date, answered: bool, note: str
) -> Contact:
    """A contact as logged: a voicemail is never an answer, whatever box was ticked."""
    return Contact(
        interview_id, channel, on, answered and channel != Channel.VOICEMAIL, note.strip()
    )


def _in_order(contacts: list[Contact]) -> list[Contact]:
    return sorted(contacts, key=lambda c: (c.occurred_on, c.id or 0))


def unanswered_attempts(contacts: list[Contact]) -> int:
    """Contacts since the company last answered."""
    count = 0
    for contact in _in_order(contacts):
        count = 0 if contact.answered else count + 1
    return count


def nuisance_warnings(
    contacts: list[Contact], on: date, call_day: date, rules: ContactRules
) -> list[str]:
    """Why contacting the company on `on` would be a nuisance; empty when it is fine.

    Once the company has answered, the guard only counts attempts made since that answer.
    """
    warnings = []
    ordered = _in_order(contacts)
    if on < call_day and not any(c.answered for c in ordered):
        warnings.append(fill(rules.before_plan, date=formats.day(call_day)))
    if ordered and not ordered[-1].answered:
        days = (on - ordered[-1].occurred_on).days
        if days < rules.min_days_between:
            ago = formats.days_ago(days)
            warnings.append(
                fill(rules.too_soon, ago=ago, days=days, min_days=rules.min_days_between)
            )
    unanswered = unanswered_attempts(ordered)
    if unanswered >= rules.max_unanswered:
        warnings.append(fill(rules.too_many, count=unanswered, max=rules.max_unanswered))
    return warnings


def ball_in_their_court(contacts: list[Contact], rules: ContactRules) -> str | None:
    """After a voicemail, the next move is theirs."""
    ordered = _in_order(contacts)
    if not ordered or ordered[-1].channel != Channel.VOICEMAIL:
        return None
    return fill(rules.ball_in_their_court, date=formats.day(ordered[-1].occurred_on))


def with_defaults(plan: CallPlan, latest: CallPlan | None, default_zone: str) -> CallPlan:
    """Blank caller details and zone taken from the user's latest plan, then from content."""
    latest = latest or CallPlan(plan.interview_id)
    return replace(
        plan,
        timezone=plan.timezone or latest.timezone or default_zone,
        caller_name=plan.caller_name or latest.caller_name,
        phone=plan.phone or latest.phone,
    )


def contact_rows(contacts: list[Contact]) -> list[dict[str, object]]:
    """One plain row per logged contact, oldest first, for a table."""
    return [
        {
            "Date": c.occurred_on,
            "Channel": c.channel.label,
            "Answered": c.answered,
            "Note": c.note,
        }
        for c in _in_order(contacts)
    ]


def _open_first(instructions: list[Instruction]) -> list[Instruction]:
    return sorted(instructions, key=lambda i: (i.due_on or date.max, i.id or 0))


def status(
    interview_ends_at: datetime,
    decision_expected_on: date | None,
    instructions: list[Instruction],
    contacts: list[Contact],
    call_on: date | None,
    today: date,
    rules: StatusCallRules,
) -> StepStatus:
    """Step 3 for one interview: open instructions first, then the one status call.

    `call_on` is the user's planned call date (CallPlan.call_on) or None for the suggested one.
    """
    if today < interview_ends_at.date():
        return StepStatus(
            STEP_ID, StepState.UPCOMING, "Before you leave, ask for their timeline and protocol."
        )
    redo = [i for i in instructions if i.done and i.done_channel not in (None, i.channel)]
    pending = _open_first([i for i in instructions if not i.done])
    overdue = [(i, i.due_on) for i in pending if i.due_on and i.due_on < today]
    if overdue:
        first, due_on = overdue[0]
        return StepStatus(
            STEP_ID,
            StepState.OVERDUE,
            f"Send {first.what} by {channel_words(first.channel)} now — "
            f"it was due {formats.day(due_on)}.",
        )
    if pending or redo:
        first = (pending or redo)[0]
        due = f" by {formats.day(first.due_on)}" if first.due_on and first in pending else ""
        return StepStatus(
            STEP_ID,
            StepState.DUE,
            f"Do as they asked: {first.what} by {channel_words(first.channel)}{due}.",
        )
    if contacts:
        return StepStatus(
            STEP_ID, StepState.DONE, "The ball is in their court: wait for their reply."
        )
    day = call_on or suggested_call(interview_ends_at.date(), decision_expected_on, rules).day
    if today >= day:
        return StepStatus(
            STEP_ID, StepState.DUE, f"Place your status call (planned for {formats.day(day)})."
        )
    return StepStatus(
        STEP_ID,
        StepState.UPCOMING,
        f"Status call on {formats.day(day)}, if you haven't heard back by then.",
    )
