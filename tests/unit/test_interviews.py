"""Recording interviews: the rules' wording and the service's saves."""

from datetime import date, datetime

import pytest

from followthrough.interviews import interview_rows, recording_errors, title
from followthrough.models import (
    Application,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
)
from followthrough.services import interviews
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository

START = datetime(2026, 12, 1, 14, 30)


def _interview(**changes: object) -> Interview:
    values: dict = {
        "application_id": 0,
        "round_number": 2,
        "format": InterviewFormat.VIDEO,
        "starts_at": START,
        "ends_at": START.replace(hour=15),
        "decision_expected_on": date(2026, 12, 8),
    }
    return Interview(**(values | changes))


def test_an_interview_reads_with_the_one_date_format() -> None:
    summary = InterviewSummary(
        _interview(interviewers=[Interviewer("Ada"), Interviewer("Bo")]),
        Application("Acme", "Data Analyst"),
    )
    assert title(summary) == "Acme — Data Analyst (round 2, 2026/12/01)"
    [row] = interview_rows([summary])
    assert row["When"] == "2026/12/01 14:30"
    assert row["Decision expected"] == "2026/12/08"
    assert row["Interviewers"] == "Ada, Bo"


def test_interviewer_errors_name_the_forms_row_and_blank_rows_are_skipped() -> None:
    people = [Interviewer(""), Interviewer("", email="not-an-address")]
    errors = recording_errors(None, _interview(), people)
    assert errors == [
        "Interviewer 2: Interviewer name is required.",
        "Interviewer 2: 'not-an-address' is not a valid e-mail address (expected name@example.com).",
    ]
    assert recording_errors(None, _interview(), [Interviewer("")]) == [
        "Add at least one interviewer, so each gets a thank-you note."
    ]


def test_recording_with_a_new_application(workbook: Workbook) -> None:
    recorded = interviews.record_interview(
        workbook,
        Application("Acme", "Analyst"),
        _interview(),
        [Interviewer("Ada"), Interviewer("")],
    )
    [summary] = interviews.choices(workbook).summaries
    assert recorded == interviews.Recorded(
        [], "Saved your interview at Acme.", summary.interview.id
    )
    assert [p.name for p in summary.interview.interviewers] == ["Ada"]
    assert interviews.choices(workbook).titles == {
        summary.interview.id: "Acme — Analyst (round 2, 2026/12/01)"
    }


def test_an_invalid_recording_saves_nothing(workbook: Workbook) -> None:
    recorded = interviews.record_interview(
        workbook, Application("", "Analyst"), _interview(), [Interviewer("Ada")]
    )
    assert recorded.errors == ["Company is required."]
    assert workbook.repo(ApplicationRepository).all() == []


def test_an_edit_changes_only_what_the_form_edits(workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Acme", "Analyst", notes="From the tracker"))
    stored = repo.get(app_id)
    stored.archived = True
    repo.update(stored)  # archived in another tab meanwhile
    interviews.save(workbook, Application("Acme Corp", "Analyst", id=app_id))
    saved = repo.get(app_id)
    assert (saved.company, saved.notes, saved.archived) == ("Acme Corp", "From the tracker", True)


def test_an_invalid_edit_is_refused(workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Acme", "Analyst"))
    interview_id = workbook.repo(InterviewRepository).add(_interview(application_id=app_id))
    with pytest.raises(ValueError, match="check the end time"):
        interviews.save(workbook, _interview(id=interview_id, ends_at=START.replace(hour=9)))
    assert workbook.repo(InterviewRepository).get(interview_id).ends_at == START.replace(hour=15)
