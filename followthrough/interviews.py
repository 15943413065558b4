"""Rules for recording an interview: what makes an application, interview or interviewer valid."""

import re

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
            f"The interview ends ({interview.ends_at:%H:%M}) before it starts "
            f"({interview.starts_at:%H:%M}): check the end time."
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


def interview_rows(summaries: list[InterviewSummary]) -> list[dict[str, object]]:
    """One plain row per interview, for an at-a-glance table."""
    return [
        {
            "Company": s.application.company,
            "Role": s.application.role_title,
            "Round": s.interview.round_number,
            "Format": s.interview.format.label,
            "When": f"{s.interview.starts_at:%a %d %b %Y, %H:%M}",
            "Interviewers": ", ".join(p.name for p in s.interview.interviewers),
            "Decision expected": (
                f"{s.interview.decision_expected_on:%a %d %b %Y}"
                if s.interview.decision_expected_on
                else ""
            ),
        }
        for s in summaries
    ]
