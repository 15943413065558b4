"""Who may do what, for every cohort page and service call: a participant of cohort A, a
participant of cohort B, A's coach, B's coach and a signed-out visitor.

Each participant writes a note only they know (a secret) and shares it with their cohort's coach;
the test looks for every secret in everything each role's pages show and hold in session state.
"""

from datetime import date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Forbidden, ShareKind
from followthrough.services import account, coach, cohorts, printable
from followthrough.services.sample import load_sample
from followthrough.store.answers import AnswerRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.interviews import InterviewRepository
from tests.app.hosted import SIGNED_OUT, hosted, open_as, person, workbook_of

__all__ = ["hosted"]  # a fixture
NOW = datetime.now()
ROLES = ("participant_a", "participant_b", "coach_a", "coach_b", "visitor")
PAGES = (
    "app_pages/home.py",
    "app_pages/tracker.py",
    "app_pages/analytics.py",
    "app_pages/step1_notes.py",
    "app_pages/cohorts.py",
    "app_pages/coach.py",
    "app_pages/account.py",
    "app_pages/workshop.py",
    "app_pages/printable.py",
)


@pytest.fixture
def world(hosted: str) -> dict:
    """Cohorts A and B, each with its coach and one participant sharing everything."""
    found: dict = {"url": hosted}
    for side in ("a", "b"):
        coach_wb = workbook_of(hosted, f"coach_{side}", f"Coach {side.upper()}")
        made = cohorts.create(
            coach_wb, f"Cohort {side.upper()}", None, None, DEFAULT_CONTENT_DIR.name
        )
        invite = cohorts.new_invite(coach_wb, made.id, NOW)
        member = workbook_of(hosted, f"participant_{side}", f"Participant {side.upper()}")
        load_sample(member, date.today())
        interview = member.repo(InterviewRepository).summaries()[0].interview
        secret = f"SECRET-OF-{side.upper()}"
        member.repo(AnswerRepository).save(interview.id, "notes", "what_mattered", secret)
        cohorts.join(member, invite.code, NOW)
        item = next(i for i in member.repo(ConsentRepository).items() if i.text == secret)
        for kind in (ShareKind.STEP_STATUS, ShareKind.PIPELINE):
            cohorts.share(member, made.id, kind)
        cohorts.share(member, made.id, item.kind, item.id)
        found[side] = {
            "cohort": made.id,
            "invite": invite.id,
            "item": item.id,
            "secret": secret,
            "member": member.owner.id,
            "interview": interview.id,
        }
        found[f"coach_{side}"], found[f"participant_{side}"] = coach_wb, member
    return found


def _service_calls(w: dict) -> dict[str, tuple[set[str], object]]:
    """Each call on cohort A or B, with the roles allowed to make it."""
    pack = load_content(DEFAULT_CONTENT_DIR)
    calls = {}
    for side in ("a", "b"):
        s = w[side]
        c, member = s["cohort"], s["member"]
        calls |= {
            f"new_invite {side}": (
                {f"coach_{side}"},
                lambda wb, c=c: cohorts.new_invite(wb, c, NOW),
            ),
            f"revoke_invite {side}": (
                {f"coach_{side}"},
                lambda wb, c=c, i=s["invite"]: cohorts.revoke_invite(wb, c, 10**9 + i, NOW),
            ),
            f"share {side}": (
                {f"participant_{side}"},
                lambda wb, c=c: cohorts.share(wb, c, ShareKind.PIPELINE),
            ),
            f"withdraw {side}": (
                {f"participant_{side}"},
                lambda wb, c=c: cohorts.withdraw(wb, c, ShareKind.THANK_YOU, 10**9),
            ),
            f"set_shared_items {side}": (
                {f"participant_{side}"},
                lambda wb, c=c, i=s["item"]: cohorts.set_shared_items(wb, c, [("note", i)]),
            ),
            f"coach view {side}": ({f"coach_{side}"}, lambda wb, c=c: coach.view(wb, pack, c, NOW)),
            f"report_lines {side}": (
                {f"coach_{side}"},
                lambda wb, c=c: coach.report_lines(wb, pack, c, NOW.date()),
            ),
            f"open_item {side}": (
                {f"coach_{side}"},
                lambda wb, c=c, m=member, i=s["item"]: coach.open_item(
                    wb, pack, c, m, "note", i, NOW
                ),
            ),
            f"export {side}": ({f"coach_{side}"}, lambda wb, c=c: coach.export(wb, pack, c, NOW)),
        }
    return calls


def test_every_service_call_is_allowed_to_exactly_its_roles(world: dict) -> None:
    for name, (allowed, call) in _service_calls(world).items():
        for role in ROLES:
            if role == "visitor":
                with pytest.raises(Forbidden, match="Sign in first"):
                    account.signed_in(world["coach_a"], None)  # no workbook without signing in
                continue
            wb = world[role]
            if role in allowed:
                call(wb)
            else:
                with pytest.raises(Forbidden):
                    call(wb)
                    pytest.fail(f"{role} may not call {name}")


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(data)).pages)


def test_the_printable_workbook_prints_only_the_callers_own_answers(world: dict) -> None:
    """Printing is no cohort call: anyone signed in prints their own workbook. Asked for
    participant A's interview, only participant A gets its answers; everyone else (their coach
    too) gets the blank workbook, and nobody is offered an interview of someone else's."""
    pack = load_content(DEFAULT_CONTENT_DIR)
    a = world["a"]
    secret = "PRINTED-ONLY-FOR-A"  # an answer to a prompt the workbook prints
    answers = world["participant_a"].repo(AnswerRepository)
    answers.save(a["interview"], "notes", "company_learned", secret)
    for role in ROLES[:-1]:
        wb = world[role]
        text = _pdf_text(printable.pdf(wb, pack, a["interview"], "A4"))
        view = printable.screen(wb)
        offered = view.choices
        if role == "participant_a":
            assert secret in text and "Your answers:" in text
            assert a["interview"] in offered
        else:
            assert secret not in text and "Your answers:" not in text, role
            assert a["interview"] not in offered, role
            assert printable.file_name(view, a["interview"], "pdf") == "participant-workbook.pdf"


def _everything_shown(at: AppTest) -> str:
    """Every text, option, label and table cell the run shows, and its session state."""
    parts = []
    for kind in (
        "title",
        "subheader",
        "markdown",
        "caption",
        "text",
        "info",
        "success",
        "warning",
        "error",
        "metric",
        "button",
        "toggle",
        "text_input",
        "selectbox",
        "multiselect",
        "dataframe",
        "expander",
        "download_button",
    ):
        for element in at.get(kind):
            parts.append(repr(getattr(element, "proto", element)))
            for attribute in ("value", "label", "options"):
                parts.append(repr(getattr(element, attribute, "")))
    parts.append(repr(at.session_state.to_dict()))
    return "\n".join(parts)


def test_every_page_shows_each_role_only_their_own(world: dict) -> None:
    secrets = {side: world[side]["secret"] for side in ("a", "b")}
    for role in ROLES:
        if role == "visitor":
            at = open_as(SIGNED_OUT)
            assert at.title[0].value == "Sign in to Follow-Through"
            for page in PAGES:
                with pytest.raises(ValueError, match="Could not find a navigation page"):
                    at.switch_page(page)
            assert not any(s in _everything_shown(at) for s in secrets.values())
            continue
        for page in PAGES:
            at = open_as(person(role, role), page)
            shown = _everything_shown(at)
            own_side = role[-1]
            for side, secret in secrets.items():
                # A participant's own note may show on their own pages; nobody else's does.
                if role != f"participant_{side}":
                    assert secret not in shown, (role, page, side)
            other = "B" if own_side == "a" else "A"
            assert f"Cohort {other}" not in shown, (role, page)
            assert not at.exception, (role, page)


def test_a_coach_reads_a_shared_note_only_by_opening_it(world: dict) -> None:
    at = open_as(person("coach_a", "Coach A"), "app_pages/coach.py")
    assert world["a"]["secret"] not in _everything_shown(at)  # listed by what it is, not its text
    a = world["a"]
    at.button(key=f"coach_open_{a['member']}_note_{a['item']}").click().run()
    assert a["secret"] in [t.value for t in at.text]
    assert world["b"]["secret"] not in _everything_shown(at)
    assert not at.exception
