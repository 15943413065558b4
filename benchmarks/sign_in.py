"""Hosted sign-in for the load benchmarks: oidc-provider-mock in this process, a server started as
`make run` starts it but in hosted mode (its secrets.toml's [auth] points at the provider), and
sign-ins over HTTP as a browser makes them, each with its own cookie jar (GET /auth/login → the
provider's form → POST a subject → /oauth2callback → Streamlit's signed identity cookie).
Used by benchmarks/load.py (--people) and benchmarks/cohort_load.py.
"""

import contextlib
import http.cookiejar
import json
import logging
import os
import secrets
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import mock

from benchmarks import load

ATTEMPTS = 5  # sign-ins tried per person


@contextlib.contextmanager
def provider() -> Iterator[str]:
    """oidc-provider-mock on 127.0.0.1, in a thread: its form signs in whoever's subject is sent."""
    from oidc_provider_mock import app as provider_app
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = make_server("127.0.0.1", 0, provider_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def issuer_of(provider_url: str) -> str:
    """The `iss` the provider puts in its ID tokens (a person is issuer + subject)."""

    with urllib.request.urlopen(f"{provider_url}/.well-known/openid-configuration") as reply:
        return json.loads(reply.read())["issuer"]


def write_secrets(folder: Path, port: int, provider_url: str, cookie_secret: str) -> Path:
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "followthrough-load"\n'
        'client_secret = "any"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return secrets_file


def login_path() -> str:
    """Where st.login sends the browser: /auth/login with a provider token (signed with the
    cookie secret: see `signing_with`)."""
    from streamlit import auth_util

    return f"/auth/login?provider={auth_util.encode_provider_token('default')}"


def signing_with(cookie_secret: str) -> contextlib.AbstractContextManager:
    """This process signs provider tokens with the server's cookie secret (set once, for every
    sign-in thread)."""
    from streamlit import auth_util

    return mock.patch.object(auth_util, "get_signing_secret", return_value=cookie_secret)


def sign_in(base: str, subject: str, timeout: float) -> http.cookiejar.CookieJar:
    """One browser's sign-in through the provider; its cookie jar holds Streamlit's identity.
    A sign-in the server could not finish (on a loaded machine its requests to the provider can
    time out: it then sends the browser back without a cookie, or to itself) is tried again from
    the start, as a person would, at most ATTEMPTS times."""
    problem = ""
    for _ in range(ATTEMPTS):
        jar = http.cookiejar.CookieJar()
        try:
            # A fresh provider token each time: it expires within minutes (as st.login's does).
            _sign_in_once(base, login_path(), subject, timeout, jar)
        except OSError as exc:  # urllib's HTTPError and URLError, a timeout
            problem = f"{type(exc).__name__}: {exc}"
            continue
        names = {c.name for c in jar}
        if {"_streamlit_user", "_streamlit_xsrf"} <= names:
            return jar
        problem = f"no identity cookie (cookies: {sorted(names)})"
    raise RuntimeError(f"{subject} was not signed in after {ATTEMPTS} tries: {problem}")


def _sign_in_once(
    base: str, login: str, subject: str, timeout: float, jar: http.cookiejar.CookieJar
) -> None:
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
    )
    with opener.open(base + login, timeout=timeout) as reply:  # → the provider's form
        form = reply.geturl()
        reply.read()
    if form.startswith(base):
        raise OSError(f"the server did not send the browser to the provider ({form})")
    data = urllib.parse.urlencode({"sub": subject}).encode()
    with opener.open(form, data=data, timeout=timeout) as reply:  # → /oauth2callback → /
        reply.read()
    # As the page's own script does: /_stcore/health sets the XSRF cookie, whose token the
    # websocket must present before Streamlit reads the identity cookie.
    with opener.open(base + "/_stcore/health", timeout=timeout) as reply:
        reply.read()


@contextlib.contextmanager
def hosted_server(folder: Path, db_url: str, provider_url: str) -> Iterator[load.Served]:
    """This checkout's `make run` in hosted mode on `db_url`, signing in through the provider."""
    port = load._free_port()
    cookie_secret = secrets.token_hex(32)
    env = os.environ | {
        "FOLLOWTHROUGH_DB_URL": db_url,
        "FOLLOWTHROUGH_SIGN_IN": "oidc",
        "STREAMLIT_SECRETS_FILES": str(write_secrets(folder, port, provider_url, cookie_secret)),
        "AUTHLIB_INSECURE_TRANSPORT": "1",  # the provider speaks plain HTTP on 127.0.0.1
        "PYTHONUNBUFFERED": "1",
    }
    # The redirect URI names the port, so the server must take the one written above.
    with mock.patch.object(load, "_free_port", return_value=port):
        served = load.Served.start(load.ROOT, folder / "server.log", env)
    try:
        with signing_with(cookie_secret):
            yield served
    finally:
        served.stop()


def sign_in_all(base: str, subjects: list[str], timeout: float) -> list[http.cookiejar.CookieJar]:
    """Every subject signed in (four at a time, as people arriving), their jars in order."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda s: sign_in(base, s, timeout), subjects))
