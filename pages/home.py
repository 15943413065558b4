"""Home: what the workbook is for, the benchmark that frames it, and each interview's next step."""

from datetime import date, datetime

import streamlit as st

from followthrough.interviews import next_action
from followthrough.sample import load_sample
from ui import resources

repo = resources.applications()
funnel = resources.content().benchmarks.listing_funnel


def _load_sample() -> None:
    count = load_sample(repo, date.today())
    st.session_state["home_flash"] = f"Loaded the sample workbook: {count} applications."


def _remove_sample() -> None:
    count = repo.delete_samples()
    st.session_state["home_flash"] = f"Removed the sample workbook ({count} applications)."


st.title("Follow-Through")
st.markdown(
    "A coaching workbook for the days after a job interview. It walks you through the four "
    "follow-up steps — notes, thank-you notes, the company's instructions, keeping momentum — "
    "and keeps every word you write."
)
if flash := st.session_state.pop("home_flash", None):
    st.success(flash)

st.subheader(funnel.title)
columns = st.columns(len(funnel.stages))
for column, stage in zip(columns, funnel.stages, strict=True):
    figure = f"{stage.low:g}" if stage.low == stage.high else f"{stage.low:g}–{stage.high:g}"
    column.metric(stage.label, figure)
st.caption(f"{funnel.note} Source: {funnel.source}.")

summaries = repo.interview_summaries()
st.subheader("Your interviews")
if not summaries:
    st.info("Your workbook is empty. Start by recording the interview you just had.")
    st.page_link("pages/interviews.py", label="Record your first interview", icon="➡️")
    st.button("Load the sample workbook", key="home_load_sample", on_click=_load_sample)
now = datetime.now()
for summary in summaries:
    with st.container(border=True):
        st.markdown(f"**{summary.title}**")
        st.write(next_action(summary, now))
if repo.has_samples():
    st.button("Remove the sample workbook", key="home_remove_sample", on_click=_remove_sample)
