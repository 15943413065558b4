"""Analytics says how many replies have no date (issue 11 item 2): counted as responses, never as
a reply within 0 days."""

from datetime import date, timedelta

from followthrough.models import Application, Stage, StatusEvent
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository


def test_analytics_says_how_many_responses_have_no_date(open_page, workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    sent = date.today() - timedelta(days=30)
    dated = repo.add(Application("Initech", "Analyst", applied_on=sent))
    repo.add_event(StatusEvent(dated, Stage.RESPONDED, sent + timedelta(days=4)))
    for company, stage in (("Globex", Stage.INTERVIEW), ("Hooli", Stage.REJECTED)):
        app_id = repo.add(Application(company, "Analyst", applied_on=sent))
        repo.add_event(StatusEvent(app_id, stage, None))  # as an import without status dates

    at = open_page("app_pages/analytics.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Response rate"] == "100%"  # 3 of 3: the undated replies are responses
    captions = " ".join(c.value for c in at.caption)
    assert "2 responses have no date, so they are not in the time-to-response chart." in captions
    assert "within 4 days" in captions  # the one dated reply, never 0 days for the others
    assert "2 replies have no date, so they are in no week." in captions
    assert at.dataframe[0].value["reached"].tolist()[:4] == [3, 3, 1, 1]
    assert not at.exception
