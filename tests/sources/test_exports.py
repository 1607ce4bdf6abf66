"""The sources package's public names: all importable, nothing private, the list sorted."""

from __future__ import annotations

import conflictwatch.sources as sources


def test_exported_members():
    assert sources.__all__ == sorted(sources.__all__)
    for name in sources.__all__:
        assert not name.startswith("_") and getattr(sources, name) is not None
    for needed in ("Fetcher", "FetchPolicy", "FetchedPage", "UrlCache", "SourceStateStore", "MemoryStore",
                   "Source", "load_sources", "iter_documents_from_source", "page_to_document"):
        assert needed in sources.__all__


def test_memory_store_implements_both_protocols():
    store = sources.MemoryStore()
    assert isinstance(store, sources.UrlCache) and isinstance(store, sources.SourceStateStore)
