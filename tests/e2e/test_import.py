"""Upload a CSV in the browser, map a column, confirm, and see the rows in the Tracker and Analytics.

The smoke test of a real upload in Chromium; every other import journey is an AppTest
(tests/app/test_import_export.py).
"""

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

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

    page.locator(".st-key-import_map_0").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Company", exact=True).click()
    app_page.wait_idle()
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
