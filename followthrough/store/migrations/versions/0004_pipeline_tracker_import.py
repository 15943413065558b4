"""pipeline tracker import

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("natural_key", sa.String(length=700), nullable=True))
        batch_op.create_index(
            "uq_applications_owner_natural_key", ["owner_id", "natural_key"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("uq_applications_owner_natural_key")
        batch_op.drop_column("natural_key")
