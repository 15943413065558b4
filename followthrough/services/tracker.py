"""The Tracker: every application with its current stage and history; add, edit, archive.

A stage change appends a dated event to the history, never overwrites it. "Likely no response" is a
reading of the history (analytics.tracker); it is shown, and the history is left alone until the
user marks it. Interviews recorded on the Interviews page are these same applications.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from followthrough import formats
from followthrough.analytics.tracker import (
    LIKELY_NO_RESPONSE,
    UNRECORDED,
    counts,
    current_stage,
    history_rows,
    stage_change_errors,
    tracker_frame,
    visible,
)
from followthrough.content import InterviewStageWords, PipelineRules, TrackerWords
from followthrough.interviews import application_errors, application_name
from followthrough.models import Application, Invalid, NotFound, Stage, StatusEvent
from followthrough.services import analytics
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.templates import fill

MAX_ROWS = 1_000  # listed at once (every row is sent to the browser); search narrows the rest


@dataclass(frozen=True)
class TrackerTable:
    """Every application of the owner, one row each (index: id, newest first), and its counts."""

    frame: pd.DataFrame
    active: int  # not archived, not closed
    likely_no_response: int  # of the active ones
    today: date  # the day its stages' ages and flags are read as of

    @property
    def empty(self) -> bool:
        return self.frame.empty


@dataclass(frozen=True)
class Detail:
    """One application as its editor shows it."""

    app_id: int
    application: Application
    current: str  # the current stage's label
    history: list[dict[str, object]]
    no_response: str  # the warning when it is likely no response, else ""
    rounds: list[str]  # its interview rounds, oldest first
    # An interview stage with no interview recorded for it: the offer to record one, else "".
    interview_offer: str = ""


@dataclass(frozen=True)
class TrackerView:
    rows: pd.DataFrame  # the listed rows, at most MAX_ROWS
    note: str  # how many rows are left out, or ""
    names: dict[int, str]  # by listed id
    selected: int | None  # the chosen application, or the first listed when it is not listed
    detail: Detail | None


@dataclass(frozen=True)
class Added:
    errors: list[str]
    app_id: int | None = None
    message: str = ""


def table(wb: Workbook, today: date, no_response_days: int) -> TrackerTable:
    apps, events = analytics.frames(wb)
    frame = tracker_frame(apps, events, today, no_response_days)
    active, stale = counts(frame)
    return TrackerTable(frame, active, stale, today)


def screen(
    wb: Workbook,
    table: TrackerTable,
    query: str,
    show_archived: bool,
    selected: int | None,
    rules: PipelineRules,
    offer: InterviewStageWords | None = None,
) -> TrackerView:
    """The rows to list (archived ones on request, narrowed by a search) and the chosen one."""
    rows, matching = visible(table.frame, query, show_archived, limit=MAX_ROWS)
    shown = dict(shown=formats.figure(len(rows)), matching=formats.figure(matching))
    note = fill(rules.tracker.showing, **shown) if matching > len(rows) else ""
    names = {
        i: application_name(Application(company, role))
        for i, company, role in zip(rows.index, rows["company"], rows["role_title"], strict=True)
    }
    if selected not in names:
        selected = next(iter(names), None)
    stale = selected is not None and bool(rows.at[selected, "flag"] == LIKELY_NO_RESPONSE)
    chosen = None if selected is None else detail(wb, selected, stale, rules, offer)
    return TrackerView(rows, note, names, selected, chosen)


def detail(
    wb: Workbook,
    app_id: int,
    stale: bool,
    rules: PipelineRules,
    offer: InterviewStageWords | None = None,
) -> Detail:
    """One application's editor; with `offer`, an "Interview" stage that no recorded interview
    stands for (none on or after its day) offers to record the interview and its steps."""
    words = rules.tracker
    history = wb.repo(ApplicationRepository).events(app_id)
    latest = current_stage(history)
    summaries = wb.repo(InterviewRepository).summaries(True, application_id=app_id)
    rounds = [
        fill(
            words.round,
            round=s.interview.round_number,
            format=s.interview.format.label,
            when=formats.moment(s.interview.starts_at),
        )
        for s in reversed(summaries)  # newest first from the store
    ]
    warning = fill(words.no_response, days=formats.figure(rules.no_response_days))
    app = application(wb, app_id)
    staged = [e.occurred_on for e in history if e.stage == Stage.INTERVIEW]
    dated = [day for day in staged if day]  # an interview stage of unknown day: none held is all
    held = [s.interview.starts_at.date() for s in summaries]
    unrecorded = bool(staged) and (not held or bool(dated) and max(dated) > max(held))
    return Detail(
        app_id,
        app,
        # No history: added as sent without a date, the stage the table shows too.
        (latest.stage if latest else UNRECORDED).label,
        history_rows(history),
        warning if stale else "",
        rounds,
        fill(offer.offer, name=application_name(app)) if offer and unrecorded else "",
    )


def application(wb: Workbook, app_id: int) -> Application:
    app = wb.repo(ApplicationRepository).get(app_id)
    if app is None:
        raise NotFound(f"application {app_id}")
    return app


def add_application(
    wb: Workbook, app: Application, first_stage: Stage, words: TrackerWords
) -> Added:
    """Add a valid application with its first stage; say what is wrong with an invalid one."""
    if errors := application_errors(app):
        return Added(errors)
    # Without the date applied an "applied" event dated today would be invented: the history
    # starts empty and the application counts as sent, its date unknown (analytics.pipeline).
    first: Stage | None = (
        None if first_stage == Stage.APPLIED and not app.applied_on else first_stage
    )
    try:
        app_id = wb.repo(ApplicationRepository).add(app, first_stage=first)
    except Invalid as exc:  # a value too long for the workbook
        return Added([str(exc)])
    return Added([], app_id, fill(words.added, name=application_name(app)))


def save_application(wb: Workbook, app: Application) -> list[str]:
    """Save an edit, or return why not (invalid, or refused by the workbook): nothing is saved then."""
    if errors := application_errors(app):
        return errors
    try:
        wb.repo(ApplicationRepository).update(app)
    except Invalid as exc:
        return [str(exc)]
    return []


def record_stage(
    wb: Workbook,
    app_id: int,
    stage: Stage,
    on: date | None,
    note: str,
    today: date,
    words: TrackerWords,
) -> list[str]:
    """Append a stage to the history, on the day given (its day unknown when none is: never
    today), or say why not."""
    if errors := stage_change_errors(application(wb, app_id), stage, on, today, words):
        return errors
    try:
        wb.repo(ApplicationRepository).add_event(StatusEvent(app_id, stage, on, note.strip()))
    except Invalid as exc:  # a note too long to keep
        return [str(exc)]
    return []


def mark_no_response(wb: Workbook, app_id: int, today: date, rules: PipelineRules) -> None:
    days = formats.figure(rules.no_response_days)
    note = fill(rules.tracker.no_response_note, days=days)
    wb.repo(ApplicationRepository).add_event(StatusEvent(app_id, Stage.NO_RESPONSE, today, note))


def set_archived(wb: Workbook, app_id: int, archived: bool) -> None:
    app = application(wb, app_id)
    app.archived = archived
    wb.repo(ApplicationRepository).update(app)
