"""The tracker: every application with its current stage (its latest event) and its history.

The current stage is read from the history, never stored. "Likely no response" is a reading too
(pipeline.likely_no_response): it is shown, and the history is left alone until the user acts.
"""

from datetime import date

import pandas as pd

from followthrough import formats
from followthrough.analytics.pipeline import application_progress, likely_no_response
from followthrough.content import TrackerWords
from followthrough.models import Application, Stage, StatusEvent, event_order, in_history_order
from followthrough.templates import fill

LIKELY_NO_RESPONSE = "likely no response"
# The stage of an application with no history: one added as sent without a date (the pipeline
# counts it as sent, its date unknown).
UNRECORDED = Stage.APPLIED


def tracker_frame(
    apps: pd.DataFrame, events: pd.DataFrame, today: date, no_response_days: int
) -> pd.DataFrame:
    """One row per application (index: id), newest first: its details, stage, since (NaT when the
    day is unknown) and flag.

    `apps` and `events` are the frames of followthrough.store.frames.
    """
    columns = ["company", "role_title", "source", "applied_on", "archived"]
    latest = (
        events.assign(place=history_places(events))
        .sort_values(["place", "id"], na_position="first")
        .drop_duplicates("application_id", keep="last")
        .set_index("application_id")
    )
    table = apps.set_index("id")[columns].copy()
    table["source"] = table["source"].astype("string")  # a category shows "" as None
    stage = latest["stage"].reindex(table.index).astype(object).fillna(UNRECORDED.value)
    table["stage"] = stage.map(lambda s: Stage(s).label)
    table["closed"] = stage.map(lambda s: isinstance(s, str) and Stage(s).is_closed).astype(bool)
    table["since"] = latest["occurred_on"].reindex(table.index)
    progress = application_progress(apps, events, today)
    stale = likely_no_response(progress, today, no_response_days).reindex(table.index)
    table["flag"] = stale.map({True: LIKELY_NO_RESPONSE, False: ""}).fillna("")
    return table.sort_index(ascending=False)


def history_places(events: pd.DataFrame) -> pd.Series:
    """Each event's day for ordering a history, as models.in_history_order orders it: its own day,
    or for a day unknown the latest day of its application's events recorded before it (NaT, first,
    when there is none); ties go by id."""
    if not events["occurred_on"].isna().any():
        return events["occurred_on"]  # the usual case: every day is known
    recorded = events.sort_values("id")
    days, by_app = recorded["occurred_on"], recorded["application_id"]
    before = days.groupby(by_app).cummax().groupby(by_app).ffill()
    return days.fillna(before).reindex(events.index)


def current_stage(history: list[StatusEvent]) -> StatusEvent | None:
    """The latest event (in the order the history happened: models.in_history_order)."""
    ordered = in_history_order(history, event_order)
    return ordered[-1] if ordered else None


def stage_change_errors(
    app: Application, stage: Stage, on: date | None, today: date, words: TrackerWords
) -> list[str]:
    """Why this stage change can't be recorded (an empty list when it can); a day not given is
    unknown, and nothing to check."""
    errors: list[str] = []
    if on is None:
        return errors
    if app.applied_on and on < app.applied_on and stage != Stage.SAVED:
        errors.append(
            fill(
                words.before_application,
                stage=stage.label,
                date=formats.day(on),
                applied=formats.day(app.applied_on),
            )
        )
    if on > today and stage not in (Stage.INTERVIEW, Stage.FINAL_INTERVIEW):
        errors.append(fill(words.future_date, stage=stage.label, date=formats.day(on)))
    return errors


def history_rows(history: list[StatusEvent]) -> list[dict[str, object]]:
    """The history as the editor lists it; a day that is unknown is an empty cell."""
    return [{"Date": e.occurred_on, "Stage": e.stage.label, "Note": e.note} for e in history]


def visible(
    table: pd.DataFrame, query: str, show_archived: bool, limit: int | None = None
) -> tuple[pd.DataFrame, int]:
    """The rows to list (at most `limit`) and how many match: archived ones only on request,
    narrowed by a case-blind search."""
    shown = table if show_archived else table[~table["archived"]]
    needle = query.strip().casefold()
    if needle:
        text = shown["company"] + " " + shown["role_title"] + " " + shown["source"]
        shown = shown[text.str.casefold().str.contains(needle, regex=False)]
    return shown.head(limit) if limit else shown, len(shown)


def counts(table: pd.DataFrame) -> tuple[int, int]:
    """(active applications — not archived, not closed — of which likely no response)."""
    active = table[~table["archived"] & ~table["closed"]]
    return len(active), int((active["flag"] == LIKELY_NO_RESPONSE).sum())
