"""RSS and Atom feeds: the items' links, titles and publication times (feedparser)."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser

from ..errors import BadSource

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed item.

    Fields: ``url`` (the item's link, absolute); ``title``; ``published``
    (UTC, from the item's published or else updated time; ``None`` when the feed
    gives neither); ``id`` (the item's guid or Atom id).
    """

    url: str
    title: str | None = None
    published: dt.datetime | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: ``url`` (where it was read), ``title`` and ``items`` in feed order."""

    url: str
    title: str | None
    items: tuple[FeedItem, ...]


def _time(entry: feedparser.FeedParserDict) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _link(entry: feedparser.FeedParserDict, base: str) -> str | None:
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links", [])
                   if link.get("rel", "alternate") == "alternate"]
    candidates.append(entry.get("id"))
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            absolute = urljoin(base, candidate.strip())
            if urlsplit(absolute).scheme in ("http", "https"):
                return absolute
    return None


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse an RSS or Atom document read from ``url``.

    Relative links are resolved against ``url``; items without an http(s) link
    are left out (and logged). Raises :class:`BadSource` naming ``url`` when the
    document is not a feed.
    """
    # A file-like object: given bytes or a str, feedparser may read a local file
    # or fetch a URL of that name itself.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url},
                              sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise BadSource(f"{url}: not an RSS or Atom feed{detail}; check the feed address in the sources file")
    items: list[FeedItem] = []
    skipped = 0
    for entry in parsed.entries:
        link = _link(entry, url)
        if link is None:
            skipped += 1
            continue
        title = entry.get("title")
        items.append(FeedItem(link, title.strip() if isinstance(title, str) and title.strip() else None,
                              _time(entry), entry.get("id") or None))
    if skipped:
        LOGGER.info("%s: %d feed items without an http(s) link left out", url, skipped)
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return Feed(url, title or None, tuple(items))
