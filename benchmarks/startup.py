"""Time from `make run` (virtual environment already installed) to a healthy server, median of N.

.venv/bin/python benchmarks/startup.py [--runs 5]
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_to_healthy(db_url: str) -> float:
    port = _free_port()
    env = os.environ | {"FOLLOWTHROUGH_DB_URL": db_url}
    started = time.perf_counter()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so the whole make → streamlit group can be stopped
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as reply:
                    if reply.read() == b"ok":
                        return time.perf_counter() - started
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("make run exited before the server was healthy") from None
                time.sleep(0.05)  # polling interval, not a measured wait
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'startup.db'}"
        samples = [time_to_healthy(url) for _ in range(args.runs)]
    print(f"make run → /_stcore/health ok, {args.runs} runs (first creates the database)")
    print(f"{'first s':>8} {'median s':>9} {'max s':>6}")
    print(f"{samples[0]:>8.2f} {statistics.median(samples):>9.2f} {max(samples):>6.2f}")


if __name__ == "__main__":
    main()
