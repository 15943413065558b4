"""Every write goes through the owned-repository base, which keeps values both databases accept."""

from datetime import datetime

import pytest

from followthrough.models import Application, Interview, InterviewFormat, Invalid
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import ProfileRepository


def test_values_are_cleaned_and_bounded_the_same_on_both_databases(store_url: str) -> None:
    wb = open_workbook(store_url)
    apps = wb.repo(ApplicationRepository)
    app_id = apps.add(Application("Initech\x00", "Analyst", notes="Line one\vline two\x1b[0m"))
    stored = apps.get(app_id)
    assert stored is not None
    assert (stored.company, stored.notes) == ("Initech", "Line one\nline two[0m")

    with pytest.raises(Invalid, match="at most 200 characters, not 201") as caught:
        apps.add(Application("x" * 201, "Analyst"))
    assert caught.value.field == "company"
    start = datetime(2026, 11, 2, 9)
    interview = Interview(app_id, 1, InterviewFormat.VIDEO, start, start.replace(hour=10))
    interview_id = wb.repo(InterviewRepository).add(interview)
    with pytest.raises(Invalid) as caught:
        wb.repo(FollowUpRepository).save_plan_field(interview_id, "phone", "0" * 41)
    assert caught.value.field == "phone"
    with pytest.raises(Invalid):
        wb.repo(ProfileRepository).set(signature="s" * 201)
    assert [a.company for a in apps.all()] == ["Initech"]  # nothing half-written
    assert apps.get(app_id) == stored
