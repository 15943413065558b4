"""Tracker: every application with its current stage and history; add, edit, archive.

The table, the rows listed and the chosen application's editor are cached per data version
(ui/screens). Every save goes through followthrough.services.tracker, which checks it first.
"""

from collections.abc import Mapping
from functools import partial

import streamlit as st

from followthrough import formats
from followthrough.models import Application, Stage
from followthrough.services import tracker
from ui import clock, navigation, paging, resources, screens, tables
from ui.autosave import forget, keep, load_drafts, remember, save_or_keep
from ui.forms import NARROW, application_fields, read_application, side_by_side
from ui.text import plain

NEW = "pipeline_new_"
SELECTED = "pipeline_selected"
ADDING = "pipeline_adding"  # the 'Add an application' expander: open or not
state = st.session_state
wb = resources.workbook()
rules = resources.content().pipeline
words = rules.tracker
stage_words = resources.content().journey.interview_stage
today = clock.today()


def _add() -> None:
    app = read_application(NEW, Application("", ""))
    app.notes = state[NEW + "notes"].strip()
    added = tracker.add_application(wb, app, Stage(state[NEW + "first_stage"]), words)
    state["pipeline_errors_new"] = added.errors
    if added.app_id is not None:
        forget(NEW)
        state[SELECTED] = added.app_id
        state["pipeline_flash"] = added.message


def _commit(app_id: int, _key: str) -> None:
    """Save a valid edit at once; keep an invalid one as a draft and explain."""
    prefix = f"pipeline_app{app_id}_"
    updated = read_application(prefix, tracker.application(wb, app_id))
    updated.notes = state[prefix + "notes"]
    errors = tracker.save_application(wb, updated)
    state[f"pipeline_errors_{app_id}"] = errors
    # The service has saved it or said why not; this drops the drafts or keeps them.
    save_or_keep(prefix, not errors, lambda: None)


def _record_stage(app_id: int) -> None:
    stage = Stage(state[f"pipeline_stage_{app_id}"])
    on, note = state[f"pipeline_stage_on_{app_id}"], state[f"pipeline_stage_note_{app_id}"]
    errors = tracker.record_stage(wb, app_id, stage, on, note, today, words)
    state[f"pipeline_stage_errors_{app_id}"] = errors
    if not errors:
        state[f"pipeline_stage_note_{app_id}"] = ""


def _mark_no_response(app_id: int) -> None:
    tracker.mark_no_response(wb, app_id, today, rules)


def _set_archived(app_id: int, archived: bool) -> None:
    tracker.set_archived(wb, app_id, archived)


def _show_errors(name: str) -> None:
    for message in state.get(name, []):
        st.error(plain(message))


def _new_application_form(drafts: Mapping) -> None:
    application_fields(NEW, Application("", ""), drafts, remember, ())  # no date until given
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


def _stage_controls(app_id: int) -> None:
    with side_by_side():
        _stage_fields(app_id)
    _show_errors(f"pipeline_stage_errors_{app_id}")  # under the row


def _stage_fields(app_id: int) -> None:
    st.selectbox(
        "New stage",
        [s.value for s in Stage],
        format_func=lambda s: Stage(s).label,
        key=f"pipeline_stage_{app_id}",
        width=NARROW,
    )
    st.date_input(
        "On",
        value=None,  # a day the person does not give is unknown, never today
        key=f"pipeline_stage_on_{app_id}",
        format=formats.DATE,
        help="Leave it empty if you don't know the day: the stage is kept without one.",
        width=NARROW,
    )
    st.text_input("Note", key=f"pipeline_stage_note_{app_id}")
    st.button(
        "Record stage", key=f"pipeline_record_{app_id}", on_click=_record_stage, args=(app_id,)
    )


def _application_editor(chosen: tracker.Detail, drafts: Mapping) -> None:
    app, app_id = chosen.application, chosen.app_id
    prefix = f"pipeline_app{app_id}_"
    application_fields(prefix, app, drafts, _commit, (app_id,))
    keep(prefix + "notes", drafts.get(prefix + "notes", app.notes))
    st.text_area("Notes", key=prefix + "notes", on_change=_commit, args=(app_id, prefix + "notes"))
    _show_errors(f"pipeline_errors_{app_id}")

    st.markdown(f"**Stage history** · now: {chosen.current}")
    st.dataframe(
        tables.arrow(chosen.history),
        hide_index=True,
        key=f"pipeline_history_{app_id}",
        column_config={"Date": st.column_config.DateColumn(format=formats.DATE)},
    )
    if chosen.no_response:
        st.warning(chosen.no_response)
        st.button(
            "Mark as no response",
            key=f"pipeline_no_response_{app_id}",
            on_click=_mark_no_response,
            args=(app_id,),
        )
    _stage_controls(app_id)

    for line in chosen.rounds:
        st.caption(line)
    if chosen.interview_offer:  # an "Interview" stage is an interview: its steps start from it
        st.info(plain(chosen.interview_offer))
        link = {"application": str(app_id)}
        st.page_link(navigation.INTERVIEWS, label=stage_words.link, icon="🗓️", query_params=link)
    else:
        st.page_link(navigation.INTERVIEWS, label="Record or edit interviews", icon="🗓️")
    st.button(
        "Unarchive" if app.archived else "Archive",
        key=f"pipeline_archive_{app_id}",
        on_click=_set_archived,
        args=(app_id, not app.archived),
    )


st.title("Tracker")
st.caption(words.intro)
if flash := state.pop("pipeline_flash", None):
    st.success(plain(flash))

table = screens.tracker_table(wb, today, rules.no_response_days)
drafts = load_drafts("pipeline_")

with side_by_side():
    st.metric("Active applications", table.active)
    st.metric("Likely no response", table.likely_no_response)

paging.fold(
    "Add an application",
    ADDING,
    partial(_new_application_form, drafts),
    expanded=table.empty or any(k.startswith(NEW) for k in drafts),
)

if table.empty:
    st.info(words.empty)
    st.page_link(navigation.IMPORT_EXPORT, label="Import a CSV", icon="📥")
    st.stop()

with side_by_side():
    query = st.text_input("Find", key="pipeline_find", placeholder="company, role or source")
    show_archived = st.toggle("Show archived", key="pipeline_show_archived")
view = screens.view(
    tracker.screen, wb, table, query, show_archived, state.get(SELECTED), rules, stage_words
)
if view.note:
    st.caption(view.note)
# Every column on a laptop, stretched to the page; four narrow ones on a phone (its table frame is
# 356 px at 390x844), where the date applied, source and history are in the editor below.
archived = {"archived": st.column_config.CheckboxColumn("Archived")} if show_archived else {}
narrow = 16 if show_archived else 0  # room for the fifth column
tables.fitted_dataframe(
    view.rows,
    "pipeline_table",
    wide={
        "company": "Company",
        "role_title": "Role",
        "stage": "Stage",
        "since": st.column_config.DateColumn("Since", format=formats.DATE),
        "applied_on": st.column_config.DateColumn("Applied", format=formats.DATE),
        "source": "Source",
        "flag": st.column_config.TextColumn("Note", width=140),  # "likely no response" whole
        **archived,
    },
    phone={
        "company": st.column_config.TextColumn("Company", width=90 - narrow),
        "role_title": st.column_config.TextColumn("Role", width=90 - narrow),
        "stage": st.column_config.TextColumn("Stage", width=80 - narrow),
        "flag": st.column_config.TextColumn("Note", width=86 - narrow),
        **{name: st.column_config.CheckboxColumn("Archived", width=60) for name in archived},
    },
)

state[SELECTED] = view.selected
# A selectbox shows its options as text, not Markdown: plain() would show its backslashes.
st.selectbox("Application", list(view.names), key=SELECTED, format_func=view.names.__getitem__)
if view.detail is not None:
    with st.container(border=True):
        _application_editor(view.detail, drafts)
