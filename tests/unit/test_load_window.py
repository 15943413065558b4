"""benchmarks/load.py's Window: runs/s counts the reruns that ended while every tab was asking."""

import asyncio
from types import SimpleNamespace
from typing import cast

import pytest

from benchmarks import load
from tests.loops import off_this_thread


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The benchmark's time.perf_counter, set by the test."""
    now = [0.0]
    monkeypatch.setattr(load, "time", SimpleNamespace(perf_counter=lambda: now[0]))
    return now


def test_the_window_runs_from_the_last_first_rerun_back_to_the_first_tab_done(
    clock: list[float],
) -> None:
    window = load.Window(tabs=2, clocks={})
    events = [  # (time, tab, its rerun, shown)
        (1.0, "a", 0, True),
        (2.0, "a", 1, True),
        (3.0, "b", 0, True),  # the window opens: both tabs have had a rerun back
        (4.0, "a", 2, False),  # showed an exception: not work done
        (5.0, "b", 1, True),
        (6.0, "a", 3, True),  # a is done: the window closes
        (7.0, "b", 2, True),
        (8.0, "b", 3, True),
    ]
    for at, _tab, rerun, shown in events:
        clock[0] = at
        window.rerun_ended(shown, first=rerun == 0)
        if rerun == 3:
            window.tab_done()
    measured = window.measured()
    assert measured is not None
    seconds, runs, cores = measured
    assert (seconds, runs) == (3.0, 2)  # b's second (5.0) and a's last (6.0)
    assert set(cores) == {"idle"}


def test_no_window_when_a_tab_is_done_before_every_tab_had_a_rerun_back(
    clock: list[float],
) -> None:
    window = load.Window(tabs=2, clocks={})
    clock[0] = 1.0
    window.rerun_ended(True, first=True)
    window.tab_done()  # one rerun a tab: a is done at once
    clock[0] = 2.0
    window.rerun_ended(True, first=True)
    window.tab_done()
    assert window.measured() is None


class Tab:
    """A session whose reruns each take a second of the test's clock; lost after `lost_after`."""

    def __init__(self, clock: list[float], lost_after: int) -> None:
        self.clock, self.lost_after, self.reruns = clock, lost_after, 0

    async def rerun(self) -> float:
        self.clock[0] += 1
        self.reruns += 1
        if self.reruns > self.lost_after:
            raise OSError("gone")
        return 1.0


def test_a_lost_tab_does_not_close_the_window(clock: list[float]) -> None:
    window = load.Window(tabs=2, clocks={})
    latencies: list[float] = []
    errors: list[str] = []
    lost, kept = Tab(clock, lost_after=1), Tab(clock, lost_after=3)

    def three_reruns(tab: Tab) -> None:
        session = cast(load.Session, tab)
        off_this_thread(
            lambda: asyncio.run(load._session_reruns(session, 3, latencies, errors, window))
        )

    three_reruns(lost)
    assert errors == ["OSError: gone"] * 2 and not window.closed
    three_reruns(kept)
    measured = window.measured()
    assert measured is not None
    assert measured[:2] == (2.0, 2)  # from kept's first rerun back (3.0) to its last (5.0)


def test_no_window_when_no_rerun_ended_in_it(clock: list[float]) -> None:
    window = load.Window(tabs=1, clocks={})
    clock[0] = 1.0
    window.rerun_ended(True, first=True)  # one tab, one rerun: it opens and closes at once
    window.tab_done()
    assert window.measured() is None
