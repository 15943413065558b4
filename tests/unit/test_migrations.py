from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from followthrough.store import migrate
from followthrough.store.db import make_engine
from followthrough.store.tables import metadata


def test_empty_database_upgrades_to_head_matching_the_models(store_url: str) -> None:
    engine = make_engine(store_url)
    migrate.upgrade(engine)
    script_head = migrate.alembic_config(engine)
    from alembic.script import ScriptDirectory

    assert (
        migrate.current_revision(engine)
        == ScriptDirectory.from_config(script_head).get_current_head()
    )
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), metadata)
    assert drift == [], f"the migrations and the table definitions disagree: {drift}"


def test_database_from_the_first_schema_upgrades_keeping_its_rows(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO people (handle, display_name) VALUES ('local', 'Me')"))
        conn.execute(
            text(
                "INSERT INTO applications (owner_id, company, role_title, applied_on) "
                "VALUES (1, 'Initech', 'Analyst', '2026-10-01')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT company, applied_on FROM applications")).one()
    assert row.company == "Initech"
    assert str(row.applied_on) == str(date(2026, 10, 1))
    assert "prompt_answers" in inspect(engine).get_table_names()


def test_sqlite_is_tuned_for_concurrent_local_use(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'tuned.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
