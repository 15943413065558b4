"""Rules for recording an interview: what makes an application, interview or interviewer valid,
and how an interview is named and listed."""

import re

from followthrough import formats
from followthrough.models import Application, Interview, Interviewer, InterviewSummary

# Deliberately loose: one @, a dot in the domain, no spaces. Real checking is the mail server's job.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_PATTERN = re.compile(r"^https?://\S+$")


def application_errors(app: Application) -> list[str]:
    errors = []
    if not app.company.strip():
        errors.append("Company is required.")
    if not app.role_title.strip():
        errors.append("Role title is required.")
    if app.listing_url.strip() and not URL_PATTERN.match(app.listing_url.strip()):
        errors.append(f"Listing URL '{app.listing_url}' must start with http:// or https://.")
    return errors


def interview_errors(interview: Interview) -> list[str]:
    errors = []
    if interview.round_number < 1:
        errors.append("Round number must be 1 or more.")
    if interview.ends_at <= interview.starts_at:
        errors.append(
            f"The interview ends ({formats.clock(interview.ends_at)}) before it starts "
            f"({formats.clock(interview.starts_at)}): check the end time."
        )
    if (
        interview.decision_expected_on
        and interview.decision_expected_on < interview.starts_at.date()
    ):
        errors.append("The decision can't be expected before the interview date.")
    return errors


def interviewer_errors(person: Interviewer) -> list[str]:
    errors = []
    if not person.name.strip():
        errors.append("Interviewer name is required.")
    if person.email.strip() and not EMAIL_PATTERN.match(person.email.strip()):
        errors.append(
            f"'{person.email}' is not a valid e-mail address (expected name@example.com)."
        )
    return errors


def is_blank(person: Interviewer) -> bool:
    """An interviewer row of the form left empty: it is skipped, not an error."""
    return not (person.name or person.title or person.email or person.postal_address)


def recording_errors(
    app: Application | None, interview: Interview, people: list[Interviewer]
) -> list[str]:
    """What stops a new interview being saved.

    `app` is None when the interview joins an existing application; `people` are the form's
    interviewer rows in order, blank ones included (so "Interviewer 2" is the form's second row).
    """
    errors = application_errors(app) if app else []
    errors += interview_errors(interview)
    for number, person in enumerate(people, start=1):
        if not is_blank(person):
            errors += [f"Interviewer {number}: {e}" for e in interviewer_errors(person)]
    if all(is_blank(p) for p in people):
        errors.append("Add at least one interviewer, so each gets a thank-you note.")
    return errors


def application_name(app: Application) -> str:
    """How an application is named in lists: 'Acme — Data Analyst'."""
    return f"{app.company} — {app.role_title}"


def title(summary: InterviewSummary) -> str:
    """How an interview is named in lists and pickers: 'Acme — Data Analyst (round 2, Tue 1 Dec 2026)'."""
    when = formats.day(summary.interview.starts_at)
    return (
        f"{application_name(summary.application)} (round {summary.interview.round_number}, {when})"
    )


def interview_rows(summaries: list[InterviewSummary]) -> list[dict[str, object]]:
    """One plain row per interview, for an at-a-glance table."""
    return [
        {
            "Company": s.application.company,
            "Role": s.application.role_title,
            "Round": s.interview.round_number,
            "Format": s.interview.format.label,
            "When": formats.moment(s.interview.starts_at),
            "Interviewers": ", ".join(p.name for p in s.interview.interviewers),
            "Decision expected": (
                formats.day(s.interview.decision_expected_on)
                if s.interview.decision_expected_on
                else ""
            ),
        }
        for s in summaries
    ]
