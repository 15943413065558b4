"""Step 4 — keep the momentum: a check-in, the next-day plan, the weekly goal, active processes."""

from datetime import date

import streamlit as st

from followthrough.models import InterviewSummary, PlanItem
from followthrough.steps import momentum
from followthrough.store.momentum import MomentumRepository
from ui import resources
from ui.autosave import forget, keep, load_drafts, remember, seed
from ui.picker import choose_interview
from ui.prompts import checklist_widget, prompt_widget

PAGE = "step4"
pack = resources.content()
step = pack.step(momentum.STEP_ID)
rules = pack.momentum
wb = resources.workbook()
repo = MomentumRepository(wb.engine, wb.owner.id)
state = st.session_state


# -- callbacks: every change is written at once -------------------------------------------------


def _save_check_in(interview_id: int, name: str, key: str) -> None:
    repo.save_check_in(interview_id, name, (state[key] or "").strip())


def _save_item(item: PlanItem) -> None:
    prefix = f"{PAGE}_item{item.id}_"
    label = state[prefix + "label"].strip() or item.label
    repo.update_item(item.id, label, state[prefix + "done"])


def _add_item(interview_id: int, prefix: str) -> None:
    label = state[prefix + "label"].strip()
    if not label:
        state[prefix + "error"] = "Write the application or the lead first."
        return
    repo.add_item(PlanItem(interview_id, state[prefix + "kind"], label))
    forget(prefix)


def _save_goal() -> None:
    repo.set_weekly_goal(int(state[f"{PAGE}_goal"]))


# -- sections -----------------------------------------------------------------------------------


def _check_in(interview_id: int, answers: dict) -> None:
    st.subheader("Check-in")
    saved = repo.check_in(interview_id)
    moods = {m.id: m.label for m in rules.check_in.moods}
    mood_key, feeling_key = f"{PAGE}_mood_{interview_id}", f"{PAGE}_feeling_{interview_id}"
    keep(mood_key, saved.mood if saved.mood in moods else None)
    keep(feeling_key, saved.feeling)
    st.radio(
        rules.check_in.question,
        list(moods),
        format_func=moods.get,
        key=mood_key,
        on_change=_save_check_in,
        args=(interview_id, "mood", mood_key),
    )
    if reframe := momentum.reframe(state[mood_key] or "", rules.check_in):
        st.info(reframe)
    st.text_area(
        "In your own words",
        key=feeling_key,
        on_change=_save_check_in,
        args=(interview_id, "feeling", feeling_key),
    )
    st.markdown(f"**{rules.check_in.reframes_title}**")
    st.markdown("\n".join(f"- {line}" for line in rules.check_in.reframes))
    for prompt in step.prompts:
        prompt_widget(prompt, interview_id, step.id, answers, page=PAGE)


def _plan(summary: InterviewSummary) -> None:
    interview_id = summary.interview.id
    day = momentum.plan_day(summary.interview.ends_at)
    st.subheader(f"Your plan for {day:%A} {day.day} {day:%B}")
    st.caption(rules.next_day.explanation)
    items = repo.plan(interview_id)
    if not items:  # the first visit gives the interview its plan from content
        repo.ensure_plan(momentum.default_plan(interview_id, rules.next_day))
        items = repo.plan(interview_id)
    kinds = rules.next_day.kinds
    for item in items:
        prefix = f"{PAGE}_item{item.id}_"
        keep(prefix + "label", item.label)
        keep(prefix + "done", item.done)
        cols = st.columns([1, 6, 1], vertical_alignment="bottom")
        cols[0].checkbox("Done", key=prefix + "done", on_change=_save_item, args=(item,))
        cols[1].text_input(
            kinds.get(item.kind, item.kind),
            key=prefix + "label",
            on_change=_save_item,
            args=(item,),
        )
        cols[2].button("Remove", key=prefix + "remove", on_click=repo.delete_item, args=(item.id,))
    prefix = f"{PAGE}_new_item{interview_id}_"
    drafts = load_drafts(prefix)
    seed(prefix + "kind", next(iter(kinds)), drafts)
    seed(prefix + "label", "", drafts)
    cols = st.columns([2, 5, 1], vertical_alignment="bottom")
    cols[0].selectbox(
        "Kind",
        list(kinds),
        format_func=kinds.get,
        key=prefix + "kind",
        on_change=remember,
        args=(prefix + "kind",),
    )
    cols[1].text_input(
        "Add to the plan", key=prefix + "label", on_change=remember, args=(prefix + "label",)
    )
    cols[2].button("Add", key=prefix + "add", on_click=_add_item, args=(interview_id, prefix))
    if error := state.pop(prefix + "error", None):
        st.error(error)


def _pipeline(today: date) -> None:
    st.subheader("This week")
    goal_rules = rules.weekly_goal
    keep(f"{PAGE}_goal", repo.weekly_goal(goal_rules.default))
    actual = momentum.applications_this_week(repo.applied_dates(), today)
    active = momentum.active_processes(momentum.latest_stages(repo.stage_history()))
    left, middle, right = st.columns(3)
    left.number_input(
        "Weekly application goal",
        key=f"{PAGE}_goal",
        min_value=1,
        max_value=100,
        step=1,
        on_change=_save_goal,
    )
    progress = momentum.progress(actual, state[f"{PAGE}_goal"], goal_rules)
    middle.metric("Applications this week", f"{progress.actual} / {progress.goal}")
    right.metric("Active processes", active)
    st.progress(min(progress.actual / progress.goal, 1.0))
    (st.success if progress.reached else st.info)(progress.message)
    st.caption(goal_rules.explanation)
    warn, message = momentum.process_warning(active, rules.processes)
    (st.warning if warn else st.success)(message)


# -- the page -----------------------------------------------------------------------------------

st.title(f"Step {step.number} — {step.title}")
st.write(step.why)
summary = choose_interview(PAGE)
if summary is None:
    _pipeline(date.today())
    st.stop()
st.caption("Saved as you type.")
answers = resources.answers().for_step(summary.interview.id, step.id)
_check_in(summary.interview.id, answers)
_plan(summary)
_pipeline(date.today())
for checklist in step.checklists:
    checklist_widget(checklist, summary.interview.id, step.id, answers)
