from datetime import date, time

from streamlit.testing.v1 import AppTest

from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.drafts import DraftRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.app.conftest import find_interview, shown
from tests.conftest import ROOT
from ui.text import plain

NEW = "interviews_new_"


def _fill_new_interview(at: AppTest, email: str = "dana@acme.example") -> None:
    at.text_input(key=NEW + "company").input("Acme Corp")
    at.text_input(key=NEW + "role_title").input("Data Analyst")
    at.text_input(key=NEW + "source").input("referral")
    at.date_input(key=NEW + "day").set_value(date(2026, 11, 20))
    at.time_input(key=NEW + "start").set_value(time(9, 0))
    at.time_input(key=NEW + "end").set_value(time(10, 0))
    at.text_input(key=NEW + "p0_name").input("Dana Whitfield")
    at.text_input(key=NEW + "p0_email").input(email)


def test_creating_an_interview_lists_it(open_page, workbook) -> None:
    at = open_page("app_pages/interviews.py")
    _fill_new_interview(at)
    at.run()
    at.button(key="interviews_create").click().run()
    assert "Saved your interview at Acme Corp." in shown(at.success)
    assert at.selectbox(key="interviews_edit").value is not None
    assert (
        at.text_input(
            key=f"interviews_app{at.selectbox(key='interviews_edit').value}_company"
        ).value
        == "Acme Corp"
    )
    repo = workbook.repo(ApplicationRepository)
    [summary] = InterviewRepository(repo.engine, repo.owner_id).summaries()
    assert summary.interview.interviewers[0].name == "Dana Whitfield"
    assert summary.interview.starts_at.hour == 9
    assert not at.exception


def test_invalid_interview_is_explained_and_kept_as_a_draft(open_page, workbook) -> None:
    at = open_page("app_pages/interviews.py")
    _fill_new_interview(at, email="dana-at-acme")
    at.text_input(key=NEW + "company").input("")
    at.time_input(key=NEW + "end").set_value(time(8, 0))
    at.run()
    at.button(key="interviews_create").click().run()
    errors = [e.value for e in at.error]  # messages quote what was typed: shown as text
    assert "Company is required." in errors
    assert any(plain("ends (08:00) before it starts (09:00)") in e for e in errors)
    assert any(plain("Interviewer 1: 'dana-at-acme' is not a valid e-mail") in e for e in errors)
    assert workbook.repo(ApplicationRepository).all() == []
    drafts = workbook.repo(DraftRepository).all(NEW)
    assert drafts[NEW + "role_title"] == "Data Analyst"
    assert not at.exception


def test_a_draft_survives_a_new_session(open_page) -> None:
    at = open_page("app_pages/interviews.py")
    at.text_input(key=NEW + "company").input("Half-typed Ltd").run()
    again = open_page("app_pages/interviews.py")
    assert again.text_input(key=NEW + "company").value == "Half-typed Ltd"
    assert not again.exception


def test_editing_saves_valid_changes_and_refuses_invalid_ones(open_page, sample_workbook) -> None:
    at = open_page("app_pages/interviews.py")
    app = next(
        a
        for a in sample_workbook.repo(ApplicationRepository).all()
        if a.company == "Bluebird Health"
    )
    at.selectbox(key="interviews_edit").set_value(app.id).run()
    at.text_input(key=f"interviews_app{app.id}_role_title").input("Lead Product Designer").run()
    assert (
        sample_workbook.repo(ApplicationRepository).get(app.id).role_title
        == "Lead Product Designer"
    )
    at.text_input(key=f"interviews_app{app.id}_company").input("").run()
    assert "Company is required." in [e.value for e in at.error]
    assert sample_workbook.repo(ApplicationRepository).get(app.id).company == "Bluebird Health"
    again = open_page("app_pages/interviews.py")  # a refresh: the draft and its reason stay
    again.selectbox(key="interviews_edit").set_value(app.id).run()
    assert again.text_input(key=f"interviews_app{app.id}_company").value == ""
    assert "Company is required." in [e.value for e in again.error]
    again.text_input(key=f"interviews_app{app.id}_company").input("Bluebird Care").run()
    assert sample_workbook.repo(ApplicationRepository).get(app.id).company == "Bluebird Care"
    assert "Company is required." not in [e.value for e in again.error]
    assert not at.exception and not again.exception


def test_deleting_an_interview(open_page, sample_workbook) -> None:
    at = open_page("app_pages/interviews.py")
    summary = next(
        s
        for s in sample_workbook.repo(InterviewRepository).summaries()
        if s.application.company == "Kite Mobility"
    )
    key = f"interviews_delete_iv{summary.interview.id}"
    assert key not in [b.key for b in at.button]  # drawn once its popover opens
    at.session_state[f"{key}_asking"] = True  # as a click on "Delete this interview" does
    at.run().button(key=key).click().run()
    assert sample_workbook.repo(InterviewRepository).get(summary.interview.id) is None
    assert not at.exception


def test_interviews_page_renders_on_the_sample_workbook(open_page, sample_workbook) -> None:
    at = open_page("app_pages/interviews.py")
    assert len(at.selectbox(key="interviews_edit").options) == 3  # applications with interviews
    assert len(at.dataframe[0].value) == 4  # one row per interview
    assert not at.exception


def test_interviews_page_renders_on_an_empty_workbook(open_page) -> None:
    at = open_page("app_pages/interviews.py")
    assert "No interviews yet" in shown(at.info)
    assert "Record an interview" in [e.label for e in at.expander]
    assert not at.exception


def test_an_interview_joins_an_existing_application(open_page, sample_workbook) -> None:
    app = find_interview(sample_workbook, "Bluebird Health").application
    at = open_page("app_pages/interviews.py")
    # With interviews recorded the form is folded, and a folded form is not drawn at all.
    assert not any(s.key == NEW + "application" for s in at.selectbox)
    at.session_state["interviews_record"] = True  # as a click on 'Record an interview' does
    at.run()
    at.selectbox(key=NEW + "application").set_value(app.id).run()
    assert not any(t.key == NEW + "company" for t in at.text_input)  # no new application
    at.text_input(key=NEW + "p0_name").input("Dana Whitfield").run()
    at.button(key="interviews_create").click().run()
    assert "Saved your interview at Bluebird Health." in shown(at.success)
    rounds = sample_workbook.repo(InterviewRepository).summaries(application_id=app.id)
    assert len(rounds) == 2
    assert len(sample_workbook.repo(ApplicationRepository).all()) == 8  # none added
    assert not at.exception


def test_a_value_too_long_to_keep_is_explained_not_saved(open_page, sample_workbook) -> None:
    app = find_interview(sample_workbook, "Bluebird Health").application
    at = open_page("app_pages/interviews.py")
    at.selectbox(key="interviews_edit").set_value(app.id).run()
    at.text_input(key=f"interviews_app{app.id}_company").input("B" * 201).run()
    assert any("Company is too long" in e.value for e in at.error)
    assert sample_workbook.repo(ApplicationRepository).get(app.id).company == "Bluebird Health"
    assert sample_workbook.repo(DraftRepository).all(f"interviews_app{app.id}_")
    assert not at.exception


def test_a_new_interview_too_long_to_keep_leaves_nothing_behind(open_page, workbook) -> None:
    at = open_page("app_pages/interviews.py")
    _fill_new_interview(at)
    at.text_input(key=NEW + "location").input("L" * 501)
    at.run()
    at.button(key="interviews_create").click().run()
    assert any("Location is too long" in e.value for e in at.error)
    assert workbook.repo(ApplicationRepository).all() == []  # the application did not stay alone
    assert not at.exception


def test_interviewers_are_added_and_removed(open_page, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")
    at = open_page("app_pages/interviews.py")
    at.selectbox(key="interviews_edit").set_value(summary.application.id).run()
    at.button(key=f"interviews_add_pe{summary.interview.id}").click().run()
    people = sample_workbook.repo(InterviewRepository).get(summary.interview.id).interviewers
    assert [p.name for p in people][-1] == "New interviewer"
    at.button(key=f"interviews_remove_pe{people[-1].id}").click().run()
    after = sample_workbook.repo(InterviewRepository).get(summary.interview.id).interviewers
    assert after == people[:-1]
    assert not at.exception


def test_deleting_an_application(open_page, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")
    at = open_page("app_pages/interviews.py")
    at.selectbox(key="interviews_edit").set_value(summary.application.id).run()
    at.session_state[f"interviews_delete_app{summary.application.id}_asking"] = True
    at.run().button(key=f"interviews_delete_app{summary.application.id}").click().run()
    assert sample_workbook.repo(ApplicationRepository).get(summary.application.id) is None
    assert not any("Kite Mobility" in o for o in at.selectbox(key="interviews_edit").options)
    assert not at.exception


def _links(at: AppTest) -> dict[str, str]:
    """Each page link's label, with the page and query string it opens."""
    return {
        link.proto.label: f"{link.proto.page}?{link.proto.query_string}"
        for link in at.get("page_link")
    }


def test_saving_an_interview_puts_its_notes_one_click_away(open_page, workbook) -> None:
    at = open_page("app_pages/interviews.py")
    assert "Next: take your notes" not in _links(at)
    _fill_new_interview(at)
    at.run()
    at.button(key="interviews_create").click().run()
    [summary] = workbook.repo(InterviewRepository).summaries()
    assert _links(at)["Next: take your notes"].endswith(f"?interview={summary.interview.id}")
    assert "step1_notes" in _links(at)["Next: take your notes"]
    assert not at.exception


def test_removing_an_interviewer_names_their_notes_and_undo_puts_all_back(
    open_page, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")
    person = summary.interview.interviewers[0]
    answers = AnswerRepository(sample_workbook.engine, sample_workbook.owner.id)
    answers.save(summary.interview.id, "notes", "mattered", "Their roadmap", str(person.id))
    ThankYouRepository(sample_workbook.engine, sample_workbook.owner.id).save(
        person.id, body="Thank you for the roadmap"
    )
    at = open_page("app_pages/interviews.py")
    at.selectbox(key="interviews_edit").set_value(summary.application.id).run()
    at.button(key=f"interviews_remove_pe{person.id}").click().run()
    repo = sample_workbook.repo(InterviewRepository)
    assert repo.get_interviewer(person.id) is None
    bar = shown(at.markdown)
    assert plain(f"Removed {person.name}, with 1 written note and 1 thank-you note.") in bar
    at.button(key="interviews_undo_button").click().run()
    assert repo.get_interviewer(person.id) == person
    assert answers.for_step(summary.interview.id, "notes")[("mattered", str(person.id))] == (
        "Their roadmap"
    )
    assert plain(f"Put back {person.name}.") in shown(at.success)
    assert not any(b.key == "interviews_undo_button" for b in at.button)  # done once
    assert not at.exception


def test_deleting_an_application_can_be_undone_with_its_interviews(
    open_page, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")
    at = open_page("app_pages/interviews.py")
    at.selectbox(key="interviews_edit").set_value(summary.application.id).run()
    at.session_state[f"interviews_delete_app{summary.application.id}_asking"] = True
    at.run().button(key=f"interviews_delete_app{summary.application.id}").click().run()
    assert "1 interview" in shown(at.markdown)
    at.button(key="interviews_undo_button").click().run()
    assert sample_workbook.repo(InterviewRepository).get(summary.interview.id) == summary.interview
    assert any("Kite Mobility" in o for o in at.selectbox(key="interviews_edit").options)
    assert not at.exception


def test_the_trackers_link_starts_the_form_from_its_application(open_page, sample_workbook) -> None:
    app = find_interview(sample_workbook, "Bluebird Health").application
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["application"] = str(app.id)
    at.run()
    at.switch_page("app_pages/interviews.py").run()
    at.query_params["application"] = str(app.id)
    at.run()
    assert at.selectbox(key=NEW + "application").value == app.id
    assert not any(t.key == NEW + "company" for t in at.text_input)
    assert not at.exception


def test_date_applied_starts_empty_and_an_empty_one_is_not_invented(open_page, workbook) -> None:
    at = open_page("app_pages/interviews.py")
    # Prefilled with today, it used to count as an application this week on Step 4 and make
    # Analytics say the employer replied "within 0 days".
    assert at.date_input(key=NEW + "applied_on").value is None
    _fill_new_interview(at)
    at.run()
    at.button(key="interviews_create").click().run()
    assert "Saved your interview at Acme Corp." in shown(at.success)
    repo = workbook.repo(ApplicationRepository)
    [app] = repo.all()
    assert app.applied_on is None
    assert [e.stage.value for e in repo.histories()[app.id]] == ["interview"]
    step4 = open_page("app_pages/step4_momentum.py")
    assert any(
        m.label == "Applications this week" and m.value.startswith("0 /") for m in step4.metric
    )
    assert not at.exception and not step4.exception
