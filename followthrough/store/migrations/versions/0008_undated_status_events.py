"""undated status events

A status whose day the person did not give (a CSV row with a status and no status date) is stored
with its day unknown (NULL), never dated on the day of the application. Existing rows keep their
dates.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("status_events") as batch:
        batch.alter_column("occurred_on", existing_type=sa.Date(), nullable=True)


def downgrade() -> None:
    # An undated event gets the day of its application (or the day it was recorded) back: the
    # column cannot hold an unknown day before this revision.
    events = sa.table(
        "status_events",
        sa.column("application_id", sa.Integer()),
        sa.column("occurred_on", sa.Date()),
        sa.column("created_at", sa.DateTime()),
    )
    apps = sa.table(
        "applications", sa.column("id", sa.Integer()), sa.column("applied_on", sa.Date())
    )
    applied = sa.select(apps.c.applied_on).where(apps.c.id == events.c.application_id)
    sqlite = op.get_bind().dialect.name == "sqlite"
    recorded = (
        sa.func.date(events.c.created_at) if sqlite else sa.cast(events.c.created_at, sa.Date)
    )
    op.execute(
        events.update()
        .where(events.c.occurred_on.is_(None))
        .values(occurred_on=sa.func.coalesce(applied.scalar_subquery(), recorded))
    )
    with op.batch_alter_table("status_events") as batch:
        batch.alter_column("occurred_on", existing_type=sa.Date(), nullable=False)
