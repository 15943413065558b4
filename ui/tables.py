"""Tables that fit the screen: every column on a laptop, the few that matter on a phone.

Streamlit cannot tell the script how wide the screen is, and a grid's columns do not shrink to fit
it (the cells are drawn on a canvas): a table wider than a phone is cut. So a table is drawn twice,
whole and as its phone cut, and the browser's own media query shows one of the two (no rerun, no
script). The break is Streamlit's own, where st.columns stack.

Each cut, and every table a page draws from a cached screen (`arrow`), is converted to the Arrow
table st.dataframe sends once per rows object, not on every rerun: a cached screen hands the page
the same rows until its data version changes.
"""

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit import dataframe_util

from ui.text import plain

PHONE_MAX_PX = 640
"""The widest screen that gets a table's phone cut (Streamlit stacks st.columns below it)."""
_STYLE = """<style>
@media (max-width: {phone}px) {{ .st-key-{key}_wide {{ display: none; }} }}
@media (min-width: {wide}px) {{ .st-key-{key}_phone {{ display: none; }} }}
</style>"""
Rows = Any  # a service's rows: a list of dicts, or a DataFrame (ui/ leaves pandas to services)
Columns = Mapping[str, Any]  # column name -> an st.column_config column or a label
KEPT = 512  # tables kept converted: eight per person (two cuts of two tables, the page's own)
_converted: OrderedDict[tuple[int, tuple[str, ...], bool], tuple[Rows, Any]] = OrderedDict()
_lock = threading.Lock()


def fitted_dataframe(rows: Rows, key: str, wide: Columns, phone: Columns) -> None:
    """`rows` as a read-only table under `key`: the `wide` columns from PHONE_MAX_PX up (sized to
    their content and stretched to the frame), the `phone` columns below it (give them widths that
    add up to at most ~340 px: a 390 px phone leaves 356 px for the table). Each mapping's order is
    the columns' order; a column in neither is not shown (nor sent to the browser)."""
    st.html(_STYLE.format(key=key, phone=PHONE_MAX_PX, wide=PHONE_MAX_PX + 1))
    for cut, columns in (("wide", wide), ("phone", phone)):
        with st.container(key=f"{key}_{cut}"):
            st.dataframe(
                arrow(rows, tuple(columns)),
                hide_index=True,
                key=f"{key}_{cut}_table",
                column_config=dict(columns),
            )


def text_table(rows: list[dict[str, str]]) -> None:
    """`rows` as a static table: its text wraps, so every cell fits a phone whole. Its cells are
    Markdown, so the text is shown as typed (`plain`)."""
    st.table(arrow(rows, escaped=True), hide_index=True, border="horizontal")


def arrow(rows: Rows, names: tuple[str, ...] = (), escaped: bool = False) -> Any:
    """`rows` (cut to the columns `names`, when given; each cell `plain`, when `escaped`) as the
    Arrow table st.dataframe and st.table send, converted once for each rows object: pass rows a
    cached screen keeps, not a copy made on every rerun. The entry holds `rows` itself, so no other
    object can take its id while it is kept."""
    key = (id(rows), names, escaped)
    with _lock:
        if key in _converted:
            _converted.move_to_end(key)
            return _converted[key][1]
    shown = _only(rows, list(names)) if names else rows
    if escaped:
        shown = [{name: plain(text) for name, text in row.items()} for row in shown]
    cut = dataframe_util.convert_anything_to_pandas_df(shown)
    table = dataframe_util.convert_pandas_df_to_arrow_table(cut)
    with _lock:
        _converted[key] = (rows, table)
        while len(_converted) > KEPT:
            _converted.popitem(last=False)
    return table


def _only(rows: Rows, names: list[str]) -> Rows:
    """The columns a cut shows, in their order and alone."""
    if isinstance(rows, list):
        return [{name: row[name] for name in names} for row in rows]
    return rows[names]  # a DataFrame's columns
