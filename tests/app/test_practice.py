from datetime import date, datetime, time, timedelta

from followthrough import formats
from followthrough.models import Interview, InterviewFormat
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.practice import PracticeRepository
from tests.app.conftest import shown
from ui import clock

PAGE = "app_pages/practice.py"


def _cards(workbook) -> PracticeRepository:
    return workbook.repo(PracticeRepository)


def _interview_ids(workbook) -> dict[str, int]:
    return {
        f"{s.application.company} {s.interview.round_number}": s.interview.id
        for s in workbook.repo(InterviewRepository).summaries()
    }


def test_empty_bank_points_to_step_1(open_page) -> None:
    at = open_page(PAGE)
    assert "No practice cards yet" in shown(at.info)
    assert not at.exception


def test_cards_across_interviews_weakest_first_and_practised(
    open_page, workbook, sample_workbook
) -> None:
    ids = _interview_ids(sample_workbook)
    cards = _cards(workbook)
    solid = cards.add(ids["Northwind Analytics 2"], "Walk me through your portfolio")
    cards.update(solid, confidence=5)
    weak = cards.add(ids["Bluebird Health 1"], "Why healthcare?")
    at = open_page(PAGE)
    questions = [t.value for t in at.text_input if t.key.endswith("_question")]
    assert questions == ["Why healthcare?", "Walk me through your portfolio"]
    assert [t.value for t in at.text][:2] == [
        "Bluebird Health — Product Designer, round 1",
        "Northwind Analytics — Senior Product Designer, round 2",
    ]
    at.button(key=f"practice_card{weak}_practised").click().run()
    at.radio(key=f"practice_card{weak}_confidence").set_value(2).run()
    at.text_area(key=f"practice_card{weak}_better_answer").input("Because it matters.").run()
    card = next(c for c in cards.all() if c.id == weak)
    assert card.times_practised == 1 and card.last_practised_on == date.today()
    assert card.confidence == 2 and card.better_answer == "Because it matters."
    assert "Practised once · last practised" in " ".join(c.value for c in at.caption)
    assert not at.exception


def test_bank_is_surfaced_before_a_near_interview(open_page, workbook, sample_workbook) -> None:
    ids = _interview_ids(sample_workbook)
    _cards(workbook).add(ids["Bluebird Health 1"], "Why healthcare?")
    app_id = next(
        a.id
        for a in sample_workbook.repo(ApplicationRepository).all()
        if a.company == "Bluebird Health"
    )
    tomorrow = datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    sample_workbook.repo(InterviewRepository).add(
        Interview(app_id, 2, InterviewFormat.VIDEO, tomorrow, tomorrow + timedelta(hours=1))
    )
    at = open_page(PAGE)
    assert "rehearse the 1 card below confidence 4 first" in shown(at.warning)
    assert not at.exception


def test_the_bank_goes_by_the_apps_clock(open_page, workbook, sample_workbook, monkeypatch) -> None:
    """At the moment FOLLOWTHROUGH_NOW names (a coach's demo, a test), the next interview is the
    one after that moment, and "Practised it" records that day."""
    ids = _interview_ids(sample_workbook)
    card = _cards(workbook).add(ids["Bluebird Health 1"], "Why healthcare?")
    app_id = next(
        a.id
        for a in sample_workbook.repo(ApplicationRepository).all()
        if a.company == "Bluebird Health"
    )
    later = datetime.combine(date.today() + timedelta(days=5 * 366), time(10))  # after the sample's
    sample_workbook.repo(InterviewRepository).add(
        Interview(app_id, 2, InterviewFormat.VIDEO, later, later + timedelta(hours=1))
    )
    monkeypatch.setenv(clock.ENV, (later - timedelta(days=30)).isoformat())
    assert "rehearse" not in shown(open_page(PAGE).warning)  # a month ahead: not yet
    the_day_before = later - timedelta(days=1)
    monkeypatch.setenv(clock.ENV, the_day_before.isoformat())
    at = open_page(PAGE)
    assert f"Your next interview is on {formats.short_day(later)}" in shown(at.warning)
    at.button(key=f"practice_card{card}_practised").click().run()
    practised = next(c for c in _cards(workbook).all() if c.id == card)
    assert practised.last_practised_on == the_day_before.date()
    assert not at.exception


def test_deleting_a_card(open_page, workbook, sample_workbook) -> None:
    card = _cards(workbook).add(_interview_ids(sample_workbook)["Kite Mobility 1"], "Why UX?")
    at = open_page(PAGE)
    at.button(key=f"practice_card{card}_delete").click().run()
    assert _cards(workbook).all() == []
    assert "No practice cards yet" in shown(at.info)
    assert not at.exception


def test_a_long_bank_shows_the_weakest_first_then_all(open_page, workbook, sample_workbook) -> None:
    interview_id = _interview_ids(sample_workbook)["Kite Mobility 1"]
    cards = _cards(workbook)
    for number in range(25):
        card = cards.add(interview_id, f"Question {number:02}")
        cards.update(card, confidence=1 + number % 5)
    at = open_page(PAGE)
    questions = [t.value for t in at.text_input if t.key.endswith("_question")]
    assert len(questions) == 20 and "Question 00" in questions and "Question 04" not in questions
    at.toggle(key="practice_show_all").set_value(True).run()
    assert len([t for t in at.text_input if t.key.endswith("_question")]) == 25
    assert not at.exception


def test_an_emptied_question_is_not_saved(open_page, workbook, sample_workbook) -> None:
    card = _cards(workbook).add(_interview_ids(sample_workbook)["Kite Mobility 1"], "Why UX?")
    at = open_page(PAGE)
    assert "Not practised yet" in [c.value for c in at.caption]
    at.text_input(key=f"practice_card{card}_question").input("   ").run()
    assert _cards(workbook).all()[0].question == "Why UX?"
    at.text_input(key=f"practice_card{card}_question").input("Why UX, really?").run()
    assert _cards(workbook).all()[0].question == "Why UX, really?"
    assert not at.exception


def test_a_deleted_card_comes_back_with_its_written_answer(
    open_page, workbook, sample_workbook
) -> None:
    card = _cards(workbook).add(_interview_ids(sample_workbook)["Kite Mobility 1"], "Why UX?")
    _cards(workbook).update(card, better_answer="Because research changes minds.", confidence=3)
    [before] = _cards(workbook).all()
    at = open_page(PAGE)
    at.button(key=f"practice_card{card}_delete").click().run()
    assert _cards(workbook).all() == []
    assert "Removed the practice card “Why UX?”." in shown(at.markdown)
    at.button(key="practice_undo_button").click().run()
    assert _cards(workbook).all() == [before]
    assert at.text_area(key=f"practice_card{card}_better_answer").value == (
        "Because research changes minds."
    )
    assert not at.exception
