"""Content prompts and checklists as widgets, each answer saved against its prompt's stable id."""

from typing import Any

import streamlit as st

from followthrough.content import Checklist, Prompt, PromptKind
from followthrough.models import AnswerKey
from followthrough.services import answers
from followthrough.services.answers import save_answer
from ui import resources
from ui.autosave import keep
from ui.outage import held

RATINGS = [1, 2, 3, 4, 5]


def _save(interview_id: int, step_id: str, prompt_id: str, subject: str, value: str) -> None:
    save_answer(resources.workbook(), interview_id, step_id, prompt_id, value, subject)


def _on_change(key: str, interview_id: int, step_id: str, prompt: Prompt, subject: str) -> None:
    value = st.session_state[key]
    text = "" if value is None else str(value)
    _save(interview_id, step_id, prompt.id, subject, text)


def _on_tick(base: str, interview_id: int, step_id: str, prompt: Prompt, subject: str) -> None:
    ticked = [o for i, o in enumerate(prompt.options) if st.session_state[f"{base}_{i}"]]
    _save(interview_id, step_id, prompt.id, subject, answers.options_value(ticked))


def prompt_widget(
    prompt: Prompt,
    interview_id: int,
    step_id: str,
    saved: dict[AnswerKey, str],
    subject: str = "",
    page: str = "",
) -> str:
    """Draw `prompt`, seeded from its saved answer; every change is written at once. Returns the value."""
    base = f"{page or step_id}_{prompt.id}_{interview_id}_{subject}"
    stored = saved.get((prompt.id, subject), "")
    if prompt.kind == PromptKind.CHECKLIST:
        return _checklist_prompt(prompt, base, stored, (interview_id, step_id, prompt, subject))
    keep(base, _initial(prompt, stored))
    common: dict[str, Any] = {
        "key": base,
        "help": prompt.help or None,
        "on_change": held(_on_change),
        "args": (base, interview_id, step_id, prompt, subject),
    }
    label = prompt.label + (" *" if prompt.required else "")
    if prompt.kind == PromptKind.SHORT_TEXT:
        st.text_input(label, placeholder=prompt.placeholder, **common)
    elif prompt.kind == PromptKind.LONG_TEXT:
        st.text_area(label, placeholder=prompt.placeholder, **common)
    elif prompt.kind == PromptKind.RATING:
        st.radio(label, RATINGS, horizontal=True, **common)
    else:
        st.radio(label, prompt.options, **common)
    value = st.session_state[base]
    return "" if value is None else str(value)


def _initial(prompt: Prompt, stored: str) -> object:
    if prompt.kind == PromptKind.RATING:
        return int(stored) if stored.isdigit() else None
    if prompt.kind == PromptKind.CHOICE:
        return stored if stored in prompt.options else None
    return stored


def _checklist_prompt(prompt: Prompt, base: str, stored: str, args: tuple) -> str:
    ticked = set(answers.ticked_options(prompt, stored))
    st.markdown(f"**{prompt.label}**", help=prompt.help or None)
    for i, option in enumerate(prompt.options):
        key = f"{base}_{i}"
        keep(key, option in ticked)
        st.checkbox(option, key=key, on_change=held(_on_tick), args=(base, *args))
    return answers.options_value(
        [o for i, o in enumerate(prompt.options) if st.session_state[f"{base}_{i}"]]
    )


def _on_item(key: str, interview_id: int, step_id: str, answer_id: str) -> None:
    _save(interview_id, step_id, answer_id, "", answers.tick_value(st.session_state[key]))


def checklist_widget(
    checklist: Checklist, interview_id: int, step_id: str, saved: dict[AnswerKey, str]
) -> int:
    """Draw a content checklist as saved checkboxes; returns how many items are ticked."""
    st.markdown(f"**{checklist.title}**")
    done = 0
    ticked = answers.ticked_items(checklist, saved)
    for item in checklist.items:
        answer_id = answers.checklist_key(checklist.id, item.id)
        key = f"{step_id}_{answer_id}_{interview_id}"
        keep(key, item.id in ticked)
        st.checkbox(
            item.label,
            key=key,
            help=item.help or None,
            on_change=held(_on_item),
            args=(key, interview_id, step_id, answer_id),
        )
        done += bool(st.session_state[key])
    return done
