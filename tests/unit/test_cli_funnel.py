import json
from datetime import date

from followthrough.cli import main
from followthrough.services.sample import load_sample


def test_funnel_json_reports_counts_rates_and_definitions(workbook, db_url, capsys) -> None:
    load_sample(workbook, date.today())
    assert main(["funnel", "--json", "--url", db_url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["applications"] == 8
    assert [row["reached"] for row in report["funnel"]] == [8, 5, 3, 3, 0, 0, 0]
    response = report["rates"]["Response rate"]
    assert (response["hits"], response["total"], response["value"]) == (5, 8, 0.625)
    assert response["definition"].startswith("applications with any employer reply")
    assert report["rates"]["Interview rate"]["benchmark"] == "too small to compare"
    assert report["benchmark_source"] == "ERE recruiting survey"
    # 8 applications cannot carry a projection: no plan figures, and what it needs instead.
    assert report["projection"] == {
        "carried": False,
        "needs": {"applications": 20, "searching_weeks": 4},
    }
    assert report["benchmark_listing"]["interview"] == {"low": 4, "high": 6}

    assert main(["funnel", "--url", db_url]) == 0
    table = capsys.readouterr().out
    assert "Responded                5  62% of the stage before" in table
    assert "Response rate:         62%  5 of 8 · 95% interval 31%–86%" in table
    assert "One corporate listing: 250 résumés → 4–6 interviewed → 1 offer" in table
    assert "No projection yet: 8 applications over" in table


def test_funnel_prints_a_table_on_an_empty_workbook(db_url, capsys) -> None:
    assert main(["funnel", "--url", db_url]) == 0
    out = capsys.readouterr().out
    assert "Applied                  0" in out
    assert "Response rate:           —  0 of 0" in out
