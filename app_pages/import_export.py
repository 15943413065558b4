"""Import & export: a CSV import with a preview and report; CSV export; JSON backup and restore.

Import steps: upload -> map columns -> date order (when the file can't tell) -> statuses (when some
are unknown) -> preview with the report -> confirm. Nothing is written before the confirm button,
and the import is one transaction. The command line calls the same service functions.
"""

import hashlib
import itertools

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from followthrough import formats
from followthrough.models import DateOrder, Field, Stage
from followthrough.services import transfer
from ui import navigation, resources
from ui.autosave import keep
from ui.memo import remembered
from ui.text import plain

MAP = "import_map_"  # + the column's position: one widget per column of the file
MEMOS = ("import_memo_upload", "import_memo_preview")  # the file read, and its plans
STATUS = "import_status_"  # + the raw status text: one widget per unknown status
state = st.session_state
wb = resources.workbook()
_sections = itertools.count(1)  # the page runs afresh each rerun: numbers count what is shown


def _numbered(title: str) -> str:
    return f"{next(_sections)}. {title}"


def _digest(upload: UploadedFile) -> str:
    """The file's bytes hash, made once per upload (hashing 50 MB costs on every rerun too)."""
    return remembered(
        "import_memo_digest", upload.file_id, lambda: hashlib.sha256(upload.getvalue()).hexdigest()
    )


def _read(digest: str, upload: UploadedFile) -> transfer.Upload:
    """The file read once, then kept between reruns (the object itself: no copy per rerun)."""

    def read() -> transfer.Upload:
        with st.spinner("Reading the file…"):
            return transfer.read_upload(upload.getvalue(), resources.content().imports)

    return remembered(MEMOS[0], digest, read)


def _previewed(
    digest: str, file: transfer.Upload, choices: transfer.Choices
) -> transfer.ImportPreview:
    """The plan for these choices, kept between reruns while the file, the choices and the
    workbook's applications stay the same: a click elsewhere on a large preview makes no new plan."""
    key = (digest, choices.key, transfer.version(wb))

    def plan() -> transfer.ImportPreview:
        with st.spinner("Checking every row…"):
            return transfer.preview(wb, file, choices)

    return remembered(MEMOS[1], key, plan, keep=2)  # and the one before: a choice undone is free


def _new_file(digest: str) -> None:
    """A different file: forget the previous file's mapping, date order and statuses."""
    if state.get("import_digest") == digest:
        return
    for key in [k for k in state if str(k).startswith((MAP, STATUS))]:
        del state[key]
    state.pop("import_date_order", None)
    state["import_digest"] = digest


def _mapping(upload: transfer.Upload) -> list[Field | None]:
    st.subheader(_numbered("What each column holds"))
    mapping = []
    for i, column in enumerate(upload.columns):
        keep(MAP + str(i), column.suggested)
        mapping.append(
            st.selectbox(
                plain(column.label),
                [None, *Field],
                key=MAP + str(i),
                format_func=lambda f: upload.not_imported if f is None else f.label,
            )
        )
    return mapping


def _choices(mapping: list[Field | None]) -> transfer.Choices:
    order = state.get("import_date_order")
    statuses = {
        str(key).removeprefix(STATUS): Stage(value)
        for key, value in state.items()
        if str(key).startswith(STATUS) and value
    }
    return transfer.Choices(mapping, DateOrder(order) if order else None, statuses)


def _date_order(preview: transfer.ImportPreview) -> None:
    if not preview.asks_date_order:
        return
    st.subheader(_numbered("Date order"))
    if preview.date_question:
        st.warning(plain(preview.date_question))
    st.radio(
        "This file's dates are",
        list(DateOrder),
        format_func=lambda o: o.label,
        index=None,
        key="import_date_order",
        horizontal=True,
    )


def _statuses(preview: transfer.ImportPreview) -> None:
    if not preview.unrecognised:
        return
    st.subheader(_numbered("Statuses"))
    st.caption("These statuses are not stages of the workbook: pick a stage, or leave rows out.")
    for raw in preview.unrecognised:
        st.selectbox(
            plain(f"“{raw}”"),
            [None, *Stage],
            key=STATUS + raw,
            format_func=lambda s: "Reject these rows" if s is None else s.label,
        )


def _report_download(summary: transfer.ImportSummary, label: str, key: str) -> None:
    st.download_button(
        label,
        summary.table_csv,  # built only when clicked
        file_name="import-report.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",  # a rerun would drop the file being fetched (see the export below)
    )


def _preview(preview: transfer.ImportPreview) -> None:
    st.subheader(_numbered("Preview"))
    summary = preview.summary
    cols = st.columns(5 if summary.in_workbook else 4)
    cols[0].metric("Data rows", summary.rows)
    cols[1].metric("Ready to import", summary.imported)
    if summary.in_workbook:  # not rejections: the same rows imported before
        cols[-3].metric(summary.words.in_workbook_metric, summary.in_workbook)
    cols[-2].metric("Rejected", summary.rejected)
    cols[-1].metric("Imported with a change", summary.changed)
    st.caption(plain(summary.caption))
    if summary.has_problems:
        st.dataframe(summary.table(), hide_index=True, key="import_report_table")
        _report_download(summary, "Download the report (CSV)", "import_report_download")
    if rows := preview.first_rows():
        st.markdown("**First rows to import**")
        # Dates as every screen shows them ('Tue 3 Nov 2026'), not the grid's own ISO form.
        dates = {
            name: st.column_config.DateColumn(transfer.PREVIEW_LABELS[name], format=formats.DATE)
            for name in ("applied_on", "status_on")
        }
        labels = transfer.PREVIEW_LABELS | dates
        st.dataframe(rows, hide_index=True, key="import_preview_table", column_config=labels)


def _confirm(preview: transfer.ImportPreview) -> None:
    policy = st.radio(
        "When rows are rejected",
        ["keep", "nothing"],
        format_func={
            "keep": "Import the good rows and skip the rejected ones",
            "nothing": "Import nothing until every row is fixed",
        }.get,
        key="import_policy",
        disabled=not preview.summary.rejected,
    )
    count = preview.importing(all_or_nothing=policy == "nothing")
    label = f"Import {formats.plural(count, 'row')}"
    if st.button(label, key="import_confirm", type="primary", disabled=not count):
        _commit(preview, all_or_nothing=policy == "nothing")


def _commit(preview: transfer.ImportPreview, all_or_nothing: bool) -> None:
    # Run in the page, not in a callback, so the progress bar shows where the button was.
    bar = st.progress(0.0, text="Importing…")

    def progress(done: float) -> None:
        bar.progress(done, text=f"Importing… {formats.percent(done)}")

    try:
        state["import_result"] = transfer.commit(
            wb, preview, all_or_nothing=all_or_nothing, progress=progress
        )
    except transfer.Refused as exc:
        st.error(plain(exc.sentence))
        return
    state["import_round"] = state.get("import_round", 0) + 1  # a fresh uploader
    st.rerun()


def _result(box: DeltaGenerator) -> None:
    summary = state.get("import_result")
    if summary is None:
        return
    box.success(plain(summary.message))
    box.page_link(navigation.TRACKER, label="See them in the Tracker", icon="🗂️")
    if summary.has_problems:
        with box:
            _report_download(summary, "Download the import report (CSV)", "import_result_download")


def _import_section() -> None:
    st.header("Import applications from a CSV file")
    above = st.container()  # the last import's result, shown until the next file comes
    upload = st.file_uploader(
        "A CSV or tab-separated file (UTF-8, UTF-16 or Windows-1252)",
        type=["csv", "tsv", "txt"],
        key=f"import_file_{state.get('import_round', 0)}",
    )
    if upload is None:
        for memo in MEMOS:  # the last file's plan is let go with it
            state.pop(memo, None)
        _result(above)
        return
    state.pop("import_result", None)
    digest = _digest(upload)
    _new_file(digest)
    try:
        file = _read(digest, upload)
    except transfer.Refused as exc:
        st.error(plain(exc.sentence))
        return
    preview = _previewed(digest, file, _choices(_mapping(file)))
    if preview.mapping_problems:
        for problem in preview.mapping_problems:
            st.warning(problem)
        return
    _date_order(preview)
    if preview.date_question:
        return
    _statuses(preview)
    _preview(preview)
    _confirm(preview)


def _backup(box: DeltaGenerator) -> None:
    """Built on a click, in the page, so a backup that can't be made says why (a download's own
    callable fails silently in the browser)."""
    if not box.button("Prepare a full backup (JSON)", key="import_backup_prepare"):
        return
    try:
        document = transfer.backup_json(wb)
    except transfer.Refused as exc:
        box.error(plain(exc.sentence))
        return
    box.download_button(
        f"Download the backup ({formats.plural(document.rows, 'row')})",
        document.data,
        file_name="follow-through-backup.json",
        mime="application/json",
        key="import_backup_json",
        on_click="ignore",  # the download keeps the prepared file on the page
    )


def _restore(file: transfer.BackupFile) -> None:
    try:
        state["import_flash"] = transfer.restore(wb, file).message
    except transfer.Refused as exc:
        state["import_restore_error"] = exc.sentence
    state["import_restore_round"] = state.get("import_restore_round", 0) + 1  # a fresh uploader


def _restore_section() -> None:
    st.header("Restore a backup")
    if error := state.pop("import_restore_error", None):
        st.error(plain(error))
    upload = st.file_uploader(
        "A Follow-Through JSON backup",
        type=["json"],
        key=f"import_restore_file_{state.get('import_restore_round', 0)}",
    )
    if upload is None:
        return
    try:
        file = transfer.read_backup(wb, upload.getvalue())
    except transfer.Refused as exc:
        st.error(plain(exc.sentence))
        if len(exc.problems) > 1:  # each by table, row and field
            problems = {"Problem": list(exc.problems)}
            st.dataframe(problems, hide_index=True, key="import_restore_problems")
        return
    if file.replaces:
        st.warning("Restoring replaces everything now in your workbook with the backup.")
    st.button(
        f"Replace my workbook with this backup ({formats.plural(file.rows, 'row')})",
        key="import_restore_confirm",
        on_click=_restore,
        args=(file,),
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
    lambda: transfer.export_csv(wb).data,  # built only when clicked
    file_name="follow-through-applications.csv",
    mime="text/csv",
    key="import_export_csv",
    # No rerun on the click: a rerun registers the file anew and drops the one the browser is
    # fetching, so about one click in 10-15 gave no file and no message.
    on_click="ignore",
)
_backup(right)
_restore_section()
