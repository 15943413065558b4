"""After a bulk write, PostgreSQL's planner gets statistics at once, not when autovacuum comes by:
without them, Home read 5,000 new applications' events in 10 s (63 ms once analysed)."""

import sqlalchemy as sa

from followthrough.services import transfer
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository

CSV = b"Company,Role,Date applied,Status\n" + b"".join(
    f"Company {n},Analyst,2026-10-01,responded\n".encode() for n in range(20)
)


def _analysed(engine: sa.Engine) -> set[str]:
    """The tables ANALYZE has been run on by hand (PostgreSQL's statistics views)."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
        )
        return {name for (name,) in rows}


def test_an_import_and_a_restore_leave_the_planner_its_statistics(store_url: str) -> None:
    wb = open_workbook(store_url)
    postgres = wb.engine.dialect.name == "postgresql"
    if postgres:
        assert "applications" not in _analysed(wb.engine)
    upload = transfer.read_upload(CSV)
    summary = transfer.commit(wb, transfer.preview(wb, upload, transfer.Choices(upload.mapping())))
    assert len(wb.repo(ApplicationRepository).all()) == 20, summary
    if postgres:  # SQLite: nothing to do, and nothing fails
        assert {"applications", "status_events"} <= _analysed(wb.engine)
        with wb.engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_stat_reset()"))
            conn.commit()
    file = transfer.backup_json(wb)
    transfer.restore(wb, transfer.read_backup(wb, file.data))
    assert len(wb.repo(ApplicationRepository).all()) == 20
    if postgres:
        assert {"applications", "status_events"} <= _analysed(wb.engine)
