"""Data versions (store/versions.py): bumped in the same transaction as every write, per owner."""

from datetime import date
from pathlib import Path

import pytest
from psycopg import pq

from followthrough.models import Application, Stage, StatusEvent
from followthrough.services.workbook import Workbook, cache_key, data_version, open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.db import make_engine
from followthrough.store.drafts import DraftRepository
from followthrough.store.people import PeopleRepository
from followthrough.store.tables import applications

DAY = date(2026, 11, 25)


@pytest.fixture
def wb(store_url: str) -> Workbook:
    return open_workbook(store_url)


def test_a_write_bumps_its_owners_version_and_a_read_does_not(wb: Workbook) -> None:
    before = data_version(wb)
    repo = wb.repo(ApplicationRepository)
    app_id = repo.add(Application("Acme", "Designer", applied_on=DAY))
    added = data_version(wb)
    repo.all(include_archived=True)
    assert data_version(wb) == added
    repo.add_event(StatusEvent(app_id, Stage.RESPONDED, DAY))
    evented = data_version(wb)
    assert before.workbook < added.workbook < evented.workbook
    assert before.pipeline < added.pipeline < evented.pipeline


def test_a_note_bumps_the_workbook_but_not_the_pipeline(wb: Workbook) -> None:
    wb.repo(ApplicationRepository).add(Application("Acme", "Designer", applied_on=DAY))
    before = data_version(wb)
    wb.repo(DraftRepository).save("step1_topics", "what mattered most")
    after = data_version(wb)
    assert after.workbook == before.workbook + 1
    assert after.pipeline == before.pipeline


def test_versions_are_per_owner(wb: Workbook) -> None:
    other = wb.as_person(PeopleRepository(wb.engine).get_or_create("someone else"))
    mine, theirs = data_version(wb), data_version(other)
    other.repo(ApplicationRepository).add(Application("Initech", "Analyst", applied_on=DAY))
    assert data_version(wb) == mine
    assert data_version(other).workbook == theirs.workbook + 1
    assert cache_key(wb) != cache_key(other)


def test_a_write_that_changes_nothing_or_fails_leaves_the_version(wb: Workbook) -> None:
    repo = wb.repo(ApplicationRepository)
    app_id = repo.add(Application("Acme", "Designer", applied_on=DAY))
    before = data_version(wb)
    repo.delete(app_id + 1000)  # no such row: nothing deleted
    assert data_version(wb) == before
    with pytest.raises(RuntimeError), repo.engine.begin() as conn:
        repo.insert_mine(conn, applications, company="Rolled back", role_title="")
        raise RuntimeError("the transaction rolls back")
    assert data_version(wb) == before
    assert [a.company for a in repo.all(include_archived=True)] == ["Acme"]


def test_a_write_through_another_engine_shows_on_the_next_read(store_url: str) -> None:
    """Another process or replica: its own engine (own pool) on the same database."""
    here = open_workbook(store_url)
    there = Workbook(make_engine(store_url), here.owner)
    before = cache_key(here)
    there.repo(ApplicationRepository).add(Application("Acme", "Designer", applied_on=DAY))
    assert cache_key(here) != before
    assert data_version(here) == data_version(there)
    there.engine.dispose()


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_on_postgres_the_rerun_version_read_sends_one_statement(wb: Workbook, tmp_path: Path):
    """Every rerun reads the version: on the wire it is the pool's ping and one SELECT, with no
    BEGIN or ROLLBACK round trips around it (libpq's trace of what the app sends)."""
    trace = tmp_path / "trace"
    with wb.engine.connect() as conn:  # the pool's one connection so far, which the reads reuse
        pgconn = conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    with trace.open("w") as out:
        pgconn.trace(out.fileno())
        pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        for _ in range(3):
            data_version(wb)
        pgconn.untrace()
    sent = [line.split("\t")[2:] for line in trace.read_text().splitlines() if line[:2] == "F\t"]
    statements = [" ".join(message) for message in sent if message[0] in ("Query", "Parse")]
    assert len(statements) == 6, statements  # three reads: the ping (";") and the SELECT each
    assert not [s for s in statements if "BEGIN" in s or "ROLLBACK" in s]
    wb.engine.dispose()
