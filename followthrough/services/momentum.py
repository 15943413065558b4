"""Step 4's screen: the check-in, the next-day plan, the weekly goal and the active processes.

Reading writes nothing: until the user changes the next-day plan, the screen shows the content's
default plan, and the first change (a tick, an edit, a removal, an addition) saves it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from followthrough import formats
from followthrough.content import ApplyWords, ContentPack, MomentumContent
from followthrough.interviews import application_name
from followthrough.models import AnswerKey, Application, InterviewSummary, NotFound, PlanItem
from followthrough.services import undo
from followthrough.services.answers import answers
from followthrough.services.workbook import Workbook
from followthrough.steps import momentum
from followthrough.store.applications import ApplicationRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.templates import fill

APPLICATION = "application"  # the plan-item kind that can name an application


@dataclass(frozen=True)
class CheckInView:
    mood: str | None  # a content mood id; None until one is chosen (or once content drops it)
    feeling: str
    reframe: str  # what to make of the mood; '' until one is chosen


@dataclass(frozen=True)
class PlanRow:
    kind: str  # the kind's label, from content
    label: str
    done: bool
    item_id: int | None  # None: a row of the content's default plan, not saved yet
    position: int  # in the plan, from 0
    applies_to: str = ""  # the application the item names ("Apply to Globex"), else ""
    on_tracker: bool = False  # that application is on the Tracker already


@dataclass(frozen=True)
class NextDay:
    """What step 4 shows for one interview."""

    interview_id: int
    answers: dict[AnswerKey, str]  # the step's prompts and checklists
    check_in: CheckInView
    title: str  # 'Your plan for Tuesday 17 November'
    plan: list[PlanRow]
    kinds: dict[str, str]  # what a plan item can be: its label by kind


@dataclass(frozen=True)
class Week:
    goal: int
    applications: str  # '2 / 5': this week's applications against the goal
    share: float  # of the goal reached, at most 1
    reached: bool
    message: str
    active: int  # active processes
    few_processes: bool  # one or none: a warning
    processes: str


@dataclass(frozen=True)
class Pace:
    """What step 4 reads from the whole pipeline (every application and its history): the page
    keeps it cached on the pipeline's data version, so a rerun does not read 5,000 rows."""

    applied_this_week: int
    active: int  # applications whose latest stage is not a closed one
    tracked: frozenset[tuple[str, str]]  # every application's (company, role), casefolded


@dataclass(frozen=True)
class MomentumView:
    week: Week
    day: NextDay | None  # None while the workbook has no interview
    # How long offers take, why silence happens, what waiting costs: once the interview is over
    # (None while it is still ahead: there is nothing to wait for yet).
    waiting: momentum.Waiting | None


def screen(
    wb: Workbook,
    pack: ContentPack,
    summary: InterviewSummary | None,
    today: date,
    now: datetime | None = None,
    pace: Pace | None = None,
) -> MomentumView:
    """Step 4 for one interview; `now` (default: the end of `today`) decides whether it is over;
    `pace` is read_pace's, when the caller keeps it cached."""
    pace = pace or read_pace(wb, today)
    day = None
    if summary is not None:
        day = _next_day(wb, pack.momentum, pack.journey.apply, summary, pace.tracked)
    moment = now or datetime.combine(today, datetime.max.time())
    over = summary is not None and moment >= summary.interview.ends_at
    waiting = momentum.waiting(pack.momentum) if over else None
    return MomentumView(_week(wb, pack.momentum, pace), day, waiting)


def read_pace(wb: Workbook, today: date) -> Pace:
    repo = wb.repo(MomentumRepository)
    applications = wb.repo(ApplicationRepository).all(include_archived=True)
    return Pace(
        momentum.applications_this_week(repo.applied_dates(), today),
        momentum.active_processes(momentum.latest_stages(repo.stage_history())),
        frozenset((a.company.casefold(), a.role_title.casefold()) for a in applications),
    )


def _next_day(
    wb: Workbook,
    rules: MomentumContent,
    apply: ApplyWords,
    summary: InterviewSummary,
    tracked: frozenset[tuple[str, str]],
) -> NextDay:
    interview_id = summary.interview.id
    if interview_id is None:
        raise NotFound("an interview that is not saved has no next-day plan")
    repo = wb.repo(MomentumRepository)
    saved = repo.check_in(interview_id)
    moods = {m.id for m in rules.check_in.moods}
    items = repo.plan(interview_id) or momentum.default_plan(interview_id, rules.next_day)
    kinds: dict[str, str] = {kind: label for kind, label in rules.next_day.kinds.items()}
    return NextDay(
        interview_id,
        answers(wb, interview_id, momentum.STEP_ID),
        CheckInView(
            saved.mood if saved.mood in moods else None,
            saved.feeling,
            momentum.reframe(saved.mood, rules.check_in) or "",
        ),
        fill(
            rules.next_day.title,
            date=formats.long_day(momentum.plan_day(summary.interview.ends_at)),
        ),
        [_row(item, position, kinds, tracked, apply) for position, item in enumerate(items)],
        kinds,
    )


def _row(
    item: PlanItem,
    position: int,
    kinds: dict[str, str],
    tracked: frozenset[tuple[str, str]],
    apply: ApplyWords,
) -> PlanRow:
    named = momentum.named_application(item.label, apply) if item.kind == APPLICATION else None
    return PlanRow(
        kinds.get(item.kind, item.kind),
        item.label,
        item.done,
        item.id,
        position,
        application_name(Application(*named)) if named else "",
        named is not None and (named[0].casefold(), named[1].casefold()) in tracked,
    )


def _week(wb: Workbook, rules: MomentumContent, pace: Pace) -> Week:
    goal = wb.repo(MomentumRepository).weekly_goal(rules.weekly_goal.default)
    actual, active = pace.applied_this_week, pace.active
    progress = momentum.progress(actual, goal, rules.weekly_goal)
    few, processes = momentum.process_warning(active, rules.processes)
    return Week(
        goal,
        f"{actual} / {goal}",
        min(actual / goal, 1.0),
        progress.reached,
        progress.message,
        active,
        few,
        processes,
    )


# -- writes -------------------------------------------------------------------------------------


def save_check_in(wb: Workbook, interview_id: int, name: str, value: str | None) -> None:
    """The mood or the feeling, as it is chosen or typed."""
    wb.repo(MomentumRepository).save_check_in(interview_id, name, (value or "").strip())


def set_goal(wb: Workbook, goal: int) -> None:
    wb.repo(MomentumRepository).set_weekly_goal(int(goal))


def edit_item(
    wb: Workbook, pack: ContentPack, interview_id: int, row: PlanRow, name: str, value: object
) -> None:
    """One field of a plan row ('label' or 'done'), applied to the stored item."""
    item = _stored(wb, pack, interview_id, row)
    if item is not None and item.id is not None:
        edited = momentum.edited_item(item, name, value)
        wb.repo(MomentumRepository).update_item(item.id, edited.label, edited.done)


def remove_item(
    wb: Workbook, pack: ContentPack, interview_id: int, row: PlanRow
) -> undo.Removal | None:
    """Remove the row's item (saving the default plan first), to be undone; None if it is gone."""
    item = _stored(wb, pack, interview_id, row)
    if item is None or item.id is None:
        return None
    return undo.remove(wb, pack.journey.undo, "plan_item", item.id)


def apply_item(
    wb: Workbook, pack: ContentPack, interview_id: int, row: PlanRow, today: date
) -> str:
    """Make the application a plan item names ("Apply to Globex") one on the Tracker, applied
    today, and tick the item off; what to tell the person ('' when it names none)."""
    named = momentum.named_application(row.label, pack.journey.apply)
    item = _stored(wb, pack, interview_id, row)
    if named is None or item is None or item.id is None:
        return ""
    app = Application(*named, applied_on=today)
    wb.repo(ApplicationRepository).add(app)
    wb.repo(MomentumRepository).update_item(item.id, item.label, True)
    return fill(pack.journey.apply.added, name=application_name(app))


def add_item(
    wb: Workbook, pack: ContentPack, interview_id: int, kind: str, label: str
) -> list[str]:
    """Add to the plan (after the default plan it shows); what stopped it, empty when added."""
    if errors := momentum.item_problems(label):
        return errors
    repo = wb.repo(MomentumRepository)
    repo.ensure_plan(momentum.default_plan(interview_id, pack.momentum.next_day))
    repo.add_item(PlanItem(interview_id, kind, label.strip()))
    return []


def _stored(wb: Workbook, pack: ContentPack, interview_id: int, row: PlanRow) -> PlanItem | None:
    """The stored item a row shows, saving the default plan first when the row is one of its.

    Read afresh, so a change made meanwhile (in the same run, or in another tab) is kept; None
    when the item was removed meanwhile.
    """
    repo = wb.repo(MomentumRepository)
    if row.item_id is None:
        repo.ensure_plan(momentum.default_plan(interview_id, pack.momentum.next_day))
    items = repo.plan(interview_id)
    if row.item_id is None:
        return items[row.position] if row.position < len(items) else None
    return next((item for item in items if item.id == row.item_id), None)
