import re
from datetime import date, timedelta

from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from followthrough import formats
from followthrough.analytics import synthetic
from followthrough.cli import main
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Application, Stage, StatusEvent
from followthrough.services.workbook import Workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.store.frames import FrameRepository
from followthrough.store.people import PeopleRepository
from tests.app.conftest import shown
from ui import screens
from ui.text import plain

# `followthrough funnel`'s lines: a stage with its count and conversion, a rate with its comparison.
CLI_STAGE = re.compile(
    r"^(?P<label>[^:\s][^:]*?) +(?P<reached>[\d,]+)(?:  (?P<conversion>\S+) of the stage before)?$"
)
CLI_RATE = re.compile(r"^(?P<name>[^:]+): +(?P<value>\S+)  (?P<comparison>.+)$")


def _captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_empty_workbook_says_what_to_do(open_page) -> None:
    at = open_page("app_pages/analytics.py")
    assert "No applications yet" in shown(at.info)
    assert "Tracker page" in shown(at.info)
    assert not at.metric
    assert not at.exception


def test_sample_workbook_shows_rates_with_definitions(open_page, sample_workbook) -> None:
    at = open_page("app_pages/analytics.py")
    metrics = {m.label: m.value for m in at.metric}
    # 5 of the 8 sample applications heard back; 3 reached an interview (Kite's is next week).
    assert metrics == {"Response rate": "62%", "Interview rate": "38%", "Offer rate": "0%"}
    captions = _captions(at)
    assert "applications with any employer reply (including a rejection) ÷ applications" in captions
    assert "5 of 8 · 95% interval" in captions
    assert "too few to compare with the benchmark" in captions
    assert "ERE recruiting survey" in captions
    assert "8 applications so far" in " ".join(i.value for i in at.info)
    funnel = at.dataframe[0].value
    assert funnel["reached"].tolist() == [8, 5, 3, 3, 0, 0, 0]
    # a dash where there is no stage before, or no one reached it
    assert funnel["conversion"].tolist() == ["—", "62%", "60%", "100%", "0%", "—", "—"]
    assert not at.exception


def test_new_history_shows_on_the_next_rerun(open_page, workbook: Workbook) -> None:
    apps, events = synthetic.generate(300, seed=3)
    workbook.repo(FrameRepository).insert(apps, events)
    at = open_page("app_pages/analytics.py")
    applied = at.dataframe[0].value["reached"].iloc[0]
    assert f"of {applied:,} · 95% interval" in shown(at.caption)
    more_apps, more_events = synthetic.generate(50, seed=4)
    workbook.repo(FrameRepository).insert(more_apps, more_events)
    at.run()
    # The cached report is keyed on the data version, so the new applications count at once.
    assert at.dataframe[0].value["reached"].iloc[0] > applied
    assert not at.exception


def test_user_typed_sources_show_as_typed_not_as_markdown(open_page, workbook: Workbook) -> None:
    repo = workbook.repo(ApplicationRepository)
    applied = date.today() - timedelta(days=10)
    app_id = repo.add(
        Application("Acme", "Designer", source="*Big* [board](x)", applied_on=applied)
    )
    repo.add_event(StatusEvent(app_id, Stage.RESPONDED, date.today()))
    at = open_page("app_pages/analytics.py")
    # Every markdown character is escaped, so the browser shows the name exactly as typed.
    assert r"\*Big\* \[board\](x) has your highest response rate" in _captions(at)
    assert not at.exception


def test_the_page_and_the_funnel_command_print_the_same_figures(
    open_page, sample_workbook, db_url, capsys
) -> None:
    at = open_page("app_pages/analytics.py")
    assert main(["funnel", "--url", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    stages = [m.groupdict() for line in lines if (m := CLI_STAGE.match(line))]
    rates = [m.groupdict() for line in lines if (m := CLI_RATE.match(line))]
    definitions = [line.strip() for line in lines if line.strip().startswith("= ")]

    table = at.dataframe[0].value
    # The command leaves out the dash the page shows where there is no stage before.
    assert [
        (s["label"], int(s["reached"].replace(",", "")), s["conversion"] or formats.DASH)
        for s in stages
    ] == list(zip(table["label"], table["reached"], table["conversion"], strict=True))
    assert {r["name"]: r["value"] for r in rates} == {m.label: m.value for m in at.metric}
    captions = [c.value for c in at.caption]
    # The page shows the command's sentences, escaped only for Markdown.
    assert all(plain(r["comparison"]) in captions for r in rates)
    assert all(definition in captions for definition in definitions)
    assert len(rates) == len(definitions) == 3
    assert not at.exception


def test_the_cached_view_is_never_served_to_another_owner(sample_workbook: Workbook) -> None:
    other = sample_workbook.as_person(PeopleRepository(sample_workbook.engine).get_or_create("b"))
    pack = load_content(DEFAULT_CONTENT_DIR)
    assert screens.analytics_view(sample_workbook, pack, date.today()).applications == 8
    # Same database, same day, same content: only the owner differs.
    assert screens.analytics_view(other, pack, date.today()).applications == 0


def _three_applications(workbook: Workbook) -> None:
    """The issue's small workbook: 3 applications in the last two weeks, one reply."""
    repo = workbook.repo(ApplicationRepository)
    today = date.today()
    for days, company in ((9, "Acme"), (6, "Bolt"), (2, "Cedar")):
        app_id = repo.add(Application(company, "Designer", applied_on=today - timedelta(days)))
        if company == "Acme":
            repo.add_event(StatusEvent(app_id, Stage.RESPONDED, today - timedelta(days=4)))


def test_three_applications_show_the_listing_as_it_is_and_no_projection(
    open_page, workbook: Workbook
) -> None:
    _three_applications(workbook)
    at = open_page("app_pages/analytics.py")
    table = at.dataframe[0].value
    listing = dict(zip(table["label"], table["benchmark"], strict=True))
    # One listing's own figures beside yours (it used to be scaled: 0.06 interviews, 0.01 offers).
    assert (listing["Applied"], listing["Interview"], listing["Offer"]) == ("250", "4–6", "1")
    captions = _captions(at)
    assert plain("One corporate listing: 250 résumés → 4–6 interviewed → 1 offer") in captions
    assert "would bring about" not in captions
    projection = shown(at.markdown)
    assert "No projection yet: 3 applications over" in projection
    assert "year" not in projection and "year" not in captions  # was "22.2 years at your pace"
    # Four charts: the projection's waits until the figures can carry it.
    assert len(at.get("vega_lite_chart")) == 4
    assert not at.exception


def test_the_page_and_the_funnel_command_say_the_same_benchmark_and_projection(
    open_page, sample_workbook, db_url, capsys
) -> None:
    at = open_page("app_pages/analytics.py")
    assert main(["funnel", "--url", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    benchmark = next(line for line in lines if line.startswith("One corporate listing:"))
    assert plain(benchmark) in [c.value for c in at.caption]
    projection = [m.value for m in at.markdown if "projection" in m.value.lower()]
    assert projection and all(line in lines for line in projection)
    assert not at.exception


def test_replies_to_undated_applications_are_not_counted_as_0_days(
    open_page, workbook: Workbook
) -> None:
    repo = workbook.repo(ApplicationRepository)
    today = date.today()
    dated = repo.add(Application("Acme", "Designer", applied_on=today - timedelta(days=12)))
    repo.add_event(StatusEvent(dated, Stage.RESPONDED, today - timedelta(days=2)))
    undated = repo.add(Application("Bolt", "Designer"), first_stage=None)
    repo.add_event(StatusEvent(undated, Stage.INTERVIEW, today))
    at = open_page("app_pages/analytics.py")
    captions = _captions(at)
    assert plain("Half of the 1 employer who replied did so within 10 days") in captions
    assert plain("Not counted: 1 reply to an application without a date applied.") in captions
    assert plain("1 application has no date applied, so it is in no week.") in captions
    assert not re.search(r"\b0 days", captions)
    assert at.dataframe[0].value["reached"].iloc[0] == 2  # both counted as applications
    assert not at.exception


def test_a_rerun_resends_the_charts_data_without_converting_it_again(
    open_page, workbook: Workbook, monkeypatch
) -> None:
    apps, events = synthetic.generate(300, seed=3)
    workbook.repo(FrameRepository).insert(apps, events)
    at = open_page("app_pages/analytics.py")
    conversions: list[object] = []
    convert = dataframe_util.convert_anything_to_arrow_bytes
    monkeypatch.setattr(
        dataframe_util,
        "convert_anything_to_arrow_bytes",
        lambda data, *args, **kwargs: conversions.append(data) or convert(data, *args, **kwargs),
    )
    at.run()
    charts = [c.proto for c in at.get("vega_lite_chart")]
    assert len(charts) == 5
    # Every chart still carries its rows, as Arrow bytes the browser reads...
    for chart in charts:
        assert chart.datasets and all(d.data.data for d in chart.datasets)
    # ...kept from the run that built the view: a rerun converts none of it again.
    assert not conversions and not at.exception
