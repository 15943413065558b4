"""Coaching content: YAML files loaded into checked, typed objects.

Every error names the file, the path inside it and the reason, so a coach can fix their pack alone.
"""

import stat
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from followthrough import formats, templates
from followthrough.models import Channel, Stage
from followthrough.models import Field as ImportField
from followthrough.workshops import Workshop

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1)]
M = TypeVar("M", bound=BaseModel)
MAX_FILE_BYTES = 256 * 1024  # the shipped files are under 10 KiB each
MAX_DEPTH = 20  # the shipped files nest 5 levels


def placeholders(*names: str) -> AfterValidator:
    """Marks a sentence that `templates.fill` fills with these placeholders; checked when loaded."""
    allowed = frozenset(names)
    return AfterValidator(lambda text: templates.check(text, allowed))


# What a thank-you note's subject and paragraphs can name (steps.thank_you fills them).
NOTE_PLACEHOLDERS = (
    "name",
    "first_name",
    "company",
    "role",
    "meeting",
    "topic",
    "question",
    "skill",
    "your_name",
)
# What the status-call suggestion can name (steps.follow_up.suggested_call).
CALL_PLACEHOLDERS = ("date", "latest", "days", "company_date")


class ContentError(Exception):
    """A content file that cannot be used; `str()` is a message fit for a coach."""

    def __init__(self, file: Path, path: str, reason: str) -> None:
        self.file, self.path, self.reason = file, path, reason
        where = f"{file}: {path}" if path else str(file)
        super().__init__(f"{where}: {reason}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Counted(Strict):
    """A sentence with a count in it, written twice: `one` for a count of 1, `many` for the rest.

    Declare its placeholders with `counted(...)`: {count} is always one of them.
    """

    one: Text
    many: Text

    def say(self, count: float, **values: object) -> str:
        """The sentence for `count`, filled (the count as every screen shows a figure)."""
        template = self.one if count == 1 else self.many
        return templates.fill(template, count=formats.figure(count), **values)


def counted(*names: str) -> AfterValidator:
    """Marks a Counted pair that `say` fills with {count} and these placeholders."""
    allowed = frozenset(("count", *names))

    def check(pair: Counted) -> Counted:
        for which in ("one", "many"):
            try:
                templates.check(getattr(pair, which), allowed)
            except ValueError as exc:
                raise ValueError(f"{which}: {exc}") from None
        return pair

    return AfterValidator(check)


class Noun(Strict):
    """A word with its plural, for sentences that hold several counts: '1 week', '3 weeks'."""

    one: Text
    many: Text

    def of(self, count: float) -> str:
        return formats.plural(count, self.one, self.many)


def placeholders_in(**fields: tuple[str, ...]) -> AfterValidator:
    """Marks the named text fields of a model with the placeholders each may use."""

    def check(model: BaseModel) -> BaseModel:
        for name, allowed in fields.items():
            try:
                templates.check(getattr(model, name), frozenset(allowed))
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
        return model

    return AfterValidator(check)


class PromptKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    RATING = "rating"
    CHOICE = "choice"
    CHECKLIST = "checklist"


class Prompt(Strict):
    id: Id
    kind: PromptKind
    label: Text
    help: str = ""
    placeholder: str = ""
    required: bool = False
    per_interviewer: bool = False
    options: list[Text] = []

    @model_validator(mode="after")
    def _options_fit_kind(self) -> "Prompt":
        needs_options = self.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST)
        if needs_options and not self.options:
            raise ValueError(f"a {self.kind.value} prompt needs a non-empty 'options' list")
        if not needs_options and self.options:
            raise ValueError(f"a {self.kind.value} prompt takes no 'options'")
        return self


class ChecklistItem(Strict):
    id: Id
    label: Text
    help: str = ""


class Checklist(Strict):
    id: Id
    title: Text
    items: list[ChecklistItem] = Field(min_length=1)
    # Shown only when a message goes by this channel (a thank-you note's kit), else always.
    channel: Channel | None = None

    @model_validator(mode="after")
    def _unique_items(self) -> "Checklist":
        _require_unique([item.id for item in self.items], "checklist item id")
        return self


class Step(Strict):
    id: Id
    number: int = Field(ge=1)
    title: Text
    why: Text
    prompts: list[Prompt] = []
    checklists: list[Checklist] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> "Step":
        _require_unique([p.id for p in self.prompts], "prompt id")
        _require_unique([c.id for c in self.checklists], "checklist id")
        return self


class BenchmarkStage(Strict):
    stage: Id
    label: Text
    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "BenchmarkStage":
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) is below low ({self.low})")
        return self


class ListingFunnel(Strict):
    title: Text
    source: Text
    note: str = ""
    stages: list[BenchmarkStage] = Field(min_length=2)


class SourcedFigure(Strict):
    id: Id
    label: Text
    value: float
    unit: str = ""
    source: Text


class Benchmarks(Strict):
    listing_funnel: ListingFunnel
    figures: list[SourcedFigure] = []


class TrackerWords(Strict):
    """The Tracker's sentences (pipeline.yaml, tracker:)."""

    intro: Text
    empty: Text
    showing: Annotated[Text, placeholders("shown", "matching")]
    no_response: Annotated[Text, placeholders("days")]
    no_response_note: Annotated[Text, placeholders("days")]
    added: Annotated[Text, placeholders("name")]
    before_application: Annotated[Text, placeholders("stage", "date", "applied")]
    future_date: Annotated[Text, placeholders("stage", "date")]
    round: Annotated[Text, placeholders("round", "format", "when")]


class ComparisonWords(Strict):
    """How a rate reads beside the benchmark: '5 of 8 · 95% interval 31%–86% · in line with…'."""

    counts: Annotated[Text, placeholders("hits", "total")]
    interval: Annotated[Text, placeholders("range")]
    benchmark: Annotated[Text, placeholders("range", "source")]
    too_small: Annotated[Text, placeholders("benchmark", "min_sample")]
    in_line: Annotated[Text, placeholders("benchmark")]
    above: Annotated[Text, placeholders("benchmark")]
    below: Annotated[Text, placeholders("benchmark")]


class CaptionWords(Strict):
    """The sentence under each chart, and the projection's lines."""

    funnel: Annotated[Text, placeholders("applications", "interviews", "offers", "benchmark")]
    weekly: Annotated[Text, placeholders("weeks", "applications", "replies", "pace", "pace_weeks")]
    weekly_undated: Annotated[Counted, counted()]
    response_none: Text
    response: Annotated[Text, placeholders("employers", "days")]
    response_undated: Annotated[Counted, counted()]
    response_undated_only: Annotated[Counted, counted()]
    reply_undated: Annotated[Counted, counted()]
    weekly_reply_undated: Annotated[Counted, counted()]
    source_none: Text
    source: Annotated[Text, placeholders("source", "hits", "total", "rate")]
    source_few: Text
    projection_none: Text
    projection: Annotated[
        Text, placeholders("interview_rate", "offer_rate", "applications", "interviews", "chance")
    ]
    projection_timed: Annotated[
        Text,
        placeholders(
            "interview_rate", "offer_rate", "applications", "interviews", "chance", "weeks"
        ),
    ]
    projection_wait: Annotated[
        Text, placeholders("applications", "weeks", "min_applications", "min_weeks", "benchmark")
    ]
    line_none: Annotated[Text, placeholders("chance")]
    line: Annotated[Text, placeholders("chance", "applications", "range", "interviews")]
    line_timed: Annotated[
        Text,
        placeholders(
            "chance", "applications", "range", "interviews", "weeks", "weeks_range", "pace"
        ),
    ]


class AnalyticsNouns(Strict):
    application: Noun
    more_application: Noun
    interview: Noun
    week: Noun
    first_reply: Noun
    employer: Noun
    day: Noun
    resume: Noun
    offer: Noun


class AnalyticsWords(Strict):
    """The Analytics page's sentences and action cards (pipeline.yaml, analytics:)."""

    empty: Text
    nothing_to_do: Text
    stale: Annotated[Counted, counted("days")]
    no_pace: Annotated[Text, placeholders("weeks")]
    below: Annotated[Text, placeholders("share", "sources")]
    above: Annotated[Text, placeholders("share", "sources")]
    small_sample: Annotated[Counted, counted("min_sample")]
    reached_definition: Text
    # One listing in its own terms: '250 résumés → 4–6 interviewed → 1 offer (source)'.
    benchmark: Annotated[Text, placeholders("applied", "interviewed", "offers", "source")]
    comparison: ComparisonWords
    captions: CaptionWords
    nouns: AnalyticsNouns


class PipelineRules(Strict):
    no_response_days: int = Field(default=21, ge=1)
    min_sample: int = Field(default=20, ge=1)
    prior_applications: float = Field(default=100, ge=0)
    prior_interviews: float = Field(default=10, ge=0)
    projection_chances: list[Annotated[float, Field(gt=0, lt=1)]] = Field(
        default=[0.5, 0.8, 0.9], min_length=1
    )
    pace_weeks: int = Field(default=8, ge=1)
    # A projection needs this many applications over this many weeks of searching.
    projection_min_applications: int = Field(default=20, ge=1)
    projection_min_weeks: int = Field(default=4, ge=1)
    tracker: TrackerWords
    analytics: AnalyticsWords


class PracticeRules(Strict):
    review_within_days: int = Field(ge=0)
    confident_at: int = Field(ge=1, le=5)


class NotesStatusWords(Strict):
    """Step 1's status, as Home and the step page say it."""

    upcoming: Text
    done: Text
    due: Annotated[Counted, counted()]
    overdue: Annotated[Counted, counted()]
    due_reason: Text
    overdue_reason: Annotated[Text, placeholders("ago")]


class NotesRules(Strict):
    """content/notes.yaml, step 1: when notes count as late, which answers feed practice cards and
    thank-you notes, and when the practice bank is shown."""

    late_after_hours: float = Field(gt=0)
    late_message: Annotated[Text, placeholders("ago")]
    fresh_message: Annotated[Text, placeholders("ago")]
    practice_from: list[Id] = []
    talking_points_from: list[Id] = []
    revisit_from: list[Id] = []
    skill_from: Id | None = None
    practice: PracticeRules
    status: NotesStatusWords
    upcoming_message: Annotated[Text, placeholders("date", "time")]
    progress_done: Text
    progress_left: Annotated[Counted, counted()]


class Culture(Strict):
    label: Text
    prefers_email: bool = False


class NoteTemplate(Strict):
    """The three-part thank-you note: appreciation, renewed interest, strongest matching skill."""

    greeting: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    appreciation: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    # Only when a question is chosen to revisit: it gets a sentence of its own.
    revisit: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS, "reflection")]
    interest: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    skill: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    closing: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]


class NoteStatusWords(Strict):
    upcoming: Text
    no_interviewers: Text
    done: Text
    due: Annotated[Counted, counted()]
    overdue: Annotated[Counted, counted("date")]
    due_reason: Text
    overdue_reason: Annotated[Text, placeholders("date")]


class CheckText(Strict):
    """One quality check of a thank-you note: its name, and what it says when it passes or not."""

    label: Text
    passed: str
    failed: str


class RoleCompanyCheck(Strict):
    label: Text
    passed: str
    failed_role: str
    failed_company: str
    failed_both: str


class RevisitCheck(Strict):
    label: Text
    passed: str
    failed: str
    unanswered: str


class SkillCheck(Strict):
    label: Text
    passed: str
    failed: str
    no_skill: str


class LengthCheck(Strict):
    label: Text
    words: Annotated[Counted, counted("min", "max")]


class NoteChecks(Strict):
    """Every check's words; each names what it looked for, so the user knows how to fix the note."""

    named: Annotated[CheckText, placeholders_in(passed=("name",), failed=("name",))]
    role_company: Annotated[
        RoleCompanyCheck,
        placeholders_in(
            passed=("role", "company"),
            failed_role=("role", "company"),
            failed_company=("role", "company"),
            failed_both=("role", "company"),
        ),
    ]
    mentions: Annotated[CheckText, placeholders_in(passed=("sentence",), failed=("name",))]
    pasted: Annotated[CheckText, placeholders_in(passed=(), failed=("phrase",))]
    revisit: Annotated[
        RevisitCheck,
        placeholders_in(
            passed=("question",), failed=("question",), unanswered=("question", "blank")
        ),
    ]
    interest: Annotated[
        CheckText, placeholders_in(passed=("sentence",), failed=("company", "role"))
    ]
    skill: Annotated[SkillCheck, placeholders_in(passed=("skill",), failed=("skill",), no_skill=())]
    length: LengthCheck
    cliches: Annotated[CheckText, placeholders_in(passed=(), failed=("phrases",))]
    blanks: Annotated[CheckText, placeholders_in(passed=(), failed=("blanks",))]


class Salutation(Strict):
    """One way a thank-you note may open: 'Dear {name},', 'Hello {first_name},'."""

    id: Id
    text: Annotated[Text, placeholders("name", "first_name", "last_name")]


class NoteRules(Strict):
    due_after_days: int = Field(default=0, ge=0)
    email_if_decision_within_days: int = Field(ge=0)
    default_reason: Text
    quick_decision_reason: Annotated[Text, placeholders("days")]
    culture_reason: Annotated[Text, placeholders("culture")]
    cultures: list[Culture] = Field(min_length=1)
    meeting_words: dict[str, Text]
    phone_reminder: Text
    subject: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    template: NoteTemplate
    blank_topic: Text
    blank_reflection: Text
    blank_skill: Text
    blank_your_name: Text
    min_words: int = Field(ge=1)
    max_words: int = Field(ge=1)
    interest_words: list[Text] = Field(min_length=1)
    # Interest counts when said in a sentence about the job: one naming the company, the role or
    # one of these words.
    interest_about: list[Text] = Field(min_length=1)
    cliches: list[Text] = []
    checks: NoteChecks
    status: NoteStatusWords
    recommended: Annotated[Text, placeholders("channel")]
    override: Annotated[Text, placeholders("chosen", "recommended")]
    sent: Annotated[Text, placeholders("date", "channel")]
    unrecorded_channel: Text
    skill_label: Text
    skill_notes: Text
    skill_round: Annotated[Text, placeholders("round")]
    skill_profile: Annotated[Text, placeholders("company")]
    skill_missing: Annotated[Text, placeholders("company")]
    revisit_label: Text
    revisit_none: Text
    decision_label: Text
    decision_help: str = ""
    decision_known: Annotated[Text, placeholders("date", "days")]
    decision_unknown: Annotated[Text, placeholders("days")]
    culture_label: Text
    culture_help: str = ""
    # How a note may open (issue 11.7): the person picks one on step 2; the template's greeting
    # until then. Honorifics are left out of {first_name} and {last_name} ("Ms Lee" -> "Lee").
    salutation_label: Text
    salutation_own: str = ""  # shown when an edited note opens in words of its own
    # After "Start again from the template": the edited text is kept a while to put back.
    restarted: Text
    put_back: Text
    salutations: list[Salutation] = []
    honorifics: list[Text] = []
    copy_hint: str = ""
    letter_date: Annotated[Text, placeholders("date")] = "{date}"  # the letter's date line

    @model_validator(mode="after")
    def _length_ordered(self) -> "NoteRules":
        if self.max_words < self.min_words:
            raise ValueError(f"max_words ({self.max_words}) is below min_words ({self.min_words})")
        return self


class ThankYouContent(Strict):
    """content/thank_you.yaml: rules and words for step 2."""

    note: NoteRules


class StatusCallRules(Strict):
    """Step 3: when to place the one status call."""

    earliest_days: int = Field(ge=0)
    latest_days: int = Field(ge=0)
    days_after_company_date: int = Field(ge=0)
    skip_weekends: bool = True
    default_time: time
    minutes: int = Field(ge=1)
    explanation: Text
    in_window: Annotated[Text, placeholders(*CALL_PLACEHOLDERS)]
    after_timeline: Annotated[Text, placeholders(*CALL_PLACEHOLDERS)]
    too_early: Annotated[Text, placeholders("date", "suggested")]

    @model_validator(mode="after")
    def _window_ordered(self) -> "StatusCallRules":
        if self.latest_days < self.earliest_days:
            raise ValueError(
                f"latest_days ({self.latest_days}) is below earliest_days ({self.earliest_days})"
            )
        return self


class InstructionRules(Strict):
    explanation: Text
    placeholder: str = ""
    mismatch: Annotated[Text, placeholders("what", "required", "used")]


class ContactRules(Strict):
    """Step 3: the nuisance guard on the contact log."""

    min_days_between: int = Field(ge=0)
    max_unanswered: int = Field(ge=1)
    too_soon: Annotated[Text, placeholders("ago", "days", "min_days")]
    before_plan: Annotated[Text, placeholders("date")]
    too_many: Annotated[Text, placeholders("count", "max")]
    ball_in_their_court: Annotated[Text, placeholders("date")]


class VoicemailRules(Strict):
    words_per_minute: int = Field(ge=60, le=300)
    max_seconds: int = Field(ge=5)
    template: Annotated[
        Text, placeholders("name", "role", "company", "interview_date", "interest", "phone")
    ]
    blank_name: Text
    blank_interest: Text
    blank_phone: Text
    interest_placeholder: str = ""
    fits: Annotated[Text, placeholders("words", "seconds", "max_seconds")]
    too_long: Annotated[Text, placeholders("words", "seconds", "max_seconds")]


class CalendarRules(Strict):
    default_timezone: Text
    thank_you_title: Annotated[Text, placeholders("company", "role")]
    thank_you_description: str = ""
    thank_you_minutes: int = Field(ge=1)
    instruction_title: Annotated[Text, placeholders("what", "channel", "company", "role")]
    status_call_title: Annotated[Text, placeholders("company", "role")]
    status_call_description: str = ""
    decision_title: Annotated[Text, placeholders("company", "role")]
    decision_description: Annotated[str, placeholders("company", "role")] = ""

    @model_validator(mode="after")
    def _known_zone(self) -> "CalendarRules":
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"'{self.default_timezone}' is not an IANA time zone name") from exc
        return self


class HearingBack(Strict):
    """One answer to "how will you hear back?"; `call: false` means a status call won't help."""

    id: Id
    label: Text
    call: bool = True
    reason: str = ""  # why not to call, shown instead of the call planner

    @model_validator(mode="after")
    def _reason_when_no_call(self) -> "HearingBack":
        if not self.call and not self.reason.strip():
            raise ValueError("an option with 'call: false' needs a 'reason' to show instead")
        return self


class HearingBackRules(Strict):
    label: Text
    help: str = ""
    unanswered: Text
    options: list[HearingBack] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_options(self) -> "HearingBackRules":
        _require_unique([o.id for o in self.options], "option id")
        return self


class NoCallWords(Strict):
    """Why there is nothing to call about, by where the application stands. Placeholders: {date}."""

    rejected: Annotated[Text, placeholders("date")]
    withdrawn: Annotated[Text, placeholders("date")]
    accepted: Annotated[Text, placeholders("date")]
    no_response: Annotated[Text, placeholders("date")]
    offer: Annotated[Text, placeholders("date")]
    next_round: Annotated[Text, placeholders("date")]
    day_unknown: Text  # {date} when the stage's day was not given (imported without a date)


class FollowUpStatusWords(Strict):
    upcoming: Text
    instruction_overdue: Annotated[Text, placeholders("what", "channel", "date")]
    instruction_due: Annotated[Text, placeholders("what", "channel")]
    instruction_due_by: Annotated[Text, placeholders("what", "channel", "date")]
    waiting: Text
    call_due: Annotated[Text, placeholders("date")]
    call_later: Annotated[Text, placeholders("date")]
    instruction_reason: Text
    instruction_overdue_reason: Annotated[Text, placeholders("date")]
    call_reason: Text


class FollowUpContent(Strict):
    """content/follow_up.yaml: rules and words for step 3."""

    boundaries_title: Text
    boundaries: list[Text] = Field(min_length=1)
    instructions: InstructionRules
    status_call: StatusCallRules
    contacts: ContactRules
    voicemail: VoicemailRules
    calendar: CalendarRules
    status: FollowUpStatusWords
    hearing_back: HearingBackRules
    no_call: NoCallWords


PlanKind = Literal["application", "lead"]


class PlanItemTemplate(Strict):
    kind: PlanKind
    label: Text


class NextDayRules(Strict):
    title: Annotated[Text, placeholders("date")]
    explanation: Text
    kinds: dict[PlanKind, Text]
    items: list[PlanItemTemplate] = Field(min_length=1)


class WeeklyGoalRules(Strict):
    default: int = Field(ge=1)
    explanation: Text
    on_track: Annotated[Text, placeholders("actual", "goal", "left")]
    behind: Annotated[Text, placeholders("actual", "goal", "left")]


class ProcessRules(Strict):
    warn_at_or_below: int = Field(ge=0)
    none: Annotated[Text, placeholders("count")]
    one: Annotated[Text, placeholders("count")]
    healthy: Annotated[Text, placeholders("count")]


class Mood(Strict):
    id: Id
    label: Text
    reframe: Text


class CheckInRules(Strict):
    question: Text
    moods: list[Mood] = Field(min_length=1)
    reframes_title: Text
    reframes: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_moods(self) -> "CheckInRules":
        _require_unique([m.id for m in self.moods], "mood id")
        return self


class MomentumStatusWords(Strict):
    upcoming: Text
    tomorrow: Annotated[Text, placeholders("date")]
    done: Text
    make_plan: Annotated[Text, placeholders("date")]
    left: Annotated[Counted, counted("date")]
    due_reason: Text
    overdue_reason: Annotated[Text, placeholders("date")]


class WaitingWords(Strict):
    """The waiting, honestly: how long offers take, why silence happens, what sitting back costs.
    Shown on step 3 after the call, on step 4, and on Home once a decision date has passed."""

    title: Text
    lines: list[Text] = Field(min_length=1)
    silent: Annotated[Text, placeholders("company", "date", "days")]


class MomentumContent(Strict):
    """content/momentum.yaml: rules and words for step 4."""

    next_day: NextDayRules
    weekly_goal: WeeklyGoalRules
    processes: ProcessRules
    check_in: CheckInRules
    status: MomentumStatusWords
    waiting: WaitingWords


class BeforeYouGoWords(Strict):
    """content/before_you_go.yaml: the card shown while an interview is still ahead."""

    title: Annotated[Text, placeholders("company", "date", "time")]
    today_title: Annotated[Text, placeholders("company", "date", "time")]
    kit_title: Text
    kit: list[Text] = Field(min_length=1)
    email_kit_title: Text
    email_kit: list[Annotated[Text, placeholders("reason")]] = Field(min_length=1)
    ask_title: Text
    ask: list[Text] = Field(min_length=1)
    names_title: Text
    names_known: Annotated[Text, placeholders("names")]
    names_unknown: Text


class Badges(Strict):
    """How a step's state reads on Home."""

    done: Text
    due: Text
    overdue: Text
    upcoming: Text


class HomeContent(Strict):
    """content/home.yaml: every sentence Home shows."""

    intro: Text
    benchmark_caption: Annotated[Text, placeholders("note", "source")]
    overdue: Annotated[Counted, counted()]
    rehearse: Annotated[Counted, counted("company", "date", "time", "question")]
    practice_link: Text
    interviews_title: Text
    no_interviews: Text
    record_link: Text
    empty: Text
    record_first_link: Text
    load_sample: Text
    remove_sample: Text
    sample_loaded: Annotated[Counted, counted()]
    sample_removed: Annotated[Counted, counted()]
    remove_sample_ask: Annotated[Text, placeholders("applications", "interviews")]
    sample_applications: Annotated[Counted, counted()]
    sample_interviews: Annotated[Counted, counted()]
    remove_sample_yes: Text
    remove_sample_no: Text
    badges: Badges
    due_title: Text
    nothing_due: Text
    next_moment: Annotated[Text, placeholders("date", "action")]
    due_step: Annotated[Text, placeholders("number", "title")]
    next: Annotated[Text, placeholders("action")]
    coming_up: Annotated[Text, placeholders("date", "time")]
    prepare_link: Text
    before_you_go: Text  # the label of an upcoming interview's card, folded on Home
    open_step: Annotated[Text, placeholders("number")]
    earlier: Annotated[Text, placeholders("count")]
    database_unavailable: Text  # on any page, when the database does not answer for a moment
    show_more: Annotated[Counted, counted()]  # the button under a long list


class NextWords(Strict):
    """The next step's link after a save, on each page of the journey."""

    notes: Text
    thank_you: Text
    follow_up: Text
    momentum: Text
    home: Text
    next_note: Annotated[Text, placeholders("name")]
    all_sent: Text


class InterviewStageWords(Strict):
    """A Tracker stage "Interview" with no interview recorded yet."""

    offer: Annotated[Text, placeholders("name")]
    link: Text


class ApplyWords(Strict):
    """A step 4 plan item that names an application, made one on the Tracker."""

    prefixes: list[Text] = Field(min_length=1)
    role_separators: list[Text] = Field(min_length=1)
    button: Text
    on_tracker: Text
    added: Annotated[Text, placeholders("name")]


class DependantWords(Strict):
    """How each kind of row that goes with a removed record is counted in the undo message."""

    status_events: Annotated[Counted, counted()]
    interviews: Annotated[Counted, counted()]
    interviewers: Annotated[Counted, counted()]
    prompt_answers: Annotated[Counted, counted()]
    thank_you_notes: Annotated[Counted, counted()]
    company_cultures: Annotated[Counted, counted()]
    follow_up_instructions: Annotated[Counted, counted()]
    contact_log: Annotated[Counted, counted()]
    call_plans: Annotated[Counted, counted()]
    next_day_items: Annotated[Counted, counted()]
    check_ins: Annotated[Counted, counted()]
    practice_cards: Annotated[Counted, counted()]
    shares: Annotated[Counted, counted()]


class UndoWords(Strict):
    button: Text
    removed: Annotated[Text, placeholders("what")]
    removed_with: Annotated[Text, placeholders("what", "dependants")]
    restored: Annotated[Text, placeholders("what")]
    gone: Text
    interviewer: Annotated[Text, placeholders("name")]
    interview: Annotated[Text, placeholders("round", "company")]
    application: Annotated[Text, placeholders("name")]
    instruction: Annotated[Text, placeholders("what")]
    contact: Annotated[Text, placeholders("channel", "date")]
    plan_item: Annotated[Text, placeholders("label")]
    card: Annotated[Text, placeholders("question")]
    dependants: DependantWords


class JourneyWords(Strict):
    """content/journey.yaml: from one page to the next, and taking back a removal."""

    next: NextWords
    interview_stage: InterviewStageWords
    apply: ApplyWords
    undo: UndoWords


class ImportWords(Strict):
    """content/imports.yaml: the header and status words of other trackers the CSV import reads,
    and the import's own sentences."""

    headers: dict[ImportField, list[Text]]
    statuses: dict[Stage, list[Text]] = {}
    flags: list[Text] = []
    not_imported: Text
    in_workbook: Text
    in_workbook_metric: Text
    result: Annotated[Text, placeholders("imported", "rows", "rejected", "in_workbook")]
    result_in_workbook: Annotated[Text, placeholders("imported", "rows", "rejected", "in_workbook")]
    headline: Annotated[
        Text, placeholders("rows", "how", "verb", "imported", "rejected", "in_workbook")
    ]
    headline_in_workbook: Annotated[
        Text, placeholders("rows", "how", "verb", "imported", "rejected", "in_workbook")
    ]
    undated_statuses: Text


class ContentPack(Strict):
    steps: list[Step]
    benchmarks: Benchmarks
    pipeline: PipelineRules
    notes: NotesRules
    thank_you: ThankYouContent
    follow_up: FollowUpContent
    momentum: MomentumContent
    home: HomeContent
    before_you_go: BeforeYouGoWords
    imports: ImportWords
    journey: JourneyWords
    workshops: list[Workshop] = []  # workshops/*.yaml: a coach's plans (a pack may have none)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


# Each top-level content file besides steps/: its name (file stem and ContentPack field) and model.
SECTIONS: dict[str, type[BaseModel]] = {
    "benchmarks": Benchmarks,
    "pipeline": PipelineRules,
    "notes": NotesRules,
    "thank_you": ThankYouContent,
    "follow_up": FollowUpContent,
    "momentum": MomentumContent,
    "home": HomeContent,
    "before_you_go": BeforeYouGoWords,
    "imports": ImportWords,
    "journey": JourneyWords,
}


def _require_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"duplicate {what} '{item}'")
        seen.add(item)


def _format_loc(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


class _Loader(yaml.SafeLoader):
    """YAML without aliases (content never needs them, and a few can expand into a huge tree) and
    without deep nesting (content is a few levels deep; thousands would exhaust the stack)."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested over {MAX_DEPTH} levels", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _text(file: Path) -> str:
    """The file's text, read only if it is a regular file of a sensible size (never a device,
    a pipe that would block, or a link to either)."""
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ContentError(file, "", "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ContentError(file, "", f"is larger than {MAX_FILE_BYTES // 1024} KiB")
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ContentError(file, "", f"cannot be read ({exc.strerror})") from exc
    if len(data) > MAX_FILE_BYTES:  # grew since stat
        raise ContentError(file, "", f"is larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(file, "", "is not UTF-8 text") from exc


def load_model(model: type[M], file: Path) -> M:
    """Parse one YAML file into `model`, or raise ContentError naming file, path and reason."""
    text = _text(file)
    try:
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader, without aliases)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(file, where, f"invalid YAML: {problem}") from exc
    except (ValueError, OverflowError) as exc:  # scalars PyYAML cannot convert
        raise ContentError(file, "", f"cannot be read as content ({type(exc).__name__})") from exc
    if not isinstance(raw, dict):
        raise ContentError(file, "", "must hold a mapping of keys to values")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = [(_format_loc(e["loc"]), _reason(e)) for e in exc.errors()]
        path, reason = problems[0]
        # Name every problem: a misspelt key usually also shows up as a missing one.
        reason += "".join(f"; {more_path}: {more}" for more_path, more in problems[1:])
        raise ContentError(file, path, reason) from exc


def _reason(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (check its spelling)"
    return error["msg"].removeprefix("Value error, ")


def load_content(directory: Path) -> ContentPack:
    """Load steps/*.yaml and benchmarks.yaml from `directory` into one checked pack."""
    if not directory.is_dir():
        raise ContentError(directory, "", "content folder not found")
    step_files = sorted((directory / "steps").glob("*.yaml"))
    if not step_files:
        raise ContentError(directory / "steps", "", "no step files (*.yaml) found")
    steps = [load_model(Step, file) for file in step_files]
    for file, step in zip(step_files, steps, strict=True):
        clash = [other for other in steps if other.id == step.id and other is not step]
        if clash:
            raise ContentError(file, "id", f"step id '{step.id}' is used by another file")
    sections = {
        name: load_model(model, directory / f"{name}.yaml") for name, model in SECTIONS.items()
    }
    workshops = _load_workshops(directory / "workshops")
    return ContentPack.model_validate(
        {"steps": sorted(steps, key=lambda s: s.number), **sections, "workshops": workshops}
    )


def _load_workshops(folder: Path) -> list[Workshop]:
    """workshops/*.yaml in file-name order; the folder is optional (an older pack has none)."""
    files = sorted(folder.glob("*.yaml"))
    plans: list[Workshop] = []
    for file in files:
        plan = load_model(Workshop, file)
        if any(earlier.id == plan.id for earlier in plans):
            raise ContentError(file, "id", f"workshop id '{plan.id}' is used by an earlier file")
        plans.append(plan)
    return plans
