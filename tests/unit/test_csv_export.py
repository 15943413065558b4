import csv
import io
from datetime import date

import pytest

from followthrough.models import Application, Stage, StatusEvent
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.transfer.export import export_applications, formula_safe
from followthrough.transfer.mapping import suggest_mapping
from followthrough.transfer.plan import commit_import, plan_import
from followthrough.transfer.read import read_table


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("\0NUL", "'\0NUL"),
        ("Acme = good", "Acme = good"),
        ("", ""),
        ("'=1+1", "''=1+1"),  # a leading ' is guarded too: import takes exactly one off
        ("'90s retro", "''90s retro"),
        ("Rock 'n' roll", "Rock 'n' roll"),
    ],
)
def test_formula_cells_get_a_leading_quote(value, exported) -> None:
    assert formula_safe(value) == exported


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def repo(workbook) -> ApplicationRepository:
    return workbook.repo(ApplicationRepository)


def test_export_has_current_stage_and_full_history(repo) -> None:
    app_id = repo.add(Application("=Evil()", "Dev", "referral", applied_on=date(2026, 1, 5)))
    repo.add_event(StatusEvent(app_id, Stage.RESPONDED, date(2026, 1, 9)))
    repo.add_event(StatusEvent(app_id, Stage.REJECTED, date(2026, 1, 20)))
    rows = _rows(export_applications(repo.all(), repo.histories()))
    assert rows[0][:5] == ["Company", "Role title", "Date applied", "Status", "Status date"]
    assert rows[1][:5] == ["'=Evil()", "Dev", "2026-01-05", "rejected", "2026-01-20"]
    assert rows[1][-1] == "2026-01-05 applied; 2026-01-09 responded; 2026-01-20 rejected"


def test_export_then_import_into_an_empty_workbook_round_trips(repo, tmp_path) -> None:
    app_id = repo.add(
        Application("Société Générale", "Analyste", "job board", applied_on=date(2026, 2, 1))
    )
    repo.add_event(StatusEvent(app_id, Stage.RESPONDED, date(2026, 2, 4)))
    repo.add_event(StatusEvent(app_id, Stage.INTERVIEW, date(2026, 2, 10)))
    repo.add_event(StatusEvent(app_id, Stage.REJECTED, date(2026, 2, 18)))
    repo.add(
        Application(
            "-Minus Corp", "QA", listing_url="https://m.example", applied_on=date(2026, 2, 3)
        )
    )
    exported = export_applications(repo.all(), repo.histories())

    other = open_workbook(f"sqlite:///{tmp_path / 'other.db'}")
    target = ApplicationRepository(other.engine, other.owner.id)
    table = read_table(exported)
    plan = plan_import(table, suggest_mapping(table.header))
    assert commit_import(plan, target).imported == 2
    assert export_applications(target.all(), target.histories()) == exported


def test_a_history_cell_that_cannot_be_read_rejects_its_row() -> None:
    data = "Company,Role,Date applied,History\nAcme,Dev,2026-01-05,2026-01-05 applied; soon offer\n"
    table = read_table(data.encode())
    plan = plan_import(table, suggest_mapping(table.header))
    [problem] = plan.problems
    assert (problem.line, problem.column, problem.reason) == (
        2,
        "History",
        "history entry 'soon offer' is not 'YYYY-MM-DD stage' (or 'undated stage') with a known stage",
    )


TRICKY = [
    "'=1+1",  # typed with the apostrophe: it is part of the value
    "=1+1",
    "''=1+1",
    "'",
    "''",
    "'plain",
    "+44 20 7946 0000",
    "-minus",
    "@home",
    "Rock 'n' roll",
    '"Quoted", with a comma',
    "two\nlines",
    "\ttabbed",
]


@pytest.mark.parametrize("value", TRICKY)
def test_export_then_import_gives_back_every_value_exactly(repo, tmp_path, value) -> None:
    repo.add(
        Application(f"Co {value}", value, source=value, notes=value, applied_on=date(2026, 2, 1))
    )
    other = open_workbook(f"sqlite:///{tmp_path / 'other.db'}")
    target = ApplicationRepository(other.engine, other.owner.id)
    table = read_table(export_applications(repo.all(), repo.histories()))
    assert commit_import(plan_import(table, suggest_mapping(table.header)), target).imported == 1
    [back] = target.all()
    assert (back.company, back.role_title, back.source, back.notes) == (
        f"Co {value}",
        value,
        value,
        value,
    )
