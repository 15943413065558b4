"""The practice bank: every card across interviews, weakest first, and the cards to rehearse before
the next interview. Card edits, from the bank and from step 1, are saved here."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from followthrough import formats
from followthrough.content import ContentPack, PracticeRules
from followthrough.models import PracticeCard
from followthrough.services.workbook import Workbook
from followthrough.steps import practice
from followthrough.store.interviews import InterviewRepository
from followthrough.store.practice import PracticeRepository

CONFIDENCE = (1, 2, 3, 4, 5)  # how a card is rated: 1 shaky … 5 solid


@dataclass(frozen=True)
class CardView:
    id: int
    question: str
    better_answer: str
    confidence: int
    context: str  # the interview it came from, in words
    practised: str  # 'Practised twice · last practised Tue 1 Dec 2026', 'Not practised yet'


@dataclass(frozen=True)
class BankView:
    cards: list[CardView]  # weakest first, in the order already shown
    rehearse: str  # when the next interview is and how many cards to rehearse first, or ''


def bank(wb: Workbook, pack: ContentPack, shown: Sequence[int], now: datetime) -> BankView:
    """Every card; `shown` is the order the page showed last, so a card doesn't jump as it's rated."""
    cards = practice.keep_order(practice.weakest_first(wb.repo(PracticeRepository).all()), shown)
    starts = [s.interview.starts_at for s in wb.repo(InterviewRepository).summaries()]
    next_at = practice.next_interview_at(starts, now)
    rules = pack.notes.practice
    to_review = practice.cards_to_review_before(next_at, cards, now, rules)
    return BankView(
        [card_view(c) for c in cards],
        _rehearse(next_at, len(to_review), rules) if next_at and to_review else "",
    )


def card_view(card: PracticeCard) -> CardView:
    return CardView(
        id=card.id or 0,
        question=card.question,
        better_answer=card.better_answer,
        confidence=card.confidence,
        context=card.context,
        practised=_practised(card),
    )


def _practised(card: PracticeCard) -> str:
    if not card.times_practised:
        return "Not practised yet"
    last = card.last_practised_on
    when = f" · last practised {formats.day(last)}" if last else ""
    return f"Practised {formats.times(card.times_practised)}{when}"


def _rehearse(next_at: datetime, count: int, rules: PracticeRules) -> str:
    return (
        f"Your next interview is on {formats.short_day(next_at)} at {formats.clock(next_at)}: "
        f"rehearse the {formats.plural(count, 'card')} below confidence {rules.confident_at} first."
    )


def add_card(wb: Workbook, interview_id: int, question: str, source_prompt: str) -> None:
    """A card for `question` (a line of step 1's notes); nothing new if the interview has it."""
    wb.repo(PracticeRepository).add(interview_id, question, source_prompt)


def edit_card(wb: Workbook, card_id: int, field: str, value: str | int) -> None:
    """Save the question, better answer or confidence; a card keeps its question when it is emptied."""
    if field == "question" and not str(value).strip():
        return
    wb.repo(PracticeRepository).update(card_id, **{field: value})


def record_practice(wb: Workbook, card_id: int, today: date) -> None:
    wb.repo(PracticeRepository).record_practice(card_id, today)


def delete_card(wb: Workbook, card_id: int) -> None:
    wb.repo(PracticeRepository).delete(card_id)
