"""Text that stays text, in the real browser (issue 9, item 5).

A markup corpus goes into every field a user types (company, role, source, notes, location,
interviewer names and details, step 1's notes, practice cards, the thank-you profile and note,
instructions, the contact log and call plan, the check-in and plan items, a stage note), and a
hostile CSV into the import preview. Every page of the sidebar is visited; on each: no request
leaves 127.0.0.1, no link or image comes from the typed text, no KaTeX, icon or Markdown structure,
no escape shows as a backslash, and the text reads exactly as typed. A screenshot of each page is
kept under test-results/screenshots/.
"""

import csv
import io
import re
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from followthrough import config
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Channel,
    Interview,
    Interviewer,
    InterviewFormat,
    Stage,
)
from followthrough.services import (
    answers,
    follow_up,
    interviews,
    momentum,
    practice,
    thank_you,
    tracker,
)
from followthrough.services.workbook import open_workbook
from followthrough.store.follow_up import FollowUpRepository
from tests.e2e.conftest import AppPage, Server

# Each item is something Streamlit's Markdown would otherwise turn into a link, an image (fetched
# from 127.0.0.2, "outside" for this test), a formula, an icon, markup or a typographic arrow.
CORPUS = [
    "[x](http://127.0.0.2/a)",
    "# heading",
    "![i](http://127.0.0.2/i.png)",
    "- item",
    '<img src="http://127.0.0.2/h.png">',
    "$x^2$",
    ":material/home:",
    "www.example.com",
    "a@b.co",
    "**bold**",
    '=HYPERLINK("http://127.0.0.2/f","x")',
    ":streamlit:",
    "http://127.0.0.2/z",
    "a -- b -> c",
    "1) one",
]


def typed(start: int, limit: int = 190, sep: str = " ") -> str:
    """The corpus from item `start` on (wrapping round), as many items as fit in `limit`."""
    items = CORPUS[start:] + CORPUS[:start]
    kept: list[str] = []
    for item in items:
        if len(sep.join([*kept, item])) > limit:
            break
        kept.append(item)
    return sep.join(kept)


COMPANY = typed(0)
ROLE = typed(3)
NAMES = (typed(1), typed(6))
WHAT = typed(5, 280)  # done through another channel: its warning quotes it
LINES = typed(0, 2000, "\n")  # every item at the start of a line

HOSTILE_HEADER = "[h](http://127.0.0.2/h) ![i](http://127.0.0.2/hi.png) $x^2$"
HOSTILE_STATUS = "![s](http://127.0.0.2/s.png) :material/home: www.example.com"
HOSTILE_CELL = "<img src=http://127.0.0.2/cell.png>"


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


HOSTILE_CSV = _csv(
    [
        ["Company", "Role", "Status", "Applied on", HOSTILE_HEADER],
        [COMPANY, ROLE, "Interview", "2026-03-14", HOSTILE_CELL],
        ["Acme a@b.co", "# heading", HOSTILE_STATUS, "2026-03-15", "- item"],
    ]
)

# What must read as typed on each page (as far as that page shows it).
SHOWN = {
    "Home": [COMPANY],
    "Interviews": [f"Remove {NAMES[0]}", f"Remove {NAMES[1]}"],
    "Step 1 · Take notes": [NAMES[0], NAMES[1]],
    "Step 2 · Thank-you notes": [NAMES[0], NAMES[1]],
    "Step 3 · Follow-up instructions": [WHAT, COMPANY],
    "Practice bank": [COMPANY],
    "Tracker": [COMPANY],
}

# Every link and image on the page, and markup made from typed text (role=img spans are icons
# such as :material/home:; Streamlit's own icons are stIconMaterial).
PROBLEMS = """() => {
  const found = [];
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.href, location.href);
    const mailto = url.protocol === 'mailto:' && a.closest('[data-testid="stLinkButton"]');
    if (url.hostname !== '127.0.0.1' && !mailto) found.push('link to ' + a.href);
  }
  for (const img of document.querySelectorAll('img')) {
    const url = new URL(img.src, location.href);
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1')
      found.push('image from ' + img.src);
    if (img.alt === 'Streamlit logo') found.push('the :streamlit: logo');
  }
  for (const k of document.querySelectorAll('.katex')) found.push('KaTeX: ' + k.textContent);
  const md = '[data-testid="stMarkdownContainer"] ';
  for (const i of document.querySelectorAll(md + '[role="img"]')) found.push('icon ' + i.textContent);
  const made = [['h1', 'heading'], ['li', 'item'], ['li', 'one'], ['strong', 'bold']];
  for (const [tag, text] of made)
    for (const e of document.querySelectorAll(md + tag))
      if (e.textContent.trim() === text) found.push(tag + ' made of ' + text);
  return found;
}"""
# The page's text, and the value each selectbox shows (an input's value is not in innerText).
READABLE = """() => [document.body.innerText,
  ...[...document.querySelectorAll('[data-testid="stSelectbox"] input')].map(i => i.value)
].join('\\n')"""
ESCAPES = re.compile(r"\\[\\`*_{}\[\]<>#!|~$:&=+.()-]")


def _seed(db_url: str) -> None:
    """The corpus in every field a user types, through the same services the pages call."""
    wb = open_workbook(db_url)
    pack = load_content(config.content_dir())
    today = date.today()
    start = (datetime.now() - timedelta(hours=3)).replace(second=0, microsecond=0)
    people = [
        Interviewer(NAMES[0], typed(8), "a@b.co", typed(2, 500, "\n")),
        Interviewer(NAMES[1], typed(9)),
    ]
    application = Application(
        COMPANY, ROLE, typed(7, 100), "http://127.0.0.2/listing", today - timedelta(days=7)
    )
    blank = Interview(0, 1, InterviewFormat.IN_PERSON, start, start + timedelta(hours=1), typed(4))
    recorded = interviews.record_interview(wb, application, blank, people)
    assert not recorded.errors, recorded.errors
    summary = interviews.choices(wb).summaries[0]
    interview_id, app_id = summary.interview.id, summary.application.id
    assert interview_id is not None and app_id is not None

    for person in summary.interview.interviewers:
        for prompt in ("topics", "revisit"):
            answers.save_answer(wb, interview_id, "notes", prompt, LINES, str(person.id))
    for step, prompt in [
        ("notes", "company_learned"),
        ("notes", "self_evaluation"),
        ("notes", "blunders"),
        ("notes", "off_guard"),
        ("follow_up", "next_steps"),
        ("follow_up", "protocol"),
    ] + [("momentum", p.id) for p in pack.step("momentum").prompts]:
        answers.save_answer(wb, interview_id, step, prompt, LINES)
    practice.add_card(wb, interview_id, typed(10), "off_guard")
    card = practice.bank(wb, pack, [], datetime.now()).cards[0]
    practice.edit_card(wb, card.id, "better_answer", LINES)

    thank_you.save_profile(wb, "strongest_skill", typed(11))
    thank_you.save_profile(wb, "signature", typed(12))
    thank_you.save_note(wb, summary.interview.interviewers[0].id or 0, "body", LINES)

    assert not follow_up.add_instruction(
        wb, interview_id, typed(1, 280), Channel.EMAIL, today + timedelta(days=2)
    )
    assert not follow_up.add_instruction(wb, interview_id, WHAT, Channel.EMAIL, None)
    repo = wb.repo(FollowUpRepository)
    for field, value in (("done", True), ("done_channel", Channel.PHONE.value)):
        done = next(i for i in repo.instructions(interview_id) if i.what == WHAT)
        follow_up.edit_instruction(wb, done, field, value, today)
    follow_up.log_contact(wb, interview_id, Channel.PHONE, today, False, typed(13))
    for field, value in (("caller_name", typed(3)), ("phone", CORPUS[0]), ("interest_line", LINES)):
        follow_up.save_plan_field(wb, interview_id, field, value)

    kind = next(iter(pack.momentum.next_day.kinds))
    assert not momentum.add_item(wb, pack, interview_id, kind, typed(14))
    momentum.save_check_in(wb, interview_id, "feeling", LINES)
    words = pack.pipeline.tracker
    assert not tracker.record_stage(wb, app_id, Stage.INTERVIEW, today, typed(5), today, words)
    wb.engine.dispose()


def _readable(app: AppPage) -> str:
    """The page's text as a reader sees it: the invisible word joiner out, spaces collapsed."""
    text = app.page.evaluate(READABLE).replace("\u2060", "")
    return " ".join(text.split())


def _settle(app: AppPage) -> None:
    """The run finished and every lazily loaded element (skeletons) drawn."""
    app.wait_idle()
    expect(app.page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
    app.wait_idle()


def _check(app: AppPage, name: str, shown: list[str]) -> None:
    _settle(app)
    app.screenshot("markup-" + re.sub(r"\W+", "-", name.casefold()).strip("-"))
    assert app.page.evaluate(PROBLEMS) == [], name
    text = _readable(app)
    shown_escaped = [text[max(0, m.start() - 40) : m.end() + 10] for m in ESCAPES.finditer(text)]
    assert not shown_escaped, f"{name} shows escapes: {shown_escaped}"
    for words in shown:
        assert " ".join(words.split()) in text, f"{name} does not show {words!r} as typed"
    assert not app.page.get_by_test_id("stException").count(), name


def _unfolded(app: AppPage, name: str, shown: list[str]) -> None:
    """`_check` again with each fold of the page opened, then each tab chosen: their content is
    drawn only once opened."""
    _check(app, name, shown)
    main = app.page.get_by_test_id("stMain")
    closed = main.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(12):  # Home's five cards have at most two folds each
        if not closed.count():
            break
        closed.first.click()
        _check(app, name, shown)
    tabs = main.get_by_role("tab")
    for n in range(tabs.count()):
        tabs.nth(n).click()
        _check(app, name, shown)


@pytest.fixture
def corpus_workbook(server: Server, clean_workbook: None) -> None:
    _seed(server.db_url)


def test_typed_markup_stays_text_on_every_page(app_page: AppPage, corpus_workbook: None) -> None:
    app_page.goto()
    nav = app_page.page.get_by_test_id("stSidebarNav")
    for more in nav.get_by_role("button", name=re.compile("View .*more")).all():
        more.click()
    # A link's text is its emoji icon, then its title.
    names = [link.inner_text().split("\n")[-1].strip() for link in nav.get_by_role("link").all()]
    assert {"Home", "Tracker", "Step 1 · Take notes", "Import & export"} <= set(names), names
    assert names[0] == "Home"  # the page goto() opened
    _unfolded(app_page, "Home", SHOWN["Home"])
    title = app_page.page.get_by_test_id("stMain").locator("h1").first
    for name in names[1:]:
        before = title.inner_text()
        nav.get_by_role("link", name=name, exact=True).click()
        # The idle state may still be the last page's: wait for this page's own title.
        expect(title).not_to_have_text(before, timeout=60_000)
        _unfolded(app_page, name, SHOWN.get(name, []))
    assert app_page.outside_requests() == []


def test_a_hostile_csv_stays_text_in_the_import_preview(app_page: AppPage) -> None:
    page = app_page.page
    app_page.goto()
    app_page.page.get_by_test_id("stSidebarNav").get_by_role(
        "link", name="Import & export", exact=True
    ).click()
    app_page.wait_idle()
    uploader = page.locator(".st-key-import_file_0").locator("input[type=file]")
    uploader.set_input_files(
        files=[{"name": "hostile.csv", "mimeType": "text/csv", "buffer": HOSTILE_CSV}]
    )
    # The upload's rerun has begun only once its preview shows (the idle state may be the old run).
    expect(page.get_by_role("heading", name=re.compile(r"Preview$"))).to_be_visible(timeout=60_000)
    _settle(app_page)
    # The unknown status, read as a stage: the preview's caption then quotes the file's word.
    status = page.get_by_test_id("stSelectbox").filter(has_text="127.0.0.2/s.png")
    app_page.choose(status, "Interview")
    expect(page.get_by_text("Statuses read as", exact=False)).to_be_visible(timeout=60_000)
    shown = [
        f"“{HOSTILE_HEADER}” (e.g. {HOSTILE_CELL!r})",  # a column's label
        f"“{HOSTILE_STATUS}”",  # the unknown status's label
        f"Statuses read as: {HOSTILE_STATUS} → Interview.",
    ]
    _check(app_page, "Import preview", shown)
    assert app_page.outside_requests() == []


def test_tables_offer_no_download_of_their_own(app_page: AppPage, corpus_workbook: None) -> None:
    # Streamlit's own "Download as CSV" skips the export's formula guard (issue 9, item 6).
    page = app_page.page
    app_page.goto("interviews")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible(timeout=60_000)
    table.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    # The toolbar does show on hover (its search button), so the missing download is no accident.
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible(timeout=10_000)
    assert toolbar.get_by_role("button", name="Download as CSV").count() == 0
