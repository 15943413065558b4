"""A newcomer records an interview in the browser; it survives a reload, a restart and a second tab."""

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage, Server


def test_home_renders_offline(app_page: AppPage) -> None:
    app_page.goto()
    expect(app_page.page.get_by_role("heading", name="Follow-Through")).to_be_visible()
    expect(app_page.page.get_by_text("Résumés received")).to_be_visible()
    app_page.screenshot("home")
    assert app_page.outside_requests() == []
    assert app_page.console_errors == []


def test_interview_survives_reload_restart_and_second_tab(
    app_page: AppPage, server: Server, new_tab
) -> None:
    app_page.goto("interviews")
    form = app_page.page.get_by_test_id("stExpander").filter(has_text="Record an interview")
    # Folded once interviews exist. Asked of the expander, not the field: a widget shows as a
    # placeholder for a moment after the run while its code loads, and reads as hidden then.
    if form.locator("details[open]").count() == 0:
        form.get_by_text("Record an interview", exact=True).click()
    app_page.write("Company", "Globex Browser Co", scope=form)
    app_page.write("Role title", "Platform Engineer", scope=form)
    app_page.write("Name", "Hank Scorpio", scope=form)
    app_page.write("E-mail", "hank@globex.example", scope=form)

    app_page.page.reload()
    app_page.wait_idle()
    form = app_page.page.get_by_test_id("stExpander").filter(has_text="Record an interview")
    expect(form.get_by_label("Company", exact=True)).to_have_value("Globex Browser Co")

    app_page.page.get_by_role("button", name="Save interview").click()
    app_page.wait_idle()
    expect(app_page.page.get_by_text("Saved your interview at Globex Browser Co.")).to_be_visible()
    app_page.screenshot("interviews")

    server.restart()
    app_page.goto()
    # Its card, and once the interview's hour has passed its due steps too: the first will do.
    shown = app_page.page.get_by_text("Globex Browser Co — Platform Engineer", exact=False)
    expect(shown.first).to_be_visible()

    second = new_tab()
    second.goto("interviews")
    expect(second.page.get_by_role("combobox", name="Edit an application")).to_have_value(
        "Globex Browser Co — Platform Engineer"
    )
    assert app_page.outside_requests() == []


def test_a_deep_link_on_a_fresh_server_gets_the_full_frame(chromium, tmp_path) -> None:
    """The first visit after a start may be a bookmarked step page: it still runs through app.py."""
    fresh = Server(f"sqlite:///{tmp_path / 'deep.db'}")
    fresh.start()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        app = AppPage(context.new_page(), fresh.url)
        app.goto("practice")
        sidebar = app.page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Four steps", exact=True)).to_be_visible()
        expect(sidebar.get_by_text("Follow-Through · the days after an interview")).to_be_visible()
        expect(sidebar.get_by_text("step1 notes", exact=True)).to_have_count(0)
    finally:
        context.close()
        fresh.stop()
