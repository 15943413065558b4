"""Removal with an undo: one pattern for every delete or remove button of the app.

`remove_button` draws the button (`remove_asking`: in a popover that says what goes); its click
removes the record through services.undo, which names what went with it. `offer_undo(page)` (at
the top of the page) then shows "Removed … · Undo" for UNDO_FOR: Undo puts back exactly what
went, rows and dependants. A newer removal on the same page takes the place of the older one,
which stays removed.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import streamlit as st

from followthrough.services import undo
from followthrough.services.undo import Removal
from ui import resources
from ui.text import plain

UNDO_FOR = timedelta(minutes=10)


def _key(page: str) -> str:
    return f"{page}_undo"


def remove_button(
    label: str, key: str, page: str, remove: Callable[[], Removal | None], where: Any = st
) -> None:
    """A button (on `where`: st, a column, a container) whose click runs `remove` and offers undo."""
    where.button(label, key=key, on_click=_removed, args=(page, remove))


def remove_asking(
    label: str, says: str, button: str, key: str, page: str, remove: Callable[[], Removal | None]
) -> None:
    """A popover `label` that says what goes (`says`) above the `button` that removes it; drawn
    only while open (opening it reruns the page), as most are never opened."""
    box = st.popover(label, key=f"{key}_asking", on_change="rerun")
    with box:
        if box.open:
            st.write(says)
            remove_button(button, key, page, remove)


def removal(kind: str, row_id: int) -> Callable[[], Removal]:
    """The removal of the owner's record `row_id` of `kind` (services.undo.TABLES)."""
    words = resources.content().journey.undo
    return lambda: undo.remove(resources.workbook(), words, kind, row_id)


def _removed(page: str, remove: Callable[[], Removal | None]) -> None:
    done = remove()
    if done is not None:
        st.session_state[_key(page)] = (done, datetime.now())


def _put_back(page: str) -> None:
    done, _at = st.session_state.pop(_key(page))
    words = resources.content().journey.undo
    st.session_state[f"{page}_undone"] = undo.put_back(resources.workbook(), words, done)


def offer_undo(page: str) -> None:
    """The last removal on `page`, with its Undo button, while it can still be undone."""
    if said := st.session_state.pop(f"{page}_undone", None):
        st.success(plain(said))
    held = st.session_state.get(_key(page))
    if held is None:
        return
    done, at = held
    if datetime.now() - at > UNDO_FOR:
        del st.session_state[_key(page)]
        return
    words = resources.content().journey.undo
    with st.container(border=True, key=f"{page}_undo_bar"):
        text, action = st.columns([5, 1], vertical_alignment="center")
        text.markdown(plain(done.message))
        action.button(words.button, key=f"{page}_undo_button", on_click=_put_back, args=(page,))
