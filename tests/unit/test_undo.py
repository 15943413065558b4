"""Removal and undo (services.undo on store.removal): a record goes with its dependants, named in
the message, and Undo puts back exactly those rows, for their owner only."""

from datetime import date

import pytest
from sqlalchemy import select

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import JourneyWords, load_model
from followthrough.models import Interviewer, NotFound
from followthrough.services import undo
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository
from followthrough.store.removal import RemovalRepository
from followthrough.store.tables import metadata
from followthrough.store.thank_you import ThankYouRepository

WORDS = load_model(JourneyWords, DEFAULT_CONTENT_DIR / "journey.yaml").undo
TODAY = date(2026, 11, 25)


def _everything(wb: Workbook) -> dict[str, list[dict]]:
    """Every row of every table, by table (what a removal and its undo must leave as it was)."""
    with wb.engine.connect() as conn:
        return {
            t.name: sorted((dict(r._mapping) for r in conn.execute(select(t))), key=str)
            for t in metadata.sorted_tables
            if t.name != "data_versions"  # counters that every write moves on
        }


def _with_notes(wb: Workbook) -> tuple[int, int]:
    """The sample's first interview with a step 1 note and a thank-you draft for its first person."""
    load_sample(wb, TODAY)
    interview = wb.repo(InterviewRepository).summaries()[0].interview
    person = interview.interviewers[0]
    assert interview.id is not None and person.id is not None
    wb.repo(AnswerRepository).save(interview.id, "notes", "mattered", "Roadmap", str(person.id))
    wb.repo(ThankYouRepository).save(person.id, body="Thank you")
    return interview.id, person.id


@pytest.fixture
def store_workbook(store_url: str) -> Workbook:
    return open_workbook(store_url)


def test_removing_an_interviewer_takes_their_notes_and_undo_restores_every_row(
    store_workbook: Workbook,
) -> None:
    wb = store_workbook
    _interview_id, person_id = _with_notes(wb)
    before = _everything(wb)
    name = wb.repo(InterviewRepository).get_interviewer(person_id).name  # type: ignore[union-attr]

    removal = undo.remove(wb, WORDS, "interviewer", person_id)

    assert wb.repo(InterviewRepository).get_interviewer(person_id) is None
    assert removal.message == f"Removed {name}, with 1 written note and 1 thank-you note."
    assert _everything(wb) != before
    assert undo.put_back(wb, WORDS, removal) == f"Put back {name}."
    assert _everything(wb) == before


def test_removing_an_application_names_its_interviews_and_history(workbook: Workbook) -> None:
    interview_id, _ = _with_notes(workbook)
    app_id = workbook.repo(InterviewRepository).get(interview_id).application_id  # type: ignore[union-attr]
    before = _everything(workbook)
    removal = undo.remove(workbook, WORDS, "application", app_id)
    assert "1 interview" in removal.message and "stages of its history" in removal.message
    assert "written note" in removal.message
    undo.put_back(workbook, WORDS, removal)
    assert _everything(workbook) == before


def test_an_id_given_to_a_newer_row_meanwhile_is_renumbered_with_its_dependants(
    workbook: Workbook,
) -> None:
    interview_id, _ = _with_notes(workbook)
    repo = workbook.repo(InterviewRepository)
    person_id = repo.add_interviewer(interview_id, Interviewer("Ms Lee"))  # the highest id
    workbook.repo(AnswerRepository).save(
        interview_id, "notes", "mattered", "Roadmap", str(person_id)
    )
    workbook.repo(ThankYouRepository).save(person_id, body="Thank you")
    removal = undo.remove(workbook, WORDS, "interviewer", person_id)
    # SQLite gives the highest free id again: a new person takes the removed one's id.
    newer = repo.add_interviewer(interview_id, Interviewer("Mr Park"))
    undo.put_back(workbook, WORDS, removal)
    ids = [p.id or 0 for p in repo.get(interview_id).interviewers]  # type: ignore[union-attr]
    restored = max(ids)
    assert newer == person_id and restored > newer and len(set(ids)) == len(ids)
    # The note and the thank-you draft follow the restored person to their new id.
    answers = workbook.repo(AnswerRepository).for_step(interview_id, "notes")
    assert answers[("mattered", str(restored))] == "Roadmap"
    assert ("mattered", str(newer)) not in answers
    assert (
        workbook.repo(ThankYouRepository).for_interview(interview_id)[restored].body == "Thank you"
    )


def test_another_owner_cannot_put_back_or_take_a_removal(workbook: Workbook) -> None:
    _interview_id, person_id = _with_notes(workbook)
    other = PeopleRepository(workbook.engine).get_or_create("someone-else")
    theirs = RemovalRepository(workbook.engine, other.id)
    with pytest.raises(NotFound):
        theirs.take("interviewers", person_id)
    removal = undo.remove(workbook, WORDS, "interviewer", person_id)
    with pytest.raises(NotFound):
        theirs.put_back(removal.removed)
    assert workbook.repo(InterviewRepository).get_interviewer(person_id) is None


def test_undo_after_the_parent_went_says_so_and_restores_nothing(workbook: Workbook) -> None:
    interview_id, person_id = _with_notes(workbook)
    removal = undo.remove(workbook, WORDS, "interviewer", person_id)
    undo.remove(workbook, WORDS, "interview", interview_id)
    before = _everything(workbook)
    assert undo.put_back(workbook, WORDS, removal) == WORDS.gone
    assert _everything(workbook) == before
