"""Main text and metadata of an HTML page (trafilatura and htmldate)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import BadDocument, MissingDependency
from ..model import Rights
from .rights import combine, declared, detect


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page gives: ``text`` (the story, paragraphs on lines),
    ``title``, ``published``, ``url``, ``site`` and ``rights``."""

    text: str
    title: str | None
    published: dt.date | None
    url: str | None
    site: str | None
    rights: Rights


# Characters XML (and so lxml) refuses: C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF. Browsers drop them; so does the parser's input here.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _meta_tags(html: str) -> dict[str, str]:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return {}
    meta: dict[str, str] = {}
    for node in tree.iter("meta"):
        name = (node.get("name") or node.get("property") or "").strip().lower()
        if name and name not in meta:
            meta[name] = node.get("content") or ""
    return meta


def _visible_text(html: str) -> str:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        return "\n".join(t.strip() for t in tree.itertext() if t.strip())
    except (ValueError, TypeError):
        return ""


def parse_html(html: str, source: str, url: str | None = None,
               headers: dict[str, str] | None = None, site_rights: Rights | None = None) -> Page:
    """Extract the story and metadata from ``html``.

    ``source`` names the input in error messages; ``headers`` are HTTP response
    headers when the page was fetched (a ``tdm-reservation`` header counts);
    ``site_rights`` is what the site's tdmrep.json says for the page (the meta
    tag and the header supersede it, see :func:`.rights.declared`).
    """
    try:
        import trafilatura
    except ModuleNotFoundError as exc:
        raise MissingDependency("trafilatura", "Reading HTML pages") from exc
    html = _NOT_XML.sub("", html)
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_precision=True, include_comments=False,
        include_tables=False, date_extraction_params={"original_date": True, "extensive_search": True},
    )
    result = None if isinstance(result, dict) else result  # a dict only when asked for one (as_dict)
    if result is None or not (result.text or "").strip():
        raise BadDocument(f"{source}: no article text found in this HTML page; "
                          "check that the page is an article, or give its text instead")
    published = None
    if result.date:
        try:
            published = dt.date.fromisoformat(result.date[:10])
        except ValueError:
            published = None
    header_meta = {k.lower(): v for k, v in (headers or {}).items()}
    rights = combine(result.text or "", declared(_meta_tags(html), header_meta, site_rights))
    if not rights.tdm_reserved:
        # The notice often sits in a footer the extractor drops: look at all visible text.
        # Its words are then not in the story, so there is no span to point at.
        outside = detect(_visible_text(html))
        if outside.tdm_reserved:
            rights = Rights(True, "page text", None, None)
    return Page(result.text or "", result.title, published, url or result.url, result.sitename, rights)
