"""What fetching remembers between runs, as two small interfaces, and an in-memory store.

:class:`UrlCache` keeps, per canonical URL, what conditional requests need
(ETag, Last-Modified) and the hash of the body last stored;
:class:`SourceStateStore` keeps each source's health. The project's store
implements both; :class:`MemoryStore` implements both in memory, for tests and
for one-off runs. :class:`TtlCache` is the per-host cache that robots.txt and
tdmrep.json use within one run.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class UrlEntry:
    """What was last fetched from one URL.

    Fields: ``url`` (canonical); ``etag`` and ``last_modified`` (the response's
    validators, sent back as If-None-Match and If-Modified-Since);
    ``content_hash`` (SHA-256 of the body, hex); ``fetched_at`` (UTC).
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    fetched_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SourceState:
    """One source's health, kept between polls.

    Fields: ``name`` (the source's name in the sources file); ``last_polled``,
    ``last_success`` and ``last_error_at`` (UTC); ``last_error`` (the message of
    the last source-level error, ``None`` after a clean poll); ``items_seen``
    (items listed by the source, all polls); ``documents`` (new documents made,
    all polls); ``events`` (events made from them, counted by the caller that
    extracts them).
    """

    name: str
    last_polled: dt.datetime | None = None
    last_success: dt.datetime | None = None
    last_error: str | None = None
    last_error_at: dt.datetime | None = None
    items_seen: int = 0
    documents: int = 0
    events: int = 0


@runtime_checkable
class UrlCache(Protocol):
    """Per-URL validators and content hashes (the store implements it)."""

    def get_url(self, url: str) -> UrlEntry | None:
        """The entry for a canonical URL, or ``None`` if it was never stored."""
        ...

    def put_url(self, entry: UrlEntry) -> None:
        """Store ``entry``, replacing any entry for the same URL."""
        ...


@runtime_checkable
class SourceStateStore(Protocol):
    """Per-source state between polls (the store implements it)."""

    def get_source_state(self, name: str) -> SourceState | None:
        """The state of the source called ``name``, or ``None`` before its first poll."""
        ...

    def put_source_state(self, state: SourceState) -> None:
        """Store ``state``, replacing the state of the same source."""
        ...


class MemoryStore:
    """:class:`UrlCache` and :class:`SourceStateStore` in memory; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._urls: dict[str, UrlEntry] = {}
        self._states: dict[str, SourceState] = {}

    def get_url(self, url: str) -> UrlEntry | None:
        with self._lock:
            return self._urls.get(url)

    def put_url(self, entry: UrlEntry) -> None:
        with self._lock:
            self._urls[entry.url] = entry

    def get_source_state(self, name: str) -> SourceState | None:
        with self._lock:
            return self._states.get(name)

    def put_source_state(self, state: SourceState) -> None:
        with self._lock:
            self._states[state.name] = state

    def __len__(self) -> int:
        with self._lock:
            return len(self._urls)


class TtlCache(Generic[T]):
    """Values per key, kept for a time each value sets; one load per key at a time.

    ``get(key, load)`` returns the cached value while it is fresh; otherwise it
    calls ``load()``, which returns ``(value, seconds to keep it)``. Threads
    asking for the same key meanwhile wait for that one load.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._values: dict[str, tuple[T, float]] = {}
        self._loading: dict[str, threading.Lock] = {}

    def get(self, key: str, load: Callable[[], tuple[T, float]]) -> T:
        with self._lock:
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                cached = self._values.get(key)
            if cached is not None and cached[1] > self._clock():
                return cached[0]
            value, ttl = load()
            with self._lock:
                self._values[key] = (value, self._clock() + ttl)
            return value
