"""Each field's evidence in context: a document's text cut into segments, each
carrying the marks (field evidence, claims) that cover it, for a template to
print with its own escaping.

Offsets point into the document version a report was made from. When the stored
text is another version, or a span's words no longer match its stored quote, that
span is shown as its quote only; a document whose body was not kept (rights
reserved) shows quotes only.
"""

from __future__ import annotations

import re
from itertools import pairwise
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Report, Span, StoredDocument

FIELD_LABELS = {"event_type": "type", "sub_event_type": "type", "date": "date", "location": "place",
                "actors": "actors", "actor1": "actor", "actor2": "actor", "fatalities": "killed",
                "wounded": "wounded", "claims": "claim"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: ``anchor`` (its element id), ``kind`` (``claim`` or
    ``field``), ``label`` (what it supports, for people), ``span``."""

    anchor: str
    kind: str
    label: str
    span: Span


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text under the same marks: ``text``, ``anchors`` (of the marks
    covering it), ``starts`` (anchors of marks that begin here), ``kinds`` and ``labels``."""

    text: str
    anchors: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """A report's evidence for the page: ``report``, ``document`` (``None`` if it is
    gone), ``segments`` (the text with marks; empty when only quotes can be shown),
    ``quotes`` (marks shown as quotes) and ``note`` (why quotes only)."""

    report: Report | None
    document: StoredDocument | None
    segments: tuple[Segment, ...]
    quotes: tuple[Mark, ...]
    note: str | None


def _label(field: str) -> str:
    head = re.split(r"[.\[]", field)[0]
    return FIELD_LABELS.get(head, head.replace("_", " "))


def report_marks(report: Report, prefix: str) -> list[Mark]:
    """Every claim and field-evidence span of ``report`` (anchors start with ``prefix``)."""
    marks = [Mark(f"{prefix}-c{i}", "claim", f"{c.figure} {c.low}" + (f"–{c.high}" if c.high not in (None, c.low)
                                                                      else "+" if c.high is None else ""),
                  c.span) for i, c in enumerate(report.event.claims)]
    marks.extend(Mark(f"{prefix}-e{i}", "field", _label(e.field), e.span) for i, e in enumerate(report.event.evidence)
                 if not e.field.startswith("claims"))  # a claim's own span is marked above
    return marks


def distinct(marks: Sequence[Mark]) -> tuple[Mark, ...]:
    """``marks`` without repeats: a field's evidence on a claim's own words, or a
    second field of the same label on the same words (type and sub-type), is left out."""
    out: list[Mark] = []
    seen: set[tuple[str, int, int]] = set()
    claimed = {(m.span.start, m.span.end) for m in marks if m.kind == "claim"}
    for m in marks:
        key = (m.label, m.span.start, m.span.end)
        if key in seen or (m.kind == "field" and (m.span.start, m.span.end) in claimed):
            continue
        seen.add(key)
        out.append(m)
    return tuple(out)


def _matches(body: str, span: Span) -> bool:
    if span.end > len(body) or span.start >= span.end:
        return False
    words = " ".join(body[span.start:span.end].split())
    quote = span.text.rstrip("…")
    return bool(quote) and words.startswith(quote)


def segments(body: str, marks: Sequence[Mark]) -> tuple[Segment, ...]:
    """``body`` cut at every mark's ends, each piece with the marks covering it."""
    cuts = sorted({0, len(body), *(m.span.start for m in marks), *(m.span.end for m in marks)})
    out = []
    for start, end in pairwise(cuts):
        covering = [m for m in marks if m.span.start <= start and end <= m.span.end]
        starting = tuple(m.anchor for m in marks if m.span.start == start)
        out.append(Segment(body[start:end], tuple(m.anchor for m in covering), starting,
                           tuple(dict.fromkeys(m.kind for m in covering)),
                           tuple(dict.fromkeys(m.label for m in covering))))
    return tuple(out)


def context(report: Report, document: StoredDocument | None, prefix: str) -> Context:
    """``report``'s evidence in ``document``'s text (see the module docstring)."""
    marks = report_marks(report, prefix)
    if document is None:
        return Context(report, None, (), distinct(marks), "the document is no longer stored")
    if document.body is None:
        return Context(report, document, (), distinct(marks),
                       "the publisher reserved text-and-data-mining rights: only the stored quotes are shown")
    body = document.body
    placed = [m for m in marks if _matches(body, m.span)]
    loose = distinct([m for m in marks if m not in placed])
    note = None
    if loose:
        note = (f"the document has changed since this report was made (version {report.document_version}, "
                f"now {document.version}): {len(loose)} quote(s) shown apart")
    return Context(report, document, segments(body, placed), loose, note)


def document_contexts(document: StoredDocument, reports: Iterable[Report]) -> Context:
    """Every report's marks in one document's text (the document page)."""
    marks: list[Mark] = []
    first: Report | None = None
    for i, report in enumerate(reports):
        first = first or report
        marks.extend(report_marks(report, f"r{i}"))
    if document.body is None:
        return Context(first, document, (), distinct(marks),
                       "the publisher reserved text-and-data-mining rights: only the stored quotes are shown")
    placed = [m for m in marks if _matches(document.body, m.span)]
    loose = distinct([m for m in marks if m not in placed])
    return Context(first, document, segments(document.body, placed), loose,
                   "quotes from an older version of the text are shown apart" if loose else None)
