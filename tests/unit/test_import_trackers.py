"""Imports from the trackers people use (issue 11, item 8): each fixture imports without --map.

Headers are matched after splitting camelCase and snake_case, the header and status words are
content (content/imports.yaml), and a column's cells inform its mapping (Yes/No is no date, a
`source` of listing URLs is the listing's link).
"""

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from followthrough.cli import main
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import ImportWords, load_model
from followthrough.models import Field, Stage
from followthrough.services import transfer
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.transfer.mapping import (
    Kind,
    column_kind,
    header_words,
    known_status,
    suggest_mapping,
)
from followthrough.transfer.plan import plan_import
from followthrough.transfer.read import read_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
F = Field


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'trackers.db'}"


def _run(capsys, *args: str) -> tuple[int, dict]:
    code = main(["import", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _upload(name: str) -> transfer.Upload:
    return transfer.read_upload((FIXTURES / name).read_bytes())


def _mapping(name: str) -> dict[str, Field | None]:
    upload = _upload(name)
    return dict(zip(upload.table.header, upload.mapping(), strict=True))


def _accepted(name: str) -> pd.DataFrame:
    upload = _upload(name)
    return plan_import(upload.table, upload.mapping()).accepted


# -- every fixture imports without --map ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("camel_case.csv", 4),
        ("german.csv", 4),
        ("yes_no.csv", 3),
        ("url_source.csv", 3),
        ("huntr.csv", 5),
        ("teal.csv", 8),
    ],
)
def test_each_tracker_export_imports_without_map(name, rows, url, capsys) -> None:
    code, report = _run(capsys, str(FIXTURES / name), "--url", url)
    assert code == 0, report
    assert (report["rows"], report["imported"], report["rejected"]) == (rows, rows, 0)
    assert report["errors"] == []
    assert None not in report["statuses"].values()
    stored = open_workbook(url).repo(ApplicationRepository).all()
    assert len(stored) == rows


def test_camel_and_snake_case_headers_are_split_before_matching() -> None:
    assert header_words("JobTitle") == "job title"
    assert header_words("appliedDate") == "applied date"
    assert header_words("company_name") == "company name"
    assert header_words("jobURL") == "job url"
    assert _mapping("camel_case.csv") == {
        "CompanyName": F.COMPANY,
        "JobTitle": F.ROLE_TITLE,
        "appliedDate": F.APPLIED_ON,
        "Status": F.STATUS,
        "job_url": F.LISTING_URL,
        "ResponseDate": F.STATUS_ON,
    }


def test_german_headers_and_statuses() -> None:
    assert _mapping("german.csv") == {
        "Firma": F.COMPANY,
        "Stelle": F.ROLE_TITLE,
        "Beworben am": F.APPLIED_ON,
        "Status": F.STATUS,
        "Antwort am": F.STATUS_ON,
        "Quelle": F.SOURCE,
        "Notizen": F.NOTES,
    }
    accepted = _accepted("german.csv")
    assert accepted["stage"].tolist() == [
        Stage.APPLIED,
        Stage.INTERVIEW,
        Stage.REJECTED,
        Stage.NO_RESPONSE,
    ]
    assert accepted["applied_on"].tolist()[1] == date(2026, 11, 14)


def test_a_yes_no_column_is_a_flag_not_the_date_applied() -> None:
    mapping = _mapping("yes_no.csv")
    assert mapping["Applied"] is None  # its header says "applied", its cells say Yes/No
    assert mapping["Date"] is F.APPLIED_ON
    assert column_kind(["Yes", "No", "yes"]) is Kind.FLAG
    assert column_kind(["Ja", "Nein"]) is Kind.FLAG
    assert _accepted("yes_no.csv")["applied_on"].tolist() == [
        date(2026, 9, 1),
        date(2026, 9, 3),
        date(2026, 9, 4),
    ]


def test_a_source_column_of_listing_urls_is_the_listing_link() -> None:
    mapping = _mapping("url_source.csv")
    assert mapping["Source"] is F.LISTING_URL
    assert F.SOURCE not in mapping.values()
    accepted = _accepted("url_source.csv")
    assert accepted["listing_url"].tolist()[0] == "https://www.linkedin.com/jobs/view/4012345678"
    assert set(accepted["source"]) == {""}  # no channel invented from a link
    # A source column of channel names stays a source.
    table = read_table(b"Company,Role,Date,Source\nA,Dev,2026-01-05,LinkedIn\n")
    assert suggest_mapping(table.header, cells=table.cells)[3] is F.SOURCE


def test_other_trackers_status_words() -> None:
    for word, stage in {
        "Draft": Stage.SAVED,
        "Wishlist": Stage.SAVED,
        "Bookmarked": Stage.SAVED,
        "Interview Scheduled": Stage.INTERVIEW,
        "Waiting for response": Stage.APPLIED,
        "Negotiating": Stage.OFFER,
        "Not Selected": Stage.REJECTED,
        "I Withdrew": Stage.WITHDRAWN,
        "Keine Rückmeldung": Stage.NO_RESPONSE,
    }.items():
        assert known_status(word) is stage, word
    assert _mapping("huntr.csv")["List"] is F.STATUS
    assert _mapping("teal.csv") == {
        "Company": F.COMPANY,
        "Job Position": F.ROLE_TITLE,
        "Status": F.STATUS,
        "Date Applied": F.APPLIED_ON,
        "Job Posting URL": F.LISTING_URL,
        "Excitement": None,
        "Follow Up Date": None,
        "Notes": F.NOTES,
    }


def test_a_response_date_column_dates_the_status_and_none_leaves_it_unknown() -> None:
    accepted = _accepted("camel_case.csv")
    assert accepted["status_on"].tolist() == [None, date(2026, 10, 16), None, date(2026, 10, 20)]
    # Huntr's export has no status date: no status is dated on the day of the application.
    upload = _upload("huntr.csv")
    plan = plan_import(upload.table, upload.mapping())
    assert plan.accepted["status_on"].tolist() == [None] * 5
    assert plan.undated == 3  # interview, offer, rejected


def test_undated_statuses_are_said_in_the_report(url, capsys) -> None:
    code, report = _run(capsys, str(FIXTURES / "huntr.csv"), "--dry-run", "--url", url)
    assert (code, report["undated_statuses"]) == (0, 3)
    assert main(["import", str(FIXTURES / "huntr.csv"), "--dry-run", "--url", url]) == 0
    words = load_model(ImportWords, DEFAULT_CONTENT_DIR / "imports.yaml")
    assert words.undated_statuses in capsys.readouterr().out


def test_header_and_status_words_are_content_a_coach_extends(tmp_path, url, capsys, monkeypatch):
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_CONTENT_DIR, pack)
    data = tmp_path / "odd.csv"
    data.write_text("Outfit,Gig,Sent,Where\nAcme,Dev,2026-01-05,Pondering\n", encoding="utf-8")
    monkeypatch.setenv("FOLLOWTHROUGH_CONTENT_DIR", str(pack))
    code, report = _run(capsys, str(data), "--dry-run", "--url", url)
    assert code == 2 and report["unmapped"] == ["company", "role_title", "applied_on"]
    text = (pack / "imports.yaml").read_text(encoding="utf-8")
    text = text.replace("  status: [\n", "  status: [\n    where,\n", 1)
    text = text.replace("  company: [\n", "  company: [\n    outfit,\n", 1)
    text = text.replace("  role_title: [\n", "  role_title: [\n    gig,\n", 1)
    text = text.replace("  applied_on: [\n", "  applied_on: [\n    sent,\n", 1)
    text = text.replace("  saved: [\n", "  saved: [\n    pondering,\n", 1)
    (pack / "imports.yaml").write_text(text, encoding="utf-8")
    code, report = _run(capsys, str(data), "--dry-run", "--url", url)
    assert (code, report["imported"], report["statuses"]) == (0, 1, {"Pondering": "saved"})


def test_json_says_rows_unmapped_fields_and_candidates_when_blocked(tmp_path, url, capsys):
    data = tmp_path / "bare.csv"
    data.write_text(
        "Org,Position,When,Remote\nAcme,Dev,2026-01-05,Yes\nBeta,Ops,2026-01-07,No\n",
        encoding="utf-8",
    )
    code, report = _run(capsys, str(data), "--url", url)
    assert code == 2
    assert report["rows"] == 2
    assert report["unmapped"] == ["company", "applied_on"]
    assert report["candidates"] == {"company": ["Org"], "applied_on": ["When"]}
    assert report["mapping"]["Position"] == "role_title"
    assert "Company" in report["error"]


def test_a_reupload_is_already_in_your_workbook_not_rejected(url, capsys) -> None:
    path = str(FIXTURES / "teal.csv")
    assert _run(capsys, path, "--url", url)[1]["imported"] == 8
    code, again = _run(capsys, path, "--url", url)
    assert (code, again["imported"], again["rejected"], again["in_workbook"]) == (0, 0, 0, 8)
    assert main(["import", path, "--url", url]) == 0
    headline = capsys.readouterr().out.splitlines()[0]
    assert "8 already in your workbook, 0 rejected" in headline
    wb = open_workbook(url)
    upload = transfer.read_upload((FIXTURES / "teal.csv").read_bytes())
    preview = transfer.preview(wb, upload, transfer.Choices(upload.mapping()))
    assert (preview.summary.in_workbook, preview.summary.rejected) == (8, 0)
    rows = preview.summary.table()
    assert {row["outcome"] for row in rows} == {"already in your workbook"}


def test_an_unmapped_column_reads_not_imported() -> None:
    upload = _upload("teal.csv")
    assert upload.not_imported == "Not imported"
