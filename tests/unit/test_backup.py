import json
from datetime import date, time

import pytest
from sqlalchemy import text

from followthrough.models import Application
from followthrough.services import transfer
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store import backup
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.backup import BackupRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository


def _backup(wb: Workbook) -> str:
    return backup.to_json(wb.repo(BackupRepository).backup())


@pytest.fixture
def filled(workbook: Workbook) -> Workbook:
    repo = workbook.repo(ApplicationRepository)
    load_sample(workbook, date(2026, 11, 20))
    harbor = next(a for a in repo.all() if a.company == "Harbor Logistics")
    repo.delete(harbor.id)  # a gap in the ids, as in any real workbook
    interview = workbook.repo(InterviewRepository).summaries()[0].interview
    answers = workbook.repo(AnswerRepository)
    answers.save(interview.id, "notes", "what_mattered", "Ownership — and ünïcode")
    return workbook


def test_owned_tables_are_discovered_from_the_schema() -> None:
    names = [t.name for t in backup.owned_tables()]
    assert {"applications", "status_events", "interviews", "interviewers", "prompt_answers"} <= set(
        names
    )
    assert "people" not in names
    assert names.index("applications") < names.index("status_events")


def test_backup_restore_backup_is_identical(filled: Workbook, tmp_path) -> None:
    first = _backup(filled)
    empty = open_workbook(f"sqlite:///{tmp_path / 'restored.db'}")
    counts = empty.repo(BackupRepository).restore(backup.parse(first))
    assert counts["applications"] == 7
    assert _backup(empty) == first


def test_restore_keeps_the_links_between_rows(filled: Workbook, tmp_path) -> None:
    data = backup.parse(_backup(filled))
    empty = open_workbook(f"sqlite:///{tmp_path / 'restored.db'}")
    empty.repo(BackupRepository).restore(data)
    repo = empty.repo(ApplicationRepository)
    summaries = InterviewRepository(repo.engine, repo.owner_id).summaries()
    northwind = [s for s in summaries if s.application.company == "Northwind Analytics"]
    assert sorted(len(s.interview.interviewers) for s in northwind) == [1, 2]
    answer = empty.repo(AnswerRepository).for_step(summaries[0].interview.id, "notes")
    assert answer == {("what_mattered", ""): "Ownership — and ünïcode"}


def test_backup_and_restore_touch_only_the_owner(filled: Workbook) -> None:
    other = PeopleRepository(filled.engine).get_or_create("other", "Someone else")
    theirs = ApplicationRepository(filled.engine, other.id)
    theirs.add(Application("Their Co", "Their role", applied_on=date(2026, 1, 1)))
    mine = filled.repo(BackupRepository)
    data = mine.backup()
    assert "Their Co" not in json.dumps(data)
    mine.restore(data)
    assert [a.company for a in theirs.all()] == ["Their Co"]
    assert not mine.is_empty()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not a JSON file"),
        ('{"format": "other"}', "not a Follow-Through backup"),
        ('{"format": "followthrough-backup", "version": 9}', "backup version 9"),
        ('{"format": "followthrough-backup", "version": 1}', "no 'tables' in the backup"),
        (
            '{"format": "followthrough-backup", "version": 1, "tables": {"ufo": []}}',
            "table 'ufo' is unknown here",
        ),
        (
            '{"format": "followthrough-backup", "version": 1, '
            '"tables": {"applications": [{"id": 1, "colour": "red"}]}}',
            r"unknown columns \['colour'\]",
        ),
    ],
)
def test_broken_backups_are_refused_with_a_reason(text, message) -> None:
    with pytest.raises(backup.BackupError, match=message):
        backup.parse(text)


def test_round_trip_on_each_database(store_url, tmp_path) -> None:
    wb = open_workbook(store_url)
    load_sample(wb, date(2026, 11, 20))
    first = _backup(wb)
    wb.repo(BackupRepository).restore(backup.parse(first))  # replaces, new ids
    assert _backup(wb) == first


def test_a_row_naming_another_owner_is_restored_as_the_restorers(filled: Workbook) -> None:
    other = PeopleRepository(filled.engine).get_or_create("other", "Someone else")
    data = filled.repo(BackupRepository).backup()
    data["tables"]["applications"][0]["owner_id"] = other.id
    filled.repo(BackupRepository).restore(backup.parse(json.dumps(data)))
    assert ApplicationRepository(filled.engine, other.id).all() == []
    assert len(filled.repo(ApplicationRepository).all()) == 7


def test_a_backup_that_cannot_be_read_is_refused_with_the_reason(filled: Workbook) -> None:
    interview = filled.repo(InterviewRepository).summaries()[0].interview
    assert interview.id is not None
    filled.repo(FollowUpRepository).save_plan_field(interview.id, "call_time", time(9, 30))
    assert "09:30:00" in _backup(filled)  # a time is written like a date, as ISO text
    with filled.engine.begin() as conn:  # as a hand edit or a broken tool would
        conn.execute(text("UPDATE call_plans SET call_time = 'teatime'"))
    with pytest.raises(transfer.Refused, match="table 'call_plans' can't be read") as refused:
        transfer.backup_json(filled)
    assert refused.value.sentence.startswith("No backup was made: ")
