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


def test_per_interviewer_answers_become_references_to_their_interviewer(store_url: str) -> None:
    """0005: an answer's interviewer, once an id written as text, becomes a foreign key."""
    engine = make_engine(store_url)
    migrate.upgrade(engine, "0004")
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO people (id, handle, display_name) VALUES (1, 'local', 'Me')"))
        run(text("INSERT INTO applications (id, owner_id, company) VALUES (1, 1, 'Initech')"))
        run(
            text(
                "INSERT INTO interviews (id, owner_id, application_id, format, starts_at, ends_at) "
                "VALUES (1, 1, 1, 'video', '2026-11-02 09:00', '2026-11-02 10:00')"
            )
        )
        run(
            text(
                "INSERT INTO interviewers (id, owner_id, interview_id, name) VALUES (5, 1, 1, 'Ada')"
            )
        )
        for subject, value in (("", "whole"), ("5", "for Ada"), ("9", "for a removed interviewer")):
            run(
                text(
                    "INSERT INTO prompt_answers (owner_id, interview_id, step_id, prompt_id, "
                    "subject, value) VALUES (1, 1, 'notes', 'topics', :subject, :value)"
                ),
                {"subject": subject, "value": value},
            )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT interviewer_id, value FROM prompt_answers ORDER BY value")
        ).all()
    assert [tuple(row) for row in rows] == [(5, "for Ada"), (None, "whole")]
    with engine.begin() as conn:  # removing the interviewer removes their notes with them
        conn.execute(text("DELETE FROM interviewers WHERE id = 5"))
        assert conn.execute(text("SELECT count(*) FROM prompt_answers")).scalar() == 1
