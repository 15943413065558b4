"""Step 2, thank-you notes: the channel to use and why, a drafted note, checks that explain themselves."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from followthrough import formats
from followthrough.content import CheckText, Culture, NoteRules, RevisitCheck
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
    topic: str = ""  # what mattered most to this interviewer
    question: str = ""  # a question to revisit, answered in a sentence of its own; '' for none
    skill: str = ""  # the strongest matching skill for this application
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
        question=_question(facts.question),
        skill=facts.skill or rules.blank_skill,
        your_name=facts.your_name or rules.blank_your_name,
    )


def _question(line: str) -> str:
    """A question from the notes as it is quoted: trimmed, and ending in a question mark."""
    line = line.strip().rstrip(".!;: ")
    return line if not line or line.endswith("?") else line + "?"


def draft(facts: NoteFacts, rules: NoteRules, salutation: str = "") -> str:
    """The content template filled in: greeting (the `salutation` chosen, else the template's),
    appreciation (what mattered most to them), the question to revisit in a paragraph of its own
    when there is one, interest, skill, closing."""
    values = _values(facts, rules) | {"reflection": rules.blank_reflection}
    parts = rules.template
    revisit = [parts.revisit] if facts.question.strip() else []
    paragraphs = [parts.appreciation, *revisit, parts.interest, parts.skill]
    # The reflection is the user's to write: its blank shows where.
    filled = [fill(p.strip(), **values) for p in [*paragraphs, parts.closing]]
    greeting = salutation.strip() or fill(parts.greeting.strip(), **values)
    return "\n\n".join([greeting, *filled])


def salutations(name: str, rules: NoteRules) -> dict[str, str]:
    """The ways a note to `name` may open, by content id, filled ('Dear Ms Lee,', 'Hello Alex,'):
    honorifics are left out of the first and last name, and an option that reads the same as an
    earlier one, or has no name to fill, is left out."""
    honorifics = {h.casefold().rstrip(".") for h in rules.honorifics}
    words = [w for w in name.split() if w.casefold().rstrip(".") not in honorifics]
    first, last = (words[0], words[-1]) if words else ("", "")
    found: dict[str, str] = {}
    for option in rules.salutations:
        needs_part = "{first_name}" in option.text or "{last_name}" in option.text
        if not name.strip() or (needs_part and not words):
            continue
        text = fill(option.text, name=name.strip(), first_name=first, last_name=last)
        if text not in found.values():
            found[option.id] = text
    return found


def with_salutation(body: str, old: list[str], new: str) -> str:
    """`body` opening with `new` instead of its first paragraph, when that paragraph is one of the
    `old` salutations (an edited note keeps the rest of its words); else `body` as it is."""
    head, sep, rest = body.partition("\n\n")
    if head.strip() in {o.strip() for o in old} and new.strip():
        return new.strip() + sep + rest
    return body


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


# A question pasted into a statement: "…our conversation about what would you do in…".
_PASTED = re.compile(
    r"\b(?:about|on|regarding|discussing|of)\s+(?:what|how|why|when|where|who|which|whether)"
    r"\s+(?:would|do|does|did|is|are|was|were|can|could|will|should|have|has)"
    r"\s+(?:you|we|i|they|he|she|it|the|our|your)\b",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|whether|do|does|did|is|are|can|could|would|will|"
    r"should|have|has)\b",
    re.IGNORECASE,
)


def sentences(body: str) -> list[str]:
    """The note as the reader meets it: each line, and each sentence within a line."""
    found = []
    for line in body.splitlines():
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    return found


# Words too common to say what a sentence is about.
_COMMON = frozenset(
    [
        "about",
        "after",
        "been",
        "being",
        "could",
        "from",
        "have",
        "into",
        "more",
        "should",
        "some",
        "that",
        "their",
        "them",
        "there",
        "they",
        "this",
        "what",
        "when",
        "where",
        "which",
        "will",
        "with",
        "would",
        "your",
    ]
)


def _key_words(text: str) -> set[str]:
    """The words a sentence is matched on: 4+ letters or a number, the most common left out."""
    found = re.findall(r"[\w'’-]+", text.casefold())
    return {w for w in found if (len(w) >= 4 or w.isdigit()) and w not in _COMMON}


def _mentioning(candidates: list[str], phrase: str) -> str | None:
    """The first sentence holding most of `phrase`'s meaningful words, or None."""
    key = _key_words(phrase)
    if not key:
        return None
    for sentence in candidates:
        if len(key & _key_words(sentence)) * 2 >= len(key):
            return sentence
    return None


def pasted_question(sentence: str) -> str | None:
    """The start of a question pasted into a statement ('about what would you'), or None."""
    if match := _PASTED.search(sentence):
        return match.group(0)
    # A sentence ending in '?' that does not open as a question is one pasted into a statement.
    if sentence.endswith("?") and not _QUESTION_START.match(sentence.lstrip("“\"'")):
        return sentence[:60]
    return None


def quality_checks(body: str, facts: NoteFacts, points: list[str], rules: NoteRules) -> list[Check]:
    """Checks of the sentences the user will send; each says what it found, or how to fix it.

    `points` are what mattered most to the interviewer (step 1); `facts.question` is the question
    chosen to revisit ('' for none).
    """
    words = rules.checks
    said = sentences(body)
    first_line = next((line for line in body.splitlines() if line.strip()), "")
    name_parts = [p for p in facts.name.split() if len(p) > 1]
    named = any(_contains(first_line, p) for p in name_parts)
    pasted = [phrase for sentence in said if (phrase := pasted_question(sentence))]
    own = [s for s in said if not pasted_question(s)]  # a pasted question counts for nothing
    question = _question(facts.question)
    revisit_sentence = _mentioning(own, question) if question else None
    # What mattered to them: a sentence of its own, not the question's.
    others = [s for s in own if s != revisit_sentence]
    topic = next(
        (found for point in (points or [facts.topic]) if (found := _mentioning(others, point))),
        None,
    )
    about = [facts.company, facts.role, *rules.interest_about]
    interest = next(
        (
            s
            for s in said
            if any(_contains(s, w) for w in rules.interest_words)
            and any(_contains(s, a) for a in about if a.strip())
        ),
        None,
    )
    skill = bool(facts.skill) and any(_contains(s, facts.skill) for s in said)
    words_count = word_count(body)
    cliches = [c for c in rules.cliches if _contains(body, c)]
    blank_list = (
        rules.blank_topic,
        rules.blank_reflection,
        rules.blank_skill,
        rules.blank_your_name,
    )
    blanks = [b for b in blank_list if b in body]
    facts_words = dict(name=facts.name, role=facts.role, company=facts.company)
    absent_role = not _contains(body, facts.role)
    absent_company = not _contains(body, facts.company)
    where = words.role_company
    role_company = {
        (True, True): where.failed_both,
        (True, False): where.failed_role,
        (False, True): where.failed_company,
        (False, False): where.passed,
    }[(absent_role, absent_company)]
    skill_text = words.skill.passed if skill else words.skill.failed
    if not facts.skill:
        skill_text = words.skill.no_skill
    checks = [
        _check(words.named, named, **facts_words),
        Check(where.label, not (absent_role or absent_company), fill(role_company, **facts_words)),
        _check(words.mentions, topic is not None, sentence=topic or "", name=facts.name),
        _check(words.pasted, not pasted, phrase=pasted[0] if pasted else ""),
    ]
    if question:
        checks.append(_revisit_check(words.revisit, question, revisit_sentence, rules))
    checks += [
        _check(words.interest, interest is not None, sentence=interest or "", **facts_words),
        Check(words.skill.label, skill, fill(skill_text, skill=facts.skill)),
        Check(
            words.length.label,
            rules.min_words <= words_count <= rules.max_words,
            words.length.words.say(words_count, min=rules.min_words, max=rules.max_words),
        ),
        _check(words.cliches, not cliches, phrases=", ".join(f"“{c}”" for c in cliches)),
        _check(words.blanks, not blanks, blanks=", ".join(blanks)),
    ]
    return checks


def _revisit_check(
    text: RevisitCheck, question: str, sentence: str | None, rules: NoteRules
) -> Check:
    """The chosen question is answered in a sentence of its own, its reflection written."""
    if sentence is None:
        return Check(text.label, False, fill(text.failed, question=question))
    if rules.blank_reflection in sentence or sentence.rstrip("”\"' ").endswith("?"):
        blank = rules.blank_reflection
        return Check(text.label, False, fill(text.unanswered, question=question, blank=blank))
    return Check(text.label, True, fill(text.passed, question=question))


def _check(text: CheckText, passed: bool, **values: object) -> Check:
    return Check(text.label, passed, fill(text.passed if passed else text.failed, **values))


def due_on(interview_end: datetime, rules: NoteRules) -> date:
    return interview_end.date() + timedelta(days=rules.due_after_days)


def status(
    ends_at: datetime,
    now: datetime,
    interviewer_count: int,
    sent_count: int,
    rules: NoteRules,
) -> StepStatus:
    """Step 2 for one interview: due once it ends, done when every interviewer's note is sent,
    overdue after its day."""
    words, due = rules.status, due_on(ends_at, rules)
    if now < ends_at:
        return StepStatus(STEP_ID, StepState.UPCOMING, words.upcoming, due_on=due)
    if interviewer_count == 0:
        return StepStatus(STEP_ID, StepState.DUE, words.no_interviewers, words.due_reason, due)
    left = interviewer_count - sent_count
    if left <= 0:
        return StepStatus(STEP_ID, StepState.DONE, words.done, due_on=due)
    if now.date() > due:
        when = formats.short_day(due)
        reason = fill(words.overdue_reason, date=when)
        return StepStatus(
            STEP_ID, StepState.OVERDUE, words.overdue.say(left, date=when), reason, due
        )
    return StepStatus(STEP_ID, StepState.DUE, words.due.say(left), words.due_reason, due)
