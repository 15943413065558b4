"""Step 2 — a thank-you note to each interviewer: drafted, checked, sent by the right channel."""

from datetime import date, datetime
from functools import partial

import streamlit as st

from followthrough.models import (
    Channel,
    Interview,
    Interviewer,
    InterviewFormat,
    StepState,
    ThankYouNote,
)
from followthrough.steps import documents, notes, thank_you
from followthrough.steps.thank_you import CHANNELS, NoteFacts
from followthrough.store.people import ProfileRepository
from followthrough.store.thank_you import ThankYouRepository
from ui import navigation, resources
from ui.autosave import keep
from ui.picker import choose_interview
from ui.prompts import checklist_widget

PAGE = "step2"
pack = resources.content()
step = pack.step(thank_you.STEP_ID)
rules = pack.thank_you.note
wb = resources.workbook()
notes_repo = ThankYouRepository(wb.engine, wb.owner.id)
profiles = wb.repo(ProfileRepository)
state = st.session_state
SHOW = {
    StepState.OVERDUE: st.error,
    StepState.DUE: st.warning,
    StepState.DONE: st.success,
    StepState.UPCOMING: st.info,
}


def _save_profile(field: str, key: str) -> None:
    profiles.set(**{field: state[key].strip()})


def _save_culture(application_id: int, key: str) -> None:
    notes_repo.set_culture(application_id, state[key] or "")


def _save_note(interviewer_id: int, field: str, key: str) -> None:
    notes_repo.save(interviewer_id, **{field: state[key]})


def _restart(interviewer_id: int, key: str) -> None:
    notes_repo.save(interviewer_id, body=None)
    state.pop(key, None)


def _mark_sent(interviewer_id: int, base: str) -> None:
    notes_repo.save(
        interviewer_id, sent_on=state[base + "sent_on"], sent_channel=state[base + "sent_by"]
    )


def _not_sent(interviewer_id: int) -> None:
    notes_repo.save(interviewer_id, sent_on=None, sent_channel=None)


def _profile() -> dict[str, str]:
    saved = profiles.get()
    unfinished = not (saved["strongest_skill"] and saved["signature"])
    with st.expander("Your profile — used in every note", expanded=unfinished):
        for field, label, hint in (
            ("strongest_skill", "Your strongest matching skill", "e.g. user research"),
            ("signature", "Your name, as you sign your notes", ""),
        ):
            key = f"{PAGE}_{field}"
            keep(key, saved[field])
            st.text_input(
                label, key=key, placeholder=hint, on_change=_save_profile, args=(field, key)
            )
    return {field: state[f"{PAGE}_{field}"].strip() for field in saved}


def _recommendation(interview: Interview, application_id: int) -> thank_you.ChannelAdvice:
    """The company's culture mark (saved per application) and the channel it leads to, with why."""
    key = f"{PAGE}_culture_{application_id}"
    labels = [c.label for c in rules.cultures]
    stored = notes_repo.culture(application_id)
    keep(key, stored if stored in labels else "")  # a renamed culture reads as unmarked
    st.selectbox(
        "The company's culture",
        ["", *labels],
        key=key,
        format_func=lambda label: label or "Not marked",
        on_change=_save_culture,
        args=(application_id, key),
    )
    culture = next((c for c in rules.cultures if c.label == state[key]), None)
    advice = thank_you.recommend_channel(
        interview.starts_at.date(), interview.decision_expected_on, culture, rules
    )
    st.markdown(f"**Recommended: {advice.channel.label}.** {advice.reason}")
    return advice


def _outputs(person: Interviewer, facts: NoteFacts, body: str) -> None:
    """Copy-ready text, a ready e-mail, .docx/.md downloads and a print-friendly view."""
    base = f"{PAGE}_{person.id}_"
    title = f"Thank-you note to {person.name}"
    copy, email, download, printable = st.tabs(["Copy", "E-mail", "Download", "Print"])
    with copy:
        st.code(body, language=None, wrap_lines=True)
    with email:
        subject = thank_you.subject(facts, rules)
        st.text(f"Subject: {subject}")
        if person.email:
            st.link_button(
                "Open in your e-mail program", thank_you.mailto(person.email, subject, body)
            )
        else:
            st.info("Add this interviewer's e-mail on the Interviews page to open a ready e-mail.")
    with download:
        stem = documents.file_stem(title)
        st.download_button(
            "Download .docx",
            partial(documents.note_docx, title, body, person.postal_address),
            file_name=f"{stem}.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key=base + "docx",
            on_click="ignore",
        )
        st.download_button(
            "Download .md",
            documents.note_markdown(title, body, person.postal_address),
            file_name=f"{stem}.md",
            mime="text/markdown",
            key=base + "md",
            on_click="ignore",
        )
    with printable:
        st.caption(
            "The note alone, to copy onto your card or print (your browser's Print command)."
        )
        with st.container(border=True):
            if person.postal_address:
                st.text(person.postal_address)
            st.text(body)


def _sent_controls(person: Interviewer, note: ThankYouNote, channel: Channel) -> None:
    base = f"{PAGE}_{person.id}_"
    if note.sent_on:
        sent_by = note.sent_channel.label if note.sent_channel else "an unrecorded channel"
        st.success(f"Sent on {note.sent_on:%a %d %b %Y} by {sent_by}.")
        st.button("Not sent yet", key=base + "unsend", on_click=_not_sent, args=(person.id,))
    else:
        keep(base + "sent_on", date.today())
        keep(base + "sent_by", channel)
        when, how, action = st.columns([2, 2, 1], vertical_alignment="bottom")
        when.date_input("Sent on", key=base + "sent_on")
        how.selectbox("Sent by", CHANNELS, key=base + "sent_by", format_func=lambda c: c.label)
        action.button(
            "Mark as sent",
            key=base + "mark_sent",
            type="primary",
            on_click=_mark_sent,
            args=(person.id, base),
        )


st.title(f"Step {step.number} — {step.title}")
st.write(step.why)
summary = choose_interview(PAGE)
if summary is None:
    st.stop()
interview, app = summary.interview, summary.application
people = interview.interviewers
saved = notes_repo.for_interview(interview.id)
sent_count = sum(1 for p in people if p.id in saved and saved[p.id].sent_on)
status = thank_you.status(interview.starts_at, datetime.now(), len(people), sent_count, rules)
SHOW[status.state](status.action)
if interview.format == InterviewFormat.PHONE:
    st.info(rules.phone_reminder)

profile = _profile()
advice = _recommendation(interview, app.id)

if not people:
    st.info("Add who interviewed you on the Interviews page: each of them gets a note.")
    st.page_link(navigation.INTERVIEWS, label="Add interviewers", icon="➡️")
    st.stop()

by_id = {p.id: p for p in people}
person_id = st.radio(
    "Note to",
    list(by_id),
    key=f"{PAGE}_person_{interview.id}",
    horizontal=True,
    # Names only: a label that changed once a note was sent would reset the choice.
    format_func=lambda i: by_id[i].name,
)
person = by_id[person_id]
note = saved.get(person.id, ThankYouNote(interview.id, person.id))
base = f"{PAGE}_{person.id}_"

step1 = resources.answers().for_step(interview.id, notes.STEP_ID)
talking_points = pack.notes.talking_points_from
points = [line for _, line in notes.items_from(step1, talking_points, str(person.id))]
topics = points + ([note.topic] if note.topic and note.topic not in points else [])
keep(base + "topic", note.topic or (points[0] if points else ""))
if topics:
    st.selectbox(
        "What from the interview to mention",
        topics,
        key=base + "topic",
        on_change=_save_note,
        args=(person.id, "topic", base + "topic"),
    )
else:
    st.caption(
        "Your step 1 notes on this interviewer — topics, questions to revisit — are offered here."
    )
facts = NoteFacts(
    name=person.name,
    company=app.company,
    role=app.role_title,
    format=interview.format,
    topic=state[base + "topic"] or "",
    skill=profile["strongest_skill"],
    your_name=profile["signature"],
)
if note.body is None:  # untouched: the draft follows the topic and profile as they change
    state[base + "body"] = thank_you.draft(facts, rules)
else:
    keep(base + "body", note.body)
st.text_area(
    "Your note (edit freely — it is saved as you type)",
    key=base + "body",
    height=320,
    on_change=_save_note,
    args=(person.id, "body", base + "body"),
)
body = state[base + "body"]
if note.body is not None:
    st.button(
        "Start again from the template",
        key=base + "restart",
        on_click=_restart,
        args=(person.id, base + "body"),
    )

st.markdown("**Checks**")
checks = thank_you.quality_checks(body, facts, points, rules)
st.dataframe(
    [{"": "✅" if c.passed else "⚠️", "Check": c.label, "Why": c.explanation} for c in checks],
    hide_index=True,
    key=base + "checks",
)

if note.channel is None:  # not chosen yet: follow the recommendation as it changes
    state[base + "channel"] = advice.channel
else:
    keep(base + "channel", note.channel)
st.radio(
    "Send it by",
    CHANNELS,
    key=base + "channel",
    horizontal=True,
    format_func=lambda c: c.label,
    on_change=_save_note,
    args=(person.id, "channel", base + "channel"),
)
channel = Channel(state[base + "channel"])
if channel != advice.channel:
    st.caption(f"You chose {channel.label} over the recommended {advice.channel.label}.")

_outputs(person, facts, body)

_sent_controls(person, note, channel)

answers = resources.answers().for_step(interview.id, step.id)
for checklist in step.checklists:
    checklist_widget(checklist, interview.id, step.id, answers)
