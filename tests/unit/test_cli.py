"""`followthrough import / export / backup / restore`: reports, exit codes and round trips."""

import json
import subprocess
import sys
from datetime import date, time

import pytest
from sqlalchemy import text

from followthrough.cli import main
from followthrough.services.sample import load_sample
from followthrough.services.workbook import open_workbook
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository

HEADER = "Company,Role,Date applied,Status"


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _write(tmp_path, lines: list[str], name: str = "in.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_import_json_reports_rows_imported_rejected_and_errors(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, [HEADER, "Acme,Dev,2026-01-05,Applied", "Beta,,2026-01-06,Applied"])
    assert main(["import", str(path), "--json", "--url", url]) == 0
    report = _json(capsys)
    assert (report["rows"], report["imported"], report["rejected"]) == (2, 1, 1)
    assert report["errors"] == [
        {"line": 3, "column": "Role", "value": "", "reason": "role title is empty"}
    ]


def test_dry_run_writes_nothing_and_reimport_creates_no_duplicates(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, [HEADER, "Acme,Dev,2026-01-05,Interview"])
    assert main(["import", str(path), "--dry-run", "--json", "--url", url]) == 0
    assert _json(capsys)["imported"] == 1
    assert main(["import", str(path), "--json", "--url", url]) == 0
    assert _json(capsys)["imported"] == 1  # the dry run wrote nothing
    assert main(["import", str(path), "--json", "--url", url]) == 0
    again = _json(capsys)
    # Already in the workbook, not rejected (issue 11 item 8).
    assert (again["imported"], again["rejected"], again["in_workbook"]) == (0, 0, 1)
    assert again["errors"] == []


def test_ambiguous_dates_exit_non_zero_until_an_order_is_given(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, [HEADER, "Acme,Dev,04/05/2026,"])
    assert main(["import", str(path), "--url", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "reads both ways" in err and "--date-order" in err
    assert main(["import", str(path), "--date-order", "mdy", "--json", "--url", url]) == 0
    assert _json(capsys)["imported"] == 1


def test_map_and_status_options(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, ["Org,Job,When,Where we are", "Acme,Dev,2026-01-05,Waiting on HR"])
    assert main(["import", str(path), "--dry-run", "--url", url]) == 2
    assert "Map a column to Company" in capsys.readouterr().err
    args = ["import", str(path), "--dry-run", "--json", "--url", url]
    args += ["--map", "Org=company", "--map", "Job=role_title", "--map", "When=applied_on"]
    args += ["--map", "Where we are=status"]
    assert main(args) == 0
    assert _json(capsys)["errors"][0]["reason"] == "'Waiting on HR' is not a stage: map it"
    assert main([*args, "--status", "Waiting on HR=responded"]) == 0
    assert _json(capsys)["imported"] == 1
    assert main([*args, "--map", "Nope=company"]) == 2
    assert "no column named 'Nope'" in capsys.readouterr().err


def test_unreadable_files_exit_non_zero_with_one_line(tmp_path, url, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Company\nAcme \x81\n")
    assert main(["import", str(bad), "--url", url]) == 2
    assert "means nothing in any of them" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.csv"), "--url", url]) == 2


def test_a_file_too_wide_to_import_exits_non_zero_with_one_line(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, [",".join(f"c{i}" for i in range(100_000)), "x" * 10])
    assert main(["import", str(path), "--dry-run", "--url", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "more than 200 columns (10,950 or more in the header row)" in err  # as far as read


def test_all_or_nothing(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, [HEADER, "Acme,Dev,2026-01-05,", ",Dev,2026-01-06,"])
    assert main(["import", str(path), "--all-or-nothing", "--json", "--url", url]) == 0
    report = _json(capsys)
    assert (report["imported"], report["rejected"]) == (0, 2)


def test_export_backup_restore_round_trip(tmp_path, url, capsys) -> None:
    path = _write(tmp_path, [HEADER, "=Acme,Dev,2026-01-05,Offer"])
    assert main(["import", str(path), "--url", url]) == 0
    exported = tmp_path / "out.csv"
    assert main(["export", str(exported), "--url", url]) == 0
    assert "'=Acme" in exported.read_text(encoding="utf-8-sig")
    saved = tmp_path / "backup.json"
    assert main(["backup", str(saved), "--url", url]) == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["restore", str(saved), "--url", other]) == 0
    assert main(["restore", str(saved), "--url", other]) == 2  # no longer empty
    assert "--replace" in capsys.readouterr().err
    assert main(["restore", str(saved), "--replace", "--url", other]) == 0
    again = tmp_path / "again.json"
    assert main(["backup", str(again), "--url", other]) == 0
    assert again.read_text(encoding="utf-8") == saved.read_text(encoding="utf-8")


def _call_at(url: str, at: time) -> None:
    """The sample workbook with a status call planned at `at`."""
    wb = open_workbook(url)
    load_sample(wb, date(2026, 11, 20))
    interview_id = wb.repo(InterviewRepository).summaries()[0].interview.id
    assert interview_id is not None
    wb.repo(FollowUpRepository).save_plan_field(interview_id, "call_time", at)


def test_a_status_call_time_is_backed_up_and_restored(tmp_path, url) -> None:
    _call_at(url, time(10, 45))
    saved = tmp_path / "backup.json"
    assert main(["backup", str(saved), "--url", url]) == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["restore", str(saved), "--url", other]) == 0
    wb = open_workbook(other)
    ids = [s.interview.id for s in wb.repo(InterviewRepository).summaries()]
    plans = wb.repo(FollowUpRepository).plans_for(ids).values()
    assert [p.call_time for p in plans if p.call_time] == [time(10, 45)]


def test_a_backup_that_cannot_be_made_exits_non_zero_with_the_reason(tmp_path, url, capsys) -> None:
    _call_at(url, time(10, 45))
    with open_workbook(url).engine.begin() as conn:  # as a hand edit or a broken tool would
        conn.execute(text("UPDATE call_plans SET call_time = 'teatime'"))
    saved = tmp_path / "backup.json"
    assert main(["backup", str(saved), "--url", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("error: table 'call_plans' can't be read")
    assert not saved.exists()


def test_a_malformed_backup_exits_2_with_a_line_per_problem_and_changes_nothing(
    tmp_path, url, capsys
) -> None:
    _call_at(url, time(10, 45))
    saved = tmp_path / "backup.json"
    assert main(["backup", str(saved), "--url", url]) == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["tables"]["applications"][0]["archived"] = "false"
    data["tables"]["interviews"][0]["format"] = "zoom"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["restore", str(broken), "--replace", "--url", url]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f'error: {broken}: applications row 1 (id 1), archived: "false" is not true or false',
        f'error: {broken}: interviews row 1 (id 1), format: "zoom" is not one of phone, video, '
        "in_person, panel",
    ]
    again = tmp_path / "again.json"
    assert main(["backup", str(again), "--url", url]) == 0
    assert again.read_bytes() == saved.read_bytes()  # nothing was changed


def test_python_dash_m_runs_the_same_command(tmp_path, url) -> None:
    path = _write(tmp_path, [HEADER, "Acme,Dev,2026-01-05,"])
    done = subprocess.run(
        [sys.executable, "-m", "followthrough", "import", str(path), "--dry-run", "--json"],
        capture_output=True,
        text=True,
        env={"FOLLOWTHROUGH_DB_URL": url, "PATH": ""},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == 1
