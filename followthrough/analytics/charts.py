"""Altair charts of a PipelineReport, each built from an already-aggregated frame, with a caption.

No chart here ever receives per-application rows: the frames are a few dozen rows whatever the
size of the pipeline, because Streamlit ships every row of a chart's data to the browser.
"""

import math

import altair as alt
import pandas as pd

from followthrough import formats
from followthrough.analytics.pipeline import (
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


# Axis labels are shown whole: Vega-Lite cuts them at 180 px by default ("Referral from a fo…").
LABEL_LIMIT = 0  # 0: no limit


def benchmark_line(report: PipelineReport) -> str:
    """One listing in its own terms: 'One corporate listing: 250 résumés → 4–6 interviewed → 1 offer'.

    Never scaled to the person's applications: 0.06 of an interview is nobody.
    """
    by_id = {s.stage: s for s in report.listing.stages}
    words = report.words
    applied, interview, offer = (by_id.get(s) for s in ("applied", "interview", "offer"))

    def counted(stage, noun) -> str:
        if stage is None:
            return formats.DASH
        text = formats.figure_range(stage.low, stage.high)
        return f"{text} {noun.one if stage.high == 1 else noun.many}" if noun else text

    return fill(
        words.benchmark,
        applied=counted(applied, words.nouns.resume),
        interviewed=counted(interview, None),
        offers=counted(offer, words.nouns.offer),
        source=report.listing.source,
    )


def benchmark_figures(report: PipelineReport) -> dict[str, str]:
    """The listing's figure at each ladder stage it names ('250', '4–6', '1'), by stage id."""
    return {
        stage.stage: formats.figure_range(stage.low, stage.high)
        for stage in report.listing.stages
        if stage.stage in _LADDER_IDS
    }


def funnel_frame(report: PipelineReport) -> pd.DataFrame:
    """Your reach at each ladder stage; the listing's own figures, unscaled, in `BENCHMARK` rows."""
    yours = report.funnel.assign(
        who=YOU, low=report.funnel["reached"], high=report.funnel["reached"]
    )
    yours = yours.assign(text=[formats.figure(v) for v in yours["reached"]])
    yours = yours[["label", "who", "reached", "low", "high", "conversion", "text"]]
    bench = pd.DataFrame(
        [
            {
                "label": Stage(stage.stage).label,
                "who": BENCHMARK,
                "reached": (stage.low + stage.high) / 2,
                "low": stage.low,
                "high": stage.high,
                "text": formats.figure_range(stage.low, stage.high),
            }
            for stage in report.listing.stages
            if stage.stage in _LADDER_IDS
        ]
    )
    return pd.concat([yours, bench], ignore_index=True)


def _funnel_side(frame: pd.DataFrame, title: str, colour: str, axis_title: str) -> alt.LayerChart:
    order = [s.label for s in LADDER]
    top = float(frame["high"].max()) if len(frame) else 0.0
    # Room after the longest bar for its figure; whole ticks only (no 2.5 applications).
    x_scale = alt.Scale(domain=[0, max(top * 1.25, 1.0)], nice=False)
    axis = alt.Axis(labelLimit=LABEL_LIMIT)  # stage names whole
    base = alt.Chart(frame).encode(y=alt.Y("label:N", sort=order, title=None, axis=axis))
    tooltip = [
        alt.Tooltip("label:N", title="Stage"),
        alt.Tooltip("text:N", title=title),
    ]
    bars = base.mark_bar(color=colour).encode(
        x=alt.X(
            "reached:Q",
            title=axis_title,
            scale=x_scale,
            axis=alt.Axis(format="~d", tickMinStep=1),
        ),
        tooltip=tooltip,
    )
    ranges = base.mark_rule(color="black").encode(x="low:Q", x2="high:Q")
    # Figures beside the bars: an offer is a sliver next to hundreds of applications.
    counts = base.mark_text(align="left", dx=4).encode(x="high:Q", text="text:N")
    return (bars + ranges + counts).properties(title=title, width=280)


def funnel_chart(report: PipelineReport) -> alt.HConcatChart:
    """Your funnel beside one listing's, each on its own scale: the benchmark in its own terms."""
    frame = funnel_frame(report)
    yours = _funnel_side(
        frame[frame["who"] == YOU], "You", "#1f77b4", "Your applications reaching the stage"
    )
    listing = _funnel_side(
        frame[frame["who"] == BENCHMARK],
        report.listing.title,
        "#ff7f0e",
        "People, per listing",
    )
    return alt.hconcat(yours, listing).properties(
        title=alt.TitleParams(
            "Your funnel beside one corporate listing",
            subtitle=f"Each on its own scale · Source: {report.listing.source}",
        )
    )


def funnel_caption(report: PipelineReport) -> str:
    reached = dict(zip(report.funnel["stage"], report.funnel["reached"], strict=True))
    words = report.words
    return fill(
        words.captions.funnel,
        applications=words.nouns.application.of(report.applications),
        interviews=formats.figure(reached["interview"]),
        offers=formats.figure(reached["offer"]),
        benchmark=benchmark_line(report),
    )


# -- weekly activity -------------------------------------------------------------------------


def weekly_chart(report: PipelineReport) -> alt.Chart:
    return (
        alt.Chart(report.weekly)
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="Week starting", axis=alt.Axis(format=formats.DATE_STRFTIME)),
            y=alt.Y("count:Q", title="Count"),
            color=alt.Color("activity:N", title=None),
            tooltip=[
                alt.Tooltip("week:T", title="Week of", format=formats.DATE_STRFTIME),
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
    words = report.words
    text = fill(
        words.captions.weekly,
        weeks=words.nouns.week.of(len(applied)),
        applications=words.nouns.application.of(int(applied.sum())),
        replies=words.nouns.first_reply.of(int(replies.sum())),
        pace=f"{report.pace.per_week:,.1f}",
        pace_weeks=words.nouns.week.of(max(report.pace.weeks, 1)),
    )
    if report.undated_applications:
        text += " " + words.captions.weekly_undated.say(report.undated_applications)
    if report.undated_replies:
        text += " " + words.captions.weekly_reply_undated.say(report.undated_replies)
    return text


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
    undated, no_day = report.replies_without_date, report.undated_replies
    parts = []  # replies of unknown time are counted as unknown, never as 0 days
    if report.median_response_days is not None:
        parts.append(
            fill(
                words.captions.response,
                employers=words.nouns.employer.of(replies),
                days=words.nouns.day.of(report.median_response_days),
            )
        )
        if undated:
            parts.append(words.captions.response_undated.say(undated))
    elif undated:
        parts.append(words.captions.response_undated_only.say(undated))
    elif not no_day:
        parts.append(words.captions.response_none)
    if no_day:  # replies whose own day is unknown: in no bar
        parts.append(words.captions.reply_undated.say(no_day))
    return " ".join(parts)


# -- conversion by source --------------------------------------------------------------------


def source_chart(report: PipelineReport) -> alt.Chart:
    base = alt.Chart(report.sources).encode(
        y=alt.Y("source:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
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


def _range(low: float | None, high: float | None) -> str:
    """'30–95', or '30 or more' when the slow end has no bound (NaN from the plan's frame)."""
    if high is None or math.isnan(high):
        return formats.DASH if low is None or math.isnan(low) else f"{low:,.0f} or more"
    return formats.figure_range(round(low or 0), round(high))


def _weeks_range(low: float, high: float | None) -> str:
    if high is None or math.isnan(high):
        return f"{formats.weeks(low)} or more"
    short, long = formats.weeks(low), formats.weeks(high)
    if short == long:
        return short
    (first, unit), (last, same) = short.split(" ", 1), long.split(" ", 1)
    return f"{first}–{last} {unit}" if unit == same else f"{short} to {long}"


def projection_wait(report: PipelineReport) -> str:
    """Why there is no projection yet, and the benchmark to go by meanwhile."""
    words = report.words
    least_applications, least_weeks = report.projection_needs
    return fill(
        words.captions.projection_wait,
        applications=words.nouns.application.of(report.applications),
        weeks=words.nouns.week.of(report.searching_weeks),
        min_applications=words.nouns.application.of(least_applications),
        min_weeks=words.nouns.week.of(least_weeks),
        benchmark=benchmark_line(report),
    )


def projection_caption(report: PipelineReport) -> str:
    projection = report.projection
    words = report.words
    if not projection.carried:
        return projection_wait(report)
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
    """One sentence per planned chance: applications (with their 95% interval), interviews and
    weeks at the current pace; one sentence saying why not while the figures cannot carry it."""
    projection = report.projection
    words = report.words
    if not projection.carried:
        return [projection_wait(report)]
    lines = []
    for row in projection.plan.to_dict("records"):
        chance = formats.percent(row["chance"])
        if pd.isna(row["applications"]):
            lines.append(fill(words.captions.line_none, chance=chance))
            continue
        values = dict(
            chance=chance,
            applications=words.nouns.more_application.of(int(row["applications"])),
            range=_range(row["low"], row["high"]),
            interviews=words.nouns.interview.of(int(row["interviews"])),
        )
        if pd.notna(row["weeks"]):
            lines.append(
                fill(
                    words.captions.line_timed,
                    **values,
                    weeks=formats.weeks(row["weeks"]),
                    weeks_range=_weeks_range(row["weeks_low"], row["weeks_high"]),
                    pace=f"{projection.pace:,.1f}",
                )
            )
        else:
            lines.append(fill(words.captions.line, **values))
    return lines
