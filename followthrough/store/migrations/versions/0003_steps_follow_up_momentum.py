"""steps follow up momentum: instructions, contact log, call plans, next-day plans, goals, check-ins

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _created(name: str = "created_at") -> sa.Column:
    return sa.Column(
        name, sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
    )


def _owner_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id"], ["people.id"], name=op.f(f"fk_{table}_owner_id_people"), ondelete="CASCADE"
    )


def _interview_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["interview_id"],
        ["interviews.id"],
        name=op.f(f"fk_{table}_interview_id_interviews"),
        ondelete="CASCADE",
    )


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "follow_up_instructions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_channel", sa.String(length=20), nullable=True),
        _created(),
        _interview_fk("follow_up_instructions"),
        _owner_fk("follow_up_instructions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_instructions")),
    )
    _index("follow_up_instructions", "interview_id", "owner_id")

    op.create_table(
        "contact_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("answered", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _created(),
        _interview_fk("contact_log"),
        _owner_fk("contact_log"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_log")),
    )
    _index("contact_log", "interview_id", "owner_id")

    op.create_table(
        "call_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("call_on", sa.Date(), nullable=True),
        sa.Column("call_time", sa.Time(), nullable=True),
        sa.Column("timezone", sa.String(length=64), server_default="", nullable=False),
        sa.Column("caller_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("phone", sa.String(length=40), server_default="", nullable=False),
        sa.Column("interest_line", sa.Text(), server_default="", nullable=False),
        _created("updated_at"),
        _interview_fk("call_plans"),
        _owner_fk("call_plans"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_plans")),
        sa.UniqueConstraint("owner_id", "interview_id", name=op.f("uq_call_plans_owner_id")),
    )
    _index("call_plans", "interview_id")

    op.create_table(
        "next_day_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("done", sa.Boolean(), server_default="0", nullable=False),
        _created(),
        _interview_fk("next_day_items"),
        _owner_fk("next_day_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_next_day_items")),
    )
    _index("next_day_items", "interview_id", "owner_id")

    op.create_table(
        "weekly_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("applications", sa.Integer(), nullable=False),
        _created("updated_at"),
        _owner_fk("weekly_goals"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_goals")),
        sa.UniqueConstraint("owner_id", name=op.f("uq_weekly_goals_owner_id")),
    )

    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("mood", sa.String(length=80), server_default="", nullable=False),
        sa.Column("feeling", sa.Text(), server_default="", nullable=False),
        _created("updated_at"),
        _interview_fk("check_ins"),
        _owner_fk("check_ins"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
        sa.UniqueConstraint("owner_id", "interview_id", name=op.f("uq_check_ins_owner_id")),
    )
    _index("check_ins", "interview_id")


def downgrade() -> None:
    for table in (
        "check_ins",
        "weekly_goals",
        "next_day_items",
        "call_plans",
        "contact_log",
        "follow_up_instructions",
    ):
        op.drop_table(table)  # its indexes go with it
