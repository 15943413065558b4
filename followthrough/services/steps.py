"""What the four steps' status is read from, gathered for many interviews in one query per kind."""

from followthrough.models import AnswerKey, InterviewSummary, PracticeCard
from followthrough.services.workbook import Workbook
from followthrough.steps import follow_up, notes
from followthrough.steps.progress import StepRecords
from followthrough.store.answers import AnswerRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.thank_you import ThankYouRepository


def step_records(wb: Workbook, summaries: list[InterviewSummary]) -> StepRecords:
    ids = [s.interview.id for s in summaries if s.interview.id is not None]
    follow_ups = wb.repo(FollowUpRepository)
    answers = wb.repo(AnswerRepository)
    return StepRecords(
        notes_answers=answers.for_step_many(ids, notes.STEP_ID),
        thank_you_sent=wb.repo(ThankYouRepository).sent_counts(),
        instructions=follow_ups.instructions_for(ids),
        contacts=follow_ups.contacts_for(ids),
        call_plans=follow_ups.plans_for(ids),
        next_day=wb.repo(MomentumRepository).plans_for(ids),
        standings=standings(wb, summaries, answers.for_step_many(ids, follow_up.STEP_ID)),
    )


def standings(
    wb: Workbook,
    summaries: list[InterviewSummary],
    follow_up_answers: dict[int, dict[AnswerKey, str]],
) -> dict[int, follow_up.Standing]:
    """For each interview: its application's latest stage, a later round, and how the company
    said the user will hear back — what decides whether a status call helps."""
    app_ids = {s.application.id for s in summaries if s.application.id is not None}
    stages = follow_up.latest_stages(wb.repo(MomentumRepository).stage_history(app_ids))
    rounds = follow_up.next_rounds(summaries)
    found = {}
    for summary in summaries:
        interview_id = summary.interview.id
        if interview_id is None:
            continue
        stage, stage_on = stages.get(summary.application.id or 0, (None, None))
        hear_back = follow_up_answers.get(interview_id, {}).get((follow_up.HEAR_BACK, ""), "")
        found[interview_id] = follow_up.Standing(
            stage, stage_on, rounds.get(interview_id), hear_back
        )
    return found


def practice_cards(wb: Workbook) -> list[PracticeCard]:
    return wb.repo(PracticeRepository).all()
