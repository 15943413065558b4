"""Practice bank: every card across interviews, weakest first, rehearsed before the next interview."""

from datetime import datetime

import streamlit as st

from followthrough.steps import practice
from ui import navigation, practice_cards, resources

PAGE = "practice"
FIRST = 20  # cards drawn before "Show all"
rules = resources.content().notes.practice
ORDER = "practice_order"
# Weakest first when the page opens; then the order holds until a refresh re-sorts it.
cards = practice.weakest_first(practice_cards.repository().all())
cards = practice.keep_order(cards, st.session_state.get(ORDER, []))
st.session_state[ORDER] = [card.id for card in cards]
starts = [s.interview.starts_at for s in resources.interviews().summaries()]
now = datetime.now()
next_at = practice.next_interview_at(starts, now)

st.title("Practice bank")
st.write(
    "The questions that caught you off guard and the blunders you noted in step 1, each with the "
    "better answer you are practising. The weakest cards come first."
)
to_review = practice.cards_to_review_before(next_at, cards, now, rules)
if to_review:
    st.warning(
        f"Your next interview is on {next_at:%a %d %b at %H:%M}: rehearse the "
        f"{len(to_review)} card{'s' if len(to_review) > 1 else ''} below confidence "
        f"{rules.confident_at} first."
    )
if not cards:
    st.info("No practice cards yet: make them from your notes in step 1.")
    st.page_link(navigation.NOTES, label="Take notes", icon="📝")
# The weakest cards are the ones to rehearse; drawing every card would slow each rerun.
shown = cards
if len(cards) > FIRST:
    everything = st.toggle(f"Show all {len(cards)} cards", key="practice_show_all")
    shown = cards if everything else cards[:FIRST]
for card in shown:
    st.text(card.context)
    practice_cards.card_editor(card, PAGE)
