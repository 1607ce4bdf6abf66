"""From a source to documents: list its items, fetch what is new, make Documents.

:func:`iter_documents_from_source` is what the ``ingest`` and ``watch`` commands
call for a source of the sources file; :func:`page_to_document` turns one
fetched page into a :class:`~conflictwatch.model.Document`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator
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
        document = document_from_html(text, doc_id, None, page.final_url, headers, site_rights)
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


def _read_text(fetcher: Fetcher, url: str) -> str:
    return fetcher.fetch(url, conditional=False, remember=False, accept="text/plain,*/*;q=0.5").text()


def _list(source: Source, fetcher: Fetcher) -> tuple[list[Item | InputError], FetchedPage | None]:
    """The items a source lists now, and the feed page whose validators to keep
    once they are all read. Raises :class:`InputError` when the source itself
    cannot be read."""
    if source.kind == "url":
        return [Item(source.location)], None
    if source.kind == "feed":
        page = fetcher.fetch(source.location, accept=FEED_ACCEPT, remember=False)
        if page.not_modified:
            return [], None
        entries = parse_feed(page.content, page.final_url).items
        return [Item(e.url, e.title, e.published.date() if e.published else None) for e in entries], page
    if source.kind == "sitemap":
        def read(url: str) -> bytes:
            return fetcher.fetch(url, accept=FEED_ACCEPT, conditional=False, remember=False).content

        return [e if isinstance(e, InputError) else Item(e.url, None, e.lastmod.date() if e.lastmod else None)
                for e in walk_sitemaps(source.location, read)], None
    lines: Iterator[str | InputError]
    if source.location.lower().startswith(("http://", "https://")):
        lines = parse_url_list(_read_text(fetcher, source.location), source.location)
    else:
        lines = read_url_list(source.location)
    return [u if isinstance(u, InputError) else Item(u) for u in lines], None


def iter_documents_from_source(source: Source, fetcher: Fetcher, *, state: SourceStateStore | None = None,
                               recheck: bool = False) -> Iterator[DocumentOrError]:
    """The new documents of one source, and the errors met on the way.

    Lists the source's items (a feed is asked for conditionally, so an
    unchanged feed lists nothing), makes each item's URL canonical, and skips
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
            found, feed_page = _list(source, fetcher)
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
            if not recheck and fetcher.cache is not None and fetcher.cache.get_url(url) is not None:
                continue
            items[url] = dataclasses.replace(item, url=url)
        for url, result in fetcher.fetch_many(items, conditional=recheck, remember=False):
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
