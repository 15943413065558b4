"""A throwaway PostgreSQL cluster for the store tests, started from the system's server binaries."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    if not found[-1]:
        raise RuntimeError(
            f"PostgreSQL's {name} was not found: install the server ('apt-get install postgresql')"
        )
    return found[-1]


def _run_as_postgres(command: list[str]) -> None:
    # initdb refuses to run as root; the Debian package creates a `postgres` user for this.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + command, check=True, capture_output=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def cluster() -> Iterator[str]:
    """Start a trust-auth cluster on loopback in a fresh folder; yields its server URL (no database)."""
    # Directly under /tmp: pytest's own temp folders are private to root, closed to `postgres`.
    base = Path(tempfile.mkdtemp(prefix="followthrough-pg-"))
    data = base / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(data, "postgres")
    port = _free_port()
    _run_as_postgres(
        [_bin("initdb"), "-D", str(data), "--auth=trust", "-U", "postgres", "-E", "UTF8"]
    )
    # Room for `make serve-hosted REPLICAS=4`: each replica opens up to 40 connections at once
    # (followthrough.store.db's pool), and PostgreSQL's default is 100.
    options = f"-h 127.0.0.1 -p {port} -k {data} -c fsync=off -c max_connections=200"
    _run_as_postgres(
        [_bin("pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(data / "log"), "start"]
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        _run_as_postgres([_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(base, ignore_errors=True)


def new_database(server_url: str, name: str) -> str:
    """Create an empty database on the cluster and return its URL."""
    admin = sa.create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return f"{server_url}/{name}"
