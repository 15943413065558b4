from datetime import date, datetime, timedelta

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import PracticeRules, load_content
from followthrough.models import Application, Interview, InterviewFormat, PracticeCard
from followthrough.services import practice
from followthrough.steps.practice import (
    cards_to_review_before,
    keep_order,
    next_interview_at,
    weakest_first,
)
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository
from followthrough.store.practice import PracticeRepository

RULES = PracticeRules(review_within_days=3, confident_at=4)
NOW = datetime(2026, 11, 20, 12, 0)


def _card(question: str, confidence: int, times: int = 0, last: date | None = None, id=None):
    return PracticeCard(
        1, question, confidence=confidence, times_practised=times, last_practised_on=last, id=id
    )


def test_weakest_first_orders_by_confidence_then_practice() -> None:
    cards = [
        _card("solid", 5),
        _card("shaky, practised twice", 2, times=2),
        _card("shaky, never practised", 2),
        _card("weakest", 1, times=4),
        _card("shaky, practised long ago", 2, times=2, last=date(2026, 1, 1)),
    ]
    assert [c.question for c in weakest_first(cards)] == [
        "weakest",
        "shaky, never practised",
        "shaky, practised twice",
        "shaky, practised long ago",
        "solid",
    ]


def test_cards_are_surfaced_only_when_the_next_interview_is_near() -> None:
    cards = [_card("solid", 4), _card("weak", 1), _card("so-so", 3)]
    soon = NOW + timedelta(days=2)
    assert [c.question for c in cards_to_review_before(soon, cards, NOW, RULES)] == [
        "weak",
        "so-so",
    ]
    assert cards_to_review_before(NOW + timedelta(days=5), cards, NOW, RULES) == []
    assert cards_to_review_before(None, cards, NOW, RULES) == []
    assert cards_to_review_before(NOW - timedelta(hours=1), cards, NOW, RULES) == []


def test_next_interview_is_the_earliest_ahead() -> None:
    starts = [NOW - timedelta(days=1), NOW + timedelta(days=4), NOW + timedelta(days=2)]
    assert next_interview_at(starts, NOW) == NOW + timedelta(days=2)
    assert next_interview_at([NOW - timedelta(days=1)], NOW) is None


def test_shipped_practice_rules_load() -> None:
    rules = load_content(DEFAULT_CONTENT_DIR).notes.practice
    assert 1 <= rules.confident_at <= 5


def _interview(repo: ApplicationRepository, company: str) -> int:
    app_id = repo.add(Application(company, "Designer", applied_on=date(2026, 11, 1)))
    start = datetime(2026, 11, 20, 9)
    return InterviewRepository(repo.engine, repo.owner_id).add(
        Interview(app_id, 1, InterviewFormat.VIDEO, start, start + timedelta(hours=1))
    )


def test_repository_adds_edits_counts_practice_and_scopes_by_owner(workbook) -> None:
    apps = workbook.repo(ApplicationRepository)
    interview_id = _interview(apps, "Acme")
    cards = workbook.repo(PracticeRepository)
    card_id = cards.add(interview_id, "Why did you leave?", "off_guard")
    assert cards.add(interview_id, "Why did you leave?") is None  # no duplicates
    cards.update(card_id, better_answer="I wanted to grow.", confidence=3)
    cards.record_practice(card_id, date(2026, 11, 21))
    cards.record_practice(card_id, date(2026, 11, 22))
    [card] = cards.all()
    assert card.better_answer == "I wanted to grow." and card.confidence == 3
    assert card.times_practised == 2 and card.last_practised_on == date(2026, 11, 22)
    assert card.context == "Acme — Designer, round 1" and card.source_prompt == "off_guard"
    with pytest.raises(ValueError, match="not editable"):
        cards.update(card_id, times_practised=99)

    other = PeopleRepository(workbook.engine).get_or_create("someone-else")
    theirs = PracticeRepository(workbook.engine, other.id)
    assert theirs.all() == []
    with pytest.raises(LookupError):
        theirs.add(interview_id, "Sneaky?")
    theirs.update(card_id, question="hijacked")
    theirs.delete(card_id)
    assert cards.for_interview(interview_id)[0].question == "Why did you leave?"
    cards.delete(card_id)
    assert cards.all() == []


def test_cards_keep_the_order_they_were_shown_in_and_new_ones_come_last() -> None:
    a, b, c = (PracticeCard(1, q, id=i) for i, q in ((1, "a"), (2, "b"), (3, "c")))
    assert [x.id for x in keep_order([c, a, b], [2, 1])] == [2, 1, 3]
    assert [x.id for x in keep_order([c, a], [])] == [3, 1]


def test_the_bank_keeps_its_order_and_says_what_to_rehearse_first(workbook) -> None:
    apps = workbook.repo(ApplicationRepository)
    interview_id = _interview(apps, "Acme")  # on 20 Nov 2026 at 09:00
    pack = load_content(DEFAULT_CONTENT_DIR)
    for question in ("a", "b"):
        practice.add_card(workbook, interview_id, question, "off_guard")
    cards = workbook.repo(PracticeRepository)
    [a, b] = cards.all()
    practice.edit_card(workbook, a.id, "confidence", 5)
    practice.edit_card(workbook, b.id, "question", "  ")  # an emptied question is not saved
    practice.record_practice(workbook, b.id, date(2026, 11, 19))
    before = datetime(2026, 11, 18, 9, 0)
    view = practice.bank(workbook, pack, [], before)
    assert [c.question for c in view.cards] == ["b", "a"]
    assert view.cards[0].practised == "Practised once · last practised 2026/11/19"
    assert view.cards[1].practised == "Not practised yet"
    assert view.rehearse == (
        "Your next interview is on Fri 2026/11/20 at 09:00: rehearse the 1 card below confidence "
        f"{pack.notes.practice.confident_at} first."
    )
    practice.edit_card(workbook, b.id, "confidence", 5)
    shown = practice.bank(workbook, pack, [b.id, a.id], before).cards
    assert [c.question for c in shown] == ["b", "a"]  # weakest first would now put "a" first
    assert practice.bank(workbook, pack, [], NOW).rehearse == ""  # the interview has begun
    practice.delete_card(workbook, a.id)
    assert [c.id for c in practice.bank(workbook, pack, [], NOW).cards] == [b.id]
