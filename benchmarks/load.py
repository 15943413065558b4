"""Load: N concurrent protocol-level sessions × K reruns of every page, beside a bare page, one run.
`runs/s` counts the reruns that ended while all N tabs were asking (Window): from the moment the
last tab had its first rerun back until the first tab has had its K. Before, the first reruns are
all under way and none has ended; after, fewer tabs load the server, and behind a proxy one
replica can sit idle while the other serves its tabs' last reruns (a workshop's people do not all
start and stop at once). `to last` is every rerun over the time from the start to the last tab's
end, both edges included; a `*` after runs/s marks a page without a Window (one rerun a tab, or
no tab had all K), counted like `to last`.
Each page's row gives the server's memory before its tabs open → after they open and run it once
(warm-up) → after the reruns; the last line, the growth from the first page's warm-up to the end.
The cores each part took while all the tabs were asking (CPU seconds per second): `client` this
process (the tabs), `app` the server's processes, `proxy` and `db` a hosted stack's HAProxy and
PostgreSQL, `idle` what the machine left unused; on one machine they all share its cores.
`runs/app core` is runs/s per core the app took. --rounds N measures every page N times, round
after round, and each row is its median round (by its ratio to the baseline of the same round).

Each session does what a browser tab does: it loads the page over HTTP (keeping its cookies: the
XSRF token, a proxy's sticky cookie), opens the /_stcore/stream websocket, asks for the page by its
URL path, then asks for K reruns (a BackMsg `rerun_script` with the page's script hash and the
hashes of the messages it has cached) and waits each time for the ForwardMsg `script_finished`.
An error is a rerun that shows an exception, fails, or takes longer than --timeout.

.venv/bin/python benchmarks/load.py [--sessions 50] [--reruns 10] [--pages home,analytics]
        [--checkout DIR ...] [--variant POST_SCRIPT_GC=true ...]  # one table each
.venv/bin/python benchmarks/load.py --url http://127.0.0.1:8080 [--pid PID ...]  # a running server
.venv/bin/python benchmarks/load.py --people 50  # hosted sign-in: one person (and workbook) each
.venv/bin/python benchmarks/load.py --hosted 1 --hosted 2 [--rounds 3]  # make serve-hosted

The workbook: the sample plus 50 interviews and 5,000 generated applications, the local person's
(every session the same person, as `make run` serves one), or with --people N each session one of
N people signed in through oidc-provider-mock, each with a workbook of their own (a workshop).
Targets (issue 10), 50 sessions × 10 reruns on 2 cores: 0 errors; every page ≥ 50 runs/s and
≥ 0.1× the bare page; p95 ≤ 2 s; server memory growth ≤ 100 MB after warm-up.
"""

import argparse
import asyncio
import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

ROOT = Path(__file__).resolve().parent.parent
BARE_PAGE = """import streamlit as st

st.title("A bare page")
st.write("Three elements: a title, this line and a button.")
st.button("Press")
"""
MAX_CACHED_MESSAGE_AGE = 2  # script runs a browser keeps an unused cached message (Streamlit's)
HEALTH_TIMEOUT_S = 90
TEXT_BOXES = ("text_area", "text_input")
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Streamlit logs tracebacks in colour
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit)\b.*$", re.MULTILINE)


class RerunError(Exception):
    """A rerun that failed, showed an exception, or did not finish in time."""


@dataclass
class Page:
    title: str
    url_path: str  # "" for the default page


@dataclass
class Session:
    """One browser tab, spoken at the protocol level."""

    base: str
    timeout: float
    query: str = ""  # the URL's query string, as in ?interview=7
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    ws: ClientConnection | None = None
    page_hash: str = ""
    pages: list[Page] = field(default_factory=list)
    runs: int = 0
    cached: dict[str, int] = field(default_factory=dict)  # message hash → last run that used it
    exception_hashes: set[str] = field(default_factory=set)
    boxes: dict[str, Any] = field(default_factory=dict)  # text box label → its last message

    async def open(self, url_path: str) -> float:
        """Load the page as a deep link does (HTTP, then websocket, then a run by URL path)."""
        await asyncio.to_thread(self.get, f"/{url_path}" + (f"?{self.query}" if self.query else ""))
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        xsrf = next((c.value for c in self.jar if c.name == "_streamlit_xsrf"), "")
        self.ws = await connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream",
            origin=Origin(self.base),
            subprotocols=[Subprotocol("streamlit")] + ([Subprotocol(xsrf)] if xsrf else []),
            additional_headers={"Cookie": cookies} if cookies else None,
            compression=None,
            proxy=None,
            max_size=None,
            open_timeout=self.timeout,
        )
        return await self._run(ClientState(page_name=url_path))

    async def rerun(self) -> float:
        """Rerun the current page, as a click or R in the browser does; returns its seconds."""
        return await self._run(ClientState(page_script_hash=self.page_hash))

    async def commit_and_leave(self, label: str, text: str) -> None:
        """What a tab does as it unloads with `text` typed into box `label` (ui/keystrokes.js): it
        commits the box (a rerun carrying its value) and its websocket closes at once."""
        assert self.ws is not None
        state = ClientState(page_script_hash=self.page_hash)
        state.widget_states.widgets.add(id=self.boxes[label].id, string_value=text)
        self._prepare(state)
        await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
        await self.ws.close()

    def shown(self, label: str) -> str:
        """What the text box `label` showed in the last run."""
        box = self.boxes[label]
        return box.value if box.set_value else box.default

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(ConnectionClosed):  # already gone: closed all the same
                await self.ws.close()

    def get(self, path: str) -> Message:
        """GET `path` with this tab's cookies (keeping any it is given); returns the headers."""
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.jar)
        )
        with opener.open(self.base + path, timeout=self.timeout) as reply:
            reply.read()
            return reply.headers

    def _prepare(self, state: ClientState) -> None:
        """Fill in what a browser sends with every run: the URL, its context, its cached messages."""
        self.runs += 1
        state.query_string = self.query
        state.context_info.CopyFrom(ContextInfo(timezone="UTC", locale="en-US", url=self.base))
        state.cached_message_hashes.extend(
            h for h, run in self.cached.items() if self.runs - run <= MAX_CACHED_MESSAGE_AGE
        )

    async def _run(self, state: ClientState) -> float:
        assert self.ws is not None
        self._prepare(state)
        started = time.perf_counter()
        await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
        shown: list[str] = []
        async with asyncio.timeout(self.timeout):
            while not self._finished(await self.ws.recv(), shown):
                pass
        if shown:
            raise RerunError(shown[0])
        return time.perf_counter() - started

    def _finished(self, data: str | bytes, shown: list[str]) -> bool:
        """Take in one ForwardMsg (problems go to `shown`); True when it ends the run asked for."""
        msg = ForwardMsg()
        msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable or kind == "ref_hash":
            self.cached[msg.hash or msg.ref_hash] = self.runs
        if kind == "navigation":  # st.navigation says which page ran (new_session: the frame)
            if self.page_hash and msg.navigation.page_script_hash != self.page_hash:
                shown.append("the rerun ran another page than the one asked for")
            self.page_hash = msg.navigation.page_script_hash
            self.pages = [Page(p.page_name, p.url_pathname) for p in msg.navigation.app_pages]
        elif kind == "page_not_found":
            shown.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "ref_hash" and msg.ref_hash in self.exception_hashes:
            shown.append("the page shows an exception (the same as before)")
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            exc = msg.delta.new_element.exception
            self.exception_hashes.add(msg.hash)
            what = ": ".join(part for part in (exc.type, exc.message) if part)
            shown.append(f"the page shows an exception: {what}")
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") in TEXT_BOXES:
            box = getattr(msg.delta.new_element, msg.delta.new_element.WhichOneof("type"))
            self.boxes[box.label] = box
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                shown.append("the script did not compile")
            # Not a run cut short by the app's own st.rerun(), nor a fragment's run.
            return status in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            )
        return False


@dataclass
class PageResult:
    title: str
    seconds: float  # wall time of the timed reruns, to the last tab's end
    latencies: list[float]
    steady_seconds: float  # the Window's, when all the tabs were asking
    steady_runs: int  # the reruns that ended in it
    errors: list[str]
    rss_before_mb: float | None  # before the tabs opened
    rss_warm_mb: float | None  # after they opened and ran the page once (warm-up)
    rss_after_mb: float | None  # after the timed reruns
    # Cores each part took during the timed reruns (CORES): on one machine they share its cores.
    cores: dict[str, float] = field(default_factory=dict)
    windowed: bool = True  # runs/s and cores from the Window, else from the whole run

    @property
    def runs_per_s(self) -> float:
        """Reruns a second while all the tabs were asking (Window)."""
        return self.steady_runs / self.steady_seconds if self.steady_seconds else 0.0

    @property
    def to_last_per_s(self) -> float:
        """Reruns a second from the start to the last tab's end."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def quantile(self, q: float) -> float:
        return quantile(self.latencies, q)


def quantile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


Cpu = dict[str, dict[int, float]]  # CPU seconds so far, each part's by process (_cpu_seconds)


@dataclass
class Window:
    """When all of a page's tabs were asking: from the moment the last tab had its first rerun
    back until the first tab had all of its own. Before, every tab's first rerun is under way
    and none has ended; after, fewer tabs load the server (behind a proxy, one replica can sit
    idle while the other serves its tabs' last reruns). Inside, about as many reruns are under
    way at its start as at its end, so the reruns that end in it are the work done in it."""

    tabs: int
    clocks: dict[str, "Processes"]
    first_back: int = 0  # tabs that have had their first rerun back
    ended: list[float] = field(default_factory=list)  # when each rerun that showed the page ended
    marks: list[tuple[float, Cpu]] = field(default_factory=list)  # its start and end, with CPU
    closed: bool = False  # a tab has had all of its reruns (a lost tab's end does not count)

    def rerun_ended(self, shown: bool, first: bool) -> None:
        now = time.perf_counter()
        if shown:
            self.ended.append(now)
        self.first_back += first
        if first and self.first_back == self.tabs and not self.closed:
            self.marks.append((now, _cpu_seconds(self.clocks)))

    def tab_done(self) -> None:
        if self.marks and not self.closed:
            self.marks.append((time.perf_counter(), _cpu_seconds(self.clocks)))
        self.closed = True

    def measured(self) -> tuple[float, int, dict[str, float]] | None:
        """Its seconds, the reruns that ended in it and the cores each part took; None when the
        first tab was done before the last had its first rerun back (one rerun a tab), when no
        tab had all of its reruns, or when none ended in it."""
        if len(self.marks) < 2:
            return None
        (start, cpu), (end, cpu_end) = self.marks
        runs = sum(start < t <= end for t in self.ended)
        if not runs:
            return None
        return end - start, runs, {k: v / (end - start) for k, v in _taken(cpu, cpu_end).items()}


async def _session_reruns(
    session: Session, reruns: int, latencies: list, errors: list, window: Window
) -> None:
    for done in range(reruns):
        try:
            latencies.append(await session.rerun())
            window.rerun_ended(shown=True, first=done == 0)
        except RerunError as exc:
            errors.append(str(exc))
            window.rerun_ended(shown=False, first=done == 0)
        except Exception as exc:  # noqa: BLE001 — a lost session: its remaining reruns fail
            errors.extend([f"{type(exc).__name__}: {exc}".strip(": ")] * (reruns - done))
            return  # still asking as far as the Window goes: it has not had its K
    window.tab_done()


async def _open(session: Session, url_path: str, errors: list[str]) -> Session | None:
    try:
        await session.open(url_path)
        return session
    except Exception as exc:  # noqa: BLE001 — counted: a tab that could not load the page
        errors.append(f"could not open: {type(exc).__name__}: {exc}".strip(": "))
        return None


async def load_page(
    base: str,
    page: Page,
    sessions: int,
    reruns: int,
    timeout: float,
    server: "Processes",
    jars: list[http.cookiejar.CookieJar] | None = None,
    parts: dict[str, "Processes"] | None = None,
) -> PageResult:
    """`sessions` tabs open the page together (warm-up), then each asks for `reruns` reruns.
    Runs/s and the cores are taken in the Window when all the tabs were asking.
    With `jars` (signed-in browsers' cookies), tab n is the browser of jars[n % len(jars)].
    `server` is the app's processes; `parts` the others that serve it (CORES: proxy, db)."""
    before = server.rss_mb()
    errors: list[str] = []
    tabs = [
        Session(base, timeout, jar=jars[n % len(jars)]) if jars else Session(base, timeout)
        for n in range(sessions)
    ]
    opened = await asyncio.gather(*(_open(tab, page.url_path, errors) for tab in tabs))
    warm = server.rss_mb()
    errors *= reruns  # a tab that could not open loses all its reruns
    live = [s for s in opened if s is not None]
    latencies: list[float] = []
    clocks = {"client": Processes([os.getpid()]), "app": server, **(parts or {})}
    window = Window(len(live), clocks)
    started, cpu = time.perf_counter(), _cpu_seconds(clocks)
    await asyncio.gather(*(_session_reruns(s, reruns, latencies, errors, window) for s in live))
    seconds, taken = time.perf_counter() - started, _taken(cpu, _cpu_seconds(clocks))
    whole = (seconds, len(latencies), {part: s / seconds for part, s in taken.items()})
    measured = window.measured()
    steady_seconds, steady_runs, cores = measured or whole
    await asyncio.gather(*(s.close() for s in live), return_exceptions=True)
    after = server.rss_mb()
    return PageResult(
        page.title,
        seconds,
        latencies,
        steady_seconds,
        steady_runs,
        errors,
        before,
        warm,
        after,
        cores,
        windowed=measured is not None,
    )


def _cpu_seconds(clocks: dict[str, "Processes"]) -> Cpu:
    """CPU seconds so far, each part's by process, and the machine's idle time (CORES' "idle")."""
    return {k: p.cpu_s() for k, p in clocks.items()} | {"idle": {0: psutil.cpu_times().idle}}


def _taken(before: Cpu, after: Cpu) -> dict[str, float]:
    """Each part's CPU seconds from `before` to `after` (a process that ended in between drops
    out: its last moments are not counted)."""
    return {
        part: sum(s - before[part].get(pid, 0.0) for pid, s in by_pid.items())
        for part, by_pid in after.items()
    }


async def discover_pages(
    base: str, timeout: float, jar: http.cookiejar.CookieJar | None = None
) -> list[Page]:
    """The app's pages, from the navigation message a first visit (signed in with `jar`)
    receives."""
    probe = Session(base, timeout, jar=jar) if jar else Session(base, timeout)
    await probe.open("")
    await probe.close()
    return probe.pages or [Page("(single page)", "")]


class Processes:
    """Server processes: their resident memory, and the CPU time they took (with their
    children's, as PostgreSQL's backends, when `children`)."""

    def __init__(self, pids: Iterable[int] = (), children: bool = False) -> None:
        self.processes = [psutil.Process(pid) for pid in pids]
        self.children = children

    def rss_mb(self) -> float | None:
        """Resident memory in MB (None when the processes are not known)."""
        if not self.processes:
            return None
        return sum(p.memory_info().rss for p in self.processes if p.is_running()) / 2**20

    def cpu_s(self) -> dict[int, float]:
        """CPU seconds so far, by process: a child that starts later counts from its start."""
        seconds = {}
        for process in self.processes:
            with contextlib.suppress(psutil.NoSuchProcess):  # a backend may end as it is read
                family = process.children(recursive=True) if self.children else []
                for each in (process, *family):
                    times = each.cpu_times()
                    seconds[each.pid] = times.user + times.system
        return seconds

    @classmethod
    def listening_on(cls, url: str) -> "Processes":
        """The process that listens on `url`'s port on this machine (none if not found)."""
        port = urllib.parse.urlsplit(url).port
        listening = psutil.net_connections(kind="tcp")
        found = {c.pid for c in listening if c.laddr.port == port and c.status == "LISTEN"}
        return cls((pid for pid in found if pid), children=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    """A server started by a checkout's Makefile (`make run`), as people get it."""

    process: subprocess.Popen
    base: str
    log: Path

    @classmethod
    def start(cls, checkout: Path, log: Path, env: dict[str, str], **make_vars: str) -> "Served":
        port = _free_port()
        venv = Path(sys.prefix)
        # This benchmark's virtual environment serves every checkout; -o keeps make from
        # reinstalling it, PYTHONPATH makes the served checkout's own code the one imported.
        command = ["make", "-s", "-C", str(checkout), "run", f"PORT={port}", f"VENV={venv}"]
        command += ["-o", f"{venv}/.installed-app"] + [f"{k}={v}" for k, v in make_vars.items()]
        env = env | {"PYTHONPATH": str(checkout)}
        with log.open("w") as out:
            process = subprocess.Popen(
                command, cwd=checkout, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # so the whole make → streamlit group can be stopped
            )  # fmt: skip
        served = cls(process, f"http://127.0.0.1:{port}", log)
        served._wait_until_healthy()
        return served

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=5) as reply:
                    if reply.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)  # polling interval while the server starts, not a measured wait
        self.stop()
        raise RuntimeError(f"the server did not become healthy; its log:\n{self.log.read_text()}")

    def streamlit_pid(self) -> int:
        children = psutil.Process(self.process.pid).children(recursive=True)
        return next(p.pid for p in children if "streamlit" in " ".join(p.cmdline()))

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Hosted:
    """The hosted stack as `make serve-hosted` starts it: PostgreSQL, replicas, HAProxy."""

    process: subprocess.Popen
    info: dict[str, Any]  # the stack's state.json: url, database, pid, replicas
    log: Path

    @classmethod
    def start(cls, replicas: int, state: Path, timeout: float = 300) -> "Hosted":
        log = state / "make.log"
        command = ["make", "-s", "-C", str(ROOT), "serve-hosted", f"REPLICAS={replicas}"]
        command += [f"HOSTED_PORT={_free_port()}", f"HOSTED_STATE={state}"]
        with log.open("w") as out:
            process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            if (state / "state.json").exists():
                return cls(process, json.loads((state / "state.json").read_text()), log)
            time.sleep(0.2)  # polling for the file the stack writes once it is healthy
        os.killpg(process.pid, signal.SIGTERM)
        raise RuntimeError(f"make serve-hosted did not come up:\n{log.read_text()[-4000:]}")

    @property
    def replica_pids(self) -> list[int]:
        return [r["pid"] for r in self.info["replicas"]]

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM to the stack, as Ctrl-C in its terminal: it stops what it started."""
        os.kill(self.info["pid"], signal.SIGTERM)
        self.process.wait(timeout=timeout)


def build_workbook(url: str, interviews: int, applications: int) -> None:
    """The local person's workbook: the sample, `interviews` more interviews and `applications`
    generated ones."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.page_reruns import add_applications, fill
    from followthrough.services.workbook import open_workbook
    from followthrough.store.backup_file import owned_tables
    from followthrough.store.db import refresh_statistics

    wb = open_workbook(url)
    fill(wb, interviews)
    add_applications(wb, applications)
    refresh_statistics(wb.engine, owned_tables())  # as an import does (PostgreSQL's planner)
    wb.engine.dispose()


def build_people(
    url: str, issuer: str, people: int, interviews: int, applications: int
) -> list[str]:
    """`people` signed-up people (issuer + subject), each with a workbook as build_workbook's;
    their subjects."""
    from benchmarks.page_reruns import add_applications, fill
    from followthrough.services.workbook import open_workbook
    from followthrough.store.people import PeopleRepository

    base = open_workbook(url)
    subjects = [f"person{n:03}" for n in range(people)]
    for subject in subjects:
        wb = base.as_person(PeopleRepository(base.engine).sign_in(issuer, subject, subject))
        fill(wb, interviews)
        add_applications(wb, applications)
    base.engine.dispose()
    return subjects


def build_in(checkout: Path, url: str, interviews: int, applications: int) -> None:
    """`build_workbook` by `checkout`'s own code, so the database has that checkout's schema."""
    code = "import sys; from benchmarks.load import build_workbook as b; b(sys.argv[1], *map(int, sys.argv[2:]))"
    command = [sys.executable, "-c", code, url, str(interviews), str(applications)]
    env = os.environ | {"PYTHONPATH": str(checkout), "STREAMLIT_LOGGER_LEVEL": "error"}
    subprocess.run(command, cwd=checkout, env=env, check=True)


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


@dataclass
class Target:
    """A server under load: where it answers, whose memory counts, and what it measured."""

    label: str
    base: str
    server: Processes  # the app's processes: their memory is the target's
    logs: list[Path] = field(default_factory=list)  # server logs, for the tracebacks they hold
    parts: dict[str, Processes] = field(default_factory=dict)  # the proxy and db (CORES)
    bare: bool = False  # the bare page: measured once per round, beside every page
    jars: list[http.cookiejar.CookieJar] | None = None  # signed-in people, one per session
    pages: dict[str, Page] = field(default_factory=dict)  # title → page
    results: list[PageResult] = field(default_factory=list)

    def page_for(self, title: str) -> Page | None:
        return next(iter(self.pages.values())) if self.bare else self.pages.get(title)


async def measure(targets: list[Target], args: argparse.Namespace) -> None:
    """Page by page, each target in turn, so that every page of every target (and the bare page
    beside it) meets the same background load: a shared machine's load moves by the minute.
    --rounds repeats the whole pass."""
    for target in targets:
        jar = target.jars[0] if target.jars else None
        pages = await discover_pages(target.base, args.timeout, jar)
        target.pages = {p.title: p for p in pages}
    wanted = {w.strip().lower() for w in args.pages.split(",")} if args.pages else None
    first = next(t for t in targets if not t.bare)
    titles = [
        title
        for title, page in first.pages.items()
        if not wanted or {page.url_path or "home", title.lower()} & wanted
    ]
    for title in titles * args.rounds:  # round after round of every page
        for target in targets:
            page = target.page_for(title)
            if page is None:
                continue
            result = await load_page(
                target.base, page, args.sessions, args.reruns, args.timeout, target.server,
                target.jars, target.parts,
            )  # fmt: skip
            target.results.append(result)
            print(f"  {target.label} · {_row(result)}", file=sys.stderr, flush=True)


def print_table(target: Target, baseline: Target | None, ratio_label: str) -> None:
    """One row a page: its median round (by the ratio to `baseline`'s run of the same round, if
    given, else by runs/s), with the range over the rounds when there are several."""
    print(f"\n{target.label}")
    print(HEADER + (f" {ratio_label:>8}" if baseline else "") + f" {'over rounds':>12}")
    base_rates = [r.runs_per_s for r in baseline.results] if baseline else []
    rounds: dict[str, list[tuple[float, PageResult]]] = {}
    for n, r in enumerate(target.results):
        ratio = r.runs_per_s / base_rates[n] if n < len(base_rates) and base_rates[n] else None
        rounds.setdefault(r.title, []).append((r.runs_per_s if ratio is None else ratio, r))
    for measured in rounds.values():
        measured.sort(key=lambda pair: pair[0])
        value, r = measured[(len(measured) - 1) // 2]
        low, high = measured[0][0], measured[-1][0]
        spread = (f"{low:.2f}–{high:.2f}" if baseline else f"{low:.1f}–{high:.1f}") * (low != high)
        print(_row(r) + (f" {value:>7.2f}×" if baseline else "") + f" {spread:>12}")
    for r in target.results:
        for message in sorted(set(r.errors))[:3]:
            print(f"  {r.title}: {r.errors.count(message)} × {message}")
    for error, count in server_errors(target.logs).most_common(5):
        print(f"  server log: {count} × {error}")
    if target.results:
        print_growth(target.results[0].rss_warm_mb, target.results[-1].rss_after_mb)


def print_growth(warm: float | None, end: float | None) -> None:
    """Server memory from the first page's warm-up to the end of the run (issue 10: ≤ 100 MB)."""
    if warm is not None and end is not None:
        growth = f"{warm:,.0f} → {end:,.0f} MB ({end - warm:+,.0f})"
        print(f"  memory from the first page's warm-up to the end: {growth}")


def server_errors(logs: list[Path]) -> Counter[str]:
    """The exception each traceback in the server logs ends with (a browser sees none of them)."""
    errors: Counter[str] = Counter()
    for log in logs:
        text = ANSI.sub("", log.read_text(errors="replace")) if log.exists() else ""
        for record in re.split(r"\n(?=\d{4}-\d\d-\d\d )", text):  # one log record each
            raised = EXCEPTION_LINE.findall(record) if "Traceback" in record else []
            if raised:
                errors[raised[-1][:200]] += 1
    return errors


# The cores each part took while the page's reruns ran: the tabs (this process), the app's
# processes, the proxy and PostgreSQL of a hosted stack, and what the machine left idle.
CORES = ("client", "app", "proxy", "db", "idle")
HEADER = (
    f"{'page':<34} {'runs/s':>7} {'to last':>7} {'p50 s':>6} {'p95 s':>6} {'errors':>7} {'RSS MB':>19} "
    + " ".join(f"{part:>6}" for part in CORES)
    + f" {'runs/app core':>13}"
)


def _row(r: PageResult) -> str:
    memory = f"{_mb(r.rss_before_mb)} → {_mb(r.rss_warm_mb)} → {_mb(r.rss_after_mb)}"
    rate = f"{r.runs_per_s:.1f}" + ("" if r.windowed else "*")
    line = f"{r.title:<34} {rate:>7} {r.to_last_per_s:>7.1f} {r.quantile(0.5):>6.2f} {r.quantile(0.95):>6.2f}"
    cores = " ".join(f"{r.cores[p]:>6.2f}" if p in r.cores else f"{'—':>6}" for p in CORES)
    app = r.cores.get("app")
    per_core = f"{r.runs_per_s / app:>13.1f}" if app else f"{'—':>13}"
    return line + f" {len(r.errors):>7} {memory:>19} {cores} {per_core}"


def print_bare(bare: Target) -> None:
    rates = sorted(r.runs_per_s for r in bare.results)
    latencies = [x for r in bare.results for x in r.latencies]
    print(
        f"\n{bare.label}: {statistics.median(rates):.0f} runs/s (median of {len(rates)} rounds, "
        f"{rates[0]:.0f}–{rates[-1]:.0f}), p50 {quantile(latencies, 0.5):.2f} s, "
        f"p95 {quantile(latencies, 0.95):.2f} s, {sum(len(r.errors) for r in bare.results)} errors"
    )


def run_people(args: argparse.Namespace) -> None:
    """--people N: this checkout served as a workshop's server is (hosted mode, sign-in through
    oidc-provider-mock), each session a signed-in person of N with their own workbook, beside the
    bare page."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import sign_in

    with (
        tempfile.TemporaryDirectory() as folder,
        sign_in.provider() as provider_url,
        contextlib.ExitStack() as stack,
    ):
        tmp = Path(folder)
        url = f"sqlite:///{tmp / 'people.db'}"
        started = time.perf_counter()
        issuer = sign_in.issuer_of(provider_url)
        subjects = build_people(url, issuer, args.people, args.interviews, args.applications)
        print(
            f"{len(subjects)} workbooks built in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        env = os.environ | {
            "PYTHONUNBUFFERED": "1",
            "FOLLOWTHROUGH_DB_URL": f"sqlite:///{tmp / 'bare.db'}",
        }
        (tmp / "bare.py").write_text(BARE_PAGE)
        bare = Served.start(ROOT, tmp / "bare.log", env, APP=str(tmp / "bare.py"))
        stack.callback(bare.stop)
        served = stack.enter_context(sign_in.hosted_server(tmp, url, provider_url))
        started = time.perf_counter()
        jars = sign_in.sign_in_all(served.base, subjects, args.timeout)
        print(f"{len(jars)} sign-ins in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        targets = [
            Target("bare page, this checkout's make run", bare.base, Processes([bare.streamlit_pid()]), [bare.log], bare=True),
            Target(f"this checkout, hosted, {len(jars)} people", served.base, Processes([served.streamlit_pid()]), [served.log], jars=jars),
        ]  # fmt: skip
        asyncio.run(measure(targets, args))
        _print_header(args)
        print_bare(targets[0])
        print_table(targets[1], targets[0], "× bare")


def run_local(args: argparse.Namespace) -> None:
    """The bare page and each server asked for, all up at once, each by its checkout's make run."""
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        tmp = Path(folder)
        env = os.environ | {"PYTHONUNBUFFERED": "1"}
        (tmp / "bare.py").write_text(BARE_PAGE)
        servers = [("bare page, this checkout's make run", ROOT, {"APP": str(tmp / "bare.py")})]
        servers += [(str(c), c, {}) for c in args.checkout]
        servers += [(f"this checkout, {v}", ROOT, dict([v.split("=", 1)])) for v in args.variant]
        if len(servers) == 1:
            servers.append(("this checkout", ROOT, {}))
        targets, databases = [], {}
        for n, (label, checkout, make_vars) in enumerate(servers):
            if checkout not in databases:  # each checkout's own schema: an older one cannot
                databases[checkout] = f"sqlite:///{tmp / f'load{len(databases)}.db'}"  # open newer
                build_in(checkout, databases[checkout], args.interviews, args.applications)
            server_env = env | {"FOLLOWTHROUGH_DB_URL": databases[checkout]}
            served = Served.start(checkout, tmp / f"server{n}.log", server_env, **make_vars)
            stack.callback(served.stop)
            server = Processes([served.streamlit_pid()])
            targets.append(Target(label, served.base, server, [served.log], bare=n == 0))
        asyncio.run(measure(targets, args))
        _print_header(args)
        print_bare(targets[0])
        for target in targets[1:]:
            print_table(target, targets[0], "× bare")


SPIN = """import time
end, turns = time.perf_counter() + {seconds}, 0
while time.perf_counter() < end:
    turns += 1
print(turns)
"""


def machine_scaling(seconds: float = 3.0) -> float:
    """Two busy Python processes at once ÷ one alone: what a second core gives on this machine
    now. Its neighbours and the host's scheduling decide it; replicas can scale no better."""

    def turns(processes: int) -> int:
        command = [sys.executable, "-c", SPIN.format(seconds=seconds)]
        spinning = [subprocess.Popen(command, stdout=subprocess.PIPE) for _ in range(processes)]
        return sum(int(p.communicate()[0]) for p in spinning)

    return turns(2) / turns(1)


def run_hosted(args: argparse.Namespace) -> None:
    """The load through the proxy of `make serve-hosted`, one stack per replica count, all up
    at once and measured page by page in turn, between two measures of the machine's own
    scaling (machine_scaling)."""
    with contextlib.ExitStack() as stack:
        targets = []
        for count in args.hosted:
            hosted = Hosted.start(count, Path(stack.enter_context(tempfile.TemporaryDirectory())))
            stack.callback(hosted.stop)
            build_workbook(hosted.info["database"], args.interviews, args.applications)
            label = f"through HAProxy, {count} replica(s) on PostgreSQL"
            logs = sorted(hosted.log.parent.glob("app*.log"))
            parts = {
                "proxy": Processes.listening_on(hosted.info["url"]),
                "db": Processes.listening_on(hosted.info["database"]),
            }
            replicas = Processes(hosted.replica_pids)
            targets.append(Target(label, hosted.info["url"], replicas, logs, parts=parts))
        machine = [machine_scaling()]
        asyncio.run(measure(targets, args))
        machine.append(machine_scaling())
        _print_header(args)
        print(
            "this machine: two busy processes did {:.2f}× one before the load, {:.2f}× after "
            "(what the second core gave a busy process)".format(*machine)
        )
        print_table(targets[0], None, "")
        for target in targets[1:]:
            print_table(target, targets[0], f"÷ {args.hosted[0]} rep.")


def _print_header(args: argparse.Namespace) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{args.sessions} sessions × {args.reruns} reruns per page, {os.cpu_count()} CPUs "
        f"(load average at the end: {load}); workbook: sample + {args.interviews} interviews + "
        f"{args.applications:,} applications, "
        + (f"for each of {args.people} signed-in people" if args.people else "one owner for all")
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every page this many times: each row is "
        "its median round (these machines' speed moves by the minute)",
    )  # fmt: skip
    parser.add_argument("--pages", help="comma-separated URL paths or titles (default: every page)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds for one rerun")
    parser.add_argument("--interviews", type=int, default=50)
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument(
        "--variant", action="append", default=[], help="this checkout with a make variable, e.g. "
        "POST_SCRIPT_GC=true (repeat: one table each)",
    )  # fmt: skip
    parser.add_argument(
        "--checkout",
        type=Path,
        action="append",
        default=[],
        help="serve this checkout (repeat: one table each)",
    )
    parser.add_argument("--url", help="measure a running server or proxy instead")
    parser.add_argument(
        "--hosted", type=int, action="append", help="replicas behind make serve-hosted (repeat)"
    )
    parser.add_argument("--pid", type=int, action="append", default=[], help="its server processes")
    parser.add_argument(
        "--people", type=int, help="hosted sign-in: each session one of this many people, each "
        "with their own workbook (default: every session the local person)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.people:
        run_people(args)
    elif args.hosted:
        run_hosted(args)
    elif args.url:
        target = Target(args.url, args.url.rstrip("/"), Processes(args.pid))
        asyncio.run(measure([target], args))
        _print_header(args)
        print_table(target, None, "")
    else:
        run_local(args)


if __name__ == "__main__":
    main()
