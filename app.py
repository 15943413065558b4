"""Follow-Through: the router and frame. Pages live in app_pages/, the domain in followthrough/."""

import streamlit as st

from followthrough.content import ContentError
from ui import resources

st.set_page_config(page_title="Follow-Through", page_icon="✉️", layout="wide")

try:
    resources.content()
except ContentError as exc:
    st.error(f"The coaching content could not be loaded.\n\n{exc}")
    st.stop()

# Page scripts live in app_pages/, not pages/: Streamlit runs a pages/ script directly (skipping
# this frame) when a fresh server's first visit is a deep link. Emoji icons only: material icons
# make the browser fetch a font from outside.
pages = {
    "Workbook": [
        st.Page("app_pages/home.py", title="Home", icon="🏠", default=True),
        st.Page("app_pages/interviews.py", title="Interviews", icon="🗓️"),
    ],
    "Four steps": [
        st.Page("app_pages/step1_notes.py", title="Step 1 · Take notes", icon="📝"),
        st.Page("app_pages/step2_thank_you.py", title="Step 2 · Thank-you notes", icon="✉️"),
        st.Page("app_pages/step3_follow_up.py", title="Step 3 · Follow-up instructions", icon="📞"),
        st.Page("app_pages/step4_momentum.py", title="Step 4 · Keep the momentum", icon="🚀"),
        st.Page("app_pages/practice.py", title="Practice bank", icon="🎯"),
    ],
    "Pipeline": [
        st.Page("app_pages/tracker.py", title="Tracker", icon="🗂️"),
        st.Page("app_pages/analytics.py", title="Analytics", icon="📊"),
        st.Page("app_pages/import_export.py", title="Import & export", icon="🔁"),
    ],
}
page = st.navigation(pages)
with st.sidebar:
    st.caption("Follow-Through · the days after an interview")
page.run()
