"""A stage history in one spreadsheet cell, "2026-03-02 applied; 2026-03-09 responded", both ways.

Export writes it and import reads it back, so a CSV export re-imports with its whole history.
"""

from datetime import date

from followthrough.models import Stage, StatusEvent

SEPARATOR = "; "


def format_history(events: list[StatusEvent]) -> str:
    return SEPARATOR.join(f"{e.occurred_on.isoformat()} {e.stage.value}" for e in events)


def parse_history(text: str) -> list[tuple[Stage, date]]:
    """The events in `text` (none for a blank cell); ValueError names the first bad entry."""
    events = []
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        day, _, stage = entry.partition(" ")
        try:
            events.append((Stage(stage.strip()), date.fromisoformat(day)))
        except ValueError:
            raise ValueError(
                f"history entry '{entry}' is not 'YYYY-MM-DD stage' with a known stage"
            ) from None
    return events
