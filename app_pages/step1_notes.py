"""Step 1 — take notes: per-interviewer prompts, an honest self-evaluation, and practice cards."""

import streamlit as st

from followthrough.models import StepState
from followthrough.services import notes, practice
from ui import advice, clock, navigation, practice_cards, screens
from ui.prompts import checklist_widget, prompt_widget
from ui.step_page import open_step
from ui.text import plain
from ui.undo import offer_undo

PAGE = "step1"
TIMING = {
    StepState.UPCOMING: st.info,
    StepState.DUE: st.success,
    StepState.OVERDUE: st.warning,
    StepState.DONE: st.success,
}

kit = open_step(PAGE, "notes")
offer_undo(PAGE)  # a practice card deleted below
if kit.summary is None:
    st.stop()
view = screens.view(
    notes.screen, kit.wb, kit.pack, kit.summary.interview, screens.minute(clock.now())
)
interview_id, step_id = view.interview_id, kit.step.id
TIMING[view.timing.state](view.timing.message)
if view.before is not None:  # still ahead: what to bring and ask comes before the notes
    advice.before_you_go(view.before)
st.caption(view.progress)

for checklist in kit.step.checklists:
    checklist_widget(checklist, interview_id, step_id, view.answers)

if view.per_interviewer:
    st.subheader("Each interviewer")
    if not view.interviewers:
        st.info("Add who interviewed you on the Interviews page to take notes on each of them.")
    tabs = st.tabs([plain(p.name) for p in view.interviewers]) if view.interviewers else []
    for person, tab in zip(view.interviewers, tabs, strict=True):
        with tab:
            for prompt in view.per_interviewer:
                prompt_widget(prompt, interview_id, step_id, view.answers, person.subject, PAGE)

st.subheader("The interview and how you did")
for prompt in view.interview_wide:
    prompt_widget(prompt, interview_id, step_id, view.answers, page=PAGE)

st.subheader("Practice cards")
st.caption("Turn each off-guard question or blunder into a card, then write the better answer.")
if not view.candidates:
    st.info("Questions that caught you off guard and blunders you list above appear here.")
for number, candidate in enumerate(view.candidates):
    text, action = st.columns([5, 1], vertical_alignment="center")
    text.text(candidate.line)
    if candidate.carded:
        action.caption("In the practice bank")
    else:
        action.button(
            "Make a card",
            key=f"{PAGE}_make_card_{interview_id}_{number}",
            on_click=practice.add_card,
            args=(kit.wb, interview_id, candidate.line, candidate.prompt_id),
        )
for card in view.cards:
    practice_cards.card_editor(card, PAGE)
if view.cards:
    st.page_link(navigation.PRACTICE, label="Open the practice bank", icon="🎯")
link = {"interview": str(interview_id)}
next_label = kit.pack.journey.next.thank_you
st.page_link(navigation.THANK_YOU, label=next_label, icon="✉️", query_params=link)
