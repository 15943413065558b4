"""data versions

Per owner, counters bumped in the same transaction as every write (followthrough/store/versions.py):
the key of every cache above the services, so a write through any process or replica shows on the
next rerun. No foreign key to people: the row outlives its person.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_versions",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("workbook", sa.Integer(), server_default="0", nullable=False),
        sa.Column("pipeline", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_versions")),
    )


def downgrade() -> None:
    op.drop_table("data_versions")
