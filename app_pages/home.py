"""Home: what the workbook is for, the benchmark that frames it, and each interview's next step."""

from datetime import date, datetime

import streamlit as st

from followthrough.interviews import interview_rows
from followthrough.models import StepState
from followthrough.services.sample import has_sample, load_sample, remove_sample
from followthrough.services.steps import practice_cards, step_records
from followthrough.steps.progress import (
    by_urgency,
    interview_progress,
    is_recent,
    practice_before_next_interview,
)
from ui import navigation, resources
from ui.text import plain

BADGES = {
    StepState.DONE: "✅ done",
    StepState.DUE: "🟡 due",
    StepState.OVERDUE: "🔴 overdue",
    StepState.UPCOMING: "⏳ later",
}

repo = resources.applications()
pack = resources.content()
workbook = resources.workbook()
funnel = pack.benchmarks.listing_funnel


def _load_sample() -> None:
    count = load_sample(workbook, date.today())
    st.session_state["home_flash"] = f"Loaded the sample workbook: {count} applications."


def _remove_sample() -> None:
    count = remove_sample(workbook)
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
for column, stage in zip(st.columns(len(funnel.stages)), funnel.stages, strict=True):
    figure = f"{stage.low:g}" if stage.low == stage.high else f"{stage.low:g}–{stage.high:g}"
    column.metric(stage.label, figure)
st.caption(f"{funnel.note} Source: {funnel.source}.")

now = datetime.now()
summaries = resources.interviews().summaries()
recent = [s for s in summaries if is_recent(s, now)]
progress = interview_progress(pack, recent, step_records(workbook, recent), now)

overdue = sum(p.count(StepState.OVERDUE) for p in progress)
if overdue:
    st.warning(f"{overdue} step{'s are' if overdue > 1 else ' is'} overdue — see below.")
soonest, cards = practice_before_next_interview(pack, summaries, practice_cards(workbook), now)
if soonest and cards:
    st.info(
        plain(
            f"Your next interview is at {soonest.application.company} on "
            f"{soonest.interview.starts_at:%a %d %b at %H:%M}: rehearse {len(cards)} practice "
            f"card{'s' if len(cards) > 1 else ''}, starting with “{cards[0].question}”."
        )
    )
    st.page_link(navigation.PRACTICE, label="Open the practice bank", icon="🎯")

st.subheader("Your interviews")
if not summaries and repo.all(include_archived=True):
    st.info("No interviews yet: record one when you are invited, and each step follows it here.")
    st.page_link(navigation.INTERVIEWS, label="Record an interview", icon="➡️")
elif not summaries:
    st.info("Your workbook is empty. Start by recording the interview you just had.")
    st.page_link(navigation.INTERVIEWS, label="Record your first interview", icon="➡️")
    st.button("Load the sample workbook", key="home_load_sample", on_click=_load_sample)
for item in by_urgency(progress):
    with st.container(border=True):
        st.markdown(f"**{plain(item.summary.title)}**")
        for column, step, status in zip(st.columns(4), pack.steps, item.steps, strict=True):
            column.write(BADGES[status.state])
            column.caption(f"{step.number}. {step.title}")
        step = item.next
        st.write(f"Next: {plain(step.action)}")
        st.page_link(
            navigation.STEP_PAGES[step.step_id],
            label=f"Open step {pack.step(step.step_id).number}",
            icon="➡️",
            query_params={"interview": str(item.summary.interview.id)},
        )
if len(recent) < len(summaries):
    with st.expander(f"Earlier interviews ({len(summaries) - len(recent)})"):
        earlier = [s for s in summaries if not is_recent(s, now)]
        st.dataframe(interview_rows(earlier), hide_index=True, key="home_earlier")
if has_sample(workbook):
    st.button("Remove the sample workbook", key="home_remove_sample", on_click=_remove_sample)
