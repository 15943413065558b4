"""The coach's advice cards, drawn the same wherever they show: before you go, while you wait."""

import streamlit as st

from followthrough.services.home import BeforeYouGo, Waiting
from ui.text import plain


def before_you_go(card: BeforeYouGo) -> None:
    """What to bring, ask and note, in a bordered box (Home, step 1) while an interview is ahead."""
    parts = [f"**{plain(card.title)}**"]
    for section in card.sections:
        # Lines hold the user's words (names, the company): each is shown as typed.
        parts += [f"*{section.title}*", "\n".join(f"- {plain(line)}" for line in section.lines)]
    with st.container(border=True):
        st.markdown(
            "\n\n".join(parts)
        )  # one element, not one a line: a rerun's work is per element


def waiting(advice: Waiting, reasons: bool = True) -> None:
    """How long offers take, what sitting back costs and (unless the page lists them already)
    why silence happens: on Home, step 3 after the call, and step 4."""
    parts = [f"**{advice.title}**", *advice.lines]
    if reasons:
        parts += [f"*{advice.reasons_title}*", "\n".join(f"- {line}" for line in advice.reasons)]
    st.markdown("\n\n".join(parts))
