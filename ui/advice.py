"""The coach's advice cards, drawn the same wherever they show: before you go, while you wait."""

import streamlit as st

from followthrough.services.home import BeforeYouGo, Waiting
from ui.text import plain


def before_you_go(card: BeforeYouGo) -> None:
    """What to bring, ask and note, in a bordered box (Home, step 1) while an interview is ahead."""
    with st.container(border=True):
        st.markdown(f"**{plain(card.title)}**")
        for section in card.sections:
            st.markdown(f"*{section.title}*")
            # Lines hold the user's words (names, the company): each is shown as typed.
            st.markdown("\n".join(f"- {plain(line)}" for line in section.lines))


def waiting(advice: Waiting, reasons: bool = True) -> None:
    """How long offers take, what sitting back costs and (unless the page lists them already)
    why silence happens: on Home, step 3 after the call, and step 4."""
    st.markdown(f"**{advice.title}**")
    for line in advice.lines:
        st.markdown(line)
    if reasons:
        st.markdown(f"*{advice.reasons_title}*")
        st.markdown("\n".join(f"- {line}" for line in advice.reasons))
