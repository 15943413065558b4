"""Cohort load: 50 signed-in participants on Analytics and their coach on the Coach's view.

One server, as `make run` starts it, in hosted mode: its secrets.toml has an [auth] section pointing
at oidc-provider-mock, run in this process. Every session signs in as a browser does, over HTTP
with its own cookie jar (GET /auth/login → the provider's form → POST a subject → /oauth2callback
→ Streamlit's signed identity cookie), then speaks the websocket with benchmarks/load.py's
Session (imported, not copied): the page by its URL path, then reruns until script_finished.

The database (SQLite, as make run's default): a coach, their cohort, and N participants, each a
person of their own with the sample workbook, each sharing their step status and their pipeline
figures with the cohort (so every participant is read by the coach's view).

Three rounds, one after the other, on the same server:
  1. Analytics: N participant sessions, each its own person, × R reruns.
  2. Coach's view: N sessions of the coach × R reruns: the same load on the other page, so
     the two pages' time per rerun compare like for like (the ratio reported).
  3. Mixed: the coach alone × K reruns of the Coach's view while the N participants rerun
     Analytics (the issue's picture: a coach watching a live workshop).

.venv/bin/python benchmarks/cohort_load.py [--participants 50] [--reruns 10] [--coach-reruns 20]
Target (issue 13): the coach's view reruns in ≤ 2× the Analytics page's time in the same run.
"""

import argparse
import asyncio
import contextlib
import http.cookiejar
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402  (the session machinery: one implementation)

ANALYTICS, COACH = "analytics", "coach"  # the pages' URL paths
ATTEMPTS = 5  # sign-ins tried per person


@contextlib.contextmanager
def provider() -> Iterator[str]:
    """oidc-provider-mock on 127.0.0.1, in a thread: its form signs in whoever's subject is sent."""
    from oidc_provider_mock import app as provider_app
    from werkzeug.serving import make_server

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
    import json

    with urllib.request.urlopen(f"{provider_url}/.well-known/openid-configuration") as reply:
        return json.loads(reply.read())["issuer"]


def seed(db_url: str, issuer: str, participants: int) -> list[str]:
    """The coach's cohort with `participants` people sharing everything whole; their subjects."""
    from followthrough.config import DEFAULT_CONTENT_DIR
    from followthrough.models import ShareKind
    from followthrough.services import cohorts
    from followthrough.services.sample import load_sample
    from followthrough.services.workbook import open_workbook
    from followthrough.store.people import PeopleRepository

    base = open_workbook(db_url)
    people = PeopleRepository(base.engine)
    now = datetime.now()
    coach = base.as_person(people.sign_in(issuer, COACH, "Coach"))
    cohort = cohorts.create(coach, "Load cohort", None, None, DEFAULT_CONTENT_DIR.name)
    code = cohorts.new_invite(coach, cohort.id, now).code
    subjects = [f"participant{n:02}" for n in range(participants)]
    for subject in subjects:
        wb = base.as_person(people.sign_in(issuer, subject, subject))
        load_sample(wb, now.date())
        cohorts.join(wb, code, now)
        for kind in (ShareKind.STEP_STATUS, ShareKind.PIPELINE):
            cohorts.share(wb, cohort.id, kind)
    base.engine.dispose()
    return subjects


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


async def round_of(
    base: str,
    jars: list[http.cookiejar.CookieJar],
    url_path: str,
    reruns: int,
    timeout: float,
    title: str,
    rss: load.Rss,
) -> load.PageResult:
    """Each jar's tab opens `url_path` (warm-up), then reruns it `reruns` times, all at once."""
    before = rss()
    errors: list[str] = []
    sessions = [load.Session(base, timeout, jar=jar) for jar in jars]
    opened = await asyncio.gather(*(load._open(s, url_path, errors) for s in sessions))
    live = [s for s in opened if s is not None]
    errors *= reruns
    latencies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(*(load._session_reruns(s, reruns, latencies, errors) for s in live))
    seconds = time.perf_counter() - started
    await asyncio.gather(*(s.close() for s in live), return_exceptions=True)
    return load.PageResult(title, seconds, latencies, errors, before, rss())


async def mixed(
    base: str,
    participants: list[http.cookiejar.CookieJar],
    coach: http.cookiejar.CookieJar,
    args: argparse.Namespace,
    rss: load.Rss,
) -> tuple[load.PageResult, load.PageResult]:
    """The coach reruns the Coach's view while every participant reruns Analytics."""
    return await asyncio.gather(
        round_of(base, participants, ANALYTICS, args.reruns, args.timeout, "Analytics", rss),
        round_of(base, [coach], COACH, args.coach_reruns, args.timeout, "Coach's view", rss),
    )


def _per_rerun(result: load.PageResult) -> float:
    return statistics.mean(result.latencies) if result.latencies else float("nan")


def report(title: str, analytics: load.PageResult, coach: load.PageResult) -> None:
    print(f"\n{title}")
    print(f"{'page':<34} {'runs/s':>7} {'p50 s':>6} {'p95 s':>6} {'errors':>7} {'RSS MB':>13}")
    for result in (analytics, coach):
        print(load._row(result))
        for message in sorted(set(result.errors))[:3]:
            print(f"  {result.title}: {result.errors.count(message)} × {message}")
    p50 = coach.quantile(0.5) / analytics.quantile(0.5)
    mean = _per_rerun(coach) / _per_rerun(analytics)
    print(f"Coach's view ÷ Analytics, time per rerun: {p50:.2f}× at p50, {mean:.2f}× mean")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--reruns", type=int, default=10, help="per session, rounds 1 and 2")
    parser.add_argument("--coach-reruns", type=int, default=20, help="the coach's, round 3")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for one rerun")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, provider() as provider_url:
        tmp = Path(folder)
        db_url = f"sqlite:///{tmp / 'cohort.db'}"
        started = time.perf_counter()
        subjects = seed(db_url, issuer_of(provider_url), args.participants)
        print(f"seeded {len(subjects)} participants in {time.perf_counter() - started:.0f} s")
        port = load._free_port()
        cookie_secret = secrets.token_hex(32)
        secrets_file = write_secrets(tmp, port, provider_url, cookie_secret)
        env = os.environ | {
            "FOLLOWTHROUGH_DB_URL": db_url,
            "FOLLOWTHROUGH_SIGN_IN": "oidc",
            "STREAMLIT_SECRETS_FILES": str(secrets_file),
            "AUTHLIB_INSECURE_TRANSPORT": "1",  # the provider speaks plain HTTP on 127.0.0.1
            "PYTHONUNBUFFERED": "1",
        }
        # The redirect URI names the port, so the server must take the one written above.
        with mock.patch.object(load, "_free_port", return_value=port):
            served = load.Served.start(ROOT, tmp / "server.log", env)
        try:
            base = served.base
            started = time.perf_counter()
            with signing_with(cookie_secret), ThreadPoolExecutor(max_workers=4) as pool:
                jars = list(pool.map(lambda s: sign_in(base, s, args.timeout), [COACH, *subjects]))
            coach_jar, participant_jars = jars[0], jars[1:]
            print(
                f"{len(jars)} sign-ins through the provider in {time.perf_counter() - started:.1f} s"
            )
            rss = load.Rss([served.streamlit_pid()])
            n = len(participant_jars)

            async def rounds() -> list[load.PageResult]:
                first = await round_of(
                    base, participant_jars, ANALYTICS, args.reruns, args.timeout, "Analytics", rss
                )
                # One tab first: the coach's view reads every participant once (their parts are
                # then kept); 50 tabs opening it cold together would each read them all.
                await round_of(base, [coach_jar], COACH, 1, args.timeout, "warm-up", rss)
                second = await round_of(
                    base, [coach_jar] * n, COACH, args.reruns, args.timeout, "Coach's view", rss
                )
                return [first, second, *await mixed(base, participant_jars, coach_jar, args, rss)]

            analytics, coach, mixed_analytics, mixed_coach = asyncio.run(rounds())
        finally:
            served.stop()
        load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"\n{n} participants (sample workbook each, sharing step status and pipeline) and a "
            f"coach, {os.cpu_count()} CPUs, load average at the end: {load_avg}"
        )
        report(f"1-2. {n} sessions × {args.reruns} reruns per page, one page after the other",
               analytics, coach)  # fmt: skip
        report(
            f"3. the coach × {args.coach_reruns} reruns while {n} participants × {args.reruns} "
            "rerun Analytics",
            mixed_analytics,
            mixed_coach,
        )
        for error, count in load.server_errors([served.log]).most_common(5):
            print(f"  server log: {count} × {error}")


if __name__ == "__main__":
    main()
