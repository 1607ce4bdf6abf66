"""A document's identity: the key that makes re-ingesting it a no-op.

A document is keyed by its canonical URL when it has one, else by the hash of its
text (``sha256:...``). The content hash (text and title) tells a new version of a
document from the same one read again.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .model import Document

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref_src", "igshid")


def canonical_url(url: str) -> str:
    """``url`` normalised so that one article has one key: scheme and host in lower
    case, default port, fragment and tracking parameters dropped, query sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80 if scheme == "http" else 443) else None
    netloc = host + (f":{port}" if port else "")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith(_TRACKING))
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def content_hash(document: Document) -> str:
    """The hash of a document's text and title (white space collapsed)."""
    text = " ".join(document.text.split())
    title = " ".join((document.title or "").split())
    return hashlib.sha256(f"{title}\x1f{text}".encode()).hexdigest()


def document_key(document: Document) -> str:
    """The identity key of ``document``: canonical URL, else ``sha256:`` and its text's hash."""
    if document.url and document.url.strip().lower().startswith(("http://", "https://")):
        return canonical_url(document.url)
    return "sha256:" + hashlib.sha256(" ".join(document.text.split()).encode()).hexdigest()


def document_id(key: str) -> str:
    """The stored id of the document with identity ``key``."""
    return "doc-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def incident_id(report_id: str) -> str:
    """The id of an incident started by the report ``report_id`` (stable across re-runs)."""
    return "ev-" + hashlib.sha256(report_id.encode()).hexdigest()[:16]
