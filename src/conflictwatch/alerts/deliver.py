"""Delivering alerts: a JSON POST to a webhook, or a line appended to a JSONL file.

:class:`Deliverer` owns both. A webhook is called like any fetch: only
http(s), through the same address guard as fetching (no loopback, private,
link-local or metadata address, checked after DNS resolution, unless the setting
``allow_private_addresses`` allows the private ones), no proxy from the
environment, no redirect followed, with connect/read timeouts. 408, 429, 5xx,
timeouts and broken connections are retried ``retries`` times, waiting
``backoff * 2**n`` seconds or the server's Retry-After when longer (capped at
``max_wait``). A webhook that failed is left alone for ``cooldown`` seconds
(its alerts fail at once and are tried again on the next poll), so one dead
endpoint does not hold up the others.
"""

from __future__ import annotations

import json
import os
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from .. import __version__
from ..errors import AlertDeliveryError, ConflictWatchError
from ..settings import Settings
from ..sources.fetch import PROJECT_URL, retry_after_seconds
from ..sources.netguard import AddressPolicy, GuardedTransport, Resolver, check_url
from .rules import AlertTarget

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """Limits of webhook calls (seconds): ``connect_timeout``, ``read_timeout``;
    ``retries`` (extra tries), ``backoff`` (first wait, doubled each try),
    ``max_wait`` (longest wait, Retry-After included), ``cooldown`` (how long a
    failed webhook is left alone); ``allow_private_addresses`` and
    ``allowed_networks`` as for fetching."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 30.0
    cooldown: float = 60.0
    allow_private_addresses: bool = False
    allowed_networks: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> DeliveryPolicy:
        """The default policy with the resolved settings (``allow_private_addresses``)."""
        return cls(**{"allow_private_addresses": settings.allow_private_addresses, **overrides})


class Deliverer:
    """Delivers alert payloads to their targets; close it when done.

    ``resolver`` replaces DNS and ``transport`` the guarded transport (tests);
    ``sleep`` and ``clock`` drive the waits.
    """

    def __init__(self, policy: DeliveryPolicy | None = None, *, resolver: Resolver | None = None,
                 transport: httpx.BaseTransport | None = None, ssl_context: ssl.SSLContext | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy or DeliveryPolicy()
        p = self.policy
        self.addresses = AddressPolicy.from_strings(p.allow_private_addresses, p.allowed_networks)
        self._transport = transport
        self._resolver = resolver
        self._ssl_context = ssl_context
        self._client: httpx.Client | None = None
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._down_until: dict[str, float] = {}

    def __enter__(self) -> Deliverer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the webhook connections."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def deliver(self, target: AlertTarget, payload: str) -> None:
        """Deliver ``payload`` (JSON text) to ``target``; raises :class:`AlertDeliveryError`."""
        if target.kind == "jsonl":
            append_line(Path(target.location), payload)
        else:
            self.post(target.location, payload)

    def post(self, url: str, payload: str) -> None:
        """POST ``payload`` to a webhook, with the retries of the module docstring."""
        p = self.policy
        with self._lock:
            down = self._down_until.get(url, 0.0)
        if down > self._clock():
            raise AlertDeliveryError(f"webhook {url}: failed a moment ago; not called again before the next poll")
        try:
            check_url(url, self.addresses)
        except ConflictWatchError as exc:
            raise AlertDeliveryError(f"webhook {exc}") from None
        tries = 0
        while True:
            tries += 1
            wait = p.backoff * 2 ** (tries - 1)
            try:
                response = self._http().post(url, content=payload.encode("utf-8"),
                                             headers={"Content-Type": "application/json"})
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                problem = f"no answer ({type(exc).__name__}: {exc})"
                retry = True
            except ConflictWatchError as exc:  # the address guard, at connection time
                raise AlertDeliveryError(f"webhook {exc}") from None
            else:
                if 200 <= response.status_code < 300:
                    return
                problem = f"answered {response.status_code}"
                retry = response.status_code in RETRY_STATUSES
                asked = retry_after_seconds(response.headers.get("retry-after"))
                if asked is not None:
                    wait = max(wait, asked)
            if not retry or tries > p.retries or wait > p.max_wait:
                with self._lock:
                    self._down_until[url] = self._clock() + p.cooldown
                told = f" after {tries} tries" if tries > 1 else ""
                raise AlertDeliveryError(f"webhook {url}: {problem}{told}; check the endpoint, the alert is "
                                         "tried again on the next poll")
            self._sleep(wait)

    def _http(self) -> httpx.Client:
        if self._client is None:
            p = self.policy
            self._client = httpx.Client(
                transport=self._transport or GuardedTransport(self.addresses, self._resolver,
                                                              ssl_context=self._ssl_context, max_connections=4),
                timeout=httpx.Timeout(connect=p.connect_timeout, read=p.read_timeout, write=p.read_timeout,
                                      pool=p.read_timeout),
                follow_redirects=False, trust_env=False,
                headers={"User-Agent": f"ConflictWatch/{__version__} (+{PROJECT_URL})"})
        return self._client


def append_line(path: Path, payload: str) -> None:
    """Append ``payload`` and a newline to a JSONL file in one write, flushed to disk
    (its folder is made when missing)."""
    line = json.dumps(json.loads(payload), ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise AlertDeliveryError(f"alerts file {path}: cannot open it ({exc.strerror}); check that it is a "
                                 "file in a folder you can write to") from None
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    except OSError as exc:
        raise AlertDeliveryError(f"alerts file {path}: cannot write to it ({exc.strerror})") from None
    finally:
        os.close(fd)
