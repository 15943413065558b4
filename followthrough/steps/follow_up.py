"""Step 3, follow-up instructions: the company's asks, the one status call and the contact log.

Every function takes plain values (instructions, contacts and the call plan of one interview) and
returns plain values; services.follow_up reads and writes them.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from followthrough import formats
from followthrough.content import (
    ContactRules,
    FollowUpContent,
    InstructionRules,
    StatusCallRules,
)
from followthrough.models import (
    CallPlan,
    Channel,
    Contact,
    Instruction,
    InterviewSummary,
    Stage,
    StepState,
    StepStatus,
    in_history_order,
)
from followthrough.templates import fill

STEP_ID = "follow_up"
# How the user can reach the company for a status check (the contact log's channels).
CONTACT_CHANNELS = (Channel.PHONE, Channel.VOICEMAIL, Channel.EMAIL, Channel.LETTER)


# The step 3 answer that holds how the company said the user will hear back (an option id).
HEAR_BACK = "hear_back"


@dataclass(frozen=True)
class Standing:
    """Where the application stands beside one interview: what decides whether a call helps."""

    stage: Stage | None = None  # the tracker's latest stage
    stage_on: date | None = None
    next_round_on: date | None = None  # a later round of the same application, if booked
    hear_back: str = ""  # a hearing_back option id; '' until chosen


def latest_stages(
    history: list[tuple[int, Stage, date | None, int]],
) -> dict[int, tuple[Stage, date | None]]:
    """Each application's latest stage and its date (None when unknown), from (application id,
    stage, date, event id) rows (the tracker's reading: models.in_history_order)."""
    latest: dict[int, tuple[Stage, date | None]] = {}
    for app_id, stage, day, _id in in_history_order(history, lambda r: (r[0], r[2], r[3])):
        latest[app_id] = (stage, day)
    return latest


def next_rounds(summaries: list[InterviewSummary]) -> dict[int, date]:
    """For each interview (by id), the day of the next round of the same application, if any."""
    found: dict[int, date] = {}
    for summary in summaries:
        interview = summary.interview
        later = [
            other.interview.starts_at
            for other in summaries
            if other.interview.application_id == interview.application_id
            and other.interview.starts_at >= interview.ends_at
        ]
        if later and interview.id is not None:
            found[interview.id] = min(later).date()
    return found


def no_call_reason(
    standing: Standing, interview_ends_at: datetime, content: FollowUpContent
) -> str | None:
    """Why a status call would not help (a closed process, an offer, a next round booked, or
    their word that they will call), or None when it may."""
    words, stage = content.no_call, standing.stage
    on = formats.day(standing.stage_on) if standing.stage_on else words.day_unknown
    by_stage = {
        Stage.REJECTED: words.rejected,
        Stage.WITHDRAWN: words.withdrawn,
        Stage.ACCEPTED: words.accepted,
        Stage.NO_RESPONSE: words.no_response,
        Stage.OFFER: words.offer,
    }
    if stage in by_stage:
        return fill(by_stage[stage], date=on)
    next_round = standing.next_round_on
    if next_round is None and stage in (Stage.INTERVIEW, Stage.FINAL_INTERVIEW):
        after = standing.stage_on and standing.stage_on > interview_ends_at.date()
        next_round = standing.stage_on if after else None
    if next_round is not None:
        return fill(words.next_round, date=formats.day(next_round))
    option = next((o for o in content.hearing_back.options if o.id == standing.hear_back), None)
    if option is not None and not option.call:
        return option.reason
    return None


def waiting_for_them(
    standing: Standing,
    contacts: list[Contact],
    interview_ends_at: datetime,
    content: FollowUpContent,
) -> bool:
    """The next move is theirs: the call is made, or they said they would call (or not to), and
    the process is neither over nor moved on to an offer or a next round."""
    if not contacts and not _their_word(standing, content):
        return False
    # Nothing to call about for another reason (a no, an offer, a next round): not waiting.
    moved_on = no_call_reason(replace(standing, hear_back=""), interview_ends_at, content)
    return moved_on is None


def _their_word(standing: Standing, content: FollowUpContent) -> bool:
    """They said they will be in touch (or not to call): a hearing-back option without a call."""
    options = content.hearing_back.options
    return any(o.id == standing.hear_back and not o.call for o in options)


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
    now: datetime,
    content: FollowUpContent,
    standing: Standing = Standing(),
) -> StepStatus:
    """Step 3 for one interview: open instructions first, then the status call — only when one
    helps (see no_call_reason), and at most one.

    `call_on` is the user's planned call date (CallPlan.call_on) or None for the suggested one.
    """
    words, today = content.status, now.date()
    if now < interview_ends_at:
        return StepStatus(STEP_ID, StepState.UPCOMING, words.upcoming)
    no_call = no_call_reason(standing, interview_ends_at, content)
    if no_call is not None and standing.stage is not None and standing.stage.is_closed:
        return StepStatus(STEP_ID, StepState.DONE, no_call)  # their instructions are moot too
    redo = [i for i in instructions if i.done and i.done_channel not in (None, i.channel)]
    pending = _open_first([i for i in instructions if not i.done])
    overdue = [(i, i.due_on) for i in pending if i.due_on and i.due_on < today]
    if overdue:
        first, due_on = overdue[0]
        what = dict(what=first.what, channel=channel_words(first.channel))
        when = formats.day(due_on)
        return StepStatus(
            STEP_ID,
            StepState.OVERDUE,
            fill(words.instruction_overdue, **what, date=when),
            fill(words.instruction_overdue_reason, date=when),
            due_on,
        )
    if pending or redo:
        first = (pending or redo)[0]
        what = dict(what=first.what, channel=channel_words(first.channel))
        if first.due_on and first in pending:
            action = fill(words.instruction_due_by, **what, date=formats.day(first.due_on))
        else:
            action = fill(words.instruction_due, **what)
        due = first.due_on if first in pending else today
        return StepStatus(STEP_ID, StepState.DUE, action, words.instruction_reason, due or today)
    if contacts:
        return StepStatus(STEP_ID, StepState.DONE, words.waiting)
    if no_call is not None:
        return StepStatus(STEP_ID, StepState.DONE, no_call)
    rules = content.status_call
    day = call_on or suggested_call(interview_ends_at.date(), decision_expected_on, rules).day
    if today >= day:
        action = fill(words.call_due, date=formats.day(day))
        return StepStatus(STEP_ID, StepState.DUE, action, words.call_reason, day)
    action = fill(words.call_later, date=formats.day(day))
    return StepStatus(STEP_ID, StepState.UPCOMING, action, due_on=day)
