"""ui/shelf: what every session of a server shares, kept by key."""

import contextlib
import threading

import pytest

from ui import shelf as shelf_module
from ui.shelf import Shelf


def test_tabs_opening_one_screen_together_build_it_once() -> None:
    shelf: Shelf[int] = Shelf(entries=4)
    builds: list[int] = []
    started, gate = threading.Event(), threading.Event()
    asking = [threading.Event() for _ in range(8)]

    def build() -> int:
        started.set()
        gate.wait(5)
        builds.append(1)
        return 42

    got: list[int] = []

    def tab(n: int) -> None:
        asking[n].set()
        got.append(shelf.get("home", build))

    tabs = [threading.Thread(target=tab, args=(n,)) for n in range(8)]
    for t in tabs:
        t.start()
    assert started.wait(5) and all(a.wait(5) for a in asking)
    gate.set()
    for t in tabs:
        t.join(5)
    assert got == [42] * 8 and builds == [1]


def test_keeps_the_last_entries_and_forgets_the_oldest() -> None:
    shelf: Shelf[str] = Shelf(entries=2)
    for key in ("a", "b", "c"):
        shelf.get(key, key.upper)
    assert shelf.get("b", lambda: "again") == "B"
    assert shelf.get("a", lambda: "again") == "again"  # the oldest went when "c" came


def test_an_entry_older_than_its_ttl_is_built_again(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(shelf_module.time, "monotonic", lambda: now[0])
    shelf: Shelf[int] = Shelf(entries=2, ttl_s=60)
    shelf.get("k", lambda: 1)
    now[0] += 59
    assert shelf.get("k", lambda: 2) == 1
    now[0] += 1
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
    lock = threading.Lock()
    started, gate, rebuilding, overlap, release = (threading.Event() for _ in range(5))
    running, most, calls = [0], [0], [0]

    def build() -> int:
        with lock:
            calls[0] += 1
            first = calls[0] == 1
            running[0] += 1
            most[0] = max(most[0], running[0])
            if running[0] > 1:
                overlap.set()
        try:
            if first:  # the first build fails once every tab is waiting on it
                started.set()
                gate.wait(5)
                raise ConnectionError("the database did not answer")
            rebuilding.set()
            release.wait(5)
            return 42
        finally:
            with lock:
                running[0] -= 1

    def tab(asking: threading.Event) -> None:
        asking.set()
        with contextlib.suppress(ConnectionError):
            shelf.get("home", build)

    def start(count: int) -> list[threading.Thread]:
        asked = [threading.Event() for _ in range(count)]
        threads = [threading.Thread(target=tab, args=(a,)) for a in asked]
        for t in threads:
            t.start()
        assert all(a.wait(5) for a in asked)
        return threads

    tabs = start(8)
    assert started.wait(5)
    gate.set()
    assert rebuilding.wait(5)  # a waiting tab builds again...
    late = start(8)  # ...while tabs arrive after the failure: none may build beside it
    overlap.wait(1)  # set at once by a second build, if one starts
    release.set()
    for t in tabs + late:
        t.join(5)
    assert most[0] == 1 and shelf.get("home", lambda: 0) == 42
