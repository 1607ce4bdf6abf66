"""Sources stage: feeds, sitemaps and URL lists fetched from the network, politely and safely.

The ``ingest`` stage reads files; this one reads the web::

    from conflictwatch import resolve_settings
    from conflictwatch.sources import Fetcher, MemoryStore, load_sources, iter_documents_from_source
    sources = load_sources("sources.toml")
    with Fetcher.from_settings(resolve_settings(), cache=MemoryStore()) as fetcher:
        for item in iter_documents_from_source(sources.sources[0], fetcher):
            ...  # a Document, or an InputError to report and skip

Modules: ``fetch`` (the fetcher and its policy), ``netguard`` (addresses we do
not connect to), ``robots``, ``rights`` (TDMRep file), ``ratelimit``, ``cache``
(the interfaces the store implements), ``feeds``, ``sitemaps``, ``urllists``,
``canonical``, ``config`` (the sources file) and ``documents``.
"""

from .cache import MemoryStore, SourceState, SourceStateStore, UrlCache, UrlEntry
from .canonical import canonical_link, canonical_url
from .config import Source, SourcesFile, load_sources, parse_sources
from .documents import Item, detect_kind, is_due, iter_documents_from_source, page_to_document
from .feeds import Feed, FeedItem, parse_feed
from .fetch import FetchedPage, Fetcher, FetchPolicy, default_user_agent
from .netguard import AddressPolicy, GuardedTransport, check_url
from .robots import RobotsRules
from .sitemaps import Sitemap, SitemapEntry, parse_sitemap, walk_sitemaps
from .urllists import parse_url_list, read_url_list

__all__ = [
    "AddressPolicy",
    "Feed",
    "FeedItem",
    "FetchPolicy",
    "FetchedPage",
    "Fetcher",
    "GuardedTransport",
    "Item",
    "MemoryStore",
    "RobotsRules",
    "Sitemap",
    "SitemapEntry",
    "Source",
    "SourceState",
    "SourceStateStore",
    "SourcesFile",
    "UrlCache",
    "UrlEntry",
    "canonical_link",
    "canonical_url",
    "check_url",
    "default_user_agent",
    "detect_kind",
    "is_due",
    "iter_documents_from_source",
    "load_sources",
    "page_to_document",
    "parse_feed",
    "parse_sitemap",
    "parse_sources",
    "parse_url_list",
    "read_url_list",
    "walk_sitemaps",
]
