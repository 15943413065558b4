"""Several content packs on one server, in the app: a participant's pages read their cohort's
pack, someone in no cohort the server's own; a participant of cohorts with different packs
chooses on the Cohorts page, and leaving goes back; a coach projects a cohort's workshop plans."""

from datetime import datetime
from pathlib import Path

import pytest

from followthrough.services import cohorts
from tests.app.hosted import hosted, open_as, person, workbook_of
from tests.conftest import CoachPack
from tests.packs import STEP1_TITLE, make_pack, packs

__all__ = ["hosted", "packs"]  # fixtures
STEP1 = "app_pages/step1_notes.py"
COHORTS = "app_pages/cohorts.py"
SPRING_TITLE = "Spring cohort, take notes before you leave the building"
NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def spring(packs: Path) -> Path:
    """A second pack on the server, 'spring', whose step 1 has its own title."""
    return make_pack(packs, "spring", STEP1_TITLE, SPRING_TITLE)


def _cohort(db_url: str, coach: str, name: str, pack: str) -> tuple[int, str]:
    """A cohort coached by `coach` using `pack`, and an invite code to it."""
    wb = workbook_of(db_url, coach, coach.title())
    made = cohorts.create(wb, name, None, None, pack)
    return made.id, cohorts.new_invite(wb, made.id, NOW).code


def _step1_title(subject: str) -> str:
    at = open_as(person(subject, subject.title()), STEP1)
    assert not at.exception
    return at.title[0].value


def test_a_participant_reads_the_words_of_their_cohorts_pack(hosted, spring) -> None:
    _, code = _cohort(hosted, "cara", "Spring cohort", "spring")
    cohorts.join(workbook_of(hosted, "ann", "Ann"), code, NOW)
    assert _step1_title("ann") == f"Step 1 — {SPRING_TITLE}"
    assert _step1_title("bob") == f"Step 1 — {STEP1_TITLE}"  # in no cohort: the server's pack
    assert _step1_title("cara") == f"Step 1 — {STEP1_TITLE}"  # a coach's own pages are theirs


def test_a_participant_of_two_cohorts_chooses_whose_words_and_leaving_goes_back(
    hosted, spring
) -> None:
    spring_id, spring_code = _cohort(hosted, "cara", "Spring cohort", "spring")
    autumn_id, autumn_code = _cohort(hosted, "dan", "Autumn cohort", "content")
    at = open_as(person("ann", "Ann"), COHORTS)
    for code in (spring_code, autumn_code):
        at.text_input(key="cohorts_join_code").input(code)
        at.button(key="FormSubmitter:cohorts_join-Join").click().run()
    choice = at.radio(key="cohorts_follow")
    assert choice.value == autumn_id  # the cohort joined last
    assert choice.options == [  # as shown
        "Spring cohort (content pack spring)",
        "Autumn cohort (content pack content)",
    ]
    assert _step1_title("ann") == f"Step 1 — {STEP1_TITLE}"

    choice.set_value(spring_id).run()
    assert at.radio(key="cohorts_follow").value == spring_id
    assert "Spring cohort's content pack (spring)" in " ".join(c.value for c in at.caption)
    at.switch_page(STEP1).run()  # the same session, on its next page
    assert at.title[0].value == f"Step 1 — {SPRING_TITLE}"
    assert _step1_title("ann") == f"Step 1 — {SPRING_TITLE}"  # remembered: a new session

    at.switch_page(COHORTS).run()
    at.button(key=f"cohorts_leave_{spring_id}").click().run()
    assert not at.get("radio")  # one cohort left: nothing to choose
    at.switch_page(STEP1).run()
    assert at.title[0].value == f"Step 1 — {STEP1_TITLE}"
    assert not at.exception


def test_a_broken_pack_leaves_its_participants_on_the_servers_words(hosted, spring) -> None:
    _, code = _cohort(hosted, "cara", "Spring cohort", "spring")
    cohorts.join(workbook_of(hosted, "ann", "Ann"), code, NOW)
    CoachPack(spring).edit("steps/01_notes.yaml", "number: 1", "number: one")
    assert _step1_title("ann") == f"Step 1 — {STEP1_TITLE}"
    at = open_as(person("cara", "Cara"), COHORTS)
    assert at.selectbox(key="cohorts_new_pack").options == ["content"]  # not offered
    assert not at.exception


def test_a_coach_projects_the_workshop_plans_of_their_cohorts_pack(hosted, spring) -> None:
    CoachPack(spring).edit(
        "workshops/after_the_interview.yaml",
        'title: "Welcome: 250 résumés',
        'title: "Spring welcome: 250 résumés',
    )
    _cohort(hosted, "cara", "Spring cohort", "spring")
    at = open_as(person("cara", "Cara"), "app_pages/workshop.py")
    assert at.title[0].value.startswith("Welcome:")  # her own pages' pack first
    packs = at.selectbox(key="workshop_pack")
    assert packs.options == [  # as shown
        "content (your own pages' words)",
        "spring (Spring cohort)",
    ]
    packs.set_value(spring).run()
    assert at.title[0].value.startswith("Spring welcome:")
    assert not at.exception
    assert not open_as(person("ann", "Ann"), "app_pages/workshop.py").get("selectbox")[1:]
