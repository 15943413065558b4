"""Analytics: your funnel beside the benchmark, honest rates, what to do next, and a projection.

The view (figures, sentences and chart specs) is computed once per data version, so a rerun only
reads a few counts and re-sends the cached view.
"""

import streamlit as st

from ui import clock, navigation, resources, screens
from ui.text import plain

CARD = {"warning": st.warning, "info": st.info, "success": st.success}

view = screens.analytics_view(resources.workbook(), resources.content(), clock.today())

st.title("Analytics")
if not view.applications:
    st.info(view.empty)
    st.page_link(navigation.HOME, label="Go to Home", icon="🏠")
    st.stop()

for column, rate in zip(st.columns(len(view.rates)), view.rates, strict=True):
    column.metric(rate.name, rate.value)
    column.caption(f"= {rate.definition}")
    column.caption(plain(rate.comparison))  # names the benchmark's source, from content

st.subheader("What to do next")
for card in view.cards:
    CARD[card.kind](plain(card.text))

for chart in view.charts:
    st.vega_lite_chart(chart.spec, width="stretch")
    st.caption(plain(chart.caption))

st.subheader("Funnel, stage to stage")
st.dataframe(
    list(view.stages),
    column_order=("label", "reached", "conversion", "benchmark"),
    column_config={
        # Narrow enough for a phone (356 px at 390x844).
        "label": st.column_config.TextColumn("Stage", width=90),
        "reached": st.column_config.NumberColumn("Reached", format="localized", width=64),
        "conversion": st.column_config.TextColumn("From the stage before", width=96),
        "benchmark": st.column_config.TextColumn(view.benchmark_column, width=96),
    },
    hide_index=True,
)
st.caption(view.reached_definition)
st.caption(plain(view.benchmark))  # the listing's own figures, never scaled to yours

st.subheader("Projection")
for line in view.projection:
    st.markdown(line)  # content's sentences with figures; no user text
