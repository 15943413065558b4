"""The Analytics page draws its charts in a real browser, offline, with the benchmark's source named."""

from datetime import date, timedelta

from playwright.sync_api import expect

from followthrough import synthetic
from followthrough.models import Application, Stage, StatusEvent
from followthrough.store.applications import ApplicationRepository
from followthrough.workbook import open_workbook
from tests.e2e.conftest import AppPage, Server

TYPED = "*Alumni* [network] #1"
DAY = date.today() - timedelta(days=5)


def test_analytics_charts_render_offline(app_page: AppPage, server: Server) -> None:
    wb = open_workbook(server.db_url)
    apps, events = synthetic.generate(500, seed=9, today=date.today())
    synthetic.store(wb.engine, wb.owner.id, apps, events)
    # A source typed with markdown characters, answered every time: the caption names it.
    repo = ApplicationRepository(wb.engine, wb.owner.id)
    for number in range(3):
        app_id = repo.add(Application(f"Acme {number}", "Designer", source=TYPED, applied_on=DAY))
        repo.add_event(StatusEvent(app_id, Stage.RESPONDED, date.today()))
    wb.engine.dispose()

    app_page.goto()
    page = app_page.page
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Analytics").click()
    app_page.wait_idle()
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMetricLabel").filter(has_text="Response rate")).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(5)
    for index in range(5):
        # Vega draws into a canvas (or an SVG): a chart that failed to load has neither.
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible()
    expect(page.get_by_text(f"{TYPED} has your highest response rate: 3 of 3")).to_be_visible()
    app_page.screenshot("analytics")
    subtitle = charts.first.get_by_text("Source: ERE recruiting survey", exact=False)
    expect(subtitle).to_be_visible()
    assert app_page.outside_requests() == []
    assert app_page.console_errors == []
