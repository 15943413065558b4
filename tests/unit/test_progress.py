from datetime import date, datetime, timedelta

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Channel,
    Contact,
    Instruction,
    Interview,
    Interviewer,
    InterviewFormat,
    PlanItem,
    StepState,
)
from followthrough.services.home import home
from followthrough.services.sample import load_sample
from followthrough.services.steps import step_records
from followthrough.steps.progress import by_urgency, interview_progress
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.thank_you import ThankYouRepository

NOW = datetime(2026, 11, 25, 18, 0)
PACK = load_content(DEFAULT_CONTENT_DIR)


def _add(repo: ApplicationRepository, company: str, days_ago: int) -> int:
    start = NOW - timedelta(days=days_ago, hours=3)
    app_id = repo.add(Application(company, "Analyst", applied_on=start.date()))
    return InterviewRepository(repo.engine, repo.owner_id).add(
        Interview(
            app_id,
            1,
            InterviewFormat.VIDEO,
            start,
            start + timedelta(hours=1),
            interviewers=[Interviewer("Ada")],
        )
    )


def test_each_interview_gets_its_own_four_statuses(workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    fresh, older = _add(repo, "Fresh Co", 0), _add(repo, "Older Co", 9)
    ada = InterviewRepository(repo.engine, repo.owner_id).get(older).interviewers[0]
    workbook.repo(ThankYouRepository).save(ada.id, sent_on=date(2026, 11, 16), sent_channel="email")
    follow_ups = workbook.repo(FollowUpRepository)
    follow_ups.add_instruction(
        Instruction(older, "three references", Channel.EMAIL, due_on=date(2026, 11, 20))
    )
    follow_ups.log_contact(Contact(fresh, Channel.EMAIL, date(2026, 11, 25)))
    workbook.repo(MomentumRepository).add_item(
        PlanItem(older, "application", "Apply to Globex", done=True)
    )

    summaries = workbook.repo(InterviewRepository).summaries()
    progress = interview_progress(PACK, summaries, step_records(workbook, summaries), NOW)
    states = {p.summary.application.company: [s.state for s in p.steps] for p in progress}
    # Step 4 is the next day's: on the interview day it is not due yet.
    assert states["Fresh Co"] == [StepState.DUE, StepState.DUE, StepState.DONE, StepState.UPCOMING]
    assert states["Older Co"] == [
        StepState.OVERDUE,
        StepState.DONE,
        StepState.OVERDUE,
        StepState.DONE,
    ]
    older_progress = next(p for p in progress if p.summary.interview.id == older)
    assert older_progress.next.step_id == "notes"  # the earliest of the most urgent steps
    assert older_progress.count(StepState.OVERDUE) == 2


def test_interviews_are_ordered_most_urgent_first(workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    _add(repo, "Upcoming Co", -2)
    _add(repo, "Overdue Co", 9)
    _add(repo, "Fresh Co", 0)
    summaries = workbook.repo(InterviewRepository).summaries()
    progress = interview_progress(PACK, summaries, step_records(workbook, summaries), NOW)
    order = [p.summary.application.company for p in by_urgency(progress)]
    assert order == ["Overdue Co", "Fresh Co", "Upcoming Co"]


def test_home_says_what_is_overdue_and_what_to_rehearse(workbook) -> None:
    load_sample(workbook, NOW.date())
    bluebird = next(
        s
        for s in workbook.repo(InterviewRepository).summaries()
        if s.application.company == "Bluebird Health"
    )
    workbook.repo(PracticeRepository).add(bluebird.interview.id, "Why this role?")
    view = home(workbook, PACK, NOW + timedelta(days=2))  # Kite Mobility's interview is near
    assert [(f.label, f.value) for f in view.benchmark.figures] == [
        ("Résumés received", "250"),
        ("Candidates interviewed", "4–6"),
        ("Offer made", "1"),
    ]
    assert view.benchmark.caption.endswith("Source: ERE recruiting survey.")
    assert view.overdue == "7 steps are overdue — see below."
    assert view.rehearse == (
        "Your next interview is at Kite Mobility on 2026/11/29 at 11:00: rehearse "
        "1 practice card, starting with “Why this role?”."
    )
    assert [c.title for c in view.cards][-1] == "Kite Mobility — UX Designer (round 1, 2026/11/29)"
    assert view.cards[-1].steps[0].step == "1. Take notes right after the interview"
    assert (view.has_interviews, view.has_applications, view.has_sample) == (True, True, True)


def test_home_counts_one_overdue_step_in_the_singular(workbook) -> None:
    _add(workbook.repo(ApplicationRepository), "Fresh Co", 0)  # ended two hours before NOW
    view = home(workbook, PACK, NOW + timedelta(hours=3))  # only the notes are late yet
    assert view.overdue == "1 step is overdue — see below."
    assert view.rehearse == ""
    assert (view.has_interviews, view.has_applications, view.has_sample) == (True, True, False)


def test_home_lists_every_due_step_in_order_with_its_reason(workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    _add(repo, "Upcoming Co", -2)  # nothing is due before its step's moment
    _add(repo, "Older Co", 9)  # ended Mon 16 Nov
    _add(repo, "Fresh Co", 0)  # ended two hours ago
    view = home(workbook, PACK, NOW)
    assert [(line.title.split(" — ")[0], line.step_id, line.state) for line in view.due] == [
        ("Older Co", "notes", StepState.OVERDUE),
        ("Older Co", "thank_you", StepState.OVERDUE),
        ("Older Co", "momentum", StepState.OVERDUE),
        ("Older Co", "follow_up", StepState.DUE),  # the status call, a week after
        ("Fresh Co", "notes", StepState.DUE),
        ("Fresh Co", "thank_you", StepState.DUE),
    ]
    call = view.due[3]
    assert call.step == "Step 3 · Respect the company's follow-up instructions"
    assert call.action == "Place your status call (planned for 2026/11/23)."
    assert call.reason.startswith("It has been a week or more")
    assert call.open_step == "Open step 3"
    assert all(line.reason for line in view.due)


def test_when_nothing_is_due_home_names_the_next_moment(workbook) -> None:
    interview = _add(workbook.repo(ApplicationRepository), "Quiet Co", 3)  # ended Sun 22 Nov
    ada = InterviewRepository(workbook.engine, workbook.owner.id).get(interview).interviewers[0]
    workbook.repo(ThankYouRepository).save(ada.id, sent_on=date(2026, 11, 22), sent_channel="email")
    for prompt in ("topics", "company_learned", "self_evaluation"):
        subject = str(ada.id) if prompt == "topics" else ""
        workbook.repo(AnswerRepository).save(interview, "notes", prompt, "Done", subject)
    workbook.repo(MomentumRepository).add_item(PlanItem(interview, "lead", "Call Sam", done=True))
    view = home(workbook, PACK, NOW)
    assert view.due == []
    assert view.nothing_due == (
        "Nothing is due right now. Next: Status call on 2026/11/30, "
        "if you haven't heard back by then."
    )
