"""Workshop plans in the content pack, and the facilitator's clock."""

import shutil

import pytest

from followthrough.cli import main
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import ContentError, load_content
from followthrough.workshops import Clock, clock_from, clock_params
from tests.conftest import CoachPack

PLAN = "workshops/after_the_interview.yaml"


def _shipped():
    return load_content(DEFAULT_CONTENT_DIR).workshops[0]


def test_the_shipped_workshop_covers_the_four_steps_in_60_to_90_minutes() -> None:
    plan = _shipped()
    assert 60 <= plan.total_minutes <= 90
    pages = [s.exercise.page for s in plan.segments if s.exercise]
    assert {"notes", "thank_you", "follow_up", "momentum"} <= set(pages)
    assert all(s.discussion.strip() and s.minutes > 0 for s in plan.segments)


def test_content_check_shows_each_workshops_total(coach_pack: CoachPack, capsys) -> None:
    assert main(["content", "check", str(coach_pack.dir)]) == 0
    assert "workshop after_the_interview: 8 segments, 75 minutes." in capsys.readouterr().out


def test_a_pack_without_workshops_still_loads(coach_pack: CoachPack) -> None:
    shutil.rmtree(coach_pack.dir / "workshops")
    assert load_content(coach_pack.dir).workshops == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("minutes: 15", "minutes: 0", r"segments\[1\]\.minutes: Input should be greater than 0"),
        (
            "page: notes",
            "page: step1",
            r"segments\[1\]\.exercise\.page: Input should be 'home', 'interviews', 'notes'",
        ),
        ("id: practice_bank", "id: take_notes", r"yaml: duplicate segment id 'take_notes'"),
        ("    discussion: >-\n      Could", "    discussio: >-\n      Could", r"unknown key"),
    ],
)
def test_a_broken_plan_names_its_file_and_path(
    coach_pack: CoachPack, old: str, new: str, message: str
) -> None:
    file = coach_pack.edit(PLAN, old, new)
    with pytest.raises(ContentError, match=message) as caught:
        load_content(coach_pack.dir)
    assert str(caught.value).startswith(str(file))


def test_content_check_refuses_a_broken_plan(coach_pack: CoachPack, capsys) -> None:
    coach_pack.edit(PLAN, "minutes: 5", "minutes: -5")
    assert main(["content", "check", str(coach_pack.dir)]) == 1
    assert "after_the_interview.yaml: segments[0].minutes" in capsys.readouterr().err


def test_two_files_may_not_share_a_workshop_id(coach_pack: CoachPack) -> None:
    copy = coach_pack.dir / "workshops" / "zz_copy.yaml"
    shutil.copy(coach_pack.dir / PLAN, copy)
    with pytest.raises(
        ContentError,
        match=r"zz_copy\.yaml: id: workshop id 'after_the_interview' is used by an earlier",
    ):
        load_content(coach_pack.dir)


def test_the_clock_counts_down_pauses_resumes_and_runs_over() -> None:
    plan = _shipped()  # the first segment has 5 minutes
    ready = Clock()
    assert not ready.running and ready.remaining(plan, now=1000) == 300
    running = ready.start(now=1000)
    assert running.remaining(plan, now=1060) == 240
    paused = running.pause(now=1090)
    assert paused.remaining(plan, now=5000) == 210  # time stands still while paused
    resumed = paused.start(now=5000)
    assert resumed.remaining(plan, now=5010) == 200
    assert resumed.remaining(plan, now=5000 + 300) == -90  # over time
    assert resumed.restart(now=6000).remaining(plan, now=6000) == 300


def test_moving_keeps_the_timer_running_or_waiting() -> None:
    plan = _shipped()
    running = Clock().start(now=0).go(plan, 1, now=500)
    assert (running.segment, running.started) == (1, 500)
    waiting = Clock().go(plan, 1, now=500)
    assert (waiting.segment, waiting.running) == (1, False)
    assert Clock().go(plan, 99, now=0).segment == len(plan.segments) - 1
    assert Clock(2).go(plan, -1, now=0).segment == 0


def test_the_clock_round_trips_through_the_url() -> None:
    plan = _shipped()
    for clock in (Clock(3), Clock(3, started=1_764_000_000), Clock(1, paused=42)):
        params = clock_params(plan, clock)
        assert clock_from(plan, params) == clock
    assert clock_params(plan, Clock(1, paused=42)) == {
        "workshop": "after_the_interview",
        "segment": "take_notes",
        "paused": "42",
    }


def test_a_garbled_url_gives_a_waiting_first_segment() -> None:
    plan = _shipped()
    params = {"segment": "nope", "started": "soon", "paused": "inf"}
    assert clock_from(plan, params) == Clock()
