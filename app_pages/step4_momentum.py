"""Step 4 — keep the momentum: a check-in, the next-day plan, the weekly goal, active processes."""

from functools import partial

import streamlit as st

from followthrough.services import momentum
from followthrough.services.momentum import NextDay, PlanRow, Week
from ui import advice, clock, navigation, screens
from ui.autosave import drafted, forget, saving, seed_form
from ui.forms import NARROW, side_by_side
from ui.prompts import checklist_widget, prompt_widget
from ui.step_page import flash, open_step, refuse, show_errors
from ui.text import plain
from ui.undo import offer_undo, remove_button

PAGE = "step4"
state = st.session_state
kit = open_step(PAGE, "momentum")
offer_undo(PAGE)
wb, pack, rules = kit.wb, kit.pack, kit.pack.momentum
apply = pack.journey.apply


def _add_item(interview_id: int, p: str) -> None:
    errors = momentum.add_item(wb, pack, interview_id, state[p + "kind"], state[p + "label"])
    if not refuse(p, errors):
        forget(p)


def _apply(interview_id: int, row: PlanRow) -> None:
    if said := momentum.apply_item(wb, pack, interview_id, row, clock.today()):
        flash(PAGE, said)


def _check_in(day: NextDay) -> None:
    st.subheader("Check-in")
    moods = {m.id: m.label for m in rules.check_in.moods}
    save = partial(momentum.save_check_in, wb, day.interview_id)
    mood = saving(f"{PAGE}_mood_{day.interview_id}", day.check_in.mood, partial(save, "mood"))
    st.radio(rules.check_in.question, list(moods), format_func=moods.get, **mood)
    if day.check_in.reframe:
        st.info(day.check_in.reframe)
    feeling = saving(
        f"{PAGE}_feeling_{day.interview_id}", day.check_in.feeling, partial(save, "feeling")
    )
    st.text_area("In your own words", **feeling)
    reframes = "\n".join(f"- {line}" for line in rules.check_in.reframes)
    st.markdown(f"**{rules.check_in.reframes_title}**\n\n{reframes}")  # one element
    for prompt in kit.step.prompts:
        prompt_widget(prompt, day.interview_id, kit.step.id, day.answers, page=PAGE)


def _plan_row(day: NextDay, row: PlanRow) -> None:
    # A row of the content's default plan has no id until its first change saves the plan.
    stem = (
        f"item{row.item_id}"
        if row.item_id is not None
        else f"default{day.interview_id}_{row.position}"
    )
    p = f"{PAGE}_{stem}_"
    edit = partial(momentum.edit_item, wb, pack, day.interview_id, row)
    with side_by_side():
        st.checkbox("Done", **saving(p + "done", row.done, partial(edit, "done")))
        st.text_input(plain(row.kind), **saving(p + "label", row.label, partial(edit, "label")))
        if row.on_tracker:
            st.caption(apply.on_tracker, width="content")
        elif row.applies_to:  # "Apply to Globex": one click makes it an application
            args = (day.interview_id, row)
            st.button(apply.button, key=p + "apply", on_click=_apply, args=args)
        remove = partial(momentum.remove_item, wb, pack, day.interview_id, row)
        remove_button("Remove", p + "remove", PAGE, remove)


def _plan(day: NextDay) -> None:
    st.subheader(day.title)
    st.caption(rules.next_day.explanation)
    for row in day.plan:
        _plan_row(day, row)
    p = f"{PAGE}_new_item{day.interview_id}_"
    seed_form(p, {"kind": next(iter(day.kinds)), "label": ""})
    with side_by_side():
        kinds = day.kinds.__getitem__
        st.selectbox(
            "Kind", list(day.kinds), format_func=kinds, width=NARROW, **drafted(p + "kind")
        )
        st.text_input("Add to the plan", **drafted(p + "label"))
        st.button("Add", key=p + "add", on_click=_add_item, args=(day.interview_id, p))
    show_errors(p)


def _week(week: Week) -> None:
    st.subheader("This week")
    with side_by_side():
        goal = saving(f"{PAGE}_goal", week.goal, partial(momentum.set_goal, wb))
        label = "Weekly application goal"
        st.number_input(label, min_value=1, max_value=100, step=1, width=NARROW, **goal)
        st.metric("Applications this week", week.applications)
        st.metric("Active processes", week.active)
    st.progress(week.share)
    (st.success if week.reached else st.info)(week.message)
    st.caption(rules.weekly_goal.explanation)
    (st.warning if week.few_processes else st.success)(week.processes)


now = screens.minute(clock.now())
pace = screens.pace(wb, now.date())
view = screens.view(momentum.screen, wb, pack, kit.summary, now.date(), now, pace)
if view.day is None:
    _week(view.week)
    st.stop()
st.caption("Saved as you type.")
_check_in(view.day)
if view.waiting is not None:  # once the interview is over
    advice.waiting(view.waiting, reasons=False)  # the check-in lists why offers stall
_plan(view.day)
_week(view.week)
for checklist in kit.step.checklists:
    checklist_widget(checklist, view.day.interview_id, kit.step.id, view.day.answers)
st.page_link(navigation.HOME, label=pack.journey.next.home, icon="🏠")
