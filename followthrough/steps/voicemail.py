"""Step 3, the status-call voicemail: a short script, its word count and its speaking time."""

import re
from dataclasses import dataclass
from datetime import date

from followthrough import formats
from followthrough.content import VoicemailRules
from followthrough.templates import fill

# A spoken unit: a word (letters, inner apostrophes or hyphens) or a single digit read aloud.
_SPOKEN = re.compile(r"\d|[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Timing:
    words: int
    seconds: float
    too_long: bool
    message: str


def slow_number(phone: str) -> str:
    """The number digit by digit, its groups separated by commas, so it is read out slowly."""
    groups = re.findall(r"\+?\d+", phone)
    return ", ".join(" ".join(group) for group in groups)


def script(
    name: str,
    role: str,
    company: str,
    interview_day: date,
    interest: str,
    phone: str,
    rules: VoicemailRules,
) -> str:
    """The content template filled in; blanks stay visible so the gap is easy to spot."""
    return fill(
        rules.template,
        name=name.strip() or rules.blank_name,
        role=role,
        company=company,
        interview_date=formats.long_day(interview_day),
        interest=interest.strip() or rules.blank_interest,
        phone=slow_number(phone) or rules.blank_phone,
    )


def spoken_words(text: str) -> int:
    """Words as they are spoken: each digit of a number counts as one word."""
    return len(_SPOKEN.findall(text))


def timing(text: str, rules: VoicemailRules) -> Timing:
    """Word count and estimated speaking time at the content's pace, against its limit."""
    words = spoken_words(text)
    seconds = words * 60 / rules.words_per_minute
    too_long = seconds > rules.max_seconds
    template = rules.too_long if too_long else rules.fits
    message = fill(template, words=words, seconds=round(seconds), max_seconds=rules.max_seconds)
    return Timing(words, seconds, too_long, message)
