"""Follow-Through: the router and frame. Pages live in pages/, the domain in followthrough/."""

import streamlit as st

from followthrough.content import ContentError
from ui import resources

st.set_page_config(page_title="Follow-Through", page_icon="✉️", layout="wide")

try:
    resources.content()
except ContentError as exc:
    st.error(f"The coaching content could not be loaded.\n\n{exc}")
    st.stop()

# Only pages that work are listed. Emoji icons only: material icons fetch from a font server.
pages = {
    "Workbook": [
        st.Page("pages/home.py", title="Home", icon="🏠", default=True),
        st.Page("pages/interviews.py", title="Interviews", icon="🗓️"),
    ],
    "Four steps": [
        st.Page("pages/step1_notes.py", title="Step 1 · Take notes", icon="📝"),
        st.Page("pages/step2_thank_you.py", title="Step 2 · Thank-you notes", icon="✉️"),
        st.Page("pages/step3_follow_up.py", title="Step 3 · Follow-up instructions", icon="📞"),
        st.Page("pages/step4_momentum.py", title="Step 4 · Keep the momentum", icon="🚀"),
        st.Page("pages/practice.py", title="Practice bank", icon="🎯"),
    ],
    "Pipeline": [
        st.Page("pages/pipeline.py", title="Tracker", icon="🗂️"),
        st.Page("pages/analytics.py", title="Analytics", icon="📊"),
        st.Page("pages/import_export.py", title="Import & export", icon="🔁"),
    ],
}
page = st.navigation({section: listed for section, listed in pages.items() if listed})
with st.sidebar:
    st.caption("Follow-Through · the days after an interview")
page.run()
