"""The analytics notebook runs top to bottom on the sample pipeline (nbclient, the venv's kernel)."""

from datetime import date

import nbformat
from nbclient import NotebookClient

from followthrough.cli import main
from followthrough.services.sample import load_sample
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "pipeline_analytics.ipynb"


def test_pipeline_notebook_runs_without_errors(workbook, db_url, capsys) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # A failing cell raises CellExecutionError, naming the cell and its traceback.
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    printed = "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "Response rate:         62%  5 of 8" in printed
    assert "= applications with any employer reply" in printed
    # Every line of `followthrough funnel` on the same sample, word for word.
    load_sample(workbook, date.today())
    assert main(["funnel", "--url", db_url]) == 0
    assert capsys.readouterr().out in printed
    charts = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "image/svg+xml" in output.get("data", {})
    ]
    # The sample (8 applications) cannot carry a projection: its chart waits, its lines say why.
    assert len(charts) == 4
    assert "No projection yet: 8 applications over" in printed
