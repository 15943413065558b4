"""Home: what the workbook is for, the benchmark that frames it, and each interview's next step."""

from datetime import date, datetime

import streamlit as st

from followthrough.models import StepState
from followthrough.services import home
from ui import navigation, resources
from ui.text import plain

BADGES = {
    StepState.DONE: "✅ done",
    StepState.DUE: "🟡 due",
    StepState.OVERDUE: "🔴 overdue",
    StepState.UPCOMING: "⏳ later",
}

wb = resources.workbook()


def _load_sample() -> None:
    st.session_state["home_flash"] = home.load_sample(wb, date.today())


def _remove_sample() -> None:
    st.session_state["home_flash"] = home.remove_sample(wb)


view = home.home(wb, resources.content(), datetime.now())

st.title("Follow-Through")
st.markdown(
    "A coaching workbook for the days after a job interview. It walks you through the four "
    "follow-up steps — notes, thank-you notes, the company's instructions, keeping momentum — "
    "and keeps every word you write."
)
if flash := st.session_state.pop("home_flash", None):
    st.success(flash)

benchmark = view.benchmark
st.subheader(benchmark.title)
for column, figure in zip(st.columns(len(benchmark.figures)), benchmark.figures, strict=True):
    column.metric(figure.label, figure.value)
st.caption(benchmark.caption)

if view.overdue:
    st.warning(view.overdue)
if view.rehearse:
    st.info(plain(view.rehearse))
    st.page_link(navigation.PRACTICE, label="Open the practice bank", icon="🎯")

st.subheader("Your interviews")
if not view.has_interviews and view.has_applications:
    st.info("No interviews yet: record one when you are invited, and each step follows it here.")
    st.page_link(navigation.INTERVIEWS, label="Record an interview", icon="➡️")
elif not view.has_interviews:
    st.info("Your workbook is empty. Start by recording the interview you just had.")
    st.page_link(navigation.INTERVIEWS, label="Record your first interview", icon="➡️")
    st.button("Load the sample workbook", key="home_load_sample", on_click=_load_sample)
for card in view.cards:
    with st.container(border=True):
        st.markdown(f"**{plain(card.title)}**")
        for column, badge in zip(st.columns(len(card.steps)), card.steps, strict=True):
            column.write(BADGES[badge.state])
            column.caption(badge.step)
        st.write(f"Next: {plain(card.next_action)}")
        st.page_link(
            navigation.STEP_PAGES[card.next_step_id],
            label=f"Open step {card.next_step_number}",
            icon="➡️",
            query_params={"interview": str(card.interview_id)},
        )
if view.earlier:
    with st.expander(f"Earlier interviews ({len(view.earlier)})"):
        st.dataframe(view.earlier, hide_index=True, key="home_earlier")
if view.has_sample:
    st.button("Remove the sample workbook", key="home_remove_sample", on_click=_remove_sample)
