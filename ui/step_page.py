"""The step-page kit: what every step page shares, so each page holds only its step's content.

`open_step` draws the title, the step's why and the interview picker; `show_status` shows where
the step stands for that interview; `flash` and `show_flash` carry a message across the rerun a
callback triggers; `refuse` and `show_errors` put a form's errors beside the form that caused them.
"""

from dataclasses import dataclass

import streamlit as st

from followthrough.content import ContentPack, Step
from followthrough.models import InterviewSummary, StepState, StepStatus
from followthrough.services.workbook import Workbook
from ui import resources
from ui.picker import choose_interview
from ui.text import plain


@dataclass(frozen=True)
class StepPage:
    page: str  # the widget-key prefix of the page, e.g. "step3"
    wb: Workbook
    pack: ContentPack
    step: Step
    summary: InterviewSummary | None  # None while the workbook has no interview


def open_step(page: str, step_id: str) -> StepPage:
    """Title, why and the interview picker of the step `step_id`, then the page's flash message."""
    pack = resources.content()
    step = pack.step(step_id)
    st.title(f"Step {step.number} — {step.title}")
    st.write(step.why)
    summary = choose_interview(page)
    show_flash(page)
    return StepPage(page, resources.workbook(), pack, step, summary)


_BANNER = {
    StepState.OVERDUE: st.error,
    StepState.DUE: st.warning,
    StepState.DONE: st.success,
    StepState.UPCOMING: st.info,
}


def show_status(status: StepStatus) -> None:
    """The step's next action for this interview, coloured by how urgent it is."""
    _BANNER[status.state](plain(status.action))  # step 3's names what the company asked for


def flash(page: str, message: str) -> None:
    """Show `message` once, at the top of `page`'s next run (call it from a widget callback)."""
    st.session_state[f"{page}_flash"] = message


def show_flash(page: str) -> None:
    if message := st.session_state.pop(f"{page}_flash", None):
        st.success(plain(message))


def refuse(form: str, errors: list[str]) -> bool:
    """Keep `errors` for the form whose widgets are prefixed `form`; True when there are any."""
    st.session_state[f"{form}errors"] = errors
    return bool(errors)


def show_errors(form: str) -> None:
    """The errors `refuse` kept for `form`, once, where the form is drawn."""
    for error in st.session_state.pop(f"{form}errors", []):
        st.error(plain(error))
