"""Practice bank: every card across interviews, weakest first, rehearsed before the next interview."""

import streamlit as st

from followthrough.services import practice
from ui import clock, navigation, practice_cards, resources, screens
from ui.undo import offer_undo

PAGE = "practice"
FIRST = 20  # cards drawn before "Show all"
ORDER = "practice_order"

# Weakest first when the page opens; then the order holds until a refresh re-sorts it.
shown = tuple(st.session_state.get(ORDER, ()))
now = screens.minute(clock.now())
view = screens.view(practice.bank, resources.workbook(), resources.content(), shown, now)
st.session_state[ORDER] = tuple(card.id for card in view.cards)

st.title("Practice bank")
offer_undo(PAGE)
st.write(
    "The questions that caught you off guard and the blunders you noted in step 1, each with the "
    "better answer you are practising. The weakest cards come first."
)
if view.rehearse:
    st.warning(view.rehearse)
if not view.cards:
    st.info("No practice cards yet: make them from your notes in step 1.")
    st.page_link(navigation.NOTES, label="Take notes", icon="📝")
# The weakest cards are the ones to rehearse; drawing every card would slow each rerun.
cards = view.cards
if len(cards) > FIRST:
    everything = st.toggle(f"Show all {len(cards)} cards", key="practice_show_all")
    cards = cards if everything else cards[:FIRST]
for card in cards:
    st.text(card.context)
    practice_cards.card_editor(card, PAGE)
