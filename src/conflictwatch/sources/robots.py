"""robots.txt, read with protego for our user agent, cached per site.

What a site's robots.txt answer means (RFC 9309, as the large crawlers read it):

- **2xx**: the file's rules apply to the product token ``ConflictWatch`` (or the
  ``*`` group); only the first 500 KiB are read.
- **4xx** (404, 403, 410...): there is no robots.txt for us: everything is
  allowed.
- **429, 5xx, or no answer** (timeout, refused connection): the site is
  *unreachable* and nothing on it is fetched; we ask again after 10 minutes.
- **Redirects** are followed (up to the fetcher's redirect limit); a chain that
  does not end is read as 4xx.

A parsed or missing robots.txt is kept for a day (RFC 9309 asks not to keep it
longer). A ``Crawl-delay`` for our agent is handed to the rate limiter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from protego import Protego

from .cache import TtlCache

LOGGER = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024
KEEP_SECONDS = 24 * 3600.0
UNREACHABLE_SECONDS = 600.0

RobotsState = Literal["parsed", "missing", "unreachable"]
SiteFileFetch = Callable[[str], tuple[int | None, bytes]]
"""Fetches a site-wide file (robots.txt, tdmrep.json): ``url -> (status, body)``;
status ``None`` when the site gave no answer."""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the scope of robots.txt and tdmrep.json."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc.rsplit('@', 1)[-1]).lower()}"


def robots_url(url: str) -> str:
    """The robots.txt URL that governs ``url``."""
    return origin_of(url) + "/robots.txt"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """One site's robots.txt as read.

    Fields: ``origin`` (``scheme://host[:port]``); ``state`` (``parsed``,
    ``missing``: a 4xx, all allowed, or ``unreachable``: a 5xx or no answer,
    nothing allowed); ``parser`` (protego's, when parsed).
    """

    origin: str
    state: RobotsState
    parser: Protego | None = field(default=None, compare=False)

    def allows(self, url: str, agent: str) -> bool:
        """May ``agent`` (a product token such as ``ConflictWatch``) fetch ``url``?"""
        if self.state == "unreachable":
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        """The Crawl-delay (seconds) for ``agent``, or its request rate as a delay."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        if delay is not None:
            return float(delay)
        rate = self.parser.request_rate(agent)
        if rate is not None and rate.requests:
            return float(rate.seconds) / float(rate.requests)
        return None

    def sitemaps(self) -> tuple[str, ...]:
        """The Sitemap URLs the file lists."""
        return tuple(self.parser.sitemaps) if self.parser is not None else ()


def rules_from_response(origin: str, status: int | None, body: bytes) -> RobotsRules:
    """Read a robots.txt answer by the rules in this module's docstring."""
    if status is None or status == 429 or status >= 500:
        return RobotsRules(origin, "unreachable")
    if 200 <= status < 300:
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
        return RobotsRules(origin, "parsed", Protego.parse(text))
    return RobotsRules(origin, "missing")


class RobotsCache:
    """robots.txt per site, fetched once and kept (a day; 10 minutes when unreachable)."""

    def __init__(self, fetch: SiteFileFetch, cache: TtlCache[RobotsRules] | None = None) -> None:
        self._fetch = fetch
        self._cache: TtlCache[RobotsRules] = cache or TtlCache()

    def rules_for(self, url: str) -> RobotsRules:
        """The rules of the site ``url`` is on (fetched on first use)."""
        origin = origin_of(url)

        def load() -> tuple[RobotsRules, float]:
            status, body = self._fetch(origin + "/robots.txt")
            rules = rules_from_response(origin, status, body)
            LOGGER.debug("robots.txt of %s: %s (status %s)", origin, rules.state, status)
            return rules, UNREACHABLE_SECONDS if rules.state == "unreachable" else KEEP_SECONDS

        return self._cache.get(origin, load)
