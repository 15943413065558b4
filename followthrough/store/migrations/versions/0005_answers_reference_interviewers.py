"""answers reference interviewers

A per-interviewer answer named its interviewer by id in a text column (`subject`), which a backup
could not renumber: restored answers came back attached to nobody. It becomes a foreign key.
Answers whose interviewer no longer exists were already shown nowhere; they are dropped.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WHOLE_INTERVIEW = sa.text("interviewer_id IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("prompt_answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interviewer_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_prompt_answers_interviewer_id_interviewers"),
            "interviewers",
            ["interviewer_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute(
        "UPDATE prompt_answers SET interviewer_id = ("
        " SELECT i.id FROM interviewers i"
        " WHERE CAST(i.id AS VARCHAR(80)) = prompt_answers.subject"
        " AND i.owner_id = prompt_answers.owner_id"
        " AND i.interview_id = prompt_answers.interview_id"
        ") WHERE subject <> ''"
    )
    op.execute("DELETE FROM prompt_answers WHERE subject <> '' AND interviewer_id IS NULL")
    with op.batch_alter_table("prompt_answers", schema=None) as batch_op:
        batch_op.drop_constraint("uq_prompt_answers_owner_id", type_="unique")
        batch_op.drop_column("subject")
        batch_op.create_index(
            "uq_prompt_answers_whole",
            ["owner_id", "interview_id", "step_id", "prompt_id"],
            unique=True,
            sqlite_where=WHOLE_INTERVIEW,
            postgresql_where=WHOLE_INTERVIEW,
        )
        batch_op.create_index(
            "uq_prompt_answers_per_interviewer",
            ["owner_id", "interviewer_id", "step_id", "prompt_id"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("prompt_answers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subject", sa.String(length=80), server_default="", nullable=False)
        )
    op.execute(
        "UPDATE prompt_answers SET subject = CAST(interviewer_id AS VARCHAR(80))"
        " WHERE interviewer_id IS NOT NULL"
    )
    with op.batch_alter_table("prompt_answers", schema=None) as batch_op:
        batch_op.drop_index("uq_prompt_answers_per_interviewer")
        batch_op.drop_index("uq_prompt_answers_whole")
        batch_op.drop_constraint(
            batch_op.f("fk_prompt_answers_interviewer_id_interviewers"), type_="foreignkey"
        )
        batch_op.drop_column("interviewer_id")
        batch_op.create_unique_constraint(
            "uq_prompt_answers_owner_id",
            ["owner_id", "interview_id", "step_id", "prompt_id", "subject"],
        )
