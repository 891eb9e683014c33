"""A small thread-safe cache of computed answers, bounded by size, least recently used first out.

Pages, figures and data documents are computed from a registry that does not
change while the server runs (or changes only through the server, which then
empties the cache): each is computed once and kept while memory allows.
Two requests for the same missing entry wait for one computation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Cache"]

V = TypeVar("V")


class Cache(Generic[V]):
    """At most ``max_entries`` values and about ``max_bytes`` bytes (``size`` measures a value)."""

    def __init__(self, *, max_entries: int = 4096, max_bytes: int = 256 * 1024 * 1024,
                 size: Callable[[V], int] = lambda _value: 1) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._size = size
        self._values: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._values

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value of ``key``, computed by ``compute()`` when absent (once, however many ask at once)."""
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
                self.hits += 1
                return found[0]
            gate = self._pending.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                found = self._values.get(key)
                if found is not None:
                    self.hits += 1
                    return found[0]
            self.misses += 1
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            self.put(key, value)
            return value

    def put(self, key: Hashable, value: V) -> None:
        size = self._size(value)
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:
                return
            self._values[key] = (value, size)
            self._bytes += size
            while len(self._values) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, dropped) = self._values.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._bytes = 0
