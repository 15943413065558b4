"""Field groups for applications, interviews and interviewers, shared by the create and edit forms.

Each `*_fields` function draws widgets under a key prefix; each `read_*` rebuilds the record from them.
`side_by_side` lays fields out in a row.
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from followthrough import formats
from followthrough.models import Application, Interview, Interviewer, InterviewFormat
from ui.autosave import seed
from ui.outage import held

OnChange = Callable[..., None]
Record = Application | Interview | Interviewer
NARROW = 180  # px: a field for a date, a time, a number or a choice among a few


def side_by_side() -> DeltaGenerator:
    """A row for fields (and buttons, metrics) aligned on their boxes, wrapping on a narrow
    screen. One element, where st.columns sends one for the row and one for each column: a
    rerun's work goes by elements. A text field stretches; give the others a width (NARROW)."""
    return st.container(horizontal=True, vertical_alignment="bottom")


def _wire(prefix: str, name: str, on_change: OnChange, args: tuple) -> dict[str, Any]:
    """Widget kwargs: its key, and a change callback told which key changed."""
    key = prefix + name
    return {"key": key, "on_change": held(on_change), "args": (*args, key)}


def _bind(prefix: str, saved: dict[str, Any], drafts: Mapping[str, Any]) -> None:
    for name, value in saved.items():
        seed(prefix + name, value, drafts)


def application_fields(
    prefix: str, saved: Application, drafts: Mapping, on_change: OnChange, args: tuple
) -> None:
    _bind(
        prefix,
        {
            "company": saved.company,
            "role_title": saved.role_title,
            "source": saved.source,
            "listing_url": saved.listing_url,
            "applied_on": saved.applied_on,
        },
        drafts,
    )
    with side_by_side():
        st.text_input("Company", **_wire(prefix, "company", on_change, args))
        st.text_input("Role title", **_wire(prefix, "role_title", on_change, args))
    with side_by_side():
        st.text_input(
            "Source",
            placeholder="referral, job board, company site…",
            **_wire(prefix, "source", on_change, args),
        )
        st.date_input(
            "Date applied",
            format=formats.DATE,
            width=NARROW,
            **_wire(prefix, "applied_on", on_change, args),
        )
    st.text_input(
        "Listing URL",
        placeholder="https://…",
        **_wire(prefix, "listing_url", on_change, args),
    )


def read_application(prefix: str, base: Application) -> Application:
    state = st.session_state
    return Application(
        id=base.id,
        company=state[prefix + "company"].strip(),
        role_title=state[prefix + "role_title"].strip(),
        source=state[prefix + "source"].strip(),
        listing_url=state[prefix + "listing_url"].strip(),
        applied_on=state[prefix + "applied_on"],
        notes=base.notes,
        is_sample=base.is_sample,
        archived=base.archived,
    )


def interview_fields(
    prefix: str, saved: Interview, drafts: Mapping, on_change: OnChange, args: tuple
) -> None:
    _bind(
        prefix,
        {
            "round_number": saved.round_number,
            "format": saved.format,
            "day": saved.starts_at.date(),
            "start": saved.starts_at.time(),
            "end": saved.ends_at.time(),
            "location": saved.location,
            "decision_expected_on": saved.decision_expected_on,
        },
        drafts,
    )
    if isinstance(st.session_state[prefix + "format"], str):  # drafts store the enum's value
        st.session_state[prefix + "format"] = InterviewFormat(st.session_state[prefix + "format"])
    with side_by_side():
        _when_fields(prefix, on_change, args)
    with side_by_side():
        quarter = timedelta(minutes=15)
        st.time_input(
            "Start", step=quarter, width=NARROW, **_wire(prefix, "start", on_change, args)
        )
        st.time_input("End", step=quarter, width=NARROW, **_wire(prefix, "end", on_change, args))
        st.text_input(
            "Location",
            placeholder="Address, video link or phone",
            **_wire(prefix, "location", on_change, args),
        )


def _when_fields(prefix: str, on_change: OnChange, args: tuple) -> None:
    st.number_input(
        "Round",
        min_value=1,
        step=1,
        width=NARROW,
        **_wire(prefix, "round_number", on_change, args),
    )
    st.selectbox(
        "Format",
        list(InterviewFormat),
        format_func=lambda f: f.label,
        width=NARROW,
        **_wire(prefix, "format", on_change, args),
    )
    day, decision = (
        _wire(prefix, name, on_change, args) for name in ("day", "decision_expected_on")
    )
    st.date_input("Interview date", format=formats.DATE, width=NARROW, **day)
    st.date_input("Decision expected by", format=formats.DATE, width=NARROW, **decision)


def read_interview(prefix: str, base: Interview) -> Interview:
    state = st.session_state
    day: date = state[prefix + "day"] or base.starts_at.date()
    start: time = state[prefix + "start"] or base.starts_at.time()
    end: time = state[prefix + "end"] or base.ends_at.time()
    return Interview(
        id=base.id,
        application_id=base.application_id,
        round_number=int(state[prefix + "round_number"]),
        format=InterviewFormat(state[prefix + "format"]),
        starts_at=datetime.combine(day, start),
        ends_at=datetime.combine(day, end),
        location=state[prefix + "location"].strip(),
        decision_expected_on=state[prefix + "decision_expected_on"],
        interviewers=base.interviewers,
    )


def interviewer_fields(
    prefix: str, saved: Interviewer, drafts: Mapping, on_change: OnChange, args: tuple
) -> None:
    _bind(
        prefix,
        {
            "name": saved.name,
            "title": saved.title,
            "email": saved.email,
            "postal_address": saved.postal_address,
        },
        drafts,
    )
    with side_by_side():
        st.text_input("Name", **_wire(prefix, "name", on_change, args))
        st.text_input("Job title", **_wire(prefix, "title", on_change, args))
        st.text_input(
            "E-mail", placeholder="name@company.com", **_wire(prefix, "email", on_change, args)
        )
    st.text_area(
        "Postal address (for a handwritten note)",
        height=90,
        **_wire(prefix, "postal_address", on_change, args),
    )


def read_interviewer(prefix: str, base: Interviewer) -> Interviewer:
    state = st.session_state
    return Interviewer(
        id=base.id,
        interview_id=base.interview_id,
        name=state[prefix + "name"].strip(),
        title=state[prefix + "title"].strip(),
        email=state[prefix + "email"].strip(),
        postal_address=state[prefix + "postal_address"].strip(),
    )


def read(prefix: str, base: Record) -> Record:
    """The record of `base`'s kind as its fields under `prefix` now hold it."""
    if isinstance(base, Application):
        return read_application(prefix, base)
    if isinstance(base, Interview):
        return read_interview(prefix, base)
    return read_interviewer(prefix, base)
