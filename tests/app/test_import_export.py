"""The Import & export page: CSV upload journeys, the downloads and a restore, driven by AppTest."""

import csv
import io
import json
import re
from datetime import date, time
from pathlib import Path

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from followthrough.models import Application, DateOrder, Field, Stage
from followthrough.services import transfer
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository

PAGE = "app_pages/import_export.py"
FRENCH = (  # Windows-1252, semicolons, day-first dates and French statuses; "Org" is no known header
    "Org;Poste;Date de candidature;État\r\n"
    "Société Générale;Analyste;14/03/2026;Entretien\r\n"
    "Zürich Versicherung;Entwickler;20/03/2026;Postulé\r\n"
    "Crêperie Ltd;Chef;21/03/2026;Refusé\r\n"
    ";Sans entreprise;22/03/2026;Postulé\r\n"
).encode("cp1252")
ASK = (  # every date reads both ways, and one status is no stage
    b"Company,Role,Date applied,Status\n"
    b"Ask Co,Dev,04/05/2026,Waiting on HR\n"
    b"Ask Two,QA,06/07/2026,Applied\n"
)

_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # what ui.text.plain adds, Markdown drops


def _upload(at: AppTest, data: bytes, key: str = "import_file_0") -> AppTest:
    return at.file_uploader(key=key).set_value(("tracker.csv", data, "text/csv")).run()


def _import_buttons(at: AppTest) -> list[str]:
    """The import section's buttons (the export's own button is always there)."""
    return [b.key for b in at.button if b.key != "import_backup_prepare"]


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _table(at: AppTest, column: str):
    """The one table on the page with `column` (a table has no label to find it by)."""
    [table] = [df.value for df in at.dataframe if column in df.value.columns]
    return table


def _shown(at: AppTest, kind: str, text: str) -> bool:
    """Whether an element of `kind` (caption, warning, success...) shows `text` to the reader."""
    return any(text in _MARKDOWN_ESCAPE.sub(r"\1", e.value) for e in getattr(at, kind))


def _pipeline(wb: Workbook) -> dict[str, list[Stage]]:
    """Each application's company and its stage history."""
    repo = wb.repo(ApplicationRepository)
    histories = repo.histories()
    return {app.company: [e.stage for e in histories[app.id]] for app in repo.all()}


def test_import_export_renders_on_an_empty_workbook(open_page) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Import & export"
    headers = [h.value for h in at.header]
    assert headers == ["Import applications from a CSV file", "Export", "Restore a backup"]
    assert not at.exception


def test_import_export_renders_on_the_sample_workbook(open_page, sample_workbook) -> None:
    at = open_page(PAGE)
    assert _shown(at, "caption", "Cells that a spreadsheet would run as a formula")
    assert not at.exception


def test_upload_suggests_a_mapping_previews_then_imports(open_page, workbook: Workbook) -> None:
    at = _upload(open_page(PAGE), FRENCH)
    suggested = [at.selectbox(key=f"import_map_{i}").value for i in range(4)]
    assert suggested == [None, Field.ROLE_TITLE, Field.APPLIED_ON, Field.STATUS]
    assert _shown(at, "warning", "Map a column to Company: it is required.")
    assert not _import_buttons(at)  # no preview, no confirm until the mapping is complete

    at.selectbox(key="import_map_0").set_value(Field.COMPANY).run()
    assert _shown(at, "caption", "Windows-1252, semicolon-separated")
    assert _shown(at, "caption", "Dates read as day/month/year: line 2 has 14/03/2026.")
    statuses = "Statuses read as: Entretien → Interview, Postulé → Applied, Refusé → Rejected."
    assert _shown(at, "caption", statuses)
    # Only the sections this file needs are shown, numbered without gaps.
    assert [s.value for s in at.subheader] == ["1. What each column holds", "2. Preview"]
    assert (_metric(at, "Data rows"), _metric(at, "Ready to import")) == ("4", "3")
    assert _metric(at, "Rejected") == "1"
    preview = _table(at, "company")
    assert preview["company"].tolist() == [
        "Société Générale",
        "Zürich Versicherung",
        "Crêperie Ltd",
    ]
    assert _pipeline(workbook) == {}  # nothing is written before the confirm

    assert at.button(key="import_confirm").label == "Import 3 rows"
    at.button(key="import_confirm").click().run()
    assert _shown(at, "success", "Imported 3 of 4 rows; 1 rejected.")
    assert _pipeline(workbook) == {
        "Société Générale": [Stage.APPLIED, Stage.INTERVIEW],
        "Zürich Versicherung": [Stage.APPLIED],
        "Crêperie Ltd": [Stage.APPLIED, Stage.REJECTED],
    }
    assert at.file_uploader(key="import_file_1").value is None  # a fresh uploader
    assert not at.exception


def test_a_finished_import_shows_its_result_and_its_report(open_page, download) -> None:
    data = (
        b"Company,Role,Date applied\nAcme,Dev,2026-01-05\nBeta,,2026-01-06\nGamma,QA,2026-01-07\n"
    )
    at = _upload(open_page(PAGE), data)
    at.button(key="import_confirm").click().run()
    assert at.success[0].value == "Imported 2 of 3 rows; 1 rejected."
    report = download(at, "import_result_download").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(report))) == [
        ["line", "column", "value", "outcome", "reason"],
        ["3", "Role", "", "rejected", "role title is empty"],
    ]
    assert not at.exception


def test_ambiguous_dates_are_asked_and_unknown_statuses_mapped(open_page, workbook) -> None:
    at = _upload(open_page(PAGE), ASK)
    assert _shown(at, "warning", "Every date in this file reads both ways")
    assert not _import_buttons(at)  # no import until the date order is chosen

    at.radio(key="import_date_order").set_value(DateOrder.MDY).run()
    assert _shown(at, "caption", "Dates read as month/day/year, as you chose.")
    assert at.button(key="import_confirm").label == "Import 1 row"

    at.selectbox(key="import_status_Waiting on HR").set_value(Stage.RESPONDED).run()
    titles = [s.value for s in at.subheader]
    assert titles == ["1. What each column holds", "2. Date order", "3. Statuses", "4. Preview"]
    assert at.button(key="import_confirm").label == "Import 2 rows"
    at.button(key="import_confirm").click().run()
    assert _shown(at, "success", "Imported 2 of 2 rows; 0 rejected.")
    repo = workbook.repo(ApplicationRepository)
    applied = {app.company: app.applied_on.isoformat() for app in repo.all() if app.applied_on}
    assert applied == {"Ask Co": "2026-04-05", "Ask Two": "2026-06-07"}
    assert _pipeline(workbook)["Ask Co"] == [Stage.APPLIED, Stage.RESPONDED]
    assert not at.exception


def test_uploading_the_same_file_again_imports_nothing_new(open_page, workbook) -> None:
    at = _upload(open_page(PAGE), ASK)
    at.radio(key="import_date_order").set_value(DateOrder.DMY).run()
    at.selectbox(key="import_status_Waiting on HR").set_value(Stage.RESPONDED).run()
    at.button(key="import_confirm").click().run()
    before = _pipeline(workbook)
    assert len(before) == 2

    _upload(at, ASK, key="import_file_1")
    assert not at.success  # the last import's result goes when the next file comes
    # The decisions are the file's, asked again: the widgets were gone while no file was there.
    at.radio(key="import_date_order").set_value(DateOrder.DMY).run()
    at.selectbox(key="import_status_Waiting on HR").set_value(Stage.RESPONDED).run()
    # Issue 11: a re-upload read "Rejected 2"; the rows are already in the workbook, not rejected.
    figures = ("Ready to import", "Already in your workbook", "Rejected")
    assert tuple(_metric(at, name) for name in figures) == ("0", "2", "0")
    reasons = _table(at, "reason")["reason"].tolist()
    assert reasons == ["already in your workbook (same company, role and date applied)"] * 2
    assert _table(at, "outcome")["outcome"].tolist() == ["already in your workbook"] * 2
    assert at.button(key="import_confirm").label == "Import 0 rows"
    assert at.button(key="import_confirm").disabled
    assert _pipeline(workbook) == before
    assert not at.exception


def test_all_or_nothing_holds_back_every_row(open_page, workbook) -> None:
    data = b"Company,Role,Date applied\nAcme,Dev,2026-01-05\n,QA,2026-01-06\n"
    at = _upload(open_page(PAGE), data)
    at.radio(key="import_policy").set_value("nothing").run()
    assert at.button(key="import_confirm").label == "Import 0 rows"
    assert at.button(key="import_confirm").disabled
    assert _pipeline(workbook) == {}
    assert not at.exception


def test_a_click_keeps_the_plan_and_a_change_to_the_workbook_makes_a_new_one(
    open_page, workbook, monkeypatch
) -> None:
    calls: list[str] = []
    for name in ("read_upload", "preview"):
        work = getattr(transfer, name)
        monkeypatch.setattr(transfer, name, _counted(calls, name, work))
    data = b"Company,Role,Date applied\nAcme,Dev,2026-01-05\n,QA,2026-01-06\n"
    at = _upload(open_page(PAGE), data)
    assert calls == ["read_upload", "preview"]
    at.radio(key="import_policy").set_value("nothing").run()  # no choice the plan depends on
    assert calls == ["read_upload", "preview"]
    at.selectbox(key="import_map_1").set_value(Field.NOTES).run()
    at.selectbox(key="import_map_1").set_value(Field.ROLE_TITLE).run()  # back: the plan before
    assert calls == ["read_upload", "preview", "preview"]
    assert (_metric(at, "Ready to import"), _metric(at, "Rejected")) == ("1", "1")

    # Another tab adds the application: the next rerun's plan knows it is there.
    workbook.repo(ApplicationRepository).add(
        Application("Acme", "Dev", applied_on=date(2026, 1, 5))
    )
    at.radio(key="import_policy").set_value("keep").run()
    assert calls == ["read_upload", "preview", "preview", "preview"]
    figures = ("Ready to import", "Already in your workbook", "Rejected")
    assert tuple(_metric(at, name) for name in figures) == ("0", "1", "1")
    assert not at.exception


def _counted(calls: list[str], name: str, work):
    def counted(*args, **kwargs):
        calls.append(name)
        return work(*args, **kwargs)

    return counted


def test_an_unreadable_file_is_explained(open_page) -> None:
    at = _upload(open_page(PAGE), b"Company\nAcme \x81\n")
    assert _shown(at, "error", "This file can't be imported: not UTF-8, UTF-16 or Windows-1252")
    assert not at.selectbox
    assert not at.exception


def test_the_csv_export_download_is_formula_safe_with_history(
    open_page, workbook, download
) -> None:
    at = _upload(
        open_page(PAGE), b"Company,Role,Date applied,Status\n=Evil(),Dev,2026-01-05,Offer\n"
    )
    at.button(key="import_confirm").click().run()
    rows = list(
        csv.reader(io.StringIO(download(at, "import_export_csv").content.decode("utf-8-sig")))
    )
    assert rows[0][:4] == ["Company", "Role title", "Date applied", "Status"]
    # The file gave no status date: the offer's day is unknown, never the day applied.
    assert rows[1][:5] == ["'=Evil()", "Dev", "2026-01-05", "offer", ""]
    assert rows[1][-1] == "2026-01-05 applied; undated offer"
    assert not at.exception


def test_a_backup_downloads_and_restores_over_the_workbook(
    open_page, sample_workbook, download
) -> None:
    at = open_page(PAGE)
    assert "import_backup_json" not in [b.key for b in at.download_button]  # made on request
    at.button(key="import_backup_prepare").click().run()
    saved = download(at, "import_backup_json").content
    companies = sorted(_pipeline(sample_workbook))
    sample_workbook.repo(ApplicationRepository).delete_samples()

    at.file_uploader(key="import_restore_file_0").set_value(("b.json", saved, "application/json"))
    at.run()
    rows = sum(len(table) for table in json.loads(saved)["tables"].values())
    assert not _shown(at, "warning", "Restoring replaces everything")  # nothing left to replace
    assert at.button(key="import_restore_confirm").label == (
        f"Replace my workbook with this backup ({rows:,} rows)"
    )
    at.button(key="import_restore_confirm").click().run()
    assert _shown(at, "success", f"Restored {rows:,} rows from the backup.")
    assert sorted(_pipeline(sample_workbook)) == companies
    assert at.file_uploader(key="import_restore_file_1").value is None
    assert not at.exception


def test_a_backup_that_cannot_be_made_says_why(open_page, sample_workbook) -> None:
    interview_id = sample_workbook.repo(InterviewRepository).summaries()[0].interview.id
    assert interview_id is not None
    sample_workbook.repo(FollowUpRepository).save_plan_field(interview_id, "call_time", time(10))
    with sample_workbook.engine.begin() as conn:  # as a hand edit or a broken tool would
        conn.execute(text("UPDATE call_plans SET call_time = 'teatime'"))
    at = open_page(PAGE)
    at.button(key="import_backup_prepare").click().run()
    assert _shown(at, "error", "No backup was made: table 'call_plans' can't be read")
    assert "import_backup_json" not in [b.key for b in at.download_button]
    assert not at.exception


def test_a_malformed_backup_lists_its_problems_and_changes_nothing(
    open_page, sample_workbook, download
) -> None:
    at = open_page(PAGE)
    at.button(key="import_backup_prepare").click().run()
    saved = download(at, "import_backup_json").content
    data = json.loads(saved)
    data["tables"]["applications"][0]["archived"] = "false"
    data["tables"]["status_events"][0]["stage"] = "hired"
    broken = json.dumps(data).encode()
    at.file_uploader(key="import_restore_file_0").set_value(("b.json", broken, "x")).run()
    assert _shown(at, "error", "This backup can't be restored: 2 problems in the file")
    problems = _table(at, "Problem")["Problem"].tolist()
    assert problems[0] == 'applications row 1 (id 1), archived: "false" is not true or false'
    assert problems[1].startswith('status_events row 1 (id 1), stage: "hired" is not one of')
    assert "import_restore_confirm" not in [b.key for b in at.button]
    at.button(key="import_backup_prepare").click().run()
    assert download(at, "import_backup_json").content == saved  # nothing was changed
    assert not at.exception


def test_a_broken_backup_is_refused_and_a_full_workbook_warned_about(
    open_page, sample_workbook
) -> None:
    at = open_page(PAGE)
    uploader = at.file_uploader(key="import_restore_file_0")
    uploader.set_value(("b.json", b'{"format": "other"}', "application/json")).run()
    assert _shown(at, "error", "This backup can't be restored: not a Follow-Through backup")
    backup = b'{"format": "followthrough-backup", "version": 1, "tables": {}}'
    at.file_uploader(key="import_restore_file_0").set_value(("b.json", backup, "x")).run()
    assert _shown(at, "warning", "Restoring replaces everything now in your workbook")
    assert not at.exception


def test_a_teal_export_maps_itself_and_unmapped_columns_read_not_imported(open_page) -> None:
    teal = (
        Path(__file__).resolve().parent.parent / "fixtures" / "import" / "teal.csv"
    ).read_bytes()
    at = _upload(open_page(PAGE), teal)
    excitement = at.selectbox(key="import_map_5")  # "Excitement": no field of the workbook
    assert excitement.value is None
    assert excitement.options[0] == "Not imported"  # was "Ignore this column"
    assert "Choose an option" not in excitement.options
    assert (_metric(at, "Ready to import"), _metric(at, "Rejected")) == ("8", "0")
    assert at.button(key="import_confirm").label == "Import 8 rows"
    assert not at.exception
