"""Every page of the app, defined once: app.py routes with these, pages link with st.page_link(PAGE).

Page scripts live in app_pages, not in a "pages" folder: Streamlit runs such a script directly (skipping
app.py's frame) when a fresh server's first visit is a deep link. Emoji icons only: material icons
make the browser fetch a font from outside.
"""

import copy
from pathlib import Path

import streamlit as st

_SCRIPTS = Path(__file__).resolve().parent.parent / "app_pages"


def _page(script: str, title: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(_SCRIPTS / script, title=title, icon=icon, default=default)


HOME = _page("home.py", "Home", "🏠", default=True)
INTERVIEWS = _page("interviews.py", "Interviews", "🗓️")
NOTES = _page("step1_notes.py", "Step 1 · Take notes", "📝")
THANK_YOU = _page("step2_thank_you.py", "Step 2 · Thank-you notes", "✉️")
FOLLOW_UP = _page("step3_follow_up.py", "Step 3 · Follow-up instructions", "📞")
MOMENTUM = _page("step4_momentum.py", "Step 4 · Keep the momentum", "🚀")
PRACTICE = _page("practice.py", "Practice bank", "🎯")
TRACKER = _page("tracker.py", "Tracker", "🗂️")
ANALYTICS = _page("analytics.py", "Analytics", "📊")
IMPORT_EXPORT = _page("import_export.py", "Import & export", "🔁")
WORKSHOP = _page("workshop.py", "Workshop (projector)", "📽️")
PRINTABLE = _page("printable.py", "Printable workbook", "🖨️")

SECTIONS = {
    "Workbook": [HOME, INTERVIEWS],
    "Four steps": [NOTES, THANK_YOU, FOLLOW_UP, MOMENTUM, PRACTICE],
    "Pipeline": [TRACKER, ANALYTICS, IMPORT_EXPORT],
    "Workshop": [WORKSHOP, PRINTABLE],
}
# Hosted use (ui/auth.py): the only page a signed-out visitor reaches, and the cohort pages.
SIGN_IN = _page("sign_in.py", "Sign in", "🔑")
COHORTS = _page("cohorts.py", "Cohorts", "👥")
COACH = _page("coach.py", "Coach's view", "🧭")
YOUR_DATA = _page("account.py", "Your data", "🗝️")
HOSTED_SECTIONS = {"Cohorts": [COHORTS, COACH], "Account": [YOUR_DATA]}

# The page of each step, by the step id of the content and the domain.
STEP_PAGES = {"notes": NOTES, "thank_you": THANK_YOU, "follow_up": FOLLOW_UP, "momentum": MOMENTUM}
# Every page by the id content names it with (a workshop exercise's `page`, followthrough.workshops).
BY_ID = {
    "home": HOME,
    "interviews": INTERVIEWS,
    **STEP_PAGES,
    "practice": PRACTICE,
    "tracker": TRACKER,
    "analytics": ANALYTICS,
    "import_export": IMPORT_EXPORT,
    "workshop": WORKSHOP,
    "printable": PRINTABLE,
}


def for_this_run(sections: dict[str, list[st.Page]]) -> dict[str, list[st.Page]]:
    """Copies of `sections`' pages for one run's st.navigation. A Page object remembers that
    st.navigation chose it until its run() (a flag on the object): one object shared by the
    sessions of a server made concurrent runs fail with "This page cannot be called directly"."""
    return {name: [fresh(page) for page in pages] for name, pages in sections.items()}


def fresh(page: st.Page) -> st.Page:
    """A copy of `page` for one run's st.navigation (see for_this_run)."""
    return copy.copy(page)
