"""Cohorts, invites, roles and consent through the services, on SQLite and PostgreSQL."""

from datetime import date, datetime, timedelta

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Forbidden, Invalid, NotFound, ShareKind
from followthrough.services import cohorts
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository

NOW = datetime(2026, 11, 25, 10, 0)
PACK = DEFAULT_CONTENT_DIR.name


@pytest.fixture
def base(store_url: str) -> Workbook:
    return open_workbook(store_url)


def person(base: Workbook, subject: str) -> Workbook:
    who = PeopleRepository(base.engine).sign_in("https://id.example.org", subject, subject.title())
    return base.as_person(who)


@pytest.fixture
def cohort(base: Workbook):
    """Coach Cara's cohort with a fresh invite code."""
    cara = person(base, "cara")
    made = cohorts.create(cara, "Spring cohort", date(2026, 12, 1), date(2026, 12, 20), PACK)
    return cara, made, cohorts.new_invite(cara, made.id, NOW)


def test_a_coach_creates_a_cohort_and_invites_with_a_code(cohort) -> None:
    cara, made, invite = cohort
    assert (made.name, made.coach_name, made.content_pack) == ("Spring cohort", "Cara", PACK)
    assert len(invite.code) == cohorts.CODE_LENGTH and invite.expires_at == NOW + timedelta(14)
    view = cohorts.screen(cara, load_content(DEFAULT_CONTENT_DIR), NOW)
    [coached] = view.coached
    assert coached.title == "Spring cohort · Tue 2026/12/01 – 2026/12/20"
    assert coached.caption == f"Content pack: {PACK} · 0 participants"
    assert [(i.code, i.active) for i in coached.invites] == [(invite.code, True)]


def test_a_cohort_needs_a_name_and_dates_in_order(base: Workbook) -> None:
    cara = person(base, "cara")
    with pytest.raises(Invalid, match="Give the cohort a name"):
        cohorts.create(cara, "  ", None, None, PACK)
    with pytest.raises(Invalid, match="ends before it starts"):
        cohorts.create(cara, "X", date(2026, 12, 2), date(2026, 12, 1), PACK)
    with pytest.raises(Invalid, match="No content pack"):
        cohorts.create(cara, "X", None, None, "elsewhere")


def test_joining_binds_the_signed_in_person_as_participant(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    ann = person(base, "ann")
    said = cohorts.join(ann, invite.code.lower()[:4] + "-" + invite.code[4:], NOW)
    assert said.startswith("You joined Spring cohort (coach: Cara).")
    cohorts.join(ann, invite.code, NOW)  # twice: still one membership
    assert [m.name for m in cara.repo(CohortRepository).members(made.id)] == ["Ann"]
    assert cohorts.member_of(ann, made.id).name == "Spring cohort"


def test_an_invite_code_expires_and_can_be_revoked(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    ann = person(base, "ann")
    with pytest.raises(Invalid, match="has expired"):
        cohorts.join(ann, invite.code, invite.expires_at)
    with pytest.raises(NotFound, match="No cohort has this invite code"):
        cohorts.join(ann, "NOSUCHCODE", NOW)
    cohorts.revoke_invite(cara, made.id, invite.id, NOW)
    with pytest.raises(Invalid, match="withdrawn by the coach"):
        cohorts.join(ann, invite.code, NOW)
    view = cohorts.screen(cara, load_content(DEFAULT_CONTENT_DIR), NOW)
    assert view.coached[0].invites[0].status == "withdrawn 2026/11/25 10:00"
    with pytest.raises(Invalid, match="You coach this cohort"):
        cohorts.join(cara, cohorts.new_invite(cara, made.id, NOW).code, NOW)


def test_roles_are_checked_on_every_call(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    ann, bob = person(base, "ann"), person(base, "bob")
    cohorts.join(ann, invite.code, NOW)
    for call in (
        lambda: cohorts.new_invite(ann, made.id, NOW),
        lambda: cohorts.revoke_invite(ann, made.id, invite.id, NOW),
        lambda: cohorts.coach_of(ann, made.id),
    ):
        with pytest.raises(Forbidden, match="Only this cohort's coach"):
            call()
    for call in (
        lambda: cohorts.share(bob, made.id, ShareKind.STEP_STATUS),
        lambda: cohorts.withdraw(bob, made.id, ShareKind.STEP_STATUS),
        lambda: cohorts.leave(bob, made.id),
        lambda: cohorts.set_shared_items(cara, made.id, []),
    ):
        with pytest.raises(Forbidden, match="not a participant"):
            call()


def test_a_coach_can_be_a_participant_elsewhere(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    dan = person(base, "dan")
    other = cohorts.create(dan, "Autumn cohort", None, None, PACK)
    cohorts.join(cara, cohorts.new_invite(dan, other.id, NOW).code, NOW)
    ann = person(base, "ann")
    cohorts.join(ann, invite.code, NOW)
    cohorts.join(ann, cohorts.new_invite(dan, other.id, NOW).code, NOW)
    view = cohorts.screen(cara, load_content(DEFAULT_CONTENT_DIR), NOW)
    assert [c.title for c in view.coached] == ["Spring cohort · Tue 2026/12/01 – 2026/12/20"]
    assert [c.title for c in view.joined] == ["Autumn cohort"]
    ann_view = cohorts.screen(ann, load_content(DEFAULT_CONTENT_DIR), NOW)
    assert [c.coach for c in ann_view.joined] == ["Cara", "Dan"]  # several cohorts, one workbook


def test_private_by_default_shared_by_choice_and_taken_back(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    ann = person(base, "ann")
    load_sample(ann, date(2026, 11, 25))
    cohorts.join(ann, invite.code, NOW)
    coach = cara.repo(ConsentRepository)
    assert coach.granted(made.id) == []
    pack = load_content(DEFAULT_CONTENT_DIR)
    [joined] = cohorts.screen(ann, pack, NOW).joined
    assert joined.summary.startswith("Your coach sees nothing of yours")
    note = next(i for i in joined.items if i.kind == "note")
    cohorts.set_shared(ann, made.id, ShareKind.STEP_STATUS, True)
    cohorts.set_shared_items(ann, made.id, [(note.kind, note.id)])
    assert {(s.kind, s.item) for s in coach.granted(made.id)} == {
        (ShareKind.STEP_STATUS, 0),
        (ShareKind.NOTE, note.id),
    }
    assert coach.shared_item(made.id, ann.owner.id, ShareKind.NOTE, note.id) is not None
    [joined] = cohorts.screen(ann, pack, NOW).joined
    assert (
        joined.summary
        == "Your coach sees your step status and 1 item you picked; nothing else of yours."
    )
    cohorts.set_shared_items(ann, made.id, [])  # withdrawn: the coach's next read finds nothing
    assert coach.shared_item(made.id, ann.owner.id, ShareKind.NOTE, note.id) is None
    cohorts.set_shared(ann, made.id, ShareKind.STEP_STATUS, False)
    assert coach.granted(made.id) == []


def test_leaving_ends_all_sharing(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    ann = person(base, "ann")
    cohorts.join(ann, invite.code, NOW)
    cohorts.set_shared(ann, made.id, ShareKind.PIPELINE, True)
    assert cohorts.leave(ann, made.id).startswith("You left Spring cohort")
    assert cara.repo(ConsentRepository).granted(made.id) == []
    cohorts.join(ann, invite.code, NOW)  # back again: nothing is shared until chosen anew
    assert cara.repo(ConsentRepository).granted(made.id) == []


def test_removing_a_shared_item_removes_its_share(base: Workbook, cohort) -> None:
    cara, made, invite = cohort
    ann = person(base, "ann")
    load_sample(ann, date(2026, 11, 25))
    cohorts.join(ann, invite.code, NOW)
    item = ann.repo(ConsentRepository).items()[0]
    cohorts.share(ann, made.id, item.kind, item.id)
    interview = ann.repo(InterviewRepository).get(item.interview_id)
    ann.repo(InterviewRepository).delete(interview.id)
    assert cara.repo(ConsentRepository).granted(made.id) == []
    assert ann.repo(AnswerRepository).for_step(item.interview_id, "notes") == {}
