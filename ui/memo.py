"""Results kept for this session between reruns, for work too large to redo on every click.

Unlike `st.cache_data`, which pickles a result in and copies it out on every hit (seconds for a
1.5-million-row import plan), the object itself is kept, in session state: only this person's
session holds it, and only the last few keys of each memo.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def remembered(memo: str, key: Hashable, build: Callable[[], T], keep: int = 1) -> T:
    """`build()`'s result for `key`, kept in session state under `memo` with its last `keep` keys."""
    kept: OrderedDict[Hashable, object] = st.session_state.setdefault(memo, OrderedDict())
    if key in kept:
        kept.move_to_end(key)
    else:
        kept[key] = build()
        while len(kept) > keep:
            kept.popitem(last=False)
    return kept[key]  # type: ignore[return-value]  # stored by this function as a T
