"""Step 3's screen: the company's timeline and asks, the status call, the voicemail, the calendar.

`screen` is everything the page shows for one interview; the other functions are its writes, each
applying step 3's rules (steps.follow_up) before anything is stored.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from followthrough.content import ContentPack, FollowUpContent
from followthrough.models import (
    AnswerKey,
    CallPlan,
    Channel,
    Contact,
    Instruction,
    InterviewSummary,
    NotFound,
    StepStatus,
)
from followthrough.services.answers import answers, save_answer
from followthrough.services.steps import standings
from followthrough.services.workbook import Workbook
from followthrough.steps import calendar, follow_up, momentum, voicemail
from followthrough.steps.momentum import Waiting
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import ProfileRepository
from followthrough.store.thank_you import ThankYouRepository


@dataclass(frozen=True)
class InstructionView:
    item: Instruction
    warning: str  # done through another channel than the one asked for; '' when not


@dataclass(frozen=True)
class StatusCall:
    reason: str  # the suggested day, and why that day
    day: date  # the user's day, else the suggested one
    at: time  # the user's time, else content's
    warning: str  # the day is before the suggested one; '' when not


@dataclass(frozen=True)
class ContactLog:
    rows: list[dict[str, object]]  # oldest first
    last_id: int | None  # the entry "remove the last entry" removes
    ball_in_their_court: str  # after a voicemail; '' otherwise
    warnings: list[str]  # why a contact on the day being entered would be a nuisance
    channels: list[Channel]  # how the user can reach the company


@dataclass(frozen=True)
class Voicemail:
    script: str
    timing: str  # word count and speaking time, in words
    too_long: bool


@dataclass(frozen=True)
class CalendarFile:
    zones: list[str]  # every IANA zone the user can choose
    contents: str  # what the file holds, in one line (with the user's words in it)
    ics: bytes
    file_name: str


@dataclass(frozen=True)
class HearBack:
    """How the company said the user will hear back: the question and the user's answer."""

    label: str
    help: str
    options: dict[str, str]  # option id -> label; '' is "not answered yet"
    chosen: str


@dataclass(frozen=True)
class FollowUpView:
    interview_id: int
    answers: dict[AnswerKey, str]  # the step's prompts and checklists
    hear_back: HearBack
    no_call: str  # why a status call would not help now; '' when one may
    # Where the step stands, as Home says it (None when it is `no_call`, shown with the call).
    status: StepStatus | None
    waiting: Waiting | None  # after the call (or when none is needed): the waiting, honestly
    plan: CallPlan  # blank caller details and zone filled from the latest plan, then content
    instructions: list[InstructionView]
    call: StatusCall
    contacts: ContactLog
    voicemail: Voicemail
    calendar: CalendarFile


def screen(
    wb: Workbook,
    pack: ContentPack,
    summary: InterviewSummary,
    contact_on: date,
    now: datetime,
    browser_zone: str | None = None,
) -> FollowUpView:
    """Step 3 for one interview; `contact_on` is the day of the contact being entered, `now` stamps
    the calendar file. What the person told before is not asked again: the caller's name is the
    one they sign with (the profile), else their last plan's; the zone is their browser's."""
    rules = pack.follow_up
    interview_id = _saved(summary)
    repo = wb.repo(FollowUpRepository)
    zones = calendar.zone_names()
    zone = browser_zone if browser_zone in zones else rules.calendar.default_timezone
    latest = repo.latest_caller() or CallPlan(interview_id)
    if not latest.caller_name:
        latest = replace(latest, caller_name=wb.repo(ProfileRepository).get()["signature"])
    plan = follow_up.with_defaults(repo.plan(interview_id), latest, zone)
    instructions = repo.instructions(interview_id)
    step_answers = answers(wb, interview_id, follow_up.STEP_ID)
    standing = _standing(wb, summary, step_answers)
    no_call = follow_up.no_call_reason(standing, summary.interview.ends_at, rules)
    contacts = repo.contacts(interview_id)
    waiting = follow_up.waiting_for_them(standing, contacts, summary.interview.ends_at, rules)
    call = _status_call(summary, plan, rules)
    local = now.astimezone().replace(tzinfo=None) if now.tzinfo else now  # as interviews are
    status = follow_up.status(
        summary.interview.ends_at,
        summary.interview.decision_expected_on,
        instructions,
        contacts,
        plan.call_on,
        local,
        rules,
        standing,
    )
    at = calendar.call_moment(call.day, call.at, rules.status_call)
    # Only what is still ahead and not done: no reminder of notes already sent or a call made.
    entries = calendar.entries(
        summary,
        instructions,
        at,
        rules.calendar,
        rules.status_call,
        thank_you_done=_notes_sent(wb, summary),
        call_done=bool(no_call or waiting),
    )
    entries = calendar.upcoming(entries, plan.timezone, now)
    return FollowUpView(
        interview_id=interview_id,
        answers=step_answers,
        hear_back=HearBack(
            rules.hearing_back.label,
            rules.hearing_back.help,
            {"": rules.hearing_back.unanswered}
            | {o.id: o.label for o in rules.hearing_back.options},
            standing.hear_back
            if standing.hear_back in {o.id for o in rules.hearing_back.options}
            else "",
        ),
        no_call=no_call or "",
        status=None if status.action == no_call else status,
        waiting=momentum.waiting(pack.momentum) if waiting else None,
        plan=plan,
        instructions=[
            InstructionView(item, follow_up.channel_warning(item, rules.instructions) or "")
            for item in instructions
        ],
        call=call,
        contacts=_contact_log(contacts, contact_on, call.day, rules),
        voicemail=_voicemail(summary, plan, rules),
        calendar=CalendarFile(
            zones,
            calendar.describe(entries),
            calendar.to_ics(entries, plan.timezone, now),
            f"follow-up-{interview_id}.ics",
        ),
    )


def _standing(
    wb: Workbook, summary: InterviewSummary, step_answers: dict[AnswerKey, str]
) -> follow_up.Standing:
    """The application's stage, a later round and the company's word on hearing back."""
    app_id = summary.application.id or 0
    rounds = wb.repo(InterviewRepository).summaries(True, application_id=app_id)
    interview_id = summary.interview.id or 0
    found = standings(wb, rounds, {interview_id: step_answers})
    return found.get(interview_id, follow_up.Standing())


def _notes_sent(wb: Workbook, summary: InterviewSummary) -> bool:
    """Every interviewer of the interview has been sent a thank-you note."""
    people = len(summary.interview.interviewers)
    sent = wb.repo(ThankYouRepository).sent_counts().get(summary.interview.id or 0, 0)
    return people > 0 and sent >= people


def _saved(summary: InterviewSummary) -> int:
    if summary.interview.id is None:
        raise NotFound("an interview that is not saved has no follow-up")
    return summary.interview.id


def _status_call(summary: InterviewSummary, plan: CallPlan, rules: FollowUpContent) -> StatusCall:
    interview = summary.interview
    suggestion = follow_up.suggested_call(
        interview.ends_at.date(), interview.decision_expected_on, rules.status_call
    )
    day = plan.call_on or suggestion.day
    warning = follow_up.early_call_warning(day, suggestion.day, rules.status_call)
    return StatusCall(
        suggestion.reason, day, plan.call_time or rules.status_call.default_time, warning or ""
    )


def _contact_log(
    contacts: list[Contact], on: date, call_day: date, rules: FollowUpContent
) -> ContactLog:
    return ContactLog(
        rows=follow_up.contact_rows(contacts),
        last_id=contacts[-1].id if contacts else None,
        ball_in_their_court=follow_up.ball_in_their_court(contacts, rules.contacts) or "",
        warnings=follow_up.nuisance_warnings(contacts, on, call_day, rules.contacts),
        channels=list(follow_up.CONTACT_CHANNELS),
    )


def _voicemail(summary: InterviewSummary, plan: CallPlan, rules: FollowUpContent) -> Voicemail:
    app = summary.application
    script = voicemail.script(
        plan.caller_name,
        app.role_title,
        app.company,
        summary.interview.starts_at.date(),
        plan.interest_line,
        plan.phone,
        rules.voicemail,
    )
    timing = voicemail.timing(script, rules.voicemail)
    return Voicemail(script, timing.message, timing.too_long)


# -- writes -------------------------------------------------------------------------------------


def save_hear_back(wb: Workbook, interview_id: int, option_id: str) -> None:
    """How the company said the user will hear back (a content option id; '' for not answered)."""
    save_answer(wb, interview_id, follow_up.STEP_ID, follow_up.HEAR_BACK, option_id)


def save_decision(wb: Workbook, interview_id: int, day: date | None) -> None:
    """The date the company said it would decide by (the status call is never suggested before)."""
    repo = wb.repo(InterviewRepository)
    interview = repo.get(interview_id)
    if interview is None:
        raise NotFound(f"interview {interview_id} not found")
    repo.update(replace(interview, decision_expected_on=day))


def add_instruction(
    wb: Workbook, interview_id: int, what: str, channel: Channel, due_on: date | None
) -> list[str]:
    """Add what the company asked for; what stopped it (empty when it was added)."""
    if errors := follow_up.instruction_problems(what):
        return errors
    item = Instruction(interview_id, what.strip(), channel, due_on)
    wb.repo(FollowUpRepository).add_instruction(item)
    return []


def edit_instruction(
    wb: Workbook, item: Instruction, name: str, value: object, today: date
) -> None:
    """One field of `item`, as it is edited. The change is applied to the stored instruction, so
    edits of its other fields made meanwhile (in the same run, or in another tab) are kept."""
    repo = wb.repo(FollowUpRepository)
    for stored in repo.instructions(item.interview_id):
        if stored.id == item.id:  # one removed meanwhile takes no edits
            repo.update_instruction(follow_up.edited_instruction(stored, name, value, today))


def remove_instruction(wb: Workbook, instruction_id: int) -> None:
    wb.repo(FollowUpRepository).delete_instruction(instruction_id)


def save_plan_field(wb: Workbook, interview_id: int, name: str, value: object) -> None:
    """One field of the call plan, as it is typed (text without its surrounding blanks). A name
    given here for the first time is the one the profile signs thank-you notes with, too."""
    kept = value.strip() if isinstance(value, str) else value
    wb.repo(FollowUpRepository).save_plan_field(interview_id, name, kept)
    profile = wb.repo(ProfileRepository)
    if name == "caller_name" and kept and not profile.get()["signature"]:
        profile.set(signature=str(kept))


def log_contact(
    wb: Workbook, interview_id: int, channel: Channel, on: date, answered: bool, note: str
) -> None:
    contact = follow_up.new_contact(interview_id, channel, on, answered, note)
    wb.repo(FollowUpRepository).log_contact(contact)


def remove_contact(wb: Workbook, contact_id: int) -> None:
    wb.repo(FollowUpRepository).delete_contact(contact_id)
