"""Import & export: a CSV import with a preview and report; CSV export; JSON backup and restore.

Import steps: upload -> map columns -> date order (when the file can't tell) -> statuses (when some
are unknown) -> preview with the report -> confirm. Nothing is written before the confirm button,
and the import is one transaction. The command line runs the same functions.
"""

import hashlib
import itertools

import streamlit as st

from followthrough.models import Stage
from followthrough.store import backup
from followthrough.transfer.dates import DateOrder
from followthrough.transfer.export import export_applications, to_csv
from followthrough.transfer.keys import workbook_keys
from followthrough.transfer.mapping import Field, Mapping, mapping_problems, suggest_mapping
from followthrough.transfer.plan import (
    ImportBlocked,
    ImportPlan,
    ImportReport,
    commit_import,
    plan_import,
)
from followthrough.transfer.read import CsvError, CsvTable, read_table
from ui import navigation, resources
from ui.autosave import keep
from ui.text import plain

REPORT_HEADER = ["line", "column", "value", "outcome", "reason"]
STATUS = "import_status_"  # + the raw status text: one mapping widget per unknown status
PREVIEW_ROWS = 20
PREVIEW_LABELS = {
    "line": "Line",
    "company": Field.COMPANY.label,
    "role_title": Field.ROLE_TITLE.label,
    "applied_on": Field.APPLIED_ON.label,
    "stage": "Stage",
    "status_on": Field.STATUS_ON.label,
    "source": Field.SOURCE.label,
    "listing_url": Field.LISTING_URL.label,
    "notes": Field.NOTES.label,
}
state = st.session_state
repo = resources.applications()
wb = resources.workbook()


_sections = itertools.count(1)  # the page runs afresh each rerun: numbers count what is shown


def _numbered(title: str) -> str:
    return f"{next(_sections)}. {title}"


@st.cache_data(max_entries=4, show_spinner="Reading the file…")
def _read(data: bytes) -> CsvTable:
    return read_table(data)


def _reset_choices() -> None:
    """A new file: forget the previous file's mapping, date order and status choices."""
    for key in [k for k in state if str(k).startswith(("import_map_", STATUS))]:
        del state[key]
    state.pop("import_date_order", None)


def _mapping(table: CsvTable) -> Mapping:
    st.subheader(_numbered("What each column holds"))
    suggested = suggest_mapping(table.header)
    options = [None, *Field]
    mapping: Mapping = []
    for i, name in enumerate(table.header):
        key = f"import_map_{i}"
        keep(key, suggested[i])
        example = table.cells[i].iat[0] if len(table.cells) else ""
        mapping.append(
            st.selectbox(
                f"“{name}” (e.g. {example!r})" if example else f"“{name}”",
                options,
                key=key,
                format_func=lambda f: "Ignore this column" if f is None else f.label,
            )
        )
    return mapping


def _date_order(plan: ImportPlan) -> None:
    if plan.date_question or state.get("import_date_order"):
        st.subheader(_numbered("Date order"))
        if plan.date_question:
            st.warning(plan.date_question)
        st.radio(
            "This file's dates are",
            list(DateOrder),
            format_func=lambda o: o.label,
            index=None,
            key="import_date_order",
            horizontal=True,
        )


def _statuses(plan: ImportPlan) -> None:
    if not plan.unrecognised:
        return
    st.subheader(_numbered("Statuses"))
    st.caption("These statuses are not stages of the workbook: pick a stage, or leave rows out.")
    for raw in plan.unrecognised:
        st.selectbox(
            f"“{raw}”",
            [None, *(s.value for s in Stage)],
            key=STATUS + raw,
            format_func=lambda s: "Reject these rows" if s is None else Stage(s).label,
        )


def _status_map() -> dict[str, Stage]:
    return {
        str(key).removeprefix(STATUS): Stage(value)
        for key, value in state.items()
        if str(key).startswith(STATUS) and value
    }


def _preview(plan: ImportPlan) -> None:
    st.subheader(_numbered("Preview"))
    report = ImportReport.of(plan)
    cols = st.columns(4)
    cols[0].metric("Data rows", report.rows)
    cols[1].metric("Ready to import", report.imported)
    cols[2].metric("Rejected", report.rejected)
    cols[3].metric("Imported with a change", len({p.line for p in plan.problems if not p.rejected}))
    st.caption(
        f"{report.encoding}, {report.delimiter}-separated, {report.blank_lines} blank lines "
        f"skipped. {report.date_note} {report.status_note}"
    )
    if report.problems:
        st.dataframe(report.table_rows(), hide_index=True, key="import_report_table")
        st.download_button(
            "Download the report (CSV)",
            to_csv(REPORT_HEADER, [r.values() for r in report.table_rows()]),
            file_name="import-report.csv",
            mime="text/csv",
            key="import_report_download",
        )
    if plan.importable:
        st.markdown("**First rows to import**")
        st.dataframe(
            plan.preview(PREVIEW_ROWS),
            hide_index=True,
            key="import_preview_table",
            column_config=PREVIEW_LABELS,
        )


def _confirm(plan: ImportPlan) -> None:
    policy = st.radio(
        "When rows are rejected",
        ["keep", "nothing"],
        format_func={
            "keep": "Import the good rows and skip the rejected ones",
            "nothing": "Import nothing until every row is fixed",
        }.get,
        key="import_policy",
        disabled=not plan.rejected,
    )
    all_or_nothing = policy == "nothing" and plan.rejected > 0
    count = 0 if all_or_nothing else plan.importable
    label = f"Import {count} row{'' if count == 1 else 's'}"
    if st.button(label, key="import_confirm", type="primary", disabled=not count):
        bar = st.progress(0.0, text="Importing…")
        try:
            result = commit_import(
                plan,
                repo,
                all_or_nothing=all_or_nothing,
                progress=lambda done: bar.progress(done, text=f"Importing… {done:.0%}"),
            )
        except ImportBlocked as exc:
            st.error(plain(f"Nothing was imported: {exc}."))
            return
        state["import_result"] = result.as_dict() | {"table": result.table_rows()}
        state["import_round"] = state.get("import_round", 0) + 1  # a fresh uploader
        st.rerun()


def _result() -> None:
    result = state.get("import_result")
    if not result:
        return
    st.success(
        f"Imported {result['imported']} of {result['rows']} rows; {result['rejected']} rejected."
    )
    st.page_link(navigation.TRACKER, label="See them in the Tracker", icon="🗂️")
    if result["table"]:
        st.download_button(
            "Download the import report (CSV)",
            to_csv(REPORT_HEADER, [r.values() for r in result["table"]]),
            file_name="import-report.csv",
            mime="text/csv",
            key="import_result_download",
        )


def _import_section() -> None:
    st.header("Import applications from a CSV file")
    _result()
    upload = st.file_uploader(
        "A CSV or tab-separated file (UTF-8, UTF-16 or Windows-1252)",
        type=["csv", "tsv", "txt"],
        key=f"import_file_{state.get('import_round', 0)}",
    )
    if upload is None:
        return
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    if state.get("import_digest") != digest:
        _reset_choices()
        state["import_digest"] = digest
        state.pop("import_result", None)
    try:
        table = _read(data)
    except CsvError as exc:
        st.error(plain(f"This file can't be imported: {exc}."))
        return
    mapping = _mapping(table)
    if problems := mapping_problems(mapping):
        for problem in problems:
            st.warning(problem)
        return
    order = state.get("import_date_order")
    plan = plan_import(
        table,
        mapping,
        date_order=DateOrder(order) if order else None,
        status_map=_status_map(),
        existing_keys=workbook_keys(*repo.key_parts()),
    )
    _date_order(plan)
    if plan.date_question:
        return
    _statuses(plan)
    _preview(plan)
    _confirm(plan)


def _export_csv() -> bytes:
    apps = repo.all(include_archived=True)
    return export_applications(apps, repo.histories(include_archived=True))


def _backup_json() -> str:
    return backup.to_json(backup.backup(wb.engine, wb.owner.id))


def _restore(data: dict) -> None:
    counts = backup.restore(wb.engine, wb.owner.id, data)
    state["import_flash"] = f"Restored {sum(counts.values())} rows from the backup."
    state["import_restore_round"] = state.get("import_restore_round", 0) + 1


def _restore_section() -> None:
    st.header("Restore a backup")
    upload = st.file_uploader(
        "A Follow-Through JSON backup",
        type=["json"],
        key=f"import_restore_file_{state.get('import_restore_round', 0)}",
    )
    if upload is None:
        return
    try:
        data = backup.parse(upload.getvalue())
    except backup.BackupError as exc:
        st.error(plain(f"This backup can't be restored: {exc}."))
        return
    rows = sum(len(rows) for rows in data["tables"].values())
    if not backup.is_empty(wb.engine, wb.owner.id):
        st.warning("Restoring replaces everything now in your workbook with the backup.")
    st.button(
        f"Replace my workbook with this backup ({rows} rows)",
        key="import_restore_confirm",
        on_click=_restore,
        args=(data,),
    )


st.title("Import & export")
if flash := state.pop("import_flash", None):
    st.success(plain(flash))
_import_section()

st.header("Export")
st.caption("Cells that a spreadsheet would run as a formula get a leading ' when exported.")
left, right = st.columns(2)
left.download_button(
    "Download applications (CSV)",
    _export_csv,  # built only when clicked
    file_name="follow-through-applications.csv",
    mime="text/csv",
    key="import_export_csv",
)
right.download_button(
    "Download a full backup (JSON)",
    _backup_json,
    file_name="follow-through-backup.json",
    mime="application/json",
    key="import_backup_json",
)
_restore_section()
