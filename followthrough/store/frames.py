"""The owner's applications and stage history as typed DataFrames, for analytics.

One owner-scoped SELECT per table, read straight into pandas: no per-row Python objects, so
thousands of applications load in milliseconds.
"""

import pandas as pd
from sqlalchemy import Engine, func, select

from followthrough.models import Stage
from followthrough.store.applications import applications, status_events

# Stage as a categorical in the enum's order, so the domain can index by code.
STAGE_DTYPE = pd.CategoricalDtype([s.value for s in Stage])

APPLICATION_COLUMNS = ("id", "company", "role_title", "source", "applied_on", "archived")
EVENT_COLUMNS = ("id", "application_id", "stage", "occurred_on")


def load_applications(engine: Engine, owner_id: int) -> pd.DataFrame:
    """One row per application: id, company, role_title, source, applied_on, archived."""
    query = (
        select(*(applications.c[name] for name in APPLICATION_COLUMNS))
        .where(applications.c.owner_id == owner_id)
        .order_by(applications.c.id)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.astype(
        {
            "id": "int64",
            "company": "string",
            "role_title": "string",
            "source": "category",  # a handful of values repeated: grouped, never edited here
            "archived": "bool",
        }
    ).assign(applied_on=_dates(frame["applied_on"]))


def load_events(engine: Engine, owner_id: int) -> pd.DataFrame:
    """The stage history, one row per event: id, application_id, stage, occurred_on."""
    query = (
        select(*(status_events.c[name] for name in EVENT_COLUMNS))
        .where(status_events.c.owner_id == owner_id)
        .order_by(status_events.c.id)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.astype({"id": "int64", "application_id": "int64", "stage": STAGE_DTYPE}).assign(
        occurred_on=_dates(frame["occurred_on"])
    )


def data_version(engine: Engine, owner_id: int) -> tuple:
    """A cheap fingerprint of the owner's pipeline: changes whenever an application or event does.

    Counts catch deletions, max ids catch insertions, the latest update catches edits.
    """
    apps = select(
        func.count(), func.max(applications.c.id), func.max(applications.c.updated_at)
    ).where(applications.c.owner_id == owner_id)
    events = select(func.count(), func.max(status_events.c.id)).where(
        status_events.c.owner_id == owner_id
    )
    with engine.connect() as conn:
        return (*conn.execute(apps).one(), *conn.execute(events).one())


def _dates(column: pd.Series) -> pd.Series:
    # SQLite hands dates back as ISO text, PostgreSQL as date objects: both become datetime64.
    return pd.to_datetime(column, errors="raise").astype("datetime64[s]")
