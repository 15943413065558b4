"""Follow-Through: the router and frame. Pages live in app_pages/, the product in followthrough/."""

import streamlit as st

from followthrough.content import ContentError
from ui import navigation, resources

st.set_page_config(page_title="Follow-Through", page_icon="✉️", layout="wide")

try:
    resources.content()
except ContentError as exc:
    st.error(f"The coaching content could not be loaded.\n\n{exc}")
    st.stop()

page = st.navigation(navigation.SECTIONS)
with st.sidebar:
    st.caption("Follow-Through · the days after an interview")
page.run()
