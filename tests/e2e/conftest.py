"""Browser tests: a real `streamlit run` on a temporary database, driven by the system Chromium."""

import json
import os
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from followthrough.services import transfer
from followthrough.services.workbook import open_workbook
from tests.conftest import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-results" / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A streamlit server on a given database; restartable on the same file."""

    db_url: str
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = os.environ | {"FOLLOWTHROUGH_DB_URL": self.db_url, "PYTHONUNBUFFERED": "1"}
        # As `make run` starts it: through the launcher and its fixes to Streamlit's server.
        command = [sys.executable, "deploy/streamlit_run.py", "run", "app.py"]
        command += ["--server.headless", "true"]
        command += ["--server.address", "127.0.0.1", "--server.port", str(self.port)]
        command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self._wait_until_listening()
        with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=10) as reply:
            assert reply.read() == b"ok"

    def _wait_until_listening(self) -> None:
        """Read the server's own log until it says it listens (instead of polling the port)."""
        output = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], deadline - time.monotonic())
            line = self.process.stdout.readline() if ready else ""
            if not line:
                break  # the process ended, or the deadline passed
            output.append(line)
            if f"server started on 127.0.0.1:{self.port}" in line:
                # Keep draining the log so a chatty server never blocks on a full pipe.
                threading.Thread(target=self.process.stdout.read, daemon=True).start()
                return
        raise RuntimeError("streamlit did not start within 60 s:\n" + "".join(output))

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("e2e") / "workbook.db"
    srv = Server(f"sqlite:///{db}")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def chromium(playwright_instance: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    browser = playwright_instance.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class AppPage:
    """A browser tab on the app that records every request it makes and every console error."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str = "") -> None:
        self.page.goto(f"{self.base_url}/{path}")
        self.wait_idle()

    def wait_idle(self) -> None:
        """Wait until the script has finished its run (the app's own state, not a sleep)."""
        self.page.wait_for_selector(IDLE, timeout=30_000)
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_selector(IDLE, timeout=30_000)

    def write(self, label: str, text: str, multiline: bool = False, scope=None) -> None:
        """Type into the field labelled `label` and commit it, as a user would."""
        field = (scope or self.page).get_by_label(label, exact=True)
        field.fill(text)
        field.press("Control+Enter" if multiline else "Enter")
        self.wait_idle()

    def choose(self, box: Locator, option: str) -> None:
        """Pick `option` in a select box as a user would: open it, type to filter (its list is
        virtual), click. A rerun that ends meanwhile redraws the box and closes its list: retry."""
        for _ in range(3):
            box.click()
            self.page.keyboard.type(option)
            try:
                self.page.get_by_role("option", name=option, exact=True).click(timeout=15_000)
                break
            except PlaywrightTimeoutError:
                self.page.keyboard.press("Escape")
                self.wait_idle()
        else:
            raise AssertionError(f"{option!r} never showed in the select box")
        self.wait_idle()

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if urlparse(url).hostname not in ("127.0.0.1", None)]


EMPTY_BACKUP = json.dumps({"format": "followthrough-backup", "version": 1, "tables": {}}).encode()


@pytest.fixture
def clean_workbook(server: Server) -> None:
    """The shared server's workbook emptied (an empty backup restored): each test starts from nothing."""
    wb = open_workbook(server.db_url)
    transfer.restore(wb, transfer.read_backup(wb, EMPTY_BACKUP))
    wb.engine.dispose()


@pytest.fixture
def app_page(chromium: Browser, server: Server, clean_workbook: None) -> Iterator[AppPage]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    app = AppPage(page, server.url)
    page.on("request", lambda request: app.requests.append(request.url))
    page.on("console", lambda m: app.console_errors.append(m.text) if m.type == "error" else None)
    yield app
    context.close()


@pytest.fixture
def new_tab(chromium: Browser, server: Server) -> Iterator[Callable[[], AppPage]]:
    contexts = []

    def _open() -> AppPage:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return AppPage(context.new_page(), server.url)

    yield _open
    for context in contexts:
        context.close()
