"""The hosted recipe end to end: PostgreSQL, two replicas and HAProxy, as `make serve-hosted` runs it.

Browsers are told apart by a cookie, not an address: every visitor here comes from 127.0.0.1.
"""

import glob
import http.client
import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, BrowserContext, Page, expect
from websockets.exceptions import ConnectionClosed

from benchmarks.load import Session
from tests.hosted.conftest import DATABASE_UNAVAILABLE, Load, Loop, Stack

pytestmark = pytest.mark.hosted

COOKIE = "FT_REPLICA"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LEARNED = "What did you learn about the company?"
CSV = b"Company,Role,Applied on,Status\r\nHosted Co,Analyst,2026-03-14,Applied\r\n"
TIMEOUT_MS = 60_000  # a first visit to a fresh replica on a shared, loaded 2-core machine
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots" / "hosted"
ARTIFACTS.mkdir(parents=True, exist_ok=True)


def _replica_of(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def _open(chromium: Browser, url: str) -> tuple[BrowserContext, Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    return context, page


def _idle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)


def _two_browsers_on_two_replicas(chromium: Browser, url: str) -> list[tuple[BrowserContext, Page]]:
    """New visitors go round the replicas in turn, so two in a row land on both."""
    tabs = [_open(chromium, url) for _ in range(2)]
    assert _replica_of(tabs[0][0]) != _replica_of(tabs[1][0])
    return tabs


def test_the_proxy_serves_the_app_and_its_health(stack: Stack) -> None:
    with urllib.request.urlopen(f"{stack.url}/_stcore/health", timeout=10) as reply:
        assert reply.read() == b"ok"
    with urllib.request.urlopen(stack.url, timeout=10) as reply:
        assert reply.status == 200
        assert reply.headers["X-Replica"] in stack.replicas
        assert f"{COOKIE}={reply.headers['X-Replica']}" in reply.headers["Set-Cookie"]


def _status(url: str, host: str, **headers: str) -> int:
    """The status the proxy answers a GET of `url` sent with `Host: host` (and `headers`)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        conn.request("GET", parts.path or "/", headers={"Host": host, **headers})
        return conn.getresponse().status
    finally:
        conn.close()


def test_the_proxy_answers_only_for_the_site_s_own_names(stack: Stack) -> None:
    # A DNS-rebinding page reaches the proxy's address under its own name: Streamlit would serve
    # it (it checks no Host), so the proxy refuses any name but the site's, with 421.
    port = urllib.parse.urlsplit(stack.url).port
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
    upgrade["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}"):
        assert _status(f"{stack.url}/", host) == 421
        assert _status(f"{stack.url}/_stcore/health", host) == 421
        assert _status(f"{stack.url}/_stcore/stream", host, **upgrade) == 421
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", "127.0.0.1"):
        assert _status(f"{stack.url}/_stcore/health", host) == 200
        assert _status(f"{stack.url}/", host) == 200
    assert _status(f"{stack.url}/_stcore/stream", f"127.0.0.1:{port}", **upgrade) == 101


def test_each_replica_runs_on_a_core_of_its_own(stack: Stack) -> None:
    # Every thread of a replica (its event loop, each tab's script thread) keeps to its core.
    cores = sorted(os.sched_getaffinity(0))
    assert [r["cpu"] for r in stack.replicas.values()] == [cores[n % len(cores)] for n in range(2)]
    for replica in stack.replicas.values():
        threads = psutil.Process(replica["pid"]).threads()
        assert len(threads) > 1
        assert {_cores(t.id) for t in threads} - {None} == {(replica["cpu"],)}


def _cores(thread: int) -> tuple[int, ...] | None:
    """The cores a thread may run on; None for one that ended since it was listed."""
    try:
        return tuple(os.sched_getaffinity(thread))
    except ProcessLookupError:
        return None


def test_two_browsers_land_on_different_replicas_and_stay_there(stack: Stack, loop: Loop) -> None:
    tabs = [Session(stack.url, timeout=120) for _ in range(2)]
    first = [tab.get("/")["X-Replica"] for tab in tabs]
    assert set(first) == set(stack.replicas), "two new browsers in a row take both replicas"
    for tab, replica in zip(tabs, first, strict=True):
        assert {tab.get(path)["X-Replica"] for path in ["/", "/analytics", "/"] * 2} == {replica}
        loop.run(tab.open("analytics"))  # the websocket follows the cookie too
        assert tab.ws is not None and tab.ws.response is not None
        assert tab.ws.response.headers["X-Replica"] == replica
        loop.run(tab.rerun())
        loop.run(tab.close())


def test_a_write_through_one_replica_shows_on_the_other(stack: Stack, chromium: Browser) -> None:
    (one, writer), (two, reader) = _two_browsers_on_two_replicas(chromium, stack.url)
    _load_the_sample(writer)

    reader.reload()
    _idle(reader)
    remove = reader.get_by_role("button", name="Remove the sample workbook")
    expect(remove).to_be_visible(timeout=TIMEOUT_MS)
    assert _replica_of(two) != _replica_of(one)
    one.close()
    two.close()


def test_uploads_and_downloads_work_on_each_replica(stack: Stack, chromium: Browser) -> None:
    # An upload goes to the replica holding the browser's session, XSRF token checked; a
    # download is kept in that replica's memory: both need the browser to stay where it is.
    tabs = _two_browsers_on_two_replicas(chromium, stack.url)
    for context, page in tabs:
        page.goto(f"{stack.url}/import_export")
        _idle(page)
        uploader = page.locator(".st-key-import_file_0").locator("input[type=file]")
        uploader.set_input_files(files=[{"name": "a.csv", "mimeType": "text/csv", "buffer": CSV}])
        _idle(page)
        ready = page.get_by_role("button", name=re.compile(r"^Import \d+ rows?$"))
        expect(ready).to_be_visible(timeout=TIMEOUT_MS)
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            page.get_by_role("button", name="Download applications (CSV)").click()
        assert "," in Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
        context.close()


def test_a_database_restart_heals_without_an_error_on_screen(stack: Stack, loop: Loop) -> None:
    sessions = _one_protocol_tab_per_replica(stack, loop)
    for session in sessions.values():
        loop.run(session.rerun())  # every replica holds pooled connections now
    _postgres(stack.database, "restart")
    for session in sessions.values():  # pre-ping swaps the dead connections for new ones
        loop.run(session.rerun())
        loop.run(session.close())


def test_postgres_down_mid_load_reads_plainly_and_the_app_recovers_on_its_own(
    stack: Stack, chromium: Browser, loop: Loop
) -> None:
    context, page = _open(chromium, stack.url)
    _load_the_sample(page)
    page.goto(f"{stack.url}/step1_notes")
    _idle(page)
    words = f"Saved before the restart ({uuid.uuid4().hex[:8]})"
    field = page.get_by_role("textbox", name=LEARNED)
    field.fill(words)
    field.press("Tab")  # leaving the box saves it
    _idle(page)
    load = Load(loop, stack.url, tabs=6, page="step1_notes")
    try:
        load.wait_for(lambda: all(tab.clean for tab in load.tabs))
        assert {tab.replica for tab in load.tabs} == set(stack.replicas)

        _postgres(stack.database, "stop")  # the first half of a restart, held open
        down = time.monotonic()
        load.wait_for(lambda: all(any(t > down for t in tab.plain) for tab in load.tabs))
        page.reload()  # a new run of the page while the database is down
        _idle(page)
        expect(page.get_by_text(DATABASE_UNAVAILABLE)).to_be_visible(timeout=TIMEOUT_MS)
        _no_error_on(page)
        page.screenshot(path=str(ARTIFACTS / "postgres_down.png"), full_page=True)

        _postgres(stack.database, "start")
        up = time.monotonic()
        load.wait_for(lambda: all(tab.clean_since(up) >= 2 for tab in load.tabs))
    finally:
        if stack.database in _STOPPED:  # the test failed with the database down
            _postgres(stack.database, "start")
        load.stop()
    print(f"\nPostgreSQL down {up - down:.1f} s under load: {load}")
    for tab in load.tabs:  # every rerun showed the page or the sentence: no error, no lost tab
        assert not tab.errors and not tab.lost, load
    page.reload()
    _idle(page)
    expect(page.get_by_role("textbox", name=LEARNED)).to_have_value(words, timeout=TIMEOUT_MS)
    expect(page.get_by_text(DATABASE_UNAVAILABLE)).to_have_count(0)
    _no_error_on(page)
    context.close()


def test_killing_a_replica_loses_no_typed_word_and_spares_the_other(
    stack: Stack, chromium: Browser, loop: Loop
) -> None:
    (doomed_ctx, doomed), (live_ctx, live) = _two_browsers_on_two_replicas(chromium, stack.url)
    victim, survivor = _replica_of(doomed_ctx), _replica_of(live_ctx)
    sessions = _one_protocol_tab_per_replica(stack, loop)

    _load_the_sample(doomed)  # interviews to take notes on
    doomed.goto(f"{stack.url}/step1_notes")
    _idle(doomed)
    words = f"They ship every week ({uuid.uuid4().hex[:8]})"
    field = doomed.get_by_role("textbox", name=LEARNED)
    field.fill(words)
    field.press("Control+Enter")  # commit the text area, as a person moving on does
    _idle(doomed)
    at = doomed.url

    load = Load(loop, stack.url, tabs=6, page="step1_notes")
    try:
        load.wait_for(lambda: all(tab.clean for tab in load.tabs))
        assert load.on(victim) and load.on(survivor)
        os.kill(stack.replicas[victim]["pid"], signal.SIGKILL)  # under load
        psutil.Process(stack.replicas[victim]["pid"]).wait(timeout=10)
        killed = time.monotonic()
        load.wait_for(lambda: all(tab.clean_since(killed) >= 3 for tab in load.on(survivor)))
        load.wait_for(lambda: all(tab.lost for tab in load.on(victim)))
    finally:
        load.stop()
    print(f"\n{victim} killed under load: {load}")
    for tab in load.on(survivor):  # the other replica's people carry on, with 0 errors
        assert not tab.errors and not tab.lost and not tab.plain, load
    for tab in load.on(victim):  # the dead replica's tabs lost their connection, nothing else
        assert tab.lost.startswith("ConnectionClosed") and not tab.errors, load

    loop.run(sessions[survivor].rerun())
    with pytest.raises(ConnectionClosed):  # this tab's replica is gone...
        loop.run(sessions[victim].rerun())
    again = Session(stack.url, timeout=120, jar=sessions[victim].jar)
    loop.run(again.open(""))  # ...so it reconnects through the proxy, as Streamlit's page does...
    assert again.ws is not None and again.ws.response is not None
    assert again.ws.response.headers["X-Replica"] == survivor  # ...to the live replica

    doomed.goto(at)
    _idle(doomed)
    expect(doomed.get_by_role("textbox", name=LEARNED)).to_have_value(words, timeout=TIMEOUT_MS)
    assert _replica_of(doomed_ctx) == survivor
    _no_error_on(doomed)
    live.reload()
    _idle(live)
    _no_error_on(live)
    for session in (sessions[survivor], again):
        loop.run(session.close())
    doomed_ctx.close()
    live_ctx.close()


def _no_error_on(page: Page) -> None:
    """Neither Streamlit's error box nor any trace of one (type names, paths) on the page."""
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    text = page.locator("body").inner_text()
    for trace in ("Traceback", "Error:", "psycopg", "sqlalchemy", ".py", "encountered an error"):
        assert trace not in text, f"{trace!r} on the page:\n{text[:2000]}"


def _load_the_sample(page: Page) -> None:
    """Home's sample workbook, loaded by its button unless an earlier test loaded it."""
    remove = page.get_by_role("button", name="Remove the sample workbook")
    load = page.get_by_role("button", name="Load the sample workbook")
    expect(load.or_(remove)).to_be_visible(timeout=TIMEOUT_MS)
    if load.is_visible():
        load.click()
        _idle(page)
    expect(remove).to_be_visible(timeout=TIMEOUT_MS)


def _postgres(url: str, action: str) -> None:
    """pg_ctl `action` (restart, stop, start) on the stack's throwaway cluster, as its operator
    would: fast shutdown, and the options tests/postgres.py started it with."""
    if action == "start":
        data = _STOPPED.pop(url)
    else:
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            data = conn.exec_driver_sql("SHOW data_directory").scalar_one()
        engine.dispose()
    if action == "stop":
        _STOPPED[url] = data
    port = sa.engine.make_url(url).port
    options = f"-h 127.0.0.1 -p {port} -k {data} -c fsync=off"
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    pg_ctl = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
    command = [pg_ctl, "-D", data, "-m", "fast", "-w", "-o", options, "-l", f"{data}/log", action]
    subprocess.run(as_postgres + command, check=True, capture_output=True)


_STOPPED: dict[str, str] = {}  # database URL → data directory of a cluster stopped by _postgres


def _one_protocol_tab_per_replica(stack: Stack, loop: Loop) -> dict[str, Session]:
    """Two new protocol-level tabs in a row, keyed by the replica each landed on."""
    tabs = [Session(stack.url, timeout=120) for _ in stack.replicas]
    for tab in tabs:
        loop.run(tab.open(""))
    by_replica = {tab.ws.response.headers["X-Replica"]: tab for tab in tabs}  # type: ignore[union-attr]
    assert set(by_replica) == set(stack.replicas)
    return by_replica
