"""Altair charts of a PipelineReport, each built from an already-aggregated frame, with a caption.

No chart here ever receives per-application rows: the frames are a few dozen rows whatever the
size of the pipeline, because Streamlit ships every row of a chart's data to the browser.
"""

import altair as alt
import pandas as pd

from followthrough import formats
from followthrough.analytics.pipeline import (
    INTERVIEW_RATE,
    LADDER,
    MAX_RESPONSE_DAYS,
    RESPONSE_RATE,
    PipelineReport,
    offer_chance_curve,
)
from followthrough.models import Stage
from followthrough.templates import fill

YOU, BENCHMARK = "You", "Benchmark"
_LADDER_IDS = {stage.value for stage in LADDER}


# -- funnel vs benchmark ---------------------------------------------------------------------


def funnel_frame(report: PipelineReport) -> pd.DataFrame:
    """Your reach at each ladder stage, beside the benchmark scaled to your applications."""
    yours = report.funnel.assign(
        who=YOU, low=report.funnel["reached"], high=report.funnel["reached"]
    )
    yours = yours[["label", "who", "reached", "low", "high", "conversion"]]
    stages = report.listing.stages
    applied = next(s for s in stages if s.stage == Stage.APPLIED)
    scale = report.applications / ((applied.low + applied.high) / 2)
    bench = pd.DataFrame(
        [
            {
                "label": Stage(stage.stage).label,
                "who": BENCHMARK,
                "reached": scale * (stage.low + stage.high) / 2,
                "low": scale * stage.low,
                "high": scale * stage.high,
            }
            for stage in stages
            if stage.stage in _LADDER_IDS
        ]
    )
    return pd.concat([yours, bench], ignore_index=True)


def funnel_chart(report: PipelineReport) -> alt.Chart:
    frame = funnel_frame(report)
    order = [s.label for s in LADDER]
    y = alt.Y("label:N", sort=order, title=None)
    base = alt.Chart(frame).encode(y=y, yOffset=alt.YOffset("who:N", sort=[YOU, BENCHMARK]))
    colour = alt.Color("who:N", title=None, sort=[YOU, BENCHMARK])
    tooltip = [
        alt.Tooltip("label:N", title="Stage"),
        alt.Tooltip("who:N", title="Series"),
        alt.Tooltip("reached:Q", title="Applications", format=",.1f"),
        alt.Tooltip("conversion:Q", title="From the stage before", format=".0%"),
    ]
    bars = base.mark_bar().encode(
        x=alt.X("reached:Q", title="Applications reaching the stage"), color=colour, tooltip=tooltip
    )
    ranges = (
        base.transform_filter(alt.datum.who == BENCHMARK).mark_rule().encode(x="low:Q", x2="high:Q")
    )
    # Counts beside the bars: an offer is a sliver next to hundreds of applications.
    counts = base.mark_text(align="left", dx=4).encode(
        x="reached:Q", text=alt.Text("reached:Q", format=",.2~f")
    )
    return (bars + ranges + counts).properties(
        title=alt.TitleParams(
            "Your funnel vs one corporate listing",
            subtitle=f"Benchmark scaled to your {report.applications:,} applications · "
            f"Source: {report.listing.source}",
        )
    )


def funnel_caption(report: PipelineReport) -> str:
    reached = dict(zip(report.funnel["stage"], report.funnel["reached"], strict=True))
    interview = report.benchmarks[INTERVIEW_RATE]
    words = report.words
    return fill(
        words.captions.funnel,
        applications=words.nouns.application.of(report.applications),
        interviews=formats.figure(reached["interview"]),
        offers=formats.figure(reached["offer"]),
        share=formats.percent(interview.mid),
        expected=f"{report.applications * interview.mid:,.1f}",
        source=report.listing.source,
    )


# -- weekly activity -------------------------------------------------------------------------


def weekly_chart(report: PipelineReport) -> alt.Chart:
    return (
        alt.Chart(report.weekly)
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="Week starting"),
            y=alt.Y("count:Q", title="Count"),
            color=alt.Color("activity:N", title=None),
            tooltip=[
                alt.Tooltip("week:T", title="Week of"),
                alt.Tooltip("activity:N", title="Activity"),
                alt.Tooltip("count:Q", title="Count", format=","),
            ],
        )
        .properties(title="Applications sent and first replies received, per week")
    )


def weekly_caption(report: PipelineReport) -> str:
    weekly = report.weekly
    applied = weekly.loc[weekly["activity"] == "Applications", "count"]
    replies = weekly.loc[weekly["activity"] == "Replies", "count"]
    nouns = report.words.nouns
    return fill(
        report.words.captions.weekly,
        weeks=nouns.week.of(len(applied)),
        applications=nouns.application.of(int(applied.sum())),
        replies=nouns.first_reply.of(int(replies.sum())),
        pace=f"{report.projection.pace:,.1f}",
    )


# -- time to first response ------------------------------------------------------------------


def response_time_chart(report: PipelineReport) -> alt.Chart:
    bars = (
        alt.Chart(report.response_time)
        .mark_bar()
        .encode(
            x=alt.X(
                "days:Q",
                title=f"Days from application to first reply ({MAX_RESPONSE_DAYS} = that or more)",
                scale=alt.Scale(domain=[0, MAX_RESPONSE_DAYS], nice=False),
            ),
            y=alt.Y("applications:Q", title="Applications"),
            tooltip=[
                alt.Tooltip("days:Q", title="Days"),
                alt.Tooltip("applications:Q", title="Applications", format=","),
            ],
        )
    )
    if report.median_response_days is None:
        return bars.properties(title="Time to first response")
    median = (
        alt.Chart(pd.DataFrame({"days": [report.median_response_days]}))
        .mark_rule(strokeDash=[4, 4])
        .encode(x="days:Q")
    )
    return (bars + median).properties(title="Time to first response (dashed: median)")


def response_time_caption(report: PipelineReport) -> str:
    replies = int(report.response_time["applications"].sum())
    words = report.words
    if report.median_response_days is None:
        return words.captions.response_none
    return fill(
        words.captions.response,
        employers=words.nouns.employer.of(replies),
        days=words.nouns.day.of(report.median_response_days),
    )


# -- conversion by source --------------------------------------------------------------------


def source_chart(report: PipelineReport) -> alt.Chart:
    base = alt.Chart(report.sources).encode(
        y=alt.Y("source:N", title=None),
        yOffset=alt.YOffset("measure:N"),
        color=alt.Color("measure:N", title=None),
    )
    tooltip = [
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("measure:N", title="Rate"),
        alt.Tooltip("rate:Q", title="Rate", format=".1%"),
        alt.Tooltip("hits:Q", title="Of which", format=","),
        alt.Tooltip("total:Q", title="Applications", format=","),
        alt.Tooltip("low:Q", title="95% interval from", format=".1%"),
        alt.Tooltip("high:Q", title="to", format=".1%"),
    ]
    bars = base.mark_bar().encode(
        x=alt.X("rate:Q", title="Rate (line: 95% interval)", axis=alt.Axis(format="%")),
        tooltip=tooltip,
    )
    intervals = base.mark_rule(color="black").encode(x="low:Q", x2="high:Q")
    return (bars + intervals).properties(title="Response and interview rate by source")


def source_caption(report: PipelineReport) -> str:
    rows = report.sources[report.sources["measure"] == RESPONSE_RATE]
    captions = report.words.captions
    if rows.empty:
        return captions.source_none
    best = rows.iloc[rows["rate"].to_numpy().argmax()]  # the first of equals, as listed
    text = fill(
        captions.source,
        source=f"{best['source'][:1].upper()}{best['source'][1:]}",
        hits=formats.figure(int(best["hits"])),
        total=formats.figure(int(best["total"])),
        rate=formats.percent(best["rate"]),
    )
    if rows["too_small"].any():
        text += " " + captions.source_few
    return text


# -- projection ------------------------------------------------------------------------------


def projection_frame(report: PipelineReport) -> pd.DataFrame:
    plan = report.projection.plan
    furthest = plan["applications"].dropna().max()
    up_to = int(furthest * 1.2) if pd.notna(furthest) else 0
    return offer_chance_curve(report.projection.per_application, up_to)


def projection_chart(report: PipelineReport) -> alt.Chart:
    curve = (
        alt.Chart(projection_frame(report))
        .mark_line()
        .encode(
            x=alt.X("applications:Q", title="Further applications"),
            y=alt.Y("chance:Q", title="Chance of at least one offer", axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("applications:Q", title="Applications", format=","),
                alt.Tooltip("chance:Q", title="Chance", format=".0%"),
            ],
        )
    )
    targets = report.projection.plan.dropna(subset=["applications"])
    marks = (
        alt.Chart(targets)
        .mark_point(filled=True, size=60)
        .encode(x="applications:Q", y="chance:Q", tooltip=["chance:Q", "applications:Q"])
    )
    labels = marks.mark_text(align="left", dx=6, dy=-6).encode(
        text=alt.Text("applications:Q", format=",")
    )
    return (curve + marks + labels).properties(title="Your chance of at least one offer")


def projection_caption(report: PipelineReport) -> str:
    projection = report.projection
    words = report.words
    rows = projection.plan.dropna(subset=["applications"])
    if rows.empty:
        return words.captions.projection_none
    row = rows.iloc[len(rows) // 2]
    values = dict(
        interview_rate=formats.percent(projection.interview_rate),
        offer_rate=formats.percent(projection.offer_rate),
        applications=words.nouns.more_application.of(int(row["applications"])),
        interviews=words.nouns.interview.of(int(row["interviews"])),
        chance=formats.percent(row["chance"]),
    )
    if pd.notna(row["weeks"]):
        return fill(words.captions.projection_timed, **values, weeks=formats.weeks(row["weeks"]))
    return fill(words.captions.projection, **values)


def projection_lines(report: PipelineReport) -> list[str]:
    """One sentence per planned chance: applications, interviews and weeks at the current pace."""
    projection = report.projection
    words = report.words
    lines = []
    for row in projection.plan.to_dict("records"):
        chance = formats.percent(row["chance"])
        if pd.isna(row["applications"]):
            lines.append(fill(words.captions.line_none, chance=chance))
            continue
        values = dict(
            chance=chance,
            applications=words.nouns.more_application.of(int(row["applications"])),
            interviews=words.nouns.interview.of(int(row["interviews"])),
        )
        if pd.notna(row["weeks"]):
            weeks, pace = formats.weeks(row["weeks"]), f"{projection.pace:,.1f}"
            lines.append(fill(words.captions.line_timed, **values, weeks=weeks, pace=pace))
        else:
            lines.append(fill(words.captions.line, **values))
    return lines
