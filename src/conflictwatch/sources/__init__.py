"""Sources stage: feeds, sitemaps and URL lists fetched from the network, politely and safely.

The ``ingest`` stage reads files; this one reads the web. Modules: ``fetch``
(the fetcher and its policy), ``netguard`` (addresses we do not connect to),
``robots``, ``rights`` (a site's TDMRep file), ``ratelimit`` and ``cache`` (the
interfaces the store implements).
"""

from .cache import MemoryStore, SourceState, SourceStateStore, UrlCache, UrlEntry
from .fetch import FetchedPage, Fetcher, FetchPolicy, default_user_agent
from .netguard import AddressPolicy, GuardedTransport, check_url
from .robots import RobotsRules

__all__ = [
    "AddressPolicy",
    "FetchPolicy",
    "FetchedPage",
    "Fetcher",
    "GuardedTransport",
    "MemoryStore",
    "RobotsRules",
    "SourceState",
    "SourceStateStore",
    "UrlCache",
    "UrlEntry",
    "check_url",
    "default_user_agent",
]
