"""Sign in (hosted use): the only page a signed-out visitor reaches."""

import streamlit as st

from followthrough.services import account
from ui import auth

st.title(account.SIGN_IN_TITLE)
if auth.signed_in_without_identity():
    st.error(account.NO_IDENTITY)
    st.button("Sign out", key="sign_in_sign_out", on_click=auth.sign_out)
    st.stop()
st.write(account.SIGN_IN_TEXT)
if flash := st.session_state.pop("sign_in_flash", None):
    st.error(flash)
st.button(account.SIGN_IN_BUTTON, key="sign_in_button", type="primary", on_click=auth.sign_in)
