"""Step 2, thank-you notes: the channel to use and why, a drafted note, checks that explain themselves."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from followthrough import formats
from followthrough.content import Culture, NoteRules
from followthrough.models import Channel, InterviewFormat, StepState, StepStatus
from followthrough.templates import fill

STEP_ID = "thank_you"
CHANNELS = [Channel.HANDWRITTEN, Channel.EMAIL]


@dataclass(frozen=True)
class ChannelAdvice:
    channel: Channel
    reason: str


@dataclass(frozen=True)
class NoteFacts:
    """What a note is drafted from and checked against."""

    name: str
    company: str
    role: str
    format: InterviewFormat
    topic: str = ""
    skill: str = ""
    your_name: str = ""


@dataclass(frozen=True)
class Check:
    label: str
    passed: bool
    explanation: str


def recommend_channel(
    interview_day: date,
    decision_expected_on: date | None,
    culture: Culture | None,
    rules: NoteRules,
) -> ChannelAdvice:
    """Handwritten by default; e-mail when the decision is near or the culture prefers it."""
    reasons = []
    if decision_expected_on is not None:
        days = (decision_expected_on - interview_day).days
        if days <= rules.email_if_decision_within_days:
            reasons.append(fill(rules.quick_decision_reason, days=max(days, 0)))
    if culture is not None and culture.prefers_email:
        reasons.append(fill(rules.culture_reason, culture=culture.label))
    if reasons:
        return ChannelAdvice(Channel.EMAIL, " ".join(reasons))
    return ChannelAdvice(Channel.HANDWRITTEN, rules.default_reason)


def _mid_sentence(phrase: str) -> str:
    """A note line reads inside a sentence: "How we scale?" becomes "how we scale"; "API design" stays."""
    phrase = phrase.strip().rstrip("?.!;:")
    if len(phrase) > 1 and phrase[0].isupper() and phrase[1].islower():
        return phrase[0].lower() + phrase[1:]
    return phrase


def _values(facts: NoteFacts, rules: NoteRules) -> dict[str, str]:
    return dict(
        name=facts.name,
        first_name=facts.name.split()[0] if facts.name.split() else facts.name,
        company=facts.company,
        role=facts.role,
        meeting=rules.meeting_words.get(facts.format.value, "meeting with me"),
        topic=_mid_sentence(facts.topic) or rules.blank_topic,
        skill=facts.skill or rules.blank_skill,
        your_name=facts.your_name or rules.blank_your_name,
    )


def draft(facts: NoteFacts, rules: NoteRules) -> str:
    """The content template filled in: greeting, appreciation, interest, skill, closing."""
    values = _values(facts, rules)
    parts = rules.template
    paragraphs = [parts.greeting, parts.appreciation, parts.interest, parts.skill, parts.closing]
    return "\n\n".join(fill(p.strip(), **values) for p in paragraphs)


def subject(facts: NoteFacts, rules: NoteRules) -> str:
    return fill(rules.subject, **_values(facts, rules))


def mailto(to: str, subject_line: str, body: str) -> str:
    """A mailto: link with subject and body percent-encoded (line breaks as CRLF, per RFC 6068)."""
    crlf_body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject_line, safe='')}&body={quote(crlf_body, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"


def word_count(text: str) -> int:
    return len(re.findall(r"\b[\w'’-]+\b", text))


def _contains(text: str, phrase: str) -> bool:
    return phrase.strip().casefold() in text.casefold()


def _mentions_point(body: str, points: list[str]) -> bool:
    """A talking point counts when most of its meaningful words (5+ letters) appear in the note."""
    words = set(re.findall(r"[\w'’-]+", body.casefold()))
    for point in points:
        key_words = {w for w in re.findall(r"[\w'’-]+", point.casefold()) if len(w) >= 5}
        if key_words and len(key_words & words) * 2 >= len(key_words):
            return True
    return False


def quality_checks(body: str, facts: NoteFacts, points: list[str], rules: NoteRules) -> list[Check]:
    """Each check says what it looked for, so the user knows how to fix the note."""
    name_parts = [p for p in facts.name.split() if len(p) > 1]
    named = any(_contains(body, p) for p in name_parts)
    absent = [
        f"the {what} ({value})"
        for what, value in (("role", facts.role), ("company", facts.company))
        if not _contains(body, value)
    ]
    mentioned = _mentions_point(body, points or ([facts.topic] if facts.topic else []))
    interest = [w for w in rules.interest_words if _contains(body, w)]
    skill = bool(facts.skill) and _contains(body, facts.skill)
    words = word_count(body)
    cliches = [c for c in rules.cliches if _contains(body, c)]
    blanks = [b for b in (rules.blank_topic, rules.blank_skill, rules.blank_your_name) if b in body]
    return [
        Check(
            "Names the interviewer",
            named,
            f"Addresses {facts.name} by name."
            if named
            else f"Use {facts.name}'s name so the note is clearly written for them.",
        ),
        Check(
            "Mentions the role and the company",
            not absent,
            "Names the role and the company." if not absent else f"Mention {' and '.join(absent)}.",
        ),
        Check(
            "Mentions something from the interview",
            mentioned,
            "Refers to something you discussed."
            if mentioned
            else "Refer to a topic or question from your step 1 notes, so it can't be a form letter.",
        ),
        Check(
            "States your interest",
            bool(interest),
            f"Renews your interest (“{interest[0]}”)."
            if interest
            else "Say plainly that you are still interested in the role.",
        ),
        Check(
            "Highlights your strongest matching skill",
            skill,
            f"Reminds them of your {facts.skill}."
            if skill
            else (
                f"Remind them of your strongest matching skill ({facts.skill})."
                if facts.skill
                else "Name your strongest matching skill in your profile, then mention it."
            ),
        ),
        Check(
            "Sensible length",
            rules.min_words <= words <= rules.max_words,
            f"{formats.plural(words, 'word')}; aim for "
            f"{formats.figure_range(rules.min_words, rules.max_words)}.",
        ),
        Check(
            "No clichés",
            not cliches,
            "No stock phrases found."
            if not cliches
            else "Replace stock phrases with your own words: "
            + ", ".join(f"“{c}”" for c in cliches),
        ),
        Check(
            "No blanks left",
            not blanks,
            "Every placeholder is filled in."
            if not blanks
            else "Fill in or remove " + ", ".join(blanks) + ".",
        ),
    ]


def due_on(interview_start: datetime, rules: NoteRules) -> date:
    return interview_start.date() + timedelta(days=rules.due_after_days)


def status(
    starts_at: datetime,
    now: datetime,
    interviewer_count: int,
    sent_count: int,
    rules: NoteRules,
) -> StepStatus:
    """Step 2 for one interview: done when every interviewer's note is sent; overdue after its day."""
    if now < starts_at:
        return StepStatus(
            STEP_ID, StepState.UPCOMING, "Send your thank-you notes on the day of the interview."
        )
    if interviewer_count == 0:
        return StepStatus(
            STEP_ID, StepState.DUE, "Add who interviewed you, so each gets a thank-you note."
        )
    left = interviewer_count - sent_count
    if left <= 0:
        return StepStatus(STEP_ID, StepState.DONE, "Thank-you notes sent.")
    notes = formats.plural(left, "thank-you note")
    due = due_on(starts_at, rules)
    if now.date() > due:
        return StepStatus(
            STEP_ID,
            StepState.OVERDUE,
            f"Send {notes} now — due {formats.short_day(due)}, send it anyway.",
        )
    return StepStatus(STEP_ID, StepState.DUE, f"Send {notes} today.")
