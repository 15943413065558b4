"""One interview walked through time with a fixed clock (FOLLOWTHROUGH_NOW, read by ui/clock.py).

A week before, the morning of, an hour after, the next day, a week later and past the decision date:
at each moment Home and each step show what is due then, and nothing before its step's moment.
`screens(workbook, monkeypatch)` gives every page's text at every moment, for the closing note.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from followthrough.models import (
    Application,
    Channel,
    Contact,
    Interview,
    Interviewer,
    InterviewFormat,
    PlanItem,
    Stage,
    StatusEvent,
)
from followthrough.services import follow_up
from followthrough.services.workbook import Workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.conftest import ROOT
from ui.clock import ENV

START = datetime(2026, 12, 8, 10, 0)  # Tue 8 Dec 2026, 10:00–11:00, in person
END = START + timedelta(hours=1)
DECISION = date(2026, 12, 18)  # "we will decide by Friday the 18th"
MOMENTS = {
    "a week before": datetime(2026, 12, 1, 9, 0),
    "the morning of": datetime(2026, 12, 8, 8, 0),
    "an hour after": datetime(2026, 12, 8, 12, 0),
    "the next day": datetime(2026, 12, 9, 9, 0),
    "a week later": datetime(2026, 12, 15, 10, 0),
    "past the decision date": datetime(2026, 12, 21, 10, 0),
}
PAGES = {
    "Home": "app_pages/home.py",
    "Step 1": "app_pages/step1_notes.py",
    "Step 2": "app_pages/step2_thank_you.py",
    "Step 3": "app_pages/step3_follow_up.py",
    "Step 4": "app_pages/step4_momentum.py",
}
KINDS = {"title", "subheader", "markdown", "caption", "info", "success", "warning", "error", "code"}
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Walk:
    """The interview being walked, and how to open a page at a moment."""

    interview_id: int
    people: list[int]
    open: Callable[[str, datetime], AppTest]


def record(wb: Workbook) -> tuple[int, list[int]]:
    """The interview: applied a month before, two interviewers, the decision date they gave."""
    apps = wb.repo(ApplicationRepository)
    app_id = apps.add(
        Application("Northwind Analytics", "Senior Product Designer", applied_on=date(2026, 11, 9))
    )
    interview_id = wb.repo(InterviewRepository).add(
        Interview(
            app_id,
            1,
            InterviewFormat.IN_PERSON,
            START,
            END,
            decision_expected_on=DECISION,
            interviewers=[Interviewer("Tom Okafor"), Interviewer("Lena Park")],
        )
    )
    people = [p.id for p in wb.repo(InterviewRepository).get(interview_id).interviewers]
    return interview_id, [p for p in people if p is not None]


def act(wb: Workbook, walk_id: int, people: list[int], moment: str) -> None:
    """What the user has done by `moment`: notes and thank-you notes right after the interview,
    the next-day plan the next day."""
    order = list(MOMENTS)
    if order.index(moment) > order.index("an hour after"):
        answers = wb.repo(AnswerRepository)
        for person in people:
            answers.save(walk_id, "notes", "topics", "Scaling the design system", str(person))
        answers.save(walk_id, "notes", "company_learned", "Series B, 80 people", "")
        answers.save(walk_id, "notes", "self_evaluation", "Good on research, vague on metrics", "")
        for person in people:
            wb.repo(ThankYouRepository).save(person, sent_on=END.date(), sent_channel="handwritten")
    if order.index(moment) > order.index("the next day"):
        wb.repo(MomentumRepository).add_item(
            PlanItem(walk_id, "application", "Apply to Globex", done=True)
        )


def open_at(page: str, now: datetime, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """`page` as the app shows it at `now` (the interview is the workbook's only one)."""
    monkeypatch.setenv(ENV, now.isoformat())
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if page != PAGES["Home"]:
        at.switch_page(page).run()
    return at


@pytest.fixture
def walk(workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Walk]:
    interview_id, people = record(workbook)

    def _at(moment: str) -> Walk:
        act(workbook, interview_id, people, moment)
        return Walk(interview_id, people, lambda page, now: open_at(page, now, monkeypatch))

    return _at


def text(at: AppTest) -> str:
    """Everything the main area says, in the order it is drawn, as the reader sees it (the
    escapes that keep user text from being read as Markdown taken out); links as '→ label'."""
    lines = []
    for node in at.main:
        if node.type in KINDS:
            lines.append(_ESCAPE.sub(r"\1", str(node.value)).replace("\u2060", ""))
        elif node.type == "page_link":
            lines.append(f"→ {node.proto.label}")
    return "\n".join(lines)


def _step(at: AppTest, page: str) -> str:
    assert not at.exception, at.exception
    return text(at)


def test_a_week_before(walk) -> None:
    w, now = walk("a week before"), MOMENTS["a week before"]
    home = w.open(PAGES["Home"], now)
    shown = text(home)
    assert "Nothing is due right now." in shown
    assert "Coming up on 2026/12/08 at 10:00." in shown
    # The before-you-go card waits in the interview's card; it leads only on the day.
    assert "Today at" not in shown
    assert "Before you go: Northwind" not in shown  # folded: drawn once opened
    home.session_state[f"home_before_{w.interview_id}"] = True  # as a click on it does
    assert "Before you go: Northwind Analytics, 2026/12/08 at 10:00" in text(home.run())
    follow_up = _step(w.open(PAGES["Step 3"], now), "Step 3")
    assert "Before you leave, ask for their timeline and protocol." in follow_up
    notes = _step(w.open(PAGES["Step 1"], now), "Step 1")
    assert "This interview is on Tue 2026/12/08 at 10:00: take notes right after it." in notes
    assert "A stamped, pre-addressed envelope" in notes
    assert "When do they expect to decide?" in notes
    assert "You are meeting Tom Okafor and Lena Park" in notes
    assert not home.exception


def test_the_morning_of(walk) -> None:
    w, now = walk("the morning of"), MOMENTS["the morning of"]
    home = w.open(PAGES["Home"], now)
    shown = text(home)
    assert "Today at 10:00: Northwind Analytics — before you go" in shown
    assert shown.index("before you go") < shown.index("What to do now")  # the card leads
    assert "Pack your thank-you kit" in shown and "Before you leave, ask" in shown
    assert "Nothing is due right now." in shown  # Step 4 is not due on the interview day
    assert "Make your plan" not in shown
    momentum = _step(w.open(PAGES["Step 4"], now), "Step 4")
    assert "While you wait" not in momentum  # nothing to wait for before the interview
    assert not home.exception


def test_an_hour_after(walk) -> None:
    w, now = walk("an hour after"), MOMENTS["an hour after"]
    home = w.open(PAGES["Home"], now)
    shown = text(home)
    assert "before you go" not in shown.casefold()  # it yields to step 1
    assert "Take notes while it is fresh (3 prompts left)." in shown
    assert "Memory fades fast" in shown
    assert "Send 2 thank-you notes today." in shown
    assert "A prompt note helps you stand out, for the right reasons" in shown
    assert shown.index("Take notes while") < shown.index("Send 2 thank-you notes")
    assert "Make your plan" not in shown and "status call" not in shown.casefold()
    notes = _step(w.open(PAGES["Step 1"], now), "Step 1")
    assert "The interview ended 1 hour ago. Good timing" in notes
    assert "Pack your thank-you kit" not in notes
    thanks = _step(w.open(PAGES["Step 2"], now), "Step 2")
    # The decision date is carried over from the interview, visibly, and steers the channel.
    assert (
        "From the interview's timeline: they expect to decide by 2026/12/18, "
        "10 days after the interview." in thanks
    )
    assert "Recommended: Handwritten." in thanks
    assert "Sending it the same day, by hand" in thanks
    assert "Sending it the same day, by e-mail" not in thanks
    assert not home.exception


def test_the_next_day(walk) -> None:
    w, now = walk("the next day"), MOMENTS["the next day"]
    home = w.open(PAGES["Home"], now)
    shown = text(home)
    assert "Make your plan for Wed 2026/12/09: applications to send, leads to contact." in shown
    assert "Keep searching the very next day" in shown
    assert "Take notes while" not in shown and "Take your notes now" not in shown  # done
    assert "thank-you notes today" not in shown
    momentum = _step(w.open(PAGES["Step 4"], now), "Step 4")
    assert "Your plan for Wednesday 2026/12/09" in momentum
    notes = _step(w.open(PAGES["Step 1"], now), "Step 1")
    assert "Notes taken." in notes  # written an hour after: no "memory fades" the next day
    assert "write your notes now, before anything else" not in notes
    assert not home.exception


def test_a_week_later(walk) -> None:
    w, now = walk("a week later"), MOMENTS["a week later"]
    home = w.open(PAGES["Home"], now)
    shown = text(home)
    # A week on, but before their own timeline: the call waits until after the 18th.
    assert "Nothing is due right now." in shown
    assert (
        "Nothing is due right now. Next: Status call on 2026/12/21, "
        "if you haven't heard back by then." in shown
    )
    follow_up = _step(w.open(PAGES["Step 3"], now), "Step 3")
    assert "after the company's own timeline (2026/12/18)" in follow_up
    assert "Status call on 2026/12/21, if you haven't heard back by then." in follow_up
    momentum = _step(w.open(PAGES["Step 4"], now), "Step 4")
    assert "While you wait" in momentum
    assert "An offer can take days, weeks or longer" in momentum
    assert "Sitting back to wait costs you" in momentum
    assert "Northwind Analytics expected to decide" not in shown  # not past their date yet
    assert not home.exception


def test_past_the_decision_date(walk) -> None:
    w, now = walk("past the decision date"), MOMENTS["past the decision date"]
    home = w.open(PAGES["Home"], now)
    shown = text(home)
    assert "Place your status call (planned for 2026/12/21)." in shown
    assert "ask about the status of the position" in shown
    assert (
        "Northwind Analytics expected to decide by 2026/12/18, 3 days ago, "
        "and you haven't heard." in shown
    )
    follow_up = _step(w.open(PAGES["Step 3"], now), "Step 3")
    assert "Place your status call (planned for 2026/12/21)." in follow_up  # as on Home
    assert "calling about the status of the position" in follow_up  # the voicemail says why
    assert not home.exception


def test_no_status_call_after_a_no_and_one_at_most_then_the_ball_is_theirs(
    walk, workbook: Workbook
) -> None:
    w, now = walk("past the decision date"), MOMENTS["past the decision date"]
    follow_up = workbook.repo(FollowUpRepository)
    follow_up.log_contact(Contact(w.interview_id, Channel.VOICEMAIL, date(2026, 12, 21)))
    shown = _step(w.open(PAGES["Step 3"], now), "Step 3")
    assert "The ball is in their court now" in shown
    assert "While you wait" in shown and "An offer can take days, weeks or longer" in shown
    assert "Place your status call" not in text(w.open(PAGES["Home"], now))
    # They said no: nothing to call about, on Home or on step 3.
    app_id = workbook.repo(InterviewRepository).get(w.interview_id).application_id
    workbook.repo(ApplicationRepository).add_event(
        StatusEvent(app_id, Stage.REJECTED, date(2026, 12, 22))
    )
    later = datetime(2026, 12, 23, 9, 0)
    shown = _step(w.open(PAGES["Step 3"], later), "Step 3")
    assert "They said no (2026/12/22): there is nothing to call about." in shown
    assert shown.count("They said no") == 1  # said once, where the call would be
    assert "While you wait" not in shown
    home = text(w.open(PAGES["Home"], later))
    assert "status call" not in home.casefold() and "expected to decide" not in home


def test_when_they_said_they_will_call_there_is_no_call_to_make(walk, workbook) -> None:
    w, now = walk("past the decision date"), MOMENTS["past the decision date"]
    workbook.repo(AnswerRepository).save(w.interview_id, "follow_up", "hear_back", "they_will_call")
    home = text(w.open(PAGES["Home"], now))
    assert "Place your status call" not in home
    shown = _step(w.open(PAGES["Step 3"], now), "Step 3")
    assert "They said they will contact you either way" in shown
    assert "While you wait" in shown


def test_step_2_asks_for_the_decision_date_it_decides_on(walk, workbook: Workbook) -> None:
    """Not given at the interview: step 2 says why the date matters; typed there, it turns the
    recommendation and the kit to e-mail, and step 3 plans the call with the same date."""
    w, now = walk("an hour after"), MOMENTS["an hour after"]
    follow_up.save_decision(workbook, w.interview_id, None)
    at = w.open(PAGES["Step 2"], now)
    shown = _step(at, "Step 2")
    assert "Not known yet. If they decide within 7 days of the interview" in shown
    assert "Recommended: Handwritten." in shown and "Sending it the same day, by hand" in shown
    at.date_input(key=f"step2_decision_{w.interview_id}").set_value(date(2026, 12, 10)).run()
    shown = _step(at, "Step 2")
    assert (
        "From the interview's timeline: they expect to decide by 2026/12/10, "
        "2 days after the interview." in shown
    )
    assert "Recommended: E-mail." in shown
    assert "Sending it the same day, by e-mail" in shown
    assert "Sending it the same day, by hand" not in shown
    step3 = w.open(PAGES["Step 3"], now)
    assert step3.date_input(key=f"step3_decision_{w.interview_id}").value == date(2026, 12, 10)
    assert not step3.exception


def screens(workbook: Workbook, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    """Every page's text at every moment (for the closing note)."""
    interview_id, people = record(workbook)
    found: dict[str, dict[str, str]] = {}
    for moment, now in MOMENTS.items():
        act(workbook, interview_id, people, moment)
        found[moment] = {
            name: text(open_at(page, now, monkeypatch)) for name, page in PAGES.items()
        }
    return found
