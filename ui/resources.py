"""Cached resources shared by the pages: the workbook (engine + owner) and the content pack.

Several content packs can live on one server (README: 'Several content packs on one server'). In
local use every page reads the server's pack; in hosted use a participant's pages read their
cohort's pack. Which one, and the stamp of its files, is found once per run by `follow()` in
app.py's frame and kept in the session: every `content()` of the run reads it without a query or
a walk of the pack's files. The walk itself is shared by every session and made at most once a
second (STAMP_TTL_S): on a busy server it was a twentieth of every rerun.
"""

import logging
import math
import time
from pathlib import Path

import streamlit as st

from followthrough import config
from followthrough.content import ContentError, ContentPack, load_content
from followthrough.services import cohorts
from followthrough.services.workbook import Workbook, open_workbook
from ui import auth
from ui.shelf import Shelf

log = logging.getLogger(__name__)
FOLLOWED = "resources_pack"  # (folder, stamp) of the pack this session's pages follow, this run
STAMP_TTL_S = 1.0  # a pack's edit shows within this long
_stamps: dict[Path, tuple[float, float]] = {}  # folder -> (when walked, its stamp then)


# One per database URL: a server has one; tests open many.
_workbooks: Shelf[Workbook] = Shelf(entries=64, ttl_s=math.inf)
_packs: Shelf[ContentPack] = Shelf(entries=16)


def workbook() -> Workbook:
    """This session's workbook: the local person's, or in hosted use the signed-in person's
    (looked up by issuer + subject on each call; the engine stays shared per database URL)."""
    url = config.database_url()
    # A SQLAlchemy engine is thread-safe, so one per database URL is shared by every session.
    base = _workbooks.get(url, lambda: open_workbook(url))
    return auth.workbook(base) if auth.hosted() else base


def _content(directory: str, stamp: float) -> ContentPack:  # `stamp` in the key: an edit reloads
    return _packs.get((directory, stamp), lambda: load_content(Path(directory)))


def _stamp(directory: Path) -> float:
    """Changes with any of the folder's YAML files (edited, added or removed), as they were at most
    STAMP_TTL_S ago."""
    now = time.monotonic()
    walked, stamp = _stamps.get(directory, (-STAMP_TTL_S, 0.0))
    if now - walked >= STAMP_TTL_S:
        files = list(directory.rglob("*.yaml"))
        stamp = max((f.stat().st_mtime for f in files), default=0.0) + len(files)
        _stamps[directory] = (now, stamp)
    return stamp


def load_pack(directory: Path) -> ContentPack:
    """The pack in `directory`, loaded once per version of its files; ContentError if broken."""
    return _content(str(directory), _stamp(directory))


def follow() -> None:
    """Find the pack this session's pages follow, once per run, before the page runs: local use
    (and a signed-out visitor) the server's default, with no query; hosted, the pack of the
    signed-in person's cohort (services.cohorts.followed_dir), or the default when that pack
    does not load. Its files' stamp is read here too, once, not at every `content()`."""
    directory = config.content_dir()
    if auth.hosted() and auth.identity() is not None:
        directory = cohorts.followed_dir(workbook())
        if directory != config.content_dir():
            try:
                load_pack(directory)
            except ContentError as exc:
                log.warning("A cohort's content pack does not load; using the default: %s", exc)
                directory = config.content_dir()
    st.session_state[FOLLOWED] = (str(directory), _stamp(directory))


def pack_dir() -> Path:
    """The folder of the pack this session's pages follow (see `follow`)."""
    return Path(content_key()[0])


def content() -> ContentPack:
    """The content pack this session's pages follow, reloaded when a YAML file changes (so a
    coach's edit shows on the first rerun a second after it)."""
    directory, stamp = content_key()
    try:
        return _content(directory, stamp)
    except ContentError:
        return content_at(Path(directory))  # the default instead, or the error if it is it


def content_at(directory: Path) -> ContentPack:
    """The pack in `directory`; the server's default when it stopped loading since it was
    chosen (a pack being edited never breaks the pages of the people following it)."""
    try:
        return load_pack(directory)
    except ContentError:
        if directory == config.content_dir():
            raise
        log.warning("Content pack %s does not load; using the default", directory)
        return load_pack(config.content_dir())


def content_key() -> tuple[str, float]:
    """The followed pack's folder and a stamp that changes with any of its YAML files, as `follow`
    found them this run (before the session's first run: the default's, read now): in the key of
    every cached screen, so a coach's edit shows on the first rerun a second after it."""
    if found := st.session_state.get(FOLLOWED):
        return found
    directory = config.content_dir()
    return str(directory), _stamp(directory)


def workshop_packs(wb: Workbook) -> dict[Path, str]:
    """The packs the Workshop page may project, folder → label: in hosted use the session's own
    and those of the cohorts its person coaches; in local use the one pack, with no query."""
    if not auth.hosted():
        return {pack_dir(): ""}
    return cohorts.workshop_packs(wb, pack_dir())
