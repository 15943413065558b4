"""Which database errors mean "not answering just now" (a plain sentence on the page) and which are
defects (shown as errors): services.workbook.unavailable, on SQLite and PostgreSQL."""

import socket
from pathlib import Path

import pytest
import sqlalchemy as sa

from followthrough.services.workbook import unavailable


def _raised(engine: sa.Engine, sql: str) -> BaseException:
    with pytest.raises(sa.exc.DBAPIError) as caught, engine.connect() as conn:
        conn.exec_driver_sql(sql)
    return caught.value


def test_a_sqlite_lock_held_past_the_busy_timeout_is_unavailable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    holder = sa.create_engine(url, connect_args={"isolation_level": None})
    waiter = sa.create_engine(url, connect_args={"timeout": 0.01})
    with holder.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        conn.exec_driver_sql("BEGIN EXCLUSIVE")
        assert unavailable(_raised(waiter, "SELECT * FROM t"))
        conn.exec_driver_sql("ROLLBACK")


def test_bad_sql_on_sqlite_is_a_defect_not_an_outage(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'bad.db'}")
    error = _raised(engine, "SELECT * FROM no_such_table")
    assert isinstance(error, sa.exc.OperationalError)  # the same class as the lock above
    assert not unavailable(error)


def test_a_postgresql_server_that_does_not_answer_is_unavailable() -> None:
    with socket.socket() as sock:  # a port where nothing listens: as during a restart
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    engine = sa.create_engine(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none")
    with pytest.raises(sa.exc.DBAPIError) as caught:
        engine.connect()
    assert unavailable(caught.value)


def test_a_dropped_postgresql_connection_is_unavailable_and_bad_sql_is_not(
    postgres_server: str,
) -> None:
    engine = sa.create_engine(postgres_server)
    assert not unavailable(_raised(engine, "SELECT * FROM no_such_table"))
    with engine.connect() as victim, engine.connect() as admin:
        pid = victim.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        admin.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
        with pytest.raises(sa.exc.DBAPIError) as caught:
            victim.exec_driver_sql("SELECT 1")
    assert unavailable(caught.value)
    engine.dispose()


def test_other_errors_are_not_outages() -> None:
    assert not unavailable(ValueError("a bug"))
    assert not unavailable(sa.exc.IntegrityError("INSERT", {}, Exception("duplicate key")))
