"""A hosted stack on one machine: PostgreSQL, N app replicas, and HAProxy in front of them.

    python deploy/hosted.py [--port 8080] [--replicas 2] [--replica-ports 8511,8512]
                            [--server-name "127.0.0.1 localhost"] [--no-pin]
                            [--db-url postgresql+psycopg://...] [--state-dir DIR] -- STREAMLIT FLAGS

`make serve-hosted` runs this with the people-serving flags of `make run`. Without --db-url it
starts a throwaway PostgreSQL cluster (deleted on stop). It runs in the foreground until Ctrl-C
or SIGTERM, then stops the proxy, the replicas and the throwaway cluster. It writes
DIR/state.json (proxy URL, database URL, its own pid, each replica's name, port, pid and core).

Each replica is pinned to a core of its own (round robin over the cores this script may use;
--no-pin leaves them to the scheduler). A replica is one Python process: its threads pass the GIL
to each other at every query and socket write, and unpinned, the woken thread was often queued on
the core the other replica held while its own core went idle. Two replicas under load on 2 cores
left 0.11-0.16 of the cores idle unpinned, 0.03-0.10 pinned, and ran 6-30% more reruns a second
(benchmarks/load.py --hosted 2, two A/B pairs on three pages; its idle column).

Why HAProxy and not nginx: stickiness must follow the browser, not its address (every workshop
laptop behind one NAT, every test from 127.0.0.1), so it needs a cookie. HAProxy inserts and
reads one itself (`cookie ... insert`), and with `option redispatch` it sends a browser whose
replica died to a live one. Open-source nginx has no `sticky cookie`; it needs a hash of a cookie
that some other part must set first, and has no health checks to route around a dead replica.

The proxy answers only requests whose Host header names the site (--server-name, any port):
Streamlit checks no Host itself, so without this a page that rebinds its own domain name to this
machine (DNS rebinding) could reach the app from a visitor's browser. Anything else gets 421.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 90
STOP_TIMEOUT_S = 20
COOKIE = "FT_REPLICA"  # HAProxy's sticky cookie: the name of the browser's replica
SERVER_NAMES = "127.0.0.1 localhost"  # the names the proxy answers for (--server-name)

HAPROXY_CFG = """\
global
    maxconn 4096

defaults
    mode http
    log stdout format raw local0
    option httplog
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # An open tab keeps its websocket; Streamlit pings it, so an hour only ends abandoned ones.
    timeout tunnel 1h
    # A request whose replica is down, or refuses the connection, goes to a live one.
    option redispatch
    retries 2

frontend web
    bind {bind}
    # Only the site's own names (port aside), so a DNS-rebinding page is refused: 421 Misdirected.
    http-request deny deny_status 421 unless {{ req.hdr(host),host_only -i {names} }}
    default_backend replicas

backend replicas
    balance roundrobin
    # The browser keeps the replica it first landed on: its session, uploads and downloads
    # live in that process. The cookie names the replica, so HAProxy needs no shared table.
    cookie {cookie} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect string ok
    default-server check inter 1s fall 2 rise 2
    # Which replica answered, for tests and for reading logs.
    http-response set-header X-Replica %[srv_name]
{servers}
"""


@dataclass
class Replica:
    name: str
    port: int
    pid: int = 0
    cpu: int | None = None  # the core it is pinned to (None: any)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, host: str = "") -> None:
    """Poll `url` (as `host`, if given) until it answers "ok"; fail with the log if the process
    ends or time runs out."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(request, timeout=5) as reply:
                if reply.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)  # polling interval while the process starts
    raise RuntimeError(f"{url} did not become healthy; {log}:\n{log.read_text()[-3000:]}")


def _start(
    command: list[str], log: Path, env: dict[str, str], cpu: int | None = None
) -> subprocess.Popen:
    """Start `command` in a session of its own, on core `cpu` alone if given."""
    pin = None if cpu is None else partial(os.sched_setaffinity, 0, {cpu})
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches this script, which stops it
            preexec_fn=pin,  # before exec: every thread the replica starts inherits the core
        )  # fmt: skip


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def _running(
    command: list[str], log: Path, env: dict[str, str], cpu: int | None = None
) -> Iterator[subprocess.Popen]:
    process = _start(command, log, env, cpu)
    try:
        yield process
    finally:
        _stop(process)


@contextmanager
def database(db_url: str | None) -> Iterator[str]:
    """The given database, or a throwaway PostgreSQL cluster (the one the store tests use)."""
    if db_url:
        yield db_url
        return
    sys.path.insert(0, str(ROOT))
    from tests import postgres

    with postgres.cluster() as server:
        yield postgres.new_database(server, "followthrough")


def prepare(db_url: str) -> None:
    """Migrate and create the local person once, before replicas race to do it on first visit."""
    sys.path.insert(0, str(ROOT))
    from followthrough.services.workbook import open_workbook

    open_workbook(db_url).engine.dispose()


def start_replicas(
    stack: ExitStack, replicas: list[Replica], flags: list[str], env: dict, state: Path, pin: bool
) -> list[subprocess.Popen]:
    runner = [sys.executable, str(ROOT / "deploy" / "streamlit_run.py"), "run", "app.py"]
    cores = sorted(os.sched_getaffinity(0))
    started = []
    for n, replica in enumerate(replicas):
        log = state / f"{replica.name}.log"
        command = runner + ["--server.address", "127.0.0.1", "--server.port", str(replica.port)]
        replica.cpu = cores[n % len(cores)] if pin else None
        process = stack.enter_context(_running(command + flags, log, env, replica.cpu))
        replica.pid = process.pid
        started.append((replica, process, log))
    for replica, process, log in started:  # they start side by side; wait for each in turn
        _wait_healthy(f"http://127.0.0.1:{replica.port}/_stcore/health", process, log)
    return [process for _, process, _ in started]


def server_names(text: str) -> list[str]:
    """The names in `text` (separated by spaces or commas), each checked to be a plain host name."""
    names = text.replace(",", " ").split()
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?", name):
            raise SystemExit(f"--server-name: {name!r} is not a host name (no port, no scheme)")
    if not names:
        raise SystemExit("--server-name: give at least one host name")
    return names


def haproxy_config(bind: str, replicas: list[Replica], names: list[str]) -> str:
    servers = "\n".join(f"    server {r.name} 127.0.0.1:{r.port} cookie {r.name}" for r in replicas)
    return HAPROXY_CFG.format(bind=bind, cookie=COOKIE, servers=servers, names=" ".join(names))


def start_proxy(
    stack: ExitStack, port: int, replicas: list[Replica], state: Path, names: list[str]
) -> subprocess.Popen:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    config = state / "haproxy.cfg"
    config.write_text(haproxy_config(f"127.0.0.1:{port}", replicas, names))
    subprocess.run([haproxy, "-c", "-q", "-f", str(config)], check=True)
    log = state / "haproxy.log"
    process = stack.enter_context(
        _running([haproxy, "-db", "-f", str(config)], log, dict(os.environ))
    )
    host = f"{names[0]}:{port}"  # what a browser sends for the site's first name
    _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process, log, host)
    return process


def serve(args: argparse.Namespace, flags: list[str]) -> None:
    names = server_names(args.server_name)
    state = Path(args.state_dir or tempfile.mkdtemp(prefix="followthrough-hosted-"))
    state.mkdir(parents=True, exist_ok=True)
    ports = [int(p) for p in args.replica_ports.split(",")] if args.replica_ports else []
    ports += [_free_port() for _ in range(args.replicas - len(ports))]
    replicas = [Replica(f"app{n}", port) for n, port in enumerate(ports[: args.replicas], 1)]
    # The database is entered first so that it stops last, after the proxy and the replicas.
    with database(args.db_url) as db_url, ExitStack() as stack:
        prepare(db_url)
        # One cookie secret for every replica: a browser's signed cookies (sign-in, XSRF) must
        # read the same on whichever replica it lands. In the environment, not on `ps`' lines.
        secret = os.environ.get("FOLLOWTHROUGH_COOKIE_SECRET") or secrets.token_hex(32)
        env = os.environ | {
            "FOLLOWTHROUGH_DB_URL": db_url,
            "STREAMLIT_SERVER_COOKIE_SECRET": secret,
        }
        processes = start_replicas(stack, replicas, flags, env, state, args.pin)
        proxy = start_proxy(stack, args.port, replicas, state, names)
        url = f"http://{names[0]}:{args.port}"
        replicas_info = [asdict(r) for r in replicas]
        info = {"url": url, "database": db_url, "pid": os.getpid(), "replicas": replicas_info}
        info["server_names"] = names
        (state / "state.json").write_text(json.dumps(info, indent=1))
        print(f"Follow-Through on {url}: {len(replicas)} replicas, state in {state}", flush=True)
        _watch(proxy, dict(zip([r.name for r in replicas], processes, strict=True)))
    print("Stopped.", flush=True)


def _watch(proxy: subprocess.Popen, replicas: dict[str, subprocess.Popen]) -> None:
    """Block until SIGINT or SIGTERM, or the proxy ends; say when a replica ends."""
    watched = {signal.SIGINT, signal.SIGTERM, signal.SIGCHLD}
    signal.pthread_sigmask(signal.SIG_BLOCK, watched)  # taken by sigtimedwait, no handler race
    reported: set[str] = set()
    try:
        while proxy.poll() is None:
            for name, process in replicas.items():
                if process.poll() is not None and name not in reported:
                    reported.add(name)
                    print(
                        f"{name} ended ({process.returncode}); its browsers go to the others",
                        flush=True,
                    )
            received = signal.sigtimedwait(watched, 1.0)  # 1 s: SIGCHLDs may merge into one
            if received and received.si_signo != signal.SIGCHLD:
                break
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):  # stopping is not to be interrupted
            signal.signal(signum, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, watched)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--replica-ports", default="", help="comma-separated (default: free ports)")
    parser.add_argument(
        "--server-name",
        default=SERVER_NAMES,
        help="the site's host names: the proxy refuses others",
    )
    parser.add_argument(
        "--no-pin", dest="pin", action="store_false", help="leave the replicas on any core"
    )
    parser.add_argument("--db-url", default="", help="default: a throwaway PostgreSQL cluster")
    parser.add_argument("--state-dir", default="")
    parser.add_argument("flags", nargs=argparse.REMAINDER, help="after --: streamlit run flags")
    args = parser.parse_args()
    flags = args.flags[1:] if args.flags[:1] == ["--"] else args.flags
    serve(args, flags)


if __name__ == "__main__":
    main()
