"""Typed records and enums shared by the domain, the store and the pages."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


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
    occurred_on: date
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class InterviewSummary:
    """An interview joined with its application, for lists and pickers."""

    interview: Interview
    application: Application

    @property
    def title(self) -> str:
        when = self.interview.starts_at.strftime("%d %b %Y")
        return (
            f"{self.application.company} — {self.application.role_title} "
            f"(round {self.interview.round_number}, {when})"
        )


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
