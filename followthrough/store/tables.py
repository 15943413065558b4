"""Every table of the workbook, in one place. Constraint names are fixed so migrations stay portable.

Every row has an owner (a person) from the first migration: multi-user is a filter, not a rewrite.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


WHOLE_INTERVIEW = text("interviewer_id IS NULL")  # the partial index of whole-interview answers


def owner(index: bool = True, unique: bool = False) -> Column:
    """The person a row belongs to: every query filters on it (see store/owned.py)."""
    return Column(
        "owner_id",
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=index,
        unique=unique,
    )


def belongs_to(table: str, index: bool = True) -> Column:
    """`<table singular>_id`: the parent row; deleting the parent deletes this row."""
    return Column(
        f"{table[:-1]}_id",
        ForeignKey(f"{table}.id", ondelete="CASCADE"),
        nullable=False,
        index=index,
    )


def _timestamps() -> list[Column]:
    return [
        Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
        Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    ]


people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("handle", String(80), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    # Named once in the profile and used in every thank-you note (migration 0002).
    Column("strongest_skill", String(200), nullable=False, server_default=""),
    Column("signature", String(200), nullable=False, server_default=""),
    # Hosted sign-in (migration 0006): a person is their identity provider's issuer + subject,
    # never an e-mail alone; both NULL for the local person. The e-mail is shown, never matched.
    Column("issuer", String(500)),
    Column("subject", String(255)),
    Column("email", String(320), nullable=False, server_default=""),
    # An index, not a constraint: SQLite adds it without rebuilding people (a rebuild would
    # cascade-delete every row that belongs to a person).
    Index("uq_people_issuer_subject", "issuer", "subject", unique=True),
)


applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("company", String(200), nullable=False),
    Column("role_title", String(200), nullable=False, server_default=""),
    Column("source", String(100), nullable=False, server_default=""),
    Column("listing_url", String(1000), nullable=False, server_default=""),
    Column("applied_on", Date),
    Column("notes", Text, nullable=False, server_default=""),
    Column("is_sample", Boolean, nullable=False, server_default="0"),
    Column("archived", Boolean, nullable=False, server_default="0"),
    *_timestamps(),
    # Set by CSV import (followthrough.transfer.keys): re-importing a file cannot duplicate a row.
    Column("natural_key", String(700)),
    Index("uq_applications_owner_natural_key", "owner_id", "natural_key", unique=True),
)


status_events = Table(
    "status_events",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("applications"),
    Column("stage", String(40), nullable=False),
    Column("occurred_on", Date),  # None: the day is unknown (a status imported without its date)
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)


interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("applications"),
    Column("round_number", Integer, nullable=False, server_default="1"),
    Column("format", String(20), nullable=False),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime, nullable=False),
    Column("location", String(500), nullable=False, server_default=""),
    Column("decision_expected_on", Date),
    *_timestamps(),
)


interviewers = Table(
    "interviewers",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews"),
    Column("name", String(200), nullable=False),
    Column("title", String(200), nullable=False, server_default=""),
    Column("email", String(320), nullable=False, server_default=""),
    Column("postal_address", Text, nullable=False, server_default=""),
    Column("position", Integer, nullable=False, server_default="0"),
)


prompt_answers = Table(
    "prompt_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews", index=False),
    # The interviewer a per-interviewer prompt is about (a real reference, so a backup renumbers it
    # and removing the interviewer removes their notes); NULL for the interview as a whole.
    Column("interviewer_id", ForeignKey("interviewers.id", ondelete="CASCADE")),
    Column("step_id", String(80), nullable=False),
    Column("prompt_id", String(80), nullable=False),
    Column("value", Text, nullable=False, server_default=""),
    Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    # One answer per prompt for the interview as a whole, and one per prompt and interviewer.
    Index(
        "uq_prompt_answers_whole",
        "owner_id",
        "interview_id",
        "step_id",
        "prompt_id",
        unique=True,
        sqlite_where=WHOLE_INTERVIEW,
        postgresql_where=WHOLE_INTERVIEW,
    ),
    Index(
        "uq_prompt_answers_per_interviewer",
        "owner_id",
        "interviewer_id",
        "step_id",
        "prompt_id",
        unique=True,
    ),
)


drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("key", String(200), nullable=False),
    Column("value", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    UniqueConstraint("owner_id", "key"),
)


thank_you_notes = Table(
    "thank_you_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews"),
    belongs_to("interviewers", index=False),
    # NULL until the user edits the drafted text: until then the page shows the template's draft.
    Column("body", Text),
    Column("topic", Text, nullable=False, server_default=""),
    Column("channel", String(20)),  # the user's override of the recommended channel
    Column("sent_on", Date),
    Column("sent_channel", String(20)),
    Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    UniqueConstraint("owner_id", "interviewer_id"),
)


company_cultures = Table(
    "company_cultures",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("applications", index=False),
    Column("culture", String(200), nullable=False, server_default=""),
    UniqueConstraint("owner_id", "application_id"),
)


follow_up_instructions = Table(
    "follow_up_instructions",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews"),
    Column("what", Text, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("due_on", Date),
    Column("done_on", Date),
    Column("done_channel", String(20)),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)


contact_log = Table(
    "contact_log",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews"),
    Column("channel", String(20), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("answered", Boolean, nullable=False, server_default="0"),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)


call_plans = Table(
    "call_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(index=False),
    belongs_to("interviews"),
    Column("call_on", Date),
    Column("call_time", Time),
    Column("timezone", String(64), nullable=False, server_default=""),
    Column("caller_name", String(200), nullable=False, server_default=""),
    Column("phone", String(40), nullable=False, server_default=""),
    Column("interest_line", Text, nullable=False, server_default=""),
    Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    UniqueConstraint("owner_id", "interview_id"),
)


next_day_items = Table(
    "next_day_items",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews"),
    Column("kind", String(20), nullable=False),
    Column("label", Text, nullable=False),
    Column("done", Boolean, nullable=False, server_default="0"),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)


weekly_goals = Table(
    "weekly_goals",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(index=False, unique=True),
    Column("applications", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)


check_ins = Table(
    "check_ins",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(index=False),
    belongs_to("interviews"),
    Column("mood", String(80), nullable=False, server_default=""),
    Column("feeling", Text, nullable=False, server_default=""),
    Column("updated_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    UniqueConstraint("owner_id", "interview_id"),
)


practice_cards = Table(
    "practice_cards",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    belongs_to("interviews"),
    Column("source_prompt", String(80), nullable=False, server_default=""),
    Column("question", Text, nullable=False),
    Column("better_answer", Text, nullable=False, server_default=""),
    Column("times_practised", Integer, nullable=False, server_default="0"),
    Column("confidence", Integer, nullable=False, server_default="1"),
    Column("last_practised_on", Date),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    UniqueConstraint("owner_id", "interview_id", "question"),
)


# -- cohorts, consent and the coaches' access log (migration 0006) -----------------------------
# Not part of a person's workbook backup (info): they tie a person to other people's rows.
NOT_IN_WORKBOOK = {"workbook": False}

cohorts = Table(
    "cohorts",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),  # the coach who created it
    Column("name", String(200), nullable=False),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("content_pack", String(200), nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    info=NOT_IN_WORKBOOK,
)


cohort_invites = Table(
    "cohort_invites",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(index=False),  # the coach
    belongs_to("cohorts"),
    Column("code", String(40), nullable=False, unique=True),
    Column("expires_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    info=NOT_IN_WORKBOOK,
)


memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(index=False),  # the participant
    belongs_to("cohorts"),
    Column("joined_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    # When the participant chose this cohort's content pack for their pages (migration 0009);
    # NULL until they choose. Their pages follow the cohort they last joined or chose.
    Column("followed_at", DateTime),
    UniqueConstraint("owner_id", "cohort_id"),
    info=NOT_IN_WORKBOOK,
)


shares = Table(
    "shares",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),  # the participant who chose to share
    belongs_to("memberships", index=False),  # leaving the cohort ends every share with it
    Column("kind", String(20), nullable=False),
    Column("item", Integer, nullable=False, server_default="0"),  # the item's id; 0 for a kind
    # The item itself, so removing it removes its share.
    Column("answer_id", ForeignKey("prompt_answers.id", ondelete="CASCADE"), index=True),
    Column("thank_you_note_id", ForeignKey("thank_you_notes.id", ondelete="CASCADE"), index=True),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    UniqueConstraint("membership_id", "kind", "item"),
    info=NOT_IN_WORKBOOK,
)


access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True),
    belongs_to("cohorts"),
    # Kept when either person deletes their account: the row then says only that they existed.
    Column("coach_id", ForeignKey("people.id", ondelete="SET NULL"), index=True),
    Column("participant_id", ForeignKey("people.id", ondelete="SET NULL"), index=True),
    Column("what", String(300), nullable=False, server_default=""),
    Column("viewed_at", DateTime, nullable=False, server_default=func.current_timestamp()),
)


# Per owner, counters bumped in the same transaction as every write (store/versions.py): the key
# of every cache above the services. `id` is the person's (people.id) without a foreign key: the
# row outlives its person, and is no part of their workbook (see there).
data_versions = Table(
    "data_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("workbook", Integer, nullable=False, server_default="0"),
    Column("pipeline", Integer, nullable=False, server_default="0"),
    info=NOT_IN_WORKBOOK,
)
