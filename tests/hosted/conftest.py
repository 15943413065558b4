"""The hosted stack, started once per module by `make serve-hosted` on free ports, and browsers.

Left out of the default run (pyproject: -m 'not hosted'); `make test-hosted` runs it.
"""

import asyncio
import shutil
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import psutil
import pytest
from playwright.sync_api import Browser, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load import Hosted, RerunError, Session
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
T = TypeVar("T")


@dataclass
class Stack:
    url: str
    database: str
    replicas: dict[str, dict[str, int]]  # name → {"port", "pid", "cpu"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    hosted = Hosted.start(replicas=2, state=tmp_path_factory.mktemp("hosted"))
    info = hosted.info
    replicas = {r["name"]: {k: r[k] for k in ("port", "pid", "cpu")} for r in info["replicas"]}
    yield Stack(info["url"], info["database"], replicas)
    # Stopped as Ctrl-C stops it: every process it started ends, and it says so.
    hosted.stop()
    assert hosted.process.returncode == 0, hosted.log.read_text()[-4000:]
    assert "Stopped." in hosted.log.read_text()
    assert not [pid for pid in hosted.replica_pids if psutil.pid_exists(pid)]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Loop:
    """An asyncio loop in its own thread: protocol sessions beside Playwright's sync API."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 180) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture
def loop() -> Iterator[Loop]:
    running = Loop()
    yield running
    running.close()


# What every page says while the database does not answer (content/home.yaml).
DATABASE_UNAVAILABLE = load_content(DEFAULT_CONTENT_DIR).home.database_unavailable


class WatchedSession(Session):
    """A protocol-level tab that also keeps the alerts (st.warning, st.error) of its last run."""

    alerts: list[str]

    def _finished(self, data: str | bytes, shown: list[str]) -> bool:
        msg = ForwardMsg()
        msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
        if (
            msg.WhichOneof("type") == "delta"
            and msg.delta.new_element.WhichOneof("type") == "alert"
        ):
            self.alerts.append(msg.delta.new_element.alert.body)
        return super()._finished(data, shown)

    async def rerun(self) -> float:
        self.alerts = []
        return await super().rerun()


@dataclass
class Tab:
    """One tab of the load, and what each of its reruns showed (monotonic end times)."""

    session: WatchedSession
    replica: str
    clean: list[float] = field(default_factory=list)  # the page, as asked
    plain: list[float] = field(default_factory=list)  # the database sentence, no error
    errors: list[str] = field(default_factory=list)  # an exception shown, or a failed run
    lost: str = ""  # why its connection ended, if it did

    def clean_since(self, moment: float) -> int:
        return sum(1 for t in self.clean if t > moment)


class Load:
    """Protocol-level tabs on every replica, each rerunning one page back to back until stopped."""

    def __init__(self, loop: Loop, url: str, tabs: int, page: str) -> None:
        self.loop, self.url, self.page = loop, url, page
        self.tabs: list[Tab] = []
        self.stopping = threading.Event()
        self.changed = threading.Condition()
        loop.run(self._open(tabs), timeout=120)
        self.running = asyncio.run_coroutine_threadsafe(self._run(), loop.loop)

    def on(self, replica: str) -> list[Tab]:
        return [tab for tab in self.tabs if tab.replica == replica]

    def wait_for(self, done: Callable[[], bool], timeout: float = 90) -> None:
        """Block until `done()` holds, checked after each rerun of any tab."""
        with self.changed:
            assert self.changed.wait_for(done, timeout), f"not reached in {timeout} s: {self}"

    def stop(self) -> None:
        self.stopping.set()
        self.running.result(timeout=120)
        for tab in self.tabs:
            self.loop.run(tab.session.close())

    def __repr__(self) -> str:
        rows = (
            f"{t.replica}: {len(t.clean)} clean, {len(t.plain)} plain, errors {t.errors[:3]}, "
            f"lost {t.lost!r}"
            for t in self.tabs
        )
        return "Load(" + "; ".join(rows) + ")"

    async def _open(self, count: int) -> None:
        for _ in range(count):  # one after another: new visitors go round the replicas
            session = WatchedSession(self.url, timeout=120)
            session.alerts = []
            await session.open(self.page)
            assert session.ws is not None and session.ws.response is not None
            self.tabs.append(Tab(session, session.ws.response.headers["X-Replica"]))

    async def _run(self) -> None:
        await asyncio.gather(*(self._keep_rerunning(tab) for tab in self.tabs))

    async def _keep_rerunning(self, tab: Tab) -> None:
        while not self.stopping.is_set():
            try:
                await tab.session.rerun()
            except RerunError as exc:
                tab.errors.append(str(exc))
            except Exception as exc:  # noqa: BLE001 — its connection ended: kept, then stop
                tab.lost = type(exc).__name__
                return
            else:
                shown = DATABASE_UNAVAILABLE in tab.session.alerts
                (tab.plain if shown else tab.clean).append(time.monotonic())
            finally:
                with self.changed:
                    self.changed.notify_all()
