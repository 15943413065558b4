"""Step 3 — respect the follow-up instructions: timeline, the company's asks, one status call."""

from datetime import UTC
from functools import partial
from typing import Any

import streamlit as st

from followthrough import formats
from followthrough.models import CallPlan, Channel, Instruction
from followthrough.services import follow_up
from followthrough.services.follow_up import CalendarFile, ContactLog
from ui import advice, clock, navigation, paging, screens, tables
from ui.autosave import drafted, forget, saving, seed_form
from ui.forms import NARROW, side_by_side
from ui.prompts import checklist_widget, prompt_widget
from ui.step_page import open_step, refuse, show_errors, show_status
from ui.text import plain
from ui.undo import offer_undo, removal, remove_button

PAGE = "step3"
CALENDAR = "Your dates in a file for your calendar (.ics)"
LOG_A_CONTACT = "Log a call, e-mail or message"
LABELS = {c.value: c.label for c in Channel}  # options are values: drafts keep them as text
CHANNELS: dict[str, Any] = {"options": list(LABELS), "format_func": LABELS.get, "width": NARROW}
state = st.session_state
kit = open_step(PAGE, "follow_up")
offer_undo(PAGE)
wb, rules = kit.wb, kit.pack.follow_up


def _plan_field(name: str, saved: Any) -> dict[str, Any]:
    """Widget kwargs for one field of the call plan, saved as it changes."""
    save = partial(follow_up.save_plan_field, wb, interview_id, name)
    return saving(f"{PAGE}_{name}_{interview_id}", saved, save)


def _caller(plan: CallPlan) -> None:
    st.text_input("Your name", **_plan_field("caller_name", plan.caller_name))
    st.text_input("Your phone number", **_plan_field("phone", plan.phone))


def _contact_form(contact: str, log: ContactLog) -> None:
    """The contact being entered and the nuisance guard's word on it: drawn while its fold is open."""
    with side_by_side():
        by: dict[str, Any] = {"options": [c.value for c in log.channels], "format_func": LABELS.get}
        st.selectbox("Contact by", width=NARROW, **by, **drafted(contact + "channel"))
        st.date_input("On", format=formats.DATE, width=NARROW, **drafted(contact + "on"))
        st.checkbox("They answered", **drafted(contact + "answered"))
        st.text_input("Note", **drafted(contact + "note"))
    for warning in log.warnings:
        st.warning(plain(warning))
    st.button("Log contact", key=contact + "log", on_click=_log_contact, args=(contact,))


def _calendar(file: CalendarFile, plan: CallPlan) -> None:
    """The time zone (a list of 599) and the .ics: drawn only while their fold is open."""
    st.selectbox("Your time zone", file.zones, **_plan_field("timezone", plan.timezone))
    st.caption(plain(file.contents))
    ics: dict[str, Any] = {"file_name": file.file_name, "mime": "text/calendar"}
    st.download_button(
        "Download calendar (.ics)", file.ics, on_click="ignore", key=f"{PAGE}_ics", **ics
    )


def _edit(item: Instruction, name: str, saved: Any) -> dict[str, Any]:
    """Widget kwargs for one field of an instruction, saved as it changes."""
    save = partial(follow_up.edit_instruction, wb, item, name, today=clock.today())
    return saving(f"{PAGE}_ins{item.id}_{name}", saved, save)


def _add_instruction(p: str) -> None:
    what, channel, due = state[p + "what"], Channel(state[p + "channel"]), state[p + "due"]
    if not refuse(p, follow_up.add_instruction(wb, interview_id, what, channel, due)):
        forget(p)


def _log_contact(p: str) -> None:
    channel, on = Channel(state[p + "channel"]), state[p + "on"] or clock.today()
    follow_up.log_contact(wb, interview_id, channel, on, state[p + "answered"], state[p + "note"])
    forget(p)


def _instruction(row: follow_up.InstructionView) -> None:
    item = row.item
    with side_by_side():
        st.text_input("What they asked for", **_edit(item, "what", item.what))
        st.selectbox("Channel required", **CHANNELS, **_edit(item, "channel", item.channel.value))
        st.date_input("Due", format=formats.DATE, width=NARROW, **_edit(item, "due", item.due_on))
    with side_by_side():
        if st.checkbox("Done", **_edit(item, "done", item.done)):
            # Seeded only while shown: unticking drops it, so a new tick starts from the asked
            # channel.
            through = (item.done_channel or item.channel).value
            st.selectbox("Done through", **CHANNELS, **_edit(item, "done_channel", through))
        key = f"{PAGE}_ins{item.id}_remove"
        remove_button("Remove", key, PAGE, removal("instruction", item.id or 0))
    if row.warning:
        st.warning(plain(row.warning))


if kit.summary is None:
    st.stop()
interview = kit.summary.interview
contact = f"{PAGE}_new_contact{interview.id}_"
today = clock.today()
seed_form(contact, {"channel": Channel.PHONE.value, "on": today, "answered": False, "note": ""})
# The nuisance guard reads the day of the contact being entered, so its form is seeded first.
contact_on = state[contact + "on"] or today
now = screens.minute(clock.now().astimezone(UTC))
view = screens.view(
    follow_up.screen, wb, kit.pack, kit.summary, contact_on, now, st.context.timezone
)
interview_id, step_id = view.interview_id, kit.step.id
if view.status is not None:  # what is due here now, as Home says it
    show_status(view.status)
st.caption("Saved as you type.")

st.subheader("The company's timeline")
decision = partial(follow_up.save_decision, wb, interview_id)
st.date_input(
    "Decision expected by",
    format=formats.DATE,
    min_value=interview.starts_at.date(),
    help="The date they gave you. The status call is never suggested before it.",
    **saving(f"{PAGE}_decision_{interview_id}", interview.decision_expected_on, decision),
)
hear_back = view.hear_back
st.radio(
    hear_back.label,
    list(hear_back.options),
    format_func=hear_back.options.__getitem__,
    help=hear_back.help or None,
    **saving(
        f"{PAGE}_hear_back_{interview_id}",
        hear_back.chosen,
        partial(follow_up.save_hear_back, wb, interview_id),
    ),
)
for prompt in kit.step.prompts:
    prompt_widget(prompt, interview_id, step_id, view.answers, page=PAGE)
for checklist in kit.step.checklists:
    checklist_widget(checklist, interview_id, step_id, view.answers)

st.subheader("Their instructions")
st.caption(rules.instructions.explanation)
for row in view.instructions:
    with st.container(border=True):
        _instruction(row)
new = f"{PAGE}_new_ins{interview_id}_"
seed_form(new, {"what": "", "channel": Channel.EMAIL.value, "due": None})
with side_by_side():
    hint = rules.instructions.placeholder
    st.text_input("A new instruction", placeholder=hint, **drafted(new + "what"))
    st.selectbox("Through", **CHANNELS, **drafted(new + "channel"))
    st.date_input("By", format=formats.DATE, width=NARROW, **drafted(new + "due"))
show_errors(new)
st.button("Add instruction", key=new + "add", on_click=_add_instruction, args=(new,))

st.subheader("The status call")
st.info(f"**{rules.boundaries_title}**\n\n" + "\n".join(f"- {line}" for line in rules.boundaries))
if view.no_call:  # a closed process, an offer, a next round, or their word that they will call
    st.success(view.no_call)
else:
    st.caption(rules.status_call.explanation)
    st.markdown(f"**Suggested:** {view.call.reason}")
    with side_by_side():
        call_on = _plan_field("call_on", view.call.day)
        st.date_input("Call on", format=formats.DATE, width=NARROW, **call_on)
        st.time_input("At", width=NARROW, **_plan_field("call_time", view.call.at))
    if view.call.warning:
        st.warning(view.call.warning)

st.markdown("**Contact log**")
log = view.contacts
if log.rows:
    day = st.column_config.DateColumn(format=formats.DATE)
    st.dataframe(
        tables.arrow(log.rows), hide_index=True, key=f"{PAGE}_contacts", column_config={"Date": day}
    )
    last = removal("contact", log.last_id or 0)
    remove_button("Remove the last entry", f"{PAGE}_contact_remove", PAGE, last)
if log.ball_in_their_court:
    st.success(log.ball_in_their_court)
if view.waiting is not None:  # the call is made, or they will call: the next move is theirs
    advice.waiting(view.waiting)
paging.fold(LOG_A_CONTACT, f"{PAGE}_log_contact", partial(_contact_form, contact, log))

st.subheader("Your voicemail")
plan = view.plan
# Told once (the name you sign with on step 2, your last plan's number): not asked again.
paging.fold(
    "Your name and phone number",
    f"{PAGE}_caller_{interview_id}",
    partial(_caller, plan),
    expanded=not (plan.caller_name and plan.phone),
)
line, hint = _plan_field("interest_line", plan.interest_line), rules.voicemail.interest_placeholder
st.text_input("One line of interest", placeholder=hint, **line)
st.code(view.voicemail.script, language=None, wrap_lines=True)
(st.warning if view.voicemail.too_long else st.caption)(view.voicemail.timing)

st.subheader("Calendar")
paging.fold(CALENDAR, f"{PAGE}_calendar", partial(_calendar, view.calendar, plan))
link = {"interview": str(interview_id)}
st.page_link(
    navigation.MOMENTUM, label=kit.pack.journey.next.momentum, icon="🚀", query_params=link
)
