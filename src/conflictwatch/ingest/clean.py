"""Tell the story apart from the page furniture in text pasted from a web page.

Works on lines. A line is boilerplate when it is: the title repeated, a section
label glued to the title (only the label), a photo caption or credit, a byline, a
"Related content" block, or page furniture and notices told by position and form
(:mod:`.notices`: copyright lines, menus, prompts and legal links, repeated short
labels, rights notices at the page's ends). A story line is never dropped for its
first word alone. The boilerplate is returned as spans; the text itself is never
changed, so every offset stays valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from .notices import Lines, page_notices, scan_lines, split_section
from .rights import notice_span

_CREDIT = re.compile(
    r"^\s*(?:photo(?:graph)?s?|image|picture|video|illustration|credit|source|file photo)\s*(?:by)?\s*[:©/|-]"
    r"|^\s*\(?(?:photo|image|picture)\s+(?:by|credit)\b"
    r"|(?:getty images|shutterstock|\bap photo\b|\bafp\b via|/ ?reuters$|/ ?afp$|/ ?ap$|press service$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})*\s*$"
    r"|(?:reporting|writing|editing|additional reporting) by\b"
    r"|^\s*(?:editorial desk|news desk|staff (?:reporter|writer)|our correspondent|\w+ correspondent|"
    r"\w+ desk|\w+ staff)\s*$)",
    re.IGNORECASE,
)
# A heading that opens a list of links to other stories, alone on its line.
_RELATED = re.compile(
    r"^\s*(?:related(?: articles?| content| stories| news| coverage| posts| reading)?|read more|read also|"
    r"also read|see also|more on this(?: story| topic)?|most read|most popular|"
    r"recommended(?: for you| stories| articles| reading)?|further reading|"
    r"you (?:may|might) also (?:like|enjoy|be interested in)(?: these| this| the following)?"
    r"(?: stories| articles| posts| news| reads)?|"
    r"more from [\w ]+|latest news|more stories|more news|trending(?: now| stories)?)\s*:?\s*$",
    re.IGNORECASE,
)
_READ_MORE_LINE = re.compile(r"^\s*(?:read more|read also|also read|see also|related)\s*:", re.IGNORECASE)
_MAX_LEADING_FURNITURE = 6
_SENTENCE_END = re.compile(r"[.!?\"”’]\s*$")
_WIRE_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-ÞĀ-Ž .'’()-]{1,40},[^\n]{0,60}?(?:--|—)")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Result of cleaning: the ``title`` (if the text starts with one), the
    ``boilerplate`` spans and the reservation ``notice`` (a span of a rights notice
    standing where notices stand, see :mod:`.notices`; also in ``boilerplate``)."""

    title: str | None
    title_span: Span | None
    boilerplate: tuple[Span, ...]
    notice: Span | None = None


def _lines(text: str) -> Lines:
    return Lines(text)


def _words(line: str) -> int:
    return len(line.split())


def _is_short_label(line: str) -> bool:
    """A short line without sentence punctuation: a caption, a heading, a link title."""
    return 0 < _words(line) <= 14 and not _SENTENCE_END.search(line)


def clean(text: str, title_hint: str | None = None) -> Cleaned:
    """Find the title and the boilerplate lines of ``text``.

    ``title_hint`` is a title known from elsewhere (HTML metadata, a JSONL field):
    lines repeating it are boilerplate and the story keeps one copy at most.
    """
    lines = _lines(text)
    content = [i for i in range(len(lines)) if lines[i][2].strip()]
    drop: set[int] = set()
    title: str | None = None
    title_span: Span | None = None

    # Title: the first line, unless the next line repeats it (then the first is a
    # copy, possibly with a section label glued in front: "FrontlineSpecial forces...").
    title_index: int | None = None
    # Furniture opening the page (a menu, a cookie banner) stands before the title.
    rules = page_notices()
    head = content
    while len(head) > 1 and len(content) - len(head) < _MAX_LEADING_FURNITURE \
            and rules.is_furniture(lines[head[0]][2], at_end=True):
        drop.add(head[0])
        head = head[1:]
    if head:
        first = head[0]
        first_text = lines[first][2].strip()
        second = lines[head[1]][2].strip() if len(head) > 1 else ""
        if second and (first_text == second or
                       (first_text.endswith(second) and len(second) >= 0.6 * len(first_text))):
            drop.add(first)
            title_index = head[1]
        elif len(head) > 1 and _words(first_text) <= 25 and not _SENTENCE_END.search(first_text) \
                and not _WIRE_DATELINE.match(first_text):
            title_index = first
        elif title_hint and first_text.endswith(title_hint.strip()):
            title_index = first
    extra: list[Span] = []
    if title_index is not None:
        s0, e0, _ = lines[title_index]
        title_span = _strip_span(text, s0, e0)
        title = title_span.text
        split = split_section(title)
        hint = (title_hint or "").strip()
        if split is None and hint and title != hint and title.endswith(hint) \
                and _words(title[:-len(hint)]) <= 4:
            # The page's markup told the title apart from a label glued before it.
            split = (title[:-len(hint)].strip(), hint)
        if split is not None:
            # A section label before the title ("WorldRebels...", "Europe | Rebels..."):
            # the label is furniture, the rest the title.
            rest_start = title_span.end - len(split[1])
            extra.append(_strip_span(text, title_span.start, rest_start))
            title_span = Span(rest_start, title_span.end, split[1])
            title = split[1]
        # Any later copy of the title is furniture.
        drop.update(i for i in content if i != title_index and lines[i][2].strip() == title)

    in_related = False
    for pos, i in enumerate(content):
        s, e, line = lines[i]
        stripped = line.strip()
        prev_blank = pos == 0 or content[pos - 1] != i - 1
        if in_related:
            # (A link's title is a headline: up to 20 words, never a full stop.)
            if 0 < _words(stripped) <= 20 and not _SENTENCE_END.search(stripped) and \
                    not (prev_blank and _words(stripped) > 10):
                drop.add(i)
                continue
            in_related = False
        if _RELATED.match(stripped):
            drop.add(i)
            in_related = True
            continue
        if (_CREDIT.search(stripped) and _words(stripped) <= 14) \
                or _READ_MORE_LINE.match(stripped) \
                or (_BYLINE.search(stripped) and _words(stripped) <= 12):
            drop.add(i)

    # Captions: a short label shown twice in a row (caption and alt text), or one
    # standing right before a photo credit.
    for a, b in zip(content, content[1:], strict=False):
        la, lb = lines[a][2].strip(), lines[b][2].strip()
        if la == lb and _is_short_label(la) and (title is None or la != title):
            drop.update((a, b))
        if b in drop and _CREDIT.search(lb) and _is_short_label(la):
            drop.add(a)

    # Furniture and notices by position and form (the page's ends, menus, prompts).
    found = scan_lines(lines, known=drop, skip=() if title_index is None else (title_index,))
    drop |= found.furniture
    notice = notice_span(lines, found.notice)
    spans = [_strip_span(text, lines[i][0], lines[i][1]) for i in sorted(drop)] + extra
    spans = [sp for sp in spans if sp.end > sp.start]
    spans.sort(key=lambda sp: sp.start)
    return Cleaned(title, title_span, tuple(_merge(spans, text)), notice)


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def _merge(spans: list[Span], text: str) -> list[Span]:
    merged: list[Span] = []
    for sp in spans:
        if merged and sp.start <= merged[-1].end:
            last = merged.pop()
            end = max(last.end, sp.end)
            merged.append(Span(last.start, end, text[last.start:end]))
        else:
            merged.append(sp)
    return merged


def mask(text: str, spans: tuple[Span, ...]) -> str:
    """``text`` with every span blanked out (same length, line breaks kept), so the
    extractor sees only the story while offsets still point into the original."""
    if not spans:
        return text
    parts = []
    pos = 0
    for sp in spans:
        parts.append(text[pos:sp.start])
        parts.append("".join("\n" if c == "\n" else " " for c in text[sp.start:sp.end]))
        pos = sp.end
    parts.append(text[pos:])
    return "".join(parts)
