"""Printable workbook: the four steps' prompts, checklists and room to write, as PDF or .docx,
blank for a workshop or with one interview's own answers."""

from functools import partial

import streamlit as st

from followthrough.services import printable
from ui import resources, screens

PAGE = "printable"

wb = resources.workbook()
pack = resources.content()
view = screens.view(printable.screen, wb)

st.title("Printable workbook")
st.write(
    "The four steps on paper: every prompt and checklist of the workbook with room to write. "
    "Hand it out at a workshop, or print your own answers to one interview."
)
paper = st.radio("Paper", printable.PAPERS, horizontal=True, key=f"{PAGE}_paper")
chosen = st.selectbox(
    "Your answers",
    list(view.choices),
    key=f"{PAGE}_answers",
    format_func=lambda interview_id: view.choices[interview_id],
)

FILES = [
    ("Download PDF", printable.pdf, "pdf", "application/pdf"),
    (
        "Download Word (.docx)",
        printable.docx,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
]
for column, (label, build, extension, mime) in zip(st.columns(2), FILES, strict=True):
    if extension == "pdf" and (problem := printable.pdf_problem()):
        column.warning(problem)
        continue
    column.download_button(
        label,
        partial(build, wb, pack, chosen, paper),  # built only when clicked
        file_name=printable.file_name(view, chosen, extension),
        mime=mime,
        key=f"{PAGE}_{extension}",
        on_click="ignore",
        width="stretch",
    )
