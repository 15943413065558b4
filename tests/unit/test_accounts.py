"""Sign-in identities and a person's own data (download, delete), on SQLite and PostgreSQL."""

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Forbidden, Invalid, ShareKind
from followthrough.services import account, coach, cohorts
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.people import PeopleRepository
from followthrough.store.tables import access_log, metadata

ISSUER = "https://id.example.org"


@pytest.fixture
def base(store_url: str) -> Workbook:
    return open_workbook(store_url)


def test_a_person_is_their_providers_issuer_and_subject(base: Workbook) -> None:
    people = PeopleRepository(base.engine)
    ann = people.sign_in(ISSUER, "ann-1", "Ann", "ann@example.org")
    assert people.sign_in(ISSUER, "ann-1") == ann  # the same person at every sign-in
    # The same e-mail under another subject, or the same subject at another issuer: other people.
    assert people.sign_in(ISSUER, "ann-2", "Ann", "ann@example.org").id != ann.id
    assert people.sign_in("https://other.example", "ann-1", "Ann").id != ann.id
    assert ann.id != base.owner.id  # nor the local person


def test_the_name_follows_the_provider(base: Workbook) -> None:
    people = PeopleRepository(base.engine)
    people.sign_in(ISSUER, "ann-1", "Ann")
    assert people.sign_in(ISSUER, "ann-1", "Ann Smith").display_name == "Ann Smith"
    assert people.sign_in(ISSUER, "ann-1").display_name == "Ann Smith"  # none given: kept
    assert people.sign_in(ISSUER, "bo-1", "", "bo@example.org").display_name == "bo@example.org"


def test_an_identity_needs_an_issuer_and_a_subject(base: Workbook) -> None:
    with pytest.raises(ValueError, match="issuer and subject"):
        PeopleRepository(base.engine).sign_in("", "ann-1")
    with pytest.raises(Forbidden, match="Sign in first"):
        account.signed_in(base, None)


def test_signing_in_opens_the_persons_own_workbook(base: Workbook) -> None:
    wb = account.signed_in(base, account.Identity(ISSUER, "ann-1", "Ann"))
    assert wb.engine is base.engine
    assert wb.owner.display_name == "Ann"
    assert account.signed_in(base, account.Identity(ISSUER, "ann-1")).owner == wb.owner


NOW = datetime(2026, 11, 25, 10, 0)


def _cohort_with(base: Workbook) -> tuple[Workbook, Workbook, int]:
    """Cara coaches a cohort; Ann joined it, shares a note, and Cara opened it."""
    cara = account.signed_in(base, account.Identity(ISSUER, "cara", "Cara"))
    ann = account.signed_in(base, account.Identity(ISSUER, "ann", "Ann", "ann@example.org"))
    load_sample(ann, NOW.date())
    made = cohorts.create(cara, "Spring cohort", None, None, DEFAULT_CONTENT_DIR.name)
    cohorts.join(ann, cohorts.new_invite(cara, made.id, NOW).code, NOW)
    item = ann.repo(ConsentRepository).items()[0]
    cohorts.share(ann, made.id, item.kind, item.id)
    cohorts.share(ann, made.id, ShareKind.PIPELINE)
    pack = load_content(DEFAULT_CONTENT_DIR)
    coach.open_item(cara, pack, made.id, ann.owner.id, item.kind.value, item.id, NOW)
    return cara, ann, made.id


def test_a_person_downloads_everything_they_own(base: Workbook) -> None:
    cara, ann, cohort_id = _cohort_with(base)
    data = json.loads(account.my_data(ann))
    assert data["format"] == "followthrough-my-data"
    assert (data["person"]["issuer"], data["person"]["subject"]) == (ISSUER, "ann")
    assert len(data["workbook"]["tables"]["applications"]) == 8
    [joined] = data["cohorts_joined"]
    assert joined["name"] == "Spring cohort"
    assert {s["kind"] for s in joined["shares"]} == {"note", "pipeline"}
    assert [e["coach_name"] for e in data["access_log"]] == ["Cara"]
    assert data["cohorts_coached"] == []
    coached = json.loads(account.my_data(cara))["cohorts_coached"]
    assert [c["name"] for c in coached] == ["Spring cohort"] and coached[0]["invites"]
    assert account.my_applications_csv(ann).decode("utf-8-sig").startswith("Company,")


def test_deleting_an_account_removes_its_rows_and_leaves_a_trace_only(base: Workbook) -> None:
    cara, ann, cohort_id = _cohort_with(base)
    with pytest.raises(Invalid, match="Type “delete my account”"):
        account.delete_account(ann, "yes", NOW)
    assert account.delete_account(ann, " Delete my account ", NOW) == account.DELETED
    with base.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if "owner_id" in table.c:
                left = conn.execute(select(table).where(table.c.owner_id == ann.owner.id)).all()
                assert left == [], table.name
        log = conn.execute(select(access_log)).all()
    assert [(row.participant_id, row.what) for row in log] == [(None, "")]  # only that one existed
    [entry] = cara.repo(AccessLogRepository).for_cohort(cohort_id)
    assert entry.participant_deleted and entry.participant_name == ""
    assert cara.repo(CohortRepository).members(cohort_id) == []
    view = coach.view(cara, load_content(DEFAULT_CONTENT_DIR), cohort_id, NOW)
    assert view.caption.startswith("0 participants")  # the aggregates recompute without her
    with pytest.raises(Forbidden, match="local workbook"):
        account.delete_account(base, "delete my account", NOW)
