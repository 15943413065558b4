from datetime import date, datetime

import pytest

from followthrough.models import (
    Application,
    Interview,
    Interviewer,
    NotFound,
    InterviewFormat,
    Stage,
    StatusEvent,
)
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.drafts import DraftRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository


def _interview(app_id: int) -> Interview:
    return Interview(
        application_id=app_id,
        round_number=1,
        format=InterviewFormat.PANEL,
        starts_at=datetime(2026, 11, 20, 9, 0),
        ends_at=datetime(2026, 11, 20, 10, 30),
        location="HQ",
        decision_expected_on=date(2026, 12, 1),
        interviewers=[Interviewer("Ada", "CTO", "ada@x.example"), Interviewer("Bo")],
    )


@pytest.fixture
def workbook(store_url: str) -> Workbook:
    """Every repository test runs on SQLite and on PostgreSQL."""
    return open_workbook(store_url)


@pytest.fixture
def repos(workbook: Workbook) -> tuple[ApplicationRepository, ApplicationRepository]:
    """Repositories of two different people on the same database."""
    other = PeopleRepository(workbook.engine).get_or_create("other", "Someone else")
    return (
        workbook.repo(ApplicationRepository),
        ApplicationRepository(workbook.engine, other.id),
    )


def test_local_person_is_created_once(workbook: Workbook) -> None:
    people = PeopleRepository(workbook.engine)
    assert people.local() == people.local() == workbook.owner


def test_application_round_trip_with_its_first_stage(repos) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst", "referral", applied_on=date(2026, 11, 1)))
    assert mine.get(app_id).company == "Initech"
    assert [(e.stage, e.occurred_on) for e in mine.events(app_id)] == [
        (Stage.APPLIED, date(2026, 11, 1))
    ]


def test_interview_keeps_interviewers_in_order_and_appends_a_stage(repos) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst", applied_on=date(2026, 11, 1)))
    interview_id = InterviewRepository(mine.engine, mine.owner_id).add(_interview(app_id))
    stored = InterviewRepository(mine.engine, mine.owner_id).get(interview_id)
    assert [p.name for p in stored.interviewers] == ["Ada", "Bo"]
    assert stored.format is InterviewFormat.PANEL
    assert [e.stage for e in mine.events(app_id)] == [Stage.APPLIED, Stage.INTERVIEW]


def test_stage_history_is_appended_never_overwritten(repos) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst", applied_on=date(2026, 11, 1)))
    mine.add_event(StatusEvent(app_id, Stage.REJECTED, date(2026, 11, 9)))
    assert [e.stage for e in mine.events(app_id)] == [Stage.APPLIED, Stage.REJECTED]


def test_owner_scoping_hides_and_protects_other_peoples_rows(repos) -> None:
    mine, theirs = repos
    app_id = mine.add(Application("Initech", "Analyst"))
    interview_id = InterviewRepository(mine.engine, mine.owner_id).add(_interview(app_id))
    assert theirs.get(app_id) is None
    assert theirs.all() == []
    assert InterviewRepository(theirs.engine, theirs.owner_id).summaries() == []
    assert (
        InterviewRepository(theirs.engine, theirs.owner_id).summaries(application_id=app_id) == []
    )
    other_app = mine.add(Application("Globex", "Analyst"))
    InterviewRepository(mine.engine, mine.owner_id).add(_interview(other_app))
    [only] = InterviewRepository(mine.engine, mine.owner_id).summaries(application_id=app_id)
    assert (only.interview.id, only.application.id) == (interview_id, app_id)
    assert InterviewRepository(theirs.engine, theirs.owner_id).get(interview_id) is None
    ada = InterviewRepository(mine.engine, mine.owner_id).get(interview_id).interviewers[0]
    assert InterviewRepository(mine.engine, mine.owner_id).get_interviewer(ada.id) == ada
    assert InterviewRepository(theirs.engine, theirs.owner_id).get_interviewer(ada.id) is None
    assert theirs.events(app_id) == []
    theirs.delete(app_id)
    theirs.update(Application("Hacked", "x", id=app_id))
    assert mine.get(app_id).company == "Initech"
    with pytest.raises(LookupError):
        InterviewRepository(theirs.engine, theirs.owner_id).add(_interview(app_id))
    with pytest.raises(LookupError):
        InterviewRepository(theirs.engine, theirs.owner_id).add_interviewer(
            interview_id, Interviewer("Mallory")
        )


def test_deleting_an_application_removes_its_interviews_and_answers(repos, workbook) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst"))
    interview_id = InterviewRepository(mine.engine, mine.owner_id).add(_interview(app_id))
    answers = workbook.repo(AnswerRepository)
    answers.save(interview_id, "notes", "topics", "Scaling the data team")
    mine.delete(app_id)
    assert InterviewRepository(mine.engine, mine.owner_id).get(interview_id) is None
    assert answers.for_step(interview_id, "notes") == {}


def test_answers_are_upserted_per_prompt_and_subject(workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    interview_id = InterviewRepository(repo.engine, repo.owner_id).add(
        _interview(repo.add(Application("Initech", "Analyst")))
    )
    ada = str(workbook.repo(InterviewRepository).get(interview_id).interviewers[0].id)
    answers = workbook.repo(AnswerRepository)
    answers.save(interview_id, "notes", "topics", "first")
    answers.save(interview_id, "notes", "topics", "second")
    answers.save(interview_id, "notes", "topics", "for Ada", subject=ada)
    answers.save(interview_id, "notes", "topics", "for Ada, again", subject=ada)
    assert answers.for_step(interview_id, "notes") == {
        ("topics", ""): "second",
        ("topics", ada): "for Ada, again",
    }
    with pytest.raises(NotFound):  # an interviewer is a real reference, of this interview
        answers.save(interview_id, "notes", "topics", "for nobody", subject="999")
    other = PeopleRepository(workbook.engine).get_or_create("other")
    assert AnswerRepository(workbook.engine, other.id).for_step(interview_id, "notes") == {}


def test_drafts_are_per_owner_and_cleared_by_prefix(workbook: Workbook) -> None:
    drafts = workbook.repo(DraftRepository)
    drafts.save("form_a_company", "Initech")
    drafts.save("form_a_day", {"date": "2026-11-20"})
    drafts.save("form_b_company", "Globex")
    assert drafts.all("form_a_") == {
        "form_a_company": "Initech",
        "form_a_day": {"date": "2026-11-20"},
    }
    other = PeopleRepository(workbook.engine).get_or_create("other")
    assert DraftRepository(workbook.engine, other.id).all() == {}
    drafts.clear("form_a_")
    assert drafts.all() == {"form_b_company": "Globex"}


def test_samples_are_removed_without_touching_the_users_own_rows(workbook: Workbook) -> None:
    from followthrough.services.sample import has_sample, load_sample, remove_sample

    mine = workbook.repo(ApplicationRepository)
    own = mine.add(Application("Mine", "Real job"))
    assert load_sample(workbook, date(2026, 11, 25)) == 8
    assert has_sample(workbook)
    assert remove_sample(workbook) == 8
    assert [a.id for a in mine.all()] == [own]


def test_answers_for_many_interviews_in_one_call(workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    first = InterviewRepository(repo.engine, repo.owner_id).add(
        _interview(repo.add(Application("Initech", "Analyst")))
    )
    second = InterviewRepository(repo.engine, repo.owner_id).add(
        _interview(repo.add(Application("Globex", "Engineer")))
    )
    answers = workbook.repo(AnswerRepository)
    answers.save(first, "notes", "topics", "Scaling")
    answers.save(first, "thank_you", "topics", "elsewhere")
    assert answers.for_step_many([first, second], "notes") == {
        first: {("topics", ""): "Scaling"},
        second: {},
    }
