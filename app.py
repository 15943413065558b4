"""Follow-Through: the router and frame. Pages live in app_pages/, the product in followthrough/.

Local use (the default) has no sign-in. Hosted use (ui/auth.py) routes a signed-out visitor to the
sign-in page only, whatever the URL asks for.
"""

import streamlit as st

from followthrough.content import ContentError
from ui import auth, keystrokes, navigation, resources, screens
from ui.outage import shown_plainly

st.set_page_config(page_title="Follow-Through", page_icon="✉️", layout="wide")

hosted = auth.hosted()
if hosted and auth.identity() is None:
    page = st.navigation([navigation.fresh(navigation.SIGN_IN)], position="hidden")
else:
    sections = navigation.SECTIONS | (navigation.HOSTED_SECTIONS if hosted else {})
    page = st.navigation(navigation.for_this_run(sections))
    with st.sidebar:
        st.caption("Follow-Through · the days after an interview")
        if hosted:
            auth.sign_out_button()
        keystrokes.keep_typing()  # text boxes save a moment after the last key
screens.new_run()  # cached screens read their data version once this run
with shown_plainly():  # a database restarting: a plain sentence, not an error box
    resources.follow()  # which content pack this person's pages read (hosted: their cohort's)
    try:
        resources.content()
    except ContentError as exc:
        st.error(f"The coaching content could not be loaded.\n\n{exc}")
        st.stop()
    page.run()
