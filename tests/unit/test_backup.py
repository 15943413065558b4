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
    mine.restore(backup.parse(json.dumps(data)))
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
            "ufo: unknown table: is the backup from a newer app",
        ),
        (
            '{"format": "followthrough-backup", "version": 1, '
            '"tables": {"applications": [{"id": 1, "colour": "red"}]}}',
            r"applications row 1 \(id 1\), colour: unknown column",
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


def _broken(data: dict) -> list[str]:
    """One of each malformation the checks must catch, made in a good backup's data; the problems
    expected, in the order they are reported."""
    tables = data["tables"]
    app, event, interview = (tables[t][0] for t in ("applications", "status_events", "interviews"))
    app["archived"] = "false"  # a string, read as True by bool()
    app["company"] = "C" * 201
    tables["applications"][1]["notes"] = "n" * 100_001  # more than any text the store keeps
    del tables["applications"][2]["role_title"]  # has a default: fine
    tables["applications"][3]["company"] = None
    event["stage"] = "hired"
    event["occurred_on"] = "2026-02-30"
    interview["format"] = "zoom"
    interview["round_number"] = "two"
    interview["application_id"] = 99
    tables["interviews"].append(dict(tables["interviews"][1]))
    twin = len(tables["interviews"])
    person = next(p for p in tables["interviewers"] if p["interview_id"] != interview["id"])
    answer = tables["prompt_answers"][0]
    answer["interview_id"], answer["interviewer_id"] = interview["id"], person["id"]
    tables["drafts"] = [{"id": 1, "key": "pipeline_new_company", "value": "not json"}]
    tables["weekly_goals"] = [{"id": 1, "applications": 3}, {"id": 2, "applications": 4}]
    tables["contact_log"] = ["a row"]
    return [
        f"applications row 1 (id {app['id']}), company: 201 characters, more than the 200 it "
        "can hold",
        f'applications row 1 (id {app["id"]}), archived: "false" is not true or false',
        "applications row 2 (id 2), notes: 100,001 characters, more than the 100,000 it can hold",
        "applications row 4 (id 4), company: required, and null",
        "weekly_goals row 2 (id 2): only one row is allowed",
        f'interviews row 1 (id {interview["id"]}), round_number: "two" is not a whole number',
        f'interviews row 1 (id {interview["id"]}), format: "zoom" is not one of phone, video, '
        "in_person, panel",
        f"interviews row {twin} (id 2), id: used by an earlier row too",
        f'status_events row 1 (id {event["id"]}), stage: "hired" is not one of saved, applied, '
        "responded, screening, interview, final_interview, offer, accepted, rejected, withdrawn, "
        "no_response",
        f'status_events row 1 (id {event["id"]}), occurred_on: "2026-02-30" is not a date '
        "(YYYY-MM-DD)",
        'contact_log row 1: "a row" is not a row (an object)',
        "drafts row 1 (id 1), value: not JSON text (a draft is kept as JSON)",
        f"interviews row 1 (id {interview['id']}), application_id: no applications row with id 99",
        f"prompt_answers row 1 (id 1), interviewer_id: interviewers id {person['id']} belongs to "
        f"interviews id {person['interview_id']}, not {interview['id']}",
    ]


def test_a_restore_checks_the_whole_file_and_reports_every_problem(filled: Workbook) -> None:
    before = _backup(filled)
    data = json.loads(before)
    expected = _broken(data)
    with pytest.raises(transfer.Refused) as refused:
        transfer.read_backup(filled, json.dumps(data).encode())
    assert sorted(refused.value.problems) == sorted(expected)
    assert refused.value.sentence == (
        f"This backup can't be restored: {len(expected)} problems in the file, nothing was changed."
    )
    assert _backup(filled) == before


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda t: t["call_plans"][0].update(call_time="25:00"),
            'call_time: "25:00" is not a time',
        ),
        (
            lambda t: t["interviews"][0].update(starts_at="2026-11-20T10:00:00+02:00"),
            "is not a date and time",
        ),
        (lambda t: t["interviewers"][0].pop("name"), "name: required, and missing"),
        (lambda t: t["interviewers"][0].pop("id"), "interviewers row 1, id: required, and missing"),
        (
            lambda t: t["interviewers"][0].update(position=2**31),
            "position: 2147483648 is too large",
        ),
        (lambda t: t["applications"][0].update(company=12), "company: 12 is not text"),
        (lambda t: t["applications"][0].update(notes="a\x00b\x0bc"), None),  # cleaned, as typed
        (lambda t: t.update(applications={}), "applications: not a list of rows"),
    ],
)
def test_each_kind_of_value_is_checked(filled: Workbook, change, problem) -> None:
    interview = filled.repo(InterviewRepository).summaries()[0].interview
    assert interview.id is not None
    filled.repo(FollowUpRepository).save_plan_field(interview.id, "call_time", time(9, 30))
    data = json.loads(_backup(filled))
    change(data["tables"])
    if problem is None:
        restored = backup.parse(json.dumps(data))
        assert restored.tables["applications"][0]["notes"] == "ab\nc"
        return
    with pytest.raises(backup.BackupError) as refused:
        backup.parse(json.dumps(data))
    assert any(problem in line for line in refused.value.problems), refused.value.problems


def test_the_same_key_twice_is_refused(filled: Workbook) -> None:
    data = json.loads(_backup(filled))
    cards = data["tables"]["practice_cards"] = [
        {"id": n, "interview_id": 1, "question": "Why us?"} for n in (1, 2)
    ]
    assert cards
    with pytest.raises(
        backup.BackupError,
        match="practice_cards row 2 .id 2., question: the same interview_id, question as row 1",
    ):
        backup.parse(json.dumps(data))


def test_a_file_with_very_many_problems_lists_the_first_thousand(filled: Workbook) -> None:
    data = json.loads(_backup(filled))
    data["tables"]["next_day_items"] = [{"id": n, "interview_id": 1} for n in range(1, 1502)]
    with pytest.raises(backup.BackupError) as refused:
        backup.parse(json.dumps(data))
    assert refused.value.total == 3002  # kind and label are required in each
    assert len(refused.value.problems) == 1001
    assert refused.value.problems[-1] == "… and 2,002 more problems"
