"""Typed records and enums shared by the domain, the store and the pages."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import TypeVar


class NotFound(LookupError):
    """A record that does not exist among the owner's rows (or belongs to someone else)."""


class Conflict(Exception):
    """A write refused because it would duplicate a record written meanwhile; `str()` says why."""


class Invalid(ValueError):
    """A value the workbook cannot keep; `field` names it for the form, `str()` says why."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        super().__init__(reason)


class Stage(StrEnum):
    """Where an application stands; an application's stages form an event history."""

    SAVED = "saved"
    APPLIED = "applied"
    RESPONDED = "responded"
    SCREENING = "screening"
    INTERVIEW = "interview"
    FINAL_INTERVIEW = "final_interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no_response"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_closed(self) -> bool:
        """A process at this stage is over: it no longer counts as active."""
        return self in CLOSED_STAGES


CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.NO_RESPONSE})


class InterviewFormat(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"
    PANEL = "panel"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Channel(StrEnum):
    """How a message reaches the company."""

    HANDWRITTEN = "handwritten"
    EMAIL = "email"
    PHONE = "phone"
    VOICEMAIL = "voicemail"
    LETTER = "letter"
    ONLINE_FORM = "online_form"

    @property
    def label(self) -> str:
        return {"email": "E-mail", "online_form": "Online form"}.get(
            self.value, self.value.capitalize()
        )


@dataclass(frozen=True)
class Person:
    id: int
    handle: str
    display_name: str


@dataclass
class Application:
    company: str
    role_title: str
    source: str = ""
    listing_url: str = ""
    applied_on: date | None = None
    notes: str = ""
    is_sample: bool = False
    archived: bool = False
    id: int | None = None


@dataclass
class Interviewer:
    name: str
    title: str = ""
    email: str = ""
    postal_address: str = ""
    id: int | None = None
    interview_id: int | None = None


@dataclass
class Interview:
    application_id: int
    round_number: int
    format: InterviewFormat
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    decision_expected_on: date | None = None
    id: int | None = None
    interviewers: list[Interviewer] = field(default_factory=list)


@dataclass(frozen=True)
class StatusEvent:
    application_id: int
    stage: Stage
    occurred_on: date | None  # None: the day is unknown (a status imported without its date)
    note: str = ""
    id: int | None = None


_Event = TypeVar("_Event")


def in_history_order(
    events: Iterable[_Event], key: Callable[[_Event], tuple[int, date | None, int]]
) -> list[_Event]:
    """Events in the order they happened; `key` gives (application id, day or None, event id).

    By day, then as recorded. An event whose day is unknown keeps its place in the record: it sits
    after the events of its application recorded before it, so an "Interview" imported without a
    date stays after its "Applied" and before an "Offer" recorded later with a day.
    """
    latest: dict[int, date] = {}  # per application, the latest day recorded so far
    placed = []
    for event in sorted(events, key=lambda e: key(e)[2]):
        app, day, number = key(event)
        if day is None:
            day = latest.get(app, date.min)
        else:
            latest[app] = max(day, latest.get(app, date.min))
        placed.append((day, number, event))
    placed.sort(key=lambda row: (row[0], row[1]))
    return [event for _day, _number, event in placed]


def event_order(event: StatusEvent) -> tuple[int, date | None, int]:
    """`in_history_order`'s key for a StatusEvent."""
    return event.application_id, event.occurred_on, event.id or 0


@dataclass(frozen=True)
class InterviewSummary:
    """An interview joined with its application; `followthrough.interviews.title` names it."""

    interview: Interview
    application: Application


AnswerKey = tuple[str, str]  # (prompt_id, subject): how a free-text answer is stored


class StepState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


@dataclass(frozen=True)
class StepStatus:
    """Where one follow-up step stands for one interview, and the single next action in words."""

    step_id: str
    state: StepState
    action: str
    reason: str = ""  # why now, in the coach's words ('' when there is nothing to do)
    due_on: date | None = None  # the step's moment: the day it is (or was, or will be) due


@dataclass(frozen=True)
class Instruction:
    """Something the company asked for: what, through which channel, by when."""

    interview_id: int
    what: str
    channel: Channel
    due_on: date | None = None
    done_on: date | None = None
    done_channel: Channel | None = None
    id: int | None = None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class Contact:
    """One contact the user made with the company after the interview."""

    interview_id: int
    channel: Channel
    occurred_on: date
    answered: bool = False
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CallPlan:
    """The user's status-call and voicemail settings for one interview (blank until chosen)."""

    interview_id: int
    call_on: date | None = None
    call_time: time | None = None
    timezone: str = ""
    caller_name: str = ""
    phone: str = ""
    interest_line: str = ""


@dataclass(frozen=True)
class PlanItem:
    """One thing to do the day after an interview: an application to send or a lead to contact."""

    interview_id: int
    kind: str  # a key of the content's next_day.kinds: "application" or "lead"
    label: str
    done: bool = False
    id: int | None = None


@dataclass(frozen=True)
class CheckIn:
    interview_id: int
    mood: str = ""  # a content mood id, "" until chosen
    feeling: str = ""


@dataclass(frozen=True)
class PracticeCard:
    interview_id: int
    question: str
    source_prompt: str = ""  # the step 1 prompt the question came from (off_guard, blunders)
    better_answer: str = ""
    times_practised: int = 0
    confidence: int = 1
    last_practised_on: date | None = None
    context: str = ""  # the interview it came from, in words, for lists across interviews
    id: int | None = None


@dataclass(frozen=True)
class ThankYouNote:
    """One interviewer's note. `body` is None until the user edits the drafted text."""

    interview_id: int
    interviewer_id: int
    body: str | None = None
    topic: str = ""
    channel: Channel | None = None  # the user's override of the recommendation
    sent_on: date | None = None
    sent_channel: Channel | None = None


class Field(StrEnum):
    """An application field a column of an imported CSV file can fill."""

    COMPANY = "company"
    ROLE_TITLE = "role_title"
    APPLIED_ON = "applied_on"
    STATUS = "status"
    STATUS_ON = "status_on"
    SOURCE = "source"
    LISTING_URL = "listing_url"
    NOTES = "notes"
    HISTORY = "history"

    @property
    def label(self) -> str:
        return _FIELD_LABELS[self]


_FIELD_LABELS = {
    Field.COMPANY: "Company",
    Field.ROLE_TITLE: "Role title",
    Field.APPLIED_ON: "Date applied",
    Field.STATUS: "Status",
    Field.STATUS_ON: "Status date",
    Field.SOURCE: "Source",
    Field.LISTING_URL: "Listing URL",
    Field.NOTES: "Notes",
    Field.HISTORY: "Stage history",
}


class DateOrder(StrEnum):
    """How an imported file writes its dates; asked when the file itself can't tell."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"

    @property
    def label(self) -> str:
        return {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year-month-day"}[
            self.value
        ]


# -- hosted use: cohorts, roles and consent (issue 13) ---------------------------------------


class Forbidden(PermissionError):
    """A call the signed-in person's role does not allow; `str()` says why in one sentence."""


class ShareKind(StrEnum):
    """What a participant may let a cohort's coach see; nothing is shared until they choose."""

    STEP_STATUS = "step_status"  # done / due / overdue per interview
    PIPELINE = "pipeline"  # pipeline figures: counted in the cohort funnel and the stalling list
    NOTE = "note"  # one answer they pick (a note of one of the steps)
    THANK_YOU = "thank_you"  # one thank-you note draft they pick

    @property
    def is_item(self) -> bool:
        return self in (ShareKind.NOTE, ShareKind.THANK_YOU)


@dataclass(frozen=True)
class Cohort:
    """A coach's group for a workshop; `content_pack` names the pack its sessions use."""

    id: int
    name: str
    starts_on: date | None
    ends_on: date | None
    content_pack: str
    coach_id: int
    coach_name: str = ""


@dataclass(frozen=True)
class Invite:
    id: int
    cohort_id: int
    code: str
    expires_at: datetime
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class Member:
    """A participant of a cohort, as its coach sees them: a name, never their workbook."""

    person_id: int
    name: str
    joined_at: datetime


@dataclass(frozen=True)
class Share:
    """One thing a participant lets one cohort's coach see (`item` is 0 for a whole kind)."""

    cohort_id: int
    kind: ShareKind
    item: int = 0
    person_id: int = 0
    id: int | None = None


@dataclass(frozen=True)
class AccessEntry:
    """One time a coach opened something a participant shared (names blank once deleted)."""

    cohort_id: int
    cohort_name: str
    coach_name: str
    participant_name: str
    what: str
    viewed_at: datetime
    participant_deleted: bool = False


@dataclass(frozen=True)
class Item:
    """One note or thank-you draft a participant can pick to share, with what it is about."""

    kind: ShareKind
    id: int
    interview_id: int
    interview_starts_at: datetime
    step_id: str
    prompt_id: str  # "" for a thank-you note
    interviewer: str  # who it is about or addressed to; "" for the interview as a whole
    text: str
