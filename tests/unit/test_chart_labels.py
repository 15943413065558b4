"""Chart labels are not cut (issue 11 item 9): Vega-Lite cuts axis labels at 180 px by default,
so a source such as "Referral from a former colleague" read "Referral from a fo…"."""

from datetime import date, timedelta

import pandas as pd

from followthrough.analytics import charts
from followthrough.analytics.pipeline import analyse
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.dtypes import STAGE_DTYPE

TODAY = date(2026, 3, 2)
PACK = load_content(DEFAULT_CONTENT_DIR)
LONG = "Referral from a former colleague at the company"


def _report():
    days = [TODAY - timedelta(days=d) for d in (30, 20, 10)]
    apps = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "source": [LONG, "Job board", LONG],
            "applied_on": pd.to_datetime(days),
            "archived": [False] * 3,
        }
    )
    events = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "application_id": [1, 2, 3, 1],
            "stage": pd.Series(["applied", "applied", "applied", "interview"], dtype=STAGE_DTYPE),
            "occurred_on": pd.to_datetime([*days, TODAY]),
        }
    )
    return analyse(apps, events, TODAY, PACK.pipeline, PACK.benchmarks.listing_funnel)


def _y_axes(spec: dict) -> list[dict]:
    found = []
    for layer in spec.get("layer", []) + spec.get("hconcat", []):
        found += _y_axes(layer)
    y = spec.get("encoding", {}).get("y")
    if y and y.get("type") == "nominal":
        found.append(y.get("axis") or {})
    return found


def test_source_and_stage_labels_are_never_cut() -> None:
    report = _report()
    assert LONG in set(report.sources["source"])
    for chart in (charts.source_chart(report), charts.funnel_chart(report)):
        axes = _y_axes(chart.to_dict())
        assert axes, "a nominal y axis"
        assert all(axis.get("labelLimit") == 0 for axis in axes)
