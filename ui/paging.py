"""Only what the person looks at now: long lists a few at a time, folded sections drawn when open.

Every element a page renders is work on each rerun (built, hashed, sent), so a list of fifty cards
costs a rerun fifty cards' work whether or not anyone reads past the fifth. The number shown is
kept in session state by the list's key; the button adds as many again. A closed expander's
content is sent all the same, so `fold` draws it only while the expander is open.
"""

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def first(key: str, items: Sequence[T], count: int) -> Sequence[T]:
    """The items to render now: the first `count`, or as many as the person asked to see."""
    return items[: st.session_state.get(key, count)]


def more(key: str, items: Sequence[T], count: int, label: Callable[[int], str]) -> None:
    """Under the list: a button showing `count` more, labelled `label(hidden)`, while some are
    hidden."""
    shown = st.session_state.get(key, count)
    if len(items) > shown:
        st.button(
            label(len(items) - shown),
            key=f"{key}_more",
            on_click=lambda: st.session_state.__setitem__(key, shown + count),
        )


def fold(label: str, key: str, draw: Callable[[], None], expanded: bool = False) -> None:
    """An expander under `key` whose content, `draw()`, is drawn only while it is open (opening
    or closing it reruns the page). `expanded` opens it the first time it is drawn only: passed
    to the expander, it would be part of its id, and a fold that opens while a field inside it is
    incomplete would close (and stop drawing the field) on the keystroke that completes it."""
    st.session_state.setdefault(key, expanded)
    box = st.expander(label, key=key, on_change="rerun")
    with box:
        if box.open:
            draw()
