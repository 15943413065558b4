"""Home: the benchmark that frames the search, and where each recent interview stands."""

from dataclasses import dataclass
from datetime import date, datetime

from followthrough import formats
from followthrough.content import ContentPack, HomeContent
from followthrough.interviews import interview_rows, title
from followthrough.models import InterviewSummary, PracticeCard, StepState
from followthrough.services import sample
from followthrough.services.steps import practice_cards, step_records
from followthrough.services.thank_you import channel_advice
from followthrough.services.workbook import Workbook
from followthrough.steps import before_you_go, momentum
from followthrough.steps.before_you_go import BeforeYouGo
from followthrough.steps.follow_up import Standing
from followthrough.steps.momentum import Waiting
from followthrough.steps.progress import (
    DueStep,
    InterviewProgress,
    StepRecords,
    by_urgency,
    due_steps,
    interview_progress,
    is_recent,
    next_moment,
    practice_before_next_interview,
)
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.templates import fill


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # '250', '4–6'


@dataclass(frozen=True)
class Benchmark:
    title: str
    figures: list[Figure]
    caption: str  # what the figures mean, and their source


@dataclass(frozen=True)
class StepBadge:
    state: StepState
    step: str  # '1. Take notes'


@dataclass(frozen=True)
class InterviewCard:
    """One recent interview: its four steps and the single next action."""

    interview_id: int
    title: str
    steps: list[StepBadge]  # in step order
    next_step_id: str
    next_step_number: int
    next_action: str  # 'Next: …', or when it is still ahead, when it is
    open_step: str  # the link's label
    before: BeforeYouGo | None  # while it is still ahead and not today (today's leads the page)
    silent: str  # past the date they gave with no word: what to make of it; '' otherwise


@dataclass(frozen=True)
class DueLine:
    """One thing to do now: which interview, which step, what to do and why now."""

    interview_id: int
    title: str  # the interview's title (user text)
    state: StepState  # DUE or OVERDUE
    step_id: str
    step: str  # 'Step 2 · Send a thank-you note ASAP'
    action: str
    reason: str
    open_step: str  # the link's label


@dataclass(frozen=True)
class HomeView:
    words: HomeContent  # the page's fixed sentences and labels
    benchmark: Benchmark
    overdue: str  # '3 steps are overdue — see below.', or '' when none is
    due: list[DueLine]  # every due or overdue step of every recent interview, in order
    nothing_due: str  # what to say when `due` is empty: nothing due, and the next moment
    rehearse: str  # the next interview and the practice cards to rehearse first, or ''
    cards: list[InterviewCard]  # recent interviews, most urgent first
    earlier: list[dict[str, object]]  # rows of the interviews that are history now
    earlier_title: str
    leading: list[BeforeYouGo]  # today's interviews, still ahead: their card comes first
    waiting: Waiting  # what to know while waiting, under a silent interview's card
    has_interviews: bool
    has_applications: bool
    has_sample: bool


def home(wb: Workbook, pack: ContentPack, now: datetime) -> HomeView:
    summaries = wb.repo(InterviewRepository).summaries()
    recent = [s for s in summaries if is_recent(s, now)]
    records = step_records(wb, recent)
    progress = by_urgency(interview_progress(pack, recent, records, now))
    overdue = sum(p.count(StepState.OVERDUE) for p in progress)
    soonest, cards = practice_before_next_interview(pack, summaries, practice_cards(wb), now)
    words = pack.home
    earlier = [s for s in summaries if not is_recent(s, now)]
    before = {  # only interviews still ahead have a card: their channel is read, not all of them
        card.interview_id: card
        for s in recent
        if now < s.interview.ends_at
        and (card := before_you_go.card(s, channel_advice(wb, pack, s), now, pack.before_you_go))
    }
    silent = _silent(pack, recent, records, now)
    coming = next_moment(progress, now)
    nothing_due = words.nothing_due
    if coming is not None and coming.status.due_on is not None:
        when = formats.day(coming.status.due_on)
        nothing_due += " " + fill(words.next_moment, date=when, action=coming.status.action)
    return HomeView(
        words=words,
        benchmark=_benchmark(pack),
        overdue=words.overdue.say(overdue) if overdue else "",
        due=[_due_line(pack, item) for item in due_steps(progress)],
        nothing_due=nothing_due,
        rehearse=_rehearse(soonest, cards, words),
        cards=[
            _card(
                pack,
                p,
                before.get(p.summary.interview.id or 0),
                silent.get(p.summary.interview.id or 0, ""),
            )
            for p in progress
        ],
        earlier=interview_rows(earlier),
        earlier_title=fill(words.earlier, count=len(earlier)),
        leading=[card for card in before.values() if card.leads],
        waiting=momentum.waiting(pack.momentum),
        has_interviews=bool(summaries),
        # Archived applications count: they are the user's own work, not an empty workbook.
        has_applications=bool(summaries)
        or bool(wb.repo(ApplicationRepository).all(include_archived=True)),
        has_sample=sample.has_sample(wb),
    )


def _silent(
    pack: ContentPack, recent: list[InterviewSummary], records: StepRecords, now: datetime
) -> dict[int, str]:
    """By interview id: what to make of silence past the date they gave (only those silent)."""
    found = {}
    for summary in recent:
        key = summary.interview.id or 0
        text = momentum.silent_past_decision(
            summary,
            records.standings.get(key, Standing()),
            records.contacts.get(key, []),
            now.date(),
            pack.momentum.waiting,
        )
        if text:
            found[key] = text
    return found


def _card(
    pack: ContentPack, p: InterviewProgress, before: BeforeYouGo | None, silent: str
) -> InterviewCard:
    """One interview: its four steps, and what comes next — or, still ahead, when it is."""
    words, interview = pack.home, p.summary.interview
    step = pack.step(p.next.step_id)
    next_action = fill(words.next, action=p.next.action)
    open_step = fill(words.open_step, number=step.number)
    if before is not None:  # still ahead: step 1's page holds its before-you-go card
        when = dict(date=formats.day(interview.starts_at), time=formats.clock(interview.starts_at))
        next_action, open_step = fill(words.coming_up, **when), words.prepare_link
        step = pack.steps[0]
    return InterviewCard(
        interview_id=interview.id or 0,
        title=title(p.summary),
        steps=[
            StepBadge(status.state, f"{s.number}. {s.title}")
            for s, status in zip(pack.steps, p.steps, strict=True)
        ],
        next_step_id=step.id,
        next_step_number=step.number,
        next_action=next_action,
        open_step=open_step,
        before=None if before is None or before.leads else before,
        silent=silent,
    )


def _due_line(pack: ContentPack, item: DueStep) -> DueLine:
    step = pack.step(item.status.step_id)
    words = pack.home
    return DueLine(
        interview_id=item.summary.interview.id or 0,
        title=title(item.summary),
        state=item.status.state,
        step_id=step.id,
        step=fill(words.due_step, number=step.number, title=step.title),
        action=item.status.action,
        reason=item.status.reason,
        open_step=fill(words.open_step, number=step.number),
    )


def load_sample(wb: Workbook, pack: ContentPack, today: date) -> str:
    """Load the sample workbook; what to tell the user."""
    return pack.home.sample_loaded.say(sample.load_sample(wb, today))


def remove_sample(wb: Workbook, pack: ContentPack) -> str:
    """Take the sample out again (the user's own rows stay); what to tell the user."""
    return pack.home.sample_removed.say(sample.remove_sample(wb))


def remove_sample_question(wb: Workbook, pack: ContentPack) -> str:
    """What removing the sample takes, named, to ask before it goes."""
    words = pack.home
    apps, interviews = sample.sample_counts(wb)
    return fill(
        words.remove_sample_ask,
        applications=words.sample_applications.say(apps),
        interviews=words.sample_interviews.say(interviews),
    )


def _benchmark(pack: ContentPack) -> Benchmark:
    funnel = pack.benchmarks.listing_funnel
    return Benchmark(
        funnel.title,
        [Figure(s.label, formats.figure_range(s.low, s.high)) for s in funnel.stages],
        fill(pack.home.benchmark_caption, note=funnel.note, source=funnel.source),
    )


def _rehearse(
    soonest: InterviewSummary | None, cards: list[PracticeCard], words: HomeContent
) -> str:
    if soonest is None or not cards:
        return ""
    starts_at = soonest.interview.starts_at
    return words.rehearse.say(
        len(cards),
        company=soonest.application.company,
        date=formats.day(starts_at),
        time=formats.clock(starts_at),
        question=cards[0].question,
    )
