"""A document's identity: the key that makes re-ingesting it a no-op.

A document is keyed by its canonical URL when it has one, else by the hash of its
text (``sha256:...``). The content hash (text and title) tells a new version of a
document from the same one read again.
"""

from __future__ import annotations

import hashlib

from .model import Document

def canonical_url(url: str) -> str | None:
    """``url`` in the canonical form that makes it a key (see
    :func:`conflictwatch.sources.canonical.canonical_url`), or ``None`` when it is not
    an http(s) URL."""
    from .errors import BadSource
    from .sources.canonical import canonical_url as canonical

    try:
        return canonical(url)
    except BadSource:
        return None


def content_hash(document: Document) -> str:
    """The hash of a document's text and title (white space collapsed)."""
    text = " ".join(document.text.split())
    title = " ".join((document.title or "").split())
    return hashlib.sha256(f"{title}\x1f{text}".encode()).hexdigest()


def document_key(document: Document) -> str:
    """The identity key of ``document``: canonical URL, else ``sha256:`` and its text's hash."""
    key = canonical_url(document.url) if document.url else None
    if key is not None:
        return key
    return "sha256:" + hashlib.sha256(" ".join(document.text.split()).encode()).hexdigest()


def document_id(key: str) -> str:
    """The stored id of the document with identity ``key``."""
    return "doc-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def incident_id(report_id: str) -> str:
    """The id of an incident started by the report ``report_id`` (stable across re-runs)."""
    return "ev-" + hashlib.sha256(report_id.encode()).hexdigest()[:16]
