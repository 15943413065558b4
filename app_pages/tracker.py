"""Tracker: every application with its current stage and history; add, edit, archive.

A stage change appends a dated event to the history, never overwrites it. An application with no
reply after the content's no-response days is flagged "likely no response"; its history is left as
it is until you mark it. Interviews recorded on the Interviews page are these same applications.
"""

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from followthrough.analytics.tracker import (
    LIKELY_NO_RESPONSE,
    counts,
    current_stage,
    history_rows,
    stage_change_errors,
    tracker_frame,
    visible,
)
from followthrough.interviews import application_errors
from followthrough.models import Application, Person, Stage, StatusEvent
from followthrough.services import analytics
from followthrough.services.workbook import Workbook
from ui import navigation, resources
from ui.autosave import forget, keep, load_drafts, remember, save_or_keep
from ui.forms import application_fields, read_application
from ui.text import plain

NEW = "pipeline_new_"
SELECTED = "pipeline_selected"
MAX_ROWS = 1_000  # listed at once (every row is sent to the browser); search narrows the rest
state = st.session_state
repo = resources.applications()
wb = resources.workbook()
rules = resources.content().pipeline
today = date.today()


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _tracker(
    _engine: Engine, url: str, owner_id: int, version: tuple, today: date, days: int
) -> pd.DataFrame:
    apps, events = analytics.frames(Workbook(_engine, Person(owner_id, "", "")))
    return tracker_frame(apps, events, today, days)


def _changed() -> None:
    # Edits within one second leave data_version alone; this session's own writes bump the key.
    state["pipeline_writes"] = state.get("pipeline_writes", 0) + 1


def _add() -> None:
    app = read_application(NEW, Application("", ""))
    app.notes = state[NEW + "notes"].strip()
    errors = application_errors(app)
    if errors:
        state["pipeline_errors_new"] = errors
        return
    app_id = repo.add(app, first_stage=Stage(state[NEW + "first_stage"]))
    forget(NEW)
    state.pop("pipeline_errors_new", None)
    state[SELECTED] = app_id
    state["pipeline_flash"] = f"Added {app.company} — {app.role_title}."
    _changed()


def _commit(app_id: int, _key: str) -> None:
    """Save a valid edit at once; keep an invalid one as a draft and explain."""
    prefix = f"pipeline_app{app_id}_"
    updated = read_application(prefix, repo.get(app_id))
    updated.notes = state[prefix + "notes"]
    errors = application_errors(updated)
    state[f"pipeline_errors_{app_id}"] = errors

    def save() -> None:
        repo.update(updated)
        _changed()

    save_or_keep(prefix, not errors, save)


def _record_stage(app_id: int) -> None:
    stage = Stage(state[f"pipeline_stage_{app_id}"])
    on = state[f"pipeline_stage_on_{app_id}"] or today
    errors = stage_change_errors(repo.get(app_id), stage, on, today)
    state[f"pipeline_stage_errors_{app_id}"] = errors
    if not errors:
        note = state[f"pipeline_stage_note_{app_id}"].strip()
        repo.add_event(StatusEvent(app_id, stage, on, note))
        state[f"pipeline_stage_note_{app_id}"] = ""
        _changed()


def _mark_no_response(app_id: int) -> None:
    note = f"No reply after {rules.no_response_days} days"
    repo.add_event(StatusEvent(app_id, Stage.NO_RESPONSE, today, note))
    _changed()


def _set_archived(app_id: int, archived: bool) -> None:
    app = repo.get(app_id)
    app.archived = archived
    repo.update(app)
    _changed()


def _show_errors(name: str) -> None:
    for message in state.get(name, []):
        st.error(message)


def _new_application_form(drafts: dict) -> None:
    application_fields(NEW, Application("", "", applied_on=today), drafts, remember, ())
    keep(NEW + "notes", drafts.get(NEW + "notes", ""))
    keep(NEW + "first_stage", drafts.get(NEW + "first_stage", Stage.APPLIED.value))
    left, right = st.columns([3, 1])
    left.text_area("Notes", key=NEW + "notes", on_change=remember, args=(NEW + "notes",))
    right.radio(
        "Stage",
        [Stage.APPLIED.value, Stage.SAVED.value],
        format_func=lambda s: Stage(s).label,
        key=NEW + "first_stage",
        on_change=remember,
        args=(NEW + "first_stage",),
    )
    _show_errors("pipeline_errors_new")
    st.button("Add application", key="pipeline_add", type="primary", on_click=_add)


def _stage_controls(app: Application) -> None:
    cols = st.columns([2, 2, 3, 2], vertical_alignment="bottom")
    cols[0].selectbox(
        "New stage",
        [s.value for s in Stage],
        format_func=lambda s: Stage(s).label,
        key=f"pipeline_stage_{app.id}",
    )
    cols[1].date_input("On", value=today, key=f"pipeline_stage_on_{app.id}")
    cols[2].text_input("Note", key=f"pipeline_stage_note_{app.id}")
    cols[3].button(
        "Record stage", key=f"pipeline_record_{app.id}", on_click=_record_stage, args=(app.id,)
    )
    _show_errors(f"pipeline_stage_errors_{app.id}")


def _application_editor(app: Application, flag: str, drafts: dict) -> None:
    prefix = f"pipeline_app{app.id}_"
    application_fields(prefix, app, drafts, _commit, (app.id,))
    keep(prefix + "notes", drafts.get(prefix + "notes", app.notes))
    st.text_area("Notes", key=prefix + "notes", on_change=_commit, args=(app.id, prefix + "notes"))
    _show_errors(f"pipeline_errors_{app.id}")

    history = repo.events(app.id)
    latest = current_stage(history)
    st.markdown(f"**Stage history** · now: {latest.stage.label if latest else 'no stage yet'}")
    st.dataframe(history_rows(history), hide_index=True, key=f"pipeline_history_{app.id}")
    if flag == LIKELY_NO_RESPONSE:
        st.warning(
            f"No reply for {rules.no_response_days} days or more: likely no response. "
            "Follow up once, or mark it and keep your search moving."
        )
        st.button(
            "Mark as no response",
            key=f"pipeline_no_response_{app.id}",
            on_click=_mark_no_response,
            args=(app.id,),
        )
    _stage_controls(app)

    rounds = [s.interview for s in resources.interviews().summaries(True, application_id=app.id)]
    for interview in reversed(rounds):  # oldest round first
        st.caption(
            f"Interview round {interview.round_number} · {interview.format.label} · "
            f"{interview.starts_at:%d %b %Y %H:%M}"
        )
    st.page_link(navigation.INTERVIEWS, label="Record or edit interviews", icon="🗓️")
    label = "Unarchive" if app.archived else "Archive"
    st.button(
        label,
        key=f"pipeline_archive_{app.id}",
        on_click=_set_archived,
        args=(app.id, not app.archived),
    )


st.title("Tracker")
st.caption(
    "Every application with its current stage. A stage change is added to the history with its "
    "date; nothing is overwritten. Everything you type is saved as you go."
)
if flash := state.pop("pipeline_flash", None):
    st.success(plain(flash))

version = (analytics.data_version(wb), state.get("pipeline_writes", 0))
url = wb.engine.url.render_as_string()
table = _tracker(wb.engine, url, wb.owner.id, version, today, rules.no_response_days)
drafts = load_drafts("pipeline_")

active, stale = counts(table)
left, right = st.columns(2)
left.metric("Active applications", active)
right.metric("Likely no response", stale)

with st.expander(
    "Add an application", expanded=table.empty or any(k.startswith(NEW) for k in drafts)
):
    _new_application_form(drafts)

if table.empty:
    st.info("No applications yet: add one above, or import a spreadsheet on Import & export.")
    st.page_link(navigation.IMPORT_EXPORT, label="Import a CSV", icon="📥")
    st.stop()

search_col, archived_col = st.columns([3, 1], vertical_alignment="bottom")
query = search_col.text_input("Find", key="pipeline_find", placeholder="company, role or source")
show_archived = archived_col.toggle("Show archived", key="pipeline_show_archived")
view, matching = visible(table, query, show_archived, limit=MAX_ROWS)
if matching > len(view):
    st.caption(f"Showing the newest {len(view):,} of {matching:,}: search to narrow the list.")
st.dataframe(
    view,
    hide_index=True,
    key="pipeline_table",
    column_config={
        "company": "Company",
        "role_title": "Role",
        "source": "Source",
        "applied_on": st.column_config.DateColumn("Applied"),
        "archived": st.column_config.CheckboxColumn("Archived"),
        "stage": "Stage",
        "since": st.column_config.DateColumn("Since"),
        "flag": "Note",
        "closed": None,  # used for the counts, not shown
    },
)

choices = list(view.index)
if state.get(SELECTED) not in choices:
    state[SELECTED] = choices[0] if choices else None
names = {i: f"{view.at[i, 'company']} — {view.at[i, 'role_title']}" for i in choices}
chosen = st.selectbox("Application", choices, key=SELECTED, format_func=names.get)
if chosen is not None:
    with st.container(border=True):
        _application_editor(repo.get(chosen), view.at[chosen, "flag"], drafts)
