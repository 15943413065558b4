"""CSV export: applications with their full stage history, safe to open in a spreadsheet.

A cell starting with = + - @, tab, CR or NUL would run as a formula in Excel or LibreOffice, so it gets
a leading ' (OWASP ASVS 1.2.10). A cell starting with ' gets one too, so CSV import can take the
guard off any cell starting with ' and one of these: a value typed as '=1+1 comes back as typed.
"""

import csv
import io
from collections.abc import Iterable

from followthrough.models import Application, StatusEvent
from followthrough.transfer.history import format_history

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
GUARD = "'"
GUARDED_STARTS = (*FORMULA_STARTS, GUARD)  # what a cell starts with to get the guard
HEADER = [
    "Company",
    "Role title",
    "Date applied",
    "Status",
    "Status date",
    "Source",
    "Listing URL",
    "Notes",
    "Archived",
    "History",
]


def formula_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return GUARD + text if text.startswith(GUARDED_STARTS) else text


def to_csv(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads accents right), every cell formula-safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([formula_safe(h) for h in header])
    writer.writerows([formula_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def export_applications(apps: list[Application], histories: dict[int, list[StatusEvent]]) -> bytes:
    """One row per application: its current stage (the latest event of `histories`, each in the
    order it happened) and its whole history; a day that is unknown is an empty cell."""
    rows = []
    for app in sorted(apps, key=lambda a: (a.applied_on is None, a.applied_on, a.id)):
        events = histories.get(app.id, []) if app.id is not None else []
        latest = events[-1] if events else None
        rows.append(
            [
                app.company,
                app.role_title,
                app.applied_on.isoformat() if app.applied_on else "",
                latest.stage.value if latest else "",
                latest.occurred_on.isoformat() if latest and latest.occurred_on else "",
                app.source,
                app.listing_url,
                app.notes,
                "yes" if app.archived else "",
                format_history(events),
            ]
        )
    return to_csv(HEADER, rows)
