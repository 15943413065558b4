from dataclasses import replace
from datetime import date

from followthrough import formats
from followthrough.models import Channel
from followthrough.store.answers import AnswerRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import ProfileRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.app.conftest import find_interview, open_tab, shown
from ui.text import plain

PAGE = "app_pages/step2_thank_you.py"


def _notes(workbook) -> ThankYouRepository:
    return workbook.repo(ThankYouRepository)


def test_empty_workbook_asks_for_an_interview(open_page) -> None:
    at = open_page(PAGE)
    assert "Record an interview first" in shown(at.info)
    assert not at.exception


def test_draft_is_prefilled_then_saved_as_typed(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    tom = summary.interview.interviewers[0]
    answers = workbook.repo(AnswerRepository)
    answers.save(
        summary.interview.id, "notes", "topics", "How to scale the design system", str(tom.id)
    )
    answers.save(
        summary.interview.id, "notes", "revisit", "Why did you leave so soon?", str(tom.id)
    )
    at = open_step(PAGE, summary)
    at.text_input(key="step2_strongest_skill").input("user research").run()
    at.text_input(key="step2_signature").input("Alex Morgan").run()
    assert workbook.repo(ProfileRepository).get() == {
        "strongest_skill": "user research",
        "signature": "Alex Morgan",
    }
    assert at.selectbox(key=f"step2_{tom.id}_topic").value == "How to scale the design system"
    assert at.selectbox(key=f"step2_{tom.id}_question").value == "Why did you leave so soon?"
    draft = at.text_area(key=f"step2_{tom.id}_body").value
    assert draft.startswith("Dear Tom Okafor,")
    assert "Senior Product Designer position at Northwind Analytics" in draft
    assert "about how to scale the design system." in draft and "user research" in draft
    assert "You asked me “Why did you leave so soon?” On reflection," in draft
    # The skill for this application, chosen here, goes into the note (and step 1's notes).
    at.text_input(key=f"step2_skill_{summary.interview.id}").input("design systems").run()
    assert "my design systems would make" in at.text_area(key=f"step2_{tom.id}_body").value
    assert answers.for_step(summary.interview.id, "notes")[("matching_skill", "")] == (
        "design systems"
    )
    at.text_input(key=f"step2_skill_{summary.interview.id}").input("user research").run()
    draft = at.text_area(key=f"step2_{tom.id}_body").value
    assert draft.endswith("Alex Morgan")
    assert _notes(workbook).for_interview(summary.interview.id) == {}  # a draft is not a note yet

    edited = draft.replace("Dear Tom Okafor,", "Dear Tom,")
    at.text_area(key=f"step2_{tom.id}_body").input(edited).run()
    assert _notes(workbook).for_interview(summary.interview.id)[tom.id].body == edited
    again = open_step(PAGE, summary)
    assert again.text_area(key=f"step2_{tom.id}_body").value == edited
    assert open_tab(again, f"step2_{tom.id}_outputs", "Copy").code[0].value == edited
    assert not again.exception


def test_channel_recommendation_culture_and_override(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")  # decision in 14 days
    ana = summary.interview.interviewers[0]
    at = open_step(PAGE, summary)
    assert "**Recommended: Handwritten.**" in shown(at.markdown)
    assert at.radio(key=f"step2_{ana.id}_channel").value == Channel.HANDWRITTEN
    at.selectbox(key=f"step2_culture_{summary.application.id}").set_value("Tech start-up").run()
    assert _notes(workbook).culture(summary.application.id) == "Tech start-up"
    assert "**Recommended: E-mail.**" in shown(at.markdown)
    at.radio(key=f"step2_{ana.id}_channel").set_value(Channel.HANDWRITTEN).run()
    assert _notes(workbook).for_interview(summary.interview.id)[ana.id].channel == (
        Channel.HANDWRITTEN
    )
    assert "You chose Handwritten over the recommended E-mail." in [c.value for c in at.caption]
    assert not at.exception


def test_overdue_phone_interview_is_flagged_and_marked_sent(
    open_step, open_page, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")  # a phone interview 3 days ago
    sam = summary.interview.interviewers[0]
    at = open_step(PAGE, summary)
    assert "Send 1 thank-you note now" in shown(at.error)
    assert "phone interview" in shown(at.info)
    assert "on the phone" in at.text_area(key=f"step2_{sam.id}_body").value
    at.selectbox(key=f"step2_{sam.id}_sent_by").set_value(Channel.EMAIL).run()
    at.button(key=f"step2_{sam.id}_mark_sent").click().run()
    note = _notes(workbook).for_interview(summary.interview.id)[sam.id]
    assert note.sent_on == date.today() and note.sent_channel == Channel.EMAIL
    assert "Thank-you notes sent." in shown(at.success)
    at.button(key=f"step2_{sam.id}_unsend").click().run()
    assert _notes(workbook).for_interview(summary.interview.id)[sam.id].sent_on is None
    assert not at.exception


def test_checks_outputs_and_checklist(open_page, open_step, workbook, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    at = open_step(PAGE, summary)
    checks = at.table[0].value  # a static table, its text wrapped to fit a phone
    assert "Highlights your strongest matching skill" in list(checks["Check"])
    assert [d.proto.label for d in at.get("download_button")] == ["Download .docx", "Download .md"]
    assert not at.get("link_button") and not at.code  # only the open tab is drawn
    tom = summary.interview.interviewers[0]
    open_tab(at, f"step2_{tom.id}_outputs", "E-mail")
    assert at.get("link_button")[0].proto.url.startswith("mailto:tom.okafor@northwind.example?")
    assert not at.get("download_button")
    # The decision is 5 days away: e-mail is recommended, and the kit is the e-mail one.
    kit = f"thank_you_checklist:handwritten_kit:stationery_{summary.interview.id}"
    email_kit = f"thank_you_checklist:email_kit:subject_line_{summary.interview.id}"
    assert email_kit in [c.key for c in at.checkbox] and kit not in [c.key for c in at.checkbox]
    at.radio(key=f"step2_{tom.id}_channel").set_value(Channel.HANDWRITTEN).run()
    assert kit in [c.key for c in at.checkbox] and email_kit not in [c.key for c in at.checkbox]
    at.checkbox(key=kit).check().run()
    saved = workbook.repo(AnswerRepository).for_step(summary.interview.id, "thank_you")
    assert saved[("checklist:handwritten_kit:stationery", "")] == "1"
    assert not at.exception


def test_interviewer_names_are_shown_as_typed_in_the_radio(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    tom = summary.interview.interviewers[0]
    workbook.repo(InterviewRepository).update_interviewer(replace(tom, name="Tom *Star* Okafor"))
    at = open_step(PAGE, summary)
    assert at.radio(key=f"step2_person_{summary.interview.id}").options == [
        r"Tom \*Star\* Okafor",
        "Lena Fischer",
    ]
    assert at.text_area(key=f"step2_{tom.id}_body").value.startswith("Dear Tom *Star* Okafor,")
    assert not at.exception


def test_an_untouched_draft_follows_the_topic_and_a_restart_returns_to_it(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    tom = summary.interview.interviewers[0]
    workbook.repo(AnswerRepository).save(
        summary.interview.id, "notes", "topics", "How to scale\nHiring plans", str(tom.id)
    )
    at = open_step(PAGE, summary)
    body = f"step2_{tom.id}_body"
    assert "conversation about how to scale." in " ".join(at.text_area(key=body).value.split())
    at.selectbox(key=f"step2_{tom.id}_topic").set_value("Hiring plans").run()
    assert _notes(workbook).for_interview(summary.interview.id)[tom.id].topic == "Hiring plans"
    draft = at.text_area(key=body).value
    assert "conversation about hiring plans." in " ".join(draft.split())
    assert not [b for b in at.button if b.key == f"step2_{tom.id}_restart"]

    at.text_area(key=body).input("Dear Tom, thanks.").run()
    at.button(key=f"step2_{tom.id}_restart").click().run()
    assert _notes(workbook).for_interview(summary.interview.id)[tom.id].body is None
    assert at.text_area(key=body).value == draft
    assert not at.exception


def test_a_restart_keeps_the_edited_note_to_put_back(open_step, workbook, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    tom = summary.interview.interviewers[0]
    at = open_step(PAGE, summary)
    body = f"step2_{tom.id}_body"
    draft = at.text_area(key=body).value
    mine = "Dear Tom,\n\nThank you for an hour I keep thinking about."
    at.text_area(key=body).input(mine).run()
    # One click used to throw the edited note away for good.
    at.button(key=f"step2_{tom.id}_restart").click().run()
    assert at.text_area(key=body).value == draft
    assert "Your edited text is kept" in shown(at.info)
    at.button(key=f"step2_{tom.id}_put_back").click().run()
    assert _notes(workbook).for_interview(summary.interview.id)[tom.id].body == mine
    assert at.text_area(key=body).value == mine
    assert not [b for b in at.button if b.key == f"step2_{tom.id}_put_back"]
    assert at.button(key=f"step2_{tom.id}_restart")
    assert not at.exception


def test_no_email_no_culture_mark_and_a_sent_note_read_back(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")  # decision in 14 days
    ana = summary.interview.interviewers[0]  # no e-mail address
    _notes(workbook).set_culture(summary.application.id, "A culture the coach renamed")
    at = open_step(PAGE, summary)
    assert at.selectbox(key=f"step2_culture_{summary.application.id}").value == ""
    assert any(m.value.startswith("**Recommended: Handwritten.**") for m in at.markdown)
    open_tab(at, f"step2_{ana.id}_outputs", "E-mail")
    assert any("Add this interviewer's e-mail" in i.value for i in at.info)
    assert not at.get("link_button")
    at.button(key=f"step2_{ana.id}_mark_sent").click().run()
    # Marking it sent moves on to the next interviewer; Ana's note reads back as sent.
    at.radio(key=f"step2_person_{summary.interview.id}").set_value(ana.id).run()
    sent = f"Sent on {formats.day(date.today())} by Handwritten."
    assert sent in [s.value for s in at.success]
    assert not at.exception


def test_an_interview_without_interviewers_asks_for_them(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")
    for person in summary.interview.interviewers:
        workbook.repo(InterviewRepository).delete_interviewer(person.id)
    at = open_step(PAGE, summary)
    assert any("each of them gets a note" in i.value for i in at.info)
    assert not [r for r in at.radio if r.key == f"step2_person_{summary.interview.id}"]
    assert not at.exception


def test_mark_as_sent_moves_on_to_the_next_interviewer_without_a_sent_note(
    open_step, open_page, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    repo = workbook.repo(InterviewRepository)
    first = summary.interview.interviewers[0]
    second = repo.get_interviewer(
        repo.add_interviewer(summary.interview.id, replace(first, id=None, name="Ms Lee"))
    )
    third = repo.get_interviewer(
        repo.add_interviewer(summary.interview.id, replace(first, id=None, name="Mr Park"))
    )
    _notes(workbook).save(third.id, sent_on=date.today(), sent_channel=Channel.EMAIL)
    at = open_step(PAGE, summary)
    radio = f"step2_person_{summary.interview.id}"
    assert at.radio(key=radio).value == first.id
    at.button(key=f"step2_{first.id}_mark_sent").click().run()
    assert at.radio(key=radio).value == second.id  # Mr Park's note is sent already
    assert plain("Sent. Next: your note to Ms Lee.") in shown(at.success)
    at.button(key=f"step2_{second.id}_mark_sent").click().run()
    assert "Every interviewer's note is marked as sent." in shown(at.success)
    sent = _notes(workbook).for_interview(summary.interview.id)
    assert all(sent[p.id].sent_on == date.today() for p in (first, second, third))
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    link = links["Next: the company's follow-up instructions"]
    assert "step3" in link.page and link.query_string == f"interview={summary.interview.id}"
    assert not at.exception
