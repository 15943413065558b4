"""The Workshop (projector) page: the segment shown, next and previous, the countdown, the demo."""

import shutil
import time
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from followthrough.services.sample import has_sample
from followthrough.services.workbook import Workbook
from followthrough.workshops import PAGE_IDS
from tests.conftest import ROOT, CoachPack

PAGE = "app_pages/workshop.py"
WELCOME = "Welcome: 250 résumés, 4–6 interviews, 1 offer"
NOTES = "Step 1 · Take notes before memory fades"


def _at(params: dict[str, str]) -> AppTest:
    """The page opened from a link (or a refresh) carrying `params` in its query."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params = dict(params)
    at.run()
    at.switch_page(PAGE)
    at.query_params = dict(params)
    return at.run()


def _clock(at: AppTest) -> tuple[str, str]:
    metric = at.metric[0]
    return metric.label, metric.value


def _seconds(shown: str) -> int:
    minutes, seconds = shown.lstrip("+").split(":")
    return int(minutes) * 60 + int(seconds)


def _timed(params: dict[str, str]) -> tuple[AppTest, float, float]:
    """The page opened from `params`, with the wall-clock seconds before and after its run."""
    before = time.time()
    at = _at(params)
    return at, before, time.time()


def _between(shown: str, least: float, most: float) -> bool:
    """A shown countdown ('04:10', '+01:40' as negative) lies within [least, most] seconds, to the
    second it is rounded to."""
    value = -_seconds(shown) if shown.startswith("+") else _seconds(shown)
    return least - 1 <= value <= most + 1


def test_the_first_segment_waits_for_start(open_page: Callable[[str], AppTest]) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == WELCOME
    assert _clock(at) == ("Ready", "05:00")
    assert at.button(key="workshop_previous").disabled
    assert at.query_params == {"workshop": "after_the_interview", "segment": "welcome"}
    assert not at.exception


def test_start_runs_the_clock_and_next_previous_move_with_it(
    open_page: Callable[[str], AppTest],
) -> None:
    at = open_page(PAGE)
    at.button(key="workshop_start").click().run()
    assert _clock(at) == ("Time left", "05:00")
    assert "started" in at.query_params
    at.button(key="workshop_next").click().run()
    assert at.title[0].value == NOTES
    assert _clock(at) == ("Time left", "15:00")  # the next segment's own time, already running
    assert at.query_params["segment"] == "take_notes"
    at.button(key="workshop_previous").click().run()
    assert at.title[0].value == WELCOME
    assert not at.exception


def test_pause_keeps_the_time_left_and_resume_goes_on(db_url: str) -> None:
    started = round(time.time()) - 65
    at = _at({"workshop": "after_the_interview", "segment": "welcome", "started": str(started)})
    before = time.time()
    at.button(key="workshop_pause").click().run()
    label, shown = _clock(at)
    assert label == "Paused"
    assert _between(shown, 300 - (time.time() - started), 300 - (before - started))
    assert "paused" in at.query_params and "started" not in at.query_params
    at.button(key="workshop_start").click().run()  # labelled Resume while paused
    label, resumed = _clock(at)
    assert label == "Time left" and _seconds(resumed) <= _seconds(shown) + 1  # whole seconds
    assert not at.exception


def test_a_refresh_comes_back_to_the_same_segment_and_time(db_url: str) -> None:
    started = round(time.time()) - 130
    params = {"workshop": "after_the_interview", "segment": "take_notes", "started": str(started)}
    at, before, after = _timed(params)
    assert at.title[0].value == NOTES
    label, shown = _clock(at)
    assert label == "Time left"
    assert _between(shown, 15 * 60 - (after - started), 15 * 60 - (before - started))
    assert at.markdown[0].value.startswith("💬 Could you name, word for word")
    assert not at.exception


def test_the_notes_and_the_agenda_are_drawn_once_opened(
    open_page: Callable[[str], AppTest],
) -> None:
    """Both are folded, and their content is sent only once opened (each rerun sends less)."""
    at = open_page(PAGE)
    assert [e.label for e in at.expander] == [
        "Facilitator's notes",
        "Agenda · After the interview: the four follow-up steps",
    ]
    assert not at.dataframe and all(not e.children for e in at.expander)
    at.session_state["workshop_notes"] = True  # as a click on each does
    at.session_state["workshop_agenda_fold"] = True
    at.run()
    notes, agenda = at.expander
    assert notes.markdown[0].value.startswith("- A corporate listing draws about 250 résumés")
    rows = agenda.dataframe[0].value
    assert rows["Segment"][0] == WELCOME and rows["Now"][0] == "▶"
    assert agenda.markdown[-1].value.startswith("**Materials**")
    assert not at.exception


def test_the_clock_runs_over_and_says_so(db_url: str) -> None:
    started = round(time.time()) - 5 * 60 - 100
    params = {"workshop": "after_the_interview", "segment": "welcome", "started": str(started)}
    at, before, after = _timed(params)
    label, shown = _clock(at)
    assert label == "Over time" and shown.startswith("+")
    assert _between(shown, 300 - (after - started), 300 - (before - started))
    assert at.warning[0].value == "Time's up — wrap up and move on."
    assert not at.exception


def test_the_last_segment_has_no_next(db_url: str) -> None:
    at = _at({"workshop": "after_the_interview", "segment": "close"})
    assert at.button(key="workshop_next").disabled
    assert any(c.value.startswith("Last segment") for c in at.caption)
    assert not at.exception


def test_a_garbled_link_shows_the_first_segment(db_url: str) -> None:
    at = _at({"workshop": "after_the_interview", "segment": "nope", "started": "later"})
    assert at.title[0].value == WELCOME
    assert _clock(at) == ("Ready", "05:00")
    assert not at.exception


def test_the_place_is_kept_when_an_exercise_is_opened_and_left(
    open_page: Callable[[str], AppTest],
) -> None:
    at = open_page(PAGE)
    at.button(key="workshop_next").click().run()
    at.switch_page("app_pages/home.py").run()
    at.query_params = {}  # the sidebar's link back carries no query
    at.switch_page(PAGE).run()
    assert at.title[0].value == NOTES
    assert at.query_params["segment"] == "take_notes"
    assert not at.exception


def test_one_click_loads_the_demo_workbook_and_opens_the_exercise(
    open_page: Callable[[str], AppTest], workbook: Workbook
) -> None:
    at = open_page(PAGE)
    at.button(key="workshop_next").click().run()
    assert not has_sample(workbook)
    at.button(key="workshop_demo").click().run()
    assert has_sample(workbook)
    assert at.title[0].value.startswith("Step 1")  # the notes page, on the sample's interview
    at.switch_page(PAGE).run()
    links = [link.proto.label for link in at.get("page_link")]
    assert "Open Step 1 · Take notes in the demo workbook" in links
    assert not at.exception


def test_a_pack_without_plans_says_where_to_add_one(
    coach_pack: CoachPack, open_page: Callable[[str], AppTest]
) -> None:
    shutil.rmtree(coach_pack.dir / "workshops")
    at = open_page(PAGE)
    assert "no workshop plans" in at.info[0].value
    assert not at.exception


def test_every_page_id_a_plan_may_name_is_a_page_of_the_app(
    open_page: Callable[[str], AppTest],
) -> None:
    at = open_page(PAGE)  # first: pages made outside a run would be broken for later tests
    from ui import navigation

    assert set(navigation.BY_ID) == {*PAGE_IDS, "workshop"}  # the projector is no exercise
    assert not at.exception
