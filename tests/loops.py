"""Event loops in tests that share pytest's thread with the browser tests."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


def off_this_thread(work: Callable[[], object]) -> object:
    """`work()` in a thread of its own, with no event loop running: the browser tests leave one
    running in pytest's thread for the rest of the session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(work).result(timeout=30)
