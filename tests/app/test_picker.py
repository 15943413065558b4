from datetime import datetime, timedelta

from streamlit.testing.v1 import AppTest

from followthrough.models import Application, Interview, Interviewer, InterviewFormat
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from tests.app.conftest import shown
from tests.conftest import ROOT


def _interview(repo: ApplicationRepository, company: str, start: datetime) -> int:
    app_id = repo.add(Application(company, "Analyst"))
    return InterviewRepository(repo.engine, repo.owner_id).add(
        Interview(
            app_id,
            1,
            InterviewFormat.VIDEO,
            start,
            start + timedelta(hours=1),
            interviewers=[Interviewer("Ada")],
        )
    )


def test_steps_open_on_the_latest_interview_already_held(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    now = datetime.now().replace(microsecond=0)
    _interview(repo, "Long Ago Ltd", now - timedelta(days=20))
    held = _interview(repo, "Yesterday Inc", now - timedelta(days=1))
    _interview(repo, "Tomorrow plc", now + timedelta(days=1))
    at = open_page("app_pages/step1_notes.py")
    assert at.selectbox(key="step1_interview").value == held
    assert not at.exception


def test_a_pick_is_shared_with_the_next_step(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    now = datetime.now().replace(microsecond=0)
    _interview(repo, "Yesterday Inc", now - timedelta(days=1))
    older = _interview(repo, "Long Ago Ltd", now - timedelta(days=20))
    at = open_page("app_pages/step1_notes.py")
    at.selectbox(key="step1_interview").set_value(older).run()
    at.switch_page("app_pages/step2_thank_you.py").run()
    assert at.selectbox(key="step2_interview").value == older
    assert not at.exception


def test_a_link_to_an_archived_interview_says_so(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    now = datetime.now().replace(microsecond=0)
    kept = _interview(repo, "Kept Ltd", now - timedelta(days=1))
    archived = _interview(repo, "Archived Ltd", now - timedelta(days=2))
    app = repo.get(InterviewRepository(repo.engine, repo.owner_id).get(archived).application_id)
    app.archived = True
    repo.update(app)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["interview"] = str(archived)
    at.run()
    at.switch_page("app_pages/step1_notes.py").run()
    assert "belongs to an archived or deleted application" in shown(at.info)
    assert at.selectbox(key="step1_interview").value == kept
    assert not at.exception
