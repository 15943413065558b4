"""The SQLAlchemy engine: SQLite tuned for a local app, or any URL (PostgreSQL) for hosted use.

Transactions follow one rule on both backends: `engine.begin()` is for writing, `engine.connect()`
for reading. On SQLite a write takes the write lock up front (`BEGIN IMMEDIATE`), so a
read-then-write waits for the busy timeout instead of failing mid-transaction; a read is a plain
deferred `BEGIN`, which under WAL runs beside the writer and never waits for its lock.

A repository's engine names its owner (`for_owner`): a write transaction that changed any row
bumps that owner's data version (store/versions.py) just before it commits, in the same
transaction, so no cache keyed on the version can miss a write, whichever process made it.
`latest_write()` numbers the write transactions this process has committed, so a caller that keeps
a version it read can tell when one of its own writes has made it old.
"""

import contextlib
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.engine.base import OptionEngine
from sqlalchemy.exc import SQLAlchemyError

from followthrough import config
from followthrough.store import versions

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Connections a server process keeps open to PostgreSQL. A rerun's script thread holds one while
# it reads, and one replica serving 50 tabs had up to 13 open at once. With SQLAlchemy's default
# of 5, each one past them was closed on return and opened again: PostgreSQL forked 25 backends
# a second under benchmarks/load.py, a quarter of a core. The overflow bounds a burst:
# two replicas open at most 80 of PostgreSQL's default 100.
POOL_SIZE = 20
POOL_OVERFLOW = 20
WRITES = "followthrough_writes"  # execution option set on the connections engine.begin() opens
OWNER = "followthrough_owner"  # execution option: whose data version this engine's writes bump
WRITTEN = "followthrough_written"  # connection.info: tables a write transaction changed rows of
_serials = itertools.count(1)  # next() is atomic: each committed write gets a number of its own
_latest = [0]  # the number of the write committed last (one item, assigned whole)


def latest_write() -> int:
    """A number that changes whenever a write transaction of this process commits."""
    return _latest[0]


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: config.database_url()), with SQLite pragmas applied."""
    url = url or config.database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # Pre-ping: a pooled connection that a database restart closed is replaced, not shown.
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW
        )
    else:
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _tune_sqlite(engine)
    event.listen(engine, "after_cursor_execute", _note_write)
    return _Engine(engine, {})


def refresh_statistics(engine: Engine, tables: Iterable[Table]) -> None:
    """On PostgreSQL, ANALYZE `tables` after a bulk write. Until autovacuum reaches a table that
    has just taken thousands of rows (a minute or more), its planner has no statistics for them
    and picks plans that take seconds: Home read 5,000 new applications' events in 10 s, 63 ms
    once analysed. SQLite keeps its plans without them."""
    if engine.dialect.name != "postgresql":
        return
    quote = engine.dialect.identifier_preparer.quote
    # The write is committed: a failure here must not read as its failure, and autovacuum
    # analyses the tables later all the same.
    with contextlib.suppress(SQLAlchemyError), engine.connect() as conn:
        conn.execute(text("ANALYZE " + ", ".join(quote(table.name) for table in tables)))
        conn.commit()


def for_owner(engine: Engine, owner_id: int) -> Engine:
    """`engine` (same pool) whose write transactions bump `owner_id`'s data version."""
    return engine.execution_options(**{OWNER: owner_id})


class _Engine(OptionEngine):
    """The engine itself (same pool, dialect and events), whose begin() marks a write transaction
    and, before it commits, bumps the data version of the owner it writes for.

    Both engine.begin() and a read's first statement ("autobegin") fire the same "begin" event;
    the execution option set here is what tells the event which of the two it is.
    """

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.connect() as conn:
            conn.execution_options(**{WRITES: True})
            with conn.begin():
                written: set[str] = set()
                conn.info[WRITTEN] = written
                try:
                    yield conn
                    owner = conn.get_execution_options().get(OWNER)
                    if written and owner is not None:
                        versions.bump(conn, owner, written)
                finally:
                    conn.info.pop(WRITTEN, None)
            _latest[0] = next(_serials)  # committed (a failed write raised past this)


# engine.execution_options(...) copies keep the write-aware begin().
_Engine._option_cls = _Engine


def _note_write(conn: Connection, cursor, statement, parameters, context, executemany) -> None:
    """Inside engine.begin(): note the table of an INSERT, UPDATE or DELETE that changed rows."""
    written = conn.info.get(WRITTEN)
    if written is None or context is None or context.compiled is None:
        return
    if not (context.isinsert or context.isupdate or context.isdelete):
        return
    # A RETURNING statement's rows are not fetched yet: SQLite says 0 rows until they are.
    if cursor.rowcount == 0 and not context.compiled.effective_returning:
        return
    table = getattr(context.compiled.statement, "table", None)
    if table is not None and table.name != versions.data_versions.name:
        written.add(table.name)


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
