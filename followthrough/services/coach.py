"""The coach's view of a cohort: only what its participants chose to share, read fresh each call.

The cohort funnel against the listing benchmark (250 → 4–6 → 1) is counted over the participants who
share their pipeline figures, with small cells suppressed (analytics.cohort). Who has overdue
thank-you notes or status calls is read for those who share their step status; who risks stalling
(one active process or none, and no application this week) for those who share their pipeline.
A shared note or draft is read only when the coach opens it, and every opening is logged for the
participant to see. A withdrawal shows on the coach's next call: nothing here is cached.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from followthrough import formats
from followthrough.analytics import cohort as cohort_figures
from followthrough.analytics.pipeline import (
    application_progress,
    benchmark_rates,
    compare,
    reached_counts,
)
from followthrough.content import ContentPack
from followthrough.models import Forbidden, Member, Person, Share, ShareKind, StepState
from followthrough.services.cohorts import coach_of, cohort_title, item_label
from followthrough.services.steps import step_records
from followthrough.services.workbook import Workbook
from followthrough.steps import follow_up, momentum, thank_you
from followthrough.steps.progress import interview_progress, is_recent
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.frames import FrameRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.transfer.export import to_csv

SUPPRESSED = f"fewer than {cohort_figures.MIN_PEOPLE} people"
NO_LONGER_SHARED = "This is no longer shared with you: the participant took it back or left."
NO_COHORT = "You coach no cohort yet: create one on the Cohorts page and invite your participants."
OVERDUE_NOTE = "Among the participants who share their step status."
NOTHING_OVERDUE = "Nothing overdue among them."
STALLING_NOTE = (
    "Among the participants who share their pipeline figures: one active process or none, and no "
    "application this week. The text is the card their own Step 4 page shows them."
)
NOBODY_STALLING = "Nobody among them risks stalling."
ITEMS_NOTE = (
    "Open one to read it: the participant sees in their log that you did. What they take back "
    "disappears from here."
)
OVERDUE_STEPS = {
    thank_you.STEP_ID: "thank-you notes overdue",
    follow_up.STEP_ID: "follow-up overdue (a status call or what the company asked for)",
}


@dataclass(frozen=True)
class FunnelLine:
    label: str
    applications: str  # '1,234', or 'fewer than 5 people'
    conversion: str  # from the stage before; a dash when not shown


@dataclass(frozen=True)
class RateLine:
    name: str
    value: str
    detail: str  # counts, interval and the benchmark verdict; or why it is not shown
    definition: str


@dataclass(frozen=True)
class Flag:
    """A participant who needs a word from the coach, and why."""

    person_id: int
    name: str
    text: str


@dataclass(frozen=True)
class ItemLine:
    person_id: int
    name: str
    kind: str
    item: int
    label: str  # what it is (never its text: that is read when the coach opens it)


@dataclass(frozen=True)
class CoachView:
    cohort_id: int
    title: str
    caption: str
    benchmark: str  # '250 → 4–6 → 1 (ERE recruiting survey)'
    funnel_note: str
    funnel: list[FunnelLine]
    rates: list[RateLine]
    overdue: list[Flag]
    stalling: list[Flag]
    items: list[ItemLine]
    log: list[dict[str, str]]


@dataclass(frozen=True)
class OpenedItem:
    label: str
    text: str


def coached(wb: Workbook) -> dict[int, str]:
    """The cohorts the workbook's person coaches: id → title."""
    return {c.id: cohort_title(c) for c in wb.repo(CohortRepository).coached()}


# -- what is shared, per participant ---------------------------------------------------------


@dataclass(frozen=True)
class _Shared:
    members: dict[int, Member]
    status: list[Member]
    pipeline: list[Member]
    items: list[Share]


def _shared(wb: Workbook, cohort_id: int) -> _Shared:
    coach_of(wb, cohort_id)
    members = {m.person_id: m for m in wb.repo(CohortRepository).members(cohort_id)}
    granted = [s for s in wb.repo(ConsentRepository).granted(cohort_id) if s.person_id in members]

    def sharing(kind: ShareKind) -> list[Member]:
        ids = {s.person_id for s in granted if s.kind is kind}
        return [m for m in members.values() if m.person_id in ids]

    return _Shared(
        members,
        sharing(ShareKind.STEP_STATUS),
        sharing(ShareKind.PIPELINE),
        [s for s in granted if s.kind.is_item],
    )


def _as(wb: Workbook, member: Member) -> Workbook:
    """The participant's workbook, read only for what they share (checked by the caller)."""
    return wb.as_person(Person(member.person_id, "", member.name))


# -- the cohort's figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class CohortFigures:
    """The funnel, rates and weekly activity over the participants who share their pipeline."""

    sharing: int
    funnel: list[cohort_figures.FunnelStage]
    rates: list
    weekly: list[cohort_figures.Week]


def figures(wb: Workbook, pack: ContentPack, cohort_id: int, today: date) -> CohortFigures:
    """The cohort's aggregates, suppressed (the page, the export and the notebook use these)."""
    shared = _shared(wb, cohort_id)
    reached, weeks = [], []
    for member in shared.pipeline:
        repo = _as(wb, member).repo(FrameRepository)
        progress = application_progress(repo.applications(), repo.events(), today)
        reached.append(reached_counts(progress["furthest"].to_numpy()))
        weeks.append(_weeks(progress["applied_on"].dropna().tolist(), today))
    funnel = cohort_figures.funnel(reached)
    return CohortFigures(
        len(shared.pipeline),
        funnel,
        cohort_figures.rates(funnel, pack.pipeline.min_sample),
        cohort_figures.weekly(weeks),
    )


def _weeks(applied: list, today: date, weeks: int = 12) -> dict[date, int]:
    """Applications per week (by Monday) over the last `weeks` weeks."""
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    counts: dict[date, int] = {first + timedelta(weeks=n): 0 for n in range(weeks)}
    for value in applied:
        day = value.date() if isinstance(value, datetime) else value
        monday = day - timedelta(days=day.weekday())
        if monday in counts:
            counts[monday] += 1
    return counts


def weekly_lines(weeks: list[cohort_figures.Week]) -> list[str]:
    return [
        f"week of {formats.day(w.start)}: "
        + (
            formats.plural(w.applications.value, "application")
            if w.applications.value is not None
            else SUPPRESSED
        )
        for w in weeks
    ]


def funnel_lines(found: CohortFigures) -> list[FunnelLine]:
    return [
        FunnelLine(
            s.stage.label,
            f"{s.applications.value:,}" if s.applications.value is not None else SUPPRESSED,
            formats.percent(s.conversion) if s.conversion is not None else formats.DASH,
        )
        for s in found.funnel
    ]


def rate_lines(found: CohortFigures, pack: ContentPack) -> list[RateLine]:
    benchmarks = benchmark_rates(pack.benchmarks.listing_funnel)
    names = ("Response rate", "Interview rate", "Offer rate")
    lines = []
    for name, rate in zip(names, found.rates, strict=True):
        if rate is None:
            lines.append(RateLine(name, formats.DASH, f"not shown: {SUPPRESSED}", ""))
            continue
        detail = f"{rate.hits:,} of {rate.total:,}"
        if rate.total:
            detail += f" · 95% interval {formats.percent_range(rate.low, rate.high)}"
        if (benchmark := benchmarks.get(rate.name)) is not None:
            bounds = formats.percent_range(benchmark.low, benchmark.high)
            verdict = compare(rate, benchmark)
            detail += f" · {verdict} (benchmark {bounds}, {benchmark.source})"
        lines.append(RateLine(rate.name, formats.percent(rate.value), detail, rate.definition))
    return lines


# -- who needs a word -------------------------------------------------------------------------


def overdue(wb: Workbook, pack: ContentPack, shared: _Shared, now: datetime) -> list[Flag]:
    flags = []
    for member in shared.status:
        theirs = _as(wb, member)
        recent = [s for s in theirs.repo(InterviewRepository).summaries() if is_recent(s, now)]
        for progress in interview_progress(pack, recent, step_records(theirs, recent), now):
            late = [
                OVERDUE_STEPS[s.step_id]
                for s in progress.steps
                if s.state is StepState.OVERDUE and s.step_id in OVERDUE_STEPS
            ]
            if late:
                when = formats.day(progress.summary.interview.starts_at)
                text = f"{formats.join(late)} · interview of {when}"
                flags.append(Flag(member.person_id, member.name, text))
    return flags


def stalling(wb: Workbook, pack: ContentPack, shared: _Shared, today: date) -> list[Flag]:
    """Those who share their pipeline with one active process or none and no application this
    week, with the card their own step 4 page shows them."""
    rules = pack.momentum.processes
    flags = []
    for member in shared.pipeline:
        repo = _as(wb, member).repo(MomentumRepository)
        if momentum.applications_this_week(repo.applied_dates(), today):
            continue
        active = momentum.active_processes(momentum.latest_stages(repo.stage_history()))
        warn, card = momentum.process_warning(active, rules)
        if warn:
            flags.append(Flag(member.person_id, member.name, card))
    return flags


# -- the screen, an opened item, the export ---------------------------------------------------


def view(wb: Workbook, pack: ContentPack, cohort_id: int, now: datetime) -> CoachView:
    cohort = coach_of(wb, cohort_id)
    shared = _shared(wb, cohort_id)
    found = figures(wb, pack, cohort_id, now.date())
    listing = pack.benchmarks.listing_funnel
    return CoachView(
        cohort_id=cohort_id,
        title=cohort_title(cohort),
        caption=(
            f"{formats.plural(len(shared.members), 'participant')} · "
            f"step status shared by {len(shared.status)} · "
            f"pipeline figures shared by {len(shared.pipeline)}"
        ),
        benchmark=(
            " → ".join(formats.figure_range(s.low, s.high) for s in listing.stages)
            + f" ({listing.source})"
        ),
        funnel_note=(
            f"Counted over {formats.plural(found.sharing, 'participant')} sharing their "
            f"pipeline figures. A figure that fewer than {cohort_figures.MIN_PEOPLE} people add to "
            "is not shown, nor anything it could be worked out from."
        ),
        funnel=funnel_lines(found),
        rates=rate_lines(found, pack),
        overdue=overdue(wb, pack, shared, now),
        stalling=stalling(wb, pack, shared, now.date()),
        items=_item_lines(wb, pack, cohort_id, shared),
        log=[
            {
                "When": formats.moment(e.viewed_at),
                "Participant": "(a deleted account)"
                if e.participant_deleted
                else e.participant_name,
                "What was opened": e.what,
            }
            for e in wb.repo(AccessLogRepository).for_cohort(cohort_id)
        ],
    )


def _item_lines(wb: Workbook, pack: ContentPack, cohort_id: int, shared: _Shared) -> list[ItemLine]:
    consent = wb.repo(ConsentRepository)
    lines = []
    for share in shared.items:
        item = consent.shared_item(cohort_id, share.person_id, share.kind, share.item)
        if item is not None:
            name = shared.members[share.person_id].name
            lines.append(
                ItemLine(
                    share.person_id, name, share.kind.value, share.item, item_label(pack, item)
                )
            )
    return lines


def open_item(
    wb: Workbook,
    pack: ContentPack,
    cohort_id: int,
    person_id: int,
    kind: str,
    item: int,
    now: datetime,
) -> OpenedItem:
    """A participant's shared note or draft, read now and logged for them; Forbidden when it is
    not (or no longer) shared with a cohort the workbook's person coaches."""
    coach_of(wb, cohort_id)
    found = wb.repo(ConsentRepository).shared_item(cohort_id, person_id, ShareKind(kind), item)
    if found is None:
        raise Forbidden(NO_LONGER_SHARED)
    label = item_label(pack, found)
    wb.repo(AccessLogRepository).record(cohort_id, person_id, label, now)
    return OpenedItem(label, found.text)


EXPORT_HEADER = ["Section", "Participant", "What", "Value"]


def export(wb: Workbook, pack: ContentPack, cohort_id: int, now: datetime) -> bytes:
    """Exactly what the coach may see, as formula-safe CSV; every shared item in it is logged."""
    screen = view(wb, pack, cohort_id, now)
    rows: list[list[str]] = [["Cohort", "", screen.title, screen.caption]]
    rows += [["Funnel", "", f.label, f.applications] for f in screen.funnel]
    rows += [["Rates", "", r.name, f"{r.value} ({r.detail})"] for r in screen.rates]
    rows += [["Overdue", f.name, f.text, ""] for f in screen.overdue]
    rows += [["Stalling", f.name, f.text, ""] for f in screen.stalling]
    for line in screen.items:
        opened = open_item(wb, pack, cohort_id, line.person_id, line.kind, line.item, now)
        rows.append(["Shared item", line.name, opened.label, opened.text])
    return to_csv(EXPORT_HEADER, rows)


def report_lines(wb: Workbook, pack: ContentPack, cohort_id: int, today: date) -> list[str]:
    """The cohort's funnel, rates and weekly activity as plain text, suppressed exactly as on the
    Coach's view page (for notebooks and the command line)."""
    coach_of(wb, cohort_id)
    found = figures(wb, pack, cohort_id, today)
    lines = [f"Over {formats.plural(found.sharing, 'participant')} sharing their pipeline:"]
    lines += [f"{f.label:<16} {f.applications:>22}  {f.conversion}" for f in funnel_lines(found)]
    for rate in rate_lines(found, pack):
        lines.append(f"{rate.name + ':':<16} {rate.value:>22}  {rate.detail}")
    lines.append("Applications per week:")
    lines += ["  " + line for line in weekly_lines(found.weekly)]
    return lines
