"""Sign-in: none in local use; in hosted use Streamlit's own st.login / st.user / st.logout.

Hosted mode is on when `.streamlit/secrets.toml` has an `[auth]` section (OpenID Connect through
Authlib, see the README's 'Hosted sign-in'), or when FOLLOWTHROUGH_SIGN_IN=oidc says so;
FOLLOWTHROUGH_SIGN_IN=none keeps a server local whatever its secrets say. A person is their
provider's issuer + subject (the ID token's `iss` and `sub`), looked up on every call.
"""

import os

import streamlit as st

from followthrough.services import account
from followthrough.services.workbook import Workbook
from ui.text import plain

MODE_ENV = "FOLLOWTHROUGH_SIGN_IN"
CONFIGURED = "auth_configured"  # session state: whether secrets.toml has [auth]


def hosted() -> bool:
    """True when every visitor must sign in (see the module's docstring)."""
    mode = os.environ.get(MODE_ENV, "").strip().lower()
    if mode in ("oidc", "required", "on"):
        return True
    if mode in ("none", "local", "off"):
        return False
    return configured()


def configured() -> bool:
    """True when secrets.toml has an [auth] section for st.login. Read once per session: with no
    secrets file (local use) Streamlit looks for the files again on every call, several times a
    rerun, under its config lock."""
    if CONFIGURED not in st.session_state:
        found = st.secrets.load_if_toml_exists() and "auth" in st.secrets
        st.session_state[CONFIGURED] = bool(found)
    return st.session_state[CONFIGURED]


def identity() -> account.Identity | None:
    """The signed-in person as their provider names them, or None when nobody is signed in."""
    user = st.user
    if not user.get("is_logged_in"):
        return None
    issuer, subject = user.get("iss"), user.get("sub")
    if not isinstance(issuer, str) or not isinstance(subject, str) or not issuer or not subject:
        return None
    name, email = user.get("name"), user.get("email")
    return account.Identity(
        issuer,
        subject,
        name if isinstance(name, str) else "",
        email if isinstance(email, str) else "",
    )


def signed_in_without_identity() -> bool:
    """The provider signed someone in but gave no issuer and subject (misconfigured)."""
    return bool(st.user.get("is_logged_in")) and identity() is None


def workbook(base: Workbook) -> Workbook:
    """The signed-in person's workbook on `base`'s database; raises Forbidden when signed out.

    Looked up by issuer + subject on every call (one indexed query), never kept by id in the
    session: a person who deleted their account in another tab is never served by a stale id,
    which SQLite may hand to the next new person.
    """
    return account.signed_in(base, identity())


def sign_in() -> None:
    if not configured():
        st.session_state["sign_in_flash"] = account.SIGN_IN_BROKEN
        return
    st.login()


def sign_out() -> None:
    st.logout()


def sign_out_button() -> None:
    """The signed-in person's name and a button to sign out (in the sidebar)."""
    who = identity()
    if who is None:
        return
    st.caption(f"Signed in as {plain(who.name or who.email or who.subject)}")
    st.button("Sign out", key="auth_sign_out", on_click=sign_out)
