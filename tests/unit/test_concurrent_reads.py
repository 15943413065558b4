"""Reads beside a writer: deferred reads never wait for the write lock; writes keep taking it.

The engine's rule (followthrough.store.db): engine.begin() writes, engine.connect() reads.
"""

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from followthrough.store.db import SQLITE_BUSY_TIMEOUT_MS, make_engine

metadata = sa.MetaData()
entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("n", sa.Integer, nullable=False, unique=True),
    sa.Column("writer", sa.Integer, nullable=False),
)
READERS = 8
WRITES = 150
JOIN_TIMEOUT_S = 120  # a bound on the whole run, far above its normal second or two


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    engine = make_engine(store_url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def _next_entry(engine: Engine, writer: int) -> None:
    """Read-then-write in one transaction: the pattern a deferred write would fail under load."""
    with engine.begin() as conn:
        top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(entries.c.n), 0))).scalar_one()
        conn.execute(entries.insert().values(n=top + 1, writer=writer))


def _read(engine: Engine) -> tuple[int, int]:
    """Row count and sum, read in one (deferred) transaction."""
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(entries)).scalar_one()
        total = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(entries.c.n), 0))).scalar_one()
    return count, total


def _run_threads(targets: list[Callable[[], None]]) -> list[BaseException]:
    """Run each target in its own thread; returns every exception raised."""
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 — collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT_S)
    assert not any(t.is_alive() for t in threads), "a thread is still running after the bound"
    return errors


def test_many_readers_beside_one_writer_have_no_errors_and_keep_every_write(engine: Engine):
    done = threading.Event()
    reads: list[tuple[int, int]] = []

    def writer() -> None:
        try:
            for _ in range(WRITES):
                _next_entry(engine, writer=1)
        finally:
            done.set()

    def reader() -> None:
        seen = 0
        while not done.is_set() or seen == 0:
            count, total = _read(engine)
            assert count >= seen, "a later read saw fewer rows than an earlier one"
            seen = count
            reads.append((count, total))

    errors = _run_threads([writer] + [reader] * READERS)

    assert errors == []
    assert _read(engine) == (WRITES, WRITES * (WRITES + 1) // 2)
    assert len(reads) >= READERS


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_on_sqlite_two_read_then_write_writers_both_succeed(engine: Engine):
    # Each write reads the top number first; a deferred BEGIN would fail these with
    # "database is locked" the moment the other writer commits in between. (PostgreSQL's
    # READ COMMITTED makes no such promise: there a unique key or a row lock does this job.)
    def writer(number: int) -> Callable[[], None]:
        def write() -> None:
            for _ in range(WRITES):
                _next_entry(engine, number)

        return write

    errors = _run_threads([writer(1), writer(2)])

    assert errors == []
    with engine.connect() as conn:
        numbers = conn.execute(sa.select(entries.c.n).order_by(entries.c.n)).scalars().all()
    assert numbers == list(range(1, 2 * WRITES + 1))


def test_a_read_proceeds_while_another_connection_holds_the_write_lock(engine: Engine):
    _next_entry(engine, writer=1)
    with engine.begin() as writing:
        writing.execute(
            entries.insert().values(n=99, writer=2)
        )  # holds the write lock, uncommitted
        started = time.monotonic()
        seen = _read(engine)
        waited = time.monotonic() - started
        still_writing = writing.in_transaction()

    assert still_writing
    assert seen == (1, 1), "the read saw the last committed state, not the open write"
    assert waited < SQLITE_BUSY_TIMEOUT_MS / 1000 / 4, f"the read waited {waited:.1f} s for a lock"
    assert _read(engine) == (2, 100)


def _sqlite_path(engine: Engine) -> str:
    path = engine.url.database
    assert path
    return path


def _try_to_take_write_lock(path: str) -> bool:
    """Whether a separate connection, not willing to wait, can start writing right now."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        other.close()


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_on_sqlite_writes_take_the_lock_at_begin_and_reads_take_none(engine: Engine):
    path = _sqlite_path(engine)
    with engine.begin():
        assert not _try_to_take_write_lock(path), "engine.begin() holds the write lock up front"
    with engine.connect() as conn:
        conn.execute(sa.select(entries.c.id)).all()
        assert conn.in_transaction()
        assert _try_to_take_write_lock(path), "an open read leaves the write lock free"


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_on_postgres_bursts_of_readers_reuse_their_connections(engine: Engine):
    """One replica serving 50 tabs had 13 connections open at once. Burst after burst, they get the
    same PostgreSQL backends back from the pool, not new ones forked and closed each time."""
    bursts: list[set[int]] = []
    for _ in range(4):
        with contextlib.ExitStack() as held:
            conns = [held.enter_context(engine.connect()) for _ in range(13)]
            bursts.append(
                {c.execute(sa.text("SELECT pg_backend_pid()")).scalar_one() for c in conns}
            )
    assert len(bursts[0]) == 13
    assert all(burst == bursts[0] for burst in bursts)
