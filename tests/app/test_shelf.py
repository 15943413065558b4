"""ui/shelf: what every session of a server shares, kept by key."""

import contextlib
import threading
import time

import pytest

from ui.shelf import Shelf


def test_tabs_opening_one_screen_together_build_it_once() -> None:
    shelf: Shelf[int] = Shelf(entries=4)
    builds: list[int] = []
    gate = threading.Event()

    def build() -> int:
        gate.wait(5)
        builds.append(1)
        return 42

    got: list[int] = []
    tabs = [threading.Thread(target=lambda: got.append(shelf.get("home", build))) for _ in range(8)]
    for tab in tabs:
        tab.start()
    time.sleep(0.1)  # every tab is asking by now
    gate.set()
    for tab in tabs:
        tab.join(5)
    assert got == [42] * 8 and builds == [1]


def test_keeps_the_last_entries_and_forgets_the_oldest() -> None:
    shelf: Shelf[str] = Shelf(entries=2)
    for key in ("a", "b", "c"):
        shelf.get(key, key.upper)
    assert shelf.get("b", lambda: "again") == "B"
    assert shelf.get("a", lambda: "again") == "again"  # the oldest went when "c" came


def test_an_entry_older_than_its_ttl_is_built_again() -> None:
    shelf: Shelf[int] = Shelf(entries=2, ttl_s=0.05)
    shelf.get("k", lambda: 1)
    assert shelf.get("k", lambda: 2) == 1
    time.sleep(0.06)
    assert shelf.get("k", lambda: 3) == 3


def test_a_failed_build_is_not_kept() -> None:
    shelf: Shelf[int] = Shelf(entries=2)

    def broken() -> int:
        raise ValueError("the database did not answer")

    with pytest.raises(ValueError):
        shelf.get("k", broken)
    assert shelf.get("k", lambda: 7) == 7


def test_after_a_failed_build_the_waiting_tabs_still_build_one_at_a_time() -> None:
    shelf: Shelf[int] = Shelf(entries=4)
    gate, lock = threading.Event(), threading.Lock()
    running, most, calls = [0], [0], [0]

    def build() -> int:
        with lock:
            calls[0] += 1
            first = calls[0] == 1
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            if first:  # the first build fails once every tab is waiting on it
                gate.wait(5)
                raise ConnectionError("the database did not answer")
            time.sleep(0.02)
            return 42
        finally:
            with lock:
                running[0] -= 1

    def tab() -> None:
        with contextlib.suppress(ConnectionError):
            shelf.get("home", build)

    tabs = [threading.Thread(target=tab) for _ in range(8)]
    for t in tabs:
        t.start()
    time.sleep(0.1)
    gate.set()
    late = [threading.Thread(target=tab) for _ in range(8)]  # arriving after the failure
    for t in late:
        t.start()
    for t in tabs + late:
        t.join(5)
    assert most[0] == 1 and shelf.get("home", lambda: 0) == 42
