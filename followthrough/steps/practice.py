"""The practice bank: questions that caught the user out, with better answers to rehearse."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from followthrough.content import PracticeRules
from followthrough.models import PracticeCard


def weakest_first(cards: list[PracticeCard]) -> list[PracticeCard]:
    """Lowest confidence first; then the least practised; then the longest since practised."""
    return sorted(
        cards,
        key=lambda c: (
            c.confidence,
            c.times_practised,
            c.last_practised_on or date.min,
            c.id or 0,
        ),
    )


def keep_order(cards: list[PracticeCard], shown_ids: Sequence[int]) -> list[PracticeCard]:
    """Cards in the order already shown, new ones after: a card shouldn't jump while it's rated."""
    position = {card_id: i for i, card_id in enumerate(shown_ids)}
    return sorted(cards, key=lambda c: position.get(c.id or 0, len(position)))


def next_interview_at(starts: list[datetime], now: datetime) -> datetime | None:
    """The start of the user's next scheduled interview, if any."""
    ahead = [s for s in starts if s > now]
    return min(ahead, default=None)


def cards_to_review_before(
    next_interview: datetime | None,
    cards: list[PracticeCard],
    now: datetime,
    rules: PracticeRules,
) -> list[PracticeCard]:
    """Cards to rehearse now: the not-yet-confident ones, weakest first, when an interview is near.

    Empty when no interview is scheduled within `rules.review_within_days`.
    """
    if next_interview is None or next_interview < now:
        return []
    if next_interview - now > timedelta(days=rules.review_within_days):
        return []
    return weakest_first([c for c in cards if c.confidence < rules.confident_at])
