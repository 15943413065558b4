"""Imports every table module so `metadata` knows the whole schema (for migrations and tests)."""

from followthrough.store import answers, applications, drafts, people, practice, thank_you  # noqa: F401
from followthrough.store.schema import metadata

__all__ = ["metadata"]
