"""Sign-in identities and a person's own data, on SQLite and PostgreSQL."""

import pytest

from followthrough.models import Forbidden
from followthrough.services import account
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.people import PeopleRepository

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
