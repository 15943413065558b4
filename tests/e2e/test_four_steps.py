"""One interview walked through all four steps in a real browser, with reloads that lose nothing."""

import re
from datetime import datetime, timedelta

from docx import Document
from playwright.sync_api import expect

from followthrough.models import Application, Interview, Interviewer, InterviewFormat
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from tests.e2e.conftest import AppPage, Server

NOTE = (
    "Dear Mara,\n\nThank you for meeting me about the Service Designer role at Zenith Browser Labs. "
    "I enjoyed our talk on how to measure service quality.\n\nI remain very interested in joining "
    "the team, and my journey mapping would help from day one.\n\nWith thanks,\nRiley"
)


TITLE = re.compile(r"^Zenith Browser Labs — Service Designer \(round 1")


def _seed_interview(server: Server) -> int:
    """An in-person interview earlier today that has just ended, straight into the database.

    It starts no earlier than midnight: notes are due on the interview's day, so one begun
    yesterday would already be overdue whatever the time now.
    """
    workbook = open_workbook(server.db_url)
    repo = workbook.repo(ApplicationRepository)
    app_id = repo.add(Application("Zenith Browser Labs", "Service Designer"))
    now = datetime.now().replace(microsecond=0)
    started = max(now - timedelta(hours=2), now.replace(hour=0, minute=0, second=0))
    ended = started + (now - started) / 2
    return InterviewRepository(repo.engine, repo.owner_id).add(
        Interview(
            app_id,
            1,
            InterviewFormat.IN_PERSON,
            started,
            ended,
            decision_expected_on=(ended + timedelta(days=14)).date(),
            interviewers=[Interviewer("Mara Quinn", email="mara@zenith.example")],
        )
    )


def _open_step(app: AppPage, link: str, picker: str = "") -> None:
    """Follow the sidebar link, then pick the interview in the page's own picker."""
    app.page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    app.wait_idle()
    if not picker:
        return
    app.page.locator(f".st-key-{picker}_interview").get_by_test_id("stSelectbox").click()
    app.page.get_by_role("option", name=TITLE).click()
    app.wait_idle()


def test_one_interview_through_all_four_steps(app_page: AppPage, server: Server, tmp_path) -> None:
    _seed_interview(server)
    page = app_page.page

    app_page.goto()
    _open_step(app_page, "Step 1 · Take notes", "step1")
    expect(
        page.get_by_role("heading", name="Step 1 — Take notes right after the interview")
    ).to_be_visible()
    expect(page.get_by_text("Good timing")).to_be_visible()
    app_page.write(
        "What mattered most to this interviewer? *", "Service quality metrics", multiline=True
    )
    app_page.write(
        "Questions worth revisiting in your thank-you note",
        "How to measure service quality",
        multiline=True,
    )
    app_page.write(
        "Questions that caught you off guard", "Describe a failed project", multiline=True
    )
    page.get_by_role("button", name="Make a card").click()
    app_page.wait_idle()
    app_page.write("Better answer to practise", "The kiosk pilot: what I learned", multiline=True)

    page.reload()
    app_page.wait_idle()
    expect(
        page.get_by_label("What mattered most to this interviewer? *", exact=True)
    ).to_have_value("Service quality metrics")
    expect(page.get_by_label("Better answer to practise", exact=True)).to_have_value(
        "The kiosk pilot: what I learned"
    )
    app_page.screenshot("step1_notes")

    _open_step(app_page, "Step 2 · Thank-you notes", "step2")
    expect(page.get_by_text("Send 1 thank-you note today.")).to_be_visible()
    app_page.write("Your strongest matching skill for this role", "journey mapping")
    body = page.get_by_label("Your note (edit freely — it is saved as you type)", exact=True)
    expect(body).to_have_value(re.compile("our conversation about service quality metrics"))
    expect(body).to_have_value(re.compile("journey mapping"))
    app_page.write("Your note (edit freely — it is saved as you type)", NOTE, multiline=True)

    page.reload()
    app_page.wait_idle()
    expect(
        page.get_by_label("Your note (edit freely — it is saved as you type)", exact=True)
    ).to_have_value(NOTE)
    app_page.screenshot("step2_thank_you")

    page.get_by_role("tab", name="Download").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .docx").click()
    saved = tmp_path / "note.docx"
    download.value.save_as(saved)
    paragraphs = [p.text for p in Document(str(saved)).paragraphs]
    # A letter: a date line, then the note's paragraphs as typed; no heading.
    note = NOTE.split("\n\n")
    assert paragraphs[-len(note) :] == note
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", paragraphs[-len(note) - 1])
    assert not any(p.startswith("Thank-you note to") for p in paragraphs)

    page.get_by_role("button", name="Mark as sent").click()
    app_page.wait_idle()
    expect(page.get_by_text("Thank-you notes sent.")).to_be_visible()

    _open_step(app_page, "Practice bank")
    expect(page.get_by_label("Question", exact=True).first).to_have_value(
        "Describe a failed project"
    )
    app_page.screenshot("practice")

    # The interview chosen in step 1 stays chosen on every step page.
    _open_step(app_page, "Step 3 · Follow-up instructions")
    expect(page.get_by_role("combobox", name="Interview")).to_have_value(TITLE)
    app_page.write(
        "Next steps the company described *", "Mara decides in two weeks", multiline=True
    )
    page.reload()
    app_page.wait_idle()
    expect(page.get_by_label("Next steps the company described *", exact=True)).to_have_value(
        "Mara decides in two weeks"
    )
    page.get_by_text("Log a call, e-mail or message").click()  # folded until opened
    app_page.wait_idle()
    page.get_by_role("button", name="Log contact").click()
    app_page.wait_idle()
    app_page.screenshot("four_steps_step3")

    _open_step(app_page, "Step 4 · Keep the momentum")
    expect(page.get_by_role("combobox", name="Interview")).to_have_value(TITLE)
    ticks = page.get_by_text("Done", exact=True)
    for item in range(ticks.count()):
        ticks.nth(item).click()
        app_page.wait_idle()
    expect(page.get_by_role("checkbox", name="Done").last).to_be_checked()
    app_page.screenshot("four_steps_step4")

    _open_step(app_page, "Home")
    cards = page.get_by_test_id("stLayoutWrapper")  # each interview's bordered block
    card = cards.filter(has_text="Zenith Browser Labs — Service Designer")
    steps = card.get_by_test_id("stCaptionContainer").filter(has_text="1. Take notes")
    # Thank-you sent, contact made, plan done: three of the four steps' badges on one line.
    expect(steps).to_have_text(re.compile(r"^(?:[^✅]*✅ done){3}[^✅]*$"))
    app_page.screenshot("four_steps_home")
    assert app_page.outside_requests() == []
