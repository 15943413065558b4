"""Deterministic synthetic pipelines: N applications with realistic stage histories, vectorised.

Used by benchmarks and tests. The same (n, seed, today) always gives the same frames, shaped like
the store's FrameRepository.applications() / events(), so every analytics function runs on them unchanged.
"""

from datetime import date

import numpy as np
import pandas as pd

from followthrough.dtypes import STAGE_DTYPE
from followthrough.models import Stage

SOURCES = ("job board", "company site", "recruiter", "referral")
SOURCE_SHARE = (0.55, 0.2, 0.15, 0.1)
REPLY_CHANCE = (0.25, 0.3, 0.5, 0.6)  # referrals and recruiters hear back more often
# After a reply, the chance of moving on to each next stage.
STEPS = (
    (Stage.SCREENING, 0.55),
    (Stage.INTERVIEW, 0.5),
    (Stage.FINAL_INTERVIEW, 0.5),
    (Stage.OFFER, 0.4),
    (Stage.ACCEPTED, 0.5),
)
SAVED_ONLY = 0.04  # listings saved and never applied to
SAVED_FIRST = 0.2  # applications saved a few days before applying
REJECTED_AT_END = 0.8  # a stalled process usually ends in a rejection...
MARKED_NO_RESPONSE = 0.3  # ...and some silences get marked as such


def generate(
    n: int, seed: int = 0, today: date = date(2026, 1, 1), span_days: int = 365
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(applications, events) for `n` synthetic applications made over the last `span_days`."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1, dtype=np.int64)
    source = rng.choice(len(SOURCES), size=n, p=SOURCE_SHARE)
    saved_only = rng.random(n) < SAVED_ONLY
    applied = np.datetime64(today, "D") - rng.integers(0, span_days, n)

    # How far each process goes: 0 no reply, 1 replied, then one level per step taken.
    replied = ~saved_only & (rng.random(n) < np.take(REPLY_CHANCE, source))
    moves_on = rng.random((n, len(STEPS))) < np.array([p for _, p in STEPS])
    level = np.where(replied, 1 + np.cumprod(moves_on, axis=1).sum(axis=1), 0)
    # Day of each stage: the reply after a geometric wait, then each step a few days later
    # (zero-day gaps give same-day events, as real histories have).
    lags = np.cumsum(
        np.column_stack([rng.geometric(1 / 8, n), rng.geometric(1 / 6, (n, len(STEPS))) - 1]),
        axis=1,
    )
    stage_days = applied[:, None] + lags

    parts = [_events(ids, ~saved_only, Stage.APPLIED, applied)]
    saved_first = ~saved_only & (rng.random(n) < SAVED_FIRST)
    parts.append(_events(ids, saved_first, Stage.SAVED, applied - rng.integers(1, 6, n)))
    parts.append(_events(ids, saved_only, Stage.SAVED, applied))
    parts.append(_events(ids, level >= 1, Stage.RESPONDED, stage_days[:, 0]))
    for step, (stage, _) in enumerate(STEPS, start=2):
        parts.append(_events(ids, level >= step, stage, stage_days[:, step - 1]))
    last_day = stage_days[np.arange(n), np.maximum(level - 1, 0)]
    ended = rng.random(n) < REJECTED_AT_END
    stalled = (level >= 1) & (level < 1 + len(STEPS))
    offered = level == len(STEPS)  # an offer neither accepted nor (yet) declined
    parts.append(_events(ids, stalled & ~offered & ended, Stage.REJECTED, last_day + 3))
    parts.append(_events(ids, offered & ended, Stage.WITHDRAWN, last_day + 2))
    silent = ~saved_only & ~replied & (rng.random(n) < MARKED_NO_RESPONSE)
    parts.append(_events(ids, silent, Stage.NO_RESPONSE, applied + 30))

    events = pd.concat(parts, ignore_index=True)
    events = events[events["occurred_on"] <= pd.Timestamp(today)]
    events = events.sort_values(["occurred_on", "application_id"], kind="stable")
    events.insert(0, "id", np.arange(1, len(events) + 1, dtype=np.int64))
    apps = pd.DataFrame(
        {
            "id": ids,
            "company": pd.Categorical.from_codes(
                rng.integers(0, 1000, n), pd.Index([f"Company {k:03d}" for k in range(1000)])
            ),
            "role_title": pd.Categorical.from_codes(
                np.zeros(n, np.int8), pd.Index(["Product Designer"])
            ),
            "source": pd.Categorical.from_codes(source, pd.Index(SOURCES)),
            "applied_on": np.where(saved_only, np.datetime64("NaT"), applied).astype(
                "datetime64[s]"
            ),
            "archived": np.zeros(n, dtype=bool),
        }
    )
    return apps, events.reset_index(drop=True)


def _events(ids: np.ndarray, where: np.ndarray, stage: Stage, days: np.ndarray) -> pd.DataFrame:
    count = int(where.sum())
    return pd.DataFrame(
        {
            "application_id": ids[where],
            "stage": pd.Categorical.from_codes(
                np.full(count, STAGE_DTYPE.categories.get_loc(stage.value), dtype=np.int8),
                dtype=STAGE_DTYPE,
            ),
            "occurred_on": days[where].astype("datetime64[s]"),
        }
    )
