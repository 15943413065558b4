"""Tables that fit the screen (issue 11 item 9): the Tracker and Interviews tables give a laptop
every column and a phone a narrow cut (tests/e2e/test_phone.py measures them at 390x844)."""

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from ui.tables import PHONE_MAX_PX


def _cuts(at: AppTest, key: str, first: str) -> tuple[list[str], list[str]]:
    """The columns of the table's laptop and phone cuts (AppTest gives a table no key: the first
    with the column `first`, then the next), and that CSS shows one at a time."""
    tables = [list(table.value.columns) for table in at.dataframe]
    found = next(i for i, columns in enumerate(tables) if first in columns)
    styles = "".join(html.proto.body for html in at.get("html"))
    assert f"@media (max-width: {PHONE_MAX_PX}px) {{ .st-key-{key}_wide" in styles
    assert f"@media (min-width: {PHONE_MAX_PX + 1}px) {{ .st-key-{key}_phone" in styles
    return tables[found], tables[found + 1]


def test_the_tracker_lists_every_column_on_a_laptop_and_four_on_a_phone(
    open_page: Callable[[str], AppTest], sample_workbook
) -> None:
    at = open_page("app_pages/tracker.py")
    wide, phone = _cuts(at, "pipeline_table", "company")
    assert wide == ["company", "role_title", "stage", "since", "applied_on", "source", "flag"]
    assert phone == ["company", "role_title", "stage", "flag"]
    at.toggle(key="pipeline_show_archived").set_value(True).run()
    wide, phone = _cuts(at, "pipeline_table", "company")
    assert wide[-1] == phone[-1] == "archived"
    assert not at.exception


def test_interviews_list_every_column_on_a_laptop_and_when_on_a_phone(
    open_page: Callable[[str], AppTest], sample_workbook
) -> None:
    at = open_page("app_pages/interviews.py")
    wide, phone = _cuts(at, "interviews_table", "Company")
    assert wide == [
        "Company",
        "Role",
        "Round",
        "Format",
        "When",
        "Interviewers",
        "Decision expected",
    ]
    assert phone == ["Company", "Round", "When"]
    assert not at.exception
