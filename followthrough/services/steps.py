"""What the four steps' status is read from, gathered for many interviews in one query per kind."""

from followthrough.models import InterviewSummary, PracticeCard
from followthrough.services.workbook import Workbook
from followthrough.steps import notes
from followthrough.steps.progress import StepRecords
from followthrough.store.answers import AnswerRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.thank_you import ThankYouRepository


def step_records(wb: Workbook, summaries: list[InterviewSummary]) -> StepRecords:
    ids = [s.interview.id for s in summaries if s.interview.id is not None]
    follow_ups = wb.repo(FollowUpRepository)
    return StepRecords(
        notes_answers=wb.repo(AnswerRepository).for_step_many(ids, notes.STEP_ID),
        thank_you_sent=wb.repo(ThankYouRepository).sent_counts(),
        instructions=follow_ups.instructions_for(ids),
        contacts=follow_ups.contacts_for(ids),
        call_plans=follow_ups.plans_for(ids),
        next_day=wb.repo(MomentumRepository).plans_for(ids),
    )


def practice_cards(wb: Workbook) -> list[PracticeCard]:
    return wb.repo(PracticeRepository).all()
