"""Interviews: record an application, its interview rounds and the people who interviewed you.

Every field saves as it changes; a field that would make a record invalid is kept as a draft and
explained until it is fixed.
"""

from collections.abc import Mapping
from functools import partial

import streamlit as st

from followthrough.models import Application, Interview, Interviewer
from followthrough.services import interviews
from followthrough.services.interviews import ApplicationEditor, InterviewsView
from ui import clock, navigation, paging, resources, screens, tables
from ui.autosave import forget, keep, load_drafts, remember, save_or_keep
from ui.forms import (
    Record,
    application_fields,
    interview_fields,
    interviewer_fields,
    read,
    read_application,
    read_interview,
    read_interviewer,
    side_by_side,
)
from ui.text import plain
from ui.undo import offer_undo, removal, remove_asking, remove_button

NEW = "interviews_new_"
MAX_INTERVIEWERS = 8
NEW_APPLICATION = 0  # not None: a selectbox shows None as "Choose an option"
REFUSED = "interviews_refused"  # form prefix -> why a valid edit was refused (a too-long value)
SAVED = "interviews_saved"  # the interview last recorded: its next step is one click away
PAGE = "interviews"
RECORD = "interviews_record"  # the 'Record an interview' expander: open or not
state = st.session_state
wb = resources.workbook()
journey = resources.content().journey


def _create(blank: Interview) -> None:
    chosen = state[NEW + "application"]
    application = chosen or read_application(NEW, Application("", ""))
    people = [read_interviewer(f"{NEW}p{i}_", Interviewer("")) for i in range(state[NEW + "count"])]
    recorded = interviews.record_interview(wb, application, read_interview(NEW, blank), people)
    if recorded.errors:
        state["interviews_errors_new"] = recorded.errors
        return
    forget(NEW)
    state.pop("interviews_errors_new", None)
    state["interviews_flash"] = recorded.message
    state[SAVED] = recorded.interview_id


def _commit(prefix: str, saved: Record, _changed_key: str) -> None:
    """Save an edited record when valid; otherwise keep the typed values as drafts and explain."""
    edited = read(prefix, saved)
    valid = not interviews.problems(edited)
    refused = save_or_keep(prefix, valid, lambda: interviews.save(wb, edited))
    state.setdefault(REFUSED, {})[prefix] = refused


def _explain_draft(prefix: str, saved: Record, drafts: Mapping) -> None:
    """An edit kept as a draft is explained on every run, after a reload too."""
    if any(key.startswith(prefix) for key in drafts):
        refused = state.get(REFUSED, {}).get(prefix, [])
        for message in interviews.problems(read(prefix, saved)) + refused:
            st.error(plain(message))


def _new_interview_form(view: InterviewsView, names: dict[int, str], drafts: Mapping) -> None:
    keep(NEW + "application", drafts.get(NEW + "application") or NEW_APPLICATION)
    keep(NEW + "count", drafts.get(NEW + "count", 1))
    if state[NEW + "application"] not in names:  # deleted or archived since it was picked
        state[NEW + "application"] = NEW_APPLICATION
    st.selectbox(
        "Application",
        [NEW_APPLICATION, *names],
        key=NEW + "application",
        format_func=lambda i: names.get(i, "A new application"),
        on_change=remember,
        args=(NEW + "application",),
    )
    if state[NEW + "application"] == NEW_APPLICATION:
        application_fields(NEW, view.blank_application, drafts, remember, ())
    st.markdown("**The interview**")
    interview_fields(NEW, view.blank_interview, drafts, remember, ())
    st.markdown("**Who interviewed you**")
    st.number_input(
        "Number of interviewers",
        key=NEW + "count",
        min_value=1,
        max_value=MAX_INTERVIEWERS,
        on_change=remember,
        args=(NEW + "count",),
    )
    for i in range(state[NEW + "count"]):
        st.caption(f"Interviewer {i + 1}")
        interviewer_fields(f"{NEW}p{i}_", Interviewer(""), drafts, remember, ())
    for message in state.get("interviews_errors_new", []):
        st.error(plain(message))
    st.button(
        "Save interview",
        key="interviews_create",
        type="primary",
        on_click=_create,
        args=(view.blank_interview,),
    )


def _interviewer_editor(person: Interviewer, drafts: Mapping) -> None:
    prefix = f"interviews_pe{person.id}_"
    interviewer_fields(prefix, person, drafts, _commit, (prefix, person))
    _explain_draft(prefix, person, drafts)
    label, key = f"Remove {plain(person.name)}", f"interviews_remove_pe{person.id}"
    remove_button(label, key, PAGE, removal("interviewer", person.id or 0))


def _interview_editor(interview: Interview, drafts: Mapping) -> None:
    prefix = f"interviews_iv{interview.id}_"
    interview_fields(prefix, interview, drafts, _commit, (prefix, interview))
    _explain_draft(prefix, interview, drafts)
    for person in interview.interviewers:
        with st.container(border=True):
            _interviewer_editor(person, drafts)
    with side_by_side():
        _interview_actions(interview)


def _interview_actions(interview: Interview) -> None:
    st.button(
        "Add an interviewer",
        key=f"interviews_add_pe{interview.id}",
        on_click=interviews.add_interviewer,
        args=(wb, interview.id),
    )
    remove_asking(
        "Delete this interview",
        "This removes the interview, its interviewers and your notes on it.",
        "Delete interview",
        f"interviews_delete_iv{interview.id}",
        PAGE,
        removal("interview", interview.id or 0),
    )


def _application_editor(editor: ApplicationEditor, drafts: Mapping) -> None:
    app = editor.application
    prefix = f"interviews_app{app.id}_"
    application_fields(prefix, app, drafts, _commit, (prefix, app))
    _explain_draft(prefix, app, drafts)
    for interview in editor.rounds:
        st.markdown(f"**Round {interview.round_number}** · {interview.format.label}")
        _interview_editor(interview, drafts)
    remove_asking(
        "Delete this application",
        "This removes the application with all its interviews and notes.",
        "Delete application",
        f"interviews_delete_app{app.id}",
        PAGE,
        removal("application", app.id or 0),
    )


view = screens.view(interviews.screen, wb, state.get("interviews_edit"), clock.today())
names = screens.application_names(wb)

st.title("Interviews")
st.caption("Everything you type here is saved as you go.")
if flash := state.pop("interviews_flash", None):
    st.success(plain(flash))
if state.get(SAVED) is not None:  # after saving an interview, its notes are one click away
    link = {"interview": str(state[SAVED])}
    st.page_link(navigation.NOTES, label=journey.next.notes, icon="📝", query_params=link)
offer_undo(PAGE)
if (asked := st.query_params.get("application")) is not None:
    # The Tracker's link for an application at the interview stage: the form starts from it.
    del st.query_params["application"]
    if asked.isdigit() and int(asked) in names:
        state[NEW + "application"] = int(asked)
        state[RECORD] = True
        remember(NEW + "application")

drafts = load_drafts("interviews_")
paging.fold(  # a closed form (and its list of every application, 5,000 of them) costs nothing
    "Record an interview",
    RECORD,
    partial(_new_interview_form, view, names, drafts),
    expanded=not view.rows or any(k.startswith(NEW) for k in drafts),
)

st.subheader("Your interviews")
if view.editor is None:
    st.info("No interviews yet: record your first one above.")
else:
    # Every column on a laptop; on a phone, which interview and when (the rest is in the editor).
    tables.fitted_dataframe(
        view.rows,
        "interviews_table",
        wide={  # a short header keeps the seven columns within a laptop's frame
            **{name: name for name in view.rows[0]},
            "Decision expected": st.column_config.TextColumn("Decision by"),
        },
        phone={
            "Company": st.column_config.TextColumn(width=120),
            "Round": st.column_config.NumberColumn(width=60),
            "When": st.column_config.TextColumn(width=150),
        },
    )
    # One editor at a time keeps the page quick however many interviews the workbook holds.
    state["interviews_edit"] = view.editor.application.id  # a deleted pick falls back to the first
    st.selectbox(
        "Edit an application",
        list(view.editable),
        key="interviews_edit",
        format_func=lambda i: view.editable[i],
    )
    with st.container(border=True):
        _application_editor(view.editor, drafts)
