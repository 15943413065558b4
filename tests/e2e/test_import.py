"""Upload a CSV in the browser, map a column, confirm, and see the rows in the Tracker and Analytics.

The smoke test of a real upload in Chromium; every other import journey is an AppTest
(tests/app/test_import_export.py).
"""

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from followthrough.services.sample import load_sample
from followthrough.services.workbook import open_workbook
from tests.e2e.conftest import AppPage, Server

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"

CSV = (
    "Org;Poste;Date de candidature;État\r\n"
    "E2E Société Générale;Analyste;14/03/2026;Entretien\r\n"
    "E2E Zürich Versicherung;Entwickler;20/03/2026;Postulé\r\n"
    "E2E Crêperie Ltd;Chef;21/03/2026;Refusé\r\n"
    ";Sans entreprise;22/03/2026;Postulé\r\n"
).encode("cp1252")


def _sidebar(app: AppPage, link: str) -> None:
    app.page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    app.wait_idle()


def test_upload_map_confirm_then_see_the_funnel(app_page: AppPage) -> None:
    page = app_page.page
    app_page.goto()
    _sidebar(app_page, "Import & export")
    expect(page.get_by_role("heading", name="Import & export", exact=True)).to_be_visible()

    uploader = page.locator(".st-key-import_file_0").locator("input[type=file]")
    uploader.set_input_files(files=[{"name": "tracker.csv", "mimeType": "text/csv", "buffer": CSV}])
    app_page.wait_idle()
    expect(page.get_by_text("Map a column to Company: it is required.")).to_be_visible()

    app_page.choose(page.locator(".st-key-import_map_0").get_by_test_id("stSelectbox"), "Company")
    expect(page.get_by_text("Windows-1252, semicolon-separated", exact=False)).to_be_visible()
    expect(
        page.get_by_text("Dates read as day/month/year: line 2 has 14/03/2026.", exact=False)
    ).to_be_visible()
    statuses = "Statuses read as: Entretien → Interview, Postulé → Applied, Refusé → Rejected."
    expect(page.get_by_text(statuses, exact=False)).to_be_visible()
    # Only the sections this file needs are shown, numbered without gaps.
    expect(page.get_by_role("heading", name="2. Preview", exact=True)).to_be_visible()
    app_page.screenshot("import-preview")

    page.get_by_role("button", name="Import 3 rows").click()
    app_page.wait_idle()
    expect(page.get_by_text("Imported 3 of 4 rows; 1 rejected.")).to_be_visible()
    app_page.screenshot("import-result")

    _sidebar(app_page, "Tracker")
    expect(page.get_by_role("heading", name="Tracker", exact=True)).to_be_visible()
    expect(
        page.get_by_test_id("stMetricLabel").filter(has_text="Active applications")
    ).to_be_visible()
    app_page.screenshot("tracker")

    _sidebar(app_page, "Analytics")
    expect(page.get_by_role("heading", name="Funnel, stage to stage")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    app_page.screenshot("analytics-after-import")
    assert app_page.outside_requests() == []


def test_download_applications_gives_a_file_on_every_click(
    app_page: AppPage, server: Server, tmp_path: Path, new_tab: Callable[[], AppPage]
) -> None:
    """Issue 11: about one click in 10-15 gave no file and no message (the click's rerun dropped
    the deferred file the browser was fetching). Twenty clicks, while a projector's countdown on
    the same server reruns every second (each run collects the server's unused files)."""
    load_sample(open_workbook(server.db_url), date.today())
    new_tab().goto("workshop")  # its countdown ticks by itself: a run a second
    page = app_page.page
    app_page.goto("import_export")
    button = page.get_by_role("button", name="Download applications (CSV)", exact=True)
    for click in range(20):
        # At a person's pace: a burst without pauses lost a download in CI, and here the tenth
        # whenever the projector ran (the page did not rerun; the cause is not found yet).
        page.wait_for_timeout(1000)
        with page.expect_download(timeout=15_000) as download:
            button.click()
        saved = tmp_path / f"{click}.csv"
        download.value.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
        assert rows, f"click {click + 1}: an empty file"
    app_page.wait_idle()
    assert not page.get_by_test_id("stException").count()


def test_a_german_tracker_export_imports_without_mapping(app_page: AppPage) -> None:
    page = app_page.page
    app_page.goto("import_export")
    german = (FIXTURES / "german.csv").read_bytes()
    uploader = page.locator(".st-key-import_file_0").locator("input[type=file]")
    uploader.set_input_files(
        files=[{"name": "bewerbungen.csv", "mimeType": "text/csv", "buffer": german}]
    )
    app_page.wait_idle()
    app_page.screenshot("import-german")
    expect(page.get_by_role("button", name="Import 4 rows")).to_be_visible(timeout=30_000)
    # A column no field takes reads "Not imported", never Streamlit's "Choose an option".
    expect(page.get_by_text("Choose an option")).to_have_count(0)
    page.get_by_role("button", name="Import 4 rows").click()
    app_page.wait_idle()
    expect(page.get_by_text("Imported 4 of 4 rows; 0 rejected.")).to_be_visible()
    # The same file again: already in the workbook, not rejected.
    uploader = page.locator(".st-key-import_file_1").locator("input[type=file]")
    uploader.set_input_files(
        files=[{"name": "bewerbungen.csv", "mimeType": "text/csv", "buffer": german}]
    )
    app_page.wait_idle()
    already = page.get_by_test_id("stMetric").filter(has_text="Already in your workbook")
    expect(already).to_contain_text("4")
    rejected = page.get_by_test_id("stMetric").filter(has_text="Rejected")
    expect(rejected).to_contain_text("0")
    app_page.screenshot("import-again")
