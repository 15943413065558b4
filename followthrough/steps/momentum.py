"""Step 4, keep the momentum: the next-day plan, the weekly goal, active processes, the check-in.

Every function takes plain values (an interview's plan items, the weekly goal, application dates,
stage history) and returns plain values; services.momentum reads and writes them.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from followthrough import formats
from followthrough.content import (
    ApplyWords,
    CheckInRules,
    MomentumContent,
    MomentumStatusWords,
    NextDayRules,
    ProcessRules,
    WaitingWords,
    WeeklyGoalRules,
)
from followthrough.models import (
    Contact,
    InterviewSummary,
    PlanItem,
    Stage,
    StepState,
    StepStatus,
    in_history_order,
)
from followthrough.steps.follow_up import Standing
from followthrough.templates import fill

STEP_ID = "momentum"


@dataclass(frozen=True)
class Progress:
    actual: int
    goal: int
    reached: bool
    message: str


def default_plan(interview_id: int, rules: NextDayRules) -> list[PlanItem]:
    """The plan every interview starts with, from content."""
    return [PlanItem(interview_id, item.kind, item.label) for item in rules.items]


def item_problems(label: str) -> list[str]:
    """Why a new plan item can't be added yet (empty when it can)."""
    return [] if label.strip() else ["Write the application or the lead first."]


def edited_item(item: PlanItem, name: str, value: object) -> PlanItem:
    """`item` with its field `name` ('label' or 'done') changed; blank words keep the old ones."""
    if name == "label":
        return replace(item, label=str(value).strip() or item.label)
    if name == "done":
        return replace(item, done=bool(value))
    raise ValueError(f"unknown plan item field '{name}'")


def named_application(label: str, rules: ApplyWords) -> tuple[str, str] | None:
    """The company (and role) a plan item names after one of the content's prefixes, e.g.
    "Apply to Globex as analyst" -> ("Globex", "analyst"); None when it names none."""
    text = label.strip()
    for prefix in rules.prefixes:
        if text.lower().startswith(prefix.lower() + " "):
            rest = text[len(prefix) :].strip()
            for separator in rules.role_separators:
                company, found, role = rest.partition(separator)
                if found and company.strip() and role.strip():
                    return company.strip(), role.strip()
            return (rest, "") if rest else None
    return None


def plan_day(interview_ends_at: datetime) -> date:
    """The next-day plan is for the day after the interview."""
    return interview_ends_at.date() + timedelta(days=1)


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `today`."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def applications_this_week(applied_dates: list[date | None], today: date) -> int:
    monday, sunday = week_of(today)
    return sum(1 for day in applied_dates if day and monday <= day <= sunday)


def progress(actual: int, goal: int, rules: WeeklyGoalRules) -> Progress:
    reached = actual >= goal
    template = rules.on_track if reached else rules.behind
    message = fill(template, actual=actual, goal=goal, left=max(goal - actual, 0))
    return Progress(actual, goal, reached, message)


def latest_stages(history: list[tuple[int, Stage, date | None, int]]) -> dict[int, Stage]:
    """Each application's latest stage from (application id, stage, date or None, event id) rows
    (models.in_history_order)."""
    latest: dict[int, Stage] = {}
    for app_id, stage, _day, _id in in_history_order(history, lambda r: (r[0], r[2], r[3])):
        latest[app_id] = stage
    return latest


def active_processes(latest: dict[int, Stage]) -> int:
    """Applications whose latest stage is not a closed one."""
    return sum(1 for stage in latest.values() if not stage.is_closed)


def process_warning(active: int, rules: ProcessRules) -> tuple[bool, str]:
    """(warn?, message): a clear warning when only one process (or none) is active."""
    if active > rules.warn_at_or_below:
        return False, fill(rules.healthy, count=active)
    return True, fill(rules.none if active == 0 else rules.one, count=active)


def reframe(mood_id: str, rules: CheckInRules) -> str | None:
    return next((m.reframe for m in rules.moods if m.id == mood_id), None)


def status(
    interview_ends_at: datetime, items: list[PlanItem], now: datetime, words: MomentumStatusWords
) -> StepStatus:
    """Step 4 for one interview: the day after it, not the day itself; overdue while the plan stays
    open after that day.

    `items` is the interview's saved plan: empty until the user first changes the default plan.
    """
    day = plan_day(interview_ends_at)
    when = formats.short_day(day)
    if now < interview_ends_at:
        return StepStatus(STEP_ID, StepState.UPCOMING, words.upcoming, due_on=day)
    left = sum(1 for item in items if not item.done)
    if items and not left:
        return StepStatus(STEP_ID, StepState.DONE, words.done, due_on=day)
    today = now.date()
    if today < day:
        return StepStatus(STEP_ID, StepState.UPCOMING, fill(words.tomorrow, date=when), due_on=day)
    action = words.left.say(left, date=when) if items else fill(words.make_plan, date=when)
    if today > day:
        reason = fill(words.overdue_reason, date=when)
        return StepStatus(STEP_ID, StepState.OVERDUE, action, reason, day)
    return StepStatus(STEP_ID, StepState.DUE, action, words.due_reason, day)


@dataclass(frozen=True)
class Waiting:
    """What to know while waiting for an answer (content's waiting words and stall reasons)."""

    title: str
    lines: list[str]
    reasons_title: str
    reasons: list[str]


def waiting(rules: MomentumContent) -> Waiting:
    return Waiting(
        rules.waiting.title,
        list(rules.waiting.lines),
        rules.check_in.reframes_title,
        list(rules.check_in.reframes),
    )


def silent_past_decision(
    summary: InterviewSummary,
    standing: Standing,
    contacts: list[Contact],
    today: date,
    words: WaitingWords,
) -> str | None:
    """When the date they gave has passed with no word from them (no answer to a call, no stage
    recorded since the interview, no next round), what to make of it; else None."""
    interview = summary.interview
    decision = interview.decision_expected_on
    if decision is None or decision >= today:
        return None
    if standing.next_round_on is not None or any(c.answered for c in contacts):
        return None
    if standing.stage_on is not None and standing.stage_on > interview.ends_at.date():
        return None  # they answered: a stage is on the Tracker since
    if standing.stage is not None and (standing.stage.is_closed or standing.stage == Stage.OFFER):
        return None
    return fill(
        words.silent,
        company=summary.application.company,
        date=formats.day(decision),
        days=(today - decision).days,
    )
