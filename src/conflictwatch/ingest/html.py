"""Main text and metadata of an HTML page (trafilatura and htmldate)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadDocument, MissingDependency
from ..model import Rights
from .notices import page_notices, split_section
from .rights import combine, declared, detect

if TYPE_CHECKING:
    from lxml.html import HtmlElement


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


def _meta_tags(tree: HtmlElement | None) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in () if tree is None else tree.iter("meta"):
        name = (node.get("name") or node.get("property") or "").strip().lower()
        if name and name not in meta:
            meta[name] = node.get("content") or ""
    return meta


# Markup that sets a section label apart inside the heading, and markup that holds
# the page's notices (footers, legal and rights blocks).
_LABEL_MARKUP = re.compile(r"kicker|eyebrow|overline|label|section|categor|rubric|flag|badge|tag|topic|live", re.I)
_NOTICE_MARKUP = re.compile(r"footer|copyright|legal|rights|disclaimer|notice|terms|colophon|imprint|impressum", re.I)
_SQUASH = re.compile(r"\W+")


def _squash(text: str) -> str:
    return _SQUASH.sub("", text).lower()


def _parse(html: str) -> HtmlElement | None:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html)
    except (ValueError, TypeError, etree.LxmlError):
        return None


def title_without_label(tree: HtmlElement | None, title: str | None) -> str | None:
    """``title`` without a section label that the page's heading markup sets apart
    (``<h1><span class="kicker">World</span>Rebels shell...</h1>``, read as
    "WorldRebels shell..."), or a label the text form shows (:func:`.notices.split_section`)."""
    if not title:
        return title
    for heading in () if tree is None else tree.iter("h1"):
        full = " ".join(heading.text_content().split())
        for child in heading.iterdescendants():
            label = " ".join(child.text_content().split())
            if not label or len(label.split()) > 4 or not full.startswith(label):
                continue
            marked = _LABEL_MARKUP.search(f"{child.get('class') or ''} {child.get('id') or ''}")
            if not marked and split_section(f"{label} | x") is None:
                continue
            rest = full[len(label):].strip(" |-–—:·")
            if rest and _squash(title) == _squash(label + rest):
                return rest
    split = split_section(title)
    return split[1] if split is not None else title


_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul"})
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})


def _block_lines(node: HtmlElement) -> list[str]:
    """The visible text of ``node``, one line per block (a paragraph, a list item),
    so a sentence broken by inline links stays whole."""
    from lxml import etree

    parts: list[str] = []
    hidden = 0
    for event, el in etree.iterwalk(node, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN_TAGS:
                hidden += 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag and not hidden and el.text:
                parts.append(el.text)
        else:
            if tag in _HIDDEN_TAGS:
                hidden -= 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el is not node and not hidden and el.tail:
                parts.append(el.tail)
    return [line for line in (" ".join(x.split()) for x in "".join(parts).split("\n")) if line]


def _notice_blocks(tree: HtmlElement) -> list[HtmlElement]:
    """The outermost footer and legal/rights blocks of a page."""
    from lxml import etree

    found: list[HtmlElement] = []
    inside = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        marks = f"{'footer' if el.tag == 'footer' else ''} {el.get('class') or ''} {el.get('id') or ''} " \
                f"{'footer' if el.get('role') == 'contentinfo' else ''}"
        marked = _NOTICE_MARKUP.search(marks) is not None
        if event == "start":
            if marked and not inside:
                found.append(el)
            inside += marked
        else:
            inside -= marked
    return found


def _notice_in_markup(tree: HtmlElement | None) -> bool:
    """Does a footer or a legal/rights block of the page word a reservation?"""
    if tree is None:
        return False
    rules = page_notices()
    for node in _notice_blocks(tree):
        for line in _block_lines(node):
            if not rules.reported(line) and rules.speaks_of_rights(line) and rules.reserves(line):
                return True
    return False


def _visible_text(tree: HtmlElement | None) -> str:
    return "" if tree is None else "\n".join(_block_lines(tree))


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
    tree = _parse(html)
    rights = combine(result.text or "", declared(_meta_tags(tree), header_meta, site_rights))
    if not rights.tdm_reserved:
        # The notice often sits in a footer the extractor drops: look in the page's
        # footer and legal blocks, then at the ends of all visible text. Its words are
        # then not in the story, so there is no span to point at.
        if _notice_in_markup(tree) or detect(_visible_text(tree)).tdm_reserved:
            rights = Rights(True, "page text", None, None)
    title = title_without_label(tree, result.title)
    return Page(result.text or "", title, published, url or result.url, result.sitename, rights)
