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
        while True:
            with self._lock:
                if (hit := self._fresh(key)) is not None:
                    return hit[1]
                building = self._building.setdefault(key, threading.Lock())
            with building:
                with self._lock:
                    if (hit := self._fresh(key)) is not None:  # built while this one waited
                        return hit[1]
                    mine = self._building.get(key) is building
                if mine:
                    return self._build(key, build)
            # The build this one waited for failed and took its lock along: queue again.

    def _build(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`, kept; called holding the key's registered lock, which it then drops."""
        try:
            value = build()
            with self._lock:
                self._keep(key, value)
        finally:  # after the value is kept, so that no one builds it twice
            with self._lock:
                del self._building[key]
        return value

    def find(self, key: Hashable) -> T | None:
        """The value kept for `key`, if any (to say "reading…" only when it must be built)."""
        with self._lock:
            hit = self._fresh(key)
        return None if hit is None else hit[1]

    def _fresh(self, key: Hashable) -> tuple[float, T] | None:
        hit = self._kept.get(key)
        if hit is None or time.monotonic() - hit[0] >= self._ttl_s:
            return None
        self._kept.move_to_end(key)
        return hit

    def _keep(self, key: Hashable, value: T) -> None:
        now = time.monotonic()
        # The expired go first (a quiet server does not hold its busy hour's screens), then the
        # least recently used beyond `entries`.
        for old in [k for k, (at, _) in self._kept.items() if now - at >= self._ttl_s]:
            del self._kept[old]
        self._kept[key] = (now, value)
        while len(self._kept) > self._entries:
            self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def clear_all() -> None:
    """Empty every shelf (a cold start, as after a server restart)."""
    for shelf in _shelves:
        shelf.clear()
