"""The printable participant workbook: the pack's four steps as a PDF and a Word document.

Plain values in (the content pack, one interview's answers), bytes out; no database, no Streamlit.
"""
