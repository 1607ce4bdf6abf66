"""From a source to documents: list its items, fetch what is new, make Documents.

:func:`iter_documents_from_source` is what the ``ingest`` and ``watch`` commands
call for a source of the sources file; :func:`page_to_document` turns one
fetched page into a :class:`~conflictwatch.model.Document`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import logging
from collections.abc import Generator, Iterator
from dataclasses import dataclass

from ..errors import BadSource, FetchError, InputError, UnsupportedInput
from ..ingest import document_from_html, document_from_text
from ..ingest.sources import looks_like_html
from ..model import Document, Rights
from .cache import SourceState, SourceStateStore
from .canonical import canonical_link, canonical_url
from .config import Source
from .feeds import parse_feed
from .fetch import FEED_ACCEPT, FetchedPage, Fetcher
from .sitemaps import walk_sitemaps
from .urllists import parse_url_list, read_url_list

LOGGER = logging.getLogger(__name__)

DocumentOrError = Document | InputError
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})
_GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip"})
AUTO_ACCEPT = ("text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,"
               "application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.5")


@dataclass(frozen=True, slots=True)
class Item:
    """An article a source lists: ``url`` (canonical), ``title`` and ``published``
    (from the feed or sitemap, when given)."""

    url: str
    title: str | None = None
    published: dt.date | None = None


def page_to_document(page: FetchedPage, *, doc_id: str | None = None, published: dt.date | None = None,
                     language: str | None = None, site_rights: Rights | None = None) -> Document:
    """A :class:`Document` from a fetched page.

    HTML goes through :func:`conflictwatch.ingest.document_from_html` (main text,
    title, the page's original publication date via htmldate) with the response
    headers, so a ``tdm-reservation`` header counts, and ``site_rights`` (the
    site's tdmrep.json rule). ``published`` is used only when the page gives no
    date. ``doc_id`` defaults to the final URL. Raises :class:`InputError`
    subclasses for a page that is not an article.
    """
    doc_id = doc_id or page.final_url
    if page.not_modified or not page.content:
        raise BadSource(f"{page.url}: nothing to read (status {page.status}, empty body)")
    text = page.text()
    media = page.content_type
    headers = page.header_map()
    if media in _HTML_TYPES or ((media is None or media in _TEXT_TYPES) and looks_like_html(text)):
        document = document_from_html(text, doc_id, None, page.final_url, headers, site_rights=site_rights)
    elif media is None or media in _TEXT_TYPES:
        document = document_from_text(text, doc_id, None, page.final_url)
        if site_rights is not None and site_rights.tdm_reserved and not document.rights.tdm_reserved:
            document = dataclasses.replace(document, rights=site_rights)
    else:
        raise UnsupportedInput(f"{page.final_url}: a {media} document, not an HTML page or text; "
                               "leave it out of the source")
    if document.published is None and published is not None:
        document = dataclasses.replace(document, published=published)
    if language:
        document = dataclasses.replace(document, language=language)
    return document


def is_due(source: Source, state: SourceState | None, now: dt.datetime | None = None) -> bool:
    """Is it time to poll ``source``: never polled, or its poll interval has passed
    since the last poll (``now`` and the state's times in UTC)?"""
    if state is None or state.last_polled is None:
        return True
    return (now or dt.datetime.now(dt.timezone.utc)) - state.last_polled >= source.poll_interval


def detect_kind(page: FetchedPage) -> str:
    """What a fetched URL is: ``feed``, ``sitemap`` or ``url`` (an article).

    By the Content-Type first (RSS/Atom types are feeds, gzip is a sitemap,
    HTML and plain text are articles), and for XML (or no type) by the root
    element: ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` is a feed, ``<urlset>`` or
    ``<sitemapindex>`` a sitemap. Raises :class:`UnsupportedInput` for anything else.
    """
    media = page.content_type
    if media in _FEED_TYPES:
        return "feed"
    if media in _GZIP_TYPES or page.content[:2] == b"\x1f\x8b":
        return "sitemap"
    if media in _HTML_TYPES or media in _TEXT_TYPES:
        return "url"
    head = page.content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if media is None or media in _XML_TYPES or media.endswith("+xml"):
        for tag, kind in ((b"<rss", "feed"), (b"<feed", "feed"), (b"<rdf:rdf", "feed"),
                          (b"<urlset", "sitemap"), (b"<sitemapindex", "sitemap")):
            if tag in head:
                return kind
        if media is None and looks_like_html(page.content[:20000].decode("utf-8", errors="replace")):
            return "url"
    raise UnsupportedInput(f"{page.final_url}: a {media or 'typeless'} document that is neither an article, "
                           "a feed nor a sitemap; check the address")


def _read_text(fetcher: Fetcher, url: str) -> str:
    return fetcher.fetch(url, conditional=False, remember=False, accept="text/plain,*/*;q=0.5").text()


_Listing = tuple[list[Item | InputError], FetchedPage | None, dict[str, FetchedPage]]


def _list(source: Source, fetcher: Fetcher) -> _Listing:
    """The items a source lists now, the feed page whose validators to keep once
    they are all read, and pages already fetched while listing (an ``auto``
    source that is an article), by canonical URL. Raises :class:`InputError`
    when the source itself cannot be read."""
    if source.kind == "url":
        return [Item(source.location)], None, {}
    first: FetchedPage | None = None
    kind: str = source.kind
    if kind == "auto":
        first = fetcher.fetch(canonical_url(source.location), accept=AUTO_ACCEPT, remember=False)
        if first.not_modified:
            return [], None, {}
        kind = detect_kind(first)
        if kind == "url":
            return [Item(first.url)], None, {first.url: first}
    if kind == "feed":
        page = first or fetcher.fetch(source.location, accept=FEED_ACCEPT, remember=False)
        if page.not_modified:
            return [], None, {}
        entries = parse_feed(page.content, page.final_url).items
        return [Item(e.url, e.title, e.published.date() if e.published else None) for e in entries], page, {}
    if kind == "sitemap":
        start = first.url if first is not None else source.location

        def read(url: str) -> bytes:
            if first is not None and url == first.url:
                return first.content
            return fetcher.fetch(url, accept=FEED_ACCEPT, conditional=False, remember=False).content

        return [e if isinstance(e, InputError) else Item(e.url, None, e.lastmod.date() if e.lastmod else None)
                for e in walk_sitemaps(start, read)], None, {}
    lines: Iterator[str | InputError]
    if source.location.lower().startswith(("http://", "https://")):
        lines = parse_url_list(_read_text(fetcher, source.location), source.location)
    else:
        lines = read_url_list(source.location)
    return [u if isinstance(u, InputError) else Item(u) for u in lines], None, {}


def iter_documents_from_source(source: Source, fetcher: Fetcher, *, state: SourceStateStore | None = None,
                               recheck: bool = False) -> Generator[DocumentOrError, None, None]:
    """The new documents of one source, and the errors met on the way.

    Lists the source's items (a feed is asked for conditionally, so an
    unchanged feed lists nothing; an ``auto`` source is fetched conditionally
    once and read as the feed, sitemap or article it turns out to be), makes each item's URL canonical, and skips
    an item already seen in this run or already in ``fetcher.cache`` (with
    ``recheck``, a cached item is fetched again conditionally and kept only
    when its content changed). The rest are fetched in parallel (within the
    fetcher's limits) and turned into documents (:func:`page_to_document`),
    whose id is the canonical URL — the page's own canonical link when it is on
    the same site. A fetched page whose final or canonical URL is already known
    is skipped as well.

    Yields documents and :class:`InputError` objects (a :class:`FetchError` for
    a page that could not be fetched, a :class:`BadSource` for a bad feed or
    line); the caller reports the errors and goes on. A URL is recorded in the
    cache only after its document has been handed over and the next one asked
    for, so a crash in between fetches it again on the next run; a feed's
    validators are kept only once every item it listed has been read, so a
    poll cut short, or with pages that failed, asks for the whole feed again.
    With ``state``, the source's :class:`SourceState` is updated at the end
    (last poll, success or error, counts).
    """
    before = state.get_source_state(source.name) if state is not None else None
    listed = documents = failures = 0
    source_error: str | None = None
    finished = False
    try:
        try:
            found, feed_page, fetched = _list(source, fetcher)
        except InputError as exc:  # the feed, sitemap or list itself
            source_error = str(exc)
            yield exc
            return
        seen: set[str] = set()
        items: dict[str, Item] = {}
        for item in found:
            if isinstance(item, InputError):
                yield item
                continue
            listed += 1
            try:
                url = canonical_url(item.url)
            except BadSource as exc:
                yield exc
                continue
            if url in seen:
                continue
            seen.add(url)
            if (not recheck and url not in fetched and fetcher.cache is not None
                    and fetcher.cache.get_url(url) is not None):
                continue
            items[url] = dataclasses.replace(item, url=url)
        pending = [url for url in items if url not in fetched]
        results = itertools.chain(((url, fetched[url]) for url in items if url in fetched),
                                  fetcher.fetch_many(pending, conditional=recheck, remember=False))
        for url, result in results:
            if isinstance(result, FetchError):
                failures += 1
                yield result
                continue
            for document_or_error in _document(source, fetcher, items[url], result, seen):
                yield document_or_error
                if isinstance(document_or_error, Document):
                    documents += 1
        finished = True
        if feed_page is not None and failures == 0:
            fetcher.remember(feed_page)
    finally:
        if state is not None:
            now = dt.datetime.now(dt.timezone.utc)
            base = before or SourceState(source.name)
            state.put_source_state(dataclasses.replace(
                base, last_polled=now,
                last_success=now if finished else base.last_success,
                last_error=source_error,
                last_error_at=now if source_error is not None else base.last_error_at,
                items_seen=base.items_seen + listed, documents=base.documents + documents))


def _document(source: Source, fetcher: Fetcher, item: Item, page: FetchedPage,
              seen: set[str]) -> Iterator[DocumentOrError]:
    """The document of one fetched item (or nothing, when it is not new)."""
    cache = fetcher.cache
    if page.not_modified:
        return
    previous = cache.get_url(item.url) if cache is not None else None
    if previous is not None and previous.content_hash == page.content_hash:
        fetcher.remember(page, item.url)
        return
    final = canonical_url(page.final_url)
    declared = canonical_link(page.text(), page.final_url) if page.content_type in _HTML_TYPES else None
    doc_id = declared or final
    for alias in {final, doc_id} - {item.url}:
        if alias in seen or (cache is not None and cache.get_url(alias) is not None and previous is None):
            fetcher.remember(page, item.url)
            return
    seen.update({final, doc_id})
    try:
        site_rights = fetcher.site_rights(page.final_url)
    except FetchError as exc:
        LOGGER.warning("%s; the page's own rights signals still count", exc)
        site_rights = None
    try:
        document = page_to_document(page, doc_id=doc_id, published=item.published,
                                    language=source.language, site_rights=site_rights)
    except InputError as exc:
        yield exc
        return
    yield document
    for key in {item.url, final, doc_id}:
        fetcher.remember(page, key)
