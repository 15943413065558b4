"""Every keystroke kept: words typed into a box survive a refresh or a closed tab within a second.

The keys are real key presses (no fill, no blur, no Enter): ui/keystrokes.js commits a box a moment
after its last key, and at once when the page goes away.
"""

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from playwright.sync_api import Locator, expect

from benchmarks.load import Session
from followthrough.models import Application, Interview, Interviewer, InterviewFormat
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from tests.e2e.conftest import IDLE, AppPage, Server

LEARNED = "What did you learn about the company?"
SKILL = "Your strongest matching skill for this role"
NOTE = "Your note (edit freely — it is saved as you type)"
SLOW = 120_000  # ms: a widget's code loads lazily, and slowly on a busy machine
TABS = 20  # at once (before deploy/streamlit_run.py let their last runs end, 4-7 lost their words)
LINE = "They ship every week; the team of 6 owns billing — end to end (café, naïve, 100%)."

# Counts the script's finished runs from now on (the app's own state attribute, every change).
COUNT_RUNS = """() => {
  window.__runs = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver((changes) => {
    for (const change of changes) if (change.oldValue === "running") window.__runs += 1;
  }).observe(app, {attributes: true, attributeOldValue: true,
                   attributeFilter: ["data-test-script-state"]});
}"""


def _interview(server: Server, company: str, hours_ago: int = 2) -> tuple[Workbook, int]:
    wb = open_workbook(server.db_url)
    repo = wb.repo(ApplicationRepository)
    start = datetime.now() - timedelta(hours=hours_ago)
    interview_id = InterviewRepository(repo.engine, repo.owner_id).add(
        Interview(
            repo.add(Application(company, "Analyst")),
            1,
            InterviewFormat.VIDEO,
            start,
            start + timedelta(hours=1),
            interviewers=[Interviewer("Rita")],
        )
    )
    return wb, interview_id


def _notes(wb: Workbook, interview_id: int) -> dict[tuple[str, str], str]:
    return wb.repo(AnswerRepository).for_step(interview_id, "notes")


def _idle(app: AppPage) -> None:
    """AppPage.wait_idle with room for a busy machine (the app's own state, never a sleep)."""
    app.page.wait_for_selector(IDLE, timeout=SLOW)
    app.page.wait_for_load_state("networkidle", timeout=SLOW)
    app.page.wait_for_selector(IDLE, timeout=SLOW)


def _open(app: AppPage, path: str) -> None:
    app.page.goto(f"{app.base_url}/{path}", timeout=SLOW)
    _idle(app)


def _reload(app: AppPage) -> None:
    app.page.reload(timeout=SLOW)
    _idle(app)


def _type(box: Locator, text: str) -> None:
    """Key presses into the box, as a person types (no fill, no blur, no Enter)."""
    box.click(timeout=SLOW)
    box.press("Control+End")
    box.press_sequentially(text, delay=15, timeout=SLOW)


def _runs(app: AppPage) -> int:
    return int(app.page.evaluate("window.__runs"))


def _wait_for_a_run(app: AppPage, after: int) -> None:
    app.page.wait_for_function(f"window.__runs > {after}", timeout=SLOW)
    _idle(app)


def test_a_refresh_right_after_the_last_key_keeps_every_character(
    app_page: AppPage, server: Server
) -> None:
    wb, interview_id = _interview(server, "Refresh Co")
    _open(app_page, f"step1_notes?interview={interview_id}")
    _type(app_page.page.get_by_role("textbox", name=LEARNED), LINE)
    _reload(app_page)  # at once: no blur, no Ctrl+Enter, no pause

    expect(app_page.page.get_by_role("textbox", name=LEARNED)).to_have_value(LINE, timeout=SLOW)
    assert _notes(wb, interview_id)[("company_learned", "")] == LINE
    app_page.screenshot("keystrokes_step1_after_refresh")


def test_tabs_that_go_away_right_after_committing_a_box_keep_every_word(
    server: Server, clean_workbook: None
) -> None:
    """A refresh at the protocol level, in TABS tabs at once: each commits its box as the page
    unloads (a rerun carrying the words, ui/keystrokes.js) and its websocket closes straight after."""
    interviews = [_interview(server, f"Gone Co {n}")[1] for n in range(TABS)]
    made = {interview_id: f"{LINE} ({n})" for n, interview_id in enumerate(interviews)}

    async def step1(interview_id: int) -> Session:
        """A new tab on the interview's Step 1, its first run done."""
        tab = Session(server.url, SLOW / 1000, query=f"interview={interview_id}")
        await tab.open("step1_notes")
        return tab

    async def go_away(interview_id: int, words: str) -> None:
        await (await step1(interview_id)).commit_and_leave(f"{LEARNED} *", words)

    async def all_at_once() -> None:
        await asyncio.gather(*(go_away(*tab) for tab in made.items()))

    async def shows_its_words(interview_id: int, words: str) -> bool:
        """Step 1 opened again, as the person would: does its box show `words`?"""
        tab = await step1(interview_id)
        await tab.close()
        return tab.shown(f"{LEARNED} *") == words

    async def until_every_box_shows_its_words() -> int:
        """Looks again at the boxes that did not show their words yet (the tabs' last runs may
        still be running). Each look is a run of the page: it waits on the server, not a clock."""
        left = dict(made)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(SLOW / 1000):
                while left:
                    looks = await asyncio.gather(*(shows_its_words(*tab) for tab in left.items()))
                    left = {
                        i: words
                        for (i, words), kept in zip(left.items(), looks, strict=True)
                        if not kept
                    }
        return TABS - len(left)

    with ThreadPoolExecutor(1) as pool:  # not in this thread: Playwright's event loop runs here
        pool.submit(asyncio.run, all_at_once()).result(timeout=SLOW / 1000)
        kept = pool.submit(asyncio.run, until_every_box_shows_its_words()).result()
    assert kept == TABS, f"{kept} of {TABS} kept"
    wb = open_workbook(server.db_url)
    assert {i: _notes(wb, i).get(("company_learned", "")) for i in made} == made


def test_a_pause_saves_the_box_while_the_cursor_stays_in_it(
    app_page: AppPage, server: Server
) -> None:
    wb, interview_id = _interview(server, "Pause Co")
    _open(app_page, f"step1_notes?interview={interview_id}")
    app_page.page.evaluate(COUNT_RUNS)
    box = app_page.page.get_by_role("textbox", name=LEARNED)
    _type(box, LINE)
    typed = _runs(app_page)
    _wait_for_a_run(app_page, typed)  # the commit a moment after the last key

    # One rerun per pause, not per key (a busy machine may hold a key back past the pause).
    assert typed <= len(LINE) // 10, f"{typed} reruns while typing {len(LINE)} characters"
    expect(box).to_be_focused()
    assert _notes(wb, interview_id)[("company_learned", "")] == LINE
    # Typing on straight after the save: the save's echo must not take back newer characters.
    more = " Next: ask about on-call."
    saved = _runs(app_page)
    _type(box, more)
    _wait_for_a_run(app_page, saved)
    expect(box).to_have_value(LINE + more, timeout=SLOW)
    assert _notes(wb, interview_id)[("company_learned", "")] == LINE + more


def test_a_closed_tab_after_a_pause_loses_nothing_in_a_new_one(
    app_page: AppPage, server: Server, new_tab: Callable[[], AppPage]
) -> None:
    wb, interview_id = _interview(server, "Closed Tab Co")
    _open(app_page, f"step1_notes?interview={interview_id}")
    app_page.page.evaluate(COUNT_RUNS)
    _type(
        app_page.page.get_by_role("textbox", name=SKILL), "Untangling legacy billing"
    )  # a text input
    _wait_for_a_run(app_page, 0)
    app_page.page.close()  # closed without its unload handlers: only the pause's save counts

    second = new_tab()
    _open(second, f"step1_notes?interview={interview_id}")
    expect(second.page.get_by_role("textbox", name=SKILL)).to_have_value(
        "Untangling legacy billing", timeout=SLOW
    )
    assert _notes(wb, interview_id)[("matching_skill", "")] == "Untangling legacy billing"


def test_a_closed_tab_right_after_the_last_key_loses_nothing(
    app_page: AppPage, server: Server, new_tab: Callable[[], AppPage]
) -> None:
    wb, interview_id = _interview(server, "Quick Close Co")
    _open(app_page, f"step1_notes?interview={interview_id}")
    _type(app_page.page.get_by_role("textbox", name=LEARNED), LINE)
    app_page.page.close(run_before_unload=True)  # as a person closes it: the page is told

    second = new_tab()
    _open(second, f"step1_notes?interview={interview_id}")
    expect(second.page.get_by_role("textbox", name=LEARNED)).to_have_value(LINE, timeout=SLOW)


def test_the_thank_you_note_keeps_what_was_typed_into_it(app_page: AppPage, server: Server) -> None:
    _, interview_id = _interview(server, "Note Co")
    _open(app_page, f"step2_thank_you?interview={interview_id}")
    note = app_page.page.get_by_role("textbox", name=NOTE)
    expect(note).to_be_visible(timeout=SLOW)
    before = note.input_value()
    app_page.page.evaluate(COUNT_RUNS)
    _type(note, " PS: the billing demo stayed with me.")
    _wait_for_a_run(app_page, 0)
    _reload(app_page)

    expect(app_page.page.get_by_role("textbox", name=NOTE)).to_have_value(
        before + " PS: the billing demo stayed with me.", timeout=SLOW
    )


def test_a_plan_row_redrawn_by_its_first_save_keeps_the_cursor_and_the_keys(
    app_page: AppPage, server: Server
) -> None:
    """Step 4's default plan row gets its id, so a new widget, on its first save."""
    _, interview_id = _interview(server, "Plan Co", hours_ago=26)
    _open(app_page, f"step4_momentum?interview={interview_id}")
    row = app_page.page.get_by_role("textbox", name="Application to send").first
    expect(row).to_be_visible(timeout=SLOW)
    before = row.input_value()
    app_page.page.evaluate(COUNT_RUNS)
    _type(row, " today")
    _wait_for_a_run(app_page, 0)  # the save that redraws the row
    app_page.page.keyboard.type(" and tomorrow", delay=15)
    _wait_for_a_run(app_page, _runs(app_page))

    row = app_page.page.get_by_role("textbox", name="Application to send").first
    expect(row).to_be_focused(timeout=SLOW)
    expect(row).to_have_value(before + " today and tomorrow", timeout=SLOW)
    _reload(app_page)
    expect(app_page.page.get_by_role("textbox", name="Application to send").first).to_have_value(
        before + " today and tomorrow", timeout=SLOW
    )
