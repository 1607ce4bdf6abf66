"""Long documents read in windows: the stretches tile the text, offsets stay true."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictwatch import Pipeline, document_from_text
from conflictwatch.windows import event_anchor, plan_windows

from conftest import load_jsonl

pieces = st.sampled_from(["word ", "Word. ", "\n", "\n\n", "x" * 40, "  \n \n", "a.b ", "…"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=400).map("".join), st.integers(2, 300), st.integers(0, 50))
def test_windows_tile_the_text(text, size, overlap):
    windows = list(plan_windows(text, size, overlap))
    assert windows[0].own_start == 0 and windows[-1].own_end == len(text)
    for a, b in zip(windows, windows[1:], strict=False):
        assert a.own_end == b.own_start and a.own_start < a.own_end
    for w in windows:
        assert w.start <= w.own_start <= w.own_end <= w.end <= len(text)
        assert w.own_end - w.own_start <= size
        assert w.end - w.start <= size + 2 * overlap


def _export(n: int) -> tuple[str, list[str]]:
    rows = load_jsonl("positive_texts.jsonl")[:n]
    return "\n\n".join(r["text"] for r in rows), [r["text"] for r in rows]


def test_a_long_text_in_windows_keeps_offsets_true(pipeline):
    text, _ = _export(30)
    doc = document_from_text(text, "export", dt.date(2025, 1, 10))
    small = Pipeline(pipeline.components, pipeline.resources, window_chars=3000)
    parts = list(small.extract_parts(doc))
    assert len(parts) > 5 and all(p.document is parts[0].document for p in parts)
    events = [e for p in parts for e in p.events]
    assert len(events) > 30
    anchors = [event_anchor(e) for e in events]
    assert anchors == sorted(anchors)
    for event in events:
        for evidence in event.evidence:
            assert doc.text[evidence.span.start:evidence.span.end] == evidence.span.text
        for claim in event.claims:
            assert doc.text[claim.span.start:claim.span.end] == claim.span.text
        assert doc.text[event.sentence.start:event.sentence.end] == event.sentence.text
    assert small.extract(doc).events == tuple(events)


def test_windows_cut_at_paragraphs_read_each_article_as_alone(pipeline):
    """An export of articles cut at paragraph breaks finds what each article alone gives."""
    text, articles = _export(12)
    doc = document_from_text(text, "export", dt.date(2025, 1, 10))
    small = Pipeline(pipeline.components, pipeline.resources, window_chars=1500)
    windowed = small.extract(doc).events
    alone = 0
    for article in articles:
        alone += len(pipeline.extract(document_from_text(article, "a", dt.date(2025, 1, 10))).events)
    assert abs(len(windowed) - alone) <= alone // 5


def test_a_short_document_is_one_part(pipeline):
    doc = document_from_text(load_jsonl("positive_texts.jsonl")[0]["text"], "x", dt.date(2025, 1, 10))
    parts = list(pipeline.extract_parts(doc))
    assert len(parts) == 1
    ann = pipeline.annotate(doc)
    assert parts[0].events == ann.events and parts[0].document == ann.document


def test_first_window_settles_the_publication_date(pipeline):
    text, _ = _export(10)
    wire = "KYIV, March 5, 2025 (Wire) -- Russian shelling killed three civilians in Kharkiv on Monday.\n\n" + text
    doc = document_from_text(wire, "export")
    small = Pipeline(pipeline.components, pipeline.resources, window_chars=2000)
    result = small.extract(doc)
    assert dataclasses.replace(result.document, published=None) == doc
    assert result.document.published == dt.date(2025, 3, 5)


@pytest.mark.slow
def test_time_grows_linearly_with_the_text(pipeline):
    """A quarter of the text takes about a quarter of the time (it took a sixteenth, as the
    time grew with the square of the length, before the span look-ups were indexed)."""
    import time

    rows = load_jsonl("wire_reports.jsonl") + load_jsonl("field_reports.jsonl") + load_jsonl("long_reports.jsonl")
    whole = "\n\n".join(r["text"] for r in rows * 3)
    timings = []
    for text in (whole[:len(whole) // 4], whole):
        doc = document_from_text(text, "export", dt.date(2025, 1, 10))
        started = time.process_time()
        for _ in pipeline.extract_parts(doc):
            pass
        timings.append(time.process_time() - started)
    assert timings[1] / timings[0] < 6, timings
