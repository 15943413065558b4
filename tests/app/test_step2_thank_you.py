from datetime import date

from followthrough.models import Channel
from followthrough.store.answers import AnswerRepository
from followthrough.store.people import ProfileRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.app.conftest import find_interview

PAGE = "app_pages/step2_thank_you.py"


def _notes(workbook) -> ThankYouRepository:
    return workbook.repo(ThankYouRepository)


def test_empty_workbook_asks_for_an_interview(open_page) -> None:
    at = open_page(PAGE)
    assert "Record an interview first" in at.info[0].value
    assert not at.exception


def test_draft_is_prefilled_then_saved_as_typed(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    tom = summary.interview.interviewers[0]
    workbook.repo(AnswerRepository).save(
        summary.interview.id, "notes", "revisit", "How to scale the design system", str(tom.id)
    )
    at = open_step(PAGE, summary)
    at.text_input(key="step2_strongest_skill").input("user research").run()
    at.text_input(key="step2_signature").input("Alex Morgan").run()
    assert workbook.repo(ProfileRepository).get() == {
        "strongest_skill": "user research",
        "signature": "Alex Morgan",
    }
    assert at.selectbox(key=f"step2_{tom.id}_topic").value == "How to scale the design system"
    draft = at.text_area(key=f"step2_{tom.id}_body").value
    assert draft.startswith("Dear Tom Okafor,")
    assert "Senior Product Designer position at Northwind Analytics" in draft
    assert "about how to scale the design system" in draft and "user research" in draft
    assert draft.endswith("Alex Morgan")
    assert _notes(workbook).for_interview(summary.interview.id) == {}  # a draft is not a note yet

    edited = draft.replace("Dear Tom Okafor,", "Dear Tom,")
    at.text_area(key=f"step2_{tom.id}_body").input(edited).run()
    assert _notes(workbook).for_interview(summary.interview.id)[tom.id].body == edited
    again = open_step(PAGE, summary)
    assert again.text_area(key=f"step2_{tom.id}_body").value == edited
    assert again.code[0].value == edited
    assert not again.exception


def test_channel_recommendation_culture_and_override(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Kite Mobility")  # decision in 14 days
    ana = summary.interview.interviewers[0]
    at = open_step(PAGE, summary)
    assert "**Recommended: Handwritten.**" in at.markdown[1].value
    assert at.radio(key=f"step2_{ana.id}_channel").value == Channel.HANDWRITTEN
    at.selectbox(key=f"step2_culture_{summary.application.id}").set_value("Tech start-up").run()
    assert _notes(workbook).culture(summary.application.id) == "Tech start-up"
    assert "**Recommended: E-mail.**" in at.markdown[1].value
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
    assert "Send 1 thank-you note now" in at.error[0].value
    assert "phone interview" in at.info[0].value
    assert "on the phone" in at.text_area(key=f"step2_{sam.id}_body").value
    at.selectbox(key=f"step2_{sam.id}_sent_by").set_value(Channel.EMAIL).run()
    at.button(key=f"step2_{sam.id}_mark_sent").click().run()
    note = _notes(workbook).for_interview(summary.interview.id)[sam.id]
    assert note.sent_on == date.today() and note.sent_channel == Channel.EMAIL
    assert "Thank-you notes sent." in at.success[0].value
    at.button(key=f"step2_{sam.id}_unsend").click().run()
    assert _notes(workbook).for_interview(summary.interview.id)[sam.id].sent_on is None
    assert not at.exception


def test_checks_outputs_and_checklist(open_page, open_step, workbook, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    at = open_step(PAGE, summary)
    checks = at.dataframe[0].value
    assert "Highlights your strongest matching skill" in list(checks["Check"])
    assert at.get("link_button")[0].proto.url.startswith("mailto:tom.okafor@northwind.example?")
    assert [d.proto.label for d in at.get("download_button")] == ["Download .docx", "Download .md"]
    at.checkbox(
        key=f"thank_you_checklist:handwritten_kit:stationery_{summary.interview.id}"
    ).check().run()
    saved = workbook.repo(AnswerRepository).for_step(summary.interview.id, "thank_you")
    assert saved[("checklist:handwritten_kit:stationery", "")] == "1"
    assert not at.exception
