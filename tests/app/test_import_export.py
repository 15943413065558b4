"""The Import & export page renders; the upload itself is driven in the browser test."""


def test_import_export_renders_on_an_empty_workbook(open_page) -> None:
    at = open_page("app_pages/import_export.py")
    assert at.title[0].value == "Import & export"
    headers = [h.value for h in at.header]
    assert headers == ["Import applications from a CSV file", "Export", "Restore a backup"]
    assert not at.exception


def test_import_export_renders_on_the_sample_workbook(open_page, sample_workbook) -> None:
    at = open_page("app_pages/import_export.py")
    assert "Cells that a spreadsheet would run as a formula" in at.caption[0].value
    assert not at.exception


def test_a_finished_import_shows_its_result(open_page) -> None:
    at = open_page("app_pages/import_export.py")
    at.session_state["import_result"] = {"imported": 2, "rows": 3, "rejected": 1, "table": []}
    at.run()
    assert at.success[0].value == "Imported 2 of 3 rows; 1 rejected."
    assert not at.exception
