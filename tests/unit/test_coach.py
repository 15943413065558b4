"""The coach's view through its service, on SQLite and PostgreSQL: only what is shared, read fresh,
suppressed where small, each opened item logged for its participant."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Application, Forbidden, ShareKind
from followthrough.services import coach, cohorts
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture(scope="module")
def pack():
    return load_content(DEFAULT_CONTENT_DIR)


def person(base: Workbook, subject: str) -> Workbook:
    who = PeopleRepository(base.engine).sign_in("https://id.example.org", subject, subject.title())
    return base.as_person(who)


@pytest.fixture
def cohort(store_url: str):
    """Cara's cohort; Ann, Bea, Cy, Di and Ed share their pipeline (the sample workbook); Ann also
    shares her step status; Fay joined and shares nothing."""
    base = open_workbook(store_url)
    cara = person(base, "cara")
    made = cohorts.create(cara, "Spring cohort", None, None, DEFAULT_CONTENT_DIR.name)
    code = cohorts.new_invite(cara, made.id, NOW).code
    people = {}
    for name in ("ann", "bea", "cy", "di", "ed", "fay"):
        wb = people[name] = person(base, name)
        load_sample(wb, NOW.date())
        cohorts.join(wb, code, NOW)
        if name != "fay":
            cohorts.share(wb, made.id, ShareKind.PIPELINE)
    cohorts.share(people["ann"], made.id, ShareKind.STEP_STATUS)
    return cara, made.id, people


def test_the_view_is_the_coachs_only(cohort, store_url: str, pack) -> None:
    cara, cohort_id, people = cohort
    dan = person(open_workbook(store_url), "dan")
    cohorts.create(dan, "Dan's own", None, None, DEFAULT_CONTENT_DIR.name)
    for outsider in (people["ann"], dan):
        with pytest.raises(Forbidden, match="Only this cohort's coach"):
            coach.view(outsider, pack, cohort_id, NOW)
        with pytest.raises(Forbidden):
            coach.export(outsider, pack, cohort_id, NOW)
    assert list(coach.coached(cara)) == [cohort_id]


def test_the_funnel_counts_those_who_share_and_hides_small_cells(cohort, pack) -> None:
    cara, cohort_id, people = cohort
    view = coach.view(cara, pack, cohort_id, NOW)
    assert view.caption == "6 participants · step status shared by 1 · pipeline figures shared by 5"
    assert view.benchmark.startswith("250 → 4–6 → 1")
    funnel = {f.label: f.applications for f in view.funnel}
    assert funnel["Applied"] == "40"  # 5 × the sample's 8 applications; Fay's not counted
    assert [r.name for r in view.rates] == ["Response rate", "Interview rate", "Offer rate"]
    assert "95% interval" in view.rates[1].detail
    cohorts.withdraw(people["ed"], cohort_id, ShareKind.PIPELINE)  # four left: all hidden
    view = coach.view(cara, pack, cohort_id, NOW)
    assert {f.applications for f in view.funnel} == {coach.SUPPRESSED}
    assert {r.value for r in view.rates} == {"—"}


def test_a_participants_change_shows_on_the_coachs_next_view(cohort, pack) -> None:
    """What a participant's rows add is kept between calls, but only under their workbook's
    data version: an added or deleted application shows on the very next call."""
    cara, cohort_id, people = cohort

    def applied() -> str:
        return next(f.applications for f in coach.view(cara, pack, cohort_id, NOW).funnel)

    assert applied() == applied() == "40"
    bea = people["bea"].repo(ApplicationRepository)
    new_id = bea.add(Application("Initech", "Analyst", applied_on=NOW.date()))
    assert applied() == "41"
    bea.delete(new_id)
    assert applied() == "40"
    theirs = people["bea"].repo(ConsentRepository).versions(cohort_id)
    assert theirs == {}  # a participant reads no data version of the cohort: only its coach does
    versions = cara.repo(ConsentRepository).versions(cohort_id)
    assert set(versions) == {wb.owner.id for wb in people.values()}


def test_overdue_and_stalling_are_read_only_for_those_who_share(cohort, pack) -> None:
    cara, cohort_id, people = cohort
    gus = person(cara, "gus")  # one active process, applied three weeks ago: at risk
    gus.repo(ApplicationRepository).add(
        Application("Initech", "Analyst", applied_on=NOW.date() - timedelta(days=21))
    )
    cohorts.join(gus, cohorts.new_invite(cara, cohort_id, NOW).code, NOW)
    cohorts.share(gus, cohort_id, ShareKind.PIPELINE)
    view = coach.view(cara, pack, cohort_id, NOW)
    assert {f.name for f in view.overdue} <= {"Ann"}
    stalling = {f.name: f.text for f in view.stalling}
    assert stalling["Gus"].startswith("Only one active process.")
    cohorts.withdraw(gus, cohort_id, ShareKind.PIPELINE)  # the next call no longer reads it
    assert "Gus" not in {f.name for f in coach.view(cara, pack, cohort_id, NOW).stalling}
    cohorts.withdraw(people["ann"], cohort_id, ShareKind.STEP_STATUS)
    assert coach.view(cara, pack, cohort_id, NOW).overdue == []


def _note(wb: Workbook, text: str) -> int:
    interview = wb.repo(InterviewRepository).summaries()[0].interview
    wb.repo(AnswerRepository).save(interview.id, "notes", "what_mattered", text)
    return next(i.id for i in wb.repo(ConsentRepository).items() if i.text == text)


def test_an_opened_item_is_logged_and_a_withdrawn_one_is_gone(cohort, pack) -> None:
    cara, cohort_id, people = cohort
    ann = people["ann"]
    item = _note(ann, "They care about data quality")
    assert coach.view(cara, pack, cohort_id, NOW).items == []  # not shared yet
    cohorts.share(ann, cohort_id, ShareKind.NOTE, item)
    [line] = coach.view(cara, pack, cohort_id, NOW).items
    assert line.name == "Ann" and "They care" not in line.label
    opened = coach.open_item(cara, pack, cohort_id, line.person_id, line.kind, line.item, NOW)
    assert opened.text == "They care about data quality"
    [entry] = ann.repo(AccessLogRepository).about_me()
    assert (entry.coach_name, entry.what) == ("Cara", opened.label)
    cohorts.withdraw(ann, cohort_id, ShareKind.NOTE, item)
    assert coach.view(cara, pack, cohort_id, NOW).items == []
    with pytest.raises(Forbidden, match="no longer shared"):
        coach.open_item(cara, pack, cohort_id, line.person_id, line.kind, line.item, NOW)
    # Someone else's item id, pointed at through Ann's name: nothing.
    bea_item = _note(people["bea"], "Bea's private thought")
    with pytest.raises(Forbidden):
        coach.open_item(cara, pack, cohort_id, line.person_id, "note", bea_item, NOW)


def test_the_export_holds_what_the_coach_may_see_formula_safe(cohort, pack) -> None:
    cara, cohort_id, people = cohort
    ann = people["ann"]
    shared = _note(ann, '=HYPERLINK("http://x.example")')
    _note(people["bea"], "Bea's private thought")
    cohorts.share(ann, cohort_id, ShareKind.NOTE, shared)
    data = coach.export(cara, pack, cohort_id, NOW)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == coach.EXPORT_HEADER
    [item_row] = [r for r in rows if r[0] == "Shared item"]
    assert item_row[1] == "Ann" and item_row[3] == '\'=HYPERLINK("http://x.example")'
    assert "Bea's private thought" not in data.decode("utf-8-sig")
    assert ["Funnel", "", "Applied", "40"] in rows
    assert len(ann.repo(AccessLogRepository).about_me()) == 1  # the export read it: logged
    assert date  # (dates above are relative to NOW)
