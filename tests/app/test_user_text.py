"""User or file text in places Streamlit renders as Markdown goes through ui.text.plain (issue 9,
item 5); tests/e2e/test_markup.py checks the same in the real browser on every page."""

import ast

from streamlit.testing.v1 import AppTest

from followthrough.models import Application, PlanItem
from followthrough.store.applications import ApplicationRepository
from followthrough.store.momentum import MomentumRepository
from tests.app.conftest import find_interview
from tests.conftest import ROOT
from ui.text import plain

MARKUP = "[x](http://127.0.0.2/a) $x^2$"


def _banner() -> None:
    from followthrough.models import StepState, StepStatus
    from ui.step_page import show_status

    show_status(StepStatus("follow_up", StepState.OVERDUE, "Send [x](http://127.0.0.2/a) $x^2$"))


def test_a_step_banner_shows_what_the_company_asked_for_as_text() -> None:
    """Step 3's status names the instruction as typed ('Send {what} by e-mail...')."""
    at = AppTest.from_function(_banner, default_timeout=30).run()
    assert [e.value for e in at.error] == [plain(f"Send {MARKUP}")]
    assert not at.exception


def test_a_plan_row_of_an_unknown_kind_is_labelled_as_text(
    open_step, workbook, sample_workbook
) -> None:
    """A kind the content does not name (from a restored backup, say) labels its row as stored."""
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    kind = "[k](http://e.x/)"  # fits the column's 20 characters
    workbook.repo(MomentumRepository).add_item(PlanItem(interview_id, kind, "Call Sam"))
    item = workbook.repo(MomentumRepository).plan(interview_id)[-1]
    at = open_step("app_pages/step4_momentum.py", summary)
    assert at.text_input(key=f"step4_item{item.id}_label").label == plain(kind)
    assert not at.exception


def test_the_tracker_lists_applications_as_typed(open_page, workbook) -> None:
    """A selectbox shows its options as text, not Markdown: escaping them would show backslashes."""
    workbook.repo(ApplicationRepository).add(Application(MARKUP, "**Analyst**"))
    at = open_page("app_pages/tracker.py")
    options = at.selectbox(key="pipeline_selected").options
    assert len(options) == 1 and MARKUP in options[0] and "**Analyst**" in options[0]
    assert not at.exception


# Every call that renders HTML, CSS or JavaScript as it is, read to carry no user text: a fixed
# stylesheet each, and the keystroke script (ui/keystrokes.js) with its stylesheet.
RAW = {
    ("app_pages/workshop.py", "st.html(STYLE)"),
    (
        "ui/tables.py",
        "st.html(_STYLE.format(key=key, phone=PHONE_MAX_PX, wide=PHONE_MAX_PX + 1))",
    ),
    (
        "ui/keystrokes.py",
        "st.components.v2.component("
        "'followthrough.keystrokes', js=_JS, css=_CSS, isolate_styles=False)",
    ),
}


def test_markup_is_rendered_raw_only_where_it_was_read_to_hold_no_user_text() -> None:
    """st.html, unsafe_allow_html and components skip every escape: a new call fails here until
    it has been read for user text and listed above."""
    found = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]:
        found |= _raw(path)
    for path in sorted((ROOT / "ui").glob("*.py")):
        found |= _raw(path)
    assert found == RAW


def _raw(path) -> set[tuple[str, str]]:
    calls = [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call)]
    name = str(path.relative_to(ROOT))
    return {
        (name, ast.unparse(call))
        for call in calls
        if ast.unparse(call.func).endswith((".html", ".component"))
        or any(keyword.arg == "unsafe_allow_html" for keyword in call.keywords)
    }
