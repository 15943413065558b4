"""Step 3 — respect the follow-up instructions: timeline, the company's asks, one status call."""

from dataclasses import replace
from datetime import UTC, date, datetime

import streamlit as st

from followthrough.models import CallPlan, Channel, Contact, Instruction, InterviewSummary
from followthrough.steps import calendar, follow_up, voicemail
from followthrough.steps.follow_up import CONTACT_CHANNELS
from followthrough.store.follow_up import FollowUpRepository
from ui import resources
from ui.autosave import forget, keep, load_drafts, remember, seed
from ui.picker import choose_interview
from ui.prompts import checklist_widget, prompt_widget
from ui.text import plain

PAGE = "step3"
pack = resources.content()
step = pack.step(follow_up.STEP_ID)
rules = pack.follow_up
wb = resources.workbook()
repo = FollowUpRepository(wb.engine, wb.owner.id)
state = st.session_state
CHANNELS = [c.value for c in Channel]


def _channel_label(value: str) -> str:
    return Channel(value).label


# -- callbacks: every change is written at once -------------------------------------------------


def _save_decision(interview_id: int, key: str) -> None:
    interview = resources.interviews().get(interview_id)
    resources.interviews().update(replace(interview, decision_expected_on=state[key]))


def _read_instruction(item: Instruction) -> Instruction:
    prefix = f"{PAGE}_ins{item.id}_"
    done = state[prefix + "done"]
    return replace(
        item,
        what=state[prefix + "what"].strip() or item.what,
        channel=Channel(state[prefix + "channel"]),
        due_on=state[prefix + "due"],
        done_on=(item.done_on or date.today()) if done else None,
        # The "done through" box only exists while ticked; unticked, it falls back to the asked one.
        done_channel=Channel(state.get(prefix + "done_channel", item.channel)) if done else None,
    )


def _save_instruction(item: Instruction) -> None:
    repo.update_instruction(_read_instruction(item))


def _add_instruction(interview_id: int, prefix: str) -> None:
    what = state[prefix + "what"].strip()
    if not what:
        state[prefix + "error"] = "Write what they asked for first (e.g. three references)."
        return
    channel, due = Channel(state[prefix + "channel"]), state[prefix + "due"]
    repo.add_instruction(Instruction(interview_id, what, channel, due))
    forget(prefix)


def _save_plan(interview_id: int, name: str, key: str) -> None:
    value = state[key]
    repo.save_plan_field(interview_id, name, value.strip() if isinstance(value, str) else value)


def _log_contact(interview_id: int, prefix: str) -> None:
    channel = Channel(state[prefix + "channel"])
    answered = state[prefix + "answered"] and channel != Channel.VOICEMAIL
    note = state[prefix + "note"].strip()
    on = state[prefix + "on"] or date.today()
    repo.log_contact(Contact(interview_id, channel, on, answered, note))
    forget(prefix)


# -- sections -----------------------------------------------------------------------------------


def _timeline(summary: InterviewSummary, answers: dict) -> None:
    interview = summary.interview
    st.subheader("The company's timeline")
    key = f"{PAGE}_decision_{interview.id}"
    keep(key, interview.decision_expected_on)
    st.date_input(
        "Decision expected by",
        key=key,
        min_value=interview.starts_at.date(),
        help="The date they gave you. The status call is never suggested before it.",
        on_change=_save_decision,
        args=(interview.id, key),
    )
    for prompt in step.prompts:
        prompt_widget(prompt, interview.id, step.id, answers, page=PAGE)
    for checklist in step.checklists:
        checklist_widget(checklist, interview.id, step.id, answers)


def _instruction_editor(item: Instruction) -> None:
    prefix = f"{PAGE}_ins{item.id}_"
    keep(prefix + "what", item.what)
    keep(prefix + "channel", item.channel.value)
    keep(prefix + "due", item.due_on)
    keep(prefix + "done", item.done)
    wire = {"on_change": _save_instruction, "args": (item,)}
    cols = st.columns([3, 1, 1])
    cols[0].text_input("What they asked for", key=prefix + "what", **wire)
    cols[1].selectbox(
        "Channel required", CHANNELS, format_func=_channel_label, key=prefix + "channel", **wire
    )
    cols[2].date_input("Due", key=prefix + "due", **wire)
    cols = st.columns([1, 1, 1])
    cols[0].checkbox("Done", key=prefix + "done", **wire)
    if state[prefix + "done"]:
        # Seeded only while shown: unticking drops it, so a new tick starts from the asked channel.
        keep(prefix + "done_channel", (item.done_channel or item.channel).value)
        cols[1].selectbox(
            "Done through",
            CHANNELS,
            format_func=_channel_label,
            key=prefix + "done_channel",
            **wire,
        )
    cols[2].button(
        "Remove", key=prefix + "remove", on_click=repo.delete_instruction, args=(item.id,)
    )
    if warning := follow_up.channel_warning(item, rules.instructions):
        st.warning(plain(warning))


def _new_instruction(interview_id: int) -> None:
    prefix = f"{PAGE}_new_ins{interview_id}_"
    drafts = load_drafts(prefix)
    seed(prefix + "what", "", drafts)
    seed(prefix + "channel", Channel.EMAIL.value, drafts)
    seed(prefix + "due", None, drafts)
    cols = st.columns([3, 1, 1])
    cols[0].text_input(
        "A new instruction",
        key=prefix + "what",
        placeholder=rules.instructions.placeholder,
        on_change=remember,
        args=(prefix + "what",),
    )
    cols[1].selectbox(
        "Through",
        CHANNELS,
        format_func=_channel_label,
        key=prefix + "channel",
        on_change=remember,
        args=(prefix + "channel",),
    )
    cols[2].date_input("By", key=prefix + "due", on_change=remember, args=(prefix + "due",))
    if error := state.pop(prefix + "error", None):
        st.error(error)
    st.button(
        "Add instruction",
        key=prefix + "add",
        on_click=_add_instruction,
        args=(interview_id, prefix),
    )


def _instructions(interview_id: int, instructions: list[Instruction]) -> None:
    st.subheader("Their instructions")
    st.caption(rules.instructions.explanation)
    for item in instructions:
        with st.container(border=True):
            _instruction_editor(item)
    _new_instruction(interview_id)


def _status_call(summary: InterviewSummary, contacts: list[Contact], plan: CallPlan) -> datetime:
    """The call planner and contact log; returns the planned call (a cleared date: the suggestion)."""
    interview = summary.interview
    st.subheader("The status call")
    st.info(
        f"**{rules.boundaries_title}**\n\n" + "\n".join(f"- {line}" for line in rules.boundaries)
    )
    st.caption(rules.status_call.explanation)
    suggestion = follow_up.suggested_call(
        interview.ends_at.date(), interview.decision_expected_on, rules.status_call
    )
    st.markdown(f"**Suggested:** {suggestion.reason}")
    day_key, time_key = f"{PAGE}_call_on_{interview.id}", f"{PAGE}_call_time_{interview.id}"
    keep(day_key, plan.call_on or suggestion.day)
    keep(time_key, plan.call_time or rules.status_call.default_time)
    left, right = st.columns(2)
    left.date_input(
        "Call on", key=day_key, on_change=_save_plan, args=(interview.id, "call_on", day_key)
    )
    right.time_input(
        "At", key=time_key, on_change=_save_plan, args=(interview.id, "call_time", time_key)
    )
    call_day = state[day_key] or suggestion.day
    if warning := follow_up.early_call_warning(call_day, suggestion.day, rules.status_call):
        st.warning(warning)
    _contact_log(interview.id, contacts, call_day)
    return calendar.call_moment(call_day, state[time_key], rules.status_call)


def _contact_log(interview_id: int, contacts: list[Contact], call_day: date) -> None:
    st.markdown("**Contact log**")
    if contacts:
        st.dataframe(follow_up.contact_rows(contacts), hide_index=True, key=f"{PAGE}_contacts")
        st.button(
            "Remove the last entry",
            key=f"{PAGE}_contact_remove",
            on_click=repo.delete_contact,
            args=(contacts[-1].id,),
        )
    if message := follow_up.ball_in_their_court(contacts, rules.contacts):
        st.success(message)
    prefix = f"{PAGE}_new_contact{interview_id}_"
    drafts = load_drafts(prefix)
    seed(prefix + "channel", Channel.PHONE.value, drafts)
    seed(prefix + "on", date.today(), drafts)
    seed(prefix + "answered", False, drafts)
    seed(prefix + "note", "", drafts)
    cols = st.columns([1, 1, 1, 3])
    cols[0].selectbox(
        "Contact by",
        [c.value for c in CONTACT_CHANNELS],
        format_func=_channel_label,
        key=prefix + "channel",
        on_change=remember,
        args=(prefix + "channel",),
    )
    cols[1].date_input("On", key=prefix + "on", on_change=remember, args=(prefix + "on",))
    cols[2].checkbox(
        "They answered", key=prefix + "answered", on_change=remember, args=(prefix + "answered",)
    )
    cols[3].text_input("Note", key=prefix + "note", on_change=remember, args=(prefix + "note",))
    for warning in follow_up.nuisance_warnings(
        contacts, state[prefix + "on"] or date.today(), call_day, rules.contacts
    ):
        st.warning(plain(warning))
    st.button("Log contact", key=prefix + "log", on_click=_log_contact, args=(interview_id, prefix))


def _voicemail(summary: InterviewSummary, plan: CallPlan) -> None:
    interview, app = summary.interview, summary.application
    st.subheader("Your voicemail")
    fields = {
        "caller_name": ("Your name", "", plan.caller_name),
        "phone": ("Your phone number", "", plan.phone),
        "interest_line": (
            "One line of interest",
            rules.voicemail.interest_placeholder,
            plan.interest_line,
        ),
    }
    values = {}
    for name, (label, placeholder, saved) in fields.items():
        key = f"{PAGE}_{name}_{interview.id}"
        keep(key, saved)
        st.text_input(
            label,
            key=key,
            placeholder=placeholder,
            on_change=_save_plan,
            args=(interview.id, name, key),
        )
        values[name] = state[key]
    script = voicemail.script(
        values["caller_name"],
        app.role_title,
        app.company,
        interview.starts_at.date(),
        values["interest_line"],
        values["phone"],
        rules.voicemail,
    )
    st.code(script, language=None, wrap_lines=True)
    timing = voicemail.timing(script, rules.voicemail)
    (st.warning if timing.too_long else st.caption)(timing.message)


def _calendar(
    summary: InterviewSummary, instructions: list[Instruction], plan: CallPlan, call_at: datetime
) -> None:
    interview = summary.interview
    st.subheader("Calendar")
    key = f"{PAGE}_timezone_{interview.id}"
    keep(key, plan.timezone)
    zones = calendar.zone_names()
    st.selectbox(
        "Your time zone",
        zones,
        key=key,
        on_change=_save_plan,
        args=(interview.id, "timezone", key),
    )
    items = calendar.entries(summary, instructions, call_at, rules.calendar, rules.status_call)
    st.caption(
        "The file holds: " + "; ".join(f"{item.title} ({item.start:%d %b})" for item in items)
    )
    st.download_button(
        "Download calendar (.ics)",
        calendar.to_ics(items, state[key], datetime.now(UTC)),
        file_name=f"follow-up-{interview.id}.ics",
        mime="text/calendar",
        key=f"{PAGE}_ics",
        on_click="ignore",
    )


# -- the page -----------------------------------------------------------------------------------

st.title(f"Step {step.number} — {step.title}")
st.write(step.why)
summary = choose_interview(PAGE)
if summary is None:
    st.stop()
interview_id = summary.interview.id
plan = follow_up.with_defaults(
    repo.plan(interview_id), repo.latest_caller(), rules.calendar.default_timezone
)
instructions = repo.instructions(interview_id)
contacts = repo.contacts(interview_id)
st.caption("Saved as you type.")
_timeline(summary, resources.answers().for_step(interview_id, step.id))
_instructions(interview_id, instructions)
call_at = _status_call(summary, contacts, plan)
_voicemail(summary, plan)
_calendar(summary, instructions, plan, call_at)
