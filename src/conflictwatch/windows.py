"""Long documents read in windows, with offsets kept true.

A news-database export of thousands of articles joined by blank lines is one
document of many megabytes. The pipeline reads it a window at a time: each window
is a stretch of about :data:`WINDOW_CHARS` characters ending at a paragraph break
where there is one, so memory stays flat and no sentence is cut. Where a stretch
has no paragraph break (one endless paragraph), the cut falls at a line break,
else after a sentence, else at a space, and neighbouring windows overlap by
:data:`OVERLAP_CHARS` so that a sentence crossing the cut is read whole by the
window it starts in. Each window reports only the events whose sentence starts in
its own stretch, and their offsets are moved back into the whole document.

Documents shorter than a window (every news article) are read whole, as before.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Claim, Document, Event, Evidence, Span

__all__ = ["WINDOW_CHARS", "OVERLAP_CHARS", "Window", "plan_windows", "boilerplate_ends", "window_document",
           "shift_event", "event_anchor"]

WINDOW_CHARS = 50_000
"""Characters per window: longer than nearly any single news article."""

OVERLAP_CHARS = 2_000
"""How far neighbouring windows overlap where a cut falls inside a paragraph."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+")


@dataclass(frozen=True, slots=True)
class Window:
    """One window of a long document.

    Fields: ``start`` and ``end`` (the characters the pipeline reads) and
    ``own_start`` and ``own_end`` (the stretch whose events the window reports;
    the stretches of successive windows tile the document without gaps).
    """

    start: int
    end: int
    own_start: int
    own_end: int


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text, lo, hi):  # noqa: B007 - the last one is wanted
        pass
    return last


def _cut(text: str, lo: int, hi: int) -> tuple[int, bool]:
    """Where to end a window that may end anywhere in ``lo..hi``: (position, soft).
    ``soft`` is true when the cut falls inside a paragraph."""
    m = _last(_PARAGRAPH_BREAK, text, lo, hi)
    if m is not None:
        return m.end(), False
    i = text.rfind("\n", lo, hi)
    if i >= 0:
        return i + 1, True
    m = _last(_SENTENCE_END, text, lo, hi)
    if m is not None:
        return m.end(), True
    i = text.rfind(" ", lo, hi)
    if i >= 0:
        return i + 1, True
    return hi, True


def _reach_back(text: str, cut: int, overlap: int) -> int:
    """Where a window after a soft cut starts: ``overlap`` characters before it, moved
    on to the next line or sentence start so that it does not open mid-sentence."""
    lo = max(0, cut - overlap)
    i = text.find("\n", lo, cut)
    if i >= 0:
        return i + 1
    m = _SENTENCE_END.search(text, lo, cut)
    return m.end() if m is not None else lo


def plan_windows(text: str, size: int = WINDOW_CHARS, overlap: int = OVERLAP_CHARS) -> Iterator[Window]:
    """The windows of ``text``: one for a text of up to ``size`` characters."""
    if size < 2:
        raise ValueError("a window must hold at least two characters")
    n = len(text)
    own_start = start = 0
    while True:
        if n - own_start <= size:
            yield Window(start, n, own_start, n)
            return
        cut, soft = _cut(text, own_start + size // 2, own_start + size)
        end = min(n, cut + overlap) if soft else cut
        yield Window(start, end, own_start, cut)
        start = _reach_back(text, cut, overlap) if soft else cut
        own_start = cut


def boilerplate_ends(document: Document) -> list[int]:
    """The ends of a document's boilerplate spans (sorted, as the spans are), for
    :func:`window_document`: computed once per document, not once per window."""
    return [s.end for s in document.boilerplate]


def window_document(document: Document, window: Window, ends: list[int], published: object = ...) -> Document:
    """The part of ``document`` a window reads: its text, the boilerplate inside it
    (offsets relative to the window; ``ends`` from :func:`boilerplate_ends`) and the
    title only for the first window. ``published`` replaces the document's date
    when given."""
    ws, we = window.start, window.end
    text = document.text[ws:we]
    spans = document.boilerplate
    kept = []
    for k in range(bisect_right(ends, ws), len(spans)):
        s = spans[k]
        if s.start >= we:
            break
        a, b = max(s.start, ws) - ws, min(s.end, we) - ws
        if b > a:
            kept.append(Span(a, b, text[a:b]))
    changes: dict[str, object] = {
        "text": text, "boilerplate": tuple(kept), "title": document.title if ws == 0 else None,
        "rights": dataclasses.replace(document.rights, notice=None) if document.rights.notice else document.rights,
    }
    if published is not ...:
        changes["published"] = published
    return dataclasses.replace(document, **changes)  # type: ignore[arg-type]


def _shift(span: Span, delta: int) -> Span:
    return Span(span.start + delta, span.end + delta, span.text)


def _shift_claim(claim: Claim, delta: int) -> Claim:
    return dataclasses.replace(claim, span=_shift(claim.span, delta),
                               claimant_span=_shift(claim.claimant_span, delta) if claim.claimant_span else None)


def shift_event(event: Event, delta: int) -> Event:
    """``event`` with every offset moved by ``delta`` (from a window into its document)."""
    if delta == 0:
        return event
    return dataclasses.replace(
        event,
        claims=tuple(_shift_claim(c, delta) for c in event.claims),
        evidence=tuple(Evidence(e.field, _shift(e.span, delta)) for e in event.evidence),
        sentence=_shift(event.sentence, delta) if event.sentence else None,
    )


def event_anchor(event: Event) -> int:
    """Where an event is told: its sentence's start, else its first evidence."""
    if event.sentence is not None:
        return event.sentence.start
    return min((e.span.start for e in event.evidence), default=0)
