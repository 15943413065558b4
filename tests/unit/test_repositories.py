import importlib
import inspect
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Connection, Engine, select

from followthrough import store
from followthrough.models import (
    Application,
    Channel,
    Contact,
    Instruction,
    Interview,
    Interviewer,
    InterviewFormat,
    NotFound,
    PlanItem,
    ShareKind,
    Stage,
    StatusEvent,
)
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.backup import parse, to_json
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.drafts import DraftRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.frames import FrameRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.owned import OwnedRepository
from followthrough.store.people import PeopleRepository, ProfileRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.removal import Removed
from followthrough.store.tables import (
    applications,
    drafts,
    interviewers,
    interviews,
    metadata,
    people,
)
from followthrough.store.thank_you import ThankYouRepository


def _interview(app_id: int) -> Interview:
    return Interview(
        application_id=app_id,
        round_number=1,
        format=InterviewFormat.PANEL,
        starts_at=datetime(2026, 11, 20, 9, 0),
        ends_at=datetime(2026, 11, 20, 10, 30),
        location="HQ",
        decision_expected_on=date(2026, 12, 1),
        interviewers=[Interviewer("Ada", "CTO", "ada@x.example"), Interviewer("Bo")],
    )


@pytest.fixture
def workbook(store_url: str) -> Workbook:
    """Every repository test runs on SQLite and on PostgreSQL."""
    return open_workbook(store_url)


@pytest.fixture
def repos(workbook: Workbook) -> tuple[ApplicationRepository, ApplicationRepository]:
    """Repositories of two different people on the same database."""
    other = PeopleRepository(workbook.engine).get_or_create("other", "Someone else")
    return (
        workbook.repo(ApplicationRepository),
        ApplicationRepository(workbook.engine, other.id),
    )


def test_local_person_is_created_once(workbook: Workbook) -> None:
    people = PeopleRepository(workbook.engine)
    assert people.local() == people.local() == workbook.owner


def test_application_round_trip_with_its_first_stage(repos) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst", "referral", applied_on=date(2026, 11, 1)))
    assert mine.get(app_id).company == "Initech"
    assert [(e.stage, e.occurred_on) for e in mine.events(app_id)] == [
        (Stage.APPLIED, date(2026, 11, 1))
    ]


def test_interview_keeps_interviewers_in_order_and_appends_a_stage(repos) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst", applied_on=date(2026, 11, 1)))
    interview_id = InterviewRepository(mine.engine, mine.owner_id).add(_interview(app_id))
    stored = InterviewRepository(mine.engine, mine.owner_id).get(interview_id)
    assert [p.name for p in stored.interviewers] == ["Ada", "Bo"]
    assert stored.format is InterviewFormat.PANEL
    assert [e.stage for e in mine.events(app_id)] == [Stage.APPLIED, Stage.INTERVIEW]


def test_stage_history_is_appended_never_overwritten(repos) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst", applied_on=date(2026, 11, 1)))
    mine.add_event(StatusEvent(app_id, Stage.REJECTED, date(2026, 11, 9)))
    assert [e.stage for e in mine.events(app_id)] == [Stage.APPLIED, Stage.REJECTED]


def test_owner_scoping_hides_and_protects_other_peoples_rows(repos) -> None:
    mine, theirs = repos
    app_id = mine.add(Application("Initech", "Analyst"))
    interview_id = InterviewRepository(mine.engine, mine.owner_id).add(_interview(app_id))
    assert theirs.get(app_id) is None
    assert theirs.all() == []
    assert InterviewRepository(theirs.engine, theirs.owner_id).summaries() == []
    assert (
        InterviewRepository(theirs.engine, theirs.owner_id).summaries(application_id=app_id) == []
    )
    other_app = mine.add(Application("Globex", "Analyst"))
    InterviewRepository(mine.engine, mine.owner_id).add(_interview(other_app))
    [only] = InterviewRepository(mine.engine, mine.owner_id).summaries(application_id=app_id)
    assert (only.interview.id, only.application.id) == (interview_id, app_id)
    assert InterviewRepository(theirs.engine, theirs.owner_id).get(interview_id) is None
    ada = InterviewRepository(mine.engine, mine.owner_id).get(interview_id).interviewers[0]
    assert InterviewRepository(mine.engine, mine.owner_id).get_interviewer(ada.id) == ada
    assert InterviewRepository(theirs.engine, theirs.owner_id).get_interviewer(ada.id) is None
    assert theirs.events(app_id) == []
    theirs.delete(app_id)
    theirs.update(Application("Hacked", "x", id=app_id))
    assert mine.get(app_id).company == "Initech"
    with pytest.raises(LookupError):
        InterviewRepository(theirs.engine, theirs.owner_id).add(_interview(app_id))
    with pytest.raises(LookupError):
        InterviewRepository(theirs.engine, theirs.owner_id).add_interviewer(
            interview_id, Interviewer("Mallory")
        )


def test_deleting_an_application_removes_its_interviews_and_answers(repos, workbook) -> None:
    mine, _ = repos
    app_id = mine.add(Application("Initech", "Analyst"))
    interview_id = InterviewRepository(mine.engine, mine.owner_id).add(_interview(app_id))
    answers = workbook.repo(AnswerRepository)
    answers.save(interview_id, "notes", "topics", "Scaling the data team")
    mine.delete(app_id)
    assert InterviewRepository(mine.engine, mine.owner_id).get(interview_id) is None
    assert answers.for_step(interview_id, "notes") == {}


def test_answers_are_upserted_per_prompt_and_subject(workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    interview_id = InterviewRepository(repo.engine, repo.owner_id).add(
        _interview(repo.add(Application("Initech", "Analyst")))
    )
    ada = str(workbook.repo(InterviewRepository).get(interview_id).interviewers[0].id)
    answers = workbook.repo(AnswerRepository)
    answers.save(interview_id, "notes", "topics", "first")
    answers.save(interview_id, "notes", "topics", "second")
    answers.save(interview_id, "notes", "topics", "for Ada", subject=ada)
    answers.save(interview_id, "notes", "topics", "for Ada, again", subject=ada)
    assert answers.for_step(interview_id, "notes") == {
        ("topics", ""): "second",
        ("topics", ada): "for Ada, again",
    }
    with pytest.raises(NotFound):  # an interviewer is a real reference, of this interview
        answers.save(interview_id, "notes", "topics", "for nobody", subject="999")
    other = PeopleRepository(workbook.engine).get_or_create("other")
    assert AnswerRepository(workbook.engine, other.id).for_step(interview_id, "notes") == {}


def test_drafts_are_per_owner_and_cleared_by_prefix(workbook: Workbook) -> None:
    drafts = workbook.repo(DraftRepository)
    drafts.save("form_a_company", "Initech")
    drafts.save("form_a_day", {"date": "2026-11-20"})
    drafts.save("form_b_company", "Globex")
    assert drafts.all("form_a_") == {
        "form_a_company": "Initech",
        "form_a_day": {"date": "2026-11-20"},
    }
    other = PeopleRepository(workbook.engine).get_or_create("other")
    assert DraftRepository(workbook.engine, other.id).all() == {}
    drafts.clear("form_a_")
    assert drafts.all() == {"form_b_company": "Globex"}


def test_samples_are_removed_without_touching_the_users_own_rows(workbook: Workbook) -> None:
    from followthrough.services.sample import has_sample, remove_sample

    mine = workbook.repo(ApplicationRepository)
    own = mine.add(Application("Mine", "Real job"))
    assert load_sample(workbook, date(2026, 11, 25)) == 8
    assert has_sample(workbook)
    assert remove_sample(workbook) == 8
    assert [a.id for a in mine.all()] == [own]


def test_answers_for_many_interviews_in_one_call(workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    first = InterviewRepository(repo.engine, repo.owner_id).add(
        _interview(repo.add(Application("Initech", "Analyst")))
    )
    second = InterviewRepository(repo.engine, repo.owner_id).add(
        _interview(repo.add(Application("Globex", "Engineer")))
    )
    answers = workbook.repo(AnswerRepository)
    answers.save(first, "notes", "topics", "Scaling")
    answers.save(first, "thank_you", "topics", "elsewhere")
    assert answers.for_step_many([first, second], "notes") == {
        first: {("topics", ""): "Scaling"},
        second: {},
    }


# -- every repository method, as one owner with another owner's ids ----------------------------
#
# Each public method of each repository in followthrough/store is listed here with the call that
# points it at owner B's rows while the repository belongs to owner A. A new method that is not
# listed fails `test_every_repository_method_is_probed` with its name.
#
# PROBE: the call must raise NotFound or give a blank result, and change nothing in the database.
# OWN: the call writes A's own rows (it takes no id of B's); B's rows must stay exactly as they were.

PROBE, OWN = "probe", "own"
DAY = date(2026, 11, 25)
DAY_TIME = datetime(2026, 11, 25, 9, 0)
NOT_OWNER_SCOPED = {
    "PeopleRepository": "finds or creates a person by handle: what sign-in does before any owner",
}


@dataclass(frozen=True)
class Theirs:
    """Owner B and the ids of one of B's rows in each table a method can be pointed at."""

    owner: int
    application: int
    interview: int
    interviewer: int
    instruction: int
    contact: int
    plan_item: int
    card: int
    draft_key: str
    cohort: int  # B coaches it
    invite: int
    code: str
    member: int  # a participant of B's cohort
    joined: int  # a cohort B is a participant of
    item: int  # B's note, shared with that cohort


def _in_transaction(repo: OwnedRepository, call: Callable[[Connection], Any]) -> Any:
    with repo.engine.begin() as conn:
        return call(conn)


def _interview_of(b: Theirs) -> Interview:
    return replace(_interview(b.application), id=b.interview, location="Changed by A")


CALLS: dict[str, tuple[str, Callable[[Any, Theirs], Any]]] = {
    # The base every repository is built on.
    "OwnedRepository.mine": (
        PROBE,
        lambda r, b: r.rows(select(applications).where(r.mine(applications))),
    ),
    "OwnedRepository.select_mine": (PROBE, lambda r, b: r.rows(r.select_mine(interviews))),
    "OwnedRepository.rows": (PROBE, lambda r, b: r.rows(r.select_mine(interviewers))),
    "OwnedRepository.first": (PROBE, lambda r, b: r.first(r.select_mine(interviewers))),
    "OwnedRepository.of_many": (
        PROBE,
        lambda r, b: r.rows(r.of_many(interviewers, "interview_id", [b.interview])),
    ),
    "OwnedRepository.require": (
        PROBE,
        lambda r, b: _in_transaction(r, lambda c: r.require(c, applications, b.application)),
    ),
    "OwnedRepository.insert_mine": (
        OWN,
        lambda r, b: _in_transaction(
            r, lambda c: r.insert_mine(c, drafts, key=b.draft_key, value='"A"')
        ),
    ),
    "OwnedRepository.update_mine": (
        PROBE,
        lambda r, b: r.update_mine(applications, b.application, company="Changed by A"),
    ),
    "OwnedRepository.delete_mine": (
        PROBE,
        lambda r, b: r.delete_mine(applications, applications.c.id == b.application),
    ),
    "OwnedRepository.upsert_mine": (
        OWN,
        lambda r, b: _in_transaction(
            r, lambda c: r.upsert_mine(c, drafts, {"key": b.draft_key}, {"value": '"A"'})
        ),
    ),
    "AccessLogRepository.record": (PROBE, lambda r, b: r.record(b.cohort, b.member, "x", DAY_TIME)),
    "AccessLogRepository.about_me": (PROBE, lambda r, b: r.about_me()),
    "AccessLogRepository.for_cohort": (
        PROBE,
        lambda r, b: r.for_cohort(b.cohort) + r.for_cohort(b.joined),
    ),
    "AccessLogRepository.forget_me": (PROBE, lambda r, b: r.forget_me(DAY_TIME)),
    "AccountRepository.mine": (  # a person owns their own row: anyone else's is B's
        PROBE,
        lambda r, b: [
            p for p in r.rows(select(people).where(r.mine(people))) if p.id != r.owner_id
        ],
    ),
    # A's own row (a fresh person: blank but for its creation time).
    "AccountRepository.about": (
        PROBE,
        lambda r, b: [v for k, v in r.about().items() if k != "created_at"],
    ),
    "AccountRepository.delete": (OWN, lambda r, b: r.delete()),  # A's own account only
    "CohortRepository.create": (OWN, lambda r, b: r.create("A's", None, None, "content")),
    "CohortRepository.coached": (PROBE, lambda r, b: r.coached()),
    "CohortRepository.coached_cohort": (PROBE, lambda r, b: r.coached_cohort(b.cohort)),
    "CohortRepository.add_invite": (
        PROBE,
        lambda r, b: r.add_invite(b.cohort, "AAAACODE", DAY_TIME),
    ),
    "CohortRepository.invites": (PROBE, lambda r, b: r.invites(b.cohort)),
    "CohortRepository.revoke_invite": (PROBE, lambda r, b: r.revoke_invite(b.invite, DAY_TIME)),
    "CohortRepository.members": (PROBE, lambda r, b: r.members(b.cohort) + r.members(b.joined)),
    # The code is what a coach hands out: joining with it writes A's own membership only.
    "CohortRepository.join": (OWN, lambda r, b: r.join(b.code, DAY_TIME)),
    "CohortRepository.joined": (PROBE, lambda r, b: r.joined()),
    "CohortRepository.leave": (PROBE, lambda r, b: r.leave(b.joined)),
    "CohortRepository.followed": (PROBE, lambda r, b: r.followed()),
    "CohortRepository.follow": (PROBE, lambda r, b: r.follow(b.joined, DAY_TIME)),
    "ConsentRepository.shares": (PROBE, lambda r, b: r.shares(b.joined)),
    "ConsentRepository.share": (
        PROBE,
        lambda r, b: r.share(b.joined, ShareKind.NOTE, b.item),
    ),
    "ConsentRepository.withdraw": (
        PROBE,
        lambda r, b: (
            r.withdraw(b.joined, ShareKind.STEP_STATUS)
            + r.withdraw(b.joined, ShareKind.NOTE, b.item)
        ),
    ),
    "ConsentRepository.items": (PROBE, lambda r, b: r.items()),
    "ConsentRepository.granted": (PROBE, lambda r, b: r.granted(b.cohort) + r.granted(b.joined)),
    "ConsentRepository.versions": (PROBE, lambda r, b: r.versions(b.cohort) | r.versions(b.joined)),
    "ConsentRepository.shared_item": (
        PROBE,
        lambda r, b: r.shared_item(b.joined, b.owner, ShareKind.NOTE, b.item),
    ),
    "AnswerRepository.for_step": (PROBE, lambda r, b: r.for_step(b.interview, "notes")),
    "AnswerRepository.for_step_many": (
        PROBE,
        lambda r, b: r.for_step_many([b.interview], "notes"),
    ),
    "AnswerRepository.save": (PROBE, lambda r, b: r.save(b.interview, "notes", "topics", "A")),
    "ApplicationRepository.add": (OWN, lambda r, b: r.add(Application("A's own", "Analyst"))),
    "ApplicationRepository.get": (PROBE, lambda r, b: r.get(b.application)),
    "ApplicationRepository.all": (PROBE, lambda r, b: r.all(include_archived=True)),
    "ApplicationRepository.update": (
        PROBE,
        lambda r, b: r.update(Application("Changed by A", "x", id=b.application)),
    ),
    "ApplicationRepository.delete": (PROBE, lambda r, b: r.delete(b.application)),
    "ApplicationRepository.delete_samples": (PROBE, lambda r, b: r.delete_samples()),
    "ApplicationRepository.has_samples": (PROBE, lambda r, b: r.has_samples()),
    "ApplicationRepository.sample_counts": (PROBE, lambda r, b: sum(r.sample_counts())),
    "ApplicationRepository.histories": (PROBE, lambda r, b: r.histories(include_archived=True)),
    "ApplicationRepository.events": (PROBE, lambda r, b: r.events(b.application)),
    "ApplicationRepository.add_event": (
        PROBE,
        lambda r, b: r.add_event(StatusEvent(b.application, Stage.OFFER, DAY)),
    ),
    "ApplicationRepository.add_event_in": (
        PROBE,
        lambda r, b: _in_transaction(
            r, lambda c: r.add_event_in(c, StatusEvent(b.application, Stage.OFFER, DAY))
        ),
    ),
    "ApplicationRepository.key_parts": (PROBE, lambda r, b: r.key_parts()),
    "ApplicationRepository.import_rows": (
        OWN,
        lambda r, b: r.import_rows(
            [{"company": "A's own", "role_title": "Analyst", "natural_key": "a|analyst"}],
            [[(Stage.APPLIED, DAY)]],
        ),
    ),
    "BackupRepository.backup": (PROBE, lambda r, b: r.backup()["tables"]),
    "BackupRepository.is_empty": (PROBE, lambda r, b: not r.is_empty()),
    "BackupRepository.restore": (  # A's workbook becomes a copy of B's; B's stays
        OWN,
        lambda r, b: r.restore(parse(to_json(type(r)(r.engine, b.owner).backup()))),
    ),
    "DraftRepository.all": (PROBE, lambda r, b: r.all()),
    "DraftRepository.save": (OWN, lambda r, b: r.save(b.draft_key, "A")),
    "DraftRepository.clear": (PROBE, lambda r, b: r.clear("")),
    "FollowUpRepository.instructions": (PROBE, lambda r, b: r.instructions(b.interview)),
    "FollowUpRepository.instructions_for": (
        PROBE,
        lambda r, b: r.instructions_for([b.interview]),
    ),
    "FollowUpRepository.add_instruction": (
        PROBE,
        lambda r, b: r.add_instruction(Instruction(b.interview, "A's", Channel.EMAIL)),
    ),
    "FollowUpRepository.update_instruction": (
        PROBE,
        lambda r, b: r.update_instruction(
            Instruction(b.interview, "Changed by A", Channel.PHONE, id=b.instruction)
        ),
    ),
    "FollowUpRepository.delete_instruction": (
        PROBE,
        lambda r, b: r.delete_instruction(b.instruction),
    ),
    "FollowUpRepository.contacts": (PROBE, lambda r, b: r.contacts(b.interview)),
    "FollowUpRepository.contacts_for": (PROBE, lambda r, b: r.contacts_for([b.interview])),
    "FollowUpRepository.log_contact": (
        PROBE,
        lambda r, b: r.log_contact(Contact(b.interview, Channel.PHONE, DAY)),
    ),
    "FollowUpRepository.delete_contact": (PROBE, lambda r, b: r.delete_contact(b.contact)),
    "FollowUpRepository.plan": (PROBE, lambda r, b: r.plan(b.interview)),
    "FollowUpRepository.plans_for": (PROBE, lambda r, b: r.plans_for([b.interview])),
    "FollowUpRepository.latest_caller": (PROBE, lambda r, b: r.latest_caller()),
    "FollowUpRepository.save_plan_field": (
        PROBE,
        lambda r, b: r.save_plan_field(b.interview, "phone", "555 0100"),
    ),
    "FrameRepository.applications": (PROBE, lambda r, b: r.applications()),
    "FrameRepository.events": (PROBE, lambda r, b: r.events()),
    "FrameRepository.data_version": (PROBE, lambda r, b: r.data_version()),
    "FrameRepository.insert": (
        OWN,
        lambda r, b: r.insert(
            FrameRepository(r.engine, b.owner).applications(),
            FrameRepository(r.engine, b.owner).events(),
        ),
    ),
    "InterviewRepository.add": (PROBE, lambda r, b: r.add(_interview(b.application))),
    "InterviewRepository.get": (PROBE, lambda r, b: r.get(b.interview)),
    "InterviewRepository.update": (PROBE, lambda r, b: r.update(_interview_of(b))),
    "InterviewRepository.delete": (PROBE, lambda r, b: r.delete(b.interview)),
    "InterviewRepository.summaries": (
        PROBE,
        lambda r, b: r.summaries(True) + r.summaries(True, application_id=b.application),
    ),
    "InterviewRepository.add_interviewer": (
        PROBE,
        lambda r, b: r.add_interviewer(b.interview, Interviewer("Mallory")),
    ),
    "InterviewRepository.get_interviewer": (PROBE, lambda r, b: r.get_interviewer(b.interviewer)),
    "InterviewRepository.update_interviewer": (
        PROBE,
        lambda r, b: r.update_interviewer(Interviewer("Changed by A", id=b.interviewer)),
    ),
    "InterviewRepository.delete_interviewer": (
        PROBE,
        lambda r, b: r.delete_interviewer(b.interviewer),
    ),
    "MomentumRepository.plan": (PROBE, lambda r, b: r.plan(b.interview)),
    "MomentumRepository.plans_for": (PROBE, lambda r, b: r.plans_for([b.interview])),
    "MomentumRepository.ensure_plan": (
        PROBE,
        lambda r, b: r.ensure_plan([PlanItem(b.interview, "lead", "A's")]),
    ),
    "MomentumRepository.add_item": (
        PROBE,
        lambda r, b: r.add_item(PlanItem(b.interview, "lead", "A's")),
    ),
    "MomentumRepository.update_item": (
        PROBE,
        lambda r, b: r.update_item(b.plan_item, "Changed by A", True),
    ),
    "MomentumRepository.delete_item": (PROBE, lambda r, b: r.delete_item(b.plan_item)),
    "MomentumRepository.weekly_goal": (PROBE, lambda r, b: r.weekly_goal(0)),
    "MomentumRepository.set_weekly_goal": (OWN, lambda r, b: r.set_weekly_goal(9)),
    "MomentumRepository.check_in": (PROBE, lambda r, b: r.check_in(b.interview)),
    "MomentumRepository.save_check_in": (
        PROBE,
        lambda r, b: r.save_check_in(b.interview, "feeling", "A's"),
    ),
    "MomentumRepository.applied_dates": (PROBE, lambda r, b: r.applied_dates()),
    "MomentumRepository.stage_history": (PROBE, lambda r, b: r.stage_history()),
    "ProfileRepository.mine": (  # a person owns their own row: anyone else's is B's
        PROBE,
        lambda r, b: [
            p for p in r.rows(select(people).where(r.mine(people))) if p.id != r.owner_id
        ],
    ),
    "ProfileRepository.get": (PROBE, lambda r, b: r.get()),
    "ProfileRepository.set": (OWN, lambda r, b: r.set(signature="A")),
    "PracticeRepository.all": (PROBE, lambda r, b: r.all()),
    "PracticeRepository.for_interview": (PROBE, lambda r, b: r.for_interview(b.interview)),
    "PracticeRepository.add": (PROBE, lambda r, b: r.add(b.interview, "A's question")),
    "PracticeRepository.update": (
        PROBE,
        lambda r, b: r.update(b.card, question="Changed by A"),
    ),
    "PracticeRepository.record_practice": (PROBE, lambda r, b: r.record_practice(b.card, DAY)),
    "PracticeRepository.delete": (PROBE, lambda r, b: r.delete(b.card)),
    "RemovalRepository.take": (PROBE, lambda r, b: r.take("interviewers", b.interviewer)),
    # A's own removal, forged to put a row back under B's interview: refused like B's own removal.
    "RemovalRepository.put_back": (
        PROBE,
        lambda r, b: r.put_back(
            Removed(
                r.owner_id,
                "interviewers",
                999_999,
                (("interviewers", {"id": 999_999, "interview_id": b.interview, "name": "A"}),),
            )
        ),
    ),
    "ThankYouRepository.for_interview": (PROBE, lambda r, b: r.for_interview(b.interview)),
    "ThankYouRepository.sent_counts": (PROBE, lambda r, b: r.sent_counts()),
    "ThankYouRepository.save": (PROBE, lambda r, b: r.save(b.interviewer, body="A's")),
    "ThankYouRepository.culture": (PROBE, lambda r, b: r.culture(b.application)),
    "ThankYouRepository.set_culture": (
        PROBE,
        lambda r, b: r.set_culture(b.application, "start-up"),
    ),
}


def _repository_classes() -> dict[str, type]:
    """Every class named *Repository defined in a module of followthrough/store."""
    found = {}
    for module_info in pkgutil.iter_modules(store.__path__):
        if module_info.ispkg:
            continue
        module = importlib.import_module(f"{store.__name__}.{module_info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and name.endswith("Repository"):
                found[name] = cls
    return found


def _public_methods() -> set[str]:
    """'Class.method' for every public method a repository defines itself (the base's once)."""
    return {
        f"{name}.{method}"
        for name, cls in _repository_classes().items()
        if issubclass(cls, OwnedRepository)
        for method, value in vars(cls).items()
        if callable(value) and not method.startswith("_")
    }


def test_every_repository_method_is_probed() -> None:
    classes = _repository_classes()
    assert {n for n, c in classes.items() if not issubclass(c, OwnedRepository)} == set(
        NOT_OWNER_SCOPED
    ), "a repository that is not an OwnedRepository must say why in NOT_OWNER_SCOPED"
    methods = _public_methods()
    assert sorted(methods - set(CALLS)) == [], "list these methods in CALLS"
    assert sorted(set(CALLS) - methods) == [], "these methods are gone: take them out of CALLS"


def _theirs(wb: Workbook) -> Theirs:
    """Owner B with a row in every owned table."""
    load_sample(wb, DAY)
    summary = next(s for s in wb.repo(InterviewRepository).summaries() if s.interview.interviewers)
    interview_id = summary.interview.id
    person = summary.interview.interviewers[0]
    follow_ups, momentum = wb.repo(FollowUpRepository), wb.repo(MomentumRepository)
    instruction = follow_ups.add_instruction(Instruction(interview_id, "B's", Channel.EMAIL))
    contact = follow_ups.log_contact(Contact(interview_id, Channel.EMAIL, DAY))
    follow_ups.save_plan_field(interview_id, "phone", "555 0199")
    momentum.add_item(PlanItem(interview_id, "lead", "B's lead"))
    momentum.set_weekly_goal(5)
    momentum.save_check_in(interview_id, "feeling", "B's feeling")
    card = wb.repo(PracticeRepository).add(interview_id, "B's question")
    wb.repo(ThankYouRepository).set_culture(summary.application.id, "corporate")
    wb.repo(DraftRepository).save("interviews_new_company", "B's draft")
    wb.repo(ProfileRepository).set(strongest_skill="B's skill", signature="B")
    wb.repo(AnswerRepository).save(interview_id, "notes", "topics", "B's note")
    cohort_rows = _cohort_rows(wb)
    return Theirs(
        owner=wb.owner.id,
        application=summary.application.id,
        interview=interview_id,
        interviewer=person.id,
        instruction=instruction,
        contact=contact,
        plan_item=momentum.plan(interview_id)[0].id,
        card=card,
        draft_key="interviews_new_company",
        **cohort_rows,
    )


def _cohort_rows(wb: Workbook) -> dict[str, Any]:
    """B coaches a cohort (an invite, a participant D) and is a participant of C's cohort, where B
    shares their step status and one note, and C has opened that note."""
    people = PeopleRepository(wb.engine)
    c, d = people.get_or_create("coach c", "C"), people.get_or_create("participant d", "D")
    b_cohorts = wb.repo(CohortRepository)
    cohort = b_cohorts.create("B's cohort", DAY, DAY, "content")
    invite = b_cohorts.add_invite(cohort, "BBBBCODE", datetime(2099, 1, 1))
    CohortRepository(wb.engine, d.id).join("BBBBCODE", datetime(2026, 11, 25))
    c_cohorts = CohortRepository(wb.engine, c.id)
    joined = c_cohorts.create("C's cohort", None, None, "content")
    c_cohorts.add_invite(joined, "CCCCCODE", datetime(2099, 1, 1))
    b_cohorts.join("CCCCCODE", datetime(2026, 11, 25))
    answer = wb.repo(ConsentRepository).items()[0]
    wb.repo(ConsentRepository).share(joined, ShareKind.STEP_STATUS)
    wb.repo(ConsentRepository).share(joined, answer.kind, answer.id)
    AccessLogRepository(wb.engine, c.id).record(joined, wb.owner.id, "a note", DAY_TIME)
    return {
        "cohort": cohort,
        "invite": invite,
        "code": "BBBBCODE",
        "member": d.id,
        "joined": joined,
        "item": answer.id,
    }


def _snapshot(engine: Engine, owner: int | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (only `owner`'s rows when given), in id order."""
    found = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            query = select(table).order_by(table.c.id)
            if owner is not None:
                query = query.where(
                    (table.c.owner_id if "owner_id" in table.c else table.c.id) == owner
                )
            found[table.name] = [tuple(row) for row in conn.execute(query)]
    return found


def _blank(value: Any) -> bool:
    """Nothing read: None, empty, zero, or made only of blanks (a dataclass echoing its id too)."""
    if isinstance(value, pd.DataFrame):
        return value.empty
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, Sequence | set) and not isinstance(value, str):
        return all(_blank(v) for v in value)
    if is_dataclass(value):
        return all(
            _blank(getattr(value, f.name)) for f in fields(value) if f.name != "interview_id"
        )
    return not value


def _probe(wb: Workbook, b: Theirs, name: str) -> str:
    """What `name` did wrong as a fresh owner A pointed at B's rows ('' when nothing)."""
    kind, call = CALLS[name]
    cls = _repository_classes()[name.split(".")[0]]
    a = PeopleRepository(wb.engine).get_or_create(f"probe {name}")
    before = _snapshot(wb.engine, None if kind == PROBE else b.owner)
    try:
        result = call(cls(wb.engine, a.id), b)
    except NotFound:
        result = None
    except Exception as exc:  # e.g. a foreign key refusing what the owner filter let through
        return f"raised {exc!r:.200}"
    if kind == PROBE and not _blank(result):
        return f"read {result!r}"
    after = _snapshot(wb.engine, None if kind == PROBE else b.owner)
    changed = sorted(t for t in before if before[t] != after[t])
    return f"changed {', '.join(changed)}" if changed else ""


@pytest.fixture
def theirs(store_url: str) -> tuple[Workbook, Theirs]:
    """A database where owner B has a row in every owned table."""
    wb = open_workbook(store_url)
    b = _theirs(wb.as_person(PeopleRepository(wb.engine).get_or_create("owner b", "B")))
    rows = _snapshot(wb.engine, b.owner)
    owned = [t.name for t in metadata.sorted_tables if "owner_id" in t.c]
    assert [t for t in owned if not rows[t]] == [], "give owner B a row in these tables"
    return wb, b


def test_no_repository_method_reaches_another_owners_rows(theirs) -> None:
    wb, b = theirs
    problems = {name: _probe(wb, b, name) for name in CALLS}
    assert {name: what for name, what in problems.items() if what} == {}
