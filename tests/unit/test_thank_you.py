from datetime import date, datetime, timedelta
from io import BytesIO
from urllib.parse import parse_qs, urlparse

import pytest
from docx import Document

from followthrough import formats
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import Culture, load_content
from followthrough.models import (
    Application,
    Channel,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
    StepState,
)
from followthrough.services.sample import load_sample
from followthrough.services.thank_you import (
    NO_QUESTION,
    mark_sent,
    mark_unsent,
    restart_note,
    save_note,
    save_profile,
    save_revisit,
    save_skill,
    screen,
    set_culture,
)
from followthrough.steps import thank_you
from followthrough.steps.thank_you import NoteFacts
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import PeopleRepository, ProfileRepository
from followthrough.store.thank_you import ThankYouRepository

PACK = load_content(DEFAULT_CONTENT_DIR)
RULES = PACK.thank_you.note
DAY = date(2026, 11, 20)
START = datetime(2026, 11, 20, 9, 30)
FACTS = NoteFacts(
    name="Tom Okafor",
    company="Northwind Analytics",
    role="Senior Product Designer",
    format=InterviewFormat.IN_PERSON,
    topic="scaling the design system",
    skill="user research",
    your_name="Alex Morgan",
)
STARTUP = Culture(label="Tech start-up", prefers_email=True)
CORPORATE = Culture(label="Traditional", prefers_email=False)


def test_handwritten_is_the_default_with_its_reason() -> None:
    advice = thank_you.recommend_channel(DAY, None, None, RULES)
    assert advice.channel == Channel.HANDWRITTEN
    assert advice.reason == RULES.default_reason
    later = DAY + timedelta(days=RULES.email_if_decision_within_days + 1)
    assert thank_you.recommend_channel(DAY, later, CORPORATE, RULES).channel == Channel.HANDWRITTEN


def test_email_when_the_decision_is_near() -> None:
    soon = DAY + timedelta(days=RULES.email_if_decision_within_days)
    advice = thank_you.recommend_channel(DAY, soon, None, RULES)
    assert advice.channel == Channel.EMAIL
    assert f"within {RULES.email_if_decision_within_days} days" in advice.reason


def test_email_when_the_culture_prefers_it() -> None:
    advice = thank_you.recommend_channel(DAY, None, STARTUP, RULES)
    assert advice.channel == Channel.EMAIL
    assert "Tech start-up" in advice.reason


def test_threshold_comes_from_content() -> None:
    strict = RULES.model_copy(update={"email_if_decision_within_days": 1})
    three_days = DAY + timedelta(days=3)
    assert thank_you.recommend_channel(DAY, three_days, None, strict).channel == Channel.HANDWRITTEN
    assert thank_you.recommend_channel(DAY, three_days, None, RULES).channel == Channel.EMAIL


def test_draft_has_the_three_parts_prefilled() -> None:
    text = thank_you.draft(FACTS, RULES)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Dear Tom Okafor,"
    assert "Senior Product Designer position at Northwind Analytics" in paragraphs[1]
    assert "scaling the design system" in paragraphs[1]
    assert "interest" in paragraphs[2]
    assert "user research" in paragraphs[3]
    assert paragraphs[-1].endswith("Alex Morgan")


def test_phone_interviews_are_thanked_for_the_call() -> None:
    phone = NoteFacts(**{**FACTS.__dict__, "format": InterviewFormat.PHONE})
    assert "on the phone" in thank_you.draft(phone, RULES)


def test_a_good_draft_passes_every_check() -> None:
    text = thank_you.draft(FACTS, RULES)
    checks = thank_you.quality_checks(text, FACTS, ["Scaling the design system?"], RULES)
    assert [c.label for c in checks if not c.passed] == []


def test_blank_draft_explains_what_is_missing() -> None:
    bare = NoteFacts("Sam Lee", "Bluebird Health", "Product Designer", InterviewFormat.PHONE)
    checks = {
        c.label: c for c in thank_you.quality_checks(thank_you.draft(bare, RULES), bare, [], RULES)
    }
    assert not checks["Highlights your strongest matching skill"].passed
    assert "in your profile" in checks["Highlights your strongest matching skill"].explanation
    assert not checks["Mentions what mattered to them"].passed
    assert not checks["No blanks left"].passed
    assert RULES.blank_topic in checks["No blanks left"].explanation


def test_each_check_fails_for_its_own_reason() -> None:
    text = "Hello,\n\nThanks. I am a team player.\n\nBest"
    checks = {
        c.label: c for c in thank_you.quality_checks(text, FACTS, ["design system scaling"], RULES)
    }
    assert not checks["Names the interviewer"].passed
    assert "Tom Okafor" in checks["Names the interviewer"].explanation
    role_company = checks["Mentions the role and the company"]
    assert not role_company.passed
    assert "Senior Product Designer" in role_company.explanation
    assert "Northwind Analytics" in role_company.explanation
    assert not checks["States your interest"].passed
    assert (
        not checks["Sensible length"].passed and "8 words" in checks["Sensible length"].explanation
    )
    assert not checks["No clichés"].passed and "team player" in checks["No clichés"].explanation
    assert checks["No blanks left"].passed


def test_too_long_note_fails_length() -> None:
    long_text = thank_you.draft(FACTS, RULES) + " word" * RULES.max_words
    [length] = [
        c
        for c in thank_you.quality_checks(long_text, FACTS, [], RULES)
        if c.label == "Sensible length"
    ]
    assert not length.passed


def test_mailto_encodes_subject_and_body() -> None:
    link = thank_you.mailto(
        "tom@northwind.example", "Thank you — design & research", "Hi Tom,\n\nA+B?"
    )
    parsed = urlparse(link)
    assert parsed.scheme == "mailto" and parsed.path == "tom@northwind.example"
    query = parse_qs(parsed.query)
    assert query["subject"] == ["Thank you — design & research"]
    assert query["body"] == ["Hi Tom,\r\n\r\nA+B?"]
    assert " " not in link and "\n" not in link


def test_subject_is_filled_from_content() -> None:
    assert thank_you.subject(FACTS, RULES) == "Thank you — Senior Product Designer interview"


def test_status_is_due_the_same_day_then_overdue() -> None:
    end = START + timedelta(hours=1)
    assert thank_you.status(end, START - timedelta(days=1), 2, 0, RULES).state == (
        StepState.UPCOMING
    )
    assert thank_you.status(end, START, 2, 0, RULES).state == StepState.UPCOMING  # still on
    due = thank_you.status(end, START + timedelta(hours=3), 2, 1, RULES)
    assert due.state == StepState.DUE and due.action == "Send 1 thank-you note today."
    assert due.reason.startswith("A prompt note helps you stand out, for the right reasons")
    overdue = thank_you.status(end, START + timedelta(days=1), 2, 0, RULES)
    assert overdue.state == StepState.OVERDUE and "2 thank-you notes" in overdue.action
    assert overdue.due_on == DAY and "Fri 2026/11/20" in overdue.reason
    assert thank_you.status(end, START + timedelta(days=3), 2, 2, RULES).state == StepState.DONE
    assert thank_you.status(end, START + timedelta(hours=1), 0, 0, RULES).state == StepState.DUE


def test_repository_saves_notes_culture_and_profile_per_owner(workbook) -> None:
    apps = workbook.repo(ApplicationRepository)
    app_id = apps.add(Application("Acme", "Designer"))
    interview_id = InterviewRepository(apps.engine, apps.owner_id).add(
        Interview(
            app_id,
            1,
            InterviewFormat.PHONE,
            START,
            START + timedelta(minutes=30),
            interviewers=[Interviewer("Dana"), Interviewer("Eli")],
        )
    )
    dana, eli = InterviewRepository(apps.engine, apps.owner_id).get(interview_id).interviewers
    notes = workbook.repo(ThankYouRepository)
    notes.save(dana.id, body="Dear Dana", channel=Channel.EMAIL)
    notes.save(dana.id, topic="budgets")
    notes.save(eli.id, sent_on=DAY, sent_channel=Channel.HANDWRITTEN)
    saved = notes.for_interview(interview_id)
    assert saved[dana.id].body == "Dear Dana" and saved[dana.id].topic == "budgets"
    assert saved[dana.id].channel == Channel.EMAIL and saved[dana.id].sent_on is None
    assert saved[eli.id].body is None and saved[eli.id].sent_channel == Channel.HANDWRITTEN
    assert notes.sent_counts() == {interview_id: 1}
    with pytest.raises(ValueError, match="not a thank-you note field"):
        notes.save(dana.id, owner_id=2)

    notes.set_culture(app_id, "Tech start-up")
    assert notes.culture(app_id) == "Tech start-up"
    people = PeopleRepository(workbook.engine)
    workbook.repo(ProfileRepository).set(strongest_skill="user research", signature="Alex")
    assert workbook.repo(ProfileRepository).get() == {
        "strongest_skill": "user research",
        "signature": "Alex",
    }

    other = people.get_or_create("someone-else")
    theirs = ThankYouRepository(workbook.engine, other.id)
    assert theirs.for_interview(interview_id) == {} and theirs.culture(app_id) == ""
    with pytest.raises(LookupError):
        theirs.save(dana.id, body="hijacked")
    with pytest.raises(LookupError):
        theirs.set_culture(app_id, "Traditional")
    assert ProfileRepository(workbook.engine, other.id).get()["strongest_skill"] == ""


def test_step_2_advice_is_all_in_content() -> None:
    step = PACK.step("thank_you")
    checklist = " ".join(i.label for c in step.checklists for i in c.items).casefold()
    for advice in (
        "good stationery",
        "stamped, pre-addressed envelope",
        "coffee shop before heading home",
        "go back to the office",
        "as soon as possible",
        "one personalised note for each interviewer",
        "phone interviews",
    ):
        assert advice in checklist, advice
    template = RULES.template
    assert "{company}" in template.appreciation and "{topic}" in template.appreciation
    assert "interest" in template.interest and "{skill}" in template.skill
    assert "phone" in RULES.meeting_words["phone"] and "phone" in RULES.phone_reminder
    assert any(c.prefers_email and "start-up" in c.label for c in RULES.cultures)
    assert "handwritten" in RULES.default_reason.casefold()
    assert RULES.due_after_days == 0  # the same day
    assert RULES.cliches and RULES.interest_words


@pytest.mark.parametrize(
    ("line", "in_note"),
    [
        ("How I would approach onboarding?", "conversation about how I would approach onboarding."),
        ("API design reviews", "conversation about API design reviews."),
    ],
)
def test_a_talking_point_reads_inside_the_sentence(line: str, in_note: str) -> None:
    facts = NoteFacts(**{**FACTS.__dict__, "topic": line})
    assert in_note in " ".join(thank_you.draft(facts, RULES).split())


def _sample_interview(workbook, company: str, round_number: int = 1) -> InterviewSummary:
    """The sample workbook loaded as of DAY, and one of its interviews."""
    load_sample(workbook, DAY)
    return next(
        s
        for s in workbook.repo(InterviewRepository).summaries()
        if s.application.company == company and s.interview.round_number == round_number
    )


def test_screen_drafts_checks_and_readies_a_note_for_each_interviewer(workbook) -> None:
    summary = _sample_interview(workbook, "Northwind Analytics", 2)
    tom, lena = summary.interview.interviewers
    answers = workbook.repo(AnswerRepository)
    answers.save(summary.interview.id, "notes", "topics", "Scaling the design system", str(tom.id))
    answers.save(
        summary.interview.id,
        "notes",
        "revisit",
        "What would you do in your first 90 days?",
        str(tom.id),
    )
    view = screen(workbook, PACK, summary, summary.interview.ends_at)
    assert list(view.notes) == [tom.id, lena.id]
    assert view.status.action == "Send 2 thank-you notes today."
    assert view.cultures[""] == "Not marked" and view.culture == ""
    note = view.notes[tom.id]
    # What mattered most to Tom leads; the question to revisit is offered on its own.
    assert note.topics == ["Scaling the design system"] and not note.edited
    assert note.questions == ["What would you do in your first 90 days?"]
    assert note.question == "What would you do in your first 90 days?"
    assert note.body == thank_you.draft(
        NoteFacts(
            "Tom Okafor",
            "Northwind Analytics",
            "Senior Product Designer",
            InterviewFormat.IN_PERSON,
            topic="Scaling the design system",
            question="What would you do in your first 90 days?",
            skill=view.skill,
        ),
        RULES,
    )
    assert "conversation about scaling the design system." in note.body
    assert "You asked me “What would you do in your first 90 days?” On reflection," in note.body
    save_revisit(workbook, summary.interview.id, tom.id, NO_QUESTION)
    again = screen(workbook, PACK, summary, summary.interview.ends_at).notes[tom.id]
    assert again.question == NO_QUESTION and "You asked me" not in again.body
    assert view.recommended == f"Recommended: {note.channel.label}." and not note.override
    assert {row["Check"] for row in note.checks} >= {"Names the interviewer", "No blanks left"}
    assert note.outputs.mailto.startswith("mailto:tom.okafor@northwind.example?subject=")
    docx, md = note.outputs.downloads
    assert (docx.file_name, md.file_name) == (
        "thank-you-note-to-tom-okafor.docx",
        "thank-you-note-to-tom-okafor.md",
    )
    assert callable(docx.data)  # built only when downloaded
    letter = Document(BytesIO(docx.data()))  # a letter: address, date line, salutation; no heading
    assert letter.core_properties.title == "Thank-you note to Tom Okafor"
    assert [p.text for p in letter.paragraphs][2] == "Dear Tom Okafor,"
    assert "Thank-you note to" not in md.data
    assert note.sent == "" and view.notes[lena.id].topics == []


def test_screen_reads_back_every_save(workbook) -> None:
    summary = _sample_interview(workbook, "Bluebird Health")  # a phone interview
    sam = summary.interview.interviewers[0]
    save_profile(workbook, "strongest_skill", "  user research ")
    set_culture(workbook, summary.application.id, "Tech start-up")
    save_note(workbook, sam.id, "channel", Channel.HANDWRITTEN)
    save_note(workbook, sam.id, "body", "Dear Sam, thank you.")
    mark_sent(workbook, sam.id, DAY, Channel.EMAIL)
    view = screen(workbook, PACK, summary, START)
    note = view.notes[sam.id]
    assert view.profile["strongest_skill"] == "user research" and not view.profile_done
    assert view.culture == "Tech start-up" and view.recommended == "Recommended: E-mail."
    assert view.phone_reminder == RULES.phone_reminder
    assert note.channel_chosen and note.channel == Channel.HANDWRITTEN
    assert note.override == "You chose Handwritten over the recommended E-mail."
    assert note.edited and note.body == "Dear Sam, thank you."
    assert note.sent == f"Sent on {formats.day(DAY)} by E-mail."
    assert view.status.state == StepState.DONE

    restart_note(workbook, sam.id)
    mark_unsent(workbook, sam.id)
    note = screen(workbook, PACK, summary, START).notes[sam.id]
    assert not note.edited and note.body.startswith("Dear Sam Lee,") and note.sent == ""


# -- drafts that read as a person wrote them (the sentence the user will send is checked) ------

QUESTION = "What would you do in your first 90 days?"


def _checks(body: str, facts: NoteFacts = FACTS, points=("Scaling the design system",)):
    return {c.label: c for c in thank_you.quality_checks(body, facts, list(points), RULES)}


def test_a_question_to_revisit_gets_a_paragraph_of_its_own_and_an_answer() -> None:
    facts = NoteFacts(**{**FACTS.__dict__, "question": QUESTION})
    body = thank_you.draft(facts, RULES)
    paragraphs = body.split("\n\n")
    assert "conversation about scaling the design system." in paragraphs[1]
    assert QUESTION not in paragraphs[1]
    assert paragraphs[2] == f"You asked me “{QUESTION}” On reflection, {RULES.blank_reflection}"
    checks = _checks(body, facts)
    revisit = checks["Answers the question in a sentence of its own"]
    assert not revisit.passed and RULES.blank_reflection in revisit.explanation
    answered = body.replace(
        RULES.blank_reflection, "I would start by listening to the research team of two."
    )
    checks = _checks(answered, facts)
    assert [c.label for c in checks.values() if not c.passed] == []
    assert checks["Answers the question in a sentence of its own"].explanation == (
        f"Revisits “{QUESTION}” in a sentence of its own."
    )


def test_a_question_pasted_into_the_appreciation_fails_with_the_reason() -> None:
    facts = NoteFacts(**{**FACTS.__dict__, "question": QUESTION})
    body = (
        "Dear Tom Okafor,\n\nThank you for meeting with me about the Senior Product Designer "
        "position at Northwind Analytics. I especially enjoyed our conversation about what would "
        "you do in your first 90 days.\n\nOur discussion confirmed my interest: I would be very "
        "glad to join Northwind Analytics.\n\nMy user research would make a difference.\n\nAlex"
    )
    checks = _checks(body, facts)
    pasted = checks["No question pasted into a sentence"]
    assert not pasted.passed
    assert pasted.explanation.startswith("“about what would you…” reads as a question pasted")
    assert not checks["Mentions what mattered to them"].passed  # the keyword alone won't do
    assert not checks["Answers the question in a sentence of its own"].passed


def test_interest_counts_in_a_sentence_about_the_job() -> None:
    body = thank_you.draft(FACTS, RULES)
    found = _checks(body)["States your interest"]
    assert found.passed and "glad to join Northwind Analytics" in found.explanation
    elsewhere = body.replace(
        "Our discussion confirmed my interest: I would be very glad to join Northwind Analytics "
        "and contribute to the team.",
        "I am interested in hiking.",
    )
    missing = _checks(elsewhere)["States your interest"]
    assert not missing.passed
    assert "Senior Product Designer role at Northwind Analytics" in missing.explanation


def test_what_mattered_to_them_is_found_in_its_sentence() -> None:
    found = _checks(thank_you.draft(FACTS, RULES))["Mentions what mattered to them"]
    assert found.explanation == (
        "Names what mattered to them: “I especially enjoyed our conversation about scaling the "
        "design system.”"
    )


def test_the_skill_is_chosen_per_application(workbook) -> None:
    load_sample(workbook, DAY)
    summaries = workbook.repo(InterviewRepository).summaries()
    first = next(
        s
        for s in summaries
        if s.application.company == "Northwind Analytics" and s.interview.round_number == 1
    )
    second = next(
        s
        for s in summaries
        if s.application.company == "Northwind Analytics" and s.interview.round_number == 2
    )
    other = next(s for s in summaries if s.application.company == "Bluebird Health")
    save_profile(workbook, "strongest_skill", "user research")
    view = screen(workbook, PACK, other, START)
    assert view.skill == "user research"
    assert view.skill_note.startswith("Your usual skill, from your profile")
    save_skill(workbook, PACK, first.interview.id, " design systems at scale ")
    assert screen(workbook, PACK, first, START).skill == "design systems at scale"
    inherited = screen(workbook, PACK, second, START)  # round 2 of the same application
    assert inherited.skill == "design systems at scale"
    assert inherited.skill_note == "From your notes on round 1 of this application."
    assert "design systems at scale" in next(iter(inherited.notes.values())).body
    assert screen(workbook, PACK, other, START).skill == "user research"  # another company
