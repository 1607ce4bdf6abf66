"""Fetching web pages politely and safely: one class owns every rule.

:meth:`Fetcher.fetch` takes a URL through these steps, each hop of a redirect
included:

1. **URL check** (:func:`.netguard.check_url`): http or https only (https only
   when ``https_only``); a host that is a refused address (in any spelling) or a
   localhost or cloud-metadata name is refused before anything is sent.
2. **robots.txt** of the URL's site (:class:`.robots.RobotsCache`): disallowed,
   or unreachable (5xx), raises :class:`RobotsDisallowed`; a Crawl-delay goes
   to the rate limiter.
3. **Politeness**: the host's turn (:class:`.ratelimit.HostLimiter`: an
   interval between requests, a per-host concurrency cap, Retry-After), then one
   of ``max_concurrency`` global slots.
4. **Request**: GET with our User-Agent and, when the cache knows the URL,
   If-None-Match / If-Modified-Since. The connection is opened only to an
   address checked after DNS resolution (:class:`.netguard.GuardedTransport`).
5. **Retries**: on 408, 429, 500, 502, 503, 504, timeouts and broken
   connections, up to ``retries`` more tries, waiting ``backoff * 2**n`` seconds
   or the server's Retry-After when longer (a Retry-After over
   ``max_retry_after`` gives up at once).
6. **Redirects** are followed here, not by httpx, so every hop goes back to
   step 1; more than ``max_redirects`` hops, or a hop back to a URL already
   passed, is an error.
7. **Body**, streamed: a Content-Length over ``max_bytes`` is refused unread,
   reading stops as soon as ``max_bytes`` is passed, and the transfer must end
   within ``total_timeout``.
8. **Result**: 2xx gives a :class:`FetchedPage` (raw bytes, declared charset,
   headers) and remembers its validators; 304 gives a page marked
   ``not_modified``; 4xx/5xx raise :class:`HTTPStatusError`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import logging
import re
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

from .. import __version__
from ..errors import (
    AddressRefused,
    ConfigError,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RedirectLoop,
    ResponseTooLarge,
    RobotsDisallowed,
    TooManyRedirects,
    URLRefused,
)
from ..model import Rights
from ..settings import Settings
from .cache import TtlCache, UrlCache, UrlEntry
from .netguard import AddressPolicy, GuardedTransport, Resolver, check_url
from .ratelimit import HostLimiter
from .rights import TDMREP_MAX_BYTES, TdmRepCache
from .robots import ROBOTS_MAX_BYTES, RobotsCache, robots_url

LOGGER = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/conflictwatch/conflictwatch"
ROBOTS_TOKEN = "ConflictWatch"
"""The product token robots.txt rules name us by."""
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.5"
FEED_ACCEPT = ("application/rss+xml,application/atom+xml;q=0.9,application/xml;q=0.8,"
               "text/xml;q=0.8,*/*;q=0.5")
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def default_user_agent() -> str:
    """``ConflictWatch/<version> (+<project URL>)``."""
    return f"{ROBOTS_TOKEN}/{__version__} (+{PROJECT_URL})"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Every limit fetching keeps (times in seconds, sizes in bytes).

    Fields: ``connect_timeout``, ``read_timeout`` (per read) and
    ``total_timeout`` (a whole transfer); ``max_bytes`` (largest body);
    ``max_redirects``; ``retries`` (extra tries on 429/5xx/timeouts),
    ``backoff`` (first wait, doubled each try) and ``max_retry_after`` (a longer
    Retry-After gives up); ``min_interval`` (between two requests to one host),
    ``max_crawl_delay`` (cap on a robots.txt Crawl-delay),
    ``per_host_concurrency`` and ``max_concurrency`` (requests at once, per host
    and in all); ``allow_private_addresses`` and ``allowed_networks`` (CIDR
    blocks allowed without it, e.g. one test server's) — see
    :mod:`.netguard`; ``https_only``; ``user_agent``.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 2.0
    max_retry_after: float = 300.0
    min_interval: float = 1.0
    max_crawl_delay: float = 120.0
    per_host_concurrency: int = 1
    max_concurrency: int = 8
    allow_private_addresses: bool = False
    allowed_networks: tuple[str, ...] = ()
    https_only: bool = False
    user_agent: str = field(default_factory=default_user_agent)

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout", "max_bytes",
                     "max_concurrency", "per_host_concurrency"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"fetch policy: {name} must be positive, not {getattr(self, name)!r}")
        for name in ("max_redirects", "retries", "backoff", "max_retry_after", "min_interval"):
            if getattr(self, name) < 0:
                raise ConfigError(f"fetch policy: {name} must not be negative, not {getattr(self, name)!r}")

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> FetchPolicy:
        """The default policy with the resolved settings (``allow_private_addresses``)."""
        return cls(**{"allow_private_addresses": settings.allow_private_addresses, **overrides})


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One fetched response.

    Fields: ``url`` (the URL asked for); ``final_url`` (after redirects);
    ``status`` (2xx, or 304 when not modified); ``headers`` (``(name, value)``
    pairs, names in lower case); ``content`` (the body's raw bytes, decompressed,
    empty for 304); ``charset`` (declared in Content-Type, or ``None``);
    ``content_type`` (the media type without parameters); ``redirects`` (the
    URLs passed through); ``content_hash`` (SHA-256 of ``content``, hex).
    """

    url: str
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    charset: str | None = None
    content_type: str | None = None
    redirects: tuple[str, ...] = ()
    content_hash: str = ""

    @property
    def not_modified(self) -> bool:
        """The server said the page has not changed since the cached validators."""
        return self.status == 304

    def header(self, name: str) -> str | None:
        """A header's value (repeated headers joined by ``, ``), or ``None``."""
        values = [v for k, v in self.headers if k == name.lower()]
        return ", ".join(values) if values else None

    def header_map(self) -> dict[str, str]:
        """The headers as a dict (lower-case names; repeated headers joined)."""
        merged: dict[str, str] = {}
        for key, value in self.headers:
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        return merged

    def text(self) -> str:
        """The body as text (see :func:`_decode_bytes`)."""
        return _decode_bytes(self.content, self.final_url, self.charset)


def _decode_bytes(data: bytes, name: str, declared: str | None) -> str:
    """A fetched body as text, decoded the way every input is
    (:func:`conflictwatch.ingest.decode.decode_bytes`: byte-order mark, declared
    charset, the page's own declaration, detection)."""
    from ..ingest.decode import decode_bytes

    return decode_bytes(data, name, declared).text


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media = value.split(";", 1)[0].strip().lower() or None
    match = _CHARSET.search(value)
    return media, (match.group(1).strip().lower() if match else None)


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delay-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    tries: int

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)


def _status_message(status: int, tries: int, retry_after: float | None) -> str:
    told = f" after {tries} tries" if tries > 1 else ""
    if status in (404, 410):
        return f"not found ({status}); check the address or remove it from the source"
    if status in (401, 403):
        return f"the site refuses access ({status}); it may not want crawlers: leave it out"
    if status == 429:
        wait = f", and asks to wait {retry_after:.0f} s" if retry_after else ""
        return f"the site says too many requests (429){told}{wait}; poll it less often or try later"
    if status >= 500:
        return f"server error ({status}){told}; try later"
    return f"the server answered {status}{told}; check the address"


class Fetcher:
    """Fetches URLs by the rules of this module's docstring. Thread-safe; close it
    (or use it as a context manager) when done.

    ``cache`` (a :class:`.cache.UrlCache`) gives and keeps ETag/Last-Modified
    for conditional requests. ``transport`` replaces the guarded transport (a
    test's ``httpx.MockTransport``; the address guard at connection time then
    rests with it, the URL check still runs). ``resolver`` replaces DNS
    (tests map names to 127.0.0.1). ``ssl_context`` verifies TLS (default:
    httpx's, with certifi's roots; give one that trusts your own CA for an
    intranet mirror). ``clock`` and ``sleep`` drive the waits.
    """

    def __init__(self, policy: FetchPolicy | None = None, *, cache: UrlCache | None = None,
                 transport: httpx.BaseTransport | None = None, resolver: Resolver | None = None,
                 ssl_context: ssl.SSLContext | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or FetchPolicy()
        self.cache = cache
        p = self.policy
        self.addresses = AddressPolicy.from_strings(p.allow_private_addresses, p.allowed_networks)
        self._limiter = HostLimiter(p.min_interval, p.per_host_concurrency, max_delay=p.max_crawl_delay,
                                    clock=clock, sleep=sleep)
        self._slots = threading.BoundedSemaphore(p.max_concurrency)
        self._client = httpx.Client(
            transport=transport or GuardedTransport(self.addresses, resolver, ssl_context=ssl_context,
                                                    max_connections=p.max_concurrency),
            timeout=httpx.Timeout(connect=p.connect_timeout, read=p.read_timeout,
                                  write=p.read_timeout, pool=p.total_timeout),
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: it would bypass the address guard
            headers={"User-Agent": p.user_agent},
        )
        self._robots = RobotsCache(lambda url: self._site_file(url, ROBOTS_MAX_BYTES, "text/plain,*/*;q=0.5"),
                                   TtlCache(clock))
        self._tdmrep = TdmRepCache(lambda url: self._site_file(url, TDMREP_MAX_BYTES, "application/json"),
                                   TtlCache(clock))

    @classmethod
    def from_settings(cls, settings: Settings, *, cache: UrlCache | None = None,
                      **policy: Any) -> Fetcher:
        """A fetcher with the default policy, the resolved settings and ``policy`` overrides."""
        return cls(FetchPolicy.from_settings(settings, **policy), cache=cache)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    # -- public -----------------------------------------------------------------

    def fetch(self, url: str, *, conditional: bool = True, remember: bool = True,
              accept: str = HTML_ACCEPT, max_bytes: int | None = None) -> FetchedPage:
        """Fetch ``url`` (see the module docstring); raises a :class:`FetchError`.

        ``conditional``: send the cached validators, so an unchanged page comes
        back as a 304 (``page.not_modified``). ``remember``: store the new
        validators in the cache (callers that store the page later call
        :meth:`remember` themselves, once it is stored).
        """
        entry = self.cache.get_url(url) if (conditional and self.cache is not None) else None
        headers = {"Accept": accept}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        page = self._get(url, headers, max_bytes or self.policy.max_bytes, truncate=False, check_robots=True,
                         retries=self.policy.retries, fail_on_status=True)
        if remember and page.status != 304:
            self.remember(page)
        return page

    def remember(self, page: FetchedPage, url: str | None = None) -> None:
        """Keep ``page``'s validators and content hash in the cache, under ``url``
        (default: the URL it was fetched by)."""
        if self.cache is None:
            return
        self.cache.put_url(UrlEntry(url or page.url, page.header("etag"), page.header("last-modified"),
                                    page.content_hash, dt.datetime.now(dt.timezone.utc)))

    def fetch_many(self, urls: Iterable[str], **options: Any) -> Iterator[tuple[str, FetchedPage | FetchError]]:
        """Fetch ``urls`` on up to ``max_concurrency`` threads; yields ``(url, page or
        error)`` in the order given. ``options`` go to :meth:`fetch`."""
        workers = self.policy.max_concurrency
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="conflictwatch-fetch")
        pending: deque[tuple[str, Future[FetchedPage | FetchError]]] = deque()
        try:
            for url in urls:
                pending.append((url, pool.submit(self._fetch_or_error, url, options)))
                if len(pending) >= 2 * workers:
                    head, future = pending.popleft()
                    yield head, future.result()
            while pending:
                head, future = pending.popleft()
                yield head, future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def site_rights(self, url: str) -> Rights | None:
        """What ``url``'s site says for it in ``/.well-known/tdmrep.json``, or ``None``."""
        return self._tdmrep.rights_for(url)

    # -- internals --------------------------------------------------------------

    def _fetch_or_error(self, url: str, options: dict[str, Any]) -> FetchedPage | FetchError:
        try:
            return self.fetch(url, **options)
        except FetchError as exc:
            return exc

    def _site_file(self, url: str, max_bytes: int, accept: str) -> tuple[int | None, bytes]:
        """robots.txt or tdmrep.json: ``(status, body)``; status ``None`` when the
        site gave no answer; an endless redirect chain reads as 404."""
        try:
            page = self._get(url, {"Accept": accept}, max_bytes, truncate=True, check_robots=False, retries=1,
                             fail_on_status=False)
        except (FetchTimeout, ConnectionFailed) as exc:
            LOGGER.info("%s", exc)
            return None, b""
        except TooManyRedirects:
            return 404, b""
        return page.status, page.content

    def _check_robots(self, url: str) -> None:
        try:
            rules = self._robots.rules_for(url)
        except AddressRefused as exc:
            raise AddressRefused(url, exc.host, exc.address, exc.reason, exc.allowable) from None
        except URLRefused as exc:
            raise RobotsDisallowed(url, f"its robots.txt cannot be fetched ({exc}); not fetching") from None
        host = httpx.URL(url).host
        self._limiter.set_crawl_delay(host, rules.crawl_delay(ROBOTS_TOKEN))
        if rules.state == "unreachable":
            raise RobotsDisallowed(url, f"{robots_url(url)} cannot be read (server error or no answer), "
                                        "which forbids crawling the site for now; try later")
        if not rules.allows(url, ROBOTS_TOKEN):
            raise RobotsDisallowed(url, f"{robots_url(url)} disallows it for {ROBOTS_TOKEN}; "
                                        "leave it out of the sources")

    def _get(self, url: str, headers: dict[str, str], max_bytes: int, *, truncate: bool,
             check_robots: bool, retries: int, fail_on_status: bool) -> FetchedPage:
        current = url
        passed: list[str] = []
        for _ in range(self.policy.max_redirects + 1):
            try:
                parsed = check_url(current, self.addresses, self.policy.https_only)
                if check_robots:
                    self._check_robots(current)
                answer = self._send(current, parsed.host, headers, max_bytes, truncate, retries)
            except AddressRefused as exc:
                raise AddressRefused(url, exc.host, exc.address, exc.reason, exc.allowable, current) from None
            except URLRefused as exc:
                if current == url:
                    raise
                raise URLRefused(url, f"redirects to {current}, which is refused: {exc.detail}") from None
            location = answer.header("location")
            if answer.status in REDIRECT_STATUSES and location:
                try:
                    target = str(parsed.join(location.strip()))
                except httpx.InvalidURL:
                    raise URLRefused(url, f"redirects to an invalid URL {location!r}; "
                                          "fetch the final address directly") from None
                passed.append(current)
                if target in passed:
                    raise RedirectLoop(url, "redirects in a loop (" + " -> ".join([*passed, target])
                                       + "); the site is misconfigured, leave the URL out")
                current = target
                continue
            if fail_on_status and answer.status >= 300 and answer.status != 304:
                raise HTTPStatusError(url, answer.status, _status_message(
                    answer.status, answer.tries, retry_after_seconds(answer.header("retry-after"))))
            media, charset = _content_type(answer.header("content-type"))
            return FetchedPage(url, current, answer.status, answer.headers, answer.body, charset,
                               media, tuple(passed), hashlib.sha256(answer.body).hexdigest())
        raise TooManyRedirects(url, f"more than {self.policy.max_redirects} redirects ("
                                    + " -> ".join(passed[:4]) + " ...); fetch the final address directly")

    def _send(self, url: str, host: str, headers: dict[str, str], max_bytes: int, truncate: bool,
              retries: int) -> _Answer:
        tries = 0
        while True:
            tries += 1
            failure: FetchError | None = None
            with self._limiter.slot(host), self._slots:
                try:
                    status, got, body = self._once(url, headers, max_bytes, truncate)
                except (FetchTimeout, ConnectionFailed) as exc:
                    failure = exc
            if failure is not None:
                if tries > retries:
                    raise failure
                self._limiter.defer(host, self.policy.backoff * 2 ** (tries - 1))
                continue
            answer = _Answer(status, got, body, tries)
            if status in RETRY_STATUSES and tries <= retries:
                asked = retry_after_seconds(answer.header("retry-after"))
                if asked is not None and asked > self.policy.max_retry_after:
                    return answer
                wait = max(self.policy.backoff * 2 ** (tries - 1), asked or 0.0)
                LOGGER.info("%s: %s, trying again in %.1f s", url, status, wait)
                self._limiter.defer(host, wait)
                continue
            return answer

    def _once(self, url: str, headers: dict[str, str], max_bytes: int,
              truncate: bool) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
        deadline = time.monotonic() + self.policy.total_timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                got = tuple((k.lower(), v) for k, v in response.headers.multi_items())
                if not 200 <= response.status_code < 300:
                    return response.status_code, got, b""
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes and not truncate:
                    raise ResponseTooLarge(url, f"the server announces {int(declared):,} bytes, over the "
                                                f"limit of {max_bytes:,}; nothing was read")
                body = bytearray()
                # iter_bytes() decompresses: the limit holds for the decompressed size.
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        if truncate:
                            del body[max_bytes:]
                            break
                        raise ResponseTooLarge(url, f"the body is over the limit of {max_bytes:,} bytes; "
                                                    "reading stopped there")
                    if time.monotonic() > deadline:
                        raise FetchTimeout(url, f"the transfer took over {self.policy.total_timeout:g} s; "
                                                "the site is too slow, try later")
                return response.status_code, got, bytes(body)
        except AddressRefused as exc:
            raise AddressRefused(url, exc.host, exc.address, exc.reason, exc.allowable) from None
        except httpx.TimeoutException as exc:
            raise FetchTimeout(url, f"no answer in time ({type(exc).__name__}: connect "
                                    f"{self.policy.connect_timeout:g} s, read {self.policy.read_timeout:g} s); "
                                    "the site may be slow or down, try later") from None
        except (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.InvalidURL) as exc:
            raise URLRefused(url, f"cannot be requested ({exc}); check the URL") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise ConnectionFailed(url, f"{type(exc).__name__}: {exc}; check the address, "
                                        "or try later if the site is down") from None
