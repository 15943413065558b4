"""A database that does not answer for a moment (a restart, a failover) reads as a plain sentence.

Without this a rerun during a PostgreSQL restart shows Streamlit's error box. The sentence comes
from the content pack; the error goes to the server's log. Widgets keep what was typed: a stopped
run leaves session state as it was, and the next rerun that reaches the database carries on.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from followthrough.services.workbook import unavailable
from ui import resources

log = logging.getLogger(__name__)


@contextmanager
def shown_plainly() -> Iterator[None]:
    """Run a page; if the database does not answer, say so plainly and end this run there."""
    try:
        yield
    except Exception as error:
        if not unavailable(error):
            raise
        log.warning("The database did not answer during a rerun: %s", error)
        st.warning(resources.content().home.database_unavailable)
        st.stop()
