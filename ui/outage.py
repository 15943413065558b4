"""A database that does not answer for a moment (a restart, a failover, SQLite's lock held past
the busy timeout) reads as a plain sentence.

Without this a rerun during a PostgreSQL restart shows Streamlit's error box. The sentence comes
from the content pack; the error goes to the server's log. Widgets keep what was typed: a stopped
run leaves session state as it was, and the next rerun that reaches the database carries on. A
save made by a box's change callback (which runs before the page, outside `shown_plainly`) is
held instead (`held`) and made again at the start of each run until the database takes it.
"""

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from followthrough.services.workbook import unavailable
from ui import resources

log = logging.getLogger(__name__)
HELD = "outage_held_saves"  # session state: the saves an outage held back, as (save, args)


@contextmanager
def shown_plainly() -> Iterator[None]:
    """Run a page; if the database does not answer, say so plainly and end this run there. Saves
    held back by an outage are made first; while any is still held the page says so."""
    try:
        _make_held_saves()
        if st.session_state.get(HELD):
            st.warning(resources.content().home.database_unavailable)
        yield
    except Exception as error:
        if not unavailable(error):
            raise
        log.warning("The database did not answer during a rerun: %s", error)
        st.warning(resources.content().home.database_unavailable)
        st.stop()


def held(save: Callable[..., None]) -> Callable[..., None]:
    """A widget's change callback that, when the database does not answer, keeps its save to be
    made again on the next run instead of failing with an error box: the words stay in the box."""

    @functools.wraps(save)
    def run(*args: object) -> None:
        try:
            save(*args)
        except Exception as error:
            if not unavailable(error):
                raise
            log.warning("A save was held back: the database did not answer: %s", error)
            saves = st.session_state.setdefault(HELD, [])
            if (save, args) not in saves:
                saves.append((save, args))

    return run


def _make_held_saves() -> None:
    """Each held save again, in the order made: it reads the box's value now, the latest."""
    for save, args in st.session_state.pop(HELD, []):
        held(save)(*args)
