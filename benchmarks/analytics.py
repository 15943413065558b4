"""Pipeline analytics at scale, beside a hand-written pandas groupby doing the same counts, and the
Analytics page's server rerun (AppTest) on a workbook of generated applications.

.venv/bin/python benchmarks/analytics.py [--applications 1000000] [--page-applications 5000]
                                         [--runs 5] [--page-runs 20]
Targets: analytics ≤ 1 s for 1,000,000 applications and within 1.5× of the groupby;
page rerun ≤ 150 ms (median) at 5,000 applications.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # keep bare-mode warnings out of the table

import pandas as pd  # noqa: E402

from followthrough.analytics import synthetic  # noqa: E402
from followthrough.analytics.pipeline import LADDER, RANK, RESPONSE_RATE, analyse  # noqa: E402
from followthrough.config import DEFAULT_CONTENT_DIR  # noqa: E402
from followthrough.content import load_content  # noqa: E402
from followthrough.models import Stage  # noqa: E402
from followthrough.services.workbook import open_workbook  # noqa: E402
from followthrough.store.frames import FrameRepository  # noqa: E402

TODAY = date(2026, 1, 1)


def groupby_counts(apps: pd.DataFrame, events: pd.DataFrame, today: date) -> dict:
    """The same counts the report holds, written the plain pandas way (groupby, join, dt)."""
    events = events[events["occurred_on"] <= pd.Timestamp(today)]
    rank = events["stage"].map({s.value: r for s, r in RANK.items()}).astype("int8")
    events = events.assign(rank=rank)
    replies = events[events["rank"] >= RANK[Stage.RESPONDED]]
    closing = events[events["stage"].isin([s.value for s in Stage if s.is_closed])]
    per_app = apps.set_index("id")[["source", "applied_on", "archived"]].join(
        [
            events.groupby("application_id")["rank"].max().rename("furthest"),
            replies.groupby("application_id")["occurred_on"].min().rename("first_reply"),
            closing.groupby("application_id").size().rename("closings"),
        ]
    )
    furthest = per_app["furthest"].fillna(0)
    first_sent = events[events["rank"] >= 1].groupby("application_id")["occurred_on"].min()
    applied = per_app["applied_on"].fillna(first_sent)
    waited = (first_sent.reindex(per_app.index).notna()) & (furthest == RANK[Stage.APPLIED])
    stale = waited & per_app["closings"].isna() & ~per_app["archived"]
    stale &= applied <= pd.Timestamp(today) - pd.Timedelta(days=21)
    days = (per_app["first_reply"] - applied).dt.days.dropna().clip(0, 60)
    by_source = per_app.assign(furthest=furthest).groupby(["source", "furthest"], observed=True)
    return {
        "funnel": [int((furthest >= RANK[s]).sum()) for s in LADDER],
        "sources": by_source.size(),
        "response_days": days.value_counts().sort_index(),
        "weekly_applied": applied.dt.to_period("W").value_counts(),
        "weekly_replies": per_app["first_reply"].dt.to_period("W").value_counts(),
        "likely_no_response": int(stale.sum()),
    }


def _median_seconds(run, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def time_analytics(n: int, runs: int) -> list[tuple[str, str]]:
    pack = load_content(DEFAULT_CONTENT_DIR)
    rules, listing = pack.pipeline, pack.benchmarks.listing_funnel
    started = time.perf_counter()
    apps, events = synthetic.generate(n, seed=1, today=TODAY)
    generated = time.perf_counter() - started
    report = analyse(apps, events, TODAY, rules, listing)
    plain = groupby_counts(apps, events, TODAY)
    # Same figures both ways, or the timing means nothing.
    assert report.funnel["reached"].tolist() == plain["funnel"]
    assert report.likely_no_response == plain["likely_no_response"]
    assert report.response_time["applications"].sum() == plain["response_days"].sum()
    sent = plain["sources"][plain["sources"].index.get_level_values("furthest") >= 1]
    totals = report.sources[report.sources["measure"] == RESPONSE_RATE].set_index("source")
    assert sent.groupby(level="source").sum().to_dict() == totals["total"].to_dict()
    ours = _median_seconds(lambda: analyse(apps, events, TODAY, rules, listing), runs)
    theirs = _median_seconds(lambda: groupby_counts(apps, events, TODAY), runs)
    return [
        (f"generate {n:,} applications ({len(events):,} events)", f"{generated * 1000:,.0f} ms"),
        (f"analyse (report), median of {runs}", f"{ours * 1000:,.0f} ms"),
        (f"hand-written pandas groupby, median of {runs}", f"{theirs * 1000:,.0f} ms"),
        ("analyse ÷ groupby", f"{ours / theirs:.2f}×"),
    ]


def time_page(n: int, runs: int) -> list[tuple[str, str]]:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["FOLLOWTHROUGH_DB_URL"] = url
        wb = open_workbook(url)
        apps, events = synthetic.generate(n, seed=2, today=date.today())
        wb.repo(FrameRepository).insert(apps, events)
        loading = _median_seconds(
            lambda: (
                wb.repo(FrameRepository).applications(),
                wb.repo(FrameRepository).events(),
            ),
            5,
        )
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        started = time.perf_counter()
        at.switch_page("app_pages/analytics.py").run()
        first = time.perf_counter() - started
        if at.exception:
            raise RuntimeError(at.exception[0].message)
        rerun = _median_seconds(at.run, runs)
        wb.engine.dispose()
    return [
        (f"load frames from SQLite, {n:,} applications, median of 5", f"{loading * 1000:,.1f} ms"),
        (f"Analytics page, first run at {n:,} applications", f"{first * 1000:,.0f} ms"),
        (f"Analytics page rerun, AppTest median of {runs}", f"{rerun * 1000:,.1f} ms"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--page-applications", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page-runs", type=int, default=20)
    args = parser.parse_args()
    rows = time_analytics(args.applications, args.runs)
    rows += time_page(args.page_applications, args.page_runs)
    width = max(len(label) for label, _ in rows)
    print(f"Pipeline analytics — {os.cpu_count()} CPUs")
    print(f"{'measure':<{width}}  {'time':>10}")
    for label, value in rows:
        print(f"{label:<{width}}  {value:>10}")


if __name__ == "__main__":
    main()
