"""Cached resources shared by the pages: the workbook (engine + owner) and the content pack."""

from pathlib import Path

import streamlit as st

from followthrough import config
from followthrough.content import ContentPack, load_content
from followthrough.services.workbook import Workbook, open_workbook
from ui import auth


@st.cache_resource(show_spinner=False)
def _workbook(url: str) -> Workbook:
    # A SQLAlchemy engine is thread-safe, so one per database URL is shared by every session.
    return open_workbook(url)


def workbook() -> Workbook:
    """This session's workbook: the local person's, or in hosted use the signed-in person's
    (looked up by issuer + subject on each call; the engine stays shared per database URL)."""
    base = _workbook(config.database_url())
    return auth.workbook(base) if auth.hosted() else base


@st.cache_resource(show_spinner=False, max_entries=4)
def _content(directory: str, _stamp: float) -> ContentPack:
    return load_content(Path(directory))


def content() -> ContentPack:
    """The content pack, reloaded when a YAML file changes (so a coach's edit shows on rerun)."""
    return _content(*content_key())


def content_key() -> tuple[str, float]:
    """The content pack's folder and a stamp that changes with any of its YAML files: in the key
    of every cached screen, so a coach's edit shows on the next rerun."""
    directory = config.content_dir()
    files = list(directory.rglob("*.yaml"))
    return str(directory), max((f.stat().st_mtime for f in files), default=0.0) + len(files)
