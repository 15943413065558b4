"""Table metadata shared by every repository; constraint names are fixed so migrations stay portable."""

from sqlalchemy import Column, ForeignKey, MetaData

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def owned_by_interview() -> list[Column]:
    """The owner and interview columns of a row that belongs to one interview."""
    return [
        Column("owner_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
        Column(
            "interview_id",
            ForeignKey("interviews.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    ]
