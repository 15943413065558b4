"""The coach's view of a cohort: only what its participants chose to share, checked on every call.

The cohort funnel against the listing benchmark (250 → 4–6 → 1) is counted over the participants who
share their pipeline figures, with small cells suppressed (analytics.cohort). Who has overdue
thank-you notes or status calls is read for those who share their step status; who risks stalling
(one active process or none, and no application this week) for those who share their pipeline.
A shared note or draft is read only when the coach opens it, and every opening is logged for the
participant to see.

What is shared, and by whom, is read on every call, so a withdrawal or a leave shows on the coach's
next call. What one participant's rows add to the view (their funnel counts, weeks, stalling card,
overdue steps) is kept per participant under their workbook's data version (store.consent
`versions`: their data version, bumped by every write of theirs), and for the day or the minute it
was worked out for: a change of theirs shows on the next call, and a 50-person cohort is not read
again in full on every rerun. It is only ever used for a participant who shares that kind now.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from followthrough import formats
from followthrough.analytics import cohort as cohort_figures
from followthrough.analytics.pipeline import (
    application_progress,
    benchmark_rates,
    compare,
    reached_counts,
)
from followthrough.content import ContentPack
from followthrough.models import (
    Forbidden,
    InterviewSummary,
    Member,
    Person,
    Share,
    ShareKind,
    StepState,
)
from followthrough.services.cohorts import coach_of, cohort_title, item_label
from followthrough.services.steps import step_records
from followthrough.services.workbook import Workbook
from followthrough.steps import follow_up, momentum, thank_you
from followthrough.steps.progress import StepRecords, interview_progress, is_recent
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
    versions: dict[int, int]  # each member's data version (store/versions.py)


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
        wb.repo(ConsentRepository).versions(cohort_id),
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


# -- one participant's part, kept under their data version --------------------------------


class _Memo:
    """A bounded, thread-safe map from a participant's (database, id, kind, data version, moment)
    to what their rows add to the coach's view; the content pack it was worked out with is kept
    beside it, so an edited pack never serves an old card."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[ContentPack, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, pack: ContentPack, work: Callable[[], Any]) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] is pack:
                self._entries.move_to_end(key)
                return found[1]
        value = work()
        with self._lock:
            self._entries[key] = (pack, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_PARTS = _Memo(max_entries=4096)


@dataclass(frozen=True)
class _PipelinePart:
    reached: dict
    weeks: dict[date, int]
    stalling: str  # the Step 4 card they see, or '' when they do not risk stalling


def _pipeline_part(wb: Workbook, pack: ContentPack, member: Member, today: date) -> _PipelinePart:
    theirs = _as(wb, member)
    frames = theirs.repo(FrameRepository)
    progress = application_progress(frames.applications(), frames.events(), today)
    repo = theirs.repo(MomentumRepository)
    card = ""
    if not momentum.applications_this_week(repo.applied_dates(), today):
        active = momentum.active_processes(momentum.latest_stages(repo.stage_history()))
        warn, text = momentum.process_warning(active, pack.momentum.processes)
        card = text if warn else ""
    return _PipelinePart(
        reached_counts(progress["furthest"].to_numpy()),
        _weeks(progress["applied_on"].dropna().tolist(), today),
        card,
    )


@dataclass(frozen=True)
class _StatusPart:
    """What a participant's step status is worked out from: their interviews and step records."""

    summaries: list[InterviewSummary]
    records: StepRecords


def _status_part(wb: Workbook, member: Member) -> _StatusPart:
    theirs = _as(wb, member)
    summaries = theirs.repo(InterviewRepository).summaries()
    return _StatusPart(summaries, step_records(theirs, summaries))


def _overdue_texts(pack: ContentPack, part: _StatusPart, now: datetime) -> list[str]:
    recent = [s for s in part.summaries if is_recent(s, now)]
    texts = []
    for progress in interview_progress(pack, recent, part.records, now):
        late = [
            OVERDUE_STEPS[s.step_id]
            for s in progress.steps
            if s.state is StepState.OVERDUE and s.step_id in OVERDUE_STEPS
        ]
        if late:
            when = formats.day(progress.summary.interview.starts_at)
            texts.append(f"{formats.join(late)} · interview of {when}")
    return texts


def _key(wb: Workbook, shared: "_Shared", member: Member, kind: ShareKind, moment: Any) -> tuple:
    version = shared.versions.get(member.person_id, 0)
    url = wb.engine.url.render_as_string()
    return (url, member.person_id, kind.value, version, moment)


def _pipelines(
    wb: Workbook, pack: ContentPack, shared: "_Shared", today: date
) -> list[tuple[Member, _PipelinePart]]:
    return [
        (
            m,
            _PARTS.get(
                _key(wb, shared, m, ShareKind.PIPELINE, today),
                pack,
                partial(_pipeline_part, wb, pack, m, today),
            ),
        )
        for m in shared.pipeline
    ]


def figures(wb: Workbook, pack: ContentPack, cohort_id: int, today: date) -> CohortFigures:
    """The cohort's aggregates, suppressed (the page, the export and the notebook use these)."""
    return _figures(pack, _pipelines(wb, pack, _shared(wb, cohort_id), today))


def _figures(pack: ContentPack, parts: list[tuple[Member, _PipelinePart]]) -> CohortFigures:
    funnel = cohort_figures.funnel([part.reached for _, part in parts])
    return CohortFigures(
        len(parts),
        funnel,
        cohort_figures.rates(funnel, pack.pipeline.min_sample),
        cohort_figures.weekly([part.weeks for _, part in parts]),
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
    """Overdue thank-you notes and follow-ups of those who share their step status. Their rows
    are read again when their workbook changes; the steps' states are worked out again each
    minute (a step falls due at a time of day)."""
    minute = now.replace(second=0, microsecond=0)
    flags = []
    for member in shared.status:
        part = _PARTS.get(
            _key(wb, shared, member, ShareKind.STEP_STATUS, None),
            pack,
            partial(_status_part, wb, member),
        )
        texts = _PARTS.get(
            _key(wb, shared, member, ShareKind.STEP_STATUS, minute),
            pack,
            partial(_overdue_texts, pack, part, minute),
        )
        flags += [Flag(member.person_id, member.name, text) for text in texts]
    return flags


def stalling(parts: list[tuple[Member, _PipelinePart]]) -> list[Flag]:
    """Those who share their pipeline with one active process or none and no application this
    week, with the card their own step 4 page shows them."""
    return [Flag(m.person_id, m.name, part.stalling) for m, part in parts if part.stalling]


# -- the screen, an opened item, the export ---------------------------------------------------


def view(wb: Workbook, pack: ContentPack, cohort_id: int, now: datetime) -> CoachView:
    cohort = coach_of(wb, cohort_id)
    shared = _shared(wb, cohort_id)
    pipelines = _pipelines(wb, pack, shared, now.date())
    found = _figures(pack, pipelines)
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
        stalling=stalling(pipelines),
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
