"""A stage history in one spreadsheet cell, "2026-03-02 applied; 2026-03-09 responded", both ways.

Export writes it and import reads it back, so a CSV export re-imports with its whole history. A stage
whose day is unknown is written "undated" in place of its day ("2026-03-02 applied; undated
rejected") and read back undated, never dated on another day.
"""

from datetime import date

from followthrough.models import Stage, StatusEvent

SEPARATOR = "; "
UNDATED = "undated"  # in place of the day of a stage whose day is unknown


def format_history(events: list[StatusEvent]) -> str:
    return SEPARATOR.join(
        f"{e.occurred_on.isoformat() if e.occurred_on else UNDATED} {e.stage.value}" for e in events
    )


def parse_history(text: str) -> list[tuple[Stage, date | None]]:
    """The events in `text` (none for a blank cell); ValueError names the first bad entry."""
    events: list[tuple[Stage, date | None]] = []
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        day, _, stage = entry.partition(" ")
        try:
            on = None if day.casefold() == UNDATED else date.fromisoformat(day)
            events.append((Stage(stage.strip()), on))
        except ValueError:
            raise ValueError(
                f"history entry '{entry}' is not 'YYYY-MM-DD stage' (or '{UNDATED} stage') "
                "with a known stage"
            ) from None
    return events
