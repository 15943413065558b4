"""membership followed at

A participant of several cohorts whose content packs differ chooses whose words their pages
follow: the time they chose it is kept on their membership, so leaving the cohort forgets the
choice with the membership. A plain ADD COLUMN: SQLite adds it without rebuilding the table.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("memberships", sa.Column("followed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("memberships") as batch_op:
        batch_op.drop_column("followed_at")
