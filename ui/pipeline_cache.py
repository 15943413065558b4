"""The Analytics and Tracker screens, cached per (database, owner, data version).

The key names the database and the owner, so one owner's rows are never served to another, and the
owner's data version, so any change to an application or its history shows on the next rerun while
a rerun without one only reads a few counts and re-sends the cached view.
"""

from datetime import date

import streamlit as st

from followthrough.content import ContentPack, ListingFunnel, PipelineRules
from followthrough.services import analytics, tracker
from followthrough.services.workbook import Workbook


def _key(wb: Workbook) -> tuple:
    return (wb.engine.url.render_as_string(), wb.owner.id, analytics.data_version(wb))


def analytics_view(wb: Workbook, pack: ContentPack, today: date) -> analytics.AnalyticsView:
    return _analytics_view(wb, pack, _key(wb), today, pack.pipeline, pack.benchmarks.listing_funnel)


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Reading your pipeline…")
def _analytics_view(
    _wb: Workbook,
    _pack: ContentPack,
    key: tuple,
    today: date,
    rules: PipelineRules,  # in the key: a coach's edit to the rules or the benchmark shows at once
    listing: ListingFunnel,
) -> analytics.AnalyticsView:
    return analytics.view(_wb, _pack, today)


def tracker_table(
    wb: Workbook, today: date, no_response_days: int, writes: int
) -> tracker.TrackerTable:
    """`writes` counts this session's own saves: two edits within a second leave the version alone."""
    return _tracker_table(wb, (_key(wb), writes), today, no_response_days)


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _tracker_table(
    _wb: Workbook, key: tuple, today: date, no_response_days: int
) -> tracker.TrackerTable:
    return tracker.table(_wb, today, no_response_days)
