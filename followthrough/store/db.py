"""The SQLAlchemy engine: SQLite tuned for a local app, or any URL (PostgreSQL) for hosted use.

Transactions follow one rule on both backends: `engine.begin()` is for writing, `engine.connect()`
for reading. On SQLite a write takes the write lock up front (`BEGIN IMMEDIATE`), so a
read-then-write waits for the busy timeout instead of failing mid-transaction; a read is a plain
deferred `BEGIN`, which under WAL runs beside the writer and never waits for its lock.
"""

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.base import OptionEngine

from followthrough import config

SQLITE_BUSY_TIMEOUT_MS = 10_000
WRITES = "followthrough_writes"  # execution option set on the connections engine.begin() opens


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: config.database_url()), with SQLite pragmas applied."""
    url = url or config.database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # Pre-ping: a pooled connection that a database restart closed is replaced, not shown.
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    _tune_sqlite(engine)
    return _SQLiteEngine(engine, {})


class _SQLiteEngine(OptionEngine):
    """The engine itself (same pool, dialect and events), whose begin() marks a write transaction.

    Both engine.begin() and a read's first statement ("autobegin") fire the same "begin" event;
    the execution option set here is what tells the event which of the two it is.
    """

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.connect() as conn:
            conn.execution_options(**{WRITES: True})
            with conn.begin():
                yield conn


# engine.execution_options(...) copies keep the write-aware begin().
_SQLiteEngine._option_cls = _SQLiteEngine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the driver, issue BEGIN, so writes can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
