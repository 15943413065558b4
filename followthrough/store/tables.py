"""Imports every table module so `metadata` knows the whole schema (for migrations and tests)."""

from followthrough.store import (  # noqa: F401
    answers,
    applications,
    drafts,
    followups,
    momentum,
    people,
    practice,
    thank_you,
)
from followthrough.store.schema import metadata

__all__ = ["metadata"]
