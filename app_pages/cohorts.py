"""Cohorts: join with a code, choose what your coach may see, see who opened it, leave; and, for a
coach, create cohorts and hand out invite codes. Every call is checked in followthrough.services."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st

from followthrough import formats
from followthrough.models import Forbidden, Invalid, NotFound, ShareKind
from followthrough.services import cohorts
from ui import resources
from ui.text import plain

FLASH = "cohorts_flash"
wb = resources.workbook()


def _do(call: Callable[[], Any], said: str | None = None) -> None:
    """Run a service call from a callback; its message, or why it was refused, shows on top."""
    try:
        result = call()
    except (Forbidden, Invalid, NotFound) as exc:
        st.session_state[FLASH] = ("error", str(exc))
    else:
        st.session_state[FLASH] = ("success", said or result) if said or result else None


def _join() -> None:
    code = st.session_state.get("cohorts_join_code", "")
    _do(lambda: cohorts.join(wb, code, datetime.now()))
    st.session_state["cohorts_join_code"] = ""


def _create() -> None:
    s = st.session_state
    made = (
        s["cohorts_new_name"],
        s["cohorts_new_starts"],
        s["cohorts_new_ends"],
        s["cohorts_new_pack"],
    )
    _do(lambda: cohorts.created(cohorts.create(wb, *made, load=resources.load_pack)))


def _follow() -> None:
    cohort_id = st.session_state["cohorts_follow"]
    _do(lambda: cohorts.follow(wb, cohort_id, datetime.now()))


def _set_kind(cohort_id: int, kind: str, key: str) -> None:
    _do(lambda: cohorts.set_shared(wb, cohort_id, ShareKind(kind), st.session_state[key]))


def _set_items(cohort_id: int, key: str) -> None:
    _do(lambda: cohorts.set_shared_items(wb, cohort_id, st.session_state[key]))


view = cohorts.screen(wb, resources.content(), datetime.now(), load=resources.load_pack)
st.title("Cohorts")
if flash := st.session_state.pop(FLASH, None):
    (st.error if flash[0] == "error" else st.success)(plain(flash[1]))

st.subheader("Join a cohort")
with st.form("cohorts_join", clear_on_submit=False, enter_to_submit=True, border=False):
    st.text_input("Invite code from your coach", key="cohorts_join_code", max_chars=20)
    st.form_submit_button("Join", on_click=_join)

for joined in view.joined:
    with st.container(border=True, key=f"cohorts_joined_{joined.id}"):
        st.markdown(f"**{plain(joined.title)}** · coach: {plain(joined.coach)}")
        st.caption(joined.summary)
        for kind, label in joined.kinds.items():
            key = f"cohorts_share_{joined.id}_{kind}"
            st.session_state[key] = joined.shared[kind]  # the database decides, every run
            st.toggle(label, key=key, on_change=_set_kind, args=(joined.id, kind, key))
        key = f"cohorts_items_{joined.id}"
        labels = {(i.kind, i.id): i.label for i in joined.items}
        st.session_state[key] = [p for p in joined.picked if p in labels]
        st.multiselect(
            cohorts.ITEMS_LABEL,
            list(labels),
            format_func=labels.__getitem__,
            key=key,
            on_change=_set_items,
            args=(joined.id, key),
            placeholder=cohorts.ITEMS_NONE,
        )
        st.button(
            "Leave this cohort",
            key=f"cohorts_leave_{joined.id}",
            on_click=lambda c=joined.id: _do(lambda: cohorts.leave(wb, c)),
        )

if following := view.following:
    st.caption(plain(following.note))
    if choices := following.choices:
        st.session_state["cohorts_follow"] = following.cohort_id  # the database decides
        st.radio(
            cohorts.FOLLOW_LABEL,
            list(choices),
            format_func=lambda cohort_id: plain(choices[cohort_id]),
            key="cohorts_follow",
            on_change=_follow,
        )

if view.joined:
    st.subheader("Who opened what you shared")
    if view.log:
        st.dataframe(view.log, hide_index=True, key="cohorts_log")
    else:
        st.caption(cohorts.NO_LOG)

st.subheader("Cohorts you coach")
for coached in view.coached:
    with st.container(border=True, key=f"cohorts_coached_{coached.id}"):
        st.markdown(f"**{plain(coached.title)}**")
        st.caption(plain(coached.caption))
        for invite in coached.invites:
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.markdown(f"`{invite.code}` · {invite.status}")
            if invite.active:
                right.button(
                    "Withdraw",
                    key=f"cohorts_revoke_{invite.id}",
                    on_click=lambda c=coached.id, i=invite.id: _do(
                        lambda: cohorts.revoke_invite(wb, c, i, datetime.now())
                    ),
                )
        st.button(
            "New invite code",
            key=f"cohorts_invite_{coached.id}",
            on_click=lambda c=coached.id: _do(
                lambda: cohorts.new_invite(wb, c, datetime.now()) and None,
                cohorts.INVITE_READY,
            ),
        )

with (
    st.expander("Create a cohort", expanded=not view.coached),
    st.form("cohorts_new", border=False),
):
    st.text_input("Name", key="cohorts_new_name", max_chars=200)
    st.date_input("Starts on", value=None, key="cohorts_new_starts", format=formats.DATE)
    st.date_input("Ends on", value=None, key="cohorts_new_ends", format=formats.DATE)
    st.selectbox("Content pack", view.packs, key="cohorts_new_pack")
    st.form_submit_button("Create the cohort", on_click=_create)
