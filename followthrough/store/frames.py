"""The owner's applications and stage history as typed DataFrames, for analytics.

One owner-scoped SELECT per table, read straight into pandas: no per-row Python objects, so
thousands of applications load in milliseconds.
"""

from typing import Any

import pandas as pd
from sqlalchemy import Select, func, insert, select

from followthrough.dtypes import STAGE_DTYPE
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import applications, status_events

APPLICATION_COLUMNS = ("id", "company", "role_title", "source", "applied_on", "archived")
EVENT_COLUMNS = ("id", "application_id", "stage", "occurred_on")


class FrameRepository(OwnedRepository):
    def applications(self) -> pd.DataFrame:
        """One row per application: id, company, role_title, source, applied_on, archived."""
        query = self.select_mine(applications, *(applications.c[n] for n in APPLICATION_COLUMNS))
        frame = self._read(query.order_by(applications.c.id))
        types: dict[str, Any] = {
            "id": "int64",
            "company": "string",
            "role_title": "string",
            "source": "category",  # a handful of values repeated: grouped, never edited here
            "archived": "bool",
        }
        return frame.astype(types).assign(applied_on=_dates(frame["applied_on"]))

    def events(self) -> pd.DataFrame:
        """The stage history, one row per event: id, application_id, stage, occurred_on (NaT where
        the day is unknown)."""
        query = self.select_mine(status_events, *(status_events.c[n] for n in EVENT_COLUMNS))
        frame = self._read(query.order_by(status_events.c.id))
        types: dict[str, Any] = {"id": "int64", "application_id": "int64", "stage": STAGE_DTYPE}
        return frame.astype(types).assign(occurred_on=_dates(frame["occurred_on"]))

    def data_version(self) -> tuple:
        """A cheap fingerprint of the owner's pipeline: changes whenever an application or event does.

        Counts catch deletions, max ids catch insertions, the latest update catches edits.
        """
        a, e = applications.c, status_events.c
        apps = self.select_mine(applications, func.count(), func.max(a.id), func.max(a.updated_at))
        events = self.select_mine(status_events, func.count(), func.max(e.id))
        with self.engine.connect() as conn:
            return (*conn.execute(apps).one(), *conn.execute(events).one())

    def insert(self, apps: pd.DataFrame, events: pd.DataFrame) -> tuple[int, int]:
        """Insert frames shaped like `applications()` and `events()` (ids shifted past existing ones)."""
        with self.engine.begin() as conn:
            offset = conn.execute(
                select(func.coalesce(func.max(applications.c.id), 0))
            ).scalar_one()
            conn.execute(
                insert(applications),
                [_application_row(r, offset, self.owner_id) for r in apps.itertuples(index=False)],
            )
            conn.execute(
                insert(status_events),
                [_event_row(r, offset, self.owner_id) for r in events.itertuples(index=False)],
            )
        return len(apps), len(events)

    def _read(self, query: Select) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)


def _application_row(row: Any, offset: int, owner_id: int) -> dict[str, Any]:
    return {
        "id": int(row.id) + offset,
        "owner_id": owner_id,
        "company": str(row.company),
        "role_title": str(row.role_title),
        "source": str(row.source),
        "applied_on": None if pd.isna(row.applied_on) else row.applied_on.date(),
    }


def _event_row(row: Any, offset: int, owner_id: int) -> dict[str, Any]:
    return {
        "owner_id": owner_id,
        "application_id": int(row.application_id) + offset,
        "stage": row.stage,
        "occurred_on": None if pd.isna(row.occurred_on) else row.occurred_on.date(),
    }


def _dates(column: pd.Series) -> pd.Series:
    # SQLite hands dates back as ISO text, PostgreSQL as date objects: both become datetime64.
    return pd.to_datetime(column, errors="raise").astype("datetime64[s]")
