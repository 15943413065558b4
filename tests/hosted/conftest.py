"""The hosted stack, started once per module by `make serve-hosted` on free ports, and browsers.

Left out of the default run (pyproject: -m 'not hosted'); `make test-hosted` runs it.
"""

import asyncio
import shutil
import threading
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import psutil
import pytest
from playwright.sync_api import Browser, sync_playwright

from benchmarks.load import Hosted

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
    replicas: dict[str, dict[str, int]]  # name → {"port", "pid"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    hosted = Hosted.start(replicas=2, state=tmp_path_factory.mktemp("hosted"))
    info = hosted.info
    replicas = {r["name"]: {"port": r["port"], "pid": r["pid"]} for r in info["replicas"]}
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

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture
def loop() -> Iterator[Loop]:
    running = Loop()
    yield running
    running.close()
