"""The cohort notebook runs top to bottom and prints the Coach's view figures, word for word."""

from datetime import date

import nbformat
from nbclient import NotebookClient

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.services import account, coach
from followthrough.services.workbook import open_workbook
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "cohort_analytics.ipynb"


def test_cohort_notebook_prints_the_pages_figures(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'cohort.db'}"
    monkeypatch.setenv("COHORT_DEMO_DB", url)  # the kernel inherits it: the demo is kept here
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    printed = "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    base = open_workbook(url)
    cara = account.signed_in(base, account.Identity("https://demo.example", "coach"))
    [cohort_id] = coach.coached(cara)
    lines = coach.report_lines(cara, load_content(DEFAULT_CONTENT_DIR), cohort_id, date.today())
    assert "\n".join(lines) in printed
    assert lines[0] == "Over 5 participants sharing their pipeline:"
    assert any("fewer than 5 people" in line for line in lines)  # suppressed, as on the page
    weeks = [line for line in lines if line.startswith("  week of")]
    # Every week is printed, each either counted or suppressed as on the page (which depends on
    # the day the demo cohort is generated, so either can be the case for all of them).
    assert weeks and all(
        line.endswith(("applications", "application", "fewer than 5 people")) for line in weeks
    )
