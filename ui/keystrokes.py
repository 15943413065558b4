"""Every keystroke kept: text boxes hand their value to Streamlit while the person types.

st.text_area and st.text_input send what was typed only on blur or (Ctrl+)Enter. `keep_typing()`
mounts one invisible Components v2 element (inline JavaScript: no build step, nothing fetched)
whose script, PAUSE_MS after a box's last key, presses the key that box commits on, so the box's
own on_change saves it: a refresh or a closed tab a second after typing loses nothing. Leaving the
page commits at once. Nothing here saves by itself, and the widgets stay Streamlit's own (labels,
keyboard, screen readers and AppTests unchanged).
"""

from pathlib import Path

import streamlit as st

PAUSE_MS = 600
"""How long after the last key a box's value is committed (a rerun, which saves it)."""
MOST_MS = 5000
"""The longest unbroken typing runs before its words are committed anyway."""

_JS = (Path(__file__).with_name("keystrokes.js")).read_text(encoding="utf-8")
# The hint "Press Enter to apply" would ask for what now happens by itself (outside forms).
_CSS = """
:is([data-testid="stTextArea"], [data-testid="stTextInput"]):not([data-testid="stForm"] *)
  [data-testid="InputInstructions"] { display: none; }
.st-key-keystrokes { display: none; }
"""

_component = st.components.v2.component(
    "followthrough.keystrokes", js=_JS, css=_CSS, isolate_styles=False
)


def keep_typing() -> None:
    """Mount the script once per run (the app's frame calls it, so every page has it)."""
    _component(key="keystrokes", data={"pause": PAUSE_MS, "most": MOST_MS}, height=0)
