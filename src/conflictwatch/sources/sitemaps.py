"""Sitemaps (sitemaps.org): URL sets, sitemap indexes, gzip, and plain-text lists.

:func:`parse_sitemap` reads one file; :func:`walk_sitemaps` follows an index to
its sitemaps with a depth and count limit. The XML is parsed without entity
expansion or network access.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import BadSource, InputError

MAX_URLS = 50_000
"""The protocol's limit of URLs in one sitemap file; more are ignored."""
MAX_UNZIPPED = 50 * 1024 * 1024
"""The protocol's limit of an uncompressed sitemap (50 MiB)."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One ``<url>`` of a sitemap: ``url`` and ``lastmod`` (UTC, or ``None``)."""

    url: str
    lastmod: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap file: ``url``; ``entries`` (its pages) and ``sitemaps``
    (for a sitemap index, the sitemap URLs it lists)."""

    url: str
    entries: tuple[SitemapEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()


def gunzip(data: bytes, url: str, limit: int = MAX_UNZIPPED) -> bytes:
    """Decompress gzip ``data``, refusing more than ``limit`` bytes of output."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise BadSource(f"{url}: broken gzip data ({exc}); check the sitemap address") from None
    if len(out) > limit:
        raise BadSource(f"{url}: more than {limit // (1024 * 1024)} MiB once decompressed; "
                        "the sitemap protocol allows no more, split the sitemap")
    return out


def _lastmod(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    value = text.strip().replace("Z", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value[:10]), dt.time())
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _http(url: str, base: str) -> str | None:
    absolute = urljoin(base, url.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """Parse one sitemap file read from ``url`` (XML, gzip-compressed XML or text).

    An XML ``<urlset>`` gives entries, a ``<sitemapindex>`` gives sitemap URLs,
    a text file gives one URL per line. Raises :class:`BadSource` naming ``url``.
    """
    from lxml import etree

    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, url)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        lines = data.decode("utf-8", errors="replace").splitlines()
        urls = [u for u in (_http(line, url) for line in lines if line.strip()) if u][:MAX_URLS]
        if not urls and any(line.strip() for line in lines):
            raise BadSource(f"{url}: neither an XML sitemap nor a list of URLs; check the sitemap address")
        return Sitemap(url, tuple(SitemapEntry(u) for u in urls))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise BadSource(f"{url}: not well-formed XML ({exc}); check the sitemap address") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise BadSource(f"{url}: an XML document with <{kind}>, not a <urlset> or <sitemapindex>; "
                        "check the sitemap address")
    entries: list[SitemapEntry] = []
    children: list[str] = []
    for node in root:
        name = _local(node.tag)
        if name not in ("url", "sitemap"):
            continue
        fields = {_local(child.tag): (child.text or "").strip() for child in node}
        location = _http(fields.get("loc", ""), url) if fields.get("loc") else None
        if location is None:
            continue
        if kind == "urlset" and name == "url":
            entries.append(SitemapEntry(location, _lastmod(fields.get("lastmod"))))
        elif kind == "sitemapindex" and name == "sitemap":
            children.append(location)
        if len(entries) + len(children) >= MAX_URLS:
            break
    return Sitemap(url, tuple(entries), tuple(children))


def walk_sitemaps(url: str, read: Callable[[str], bytes], max_depth: int = 2,
                  max_files: int = 200) -> Iterator[SitemapEntry | InputError]:
    """Entries of the sitemap at ``url``, following sitemap indexes.

    ``read(url)`` returns a file's bytes (it raises :class:`InputError` on
    failure); at most ``max_depth`` levels of indexes and ``max_files`` files
    are read, each once. A file that cannot be read or parsed is yielded as
    its error, and the walk goes on with the others.
    """
    queue: list[tuple[str, int]] = [(url, 0)]
    seen: set[str] = set()
    while queue and len(seen) < max_files:
        current, depth = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            sitemap = parse_sitemap(read(current), current)
        except InputError as exc:
            yield exc
            continue
        yield from sitemap.entries
        if sitemap.sitemaps and depth >= max_depth:
            yield BadSource(f"{current}: a sitemap index nested deeper than {max_depth} levels; "
                            "its sitemaps are not read")
            continue
        queue.extend((child, depth + 1) for child in sitemap.sitemaps)
