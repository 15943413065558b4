"""Cohort aggregates: cells fewer than 5 people add to are hidden, and not derivable."""

from datetime import date

from followthrough.analytics import cohort
from followthrough.models import Stage

APPLIED, RESPONDED, INTERVIEW, OFFER = Stage.APPLIED, Stage.RESPONDED, Stage.INTERVIEW, Stage.OFFER


def person(applied: int, responded: int = 0, interview: int = 0, offer: int = 0) -> dict:
    return {
        APPLIED: applied,
        RESPONDED: responded,
        Stage.SCREENING: 0,
        INTERVIEW: interview,
        OFFER: offer,
    }


def test_a_cell_is_shown_from_five_people_on() -> None:
    assert cohort.cell(3, 5).value == 3
    assert cohort.cell(30, 4).value is None


def test_the_funnel_hides_only_the_end_of_the_ladder() -> None:
    people = [person(20, 5, 2, 1), person(10, 3, 1), person(8, 2, 1), person(6, 1, 1), person(4, 1)]
    stages = {s.stage: s for s in cohort.funnel(people)}
    assert stages[APPLIED].applications.value == 48
    assert stages[RESPONDED].applications.value == 12
    assert stages[INTERVIEW].applications == cohort.Cell(None, 4)  # four people: hidden
    assert stages[OFFER].applications == cohort.Cell(None, 1)
    assert stages[RESPONDED].conversion == 12 / 48
    assert (
        stages[INTERVIEW].conversion is None and stages[OFFER].conversion is None
    )  # would give it away
    shown = [s.stage for s in stages.values() if s.applications.shown]
    assert shown == [APPLIED, RESPONDED]  # a prefix: no shown cell minus another is a hidden one


def test_rates_need_both_of_their_cells() -> None:
    people = [person(20, 5, 2, 1)] * 5 + [person(10, 3, 0, 0)]
    response, interview, offer = cohort.rates(cohort.funnel(people), min_sample=20)
    assert (response.hits, response.total) == (28, 110)
    assert response.low < 28 / 110 < response.high  # Wilson interval, as on Analytics
    assert (interview.hits, interview.total) == (10, 110)
    assert (offer.hits, offer.total) == (5, 10)
    few = cohort.rates(cohort.funnel([person(20, 5, 2, 1)] * 4), min_sample=20)
    assert few == [None, None, None]  # fewer than five people share: nothing at all


def test_a_lone_hidden_week_is_hidden_with_the_smallest_shown_week() -> None:
    w1, w2, w3 = date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)
    people = [{w1: 2, w2: 1, w3: 0}] * 5 + [{w1: 0, w2: 0, w3: 4}]
    weeks = {w.start: w.applications.value for w in cohort.weekly(people)}
    # w3 has one person: hidden; then w2 (the smallest shown) too, so w1 + w2 + w3 = total minus
    # the shown weeks never equals one person's week.
    assert weeks == {w1: 10, w2: None, w3: None}
    everyone = [{w1: 1, w2: 1}] * 5
    assert [w.applications.value for w in cohort.weekly(everyone)] == [5, 5]
