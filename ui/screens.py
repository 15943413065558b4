"""Screens cached per (database, person, data version): Home, Analytics, the Tracker, the parts
of Interviews and Step 4 read from the whole pipeline, and through `view` the step pages' screens,
their interview picker and their forms' drafts, the Practice bank and the printable workbook's.

The key names the database and the person (id and handle), so one person's rows are never served
to another, and their data version, which the database bumps in the same transaction as every
write of theirs (followthrough/store/versions.py): a write through any session, process or replica
shows on the next rerun, and a rerun without one reads one row and re-sends the cached views. That
row is read once a run (`new_run`), and again after a write of this process, so a page that saves
mid-run reads its own write.
Analytics, the Tracker, the list of applications and Step 4's pace key on the pipeline's own
counter (applications and their history), so typing a note leaves a 5,000-application pipeline
cached.

The pages and ui/ only read the views, never change them, so they are kept as objects, shared
by the process's sessions (ui/shelf), rather than as pickled copies (st.cache_data), which a rerun
would unpickle:
Analytics' charts' data took 70 of its 105 ms a rerun at 5,000 applications. Chart data is kept as
the Arrow bytes st.vega_lite_chart sends, converted once per data version rather than on every
rerun (a third of an Analytics rerun under load).
"""

from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypeVar

import streamlit as st
from streamlit import dataframe_util

from followthrough import content
from followthrough.content import ContentPack
from followthrough.models import Interview, InterviewSummary
from followthrough.services import analytics, home, interviews, momentum, tracker
from followthrough.services.workbook import Workbook, cache_key, writes_committed
from ui import resources
from ui.shelf import Shelf

ENTRIES = 256  # one per person active at once on a server, and some
T = TypeVar("T")
_views: Shelf[Any] = Shelf(ENTRIES * 8)
_analytics: Shelf[analytics.AnalyticsView] = Shelf(ENTRIES)
_tables: Shelf[tracker.TrackerTable] = Shelf(ENTRIES)
_names: Shelf[dict[int, str]] = Shelf(ENTRIES)
_paces: Shelf[momentum.Pace] = Shelf(ENTRIES)


def view(build: Callable[..., T], wb: Workbook, *args: Hashable) -> T:
    """`build(wb, *args)`, kept per (database, person, data version, followed content pack, args).

    `args` are hashed into the key, so pass what the screen shows, rounded as it shows it: a
    `minute(now)` rather than now, which would never repeat. A ContentPack argument must be this
    session's own (resources.content()), and what was read from this workbook must be as its data
    version has it: both are keyed by name, not hashed (`_identity`). What comes back is shared by
    the person's sessions and is only read.
    """
    name = f"{build.__module__}.{build.__qualname__}"
    key = (_key(wb), resources.content_key(), name, *map(_identity, args))
    return _views.get(key, lambda: build(wb, *args))


def _identity(arg: Hashable) -> Hashable:
    """What of `arg` goes into a key. What was read from the workbook is keyed by its data version,
    so only which one it is, and the day it was read as of, count (hashing Step 4's pace whole took
    a third of its rerun). A new type read from the workbook gets its line here, with its day."""
    if type(arg).__module__ == content.__name__:  # the followed pack, or a part of it
        return type(arg).__name__
    if isinstance(arg, momentum.Pace):  # the pipeline's, as of the `today` passed beside it
        return type(arg).__name__
    if isinstance(arg, tracker.TrackerTable):  # the pipeline's, as of its day
        return type(arg).__name__, arg.today
    if isinstance(arg, InterviewSummary):
        return ("interview", arg.interview.id)
    if isinstance(arg, Interview):
        return ("interview", arg.id)
    return arg


def minute(now: datetime) -> datetime:
    """`now` to the minute: what a cached screen is keyed on (what is due moves with the clock,
    not within a minute)."""
    return now.replace(second=0, microsecond=0)


RUN = "screens_run"  # the data versions read this run: (database, person) -> (writes seen, key)


def new_run() -> None:
    """Read data versions afresh this run (app.py's frame): another process may have written."""
    st.session_state[RUN] = {}


def _key(wb: Workbook) -> tuple:
    """cache_key(wb), read once a run, and again after any write this process commits (a page
    that saves mid-run reads its own write)."""
    seen = writes_committed()
    kept: dict[tuple, tuple[int, tuple]] = st.session_state.setdefault(RUN, {})
    person = (id(wb.engine), wb.owner.id)
    if (hit := kept.get(person)) is not None and hit[0] == seen:
        return hit[1]
    key = cache_key(wb)
    kept[person] = (seen, key)
    return key


def _pipeline_key(wb: Workbook) -> tuple:
    url, owner, handle, version = _key(wb)
    return url, owner, handle, version.pipeline


def analytics_view(wb: Workbook, pack: ContentPack, today: date) -> analytics.AnalyticsView:
    """`pack` must be this session's own (resources.content()): its key is in the view's, so a
    coach's edit to the rules or the benchmark shows at once."""
    key = (_pipeline_key(wb), resources.content_key(), today)
    if (kept := _analytics.find(key)) is not None:
        return kept
    with st.spinner("Reading your pipeline…"):  # shown by every tab waiting for this read
        return _analytics.get(key, lambda: _analytics_view(wb, pack, today))


def _analytics_view(wb: Workbook, pack: ContentPack, today: date) -> analytics.AnalyticsView:
    view = analytics.view(wb, pack, today)
    charts = tuple(replace(chart, spec=_sendable(chart.spec)) for chart in view.charts)
    return replace(view, charts=charts)


def _sendable(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with its named datasets as Arrow IPC bytes, which st.vega_lite_chart sends as they
    are (it converts any other data on every call)."""
    datasets = spec.get("datasets", {})
    arrow = {
        name: dataframe_util.convert_anything_to_arrow_bytes(rows)
        for name, rows in datasets.items()
    }
    return spec | {"datasets": arrow} if arrow else spec


def tracker_table(wb: Workbook, today: date, no_response_days: int) -> tracker.TrackerTable:
    key = (_pipeline_key(wb), today, no_response_days)
    return _tables.get(key, lambda: tracker.table(wb, today, no_response_days))


def home_view(wb: Workbook, pack: ContentPack, now: datetime) -> home.HomeView:
    """Home as of this minute (what is due moves with the clock, not within a minute)."""
    return view(home.home, wb, pack, minute(now))


def application_names(wb: Workbook) -> dict[int, str]:
    return _names.get(_pipeline_key(wb), lambda: interviews.application_names(wb))


def pace(wb: Workbook, today: date) -> momentum.Pace:
    return _paces.get((_pipeline_key(wb), today), lambda: momentum.read_pace(wb, today))


def forget() -> None:
    """Drop every cached screen, for every person (a cold start, as after a server restart)."""
    for shelf in (_views, _analytics, _tables, _names, _paces):
        shelf.clear()
