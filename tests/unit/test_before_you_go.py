"""The before-you-go card: while an interview is ahead, what to bring, ask and note; it leads on
the day and is gone once the interview ends."""

from datetime import datetime, timedelta

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Channel,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
)
from followthrough.steps import before_you_go
from followthrough.steps.thank_you import ChannelAdvice

PACK = load_content(DEFAULT_CONTENT_DIR)
WORDS = PACK.before_you_go
START = datetime(2026, 12, 8, 10, 0)
SUMMARY = InterviewSummary(
    Interview(
        1,
        1,
        InterviewFormat.IN_PERSON,
        START,
        START + timedelta(hours=1),
        id=7,
        interviewers=[Interviewer("Tom Okafor"), Interviewer("Lena Park")],
    ),
    Application("Northwind Analytics", "Senior Product Designer", id=1),
)
BY_HAND = ChannelAdvice(Channel.HANDWRITTEN, PACK.thank_you.note.default_reason)


def test_days_before_it_waits_in_the_interviews_card() -> None:
    card = before_you_go.card(SUMMARY, BY_HAND, START - timedelta(days=7), WORDS)
    assert card is not None and not card.leads
    assert card.title == "Before you go: Northwind Analytics, 2026/12/08 at 10:00"
    kit, ask, names = card.sections
    assert kit.title == "Pack your thank-you kit"
    assert any("stamped, pre-addressed envelope" in line for line in kit.lines)
    assert any("coffee shop" in line for line in kit.lines)
    assert "When do they expect to decide?" in ask.lines
    assert any("Who should you contact" in line for line in ask.lines)
    assert names.lines == [
        "You are meeting Tom Okafor and Lena Park: note how each name is spelt and each "
        "person's title."
    ]


def test_on_the_day_it_leads_and_once_it_ends_it_yields_to_step_one() -> None:
    morning = before_you_go.card(SUMMARY, BY_HAND, START - timedelta(hours=2), WORDS)
    assert morning is not None and morning.leads
    assert morning.title == "Today at 10:00: Northwind Analytics — before you go"
    during = before_you_go.card(SUMMARY, BY_HAND, START + timedelta(minutes=30), WORDS)
    assert during is not None  # until it ends: the questions before leaving still count
    assert before_you_go.card(SUMMARY, BY_HAND, START + timedelta(hours=1), WORDS) is None


def test_an_email_recommendation_replaces_the_stationery() -> None:
    advice = ChannelAdvice(Channel.EMAIL, "The decision is expected within 3 days.")
    card = before_you_go.card(SUMMARY, advice, START - timedelta(days=1), WORDS)
    assert card is not None
    kit = card.sections[0]
    assert kit.title == "Plan your thank-you e-mail"
    assert kit.lines[0] == "The decision is expected within 3 days."
    assert not any("envelope" in line for line in kit.lines)


def test_without_names_it_asks_for_them() -> None:
    nobody = InterviewSummary(
        Interview(1, 1, InterviewFormat.VIDEO, START, START + timedelta(hours=1), id=8),
        SUMMARY.application,
    )
    card = before_you_go.card(nobody, BY_HAND, START - timedelta(days=1), WORDS)
    assert card is not None and card.sections[2].lines == [WORDS.names_unknown]
