"""Whose content pack a participant's pages follow, through the services, on SQLite and
PostgreSQL: their cohort's; the one they last joined or chose among several; the server's own
after leaving, in no cohort, or when the pack is gone."""

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from followthrough import config
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Forbidden
from followthrough.services import cohorts
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store import migrate
from followthrough.store.cohorts import CohortRepository
from followthrough.store.db import make_engine
from followthrough.store.people import PeopleRepository
from tests.packs import STEP1_TITLE, make_pack, packs

__all__ = ["packs"]  # a fixture
NOW = datetime(2026, 11, 25, 10, 0)
A_TITLE = "Pack A, take notes right after the interview"
B_TITLE = "Pack B, take notes right after the interview"


@pytest.fixture
def two_packs(packs: Path) -> Path:
    make_pack(packs, "pack_a", STEP1_TITLE, A_TITLE)
    make_pack(packs, "pack_b", STEP1_TITLE, B_TITLE)
    return packs


@pytest.fixture
def base(store_url: str, two_packs: Path) -> Workbook:
    return open_workbook(store_url)


def person(base: Workbook, subject: str) -> Workbook:
    who = PeopleRepository(base.engine).sign_in("https://id.example.org", subject, subject.title())
    return base.as_person(who)


def cohort_with_code(base: Workbook, coach: str, name: str, pack: str) -> tuple[int, str]:
    wb = person(base, coach)
    made = cohorts.create(wb, name, None, None, pack)
    return made.id, cohorts.new_invite(wb, made.id, NOW).code


def step1_title(wb: Workbook) -> str:
    """Step 1's title in the pack this person's pages follow."""
    return load_content(cohorts.followed_dir(wb)).steps[0].title


def test_each_participant_gets_the_words_of_their_cohorts_pack(base: Workbook) -> None:
    _, code_a = cohort_with_code(base, "cara", "Cohort A", "pack_a")
    _, code_b = cohort_with_code(base, "dan", "Cohort B", "pack_b")
    ann, bob, cy = person(base, "ann"), person(base, "bob"), person(base, "cy")
    cohorts.join(ann, code_b, NOW)
    cohorts.join(bob, code_a, NOW)
    assert step1_title(ann) == B_TITLE
    assert step1_title(bob) == A_TITLE
    assert cohorts.followed_dir(cy) == DEFAULT_CONTENT_DIR  # in no cohort
    assert step1_title(cy) == STEP1_TITLE
    # a coach's own pages are theirs; the cohort's pack is on its coach's pages
    assert cohorts.followed_dir(person(base, "cara")) == DEFAULT_CONTENT_DIR
    [made] = person(base, "cara").repo(CohortRepository).coached()
    assert cohorts.pack_dir_of(person(base, "cara"), made.id) == config.pack_dir("pack_a")
    with pytest.raises(Forbidden):
        cohorts.pack_dir_of(person(base, "dan"), made.id)


def test_a_participant_of_several_cohorts_chooses_whose_words_and_leaving_goes_back(
    base: Workbook,
) -> None:
    a_id, code_a = cohort_with_code(base, "cara", "Cohort A", "pack_a")
    b_id, code_b = cohort_with_code(base, "dan", "Cohort B", "pack_b")
    ann = person(base, "ann")
    cohorts.join(ann, code_a, NOW)
    cohorts.join(ann, code_b, NOW + timedelta(hours=1))
    assert cohorts.followed_dir(ann) == config.pack_dir("pack_b")  # the one joined last

    view = cohorts.screen(ann, load_content(DEFAULT_CONTENT_DIR), NOW)
    assert view.following is not None
    assert view.following.cohort_id == b_id
    assert view.following.choices == {
        a_id: "Cohort A (content pack pack_a)",
        b_id: "Cohort B (content pack pack_b)",
    }
    assert view.following.note == "Your pages use the words of Cohort B's content pack (pack_b)."

    said = cohorts.follow(ann, a_id, NOW + timedelta(hours=2))
    assert said == "Your pages now use the words of Cohort A (content pack pack_a)."
    assert cohorts.followed_dir(ann) == config.pack_dir("pack_a")
    assert cohorts.followed_dir(person(base, "ann")) == config.pack_dir("pack_a")  # remembered

    with pytest.raises(Forbidden):
        cohorts.follow(person(base, "bob"), a_id, NOW)  # not a participant

    cohorts.leave(ann, a_id)  # leaving the chosen cohort: back to the one left
    assert cohorts.followed_dir(ann) == config.pack_dir("pack_b")
    following = cohorts.screen(ann, load_content(DEFAULT_CONTENT_DIR), NOW).following
    assert following is not None and following.choices == {}  # one cohort: nothing to choose
    cohorts.leave(ann, b_id)  # in no cohort: the server's own words
    assert cohorts.followed_dir(ann) == DEFAULT_CONTENT_DIR
    assert cohorts.screen(ann, load_content(DEFAULT_CONTENT_DIR), NOW).following is None


def test_a_pack_gone_from_the_server_or_a_name_that_escapes_gives_the_default(
    base: Workbook, two_packs: Path
) -> None:
    b_id, code_b = cohort_with_code(base, "dan", "Cohort B", "pack_b")
    ann = person(base, "ann")
    cohorts.join(ann, code_b, NOW)
    shutil.rmtree(two_packs / "pack_b")
    assert cohorts.followed_dir(ann) == DEFAULT_CONTENT_DIR
    view = cohorts.screen(ann, load_content(DEFAULT_CONTENT_DIR), NOW)
    assert view.following is not None
    assert "(pack_b) is not available on this server" in view.following.note

    with base.engine.begin() as conn:  # a name written into the database by other means
        conn.execute(
            text("UPDATE cohorts SET content_pack = :pack WHERE id = :id"),
            {"pack": "../packs/pack_a", "id": b_id},
        )
    assert cohorts.followed_dir(ann) == DEFAULT_CONTENT_DIR


def test_a_membership_from_before_0009_upgrades_with_no_choice_made(store_url: str) -> None:
    engine = make_engine(store_url)
    migrate.upgrade(engine, "0008")
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO people (id, handle, display_name) VALUES (1, 'coach', 'Cara')"))
        run(text("INSERT INTO people (id, handle, display_name) VALUES (2, 'ann', 'Ann')"))
        run(
            text(
                "INSERT INTO cohorts (id, owner_id, name, content_pack) "
                "VALUES (1, 1, 'Cohort A', 'content')"
            )
        )
        run(
            text("INSERT INTO memberships (owner_id, cohort_id, joined_at) VALUES (2, 1, :at)"),
            {"at": NOW},
        )
    migrate.upgrade(engine)
    followed = CohortRepository(engine, 2).followed()
    assert followed is not None and followed.name == "Cohort A"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT followed_at FROM memberships")).scalar() is None
