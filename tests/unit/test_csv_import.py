"""CSV import: encodings, delimiters, line numbers, dates, statuses, planted faults, duplicates."""

import gc
import unicodedata
import weakref
from datetime import date

import pyarrow as pa
import pytest

from followthrough.models import DateOrder, Field, Stage
from followthrough.services.workbook import open_workbook
from followthrough.store.applications import ApplicationRepository
from followthrough.transfer.keys import natural_keys, workbook_keys
from followthrough.transfer.mapping import apply_overrides, mapping_problems, suggest_mapping
from followthrough.transfer.plan import (
    ALL_OR_NOTHING_REASON,
    ImportBlocked,
    ImportReport,
    commit_import,
    plan_import,
)
from followthrough.transfer.read import CsvError, read_table

HEADER = "Company,Role,Date applied,Status"
ROWS = [
    "Société Générale,Analyste,2026-03-14,Applied",
    "Zürich Versicherung,Entwickler,2026-03-20,Interview",
]


def _csv(lines: list[str], newline: str = "\n") -> str:
    return newline.join(lines) + newline


def _plan(data: bytes, **kwargs):
    table = read_table(data)
    return plan_import(table, suggest_mapping(table.header), **kwargs)


def _errors(plan) -> list[tuple[int, str, str, str]]:
    return [(p.line, p.column, p.value, p.reason) for p in plan.problems if p.rejected]


@pytest.fixture
def repo(workbook) -> ApplicationRepository:
    return workbook.repo(ApplicationRepository)


# -- encodings and delimiters --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("cp1252", "Windows-1252"),
        ("utf-16", "UTF-16 (little-endian)"),
    ],
)
def test_each_encoding_is_detected_and_names_are_kept_byte_exact(encoding, label) -> None:
    plan = _plan(_csv([HEADER, *ROWS]).encode(encoding))
    assert plan.table.encoding == label
    assert list(plan.accepted["company"]) == ["Société Générale", "Zürich Versicherung"]
    assert plan.rejected == 0


def test_excel_unicode_text_is_utf16_and_tab_separated() -> None:
    text = _csv(
        ["Firma\tStelle\tDatum\tStatus", "Müller & Söhne\tKoch\t2026-01-05\tAbsage"], "\r\n"
    )
    plan = _plan(text.encode("utf-16"))
    assert plan.table.delimiter == "\t"
    assert plan.accepted["company"].tolist() == ["Müller & Söhne"]
    assert plan.accepted["stage"].tolist() == [Stage.REJECTED]


def test_undecodable_bytes_are_refused_not_replaced() -> None:
    with pytest.raises(CsvError, match=r"byte 0x81 on line 2 means nothing"):
        read_table(b"Company\nAcme \x81 Ltd\n")


def test_surrogates_are_not_utf8_whatever_the_validator() -> None:
    data = b"Company,Role,Date applied\nA\xed\xa0\x80,Dev,2026-01-05\n"
    plan = _plan(data)
    assert plan.table.encoding == "Windows-1252"
    assert plan.accepted["company"].tolist() == ["A\u00ed\u00a0\u20ac"]


def test_a_long_file_of_wide_characters_is_sniffed_from_its_start() -> None:
    rows = [
        f"€{i};Dév;2026-01-05" for i in range(30_000)
    ]  # its start, cut for the sniffer, may split a €
    plan = _plan(_csv(["Company;Role;Date applied", *rows]).encode())
    assert (plan.table.delimiter, plan.table.encoding, plan.importable) == (";", "UTF-8", 30_000)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_sniffed(delimiter) -> None:
    lines = [line.replace(",", delimiter) for line in [HEADER, *ROWS]]
    plan = _plan(_csv(lines).encode())
    assert plan.table.delimiter == delimiter
    assert plan.importable == 2


def test_semicolon_file_with_commas_in_values() -> None:
    text = _csv(["Company;Role;Date applied", "Smith, Jones & Co;Analyst, data;2026-02-01"])
    plan = _plan(text.encode())
    assert plan.accepted["company"].tolist() == ["Smith, Jones & Co"]


# -- line numbers ----------------------------------------------------------------------------------


def test_quoted_newlines_keep_physical_line_numbers() -> None:
    text = _csv(
        [
            "Company,Role,Date applied,Notes",
            'Acme,Dev,2026-01-05,"first line',
            'second line"',
            "",
            "Beta,,2026-01-06,empty role",
        ],
        "\r\n",
    )
    plan = _plan(text.encode())
    assert plan.accepted["notes"].tolist() == ["first line\r\nsecond line"]
    assert _errors(plan) == [(5, "Role", "", "role title is empty")]
    assert plan.table.blank_lines == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_each_line_end_gives_the_same_physical_lines(newline) -> None:
    lines = ["Company,Role,Date applied", "A,Dev,2026-01-05", "", ",QA,2026-01-06"]
    lines += ['"B', 'x",Dev,2026-01-07', "C,,2026-01-08"]
    plan = _plan(_csv(lines, newline).encode())
    assert [(line, reason) for line, _c, _v, reason in _errors(plan)] == [
        (4, "company is empty"),
        (7, "role title is empty"),
    ]
    assert plan.accepted["line"].tolist() == [2, 5]


def test_blank_lines_before_the_header_and_at_the_end_keep_physical_lines() -> None:
    lines = ["", "  ", "Company,Role,Date applied", "A,Dev,2026-01-05", ",QA,2026-01-06", "", ""]
    plan = _plan(_csv(lines, "\r\n").encode())
    assert plan.table.header == ["Company", "Role", "Date applied"]
    assert plan.accepted["line"].tolist() == [4]
    assert [(line, reason) for line, _c, _v, reason in _errors(plan)] == [(5, "company is empty")]
    assert plan.table.blank_lines == 4


def test_a_malformed_record_with_a_quoted_newline_counts_all_its_lines() -> None:
    lines = ["Company,Role,Date applied", 'A,"x', 'y",2026-01-05,extra', "B,,2026-01-06"]
    plan = _plan(_csv(lines).encode())
    assert [(line, reason) for line, _c, _v, reason in _errors(plan)] == [
        (2, "4 fields where the header has 3 (nothing padded or cut)"),
        (4, "role title is empty"),
    ]


def test_a_lone_cr_and_a_crlf_inside_quotes_are_each_one_line() -> None:
    text = 'Company,Role,Date applied,Notes\nA,Dev,2026-01-05,"a\rb\r\nc"\nB,,2026-01-06,\n'
    plan = _plan(text.encode())
    assert plan.accepted["notes"].tolist() == ["a\rb\r\nc"]
    assert [line for line, *_rest in _errors(plan)] == [5]


def test_tab_separated_lines_of_spaces_and_tabs_are_blank() -> None:
    lines = [
        "Company\tRole\tDate applied",
        " \t \t ",
        "A\tDev\t2026-01-05",
        "\t\t",
        "B\t\t2026-01-06",
    ]
    plan = _plan(_csv(lines).encode())
    assert plan.table.delimiter == "\t"
    assert plan.accepted["line"].tolist() == [3]
    assert [line for line, *_rest in _errors(plan)] == [5]
    assert plan.table.blank_lines == 2


def test_a_header_longer_than_the_sniffed_sample_is_read_whole() -> None:
    notes = "Notes " + "x" * 70_000
    plan = _plan(_csv([f"Company,Role,Date applied,{notes}", "A,Dev,2026-01-05,hi"]).encode())
    assert plan.table.header[3] == notes
    assert plan.accepted["line"].tolist() == [2]


def test_a_stray_quote_falls_back_to_the_csv_module_with_the_same_lines() -> None:
    text = _csv(
        ["Company,Role,Date applied", 'Acme,5" monitor tester,2026-01-05', "Beta,,2026-01-06"]
    )
    plan = _plan(text.encode())
    assert plan.accepted["role_title"].tolist() == ['5" monitor tester']
    assert _errors(plan) == [(3, "Role", "", "role title is empty")]


@pytest.mark.parametrize(
    "data",
    [
        b"Company,Role,Date applied\n\n",
        b"\nCompany,Role,Date applied\n",
        b"Company,Role,Date applied,Link,Notes,Status,History\n\n",  # every column checked
    ],
)
def test_a_header_with_only_blank_lines_is_an_empty_import(data) -> None:
    plan = _plan(data)
    assert (plan.rows, plan.importable, plan.problems) == (0, 0, [])


def test_too_many_and_too_few_fields_are_reported_not_padded() -> None:
    text = _csv([HEADER, "Acme,Dev,2026-01-05", "Beta,QA,2026-01-06,Applied,extra", ROWS[0]])
    plan = _plan(text.encode())
    assert _errors(plan) == [
        (2, "", "Acme,Dev,2026-01-05", "3 fields where the header has 4 (nothing padded or cut)"),
        (
            3,
            "",
            "Beta,QA,2026-01-06,Applied,extra",
            "5 fields where the header has 4 (nothing padded or cut)",
        ),
    ]
    assert (plan.rows, plan.importable, plan.rejected) == (3, 1, 2)


def test_a_dropped_plan_is_freed_with_its_table() -> None:
    # The page plans on every rerun: nothing may keep an old plan (and its file) alive.
    table = read_table(_csv([HEADER, *ROWS, "Acme,Dev,14/05/2026,Applied"]).encode())
    plan = plan_import(table, suggest_mapping(table.header))
    assert plan.date_order == DateOrder.DMY  # dates and statuses were read
    dropped = [weakref.ref(plan), weakref.ref(table)]
    del plan, table
    gc.collect()
    assert [ref() for ref in dropped] == [None, None]


# -- dates -----------------------------------------------------------------------------------------


def test_day_first_dates_are_settled_by_the_file_itself() -> None:
    plan = _plan(_csv([HEADER, "A,Dev,04/05/2026,", "B,Dev,25/05/2026,"]).encode())
    assert plan.date_order == DateOrder.DMY
    assert plan.date_note == "Dates read as day/month/year: line 3 has 25/05/2026."
    assert plan.accepted["applied_on"].tolist() == [date(2026, 5, 4), date(2026, 5, 25)]


def test_an_impossible_date_is_rejected_not_cited_as_the_order() -> None:
    plan = _plan(_csv([HEADER, "A,Dev,31/02/2026,", "B,Dev,25/05/2026,"]).encode())
    assert plan.date_note == "Dates read as day/month/year: line 3 has 25/05/2026."
    assert _errors(plan) == [(2, "Date applied", "31/02/2026", "not a calendar date")]


def test_month_first_dates_are_settled_by_the_file_itself() -> None:
    plan = _plan(_csv([HEADER, "A,Dev,04/05/2026,", "B,Dev,05/25/2026,"]).encode())
    assert plan.date_order == DateOrder.MDY
    assert plan.accepted["applied_on"].tolist() == [date(2026, 4, 5), date(2026, 5, 25)]


def test_ambiguous_dates_ask_and_are_never_guessed() -> None:
    data = _csv([HEADER, "A,Dev,04/05/2026,", "B,Dev,06/07/2026,"]).encode()
    plan = _plan(data)
    assert plan.date_question.startswith("Every date in this file reads both ways (line 2 has")
    assert plan.accepted.empty
    assert plan.blocked_reason() == plan.date_question
    answered = _plan(data, date_order=DateOrder.MDY)
    assert answered.accepted["applied_on"].tolist() == [date(2026, 4, 5), date(2026, 6, 7)]


def test_contradicting_dates_ask_and_the_odd_ones_out_are_rejected() -> None:
    data = _csv([HEADER, "A,Dev,25/05/2026,", "B,Dev,05/26/2026,"]).encode()
    assert "line 2 has 25/05/2026 (day first)" in _plan(data).date_question
    plan = _plan(data, date_order=DateOrder.DMY)
    assert _errors(plan) == [
        (3, "Date applied", "05/26/2026", "no month 26: the file's dates are day/month/year")
    ]


def test_bad_dates_are_rejected_with_their_reason() -> None:
    text = _csv(
        [HEADER, "A,Dev,,", "B,Dev,31/02/2026,", "C,Dev,4/5/26,", "D,Dev,45234,", "E,Dev,soon,"]
    )
    reasons = {line: reason for line, _c, _v, reason in _errors(_plan(text.encode()))}
    assert reasons[2] == "date is empty"
    assert reasons[3] == "not a calendar date"
    assert reasons[4].startswith("two-digit year")
    assert reasons[5].startswith("a spreadsheet serial number")
    assert reasons[6].startswith("not a date (e.g. 2026-03-14")


def test_a_time_of_day_is_dropped_and_reported_as_a_change() -> None:
    plan = _plan(_csv([HEADER, "A,Dev,2026-01-05 14:30,", "B,Dev,2026-01-06 00:00:00,"]).encode())
    changes = [(p.line, p.value, p.reason) for p in plan.problems if not p.rejected]
    assert changes == [(2, "2026-01-05 14:30", "time of day 14:30 dropped")]
    assert plan.importable == 2


# -- mapping and statuses --------------------------------------------------------------------------


def test_headers_in_several_languages_get_suggestions() -> None:
    header = ["Entreprise", "Puesto", "Fecha", "État", "Quelle", "Remarques", "Lien", "Misc"]
    assert suggest_mapping(header) == [
        Field.COMPANY,
        Field.ROLE_TITLE,
        Field.APPLIED_ON,
        Field.STATUS,
        Field.SOURCE,
        Field.NOTES,
        Field.LISTING_URL,
        None,
    ]


def test_mapping_overrides_and_missing_required_fields() -> None:
    header = ["Org", "Job", "When"]
    mapping = apply_overrides(header, suggest_mapping(header), ["Org=company", "Job=role_title"])
    assert mapping_problems(mapping) == ["Map a column to Date applied: it is required."]
    with pytest.raises(ValueError, match="no column named 'Nope'"):
        apply_overrides(header, mapping, ["Nope=company"])
    with pytest.raises(ValueError, match="unknown field 'firm'"):
        apply_overrides(header, mapping, ["Org=firm"])


def test_unknown_statuses_are_reported_until_mapped() -> None:
    data = _csv([HEADER, "A,Dev,2026-01-05,Ghosted", "B,Dev,2026-01-06,Waiting on HR"]).encode()
    plan = _plan(data)
    assert plan.unknown_statuses == ["Waiting on HR"]
    assert _errors(plan) == [
        (3, "Status", "Waiting on HR", "'Waiting on HR' is not a stage: map it")
    ]
    assert ImportReport.of(plan).as_dict()["statuses"] == {
        "Ghosted": "no_response",
        "Waiting on HR": None,
    }
    mapped = _plan(data, status_map={"Waiting on HR": Stage.RESPONDED})
    assert mapped.accepted["stage"].tolist() == [Stage.NO_RESPONSE, Stage.RESPONDED]
    assert ImportReport.of(mapped).status_note == (
        "Statuses read as: Ghosted → No response, Waiting on HR → Responded."
    )


# -- planted faults, formula cells, URLs ---------------------------------------------------------


def test_planted_faults_are_each_reported_exactly() -> None:
    text = _csv(
        [
            "Company,Role,Date applied,Status,URL",
            "Good,Dev,2026-01-05,Applied,https://good.example/1",
            ",Dev,2026-01-05,Applied,",
            "Bad URL,Dev,2026-01-05,Applied,not a url",
            "Bare,Dev,2026-01-05,Applied,jobs.example/9",
            "X" * 201 + ",Dev,2026-01-05,Applied,",
        ]
    )
    plan = _plan(text.encode())
    assert _errors(plan) == [
        (3, "Company", "", "company is empty"),
        (4, "URL", "not a url", "not a web address"),
        (6, "Company", "X" * 201, "longer than 200 characters"),
    ]
    assert plan.accepted["listing_url"].tolist() == [
        "https://good.example/1",
        "https://jobs.example/9",
    ]
    changes = [(p.line, p.reason) for p in plan.problems if not p.rejected]
    assert changes == [(5, "https:// added")]
    assert plan.rows == plan.importable + plan.rejected == 5


def test_a_web_address_needs_its_scheme_something_after_it_and_no_spaces() -> None:
    rows = ["A,Dev,2026-01-05,https://", "B,Dev,2026-01-05,http://x y", "C,Dev,2026-01-05,http://x"]
    rows += ["D,Dev,2026-01-05,https://é.example/\tq", "E,Dev,2026-01-05,  https://é.example/q "]
    plan = _plan(_csv(["Company,Role,Date applied,URL", *rows]).encode())
    assert [(line, value) for line, _c, value, _r in _errors(plan)] == [
        (2, "https://"),
        (3, "http://x y"),
        (5, "https://é.example/\tq"),
    ]
    assert plan.accepted["listing_url"].tolist() == ["http://x", "https://é.example/q"]


def test_formula_cells_are_imported_as_plain_text() -> None:
    text = _csv(
        [HEADER, '"=HYPERLINK(""http://evil.example"")",Dev,2026-01-05,', "'=1+2,Dev,2026-01-06,"]
    )
    plan = _plan(text.encode())
    assert plan.accepted["company"].tolist() == ['=HYPERLINK("http://evil.example")', "=1+2"]
    changes = [(p.line, p.reason) for p in plan.problems if not p.rejected]
    assert changes == [(3, "leading ' (a spreadsheet formula guard) removed")]


def test_status_before_the_application_is_rejected() -> None:
    text = _csv(
        ["Company,Role,Date applied,Status,Status date", "A,Dev,2026-02-01,Offer,2026-01-01"]
    )
    assert _errors(_plan(text.encode())) == [
        (2, "Status date", "2026-01-01", "before the date applied")
    ]


def test_blank_lines_are_skipped_and_counted() -> None:
    plan = _plan(_csv([HEADER, "", ROWS[0], "   ", "", ROWS[1], ""]).encode())
    assert (plan.rows, plan.importable, plan.table.blank_lines) == (2, 2, 4)
    assert plan.accepted["line"].tolist() == [3, 6]


# -- commit and duplicates -------------------------------------------------------------------------


def test_commit_writes_history_and_reimport_creates_no_duplicates(repo) -> None:
    data = _csv(
        [
            "Company,Role,Date applied,Status,Status date",
            "Acme,Dev,2026-01-05,Interview,2026-01-20",
            "ACME , dev,2026-01-05,Applied,",
            "Beta,QA,2026-01-06,Saved,",
        ]
    ).encode()
    plan = _plan(data, existing_keys=workbook_keys(*repo.key_parts()))
    assert _errors(plan) == [
        (3, "Company", "ACME ", "same company, role and date applied as line 2")
    ]
    report = commit_import(plan, repo)
    assert (report.rows, report.imported, report.rejected) == (3, 2, 1)
    acme = next(a for a in repo.all() if a.company == "Acme")
    assert [(e.stage, e.occurred_on) for e in repo.events(acme.id)] == [
        (Stage.APPLIED, date(2026, 1, 5)),
        (Stage.INTERVIEW, date(2026, 1, 20)),
    ]
    again = _plan(data, existing_keys=workbook_keys(*repo.key_parts()))
    assert again.importable == 0
    assert commit_import(again, repo).imported == 0
    assert len(repo.all()) == 2


def test_all_or_nothing_imports_nothing_when_a_row_is_rejected(repo) -> None:
    plan = _plan(_csv([HEADER, ROWS[0], ",Dev,2026-01-05,"]).encode())
    report = commit_import(plan, repo, all_or_nothing=True)
    assert (report.imported, report.rejected) == (0, 2)
    assert (2, "", "", ALL_OR_NOTHING_REASON) in [
        (p.line, p.column, p.value, p.reason) for p in report.problems
    ]
    assert repo.all() == []


def test_a_plan_waiting_for_a_date_order_cannot_be_committed(repo) -> None:
    plan = _plan(_csv([HEADER, "A,Dev,04/05/2026,"]).encode())
    with pytest.raises(ImportBlocked, match="reads both ways"):
        commit_import(plan, repo)


def test_report_as_json_counts_every_row() -> None:
    plan = _plan(_csv([HEADER, ROWS[0], "X,,2026-01-01,"]).encode())
    data = ImportReport.of(plan).as_dict()
    assert data["rows"] == data["imported"] + data["rejected"] == 2
    assert data["errors"] == [
        {"line": 3, "column": "Role", "value": "", "reason": "role title is empty"}
    ]
    assert ImportReport.of(plan).status_note == ""  # "Applied" is the stage's own name


def test_import_and_reimport_on_each_database(store_url) -> None:
    wb = open_workbook(store_url)
    repo = wb.repo(ApplicationRepository)
    data = _csv([HEADER, *ROWS]).encode()
    assert (
        commit_import(_plan(data, existing_keys=workbook_keys(*repo.key_parts())), repo).imported
        == 2
    )
    assert [e.stage for e in repo.histories()[repo.all()[0].id]] == [
        Stage.APPLIED,
        Stage.INTERVIEW,
    ]
    again = _plan(data, existing_keys=workbook_keys(*repo.key_parts()))
    # Already in the workbook: not rejections (issue 11: a re-upload read "Rejected 2").
    assert (again.importable, again.rejected, again.in_workbook) == (0, 0, 2)


def test_an_edited_imported_row_still_blocks_its_original_from_coming_back(repo) -> None:
    data = _csv([HEADER, ROWS[0]]).encode()
    commit_import(_plan(data, existing_keys=workbook_keys(*repo.key_parts())), repo)
    [app] = repo.all()
    app.company = "SocGen"
    repo.update(app)
    again = _plan(data, existing_keys=workbook_keys(*repo.key_parts()))
    assert _errors(again)[0][3].startswith("already in your workbook")
    assert commit_import(again, repo).imported == 0


def test_rows_added_since_the_preview_roll_the_whole_import_back(repo) -> None:
    data = _csv([HEADER, *ROWS]).encode()
    stale = _plan(data, existing_keys=workbook_keys(*repo.key_parts()))
    commit_import(_plan(_csv([HEADER, ROWS[1]]).encode()), repo)  # meanwhile, another import
    with pytest.raises(ImportBlocked, match="added to the workbook since the preview"):
        commit_import(stale, repo)
    assert [a.company for a in repo.all()] == ["Zürich Versicherung"]


# -- natural key: the byte-level fast path -----------------------------------------------------------


def test_names_of_ascii_and_latin1_letters_are_nfkc_already() -> None:
    """The natural key skips NFKC for text of U+0000-U+009F and U+00C0-U+00FF: that must be safe."""
    plain = [chr(c) for c in [*range(0xA0), *range(0xC0, 0x100)]]
    assert all(unicodedata.is_normalized("NFKC", a + b) for a in plain for b in plain)


def test_natural_keys_fold_compatibility_forms_and_spaces_on_any_row() -> None:
    names = [
        "Société Générale",
        "  ACME  Corp ",
        "Ｆｕｌｌｗｉｄｔｈ",
        "Caf\u0065\u0301",
        "No\u00a0break",
        "Tab\tbed",
        "",
        "ﬁnance",
        "Zürich",
    ]
    companies = pa.array(["skipped", *names], pa.large_string()).slice(1)  # a non-zero offset
    keys = natural_keys(companies, ["Dev"] * len(names), ["2026-01-05"] * len(names))
    expected = [
        " ".join(unicodedata.normalize("NFKC", name).lower().split()) + "\x1fdev\x1f2026-01-05"
        for name in names
    ]
    assert keys.to_pylist() == expected


def test_a_whitespace_only_company_is_empty() -> None:
    plan = _plan(_csv([HEADER, " \t,Dev,2026-01-05,", ROWS[0]]).encode())
    assert _errors(plan) == [(2, "Company", " \t", "company is empty")]


# -- bounded work and characters a database refuses ----------------------------------------------


def test_a_file_wider_than_200_columns_is_refused_before_its_body_is_read(monkeypatch) -> None:
    from followthrough.transfer import read

    def body(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(read, "_arrow_table", body)
    monkeypatch.setattr(read, "_slow_records", body)
    for columns in (201, 1_000_000):
        wide = ",".join(f"c{i}" for i in range(columns)) + "\n" + "x," * (columns - 1) + "x\n"
        with pytest.raises(CsvError, match="more than 200 columns"):
            read_table(wide.encode())


def test_a_file_of_200_columns_is_read() -> None:
    header = ",".join(["Company", "Role", "Date applied", *(f"extra {i}" for i in range(197))])
    row = ",".join(["Acme", "Dev", "2026-01-05", *("" for _ in range(197))])
    assert _plan(_csv([header, row]).encode()).importable == 1


def test_a_nul_or_other_control_character_is_removed_and_reported(store_url) -> None:
    """PostgreSQL refuses NUL: the value is cleaned as typed text is, and the change reported."""
    text = _csv([HEADER, "Ac\x00me,Dev\x1b,2026-01-05,", '"Be\x0bta",QA,2026-01-06,'])
    plan = _plan(text.encode())
    changes = [(p.line, p.column, p.value, p.reason) for p in plan.problems if not p.rejected]
    removed = "control characters removed (a vertical tab or form feed becomes a line break)"
    assert changes == [
        (2, "Company", "Ac\x00me", removed),
        (2, "Role", "Dev\x1b", removed),
        (3, "Company", "Be\x0bta", removed),
    ]
    wb = open_workbook(store_url)
    assert commit_import(plan, wb.repo(ApplicationRepository)).imported == 2
    stored = sorted((a.company, a.role_title) for a in wb.repo(ApplicationRepository).all())
    assert stored == [("Acme", "Dev"), ("Be\nta", "QA")]
