"""The interview every step page works on: chosen once, remembered across pages and refreshes."""

import streamlit as st

from followthrough.models import InterviewSummary
from followthrough.services import interviews
from ui import clock, navigation, resources, screens

CURRENT = "current_interview"


def choose_interview(page: str) -> InterviewSummary | None:
    """A picker keyed to `page`; the choice is shared by all pages and kept in the URL."""
    choices = screens.view(interviews.choices, resources.workbook())
    summaries = choices.summaries
    if not summaries:
        st.info("Record an interview first: every step works on one interview.")
        st.page_link(navigation.INTERVIEWS, label="Record an interview", icon="➡️")
        return None
    by_id = {i: s for s in summaries if (i := s.interview.id) is not None}
    key = f"{page}_interview"
    wanted = _wanted_interview()
    if wanted is not None and wanted not in by_id:
        st.info(
            "The interview in this link belongs to an archived or deleted application: "
            "unarchive it on the Tracker to work on it. Showing another interview."
        )
    if key not in st.session_state or (wanted in by_id and st.session_state[key] != wanted):
        st.session_state[key] = wanted if wanted in by_id else _latest_held(by_id)
    if st.session_state[key] not in by_id:
        st.session_state[key] = _latest_held(by_id)
    chosen = st.selectbox(
        "Interview",
        list(by_id),
        key=key,
        format_func=lambda i: choices.titles[i],
        on_change=_picked,
        args=(key,),
    )
    st.session_state[CURRENT] = chosen
    st.query_params["interview"] = str(chosen)
    return by_id[chosen]


def _latest_held(by_id: dict[int, InterviewSummary]) -> int:
    """The interview the user most likely came for: the latest one that has already begun."""
    now = clock.now()
    held = [i for i, s in by_id.items() if s.interview.starts_at <= now]
    return max(held or by_id, key=lambda i: by_id[i].interview.starts_at)


def _picked(key: str) -> None:
    """A new pick becomes the shared choice before the rerun, so the old URL value can't undo it."""
    st.session_state[CURRENT] = st.session_state[key]
    st.query_params["interview"] = str(st.session_state[key])


def _wanted_interview() -> int | None:
    raw = st.query_params.get("interview") or st.session_state.get(CURRENT)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None
