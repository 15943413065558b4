"""Widgets whose every change is saved: typed values live in the database, session state caches them.

A form's widgets are seeded from an unsaved draft when there is one, else from the saved record, so a
refresh, a restart or a second tab shows exactly what was typed.
"""

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import streamlit as st

from followthrough.models import Invalid
from followthrough.services import drafts
from ui import resources, screens
from ui.outage import held


def load_drafts(prefix: str) -> Mapping[str, Any]:
    """Every saved draft under `prefix`, read once per data version (a draft's save changes it)."""
    return MappingProxyType(screens.view(drafts.drafts, resources.workbook(), prefix))


def keep(key: str, saved: Any) -> None:
    """Give widget `key` its value for this run: the one it holds, else `saved`.

    Assigning it on every run makes Streamlit send the value to the browser each time. Without
    that, a browser that re-creates the widget (a sidebar click racing a text box's blur does
    this) shows it blank, and the user's next edit would save the blank over their words.
    """
    st.session_state[key] = st.session_state.get(key, saved)


def seed(key: str, saved: Any, drafts: Mapping[str, Any]) -> None:
    """Like `keep`, starting from the unsaved draft when there is one."""
    keep(key, drafts.get(key, saved))


def seed_form(prefix: str, saved: dict[str, Any]) -> None:
    """Seed a new-record form's fields `prefix + name`: each from its draft, else `saved[name]`."""
    found = load_drafts(prefix)
    for name, value in saved.items():
        seed(prefix + name, value, found)


def drafted(key: str) -> dict[str, Any]:
    """A widget's key and change callback, so what is typed into it is kept as a draft."""
    return {"key": key, "on_change": held(remember), "args": (key,)}


def saving(key: str, saved: Any, save: Callable[[Any], None]) -> dict[str, Any]:
    """A widget's key, seeded from `saved`, and a change callback handing each new value to `save`."""
    keep(key, saved)
    return {"key": key, "on_change": held(_changed), "args": (key, save)}


def _changed(key: str, save: Callable[[Any], None]) -> None:
    save(st.session_state[key])


def remember(key: str) -> None:
    """on_change callback: keep what was typed in `key` as a draft."""
    drafts.keep_draft(resources.workbook(), key, st.session_state[key])


def save_or_keep(prefix: str, valid: bool, save: Callable[[], None]) -> list[str]:
    """Save a valid edit and drop its drafts; keep every field of an invalid one as a draft, and of
    one the workbook refuses (too long, say). Returns why a valid edit was refused, if it was."""
    if valid:
        try:
            save()
        except Invalid as exc:
            refused = [str(exc)]
        else:
            drafts.drop_drafts(resources.workbook(), prefix)
            return []
    else:
        refused = []
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        remember(key)
    return refused


def forget(prefix: str) -> None:
    """Drop the drafts and cached widget values under `prefix` (after they became a record)."""
    drafts.drop_drafts(resources.workbook(), prefix)
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
