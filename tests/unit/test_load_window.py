"""benchmarks/load.py's Window: runs/s counts the reruns that ended while every tab was asking."""

import pytest

from benchmarks import load


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The benchmark's time.perf_counter, set by the test."""
    now = [0.0]
    monkeypatch.setattr(load.time, "perf_counter", lambda: now[0])
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
