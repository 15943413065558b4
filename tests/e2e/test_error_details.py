"""An error reaches the browser as a plain message; the traceback, with its local paths, stays in
the server's log (issue 9, item 11: .streamlit/config.toml sets client.showErrorDetails = "none").

The server runs from the project folder, as `make run`, the browser tests and a plain
`streamlit run app.py` do, on a script that fails with a path in its message.
"""

import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import ROOT
from tests.e2e.conftest import IDLE, Server

FAILING = """
from pathlib import Path
raise RuntimeError(f"could not read {Path(__file__).resolve()}")
"""
PLAIN = "This app has encountered an error"


class Log:
    """The server's output, line by line, read as it comes (no polling)."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        while not any(text in line for line in self.seen):
            self.seen.append(self.lines.get(timeout=timeout))


@pytest.fixture
def failing_server(tmp_path: Path) -> Iterator[tuple[Server, Log, Path]]:
    script = tmp_path / "failing_page.py"
    script.write_text(FAILING, encoding="utf-8")
    server = Server(f"sqlite:///{tmp_path / 'unused.db'}")
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(server.port)]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    server.process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    log = Log(server.process)
    log.wait_for(f"server started on 127.0.0.1:{server.port}")
    yield server, log, script
    server.stop()


def test_the_browser_gets_a_plain_message_and_the_log_keeps_the_traceback(
    chromium: Browser, failing_server: tuple[Server, Log, Path]
) -> None:
    server, log, script = failing_server
    context = chromium.new_context()
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector(IDLE, timeout=30_000)
    error = page.get_by_test_id("stException")
    expect(error).to_contain_text(PLAIN)
    shown = page.locator("body").inner_text()
    for secret in (str(script), str(ROOT), "RuntimeError", "Traceback", "could not read"):
        assert secret not in shown
    context.close()
    log.wait_for("could not read")  # the detail is in the server's log
    assert script.name in "".join(log.seen)
