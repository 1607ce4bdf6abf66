"""Politeness per host: a minimum interval between requests and a concurrency cap."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class HostLimiter:
    """Spaces out the requests to each host.

    Two requests to one host start at least ``interval`` seconds apart (or the
    host's robots.txt Crawl-delay, when longer, capped at ``max_delay``); at most
    ``concurrency`` requests to one host run at a time; a host's Retry-After
    pushes its next start later (:meth:`defer`). Other hosts are not held up.
    ``clock`` and ``sleep`` are injectable for tests.
    """

    def __init__(self, interval: float, concurrency: int = 1, *, max_delay: float = 120.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._interval = max(0.0, interval)
        self._concurrency = max(1, concurrency)
        self._max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def interval(self, host: str) -> float:
        """Seconds between two request starts to ``host``."""
        with self._lock:
            return max(self._interval, self._delays.get(host, 0.0))

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Honour a robots.txt Crawl-delay for ``host`` (capped at ``max_delay``)."""
        with self._lock:
            if seconds is None or seconds <= 0:
                self._delays.pop(host, None)
            else:
                self._delays[host] = min(float(seconds), self._max_delay)

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` from now (Retry-After)."""
        with self._lock:
            until = self._clock() + max(0.0, seconds)
            self._next[host] = max(self._next.get(host, 0.0), until)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for ``host``'s turn, then hold one of its concurrent slots."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        with semaphore:
            with self._lock:
                now = self._clock()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + max(self._interval, self._delays.get(host, 0.0))
            if start > now:
                self._sleep(start - now)
            yield
