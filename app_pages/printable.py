"""Printable workbook: the four steps' prompts, checklists and room to write, as PDF or .docx,
blank for a workshop or with one interview's own answers."""

from typing import Any

import streamlit as st

from followthrough.services import printable
from ui import resources

PAGE = "printable"

wb = resources.workbook()
pack = resources.content()
view = printable.screen(wb)

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

pdf_column, docx_column = st.columns(2)
common: dict[str, Any] = {"on_click": "ignore", "width": "stretch"}  # built when clicked
if view.pdf_problem:
    pdf_column.warning(view.pdf_problem)
else:
    pdf_column.download_button(
        "Download PDF",
        lambda: printable.pdf(wb, pack, chosen, paper),
        file_name=printable.file_name(wb, chosen, "pdf"),
        mime="application/pdf",
        key=f"{PAGE}_pdf",
        **common,
    )
docx_column.download_button(
    "Download Word (.docx)",
    lambda: printable.docx(wb, pack, chosen, paper),
    file_name=printable.file_name(wb, chosen, "docx"),
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key=f"{PAGE}_docx",
    **common,
)
