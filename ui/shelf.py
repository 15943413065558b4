"""Objects shared by every session of this server process, kept by key.

This is st.cache_resource's job at a fraction of its cost on a hit: it reads the function's
signature and runs Streamlit's hasher over every argument on every call, a twentieth of a warm
rerun under load. Here a key is a plain tuple the caller builds from what it already knows.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
_shelves: list["Shelf"] = []


class Shelf(Generic[T]):
    """The last `entries` values by key, each for at most `ttl_s` seconds; one build per key at a
    time, so fifty tabs opening one screen together read it once."""

    def __init__(self, entries: int, ttl_s: float = 3600) -> None:
        self._entries, self._ttl_s = entries, ttl_s
        self._kept: OrderedDict[Hashable, tuple[float, T]] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()  # held for dictionary updates only, never for a build
        _shelves.append(self)

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value kept for `key`, or `build()`'s, kept."""
        with self._lock:
            if (hit := self._fresh(key)) is not None:
                return hit[1]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if (hit := self._fresh(key)) is not None:  # built while this one waited
                    return hit[1]
            try:
                value = build()
                with self._lock:
                    self._kept[key] = (time.monotonic(), value)
                    while len(self._kept) > self._entries:
                        self._kept.popitem(last=False)
            finally:  # after the value is kept, so that no one builds it twice
                with self._lock:
                    self._building.pop(key, None)
        return value

    def _fresh(self, key: Hashable) -> tuple[float, T] | None:
        hit = self._kept.get(key)
        if hit is None or time.monotonic() - hit[0] >= self._ttl_s:
            return None
        self._kept.move_to_end(key)
        return hit

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def clear_all() -> None:
    """Empty every shelf (a cold start, as after a server restart)."""
    for shelf in _shelves:
        shelf.clear()
