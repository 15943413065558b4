"""Before you go in: the advice needed before the interview ends, shown while it is still ahead.

The thank-you kit (or the e-mail plan, when e-mail is recommended), the questions to ask before
leaving, and the interviewers' names to note. On the interview day the card leads; once the
interview ends it yields to step 1.
"""

from dataclasses import dataclass
from datetime import datetime

from followthrough import formats
from followthrough.content import BeforeYouGoWords
from followthrough.models import Channel, InterviewSummary
from followthrough.steps.thank_you import ChannelAdvice
from followthrough.templates import fill


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]


@dataclass(frozen=True)
class BeforeYouGo:
    interview_id: int
    title: str
    leads: bool  # the interview is today: the card comes first
    sections: list[Section]  # the kit, what to ask before leaving, the names to note


def card(
    summary: InterviewSummary, advice: ChannelAdvice, now: datetime, words: BeforeYouGoWords
) -> BeforeYouGo | None:
    """The card for an interview that has not ended yet; None once it has."""
    interview = summary.interview
    if now >= interview.ends_at:
        return None
    starts_at = interview.starts_at
    today = starts_at.date() == now.date()
    when = dict(
        company=summary.application.company,
        date=formats.day(starts_at),
        time=formats.clock(starts_at),
    )
    if advice.channel == Channel.EMAIL:
        kit = Section(
            words.email_kit_title, [fill(line, reason=advice.reason) for line in words.email_kit]
        )
    else:
        kit = Section(words.kit_title, list(words.kit))
    names = [person.name for person in interview.interviewers if person.name.strip()]
    names_line = (
        fill(words.names_known, names=formats.join(names)) if names else words.names_unknown
    )
    return BeforeYouGo(
        interview_id=interview.id or 0,
        title=fill(words.today_title if today else words.title, **when),
        leads=today,
        sections=[
            kit,
            Section(words.ask_title, list(words.ask)),
            Section(words.names_title, [names_line]),
        ],
    )
