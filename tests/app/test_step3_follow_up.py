import shutil
from datetime import date, timedelta
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from followthrough import formats
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.models import Channel, Instruction
from followthrough.store.answers import AnswerRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.people import ProfileRepository
from tests.app.conftest import find_interview, shown
from ui.text import plain

PAGE = "app_pages/step3_follow_up.py"


def _repo(workbook) -> FollowUpRepository:
    return workbook.repo(FollowUpRepository)


def open_calendar(at: AppTest) -> AppTest:
    """`at` rerun with its calendar fold open, as a click on it does."""
    at.session_state["step3_calendar"] = True
    return at.run()


def open_contact_form(at: AppTest) -> AppTest:
    """`at` rerun with the fold for a new contact open, as a click on it does."""
    at.session_state["step3_log_contact"] = True
    return at.run()


def test_empty_workbook_asks_for_an_interview(open_page) -> None:
    at = open_page(PAGE)
    assert "Record an interview first" in shown(at.info)
    assert not at.exception


def test_page_renders_on_the_sample_workbook(open_page, open_step, sample_workbook) -> None:
    at = open_step(PAGE, find_interview(sample_workbook, "Northwind Analytics", 2))
    assert "Keep boundaries professional" in shown(at.info)
    assert "No social-network requests" in shown(at.info)
    assert any("words, about" in c.value for c in at.caption)
    assert not at.exception


def test_timeline_and_next_steps_are_saved_as_typed(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    decision = summary.interview.starts_at.date() + timedelta(days=10)
    at.date_input(key=f"step3_decision_{interview_id}").set_value(decision).run()
    at.text_area(key=f"step3_next_steps_{interview_id}_").input("Tom calls by Friday").run()
    assert (
        sample_workbook.repo(InterviewRepository).get(interview_id).decision_expected_on == decision
    )
    answers = workbook.repo(AnswerRepository)
    assert answers.for_step(interview_id, "follow_up")[("next_steps", "")] == "Tom calls by Friday"
    again = open_step(PAGE, summary)
    assert again.text_area(key=f"step3_next_steps_{interview_id}_").value == "Tom calls by Friday"
    assert not again.exception


def test_instruction_done_through_another_channel_warns(
    open_step, open_page, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    new = f"step3_new_ins{interview_id}_"
    at.text_input(key=new + "what").input("three references").run()
    at.selectbox(key=new + "channel").set_value("email").run()
    at.date_input(key=new + "due").set_value(date.today() + timedelta(days=2)).run()
    at.button(key=new + "add").click().run()
    [item] = _repo(workbook).instructions(interview_id)
    assert (item.what, item.channel) == ("three references", Channel.EMAIL)
    assert at.text_input(key=new + "what").value == ""

    at.checkbox(key=f"step3_ins{item.id}_done").check().run()
    at.selectbox(key=f"step3_ins{item.id}_done_channel").set_value("letter").run()
    [done] = _repo(workbook).instructions(interview_id)
    assert (done.done_on, done.done_channel) == (date.today(), Channel.LETTER)
    assert any("you logged it as done by letter" in w.value for w in at.warning)
    at.checkbox(key=f"step3_ins{item.id}_done").uncheck().run()
    assert not _repo(workbook).instructions(interview_id)[0].done
    at.checkbox(key=f"step3_ins{item.id}_done").check().run()  # ticked again, asked channel first
    assert _repo(workbook).instructions(interview_id)[0].done_channel == Channel.EMAIL
    assert not at.exception


def test_an_instruction_needs_words(open_page, open_step, workbook, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    at = open_step(PAGE, summary)
    at.button(key=f"step3_new_ins{summary.interview.id}_add").click().run()
    assert "Write what they asked for first" in shown(at.error)
    assert _repo(workbook).instructions(summary.interview.id) == []
    assert not at.exception


def test_contact_log_guards_against_nuisance_and_hands_over_the_ball(
    open_step, open_page, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 1)  # nine days ago
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    new = f"step3_new_contact{interview_id}_"
    assert [s.label for s in at.selectbox if s.key == new + "channel"] == []  # folded: not drawn
    open_contact_form(at)
    at.selectbox(key=new + "channel").set_value("voicemail").run()
    at.text_input(key=new + "note").input("Left my prepared message").run()
    at.button(key=new + "log").click().run()
    [contact] = _repo(workbook).contacts(interview_id)
    assert (contact.channel, contact.answered) == (Channel.VOICEMAIL, False)
    assert any("The ball is in their court" in s.value for s in at.success)
    assert any("Your last contact was today" in w.value for w in at.warning)
    assert not at.exception


def test_voicemail_fields_are_saved_and_prefill_the_next_interview(
    open_step, open_page, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    at.text_input(key=f"step3_caller_name_{interview_id}").input("Alex Morgan").run()
    at.text_input(key=f"step3_phone_{interview_id}").input("07700 900123").run()
    at.text_input(key=f"step3_interest_line_{interview_id}").input("I'm still keen.").run()
    plan = _repo(workbook).plan(interview_id)
    assert (plan.caller_name, plan.phone) == ("Alex Morgan", "07700 900123")
    assert "0 7 7 0 0, 9 0 0 1 2 3" in at.code[0].value
    other = find_interview(sample_workbook, "Northwind Analytics", 2)
    at.selectbox(key="step3_interview").set_value(other.interview.id).run()
    asked = [t.key for t in at.text_input]
    assert f"step3_interest_line_{other.interview.id}" in asked  # the form is drawn...
    assert f"step3_phone_{other.interview.id}" not in asked  # ...the number known: folded
    at.session_state[f"step3_caller_{other.interview.id}"] = True  # as a click on the fold does
    assert at.run().text_input(key=f"step3_phone_{other.interview.id}").value == "07700 900123"
    assert not at.exception


def test_time_zone_and_call_date_are_saved(open_page, open_step, workbook, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    at = open_calendar(open_step(PAGE, summary))
    assert at.selectbox(key=f"step3_timezone_{interview_id}").value == "Europe/London"
    at.selectbox(key=f"step3_timezone_{interview_id}").set_value("America/Chicago").run()
    day = date.today() + timedelta(days=20)
    at.date_input(key=f"step3_call_on_{interview_id}").set_value(day).run()
    plan = _repo(workbook).plan(interview_id)
    assert (plan.timezone, plan.call_on) == ("America/Chicago", day)
    at.date_input(key=f"step3_call_on_{interview_id}").set_value(None).run()
    assert _repo(workbook).plan(interview_id).call_on is None  # back to the suggested day
    assert not at.exception


def test_a_coach_changes_the_voicemail_limit_and_adds_a_prompt(
    open_step, open_page, workbook, sample_workbook, tmp_path: Path, monkeypatch
) -> None:
    pack = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, pack)
    rules = pack / "follow_up.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("max_seconds: 35", "max_seconds: 10"),
        encoding="utf-8",
    )
    step = pack / "steps" / "03_follow_up.yaml"
    step.write_text(
        step.read_text(encoding="utf-8").replace(
            "prompts:\n",
            "prompts:\n  - id: recruiter_name\n    kind: short_text\n"
            "    label: Who is your contact in HR?\n",
            1,
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("FOLLOWTHROUGH_CONTENT_DIR", str(pack))
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    assert any("past 10 seconds" in w.value for w in at.warning)
    field = at.text_input(key=f"step3_recruiter_name_{interview_id}_")
    assert field.label == "Who is your contact in HR?"
    field.input("Sam Lee").run()
    answers = workbook.repo(AnswerRepository)
    assert answers.for_step(interview_id, "follow_up")[("recruiter_name", "")] == "Sam Lee"
    assert not at.exception


def test_a_voicemail_is_never_logged_as_answered(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Northwind Analytics", 1)
    interview_id = summary.interview.id
    at = open_contact_form(open_step(PAGE, summary))
    new = f"step3_new_contact{interview_id}_"
    at.selectbox(key=new + "channel").set_value("voicemail").run()
    at.checkbox(key=new + "answered").check().run()
    at.button(key=new + "log").click().run()
    [contact] = _repo(workbook).contacts(interview_id)
    assert (contact.channel, contact.answered) == (Channel.VOICEMAIL, False)
    assert any("The ball is in their court" in s.value for s in at.success)
    at.button(key="step3_contact_remove").click().run()
    assert _repo(workbook).contacts(interview_id) == []
    assert not at.exception


def test_the_calendar_caption_names_each_entry_and_its_day_as_typed(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    due = date.today() + timedelta(days=3)
    _repo(workbook).add_instruction(
        Instruction(interview_id, "*three* references", Channel.EMAIL, due)
    )
    at = open_step(PAGE, summary)
    assert "Your time zone" not in [s.label for s in at.selectbox]  # folded: 599 zones unsent
    [caption] = [c.value for c in open_calendar(at).caption if c.value.startswith("The file holds")]
    assert plain(f"*three* references by e-mail (Bluebird Health) ({formats.short_day(due)})") in (
        caption
    )
    assert not at.exception


def test_the_name_signed_on_step_2_is_not_asked_again(
    open_page, open_step, workbook, sample_workbook
) -> None:
    workbook.repo(ProfileRepository).set(signature="Alex Morgan")
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    at = open_step(PAGE, summary)
    assert at.text_input(key=f"step3_caller_name_{interview_id}").value == "Alex Morgan"
    assert "Alex Morgan" in at.code[0].value  # the voicemail script says it
    at.text_input(key=f"step3_phone_{interview_id}").input("07700").run()  # a pause: saved
    # Both known now, and the fold stays open while they type on.
    at.text_input(key=f"step3_phone_{interview_id}").input("07700 900123").run()
    assert _repo(workbook).plan(interview_id).phone == "07700 900123"
    other = find_interview(sample_workbook, "Northwind Analytics", 2)
    at.selectbox(key="step3_interview").set_value(other.interview.id).run()
    [details] = [e for e in at.expander if e.label == "Your name and phone number"]
    assert not details.proto.expanded and not details.children  # both known: folded, not asked
    at.session_state[f"step3_caller_{other.interview.id}"] = True  # as a click on the fold does
    name = at.run().text_input(key=f"step3_caller_name_{other.interview.id}")
    assert name.value == "Alex Morgan"
    assert not at.exception


def test_a_name_first_given_on_step_3_signs_the_thank_you_notes(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    at = open_step(PAGE, summary)
    at.text_input(key=f"step3_caller_name_{summary.interview.id}").input("Sam Rivera").run()
    assert workbook.repo(ProfileRepository).get()["signature"] == "Sam Rivera"
    assert not at.exception


def test_the_time_zone_is_the_browsers(
    open_page, open_step, workbook, sample_workbook, monkeypatch
) -> None:
    monkeypatch.setattr(type(st.context), "timezone", property(lambda _: "America/Chicago"))
    summary = find_interview(sample_workbook, "Bluebird Health")
    at = open_calendar(open_step(PAGE, summary))
    assert at.selectbox(key=f"step3_timezone_{summary.interview.id}").value == "America/Chicago"
    assert not at.exception


def test_removing_an_instruction_can_be_undone(
    open_page, open_step, workbook, sample_workbook
) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    interview_id = summary.interview.id
    _repo(workbook).add_instruction(
        Instruction(interview_id, "Send three references", Channel.EMAIL)
    )
    [item] = _repo(workbook).instructions(interview_id)
    at = open_step(PAGE, summary)
    at.button(key=f"step3_ins{item.id}_remove").click().run()
    assert _repo(workbook).instructions(interview_id) == []
    assert plain("Removed the instruction “Send three references”.") in shown(at.markdown)
    at.button(key="step3_undo_button").click().run()
    assert _repo(workbook).instructions(interview_id) == [item]
    assert not at.exception


def test_the_next_step_is_one_click_away(open_page, open_step, sample_workbook) -> None:
    summary = find_interview(sample_workbook, "Bluebird Health")
    at = open_step(PAGE, summary)
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    link = links["Next: keep the momentum"]
    assert (
        "step4_momentum" in link.page and link.query_string == f"interview={summary.interview.id}"
    )
    assert not at.exception
