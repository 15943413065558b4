"""Pipeline analytics from the stage history: funnel, rates, timing, sources, benchmark, projection.

Pure pandas/numpy. Every figure derives from the event history (never from a "current stage"
field), each rate is defined once below with the sentence the app shows next to it, and every rate
carries its counts and a Wilson interval so small numbers stay honest.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from followthrough import formats
from followthrough.content import AnalyticsWords, ComparisonWords, ListingFunnel, PipelineRules
from followthrough.dtypes import STAGE_DTYPE
from followthrough.models import Stage
from followthrough.templates import fill

# The progress ladder, in order: the one place stage order is defined. An application "reached"
# a ladder stage when its history holds that stage or any later one.
LADDER = (
    Stage.APPLIED,
    Stage.RESPONDED,
    Stage.SCREENING,
    Stage.INTERVIEW,
    Stage.FINAL_INTERVIEW,
    Stage.OFFER,
    Stage.ACCEPTED,
)
# Stages off the ladder say how far a process got, not further: a rejection is an employer reply,
# "no response" implies an application was sent, a withdrawal implies nothing.
_OFF_LADDER = {Stage.SAVED: 0, Stage.WITHDRAWN: 0, Stage.NO_RESPONSE: 1, Stage.REJECTED: 2}
RANK: dict[Stage, int] = {**{s: i + 1 for i, s in enumerate(LADDER)}, **_OFF_LADDER}
_RANK_BY_CODE = np.array([RANK[Stage(s)] for s in STAGE_DTYPE.categories], dtype=np.int8)
_CLOSING_CODES = np.array([Stage(s).is_closed for s in STAGE_DTYPE.categories])

# Rate names: how a rate, its benchmark and its rows in by_source() are looked up.
RESPONSE_RATE, INTERVIEW_RATE, OFFER_RATE = "Response rate", "Interview rate", "Offer rate"
Z_95 = 1.959964  # two-sided 95% normal quantile, for the Wilson interval
UNKNOWN_SOURCE = "not recorded"
MAX_RESPONSE_DAYS = 60  # the time-to-response distribution groups slower replies here
_DAY = np.timedelta64(1, "D")


# -- per-application progress ---------------------------------------------------------------


def application_progress(apps: pd.DataFrame, events: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per application (index: id), derived from the history up to `today`.

    Columns: source, applied_on (NaT when unknown: the application has no date and no dated
    "applied" event), archived, furthest (rank of the furthest ladder stage reached),
    first_reply_on (NaT when the employer never replied, or when a reply's day is unknown: see
    undated_replies) and closed (a closing stage was recorded). Events are read in any order; a
    later rejection never lowers the furthest stage; future events (an interview booked for next
    week) are not counted yet, beyond saying the application was sent. An event whose day is
    unknown (imported without a date) counts as reached, in no week and in no time to response.
    """
    n = len(apps)
    stage = events["stage"].astype(STAGE_DTYPE)
    known = stage.notna().to_numpy()
    dated = events["occurred_on"].notna().to_numpy()
    past = ~dated | (events["occurred_on"] <= pd.Timestamp(today)).to_numpy()
    all_pos = _positions(apps["id"].to_numpy(), events["application_id"].to_numpy())
    all_rank = _RANK_BY_CODE[stage.cat.codes.to_numpy()]
    keep = known & past & (all_pos >= 0)
    pos, codes = all_pos[keep], stage.cat.codes.to_numpy()[keep]
    days, day_known = _days(events["occurred_on"])[keep], dated[keep]
    rank = _RANK_BY_CODE[codes]

    furthest = np.zeros(n, dtype=np.int8)
    np.maximum.at(furthest, pos, rank)
    # An interview booked for next week says the application was sent, whenever that was.
    booked = known & ~past & (all_pos >= 0) & (all_rank >= RANK[Stage.APPLIED])
    np.maximum.at(furthest, all_pos[booked], np.int8(RANK[Stage.APPLIED]))
    # An application with no history at all was added as sent without a date: it counts as sent.
    unrecorded = np.ones(n, dtype=bool)
    unrecorded[all_pos[all_pos >= 0]] = False
    furthest[unrecorded] = RANK[Stage.APPLIED]
    replied = rank >= RANK[Stage.RESPONDED]
    first_reply = _first_day(n, pos[replied & day_known], days[replied & day_known])
    # A reply of unknown day may have come before any dated one: the first reply's day is unknown.
    first_reply[pos[replied & ~day_known]] = _NO_DAY
    # Only an "applied" event dates the application: a reply or an interview on a day says
    # nothing about when it was sent, so without one the date stays unknown (never guessed).
    sent = (rank == RANK[Stage.APPLIED]) & day_known
    first_sent = _first_day(n, pos[sent], days[sent])
    closed = np.zeros(n, dtype=bool)
    closed[pos[_CLOSING_CODES[codes]]] = True

    applied_on = apps["applied_on"].to_numpy().astype("datetime64[D]")
    applied_on = np.where(np.isnat(applied_on), _as_dates(first_sent), applied_on)
    return pd.DataFrame(
        {
            "source": _sources(apps["source"]),
            "applied_on": applied_on.astype("datetime64[s]"),
            "archived": apps["archived"].to_numpy(dtype=bool),
            "furthest": furthest,
            "first_reply_on": _as_dates(first_reply).astype("datetime64[s]"),
            "closed": closed,
        },
        index=pd.Index(apps["id"].to_numpy(), name="id"),
    )


def _positions(app_ids: np.ndarray, event_app_ids: np.ndarray) -> np.ndarray:
    """Row position of each event's application (-1 when unknown)."""
    if len(app_ids) == 0:
        return np.full(len(event_app_ids), -1, dtype=np.int64)
    top = int(app_ids.max())
    if app_ids.min() >= 0 and top <= 4 * len(app_ids) + 1024:
        # Database ids are dense: a lookup table beats hashing by an order of magnitude.
        table = np.full(top + 2, -1, dtype=np.int64)
        table[app_ids] = np.arange(len(app_ids))
        return table[np.clip(event_app_ids, -1, top + 1)]
    return pd.Index(app_ids).get_indexer(event_app_ids)


def _days(column: pd.Series) -> np.ndarray:
    return column.to_numpy().astype("datetime64[D]").astype(np.int64)


_NO_DAY = np.iinfo(np.int64).max  # in _first_day's result: no day known


def _first_day(n: int, pos: np.ndarray, days: np.ndarray) -> np.ndarray:
    first = np.full(n, _NO_DAY, dtype=np.int64)
    np.minimum.at(first, pos, days)
    return first


def _as_dates(days: np.ndarray) -> np.ndarray:
    missing = days == _NO_DAY
    return np.where(missing, np.datetime64("NaT", "D"), days.astype("datetime64[D]"))


def _sources(column: pd.Series) -> pd.Categorical:
    """Sources as a categorical, blanks named: tidies the few distinct labels, not every row."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, labels = column.cat.codes.to_numpy(), column.cat.categories
    else:
        codes, labels = pd.factorize(column)
    tidy = pd.Index(labels.astype(str)).str.strip()
    names = np.append(tidy.where(tidy != "", UNKNOWN_SOURCE).to_numpy(dtype=object), UNKNOWN_SOURCE)
    categories, remap = np.unique(names, return_inverse=True)
    # A missing source has code -1, which picks the UNKNOWN_SOURCE appended last.
    return pd.Categorical.from_codes(remap[codes], pd.Index(categories))


# -- funnel ----------------------------------------------------------------------------------


def reached_counts(furthest: np.ndarray) -> dict[Stage, int]:
    """How many applications reached each ladder stage (that stage or any later one)."""
    at_rank = np.bincount(furthest, minlength=len(LADDER) + 1)
    at_or_beyond = np.cumsum(at_rank[::-1])[::-1]
    return {stage: int(at_or_beyond[RANK[stage]]) for stage in LADDER}


def funnel(progress: pd.DataFrame) -> pd.DataFrame:
    """Applications reaching each ladder stage, and the conversion from the stage before."""
    counts = reached_counts(progress["furthest"].to_numpy())
    reached = np.array([counts[s] for s in LADDER], dtype=np.int64)
    before = np.concatenate([[reached[0]], reached[:-1]])
    conversion = np.where(before > 0, reached / np.maximum(before, 1), np.nan)
    conversion[0] = np.nan
    return pd.DataFrame(
        {
            "stage": [s.value for s in LADDER],
            "label": [s.label for s in LADDER],
            "reached": reached,
            "conversion": conversion,
        }
    )


# -- rates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """A proportion with its counts, a 95% Wilson interval and whether it is big enough to compare."""

    name: str
    definition: str
    hits: int
    total: int
    low: float
    high: float
    min_sample: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    @property
    def too_small(self) -> bool:
        return self.total < self.min_sample


def wilson_interval(hits: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval: sensible at 0 of 3 and 3 of 3, where p ± z·se is not."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - spread), min(1.0, centre + spread)


def _rate(name: str, definition: str, hits: int, total: int, min_sample: int) -> Rate:
    low, high = wilson_interval(hits, total)
    return Rate(name, definition, hits, total, low, high, min_sample)


def response_rate(reached: Mapping[Stage, int], min_sample: int) -> Rate:
    return _rate(
        RESPONSE_RATE,
        "applications with any employer reply (including a rejection) ÷ applications",
        reached[Stage.RESPONDED],
        reached[Stage.APPLIED],
        min_sample,
    )


def interview_rate(reached: Mapping[Stage, int], min_sample: int) -> Rate:
    return _rate(
        INTERVIEW_RATE,
        "applications that reached an interview ÷ applications",
        reached[Stage.INTERVIEW],
        reached[Stage.APPLIED],
        min_sample,
    )


def offer_rate(reached: Mapping[Stage, int], min_sample: int) -> Rate:
    return _rate(
        OFFER_RATE,
        "applications that reached an offer ÷ applications that reached an interview",
        reached[Stage.OFFER],
        reached[Stage.INTERVIEW],
        min_sample,
    )


RATES = (response_rate, interview_rate, offer_rate)


# -- benchmark -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkRate:
    """A benchmark proportion as a range (low–high) with a central value, and where it comes from."""

    low: float
    mid: float
    high: float
    source: str


def benchmark_rates(listing: ListingFunnel) -> dict[str, BenchmarkRate]:
    """The interview and offer rates implied by the listing funnel (250 → 4–6 → 1)."""
    by_id = {s.stage: s for s in listing.stages}
    applied, interview, offer = by_id["applied"], by_id["interview"], by_id["offer"]

    def mid(stage) -> float:
        return (stage.low + stage.high) / 2

    return {
        INTERVIEW_RATE: BenchmarkRate(
            interview.low / applied.high,
            mid(interview) / mid(applied),
            interview.high / applied.low,
            listing.source,
        ),
        OFFER_RATE: BenchmarkRate(
            offer.low / interview.high,
            mid(offer) / mid(interview),
            offer.high / interview.low,
            listing.source,
        ),
    }


def compare(rate: Rate, benchmark: BenchmarkRate | None) -> str:
    """'above', 'below' or 'in line' when the interval clears the benchmark range; else why not."""
    if benchmark is None:
        return "no benchmark"
    if rate.too_small:
        return "too small to compare"
    if rate.low > benchmark.high:
        return "above"
    if rate.high < benchmark.low:
        return "below"
    return "in line"


def describe(rate: Rate, benchmark: BenchmarkRate | None, words: ComparisonWords) -> str:
    """The counts, interval and benchmark verdict shown under a rate, joined with ' · '."""
    parts = [fill(words.counts, hits=formats.figure(rate.hits), total=formats.figure(rate.total))]
    if rate.total:
        parts.append(fill(words.interval, range=formats.percent_range(rate.low, rate.high)))
    if benchmark is not None:
        bounds = formats.percent_range(benchmark.low, benchmark.high)
        target = fill(words.benchmark, range=bounds, source=benchmark.source)
        verdict = compare(rate, benchmark)
        if verdict == "too small to compare":
            parts.append(fill(words.too_small, benchmark=target, min_sample=rate.min_sample))
        else:
            template = {"in line": words.in_line, "above": words.above, "below": words.below}
            parts.append(fill(template[verdict], benchmark=target))
    return " · ".join(parts)


# -- timing and activity ---------------------------------------------------------------------


def response_days(progress: pd.DataFrame) -> np.ndarray:
    """Days from application to first employer reply, for replies to applications with a date."""
    first_reply = progress["first_reply_on"].to_numpy()
    applied = progress["applied_on"].to_numpy()
    replied = ~np.isnat(first_reply) & ~np.isnat(applied)
    gap = first_reply[replied] - applied[replied]
    return np.maximum(gap // _DAY, 0).astype(np.int64)


def replies_without_date(progress: pd.DataFrame) -> int:
    """Replies to applications with no known date applied: no time to response can be counted."""
    replied = ~np.isnat(progress["first_reply_on"].to_numpy())
    return int((replied & np.isnat(progress["applied_on"].to_numpy())).sum())


def undated_replies(progress: pd.DataFrame) -> int:
    """Applications with an employer reply whose day is unknown (a status imported without its
    date): counted as a response, in no week and in no time to response."""
    replied = progress["furthest"].to_numpy() >= RANK[Stage.RESPONDED]
    return int((replied & np.isnat(progress["first_reply_on"].to_numpy())).sum())


def undated_applications(progress: pd.DataFrame) -> int:
    """Applications sent whose date applied is unknown (not counted in any week)."""
    sent = progress["furthest"].to_numpy() >= RANK[Stage.APPLIED]
    return int((sent & np.isnat(progress["applied_on"].to_numpy())).sum())


def response_time(progress: pd.DataFrame) -> pd.DataFrame:
    """How many first replies came after each number of days (the last row: that many or more)."""
    days = np.minimum(response_days(progress), MAX_RESPONSE_DAYS)
    counts = np.bincount(days, minlength=MAX_RESPONSE_DAYS + 1)
    found = np.flatnonzero(counts)
    return pd.DataFrame({"days": found, "applications": counts[found]})


def median_response_days(progress: pd.DataFrame) -> float | None:
    days = response_days(progress)
    return float(np.median(days)) if len(days) else None


def _week_start(values: np.ndarray) -> np.ndarray:
    days = values.astype("datetime64[D]")
    # 1970-01-01 was a Thursday: shift so weeks start on Monday.
    return days - ((days.astype(np.int64) + 3) % 7)


def first_application(progress: pd.DataFrame, today: date) -> date | None:
    """The earliest known date applied up to `today` (None when no application has a date)."""
    applied = progress["applied_on"].to_numpy().astype("datetime64[D]")
    applied = applied[~np.isnat(applied) & (applied <= np.datetime64(today, "D"))]
    return applied.min().astype(date) if len(applied) else None


def searching_weeks(progress: pd.DataFrame, today: date) -> int:
    """Weeks (from Monday) since the week of the first known application, this one included
    (0 with none)."""
    first = first_application(progress, today)
    if first is None:
        return 0
    monday = today - timedelta(days=today.weekday())
    return (monday - (first - timedelta(days=first.weekday()))).days // 7 + 1


def weekly_activity(progress: pd.DataFrame, today: date, weeks: int = 26) -> pd.DataFrame:
    """Applications sent and first replies received per week (Monday), from the week of the first
    application (at most the last `weeks` weeks; this week alone before any dated application).

    Applications with no known date are in no week (see undated_applications).
    """
    this_week = _week_start(np.array([today], dtype="datetime64[D]"))[0]
    weeks = max(1, min(weeks, searching_weeks(progress, today)))
    starts = this_week - np.arange(weeks - 1, -1, -1) * 7
    columns = {}
    for label, column in (("Applications", "applied_on"), ("Replies", "first_reply_on")):
        values = progress[column].to_numpy()
        week_index = (this_week - _week_start(values[~np.isnat(values)])) // _DAY // 7
        week_index = week_index[(week_index >= 0) & (week_index < weeks)]
        columns[label] = np.bincount(weeks - 1 - week_index, minlength=weeks)
    wide = pd.DataFrame({"week": starts.astype("datetime64[s]"), **columns})
    return wide.melt("week", var_name="activity", value_name="count")


@dataclass(frozen=True)
class Pace:
    """Applications per week over the weeks measured: the search so far, at most `pace_weeks`."""

    per_week: float
    weeks: int  # 0 before any dated application
    applications: int  # dated applications in those weeks


def pace(progress: pd.DataFrame, today: date, weeks: int) -> Pace:
    """Applications per week over the last `weeks` weeks, or since the first application when the
    search is younger: three applications last week are a pace of three a week, not 3 ÷ 26."""
    measured = min(weeks, searching_weeks(progress, today))
    if measured == 0:
        return Pace(0.0, 0, 0)
    this_week = _week_start(np.array([today], dtype="datetime64[D]"))[0]
    since = this_week - np.timedelta64(7 * (measured - 1), "D")
    applied = progress["applied_on"].to_numpy().astype("datetime64[D]")
    recent = int(((applied >= since) & (applied <= np.datetime64(today, "D"))).sum())
    return Pace(recent / measured, measured, recent)


def likely_no_response(progress: pd.DataFrame, today: date, days: int) -> pd.Series:
    """True for applications with no reply `days` after applying and nothing closing them.

    A reading of the history, never written back to it: the user decides whether to mark them.
    """
    cutoff = np.datetime64(today, "D") - np.timedelta64(days, "D")
    applied = progress["applied_on"].to_numpy().astype("datetime64[D]")
    waiting = (progress["furthest"] == RANK[Stage.APPLIED]) & ~progress["closed"]
    return waiting & ~progress["archived"] & pd.Series(applied <= cutoff, index=progress.index)


# -- sources ---------------------------------------------------------------------------------


def by_source(progress: pd.DataFrame, min_sample: int) -> pd.DataFrame:
    """Per source: applications, response rate and interview rate, with counts and intervals."""
    sources = progress["source"].cat.remove_unused_categories()
    width = len(LADDER) + 1
    grid = np.bincount(
        sources.cat.codes.to_numpy().astype(np.int64) * width + progress["furthest"].to_numpy(),
        minlength=len(sources.cat.categories) * width,
    ).reshape(-1, width)
    rows = []
    for source, at_rank in zip(sources.cat.categories, grid, strict=True):
        at_or_beyond = np.cumsum(at_rank[::-1])[::-1]
        reached = {stage: int(at_or_beyond[RANK[stage]]) for stage in LADDER}
        for rate in (response_rate(reached, min_sample), interview_rate(reached, min_sample)):
            rows.append(
                {
                    "source": str(source),
                    "measure": rate.name,
                    "rate": rate.value,
                    "low": rate.low,
                    "high": rate.high,
                    "hits": rate.hits,
                    "total": rate.total,
                    "too_small": rate.too_small,
                }
            )
    frame = pd.DataFrame(
        rows, columns=["source", "measure", "rate", "low", "high", "hits", "total", "too_small"]
    )
    return frame[frame["total"] > 0].reset_index(drop=True)


# -- projection ------------------------------------------------------------------------------


def shrink(hits: float, total: int, prior_mean: float, prior_strength: float) -> float:
    """Posterior mean under a beta prior worth `prior_strength` observations at `prior_mean`."""
    if total + prior_strength == 0:
        return prior_mean
    return (hits + prior_strength * prior_mean) / (total + prior_strength)


def needed_for(chance: float, rate: float) -> int | None:
    """Smallest n with P(at least one success in n tries) ≥ chance; None when rate is 0."""
    if rate <= 0:
        return None
    if rate >= 1:
        return 1
    return max(1, math.ceil(math.log(1 - chance) / math.log(1 - rate) - 1e-9))


@dataclass(frozen=True)
class Projection:
    interview_rate: float  # per application, shrunk toward the benchmark
    offer_rate: float  # per interview, shrunk toward the benchmark
    pace: float  # applications per week
    plan: pd.DataFrame  # chance, applications (fewest–most: low, high), interviews, weeks (…)
    carried: bool = True  # False: too few applications or weeks for the figures to carry it

    @property
    def per_application(self) -> float:
        return self.interview_rate * self.offer_rate


def _shrunk(rate: Rate, share: float, prior_mean: float, prior_strength: float) -> float:
    """A share of `rate`'s applications (its value or an interval bound), shrunk the same way."""
    return shrink(share * rate.total, rate.total, prior_mean, prior_strength)


def project(
    interviews: Rate,
    offers: Rate,
    benchmarks: Mapping[str, BenchmarkRate],
    rules: PipelineRules,
    weekly_pace: float,
    carried: bool = True,
) -> Projection:
    """Applications and interviews needed for each planned chance of at least one offer.

    Each figure comes with its range: the same sum at the ends of the rates' 95% intervals
    (shrunk toward the benchmark as the rates are), fewest needed at the high end.
    """
    i_mean, i_prior = benchmarks[INTERVIEW_RATE].mid, rules.prior_applications
    o_mean, o_prior = benchmarks[OFFER_RATE].mid, rules.prior_interviews
    p_interview = shrink(interviews.hits, interviews.total, i_mean, i_prior)
    p_offer = shrink(offers.hits, offers.total, o_mean, o_prior)
    best = _shrunk(interviews, interviews.high, i_mean, i_prior) * _shrunk(
        offers, offers.high, o_mean, o_prior
    )
    worst = _shrunk(interviews, interviews.low, i_mean, i_prior) * _shrunk(
        offers, offers.low, o_mean, o_prior
    )
    rows = []
    for chance in sorted(rules.projection_chances):
        applications = needed_for(chance, p_interview * p_offer)
        low, high = needed_for(chance, best), needed_for(chance, worst)

        def timed(count: int | None) -> float | None:
            return count / weekly_pace if count and weekly_pace > 0 else None

        rows.append(
            {
                "chance": chance,
                "applications": applications,
                "low": low,
                "high": high,
                "interviews": needed_for(chance, p_offer),
                "weeks": timed(applications),
                "weeks_low": timed(low),
                "weeks_high": timed(high),
            }
        )
    return Projection(p_interview, p_offer, weekly_pace, pd.DataFrame(rows), carried)


def offer_chance_curve(per_application: float, up_to: int, points: int = 120) -> pd.DataFrame:
    """P(at least one offer) after 0…up_to applications, sampled at most `points` times."""
    steps = np.unique(np.linspace(0, max(up_to, 1), points).round().astype(np.int64))
    return pd.DataFrame({"applications": steps, "chance": 1 - (1 - per_application) ** steps})


# -- the whole report ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionCard:
    kind: str  # "warning" (act now), "info" (worth knowing) or "success"
    text: str


@dataclass(frozen=True)
class PipelineReport:
    applications: int
    funnel: pd.DataFrame
    rates: tuple[Rate, ...]
    benchmarks: dict[str, BenchmarkRate]
    response_time: pd.DataFrame
    median_response_days: float | None
    replies_without_date: int  # replies to undated applications: in no time to response
    undated_replies: int  # replies whose own day is unknown: in no week, no time to response
    undated_applications: int  # sent, date applied unknown: in no week
    weekly: pd.DataFrame
    pace: Pace
    searching_weeks: int  # since the first dated application, the week under way included
    sources: pd.DataFrame
    likely_no_response: int
    projection: Projection
    projection_needs: tuple[int, int]  # applications and weeks of searching before a projection
    cards: tuple[ActionCard, ...]
    listing: ListingFunnel
    words: AnalyticsWords  # the content's sentences, for the captions


def analyse(
    apps: pd.DataFrame,
    events: pd.DataFrame,
    today: date,
    rules: PipelineRules,
    listing: ListingFunnel,
) -> PipelineReport:
    """Everything the Analytics page, the notebook and `followthrough funnel` show."""
    progress = application_progress(apps, events, today)
    reached = reached_counts(progress["furthest"].to_numpy())
    rates = tuple(rate(reached, rules.min_sample) for rate in RATES)
    benchmarks = benchmark_rates(listing)
    sources = by_source(progress, rules.min_sample)
    stale = int(likely_no_response(progress, today, rules.no_response_days).sum())
    weekly_pace = pace(progress, today, rules.pace_weeks)
    searching = searching_weeks(progress, today)
    carried = (
        reached[Stage.APPLIED] >= rules.projection_min_applications
        and searching >= rules.projection_min_weeks
    )
    projection = project(rates[1], rates[2], benchmarks, rules, weekly_pace.per_week, carried)
    cards = action_cards(rates, benchmarks, sources, stale, weekly_pace, rules)
    return PipelineReport(
        applications=reached[Stage.APPLIED],
        funnel=funnel(progress),
        rates=rates,
        benchmarks=benchmarks,
        response_time=response_time(progress),
        median_response_days=median_response_days(progress),
        replies_without_date=replies_without_date(progress),
        undated_replies=undated_replies(progress),
        undated_applications=undated_applications(progress),
        weekly=weekly_activity(progress, today),
        pace=weekly_pace,
        searching_weeks=searching,
        sources=sources,
        likely_no_response=stale,
        projection=projection,
        projection_needs=(rules.projection_min_applications, rules.projection_min_weeks),
        cards=cards,
        listing=listing,
        words=rules.analytics,
    )


def action_cards(
    rates: tuple[Rate, ...],
    benchmarks: Mapping[str, BenchmarkRate],
    sources: pd.DataFrame,
    stale: int,
    weekly_pace: Pace,
    rules: PipelineRules,
) -> tuple[ActionCard, ...]:
    """What to do about the numbers, most urgent first."""
    words = rules.analytics
    cards = []
    if stale:
        cards.append(ActionCard("warning", words.stale.say(stale, days=rules.no_response_days)))
    if weekly_pace.weeks and not weekly_pace.applications:  # never said of undated applications
        weeks = words.nouns.week.of(weekly_pace.weeks)
        cards.append(ActionCard("warning", fill(words.no_pace, weeks=weeks)))
    cards.extend(_source_cards(sources, benchmarks[INTERVIEW_RATE], words))
    applications = rates[0].total
    if 0 < applications < rules.min_sample:
        cards.append(
            ActionCard("info", words.small_sample.say(applications, min_sample=rules.min_sample))
        )
    return tuple(cards)


def _source_cards(
    sources: pd.DataFrame, benchmark: BenchmarkRate, words: AnalyticsWords
) -> list[ActionCard]:
    """Name the sources whose interview rate clearly beats or trails the benchmark."""
    rows = sources[(sources["measure"] == INTERVIEW_RATE) & ~sources["too_small"]]
    above = rows.loc[rows["low"] > benchmark.high, "source"].tolist()
    below = rows.loc[rows["high"] < benchmark.low, "source"].tolist()
    share = formats.percent(benchmark.mid)
    cards = []
    if below:
        text = fill(words.below, share=share, sources=formats.join(below))
        cards.append(ActionCard("warning", text))
    if above:
        text = fill(words.above, share=share, sources=formats.join(above))
        cards.append(ActionCard("success", text))
    return cards
