"""The Cohorts page: a coach creates a cohort and an invite; participants join, share, withdraw
and leave; what a page shows follows the database on every rerun."""

from datetime import date

import pytest

from followthrough.models import ShareKind
from followthrough.services.sample import load_sample
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository
from tests.app.hosted import SIGNED_OUT, hosted, open_as, person, workbook_of
from ui.text import plain

__all__ = ["hosted"]  # a fixture
PAGE = "app_pages/cohorts.py"


def _create_cohort(at) -> None:
    at.text_input(key="cohorts_new_name").input("Spring cohort")
    at.date_input(key="cohorts_new_starts").set_value(date(2026, 12, 1))
    at.date_input(key="cohorts_new_ends").set_value(date(2026, 12, 20))
    at.button(key="FormSubmitter:cohorts_new-Create the cohort").click().run()


def _coach_with_code(db_url: str) -> tuple[int, str]:
    cara = open_as(person("cara", "Cara"), PAGE)
    _create_cohort(cara)
    assert cara.success[0].value.startswith(plain("Cohort created: Spring cohort."))
    [cohort] = workbook_of(db_url, "cara").repo(CohortRepository).coached()
    cara.button(key=f"cohorts_invite_{cohort.id}").click().run()
    [invite] = workbook_of(db_url, "cara").repo(CohortRepository).invites(cohort.id)
    assert f"`{invite.code}` · valid until" in " ".join(m.value for m in cara.markdown)
    assert not cara.exception
    return cohort.id, invite.code


def _join(subject: str, code: str):
    at = open_as(person(subject, subject.title()), PAGE)
    at.text_input(key="cohorts_join_code").input(code)
    at.button(key="FormSubmitter:cohorts_join-Join").click().run()
    return at


def test_local_use_has_no_cohorts_page(db_url, monkeypatch) -> None:
    monkeypatch.setenv("FOLLOWTHROUGH_SIGN_IN", "none")
    at = open_as(SIGNED_OUT)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
    assert not at.exception


def test_a_coach_invites_and_a_participant_joins_shares_and_withdraws(hosted) -> None:
    cohort_id, code = _coach_with_code(hosted)
    ann_wb = workbook_of(hosted, "ann", "Ann")
    load_sample(ann_wb, date.today())
    ann = _join("ann", code)
    assert ann.success[0].value.startswith(plain("You joined Spring cohort (coach: Cara)."))
    assert ann.toggle(key=f"cohorts_share_{cohort_id}_step_status").value is False
    coach = workbook_of(hosted, "cara").repo(ConsentRepository)
    assert coach.granted(cohort_id) == []  # private by default

    ann.toggle(key=f"cohorts_share_{cohort_id}_step_status").set_value(True).run()
    items = ann.multiselect(key=f"cohorts_items_{cohort_id}")
    first = items.options[0]
    items.select(items.options[0]).run()
    assert {(s.kind, s.person_id) for s in coach.granted(cohort_id)} == {
        (ShareKind.STEP_STATUS, ann_wb.owner.id),
        (ShareKind.NOTE, ann_wb.owner.id),
    }
    assert "Your coach sees your step status and 1 item you picked" in ann.caption[0].value
    assert first

    ann.toggle(key=f"cohorts_share_{cohort_id}_step_status").set_value(False).run()
    ann.multiselect(key=f"cohorts_items_{cohort_id}").set_value([]).run()
    assert coach.granted(cohort_id) == []
    assert ann.caption[0].value.startswith("Your coach sees nothing of yours")
    assert not ann.exception


def test_a_bad_code_says_why_and_leaving_ends_sharing(hosted) -> None:
    cohort_id, code = _coach_with_code(hosted)
    bob = _join("bob", "WRONG-CODE")
    assert "No cohort has this invite code" in bob.error[0].value
    bob = _join("bob", code)
    bob.toggle(key=f"cohorts_share_{cohort_id}_pipeline").set_value(True).run()
    bob.button(key=f"cohorts_leave_{cohort_id}").click().run()
    assert bob.success[0].value.startswith(plain("You left Spring cohort"))
    assert workbook_of(hosted, "cara").repo(ConsentRepository).granted(cohort_id) == []
    assert not bob.get("toggle")
    assert not bob.exception


def test_a_withdrawal_in_another_tab_shows_on_the_next_rerun(hosted) -> None:
    cohort_id, code = _coach_with_code(hosted)
    tab = _join("ann", code)
    tab.toggle(key=f"cohorts_share_{cohort_id}_pipeline").set_value(True).run()
    other_tab = open_as(person("ann", "Ann"), "app_pages/cohorts.py")
    other_tab.toggle(key=f"cohorts_share_{cohort_id}_pipeline").set_value(False).run()
    tab.run()
    assert tab.toggle(key=f"cohorts_share_{cohort_id}_pipeline").value is False
    assert not tab.exception
