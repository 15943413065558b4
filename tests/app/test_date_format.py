"""One date format on screen (issue 11 item 9): every date a page shows — in its text, its tables
and its date inputs — has formats.DATE's shape ('2026/12/01'), never another.

Two sweeps: the source of every page and UI kit file (each date input and date column names
formats.DATE, hosted pages too), and every page run on the sample workbook (what it shows)."""

import ast
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from followthrough import formats
from tests.conftest import ROOT
from tests.dates import OTHER_SHAPES

CALLS = {"date_input", "DateColumn", "DatetimeColumn"}
# What shows text: headings, messages, labels, options, boxes (tables are read cell by cell).
TEXT_KINDS = (
    ("title", "header", "subheader", "markdown", "caption", "text", "code")
    + ("info", "success", "warning", "error", "metric", "expander", "tabs")
    + ("button", "selectbox", "radio", "text_area", "text_input")
)
WITH_DATE_INPUTS = {"interviews", "step2_thank_you", "step3_follow_up", "tracker"}
HOSTED = {"sign_in", "cohorts", "coach", "account"}  # behind hosted sign-in: the source sweep's
PAGES = sorted({path.stem for path in ROOT.glob("app_pages/*.py")} - HOSTED - {"__init__"})


def test_other_shapes_are_found_and_ours_is_not() -> None:
    """The test's own eye: what it flags, and that formats' dates pass it."""
    flagged = [
        "01/12/2026",
        "2026-12-01",
        "1.12.2026",
        "Tue 1 Dec 2026",
        "Dec 1, 2026",
        "1 December",
    ]
    assert all(OTHER_SHAPES.search(text) for text in flagged)
    day, moment = date(2026, 12, 1), datetime(2026, 12, 1, 14, 30)
    ours = [formats.day(day), formats.short_day(day), formats.long_day(day), formats.moment(moment)]
    assert ours == ["2026/12/01", "Tue 2026/12/01", "Tuesday 2026/12/01", "2026/12/01 14:30"]
    assert not any(OTHER_SHAPES.search(text) for text in ours)
    assert not OTHER_SHAPES.search("4–6 of 250 · 3 of 10 interviews · Marketing 2 · round 12")


def _date_calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted([*ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if called and node.func.attr in CALLS:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def test_every_date_input_and_date_column_in_the_source_uses_the_one_format() -> None:
    calls = list(_date_calls())
    assert len(calls) >= 10  # the sweep sees the pages' date inputs
    for where, call in calls:
        given = {k.arg: ast.unparse(k.value) for k in call.keywords}
        if call.func.attr == "DatetimeColumn":  # a date with its time: the date comes first
            assert given.get("format", "").startswith("f'{formats.DATE}"), where
        else:
            assert given.get("format") == "formats.DATE", f"{where} shows another date format"


def _shown(at: AppTest) -> Iterator[str]:
    """Every text the run shows: headings, messages, labels, options, boxes' text, table cells."""
    for kind in TEXT_KINDS:
        for element in at.get(kind):
            for attribute in ("value", "label", "options", "body"):
                value = getattr(element, attribute, None)
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list | tuple):
                    yield from (str(v) for v in value)
    for table in [*at.dataframe, *at.table]:
        frame: pd.DataFrame = table.value
        yield from (str(c) for c in frame.columns)
        for column in frame.columns:
            yield from (v for v in frame[column] if isinstance(v, str))


def _date_columns_without_the_format(at: AppTest) -> list[str]:
    """The shown date columns of the run's tables that lack formats.DATE (a column left out by
    column_order is not seen)."""
    wrong = []
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        frame: pd.DataFrame = table.value
        for column in list(table.proto.column_order) or list(frame.columns):
            values = frame[column].dropna()
            type_config = config.get(str(column), {}).get("type_config", {})
            dated = type_config.get("type") in ("date", "datetime")
            dated = dated or pd.api.types.is_datetime64_any_dtype(frame[column])
            dated = dated or (len(values) > 0 and all(isinstance(v, date) for v in values))
            if dated and not str(type_config.get("format", "")).startswith(formats.DATE):
                wrong.append(f"{table.key or 'a table'}: {column} {type_config}")
    return wrong


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_dates_in_the_one_format(
    open_page: Callable[[str], AppTest], sample_workbook, page: str
) -> None:
    at = open_page(f"app_pages/{page}.py")
    assert not at.exception
    if page in WITH_DATE_INPUTS:  # the sweep sees them
        assert len(at.date_input), page
    inputs = {d.key or d.label: d.proto.format for d in at.date_input}
    assert all(shape == formats.DATE for shape in inputs.values()), inputs
    assert _date_columns_without_the_format(at) == []
    others = sorted({m.group(0) for text in _shown(at) for m in OTHER_SHAPES.finditer(text)})
    assert others == [], f"{page} shows dates as {others}"
    assert not at.exception
