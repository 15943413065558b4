"""Your data (hosted use): download everything you own, or delete your account and all of it."""

from datetime import datetime
from functools import partial

import streamlit as st

from followthrough.models import Forbidden, Invalid
from followthrough.services import account
from ui import auth, resources

wb = resources.workbook()
FLASH = "account_flash"


def _delete() -> None:
    try:
        said = account.delete_account(
            wb, st.session_state.get("account_confirm", ""), datetime.now()
        )
    except (Forbidden, Invalid) as exc:
        st.session_state[FLASH] = str(exc)
        return
    st.session_state.clear()  # nothing of the deleted person stays in this session
    st.session_state[FLASH] = said
    auth.sign_out()


st.title("Your data")
if flash := st.session_state.pop(FLASH, None):
    st.error(flash)
st.write(account.MY_DATA_TEXT)
downloads = (
    (
        "Download everything (JSON)",
        account.my_data,
        "followthrough-my-data.json",
        "application/json",
    ),
    (
        "Download your applications (CSV)",
        account.my_applications_csv,
        "applications.csv",
        "text/csv",
    ),
)
for column, (label, make, name, mime) in zip(st.columns(2), downloads, strict=True):
    column.download_button(
        label,
        data=partial(make, wb),
        file_name=name,
        mime=mime,
        key=f"account_{name.rsplit('.', 1)[1]}",
        on_click="ignore",
    )

st.subheader("Delete your account")
st.write(account.DELETE_TEXT)
st.text_input(account.DELETE_PROMPT, key="account_confirm")
st.button("Delete my account and everything in it", key="account_delete", on_click=_delete)
