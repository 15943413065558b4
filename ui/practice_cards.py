"""Practice-card widgets shared by step 1 and the practice bank; every edit is saved at once."""

import streamlit as st

from followthrough.services import practice
from followthrough.services.practice import CONFIDENCE, CardView
from ui import clock, resources
from ui.autosave import keep
from ui.outage import held
from ui.undo import removal, remove_button


def _save(card_id: int, field: str, key: str) -> None:
    practice.edit_card(resources.workbook(), card_id, field, st.session_state[key])


def _practised(card_id: int) -> None:
    practice.record_practice(resources.workbook(), card_id, clock.today())


def card_editor(card: CardView, page: str) -> None:
    """One card: question, better answer, confidence, the practice count and a "Practised it" button."""
    base = f"{page}_card{card.id}_"
    for field, saved in (
        ("question", card.question),
        ("better_answer", card.better_answer),
        ("confidence", card.confidence),
    ):
        keep(base + field, saved)
    with st.container(border=True):
        st.text_input(
            "Question",
            key=base + "question",
            on_change=held(_save),
            args=(card.id, "question", base + "question"),
        )
        st.text_area(
            "Better answer to practise",
            key=base + "better_answer",
            placeholder="The answer you will give next time, in your own words.",
            on_change=held(_save),
            args=(card.id, "better_answer", base + "better_answer"),
        )
        left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
        left.radio(
            "Confidence (1 = shaky, 5 = solid)",
            CONFIDENCE,
            horizontal=True,
            key=base + "confidence",
            on_change=held(_save),
            args=(card.id, "confidence", base + "confidence"),
        )
        middle.button("Practised it", key=base + "practised", on_click=_practised, args=(card.id,))
        remove_button("Delete", base + "delete", page, removal("card", card.id), where=right)
        st.caption(card.practised)
