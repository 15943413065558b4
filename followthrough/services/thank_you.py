"""Step 2, thank-you notes: what the page shows for one interview, and every save it makes.

The view holds the user's profile, the company's culture and the channel it leads to, and for each
interviewer a note drafted from step 1's notes, with its checks and its ready-made outputs.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial

from followthrough import formats
from followthrough.content import Checklist, ContentPack, NoteRules
from followthrough.models import (
    AnswerKey,
    Channel,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
    StepStatus,
    ThankYouNote,
)
from followthrough.services import follow_up
from followthrough.services.answers import answers, save_answer
from followthrough.services.workbook import Workbook
from followthrough.steps import documents, notes, thank_you
from followthrough.steps.thank_you import ChannelAdvice, NoteFacts
from followthrough.store.answers import AnswerRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import ProfileRepository
from followthrough.store.thank_you import ThankYouRepository
from followthrough.templates import fill

CHANNELS = [Channel.HANDWRITTEN, Channel.EMAIL]  # how a thank-you note can be sent
REVISIT = "revisit"  # the step 2 answer holding a note's question to revisit (per interviewer)
NO_QUESTION = "-"  # ...when the user chose to revisit none
SALUTATION = "salutation"  # the step 2 answer holding how a note opens (a content id, per person)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Download:
    extension: str  # 'docx'
    data: str | Callable[[], bytes]  # a callable runs only when the file is downloaded
    file_name: str
    mime: str


@dataclass(frozen=True)
class Outputs:
    """One note, ready to copy, e-mail, download or print."""

    subject: str  # the e-mail's subject line
    mailto: str  # a ready e-mail, or '' while the interviewer has no address
    address: str  # the interviewer's postal address, or ''
    downloads: list[Download]


@dataclass(frozen=True)
class NoteView:
    interviewer_id: int
    name: str
    topics: list[str]  # what mattered most to this interviewer (step 1), and the saved topic
    topic: str  # the saved topic, else the first talking point
    questions: list[str]  # step 1's questions worth revisiting with this interviewer
    question: str  # the one the note revisits, or NO_QUESTION
    salutations: dict[str, str]  # how the note may open, by content id ('Dear Ms Lee,')
    salutation: str  # the id chosen (or the one the note opens with); '' for an opening of its own
    edited: bool  # the user edited the text; until then it follows the draft
    body: str  # the saved text, else the draft filled from the topic and the profile
    checks: list[dict[str, str]]  # rows of the checks table: mark, check, why
    channel: Channel  # the user's choice, else the recommendation
    channel_chosen: bool  # until the user chooses, the channel follows the recommendation
    override: str  # 'You chose Handwritten over the recommended E-mail.', or ''
    sent: str  # 'Sent on Tue 1 Dec 2026 by E-mail.', or '' while unsent
    outputs: Outputs


@dataclass(frozen=True)
class ThankYouView:
    interview_id: int
    status: StepStatus
    phone_reminder: str  # '' unless it was a phone interview
    profile: dict[str, str]  # strongest_skill, signature
    profile_done: bool
    application_id: int
    cultures: dict[str, str]  # the culture marks to choose from ('' is unmarked), with labels
    culture: str  # the application's mark, '' when unmarked or no longer offered
    skill: str  # the strongest matching skill for this application ('' until one is known)
    skill_own: str  # the one chosen on this interview ('' while it comes from elsewhere)
    skill_note: str  # where the skill comes from, or why to choose one
    decision: date | None  # when they expect to decide: it steers the channel
    decision_from: date  # the earliest decision date that makes sense (the interview day)
    decision_note: str  # where the date comes from, or why it matters while it is unknown
    recommended: str  # 'Recommended: E-mail.'
    reason: str
    channels: list[Channel]
    notes: dict[int, NoteView]  # by interviewer id, in the interview's order
    kits: dict[Channel, list[Checklist]]  # the checklists for a note sent by each channel
    checklist_answers: dict[AnswerKey, str]


def screen(
    wb: Workbook, pack: ContentPack, summary: InterviewSummary, now: datetime
) -> ThankYouView:
    rules = pack.thank_you.note
    interview, app = summary.interview, summary.application
    interview_id, application_id = interview.id or 0, app.id or 0
    notes_repo = wb.repo(ThankYouRepository)
    saved = notes_repo.for_interview(interview_id)
    people = {p.id: p for p in interview.interviewers if p.id is not None}
    sent = sum(1 for i in people if i in saved and saved[i].sent_on)
    profile = wb.repo(ProfileRepository).get()
    labels = [c.label for c in rules.cultures]
    culture = notes_repo.culture(application_id)
    advice = _advice(interview, culture, rules)
    step1 = answers(wb, interview_id, notes.STEP_ID)
    skill, skill_note = _skill(wb, pack, summary, step1, profile["strongest_skill"])
    facts = NoteFacts(  # what every note of the interview shares; each adds its name and topic
        name="",
        company=app.company,
        role=app.role_title,
        format=interview.format,
        skill=skill,
        your_name=profile["signature"],
    )
    step = pack.step(thank_you.STEP_ID)
    step2 = answers(wb, interview_id, thank_you.STEP_ID)
    talking_points, revisit = pack.notes.talking_points_from, pack.notes.revisit_from
    return ThankYouView(
        interview_id=interview_id,
        status=thank_you.status(interview.ends_at, now, len(people), sent, rules),
        phone_reminder=rules.phone_reminder if interview.format == InterviewFormat.PHONE else "",
        profile=profile,
        profile_done=bool(profile["strongest_skill"] and profile["signature"]),
        application_id=application_id,
        cultures={"": "Not marked"} | {label: label for label in labels},
        culture=culture if culture in labels else "",  # a renamed culture reads as unmarked
        skill=skill,
        skill_own=step1.get((pack.notes.skill_from or "", ""), "").strip(),
        skill_note=skill_note,
        decision=interview.decision_expected_on,
        decision_from=interview.starts_at.date(),
        decision_note=_decision_note(interview, rules),
        recommended=fill(rules.recommended, channel=advice.channel.label),
        reason=advice.reason,
        channels=CHANNELS,
        notes={
            person_id: _note_view(
                person,
                saved.get(person_id, ThankYouNote(interview_id, person_id)),
                [line for _, line in notes.items_from(step1, talking_points, str(person_id))],
                [line for _, line in notes.items_from(step1, revisit, str(person_id))],
                step2.get((REVISIT, str(person_id)), ""),
                replace(facts, name=person.name),
                advice,
                rules,
                step2.get((SALUTATION, str(person_id)), ""),
                now.date(),
            )
            for person_id, person in people.items()
        },
        kits={
            channel: [c for c in step.checklists if c.channel in (None, channel)]
            for channel in CHANNELS
        },
        checklist_answers=answers(wb, interview_id, thank_you.STEP_ID),
    )


def _skill(
    wb: Workbook,
    pack: ContentPack,
    summary: InterviewSummary,
    step1: dict[AnswerKey, str],
    usual: str,
) -> tuple[str, str]:
    """The strongest matching skill for this application, and where it comes from: this
    interview's step 1 notes, else another round's, else the profile's usual skill."""
    rules, prompt = pack.thank_you.note, pack.notes.skill_from
    company = summary.application.company
    if prompt is None:
        return usual, ""
    if mine := step1.get((prompt, ""), "").strip():
        return mine, rules.skill_notes
    app_id = summary.application.id or 0
    rounds = [
        s.interview
        for s in wb.repo(InterviewRepository).summaries(True, application_id=app_id)
        if s.interview.id not in (None, summary.interview.id)
    ]
    answered = wb.repo(AnswerRepository).for_step_many(
        [i.id for i in rounds if i.id is not None], notes.STEP_ID
    )
    for interview in sorted(rounds, key=lambda i: i.starts_at, reverse=True):
        if other := answered.get(interview.id or 0, {}).get((prompt, ""), "").strip():
            return other, fill(rules.skill_round, round=interview.round_number)
    if usual:
        return usual, fill(rules.skill_profile, company=company)
    return "", fill(rules.skill_missing, company=company)


def _decision_note(interview: Interview, rules: NoteRules) -> str:
    """Where the decision date comes from (the interview's timeline), or why it matters."""
    decision = interview.decision_expected_on
    if decision is None:
        return fill(rules.decision_unknown, days=rules.email_if_decision_within_days)
    days = (decision - interview.starts_at.date()).days
    return fill(rules.decision_known, date=formats.day(decision), days=days)


def channel_advice(wb: Workbook, pack: ContentPack, summary: InterviewSummary) -> ChannelAdvice:
    """The channel the interview's notes should go by, and why (for the before-you-go card)."""
    culture = wb.repo(ThankYouRepository).culture(summary.application.id or 0)
    return _advice(summary.interview, culture, pack.thank_you.note)


def _advice(interview: Interview, culture: str, rules: NoteRules) -> ChannelAdvice:
    """The channel for the interview's notes, steered by the company's culture mark."""
    marked = next((c for c in rules.cultures if c.label == culture), None)
    day, decision = interview.starts_at.date(), interview.decision_expected_on
    return thank_you.recommend_channel(day, decision, marked, rules)


def _note_view(
    person: Interviewer,
    note: ThankYouNote,
    points: list[str],
    questions: list[str],
    chosen_question: str,
    person_facts: NoteFacts,
    advice: ChannelAdvice,
    rules: NoteRules,
    salutation: str = "",
    today: date | None = None,
) -> NoteView:
    """`points` are what mattered most to `person` (step 1), in order; `questions` the questions
    to revisit with them; `chosen_question` the saved choice ('' untouched, NO_QUESTION for none)."""
    topic = note.topic or (points[0] if points else "")
    if chosen_question == NO_QUESTION:
        question = ""
    elif chosen_question in questions:
        question = chosen_question
    else:  # untouched (or the line was reworded since): the first one
        question = questions[0] if questions else ""
    facts = replace(person_facts, topic=topic, question=question)
    openings = thank_you.salutations(person.name, rules)
    chosen = salutation if salutation in openings else ""
    body = (
        thank_you.draft(facts, rules, openings.get(chosen, "")) if note.body is None else note.body
    )
    # An edited note (or one not chosen for yet) shows the option it opens with, if any.
    opening = body.partition("\n\n")[0].strip()
    if note.body is not None or not chosen:
        chosen = next((i for i, text in openings.items() if text == opening), "")
    channel = note.channel or advice.channel
    return NoteView(
        interviewer_id=note.interviewer_id,
        name=person.name,
        topics=points + ([note.topic] if note.topic and note.topic not in points else []),
        topic=topic,
        questions=questions,
        question=question or NO_QUESTION,
        salutations=openings,
        salutation=chosen,
        edited=note.body is not None,
        body=body,
        checks=[
            {"": "✅" if c.passed else "⚠️", "Check": c.label, "Why": c.explanation}
            for c in thank_you.quality_checks(body, facts, points, rules)
        ],
        channel=channel,
        channel_chosen=note.channel is not None,
        override=(
            fill(rules.override, chosen=channel.label, recommended=advice.channel.label)
            if channel != advice.channel
            else ""
        ),
        sent=_sent(note, rules),
        outputs=_outputs(person, facts, body, rules, note.sent_on or today or date.today()),
    )


def _sent(note: ThankYouNote, rules: NoteRules) -> str:
    if note.sent_on is None:
        return ""
    sent_by = note.sent_channel.label if note.sent_channel else rules.unrecorded_channel
    return fill(rules.sent, date=formats.day(note.sent_on), channel=sent_by)


def _outputs(
    person: Interviewer, facts: NoteFacts, body: str, rules: NoteRules, day: date
) -> Outputs:
    """`day`: the letter's date (the day it was sent, else today)."""
    title = f"Thank-you note to {person.name}"  # the file's name; the letter has no heading
    subject = thank_you.subject(facts, rules)
    address = person.postal_address
    dated = fill(rules.letter_date, date=formats.letter_day(day))
    stem = documents.file_stem(title)
    return Outputs(
        subject=subject,
        mailto=thank_you.mailto(person.email, subject, body) if person.email else "",
        address=address,
        downloads=[
            Download(
                "docx",
                partial(documents.note_docx, title, body, address, dated),
                stem + ".docx",
                DOCX,
            ),
            Download(
                "md",
                documents.note_markdown(title, body, address, dated),
                stem + ".md",
                "text/markdown",
            ),
        ],
    )


def still_to_send(view: ThankYouView, interviewer_id: int) -> dict[int, str]:
    """The interviewers still without a sent note, id → name, from the one after
    `interviewer_id` round to it: whom "Mark as sent" moves on to."""
    ids = list(view.notes)
    at = ids.index(interviewer_id)
    return {i: view.notes[i].name for i in ids[at + 1 :] + ids[: at + 1] if not view.notes[i].sent}


def save_decision(wb: Workbook, interview_id: int, day: date | None) -> None:
    """The date the company said it would decide by: the same date step 3 plans the call with."""
    follow_up.save_decision(wb, interview_id, day)


def save_skill(wb: Workbook, pack: ContentPack, interview_id: int, skill: str) -> None:
    """The strongest matching skill for this interview's application (kept with step 1's notes)."""
    if pack.notes.skill_from is not None:
        save_answer(wb, interview_id, notes.STEP_ID, pack.notes.skill_from, skill.strip())


def save_revisit(wb: Workbook, interview_id: int, interviewer_id: int, question: str) -> None:
    """The question a note revisits (a step 1 line), or NO_QUESTION."""
    save_answer(wb, interview_id, thank_you.STEP_ID, REVISIT, question, str(interviewer_id))


def save_salutation(
    wb: Workbook, pack: ContentPack, interview_id: int, interviewer_id: int, option_id: str
) -> None:
    """How the note to one interviewer opens (a content id). An edited note's first paragraph is
    swapped too when it is a salutation (its other words are kept)."""
    save_answer(wb, interview_id, thank_you.STEP_ID, SALUTATION, option_id, str(interviewer_id))
    person = wb.repo(InterviewRepository).get_interviewer(interviewer_id)
    note = wb.repo(ThankYouRepository).for_interview(interview_id).get(interviewer_id)
    if person is None or note is None or note.body is None:
        return
    rules = pack.thank_you.note
    openings = thank_you.salutations(person.name, rules)
    facts = NoteFacts(person.name, "", "", InterviewFormat.VIDEO)  # the greeting names only them
    greeting = thank_you.draft(facts, rules).partition("\n\n")[0]
    old = [*openings.values(), greeting]
    body = thank_you.with_salutation(note.body, old, openings.get(option_id, greeting))
    if body != note.body:
        save_note(wb, interviewer_id, "body", body)


def save_profile(wb: Workbook, field: str, value: str) -> None:
    """Set the strongest matching skill or the signature every note uses."""
    wb.repo(ProfileRepository).set(**{field: value.strip()})


def set_culture(wb: Workbook, application_id: int, culture: str) -> None:
    """Mark the company's culture (a content label, '' for unmarked): it steers the channel."""
    wb.repo(ThankYouRepository).set_culture(application_id, culture)


def save_note(wb: Workbook, interviewer_id: int, field: str, value: str | Channel) -> None:
    """Save the note's topic, text or channel as the user changes it."""
    wb.repo(ThankYouRepository).save(interviewer_id, **{field: value})


def restart_note(wb: Workbook, interviewer_id: int) -> None:
    """Forget the edited text: the note follows the drafted template again."""
    wb.repo(ThankYouRepository).save(interviewer_id, body=None)


def mark_sent(wb: Workbook, interviewer_id: int, on: date, channel: Channel) -> None:
    wb.repo(ThankYouRepository).save(interviewer_id, sent_on=on, sent_channel=channel)


def mark_unsent(wb: Workbook, interviewer_id: int) -> None:
    wb.repo(ThankYouRepository).save(interviewer_id, sent_on=None, sent_channel=None)
