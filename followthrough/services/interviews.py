"""The Interviews screen and the interview picker: record, list, edit and delete interviews.

Edits are checked by the rules in `followthrough.interviews`; a save of an invalid record is
refused here too, so no caller (page, CLI, notebook) can store one.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from followthrough import interviews as rules
from followthrough.models import (
    Application,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
    Invalid,
    NotFound,
    Stage,
)
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository

Record = Application | Interview | Interviewer


@dataclass(frozen=True)
class ApplicationEditor:
    """One application with its rounds (date order, each with its interviewers), to edit."""

    application: Application
    rounds: list[Interview]


@dataclass(frozen=True)
class InterviewsView:
    rows: list[dict[str, object]]  # one per interview, most recent first
    editable: dict[int, str]  # the applications that have interviews, named
    editor: ApplicationEditor | None  # the chosen one of `editable`, else its first
    blank_application: Application  # what the new-interview form starts from
    blank_interview: Interview


@dataclass(frozen=True)
class Recorded:
    """The outcome of recording an interview: what stopped it, or what to say once it is saved."""

    errors: list[str]
    message: str = ""
    interview_id: int | None = None  # the interview saved, for the next step's link


@dataclass(frozen=True)
class InterviewChoices:
    """What a picker of interviews shows: most recent first, each with its title."""

    summaries: list[InterviewSummary]
    titles: dict[int, str]  # by interview id


def screen(wb: Workbook, chosen: int | None, today: date) -> InterviewsView:
    """Everything the Interviews page shows but the list of applications (application_names:
    the whole pipeline, which the page keeps cached); `chosen` is the application to edit."""
    summaries = wb.repo(InterviewRepository).summaries()
    rounds: dict[int, list[Interview]] = {}
    for summary in summaries:
        rounds.setdefault(summary.interview.application_id, []).append(summary.interview)
    # Newest application first, as the list of applications is.
    by_id = {s.application.id: s.application for s in summaries if s.application.id is not None}
    by_id = dict(sorted(by_id.items(), reverse=True))
    editable = {i: rules.application_name(a) for i, a in by_id.items()}
    pick = chosen if chosen in editable else next(iter(editable), None)
    editor = None
    if pick is not None:
        editor = ApplicationEditor(by_id[pick], sorted(rounds[pick], key=lambda i: i.starts_at))
    return InterviewsView(
        rows=rules.interview_rows(summaries),
        editable=editable,
        editor=editor,
        blank_application=Application("", ""),  # no date applied until the person gives one
        blank_interview=blank_interview(today),
    )


def application_names(wb: Workbook) -> dict[int, str]:
    """Every current application by id, named, newest first (what a new interview is for)."""
    return {a.id: rules.application_name(a) for a in wb.repo(ApplicationRepository).all() if a.id}


def blank_interview(today: date) -> Interview:
    """A new interview's defaults: a one-hour video call at ten today."""
    return Interview(
        application_id=0,
        round_number=1,
        format=InterviewFormat.VIDEO,
        starts_at=datetime.combine(today, time(10)),
        ends_at=datetime.combine(today, time(11)),
    )


def choices(wb: Workbook) -> InterviewChoices:
    """The interviews of current applications, for the step pages' picker."""
    summaries = wb.repo(InterviewRepository).summaries()
    return InterviewChoices(
        summaries, {s.interview.id: rules.title(s) for s in summaries if s.interview.id}
    )


def record_interview(
    wb: Workbook, application: Application | int, interview: Interview, people: list[Interviewer]
) -> Recorded:
    """Save a new interview with a new `Application` or an existing application's id.

    `people` are the form's interviewer rows, blank ones included; blank ones are skipped.
    """
    new = application if isinstance(application, Application) else None
    if errors := rules.recording_errors(new, interview, people):
        return Recorded(errors)
    apps = wb.repo(ApplicationRepository)
    if isinstance(application, Application):
        # The history starts on the date applied, when the person gave one; without it the
        # interview's own stage is the history (an "applied" event dated today would be invented).
        first = Stage.APPLIED if application.applied_on else None
        try:
            app_id, company = apps.add(application, first_stage=first), application.company
        except Invalid as exc:  # a value too long for the workbook
            return Recorded([str(exc)])
    else:
        found = apps.get(application)
        if found is None:
            raise NotFound(f"application {application} not found")
        app_id, company = application, found.company
    named = [p for p in people if not rules.is_blank(p)]
    try:
        interview_id = wb.repo(InterviewRepository).add(
            replace(interview, application_id=app_id, interviewers=named)
        )
    except Invalid as exc:
        if isinstance(application, Application):  # nothing half-recorded
            apps.delete(app_id)
        return Recorded([str(exc)])
    return Recorded([], f"Saved your interview at {company or 'the company'}.", interview_id)


def problems(record: Record) -> list[str]:
    """What makes an edited application, interview or interviewer invalid (empty when valid)."""
    if isinstance(record, Application):
        return rules.application_errors(record)
    if isinstance(record, Interview):
        return rules.interview_errors(record)
    return rules.interviewer_errors(record)


def save(wb: Workbook, record: Record) -> None:
    """Save an edited application, interview or interviewer; an invalid one is refused.

    The workbook may still refuse a valid one (models.Invalid: a value too long to keep).
    """
    if errors := problems(record):
        raise ValueError(" ".join(errors))
    if isinstance(record, Application):
        _save_application(wb, record)
    elif isinstance(record, Interview):
        wb.repo(InterviewRepository).update(record)
    else:
        wb.repo(InterviewRepository).update_interviewer(record)


def add_interviewer(wb: Workbook, interview_id: int) -> None:
    wb.repo(InterviewRepository).add_interviewer(interview_id, Interviewer("New interviewer"))


def remove_interviewer(wb: Workbook, interviewer_id: int) -> None:
    wb.repo(InterviewRepository).delete_interviewer(interviewer_id)


def delete_interview(wb: Workbook, interview_id: int) -> None:
    """The interview goes with its interviewers and every step's work on it."""
    wb.repo(InterviewRepository).delete(interview_id)


def delete_application(wb: Workbook, application_id: int) -> None:
    """The application goes with its history, its interviews and every step's work on them."""
    wb.repo(ApplicationRepository).delete(application_id)


def _save_application(wb: Workbook, app: Application) -> None:
    """Only the fields the form edits change: the archive mark and notes stay as stored."""
    repo = wb.repo(ApplicationRepository)
    stored = repo.get(app.id or 0)
    if stored is None:
        raise NotFound(f"application {app.id} not found")
    repo.update(replace(app, notes=stored.notes, archived=stored.archived))
