"""Fixtures for the fetching tests: a local HTTP server and fetchers that may reach it.

Test modules import them (``from fetchfixtures import ...``): a conftest.py here
would shadow the one in tests/, which other tests import by name.

The server listens on 127.0.0.1 only. Fetchers made by ``make_fetcher`` allow
exactly 127.0.0.1/32 (``allowed_networks``), so the refusal tests still see
every other private address refused; ``allow_private_addresses`` stays off
unless a test turns it on. Their resolver maps ``*.test`` names to 127.0.0.1
(one server stands in for several sites) and resolves nothing else: no test
can reach the internet. Waits go to a fake clock, so retries and rate limits
cost no time.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator

import httpcore
import httpx
import pytest
from localserver import LocalServer

from conflictwatch.sources import Fetcher, FetchPolicy

FAST = {"connect_timeout": 1.0, "read_timeout": 1.0, "total_timeout": 5.0, "retries": 2,
        "backoff": 0.5, "min_interval": 0.0, "allowed_networks": ("127.0.0.1/32",)}
ALIASES = {"metadata-alias.test": "169.254.169.254", "ten.test": "10.1.2.3"}


def resolve(host: str, port: int) -> list[str]:
    if host in ALIASES:
        return [ALIASES[host]]
    if host.endswith(".test") or host == "127.0.0.1":
        return ["127.0.0.1"]
    raise httpcore.ConnectError(f"the tests resolve only *.test names, not {host}")


class FakeClock:
    """A monotonic clock that ``sleep`` moves on; ``slept`` records the waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture(scope="session")
def _server() -> Iterator[LocalServer]:
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture
def server(_server: LocalServer) -> Iterator[LocalServer]:
    _server.reset()
    yield _server
    _server.reset()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()  # loading the CA bundle takes ~50 ms: once


@pytest.fixture
def make_fetcher(clock: FakeClock, ssl_context: ssl.SSLContext) -> Iterator[Callable[..., Fetcher]]:
    made: list[Fetcher] = []

    def make(cache=None, resolver=resolve, **policy) -> Fetcher:
        fetcher = Fetcher(FetchPolicy(**{**FAST, **policy}), cache=cache, resolver=resolver,
                          ssl_context=ssl_context, clock=clock, sleep=clock.sleep)
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()
