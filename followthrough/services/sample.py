"""The sample workbook: a demo pipeline shipped in data/, loaded so a newcomer sees the product alive."""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from followthrough.config import DATA_DIR
from followthrough.models import (
    Application,
    Channel,
    Interview,
    Interviewer,
    InterviewFormat,
    Stage,
)
from followthrough.models import StatusEvent as Event
from followthrough.services.workbook import Workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.thank_you import ThankYouRepository

SAMPLE_FILE = DATA_DIR / "sample_workbook.json"


def load_sample(wb: Workbook, today: date, file: Path = SAMPLE_FILE) -> int:
    """Add the sample applications (marked as samples) with dates relative to `today`."""
    spec = json.loads(file.read_text(encoding="utf-8"))
    repo, interviews = wb.repo(ApplicationRepository), wb.repo(InterviewRepository)
    for item in spec["applications"]:
        app = Application(
            company=item["company"],
            role_title=item["role_title"],
            source=item.get("source", ""),
            listing_url=item.get("listing_url", ""),
            applied_on=today - timedelta(days=item["applied_days_ago"]),
            is_sample=True,
        )
        app_id = repo.add(app, first_stage=None)
        for stage, days_ago in item["events"]:
            # Interview records add their own stage event; don't record it twice.
            if stage != Stage.INTERVIEW or not item.get("interviews"):
                repo.add_event(Event(app_id, Stage(stage), today - timedelta(days=days_ago)))
        for spec_interview in item.get("interviews", []):
            interview_id = interviews.add(_interview(app_id, spec_interview, today))
            _follow_up(wb, interview_id, spec_interview, today)
    return len(spec["applications"])


def has_sample(wb: Workbook) -> bool:
    return wb.repo(ApplicationRepository).has_samples()


def sample_counts(wb: Workbook) -> tuple[int, int]:
    """The sample applications, and the interviews on them (what removing the sample takes)."""
    return wb.repo(ApplicationRepository).sample_counts()


def remove_sample(wb: Workbook) -> int:
    """Take the sample applications out (with everything attached); the user's own rows stay."""
    return wb.repo(ApplicationRepository).delete_samples()


def _follow_up(wb: Workbook, interview_id: int, spec: dict, today: date) -> None:
    """Step work already done on an interview, so the step pages show a filled-in example."""
    answers = wb.repo(AnswerRepository)
    for prompt_id, value in spec.get("notes", {}).items():
        answers.save(interview_id, "notes", prompt_id, value)
    interview = wb.repo(InterviewRepository).get(interview_id)
    people = interview.interviewers if interview else []
    for prompt_id, lines in spec.get("notes_per_interviewer", {}).items():
        answers.save(interview_id, "notes", prompt_id, "\n".join(lines), str(people[0].id))
    if spec.get("thank_you_sent"):
        sent_on = today - timedelta(days=spec["days_ago"])
        for person in people:
            wb.repo(ThankYouRepository).save(
                person.id or 0, sent_on=sent_on, sent_channel=Channel.EMAIL
            )


def _interview(app_id: int, spec: dict, today: date) -> Interview:
    day = today - timedelta(days=spec["days_ago"])
    starts_at = datetime.combine(day, time.fromisoformat(spec["start"]))
    return Interview(
        application_id=app_id,
        round_number=spec["round_number"],
        format=InterviewFormat(spec["format"]),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=spec["minutes"]),
        location=spec.get("location", ""),
        decision_expected_on=day + timedelta(days=spec["decision_in_days"]),
        interviewers=[Interviewer(**person) for person in spec["interviewers"]],
    )
