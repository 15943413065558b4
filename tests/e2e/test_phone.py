"""Phone-sized screens (issue 11 item 9): every page at 390×844 with the sample workbook, no table
wider than its frame, no page wider than the screen, no date in another shape than formats.DATE,
the thank-you note shown once; a screenshot of each page under test-results/screenshots/phone-*.png."""

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from followthrough import formats
from followthrough.services.sample import load_sample
from followthrough.services.workbook import open_workbook
from tests.dates import OTHER_SHAPES
from tests.e2e.conftest import AppPage, Server

PHONE = {"width": 390, "height": 844}
PAGES = [
    "",
    "interviews",
    "step1_notes",
    "step2_thank_you",
    "step3_follow_up",
    "step4_momentum",
    "practice",
    "tracker",
    "analytics",
    "import_export",
    "workshop",
    "printable",
]
# What the boxes show (a date input's hidden native <input type=date> holds ISO by the HTML spec,
# never shown: its box shows formats.DATE).
BOXES = """() => [...document.querySelectorAll('input:not([type="date"]), textarea')]
  .map(box => box.value)"""
# Each table's own frame and the grid's scroller inside it: content wider than the frame is cut.
OVERFLOWING = """() => {
  const found = [];
  // The grid's scroller (st.dataframe) and a static table: content wider than its frame is cut.
  const frames = document.querySelectorAll(
    '[data-testid="stDataFrame"] .dvn-scroller, [data-testid="stTable"]'
  );
  for (const el of frames) {
    if (!el.offsetParent) continue;  // in a tab or an expander not open
    if (el.scrollWidth > el.clientWidth + 1) {
      const table = el.closest('[class*="st-key-"]');
      const name = table ? [...table.classList].find(c => c.startsWith('st-key-')) : 'a table';
      found.push(`${name}: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
    }
  }
  for (const el of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const box = el.getBoundingClientRect();
    if (el.offsetParent && box.right > window.innerWidth + 1) found.push(`ends at ${box.right}px`);
  }
  return found;
}"""


@pytest.fixture
def phone(chromium: Browser, server: Server, clean_workbook: None) -> Iterator[AppPage]:
    load_sample(open_workbook(server.db_url), date.today())
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield AppPage(page, server.url)
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_a_phone(phone: AppPage, path: str) -> None:
    phone.goto(path)
    page = phone.page
    assert not page.get_by_test_id("stException").count()
    # Elements whose code loads lazily show a skeleton first, and a grid draws its cells after
    # the script has finished: measure once they have.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
    grids = page.get_by_test_id("stDataFrame")
    for i in range(grids.count()):
        if grids.nth(i).is_visible():
            expect(grids.nth(i).locator(".dvn-scroller")).to_be_attached(timeout=60_000)
    phone.screenshot(f"phone-{path or 'home'}")
    assert page.evaluate(OVERFLOWING) == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide"
    # One date format on screen, as drawn: the page's text (charts' axes are SVG text, in it too)
    # and what its boxes show.
    shown = [page.inner_text('[data-testid="stMain"]'), *page.evaluate(BOXES)]
    others = {m.group(0) for text in shown for m in OTHER_SHAPES.finditer(text)}
    assert not others, f"dates shown in another format than {formats.DATE}: {sorted(others)}"


def test_the_thank_you_note_shows_once_on_a_phone(phone: AppPage) -> None:
    phone.goto("step1_notes")  # a server's first page can take longer than wait_idle allows
    phone.goto("step2_thank_you")
    page = phone.page
    # The box is drawn as the run reaches it and filled when its value arrives: read it once it
    # holds the note (read at once, it could still be empty on a loaded machine).
    box = page.get_by_label("Your note (edit freely — it is saved as you type)", exact=True)
    expect(box).to_have_value(re.compile(r"\w[^\n]{19}"), timeout=60_000)
    phone.wait_idle()
    body = box.input_value()
    line = max(body.splitlines(), key=len)[:30]  # the note's longest line, to look for
    assert len(line) >= 20, body
    shown_as_text = page.locator("pre, code, [data-testid='stText']").filter(has_text=line)
    visible = [i for i in range(shown_as_text.count()) if shown_as_text.nth(i).is_visible()]
    in_boxes = page.evaluate(
        "(line) => [...document.querySelectorAll('textarea')]"
        ".filter(t => t.offsetParent && t.value.includes(line)).length",
        line,
    )
    assert (in_boxes, len(visible)) == (1, 0)  # in its box only, not again below it
    # The app scrolls inside its own container, not the document (which stays 844 px tall).
    height = page.evaluate(
        "() => Math.max(...[document.documentElement, "
        "...document.querySelectorAll('[data-testid=\"stAppViewContainer\"]')]"
        ".map(e => e.scrollHeight))"
    )
    phone.screenshot("phone-step2-note")
    assert height < 6000, f"step 2 is {height}px tall"
