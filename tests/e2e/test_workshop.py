"""The projector in a real browser: the countdown ticks with nobody touching it, and a refresh keeps
the segment and the time."""

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

CLOCK = '.st-key-workshop_clock [data-testid="stMetricValue"]'
TICKED = "([selector, before]) => document.querySelector(selector)?.innerText.trim() !== before"


def _clock(app_page: AppPage) -> str:
    return app_page.page.locator(CLOCK).inner_text().strip()


def test_the_countdown_ticks_by_itself_and_survives_a_refresh(app_page: AppPage) -> None:
    app_page.goto("workshop")
    page = app_page.page
    expect(
        page.get_by_role("heading", name="Welcome: 250 résumés, 4–6 interviews, 1 offer")
    ).to_be_visible()
    assert _clock(app_page) == "05:00"

    page.get_by_role("button", name="Start", exact=True).click()
    app_page.wait_idle()
    page.wait_for_url("**/workshop?*started=*")
    before = _clock(app_page)
    # No click from here on: the value must change by itself (ticks each second; bounded wait).
    page.wait_for_function(TICKED, arg=[CLOCK, before], timeout=10_000)
    ticked = _clock(app_page)
    assert ticked < before  # '04:58' < '04:59': zero-padded, so text order is time order
    app_page.screenshot("workshop")

    page.get_by_role("button", name="Next →", exact=True).click()
    app_page.wait_idle()
    expect(
        page.get_by_role("heading", name="Step 1 · Take notes before memory fades")
    ).to_be_visible()
    # (No check of console errors: opening a page's own address makes Streamlit's client probe
    # /workshop/_stcore/health and host-config first, 404s it logs as errors.)
    page.reload()
    app_page.wait_idle()
    expect(
        page.get_by_role("heading", name="Step 1 · Take notes before memory fades")
    ).to_be_visible()
    page.wait_for_function(TICKED, arg=[CLOCK, "15:00"], timeout=10_000)
    assert _clock(app_page).startswith("14:")  # still running after the refresh
    assert app_page.outside_requests() == []


def test_the_printable_workbook_downloads_a_pdf(app_page: AppPage) -> None:
    app_page.goto("printable")
    with app_page.page.expect_download() as caught:
        app_page.page.get_by_role("button", name="Download PDF", exact=True).click()
    download = caught.value
    assert download.suggested_filename == "participant-workbook.pdf"
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    app_page.screenshot("printable")
    assert app_page.outside_requests() == []
