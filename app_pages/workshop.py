"""Workshop (projector): a plan's current segment large, its countdown ticking on its own, next and
previous, and the demo workbook one click away.

Where the facilitator is lives in the URL (services/workshop.py): a refresh comes back to the same
segment and time. Opening an exercise leaves this page, and the sidebar's link back has no query,
so the session keeps the last place too and puts it back into the URL.
"""

import time

import streamlit as st

from followthrough.services import workshop
from ui import clock, navigation, resources
from ui.forms import side_by_side
from ui.paging import fold
from ui.text import plain

PAGE = "workshop"
LAST = f"{PAGE}_place"  # this session's last place, for a return without the URL's query
# Projector sizes: the segment and the countdown read from the back of the room (no user text here).
STYLE = """<style>
.st-key-workshop_stage h1 { font-size: 3.2rem; line-height: 1.15; }
.st-key-workshop_stage p { font-size: 1.55rem; line-height: 1.45; }
.st-key-workshop_clock [data-testid="stMetricValue"] { font-size: clamp(2.5rem, 4.5vw, 6rem); }
</style>"""

wb = resources.workbook()
packs = resources.workshop_packs(wb)  # a coach's cohorts may use other packs than their own
chosen = next(iter(packs))
if len(packs) > 1:
    chosen = st.selectbox(
        "Content pack", list(packs), format_func=lambda d: plain(packs[d]), key=f"{PAGE}_pack"
    )
pack = resources.content_at(chosen)
plans = workshop.plans(pack)


def _keep(place: workshop.Place) -> None:
    st.session_state[LAST] = place.params
    if st.query_params.to_dict() != place.params:
        st.query_params.from_dict(place.params)


def _current() -> workshop.Place | None:
    saved = (
        st.query_params.to_dict()
        if "workshop" in st.query_params
        else st.session_state.get(LAST, {})
    )
    return workshop.place(pack, saved)


def _act(action: workshop.Action) -> None:
    if current := _current():
        _keep(workshop.move(current, action, time.time()))


def _choose() -> None:
    if chosen := workshop.choose(pack, st.session_state[f"{PAGE}_plan"]):
        _keep(chosen)


place = _current()
if place is None:
    st.title("Workshop")
    st.info("This content pack has no workshop plans yet: add one under workshops/ in the pack.")
    st.stop()
_keep(place)
view = workshop.projector(wb, place)
st.html(STYLE)

st.session_state[f"{PAGE}_plan"] = place.plan.id
top, total = st.columns([2, 1], vertical_alignment="bottom")
top.selectbox(
    "Workshop plan",
    list(plans),
    key=f"{PAGE}_plan",
    format_func=lambda plan_id: plans[plan_id],
    on_change=_choose,
)
total.caption(view.position)

stage, side = st.columns([2, 1], gap="large")
with stage, st.container(key=f"{PAGE}_stage"):
    st.title(view.title)
    st.markdown(f"💬 {view.discussion}")


def _timer(at: workshop.Place) -> None:
    shown = workshop.countdown(at, time.time())
    with st.container(key=f"{PAGE}_clock"):
        st.metric(shown.label, shown.shown)
    if shown.note:
        (st.warning if shown.over else st.caption)(shown.note)


with side:
    # Only the timer reruns each second, and only while it runs: no database read, no chart.
    st.fragment(_timer, run_every=1.0 if view.running else None)(place)
    with side_by_side():
        if view.running:
            st.button("Pause", key=f"{PAGE}_pause", on_click=_act, args=("pause",), width="stretch")
        else:
            st.button(
                "Resume" if view.paused else "Start",
                key=f"{PAGE}_start",
                on_click=_act,
                args=("start",),
                type="primary",
                width="stretch",
            )
        st.button(
            "Restart", key=f"{PAGE}_restart", on_click=_act, args=("restart",), width="stretch"
        )
    with side_by_side():
        for label, action, disabled in (
            ("← Previous", "previous", view.is_first),
            ("Next →", "next", view.is_last),
        ):
            st.button(
                label,
                key=f"{PAGE}_{action}",
                on_click=_act,
                args=(action,),
                disabled=disabled,
                width="stretch",
            )
    st.caption(view.up_next)

target = navigation.BY_ID[view.exercise.page_id] if view.exercise else navigation.HOME
with stage, st.container(border=True):
    if view.exercise:
        st.markdown(f"**Exercise** · {view.exercise.task}")
    if view.demo_loaded:
        st.page_link(target, label=f"Open {target.title} in the demo workbook", icon="➡️")
    elif st.button(f"Load the demo workbook and open {target.title}", key=f"{PAGE}_demo"):
        workshop.open_demo(wb, clock.today())
        st.switch_page(target)


def _notes() -> None:
    st.markdown("\n".join(f"- {point}" for point in view.talking_points))


def _agenda() -> None:
    st.write(view.summary)
    if view.audience:
        st.caption(f"For: {view.audience}")
    st.dataframe(
        [
            {"Now": "▶" if row.current else "", "Starts": row.starts, "Segment": row.title}
            for row in view.agenda
        ],
        hide_index=True,
        key=f"{PAGE}_agenda",
    )
    if view.materials:
        st.markdown("**Materials**\n" + "\n".join(f"- {item}" for item in view.materials))


if view.talking_points:
    fold("Facilitator's notes", f"{PAGE}_notes", _notes)
fold(f"Agenda · {view.plan_title}", f"{PAGE}_agenda_fold", _agenda)
