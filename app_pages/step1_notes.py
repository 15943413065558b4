"""Step 1 — take notes: per-interviewer prompts, an honest self-evaluation, and practice cards."""

from datetime import datetime

import streamlit as st

from followthrough.steps import notes
from ui import navigation, practice_cards, resources
from ui.picker import choose_interview
from ui.prompts import checklist_widget, prompt_widget

PAGE = "step1"
pack = resources.content()
step = pack.step(notes.STEP_ID)
rules = pack.notes
cards = practice_cards.repository()


st.title(f"Step {step.number} — {step.title}")
st.write(step.why)
summary = choose_interview(PAGE)
if summary is None:
    st.stop()
interview = summary.interview
now = datetime.now()
if now < interview.starts_at:
    st.info(
        f"This interview is on {interview.starts_at:%a %d %b at %H:%M}: take notes right after it."
    )
else:
    late, message = notes.timing_message(interview.ends_at, now, rules)
    (st.warning if late else st.success)(message)

answers = resources.answers().for_step(interview.id, step.id)
people = interview.interviewers
gaps = notes.missing(step, answers, [p.id for p in people])
st.caption(
    "Saved as you type."
    + (f" Still to answer: {len(gaps)}." if gaps else " All key prompts answered.")
)

for checklist in step.checklists:
    checklist_widget(checklist, interview.id, step.id, answers)

per_person = [p for p in step.prompts if p.per_interviewer]
if per_person:
    st.subheader("Each interviewer")
    if not people:
        st.info("Add who interviewed you on the Interviews page to take notes on each of them.")
    for person, tab in zip(
        people, st.tabs([p.name for p in people]) if people else [], strict=True
    ):
        with tab:
            for prompt in per_person:
                prompt_widget(prompt, interview.id, step.id, answers, str(person.id), PAGE)

st.subheader("The interview and how you did")
for prompt in step.prompts:
    if not prompt.per_interviewer:
        prompt_widget(prompt, interview.id, step.id, answers, page=PAGE)

st.subheader("Practice cards")
st.caption("Turn each off-guard question or blunder into a card, then write the better answer.")
existing = cards.for_interview(interview.id)
carded = {c.question for c in existing}
candidates = notes.items_from(answers, rules.practice_from)
if not candidates:
    st.info("Questions that caught you off guard and blunders you list above appear here.")
for number, (prompt_id, line) in enumerate(candidates):
    text, action = st.columns([5, 1], vertical_alignment="center")
    text.text(line)
    if line in carded:
        action.caption("In the practice bank")
    else:
        action.button(
            "Make a card",
            key=f"{PAGE}_make_card_{interview.id}_{number}",
            on_click=cards.add,
            args=(interview.id, line, prompt_id),
        )
for card in existing:
    practice_cards.card_editor(card, PAGE)
if existing:
    st.page_link(navigation.PRACTICE, label="Open the practice bank", icon="🎯")
st.page_link(navigation.THANK_YOU, label="Next: write your thank-you notes", icon="✉️")
