"""The coach's view of a cohort: aggregates with small cells suppressed, who needs a word, and the
notes and drafts participants chose to share (each opening logged for them). What is shared is read
on every run, so a withdrawal shows at once (services/coach.py keeps each participant's part only
under their workbook's data version)."""

from datetime import datetime

import streamlit as st

from followthrough.models import Forbidden
from followthrough.services import coach, cohorts
from ui import clock, navigation, resources
from ui.text import plain

wb = resources.workbook()

st.title("Coach's view")
choices = coach.coached(wb)
if not choices:
    st.info(coach.NO_COHORT)
    st.page_link(navigation.COHORTS, label="Create a cohort on the Cohorts page")
    st.stop()
cohort_id = st.selectbox(
    "Cohort", list(choices), format_func=choices.__getitem__, key="coach_cohort"
)
pack = resources.content_at(cohorts.pack_dir_of(wb, cohort_id))  # the cohort's own words
# What is due goes by the app's clock, as on each participant's Home; each opening is logged at
# the real time, whatever moment a demo shows.
view = coach.view(wb, pack, cohort_id, clock.now())
st.caption(plain(view.caption))

st.subheader("Cohort funnel")
st.caption(f"Benchmark for one corporate listing: {view.benchmark}. {view.funnel_note}")
st.dataframe(
    [
        {"Stage": f.label, "Applications": f.applications, "From the stage before": f.conversion}
        for f in view.funnel
    ],
    hide_index=True,
    key="coach_funnel",
)
for rate in view.rates:
    st.metric(rate.name, rate.value, help=rate.definition or None)
    st.caption(rate.detail)


def _flags(title: str, note: str, flags: list[coach.Flag], nobody: str) -> None:
    st.subheader(title)
    st.caption(note)
    for flag in flags:
        st.warning(f"**{plain(flag.name)}** — {plain(flag.text)}")
    if not flags:
        st.caption(nobody)


_flags(
    "Overdue thank-you notes and follow-ups",
    coach.OVERDUE_NOTE,
    view.overdue,
    coach.NOTHING_OVERDUE,
)
_flags("Who risks stalling", coach.STALLING_NOTE, view.stalling, coach.NOBODY_STALLING)

st.subheader("Shared notes and drafts")
st.caption(coach.ITEMS_NOTE)
for line in view.items:
    key = f"coach_open_{line.person_id}_{line.kind}_{line.item}"
    if st.button(f"{plain(line.name)} · {plain(line.label)}", key=key):
        try:
            opened = coach.open_item(
                wb, pack, cohort_id, line.person_id, line.kind, line.item, datetime.now()
            )
        except Forbidden as exc:
            st.error(str(exc))
        else:
            st.text(opened.text)

st.download_button(
    "Download what you may see (CSV)",
    data=lambda: coach.export(wb, pack, cohort_id, datetime.now()),
    file_name="cohort.csv",
    mime="text/csv",
    key="coach_export",
    on_click="ignore",
)

with st.expander("Access log"):
    st.dataframe(view.log, hide_index=True, key="coach_log")
