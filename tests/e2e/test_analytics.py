"""The Analytics page draws its charts in a real browser, offline, with the benchmark's source named."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, expect

from followthrough.analytics import synthetic
from followthrough.models import Application, Stage, StatusEvent
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository
from tests.e2e.conftest import AppPage, Server

TYPED = "*Alumni* [network] #1"
DAY = date.today() - timedelta(days=5)


@pytest.fixture(scope="module")
def analytics_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own: 500 generated applications must not leak into other pages' tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('analytics') / 'workbook.db'}"
    wb = open_workbook(url)
    apps, events = synthetic.generate(500, seed=9, today=date.today())
    wb.repo(FrameRepository).insert(apps, events)
    # A source typed with markdown characters, answered every time: the caption names it.
    repo = wb.repo(ApplicationRepository)
    for number in range(3):
        app_id = repo.add(Application(f"Acme {number}", "Designer", source=TYPED, applied_on=DAY))
        repo.add_event(StatusEvent(app_id, Stage.RESPONDED, date.today()))
    wb.engine.dispose()
    server = Server(url)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def analytics_page(chromium: Browser, analytics_server: Server) -> Iterator[AppPage]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    app = AppPage(context.new_page(), analytics_server.url)
    app.page.on("request", lambda request: app.requests.append(request.url))
    app.page.on(
        "console", lambda m: app.console_errors.append(m.text) if m.type == "error" else None
    )
    yield app
    context.close()


def test_analytics_charts_render_offline(analytics_page: AppPage) -> None:
    analytics_page.goto()
    page = analytics_page.page
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Analytics").click()
    analytics_page.wait_idle()
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMetricLabel").filter(has_text="Response rate")).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(5)
    for index in range(5):
        # Vega draws into a canvas (or an SVG): a chart that failed to load has neither.
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible()
    expect(charts.first.get_by_text("Source: ERE recruiting survey", exact=False)).to_be_visible()
    expect(page.get_by_text(f"{TYPED} has your highest response rate: 3 of 3")).to_be_visible()
    assert analytics_page.screenshot("analytics").exists()
    assert analytics_page.outside_requests() == []
    assert analytics_page.console_errors == []
