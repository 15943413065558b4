"""Step 2 — a thank-you note to each interviewer: drafted, checked, sent by the right channel."""

from functools import partial
from operator import attrgetter
from typing import Any

import streamlit as st

from followthrough import formats
from followthrough.services import thank_you
from followthrough.services.thank_you import NoteView, ThankYouView
from followthrough.templates import fill
from ui import clock, navigation, paging, screens, tables
from ui.autosave import keep, saving
from ui.forms import NARROW, side_by_side
from ui.prompts import checklist_widget
from ui.step_page import flash, open_step, show_status
from ui.text import plain

PAGE = "step2"
PROFILE = (
    ("strongest_skill", "Your usual strongest skill (until you choose one for a role)", ""),
    ("signature", "Your name, as you sign your notes", ""),
)
PROFILE_KEY = f"{PAGE}_profile"  # its expander: open or not
LABEL = attrgetter("label")  # a channel's name
state = st.session_state
kit = open_step(PAGE, "thank_you")
words = kit.pack.thank_you.note
journey = kit.pack.journey.next


def _mark_sent(interviewer_id: int, base: str, unsent: dict[int, str]) -> None:
    """Mark the note sent, then move on to the next interviewer still without a sent note."""
    thank_you.mark_sent(kit.wb, interviewer_id, state[base + "sent_on"], state[base + "sent_by"])
    following = [i for i in unsent if i != interviewer_id]
    if following:
        state[f"{PAGE}_person_{kit.summary.interview.id if kit.summary else 0}"] = following[0]
        flash(PAGE, fill(journey.next_note, name=unsent[following[0]]))
    else:
        flash(PAGE, journey.all_sent)


def _note_field(note: NoteView, base: str, field: str, value: object) -> dict[str, Any]:
    """Widget arguments that seed the note's `field` and save it as it changes."""
    save = partial(thank_you.save_note, kit.wb, note.interviewer_id, field)
    return saving(base + field, value, save)


def _profile(view: ThankYouView) -> None:
    for field, label, hint in PROFILE:
        key, save = f"{PAGE}_{field}", partial(thank_you.save_profile, kit.wb, field)
        st.text_input(label, placeholder=hint, **saving(key, view.profile[field], save))


def _decision_and_culture(view: ThankYouView) -> None:
    save_day = partial(thank_you.save_decision, kit.wb, view.interview_id)
    st.date_input(
        words.decision_label,
        format=formats.DATE,
        min_value=view.decision_from,
        help=words.decision_help or None,
        **saving(f"{PAGE}_decision_{view.interview_id}", view.decision, save_day),
    )
    save = partial(thank_you.set_culture, kit.wb, view.application_id)
    culture = saving(f"{PAGE}_culture_{view.application_id}", view.culture, save)
    labels = view.cultures
    st.selectbox(
        words.culture_label,
        list(labels),
        format_func=lambda c: labels[c],
        help=words.culture_help or None,
        **culture,
    )


def _settings(view: ThankYouView) -> None:
    """The profile every note uses; what the channel is decided on (the decision date and the
    company's culture), asked right here; and the channel it leads to, with why."""
    profile = partial(_profile, view)
    paging.fold("Your profile — used in every note", PROFILE_KEY, profile, not view.profile_done)
    save_skill = partial(thank_you.save_skill, kit.wb, kit.pack, view.interview_id)
    st.text_input(  # this interview's own choice; until made, the one found elsewhere shows
        words.skill_label,
        placeholder=view.skill,
        **saving(f"{PAGE}_skill_{view.interview_id}", view.skill_own, save_skill),
    )
    st.caption(plain(view.skill_note))
    with side_by_side():
        _decision_and_culture(view)
    st.caption(view.decision_note)
    st.markdown(f"**{view.recommended}** {view.reason}")


def _draft(note: NoteView, view: ThankYouView, base: str) -> None:
    """What to mention, then the note's text: the draft until the user edits it."""
    topic = _note_field(note, base, "topic", note.topic)
    if note.topics:
        st.selectbox("What mattered most to them, to mention", note.topics, **topic)
    else:
        st.caption("Your step 1 notes on what mattered most to this interviewer are offered here.")
    if note.questions:
        options = [thank_you.NO_QUESTION, *note.questions]
        save = partial(thank_you.save_revisit, kit.wb, view.interview_id, note.interviewer_id)
        st.selectbox(
            words.revisit_label,
            options,
            format_func=lambda q: words.revisit_none if q == thank_you.NO_QUESTION else q,
            **saving(base + "question", note.question, save),
        )
    if note.salutations:  # how the note opens: kept with the note, swapped in an edited one
        save = partial(
            thank_you.save_salutation, kit.wb, kit.pack, view.interview_id, note.interviewer_id
        )
        st.selectbox(
            words.salutation_label,
            list(note.salutations),
            format_func=note.salutations.__getitem__,
            placeholder=words.salutation_own,  # an edited note that opens its own way
            **saving(base + "salutation", note.salutation or None, save),
        )
    if not note.edited:  # the draft follows the topic and the profile as they change
        state[base + "body"] = note.body
    body = _note_field(note, base, "body", note.body)
    st.text_area("Your note (edit freely — it is saved as you type)", height=320, **body)
    if note.edited:  # once restarted, the text follows the draft again
        st.button(
            "Start again from the template",
            key=base + "restart",
            on_click=_restart,
            args=(note.interviewer_id, base, note.body),
        )
    elif base + "edited" in state:  # the edited text, kept to put back
        st.info(words.restarted)
        st.button(
            words.put_back,
            key=base + "put_back",
            on_click=_put_back,
            args=(note.interviewer_id, base),
        )


def _restart(interviewer_id: int, base: str, edited: str) -> None:
    """Follow the template again, keeping the edited text to put back."""
    state[base + "edited"] = edited
    thank_you.restart_note(kit.wb, interviewer_id)


def _put_back(interviewer_id: int, base: str) -> None:
    edited = state.pop(base + "edited")
    thank_you.save_note(kit.wb, interviewer_id, "body", edited)
    state[base + "body"] = edited


def _outputs(note: NoteView, base: str) -> None:
    """Copy-ready text, a ready e-mail, .docx/.md downloads and a print-friendly view."""
    out = note.outputs
    # The note is shown once above; copying it is one tab away, with a hint where the button is
    # (st.code's copy button shows on hover).
    # Only the open tab is drawn (choosing another reruns the page): the rest cost nothing.
    tabs = st.tabs(["Download", "E-mail", "Copy", "Print"], key=base + "outputs", on_change="rerun")
    download, email, copy, printable = tabs
    if copy.open:
        if words.copy_hint:
            copy.caption(words.copy_hint)
        copy.code(note.body, language=None, wrap_lines=True)
    if email.open:
        email.text(f"Subject: {out.subject}")
        if out.mailto:
            email.link_button("Open in your e-mail program", out.mailto)
        else:
            email.info(
                "Add this interviewer's e-mail on the Interviews page to open a ready e-mail."
            )
    for file in out.downloads if download.open else ():
        label, key = f"Download .{file.extension}", base + file.extension
        download.download_button(
            label, file.data, file.file_name, file.mime, key=key, on_click="ignore"
        )
    if printable.open:
        printable.caption(
            "The note alone, to copy onto your card or print (your browser's Print command)."
        )
        with printable.container(border=True):
            if out.address:
                st.text(out.address)
            st.text(note.body)


def _sending(note: NoteView, view: ThankYouView, base: str) -> None:
    """The channel (the recommendation until one is chosen), then whether the note was sent."""
    if not note.channel_chosen:
        state[base + "channel"] = note.channel
    channel = _note_field(note, base, "channel", note.channel)
    st.radio("Send it by", view.channels, horizontal=True, format_func=LABEL, **channel)
    if note.override:
        st.caption(note.override)
    for checklist in view.kits[note.channel]:  # the kit follows the channel chosen for this note
        checklist_widget(checklist, view.interview_id, kit.step.id, view.checklist_answers)
    _outputs(note, base)
    if note.sent:
        st.success(note.sent)
        unsend = (kit.wb, note.interviewer_id)
        st.button("Not sent yet", key=base + "unsend", on_click=thank_you.mark_unsent, args=unsend)
        return
    keep(base + "sent_on", clock.today())
    keep(base + "sent_by", note.channel)
    with side_by_side():
        st.date_input("Sent on", key=base + "sent_on", format=formats.DATE, width=NARROW)
        st.selectbox(
            "Sent by", view.channels, key=base + "sent_by", format_func=LABEL, width=NARROW
        )
        sent = (note.interviewer_id, base, thank_you.still_to_send(view, note.interviewer_id))
        st.button(
            "Mark as sent", key=base + "mark_sent", type="primary", on_click=_mark_sent, args=sent
        )


if kit.summary is None:
    st.stop()
view = screens.view(thank_you.screen, kit.wb, kit.pack, kit.summary, screens.minute(clock.now()))
show_status(view.status)
if view.phone_reminder:
    st.info(view.phone_reminder)
_settings(view)

if not view.notes:
    st.info("Add who interviewed you on the Interviews page: each of them gets a note.")
    st.page_link(navigation.INTERVIEWS, label="Add interviewers", icon="➡️")
    st.stop()
person_id = st.radio(
    "Note to",
    list(view.notes),
    key=f"{PAGE}_person_{view.interview_id}",
    horizontal=True,
    # Names only: a label that changed once a note was sent would reset the choice.
    format_func=lambda i: plain(view.notes[i].name),
)
note, base = view.notes[person_id], f"{PAGE}_{person_id}_"
_draft(note, view, base)
st.markdown("**Checks**")
tables.text_table(note.checks)  # the reasons quote the person's own words
_sending(note, view, base)
link = {"interview": str(view.interview_id)}
st.page_link(navigation.FOLLOW_UP, label=journey.follow_up, icon="📞", query_params=link)
