"""The frame mounts the keystroke script on every page (AppTest cannot run it: the browser test does).

tests/e2e/test_keystrokes.py proves what it does in Chromium; here: it is there, on each page, with a
pause under a second, and its code is inline (nothing fetched at run time).
"""

import json
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from ui import keystrokes


def _scripts(at: AppTest) -> list[dict]:
    return [
        json.loads(el.proto.json)
        for el in at.sidebar
        if getattr(el, "type", None) == "bidi_component"
        and el.proto.component_name == "followthrough.keystrokes"
    ]


@pytest.mark.parametrize(
    "page", ["app_pages/home.py", "app_pages/step1_notes.py", "app_pages/tracker.py"]
)
def test_every_page_has_the_keystroke_script_once(
    open_page: Callable[[str], AppTest], page: str
) -> None:
    at = open_page(page)
    scripts = _scripts(at)
    assert len(scripts) == 1
    assert 0 < scripts[0]["pause"] <= 1000  # "a second or less after the last key"
    assert scripts[0]["pause"] <= scripts[0]["most"]
    assert not at.exception


def test_the_script_fetches_nothing() -> None:
    source = (keystrokes.__file__.removesuffix(".py")) + ".js"
    with open(source, encoding="utf-8") as js:
        code = js.read()
    assert not re.search(
        r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|\bimport\b|fetch\(|XMLHttpRequest", code
    )
