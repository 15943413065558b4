"""The Your data page: downloads of everything owned, and deleting the account."""

from datetime import date

from followthrough.services.sample import load_sample
from followthrough.store.applications import ApplicationRepository
from tests.app.hosted import hosted, open_as, person, workbook_of

__all__ = ["hosted"]  # a fixture
PAGE = "app_pages/account.py"


def test_a_person_downloads_and_deletes_their_account(hosted) -> None:
    ann = workbook_of(hosted, "ann", "Ann")
    load_sample(ann, date.today())
    at = open_as(person("ann", "Ann"), PAGE)
    assert [b.label for b in at.get("download_button")] == [
        "Download everything (JSON)",
        "Download your applications (CSV)",
    ]
    at.text_input(key="account_confirm").input("no").run()
    at.button(key="account_delete").click().run()
    assert "nothing was deleted" in at.error[0].value
    assert ann.repo(ApplicationRepository).all()

    at.text_input(key="account_confirm").input("delete my account").run()
    at.button(key="account_delete").click().run()
    at.run()
    assert at.title[0].value == "Sign in to Follow-Through"  # signed out at once
    assert ann.repo(ApplicationRepository).all() == []
    # Signing in again later is a new, empty account.
    again = open_as(person("ann", "Ann"), "app_pages/home.py")
    assert again.button(key="home_load_sample")
    assert not at.exception and not again.exception
