"""Canonical URLs, so that one article is fetched and stored once.

Two links to one article differ in tracking parameters (``utm_source``,
``fbclid``...), in the order of the query, in case, default ports, ``..``
segments and fragments. :func:`canonical_url` removes those differences (with
courlan, plus the fragment and dot segments, which courlan keeps);
:func:`canonical_link` reads the page's own ``<link rel="canonical">`` when it
stays on the same site.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

from ..errors import BadSource


def _remove_dot_segments(path: str) -> str:
    if not path:
        return "/"
    if "." not in path:
        return path
    normalised = posixpath.normpath(path)
    if normalised == ".":
        normalised = "/"
    normalised = "/" + normalised.lstrip("/")
    if path.endswith("/") and not normalised.endswith("/"):
        normalised += "/"
    return normalised


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL.

    Lower-case scheme and host, no default port, no tracking parameters, query
    parameters sorted, no fragment, ``.``/``..`` segments resolved, an empty path
    written ``/``. Raises :class:`BadSource` for what is not an http(s) URL.
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadSource(f"{url!r} is not an http(s) URL; give a full address such as https://example.org/news/1")
    try:
        normalised = normalize_url(text)
    except ValueError as exc:
        raise BadSource(f"{url!r} is not a usable URL ({exc})") from None
    parts = urlsplit(normalised)
    path = _remove_dot_segments(parts.path)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def _site(host: str | None) -> str:
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def canonical_link(html: str, page_url: str) -> str | None:
    """The page's ``<link rel="canonical">``, made canonical, when it is on the same
    site as ``page_url`` (``www.`` aside); ``None`` otherwise.

    A canonical link to another site is ignored: a page cannot make itself
    stand for another site's article.
    """
    from lxml import etree
    from lxml import html as lxml_html

    head = html[:200_000]
    if "canonical" not in head.lower():
        return None
    try:
        tree = lxml_html.fromstring(head)
    except (ValueError, TypeError, etree.LxmlError):
        return None
    for node in tree.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        href = (node.get("href") or "").strip()
        if "canonical" in rel and href:
            absolute = urljoin(page_url, href)
            if _site(urlsplit(absolute).hostname) != _site(urlsplit(page_url).hostname):
                return None
            try:
                return canonical_url(absolute)
            except BadSource:
                return None
    return None
