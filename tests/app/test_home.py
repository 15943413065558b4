import shutil
from datetime import date, datetime, timedelta

from streamlit.testing.v1 import AppTest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.models import Application, Interview, InterviewFormat
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.app.conftest import shown
from ui.text import plain


def _texts(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)


def test_empty_workbook_offers_a_first_action(open_page) -> None:
    at = open_page("app_pages/home.py")
    assert "Your workbook is empty" in shown(at.info)
    assert at.button(key="home_load_sample")
    assert [m.label for m in at.metric] == [
        "Résumés received",
        "Candidates interviewed",
        "Offer made",
    ]
    assert [m.value for m in at.metric] == ["250", "4–6", "1"]
    assert not at.exception


def test_sample_workbook_loads_and_is_removed_again(open_page, workbook) -> None:
    at = open_page("app_pages/home.py")
    at.button(key="home_load_sample").click().run()
    assert "Loaded the sample workbook: 8 applications." in shown(at.success)
    assert "Northwind Analytics — Senior Product Designer (round 2" in _texts(at)
    at.button(key="home_remove_sample").click().run()
    at.button(key="home_remove_sample_yes").click().run()
    assert workbook.repo(ApplicationRepository).all() == []
    assert "Your workbook is empty" in shown(at.info)
    assert not at.exception


def test_removing_the_sample_asks_first_naming_what_goes(open_page, workbook) -> None:
    apps = workbook.repo(ApplicationRepository)
    mine = apps.add(Application("Initech", "Designer", applied_on=date(2026, 12, 1)))
    from followthrough.services.sample import load_sample

    sample_apps = load_sample(workbook, date.today())
    at = open_page("app_pages/home.py")
    # One click used to remove it all at once, with no question and no undo.
    at.button(key="home_remove_sample").click().run()
    assert len(apps.all()) == sample_apps + 1  # nothing gone yet
    question = " ".join(w.value for w in at.warning)
    assert f"{sample_apps} sample applications and " in question
    assert " interviews, with everything written on them" in question
    assert "Nothing of your own is touched" in question
    at.button(key="home_remove_sample_no").click().run()  # keep it
    assert len(apps.all()) == sample_apps + 1
    assert at.button(key="home_remove_sample")
    at.button(key="home_remove_sample").click().run()
    at.button(key="home_remove_sample_yes").click().run()
    assert [a.id for a in apps.all()] == [mine]  # the person's own application stays
    assert not at.exception


def _said(card) -> str:
    """A card's text: its lines and the caption of its four steps' badges."""
    return " ".join(m.value for m in [*card.markdown, *card.caption])


def _card(at: AppTest, company: str, round_number: int):
    """The bordered block of one interview on Home (its title comes first, in bold)."""
    for block in at.main.children.values():
        lines = [m.value for m in getattr(block, "markdown", [])]
        if lines and lines[0].startswith(f"**{company}") and f"(round {round_number}," in lines[0]:
            return block
    raise AssertionError(f"no interview card for {company} round {round_number}")


def test_home_shows_each_interviews_four_steps_and_next_action(open_page, sample_workbook) -> None:
    at = open_page("app_pages/home.py")
    upcoming = _said(_card(at, "Kite Mobility", 1))
    assert upcoming.count("⏳ later") == 4
    # Still ahead: when it is, and what to bring and ask, not "take notes" (but for the step's name).
    assert "Coming up on" in upcoming and upcoming.count("Take notes") == 1
    # What to bring and ask is folded, and drawn (sent) only once opened.
    assert "Pack your thank-you kit" not in upcoming
    kite = next(
        s.interview.id
        for s in sample_workbook.repo(InterviewRepository).summaries()
        if s.application.company == "Kite Mobility"
    )
    at.session_state[f"home_before_{kite}"] = True  # as a click on it does
    upcoming = _said(_card(at.run(), "Kite Mobility", 1))
    assert "Pack your thank-you kit" in upcoming and "Before you leave, ask" in upcoming
    phone = _said(_card(at, "Bluebird Health", 1))
    assert plain("Next: Take your notes now — memory fades") in phone
    assert "steps are overdue" in shown(at.warning)
    worked = _said(_card(at, "Northwind Analytics", 1))
    # The sample's notes, its sent thank-you note, and no status call: round 2 is booked.
    assert worked.count("✅ done") == 3
    assert not at.exception


def test_sent_thank_you_notes_turn_step_two_done(open_page, sample_workbook, workbook) -> None:
    summary = next(
        s
        for s in sample_workbook.repo(InterviewRepository).summaries()
        if s.application.company == "Bluebird Health"
    )
    notes = workbook.repo(ThankYouRepository)
    before = open_page("app_pages/home.py")
    assert "✅ done" not in _said(_card(before, "Bluebird Health", 1))
    for person in summary.interview.interviewers:
        notes.save(person.id, sent_on=date.today(), sent_channel="email")
    at = open_page("app_pages/home.py")
    card = _said(_card(at, "Bluebird Health", 1))
    assert card.count("✅ done") == 1
    assert not at.exception


def test_broken_content_shows_a_named_error_not_a_traceback(
    open_page, tmp_path, monkeypatch
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_CONTENT_DIR, pack)
    broken = pack / "benchmarks.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("low: 4", "low: four"), encoding="utf-8"
    )
    monkeypatch.setenv("FOLLOWTHROUGH_CONTENT_DIR", str(pack))
    at = open_page("app_pages/home.py")
    message = shown(at.error)
    assert "could not be loaded" in message
    assert f"{broken}: listing_funnel.stages[1].low: Input should be a valid number" in message
    assert not at.exception


def test_user_text_is_shown_as_typed_not_as_markdown(open_page, workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    typed = "![logo](http://tracker.example/x.png) *Acme* :material/home:"
    app_id = repo.add(Application(typed, "Analyst"))
    start = datetime.now() - timedelta(days=1)
    InterviewRepository(repo.engine, repo.owner_id).add(
        Interview(app_id, 1, InterviewFormat.VIDEO, start, start + timedelta(hours=1))
    )
    at = open_page("app_pages/home.py")
    title = next(m.value for m in at.markdown if "Analyst" in m.value)
    assert plain(typed) in title
    assert "![logo](http" not in title  # the image syntax is escaped, so no request is made
    assert not at.exception


def test_applications_without_interviews_are_not_an_empty_workbook(open_page, workbook) -> None:
    workbook.repo(ApplicationRepository).add(Application("Initech", "Analyst"))
    at = open_page("app_pages/home.py")
    assert "No interviews yet" in shown(at.info)
    assert not any(b.key == "home_load_sample" for b in at.button)
    assert not at.exception


def test_home_lists_what_is_due_with_reasons_and_links_to_the_exact_place(
    open_page, sample_workbook
) -> None:
    at = open_page("app_pages/home.py")
    bluebird = next(
        s
        for s in sample_workbook.repo(InterviewRepository).summaries()
        if s.application.company == "Bluebird Health"
    )
    due = [
        block
        for block in at.main.children.values()
        if any("· Step " in m.value for m in getattr(block, "markdown", []))
    ]
    assert due, "no due item"
    first = " ".join(m.value for m in due[0].markdown)
    assert first.startswith("🔴 overdue")  # overdue first
    states = [" ".join(m.value for m in block.markdown).split(" · ")[0] for block in due]
    assert states == sorted(states, key=lambda s: s != "🔴 overdue")
    notes = next(
        b
        for b in due
        if "Bluebird Health" in b.markdown[0].value and "Step 1" in b.markdown[0].value
    )
    assert "The interview ended" in " ".join(c.value for c in notes.caption)  # its reason
    [link] = notes.get("page_link")
    assert link.proto.page.endswith("step1_notes.py") or link.proto.label == "Open step 1"
    assert link.proto.query_string == f"interview={bluebird.interview.id}"
    assert not any("Kite Mobility" in b.markdown[0].value for b in due)  # still ahead
    assert not at.exception
