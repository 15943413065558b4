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

from followthrough import templates
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


class PipelineRules(Strict):
    no_response_days: int = Field(default=21, ge=1)
    min_sample: int = Field(default=20, ge=1)
    prior_applications: float = Field(default=100, ge=0)
    prior_interviews: float = Field(default=10, ge=0)
    projection_chances: list[Annotated[float, Field(gt=0, lt=1)]] = Field(
        default=[0.5, 0.8, 0.9], min_length=1
    )
    pace_weeks: int = Field(default=8, ge=1)


class PracticeRules(Strict):
    review_within_days: int = Field(ge=0)
    confident_at: int = Field(ge=1, le=5)


class NotesRules(Strict):
    """content/notes.yaml, step 1: when notes count as late, which answers feed practice cards and
    thank-you notes, and when the practice bank is shown."""

    late_after_hours: float = Field(gt=0)
    late_message: Annotated[Text, placeholders("ago")]
    fresh_message: Annotated[Text, placeholders("ago")]
    practice_from: list[Id] = []
    talking_points_from: list[Id] = []
    practice: PracticeRules


class Culture(Strict):
    label: Text
    prefers_email: bool = False


class NoteTemplate(Strict):
    """The three-part thank-you note: appreciation, renewed interest, strongest matching skill."""

    greeting: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    appreciation: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    interest: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    skill: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]
    closing: Annotated[Text, placeholders(*NOTE_PLACEHOLDERS)]


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
    blank_skill: Text
    blank_your_name: Text
    min_words: int = Field(ge=1)
    max_words: int = Field(ge=1)
    interest_words: list[Text] = Field(min_length=1)
    cliches: list[Text] = []

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

    @model_validator(mode="after")
    def _known_zone(self) -> "CalendarRules":
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"'{self.default_timezone}' is not an IANA time zone name") from exc
        return self


class FollowUpContent(Strict):
    """content/follow_up.yaml: rules and words for step 3."""

    boundaries_title: Text
    boundaries: list[Text] = Field(min_length=1)
    instructions: InstructionRules
    status_call: StatusCallRules
    contacts: ContactRules
    voicemail: VoicemailRules
    calendar: CalendarRules


PlanKind = Literal["application", "lead"]


class PlanItemTemplate(Strict):
    kind: PlanKind
    label: Text


class NextDayRules(Strict):
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


class MomentumContent(Strict):
    """content/momentum.yaml: rules and words for step 4."""

    next_day: NextDayRules
    weekly_goal: WeeklyGoalRules
    processes: ProcessRules
    check_in: CheckInRules


class ContentPack(Strict):
    steps: list[Step]
    benchmarks: Benchmarks
    pipeline: PipelineRules
    notes: NotesRules
    thank_you: ThankYouContent
    follow_up: FollowUpContent
    momentum: MomentumContent
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
