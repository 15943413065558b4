"""Interviews: record an application, its interview rounds and the people who interviewed you.

Every field saves as it changes; a field that would make a record invalid is kept as a draft and
explained until it is fixed.
"""

from datetime import date, datetime, time

import streamlit as st

from followthrough.interviews import (
    application_errors,
    interview_errors,
    interview_rows,
    interviewer_errors,
)
from followthrough.models import Application, Interview, Interviewer, InterviewFormat
from ui import resources
from ui.autosave import forget, keep, load_drafts, remember, save_or_keep
from ui.forms import (
    application_fields,
    interview_fields,
    interviewer_fields,
    read_application,
    read_interview,
    read_interviewer,
)
from ui.text import plain

NEW = "interviews_new_"
MAX_INTERVIEWERS = 8
NEW_APPLICATION = 0  # not None: a selectbox shows None as "Choose an option"
state = st.session_state
repo = resources.applications()
interviews = resources.interviews()


def _blank_interview() -> Interview:
    today = date.today()
    return Interview(
        application_id=0,
        round_number=1,
        format=InterviewFormat.VIDEO,
        starts_at=datetime.combine(today, time(10)),
        ends_at=datetime.combine(today, time(11)),
    )


def _new_people() -> list[tuple[int, Interviewer]]:
    people = [
        (i, read_interviewer(f"{NEW}p{i}_", Interviewer(""))) for i in range(state[NEW + "count"])
    ]
    return [(i, p) for i, p in people if p.name or p.title or p.email or p.postal_address]


def _create() -> None:
    app_id = state[NEW + "application"]
    app = read_application(NEW, Application("", ""))
    interview = read_interview(NEW, _blank_interview())
    errors = [] if app_id else application_errors(app)
    errors += interview_errors(interview)
    people = _new_people()
    for number, person in people:
        errors += [f"Interviewer {number + 1}: {e}" for e in interviewer_errors(person)]
    if not people:
        errors.append("Add at least one interviewer, so each gets a thank-you note.")
    if errors:
        state["interviews_errors_new"] = errors
        return
    interview.application_id = app_id or repo.add(app)
    interview.interviewers = [person for _, person in people]
    interviews.add(interview)
    forget(NEW)
    state.pop("interviews_errors_new", None)
    state["interviews_flash"] = f"Saved your interview at {app.company or 'the company'}."


def _commit(kind: str, record_id: int, _changed_key: str) -> None:
    """Save an edited record when valid; otherwise keep the typed values as drafts and explain."""
    prefix = f"interviews_{kind}{record_id}_"
    if kind == "app":
        record, errors_of, save = repo.get(record_id), application_errors, repo.update
        updated = read_application(prefix, record)
    elif kind == "iv":
        record, errors_of, save = (
            interviews.get(record_id),
            interview_errors,
            interviews.update,
        )
        updated = read_interview(prefix, record)
    else:
        record = interviews.get_interviewer(record_id)
        errors_of, save = interviewer_errors, interviews.update_interviewer
        updated = read_interviewer(prefix, record)
    save_or_keep(prefix, not errors_of(updated), lambda: save(updated))


def _explain_draft(prefix: str, drafts: dict, errors: list[str]) -> None:
    """An edit kept as a draft is explained on every run, after a reload too."""
    if any(key.startswith(prefix) for key in drafts):
        for message in errors:
            st.error(message)


def _new_interview_form(drafts: dict, apps: list[Application]) -> None:
    keep(NEW + "application", drafts.get(NEW + "application") or NEW_APPLICATION)
    keep(NEW + "count", drafts.get(NEW + "count", 1))
    names = {a.id: f"{a.company} — {a.role_title}" for a in apps}
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
        application_fields(NEW, Application("", "", applied_on=date.today()), drafts, remember, ())
    st.markdown("**The interview**")
    interview_fields(NEW, _blank_interview(), drafts, remember, ())
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
        st.error(message)
    st.button("Save interview", key="interviews_create", type="primary", on_click=_create)


def _interviewer_editor(person: Interviewer, drafts: dict) -> None:
    prefix = f"interviews_pe{person.id}_"
    interviewer_fields(prefix, person, drafts, _commit, ("pe", person.id))
    _explain_draft(prefix, drafts, interviewer_errors(read_interviewer(prefix, person)))
    st.button(
        f"Remove {plain(person.name)}",
        key=f"interviews_remove_pe{person.id}",
        on_click=interviews.delete_interviewer,
        args=(person.id,),
    )


def _add_interviewer(interview_id: int) -> None:
    interviews.add_interviewer(interview_id, Interviewer("New interviewer"))


def _interview_editor(interview: Interview, drafts: dict) -> None:
    prefix = f"interviews_iv{interview.id}_"
    interview_fields(prefix, interview, drafts, _commit, ("iv", interview.id))
    _explain_draft(prefix, drafts, interview_errors(read_interview(prefix, interview)))
    for person in interview.interviewers:
        with st.container(border=True):
            _interviewer_editor(person, drafts)
    left, right = st.columns(2)
    left.button(
        "Add an interviewer",
        key=f"interviews_add_pe{interview.id}",
        on_click=_add_interviewer,
        args=(interview.id,),
    )
    with right.popover("Delete this interview"):
        st.write("This removes the interview, its interviewers and your notes on it.")
        st.button(
            "Delete interview",
            key=f"interviews_delete_iv{interview.id}",
            on_click=interviews.delete,
            args=(interview.id,),
        )


def _application_editor(app: Application, interviews: list[Interview], drafts: dict) -> None:
    prefix = f"interviews_app{app.id}_"
    application_fields(prefix, app, drafts, _commit, ("app", app.id))
    _explain_draft(prefix, drafts, application_errors(read_application(prefix, app)))
    for interview in sorted(interviews, key=lambda i: i.starts_at):
        st.markdown(f"**Round {interview.round_number}** · {interview.format.label}")
        _interview_editor(interview, drafts)
    with st.popover("Delete this application"):
        st.write("This removes the application with all its interviews and notes.")
        st.button(
            "Delete application",
            key=f"interviews_delete_app{app.id}",
            on_click=repo.delete,
            args=(app.id,),
        )


st.title("Interviews")
st.caption("Everything you type here is saved as you go.")
if flash := state.pop("interviews_flash", None):
    st.success(plain(flash))

drafts = load_drafts("interviews_")
apps = repo.all()
summaries = interviews.summaries()
with st.expander(
    "Record an interview", expanded=not summaries or any(k.startswith(NEW) for k in drafts)
):
    _new_interview_form(drafts, apps)

st.subheader("Your interviews")
if not summaries:
    st.info("No interviews yet: record your first one above.")
else:
    st.dataframe(interview_rows(summaries), hide_index=True, key="interviews_table")
    by_application: dict[int, list[Interview]] = {}
    for summary in summaries:
        by_application.setdefault(summary.application.id, []).append(summary.interview)
    names = {a.id: f"{a.company} — {a.role_title}" for a in apps if a.id in by_application}
    # One editor at a time keeps the page quick however many interviews the workbook holds.
    chosen = st.selectbox(
        "Edit an application", list(names), key="interviews_edit", format_func=names.get
    )
    if chosen is not None:
        app = next(a for a in apps if a.id == chosen)
        with st.container(border=True):
            _application_editor(app, by_application[app.id], drafts)
