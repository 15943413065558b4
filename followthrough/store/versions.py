"""Data versions: per owner, counters bumped in the same transaction as every write.

Caches above the services key on (database, owner, version), so a write through any process or
replica shows on the next rerun everywhere, and one person's cached rows never answer another's
key. db.py calls `bump` just before a write transaction commits, for the owner its engine was
made for (`OwnedRepository`), when a statement of the transaction changed a row:

- `workbook` counts every write of the owner's;
- `pipeline` counts writes to the applications and their stage history only (Analytics and the
  Tracker read nothing else), so typing a note does not recompute a 5,000-row pipeline.

The row's `id` is its person's, with no foreign key, on purpose: it outlives an account's deletion
(which bumps it too), so a person who gets a deleted person's id (SQLite reuses the largest) can
never meet a version, and so a cache entry, of the one before. It holds two counters and nothing
of what the person wrote, and is no part of their workbook (not backed up or exported).
"""

from typing import NamedTuple

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from followthrough.store.tables import applications, data_versions, status_events

PIPELINE_TABLES = frozenset({applications.name, status_events.name})


class DataVersion(NamedTuple):
    workbook: int  # any write of the owner's
    pipeline: int  # writes to applications and status_events


def bump(conn: Connection, owner_id: int, tables: set[str]) -> None:
    """Count one more write of `owner_id`'s, inside the transaction that made it."""
    pipeline = 1 if tables & PIPELINE_TABLES else 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(data_versions).values(id=owner_id, workbook=1, pipeline=pipeline)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "workbook": data_versions.c.workbook + 1,
                "pipeline": data_versions.c.pipeline + pipeline,
            },
        )
    )


def read(engine: Engine, owner_id: int) -> DataVersion:
    """The owner's versions now ((0, 0) before their first write): one primary-key lookup."""
    query = select(data_versions.c.workbook, data_versions.c.pipeline).where(
        data_versions.c.id == owner_id
    )
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            # Every rerun reads this: one statement is its own snapshot, and autocommit spares
            # it the BEGIN and ROLLBACK round trips (SQLite issues them in-process; its
            # autocommit would undo the BEGIN control in db.py).
            conn.execution_options(isolation_level="AUTOCOMMIT")
        row = conn.execute(query).first()
    return DataVersion(0, 0) if row is None else DataVersion(row.workbook, row.pipeline)
