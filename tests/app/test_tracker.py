from datetime import date, timedelta

import pytest
from streamlit import dataframe_util

from followthrough.analytics import synthetic
from followthrough.models import Application, Interviewer, Stage
from followthrough.services import interviews
from followthrough.services.drafts import drafts
from followthrough.services.interviews import blank_interview
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository
from followthrough.store.people import PeopleRepository
from tests.app.conftest import shown, values
from ui import clock, screens

NEW = "pipeline_new_"


def _tracker_table(at):
    """The tracker's table (dataframes carry no key in AppTest: found by its columns)."""
    return next(df.value for df in at.dataframe if "flag" in df.value.columns)


def test_tracker_renders_on_an_empty_workbook(open_page) -> None:
    at = open_page("app_pages/tracker.py")
    assert "Tracker" in values(at.title)
    assert "No applications yet" in shown(at.info)
    assert not at.exception


def test_tracker_lists_the_sample_with_current_stage_and_no_response_flag(
    open_page, sample_workbook
) -> None:
    at = open_page("app_pages/tracker.py")
    table = _tracker_table(at)
    assert len(table) == len(sample_workbook.repo(ApplicationRepository).all())
    row = table[table["company"] == "Quill & Co"].iloc[0]
    assert row["stage"] == "Rejected"
    # Harbor Logistics applied 30 days ago and never heard back: flagged, history untouched.
    harbor = table[table["company"] == "Harbor Logistics"].iloc[0]
    assert (harbor["stage"], harbor["flag"]) == ("Applied", "likely no response")
    assert not at.exception


def test_the_add_form_is_drawn_only_while_open_and_opens_with_a_draft(
    open_page, sample_workbook
) -> None:
    at = open_page("app_pages/tracker.py")
    with pytest.raises(KeyError):  # closed: its widgets are not drawn
        at.text_input(key=NEW + "company")
    at.session_state["pipeline_adding"] = True  # as a click on 'Add an application' does
    at.run()
    at.text_input(key=NEW + "company").input("Initech").run()
    fresh = open_page("app_pages/tracker.py")  # a new visit: the draft opens the form
    assert fresh.text_input(key=NEW + "company").value == "Initech"
    assert not at.exception and not fresh.exception


def test_adding_an_application_starts_its_history(open_page, workbook) -> None:
    at = open_page("app_pages/tracker.py")
    at.text_input(key=NEW + "company").input("Initech")
    at.text_input(key=NEW + "role_title").input("Analyst")
    at.date_input(key=NEW + "applied_on").set_value(date(2026, 11, 2))
    at.run()
    at.button(key="pipeline_add").click().run()
    assert "Added Initech — Analyst." in values(at.success)
    repo = workbook.repo(ApplicationRepository)
    [app] = repo.all()
    assert [(e.stage, e.occurred_on) for e in repo.events(app.id)] == [
        (Stage.APPLIED, date(2026, 11, 2))
    ]
    assert not at.exception


def test_a_stage_change_appends_a_dated_event(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    applied = date.today() - timedelta(days=10)
    app_id = repo.add(Application("Globex", "Engineer", applied_on=applied))
    at = open_page("app_pages/tracker.py")
    assert at.date_input(key=f"pipeline_stage_on_{app_id}").value is None  # never today
    at.selectbox(key=f"pipeline_stage_{app_id}").set_value(Stage.SCREENING.value)
    at.date_input(key=f"pipeline_stage_on_{app_id}").set_value(applied + timedelta(days=3))
    at.text_input(key=f"pipeline_stage_note_{app_id}").input("Recruiter call")
    at.button(key=f"pipeline_record_{app_id}").click().run()
    assert [(e.stage, e.occurred_on, e.note) for e in repo.events(app_id)] == [
        (Stage.APPLIED, applied, ""),
        (Stage.SCREENING, applied + timedelta(days=3), "Recruiter call"),
    ]
    table = _tracker_table(at)
    assert table.iloc[0]["stage"] == "Screening"
    assert not at.exception


def test_a_stage_before_the_application_is_refused(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Globex", "Engineer", applied_on=date(2026, 11, 10)))
    at = open_page("app_pages/tracker.py")
    at.selectbox(key=f"pipeline_stage_{app_id}").set_value(Stage.RESPONDED.value)
    at.date_input(key=f"pipeline_stage_on_{app_id}").set_value(date(2026, 11, 1))
    at.button(key=f"pipeline_record_{app_id}").click().run()
    assert "is before the application" in shown(at.error)
    assert len(repo.events(app_id)) == 1
    assert not at.exception


def test_archive_hides_an_application_and_unarchive_brings_it_back(
    open_page, sample_workbook
) -> None:
    at = open_page("app_pages/tracker.py")
    chosen = at.selectbox(key="pipeline_selected").value
    before = len(_tracker_table(at))
    at.button(key=f"pipeline_archive_{chosen}").click().run()
    assert sample_workbook.repo(ApplicationRepository).get(chosen).archived
    assert len(_tracker_table(at)) == before - 1
    at.toggle(key="pipeline_show_archived").set_value(True).run()
    at.selectbox(key="pipeline_selected").set_value(chosen).run()
    at.button(key=f"pipeline_archive_{chosen}").click().run()
    assert not sample_workbook.repo(ApplicationRepository).get(chosen).archived
    assert not at.exception


def test_marking_likely_no_response_appends_to_the_history(open_page, sample_workbook) -> None:
    harbor = next(
        a
        for a in sample_workbook.repo(ApplicationRepository).all()
        if a.company == "Harbor Logistics"
    )
    at = open_page("app_pages/tracker.py")
    at.selectbox(key="pipeline_selected").set_value(harbor.id).run()
    at.button(key=f"pipeline_no_response_{harbor.id}").click().run()
    stages = [e.stage for e in sample_workbook.repo(ApplicationRepository).events(harbor.id)]
    assert stages == [Stage.APPLIED, Stage.NO_RESPONSE]
    assert not at.exception


def test_editing_saves_as_typed_and_interviews_are_the_same_records(
    open_page, sample_workbook
) -> None:
    northwind = next(
        a
        for a in sample_workbook.repo(ApplicationRepository).all()
        if a.company == "Northwind Analytics"
    )
    at = open_page("app_pages/tracker.py")
    at.selectbox(key="pipeline_selected").set_value(northwind.id).run()
    at.text_area(key=f"pipeline_app{northwind.id}_notes").input("Ask about the team").run()
    assert (
        sample_workbook.repo(ApplicationRepository).get(northwind.id).notes == "Ask about the team"
    )
    assert any("Interview round 2" in c.value for c in at.caption)
    assert not at.exception


def test_the_cached_table_is_never_served_to_another_owner(sample_workbook) -> None:
    other = sample_workbook.as_person(PeopleRepository(sample_workbook.engine).get_or_create("b"))
    today = date.today()
    assert len(screens.tracker_table(sample_workbook, today, 21).frame) == 8
    assert screens.tracker_table(other, today, 21).empty


def test_a_value_too_long_to_keep_is_explained_and_kept_as_a_draft(
    open_page, sample_workbook
) -> None:
    repo = sample_workbook.repo(ApplicationRepository)
    harbor = next(a for a in repo.all() if a.company == "Harbor Logistics")
    at = open_page("app_pages/tracker.py")
    at.selectbox(key="pipeline_selected").set_value(harbor.id).run()
    key = f"pipeline_app{harbor.id}_company"
    at.text_input(key=key).input("B" * 201).run()
    assert any("Company is too long" in e.value for e in at.error)
    assert repo.get(harbor.id).company == "Harbor Logistics"
    assert drafts(sample_workbook, key)[key] == "B" * 201  # nothing typed is lost
    assert not at.exception


def test_an_interview_stage_offers_to_record_the_interview_until_it_is(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    applied = date.today() - timedelta(days=10)
    app_id = repo.add(Application("Globex", "Engineer", applied_on=applied))
    at = open_page("app_pages/tracker.py")
    offer = "Record the interview's date and interviewers"
    assert offer not in _links(at)
    at.selectbox(key=f"pipeline_stage_{app_id}").set_value(Stage.INTERVIEW.value)
    at.date_input(key=f"pipeline_stage_on_{app_id}").set_value(date.today() - timedelta(days=1))
    at.button(key=f"pipeline_record_{app_id}").click().run()
    assert "has no interview recorded yet" in shown(at.info)
    assert _links(at)[offer] == f"application={app_id}"
    # Recorded on the Interviews page (as the link opens it), it is the stage: no more offer.
    interview = blank_interview(date.today() - timedelta(days=1))
    assert not interviews.record_interview(
        workbook, app_id, interview, [Interviewer("Ms Lee")]
    ).errors
    at.run()
    assert offer not in _links(at)
    assert "Interview round 1" in shown(at.caption)
    assert not at.exception


def test_an_interview_recorded_on_the_interviews_page_is_the_trackers_stage(
    open_page, workbook
) -> None:
    recorded = interviews.record_interview(
        workbook,
        Application("Initech", "Analyst", applied_on=date.today() - timedelta(days=5)),
        blank_interview(date.today()),
        [Interviewer("Mr Park")],
    )
    assert not recorded.errors
    at = open_page("app_pages/tracker.py")
    assert _tracker_table(at).iloc[0]["stage"] == "Interview"
    assert "Record the interview's date and interviewers" not in _links(at)
    assert not at.exception


def _links(at) -> dict[str, str]:
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")}


def test_date_applied_starts_empty_and_an_empty_one_is_not_invented(open_page, workbook) -> None:
    from followthrough.analytics.pipeline import RANK, application_progress
    from followthrough.services import analytics

    at = open_page("app_pages/tracker.py")
    # Prefilled with today, it counted as an application this week and a reply "within 0 days".
    assert at.date_input(key=NEW + "applied_on").value is None
    at.text_input(key=NEW + "company").input("Initech")
    at.text_input(key=NEW + "role_title").input("Analyst")
    at.run()
    at.button(key="pipeline_add").click().run()
    assert "Added Initech — Analyst." in values(at.success)
    repo = workbook.repo(ApplicationRepository)
    [app] = repo.all()
    assert app.applied_on is None
    assert repo.events(app.id) == []  # no "applied" event dated today
    apps, events = analytics.frames(workbook)
    progress = application_progress(apps, events, date.today())
    # Still counted as sent, in no week: its date applied is unknown.
    assert progress.loc[app.id, "furthest"] == RANK[Stage.APPLIED]
    assert progress["applied_on"].isna().all()
    step4 = open_page("app_pages/step4_momentum.py")
    assert any(
        m.label == "Applications this week" and m.value.startswith("0 /") for m in step4.metric
    )
    assert not at.exception and not step4.exception


def test_a_rerun_resends_the_list_without_converting_it_again(
    open_page, workbook, monkeypatch
) -> None:
    apps, events = synthetic.generate(300, seed=3)
    workbook.repo(FrameRepository).insert(apps, events)
    at = open_page("app_pages/tracker.py").run()  # the first run picks the first application
    converted: list[int] = []
    convert = dataframe_util.convert_pandas_df_to_arrow_table
    monkeypatch.setattr(
        dataframe_util,
        "convert_pandas_df_to_arrow_table",
        lambda df, *args, **kwargs: converted.append(len(df)) or convert(df, *args, **kwargs),
    )
    at.run()
    assert len(_tracker_table(at)) == 300  # still every application, on a laptop
    # The list's cuts and the chosen application's history are kept converted.
    history = [
        df.value for df in at.dataframe if list(df.value.columns) == ["Date", "Stage", "Note"]
    ]
    assert len(history) == 1 and len(history[0]) >= 1  # the chosen one's history, still drawn
    assert converted == [] and not at.exception


def test_a_new_day_reads_the_list_again(open_page, sample_workbook, monkeypatch) -> None:
    # The day moves the flags (likely no response after 21 days) with no write: the cached list
    # must follow the day as the counts above it do.
    monkeypatch.setenv(clock.ENV, f"{date.today().isoformat()}T23:59")
    open_page("app_pages/tracker.py")
    monkeypatch.setenv(clock.ENV, f"{(date.today() + timedelta(days=40)).isoformat()}T00:01")
    at = open_page("app_pages/tracker.py")
    flagged = int((_tracker_table(at)["flag"] == "likely no response").sum())
    metrics = {m.label: m.value for m in at.metric}
    assert flagged == int(metrics["Likely no response"]) > 1 and not at.exception
