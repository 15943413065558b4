"""Analytics: your funnel beside the benchmark, honest rates, what to do next, and a projection.

The report and chart specs are computed once per data version (any change to an application or its
history changes the version), so a rerun only reads two counts and re-sends cached specs.
"""

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from followthrough.analytics import charts
from followthrough.analytics.pipeline import PipelineReport, analyse, describe
from followthrough.content import ListingFunnel, PipelineRules
from followthrough.models import Person
from followthrough.services import analytics
from followthrough.services.workbook import Workbook
from ui import navigation, resources
from ui.text import plain

CHARTS = (
    (charts.funnel_chart, charts.funnel_caption),
    (charts.source_chart, charts.source_caption),
    (charts.weekly_chart, charts.weekly_caption),
    (charts.response_time_chart, charts.response_time_caption),
    (charts.projection_chart, charts.projection_caption),
)
CARD = {"warning": st.warning, "info": st.info, "success": st.success}


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Reading your pipeline…")
def _analysis(
    _engine: Engine,
    url: str,
    owner_id: int,
    version: tuple,
    today: date,
    rules: PipelineRules,
    listing: ListingFunnel,
) -> tuple[PipelineReport, list[tuple[dict, str]]]:
    """The report and each chart's spec with its caption, for one version of one owner's data."""
    apps, events = analytics.frames(Workbook(_engine, Person(owner_id, "", "")))
    report = analyse(apps, events, today, rules, listing)
    # Specs, not chart objects: st.altair_chart would re-validate every chart on every rerun.
    return report, [(chart(report).to_dict(), caption(report)) for chart, caption in CHARTS]


wb = resources.workbook()
pack = resources.content()
version = analytics.data_version(wb)
report, specs = _analysis(
    wb.engine,
    wb.engine.url.render_as_string(),
    wb.owner.id,
    version,
    date.today(),
    pack.pipeline,
    pack.benchmarks.listing_funnel,
)

st.title("Analytics")
if not report.applications:
    st.info(
        "No applications yet, so there is nothing to chart. Add the applications you have sent "
        "on the Tracker page, import them from a CSV file on Import & export, or load the sample "
        "workbook from Home to see how this page reads."
    )
    st.page_link(navigation.HOME, label="Go to Home", icon="🏠")
else:
    for column, rate in zip(st.columns(len(report.rates)), report.rates, strict=True):
        column.metric(rate.name, f"{rate.value:.0%}" if rate.value is not None else "—")
        column.caption(f"= {rate.definition}")
        column.caption(describe(rate, report.benchmarks.get(rate.name)))

    st.subheader("What to do next")
    for card in report.cards:
        CARD[card.kind](plain(card.text))
    if not report.cards:
        st.success("Nothing needs your attention: keep the momentum.")

    for spec, caption in specs:
        st.vega_lite_chart(spec, width="stretch")
        st.caption(plain(caption))

    st.subheader("Funnel, stage to stage")
    st.dataframe(
        # The first stage has no stage before it: a dash, not a blank "None".
        report.funnel.assign(
            conversion=["—" if pd.isna(c) else f"{c:.0%}" for c in report.funnel["conversion"]]
        ),
        column_order=("label", "reached", "conversion"),
        column_config={
            "label": "Stage",
            "reached": st.column_config.NumberColumn("Reached", format="localized"),
            "conversion": st.column_config.TextColumn("From the stage before"),
        },
        hide_index=True,
    )
    st.caption(
        "Reached = the stage or any later one appears in the application's history, so a "
        "rejection after an interview still counts as an interview."
    )

    st.subheader("Projection")
    for line in charts.projection_lines(report):
        st.markdown(line)
