"""The extractor's output on every test document, in a compact, deterministic form.

``scripts/update_snapshot.py`` writes it to ``tests/snapshot/`` (one file per corpus,
one JSON line per document); ``tests/test_snapshot.py`` compares the current output
with it, so that a change meant to move knowledge from code into data, and that
should change nothing, is seen to change nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictwatch import document_from_text
from conflictwatch.ingest.sources import parse_date
from conflictwatch.model import Document, Event, Range, Result

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshot"

CORPORA: tuple[tuple[str, Path], ...] = tuple(
    (path.stem, path) for path in sorted((ROOT / "tests" / "data").glob("*.jsonl"))
) + tuple(
    (f"gold-{path.stem}", path) for path in sorted((ROOT / "tests" / "data" / "gold").glob("*.jsonl"))
) + tuple(
    (f"examples-{path.stem}", path) for path in sorted((ROOT / "examples").glob("*.jsonl"))
)
"""Every corpus of test documents, by snapshot name: tests/data/*.jsonl (positives,
negatives, claims, non-event sentences...), the gold files and the examples."""

TEXT_FILES: tuple[tuple[str, Path, dt.date], ...] = (
    ("kursk-sof-clash", ROOT / "tests" / "data" / "kursk-sof-clash.txt", dt.date(2025, 1, 10)),
)
"""Single-article text files, with the publication date their tests use."""


@dataclass(frozen=True)
class Corpus:
    """One snapshot file: its name and its documents, in file order."""

    name: str
    documents: tuple[Document, ...]


def _document(row: dict, source: Path) -> Document:
    doc_id = str(row["id"])
    published = row.get("published")
    date = parse_date(published, doc_id) if isinstance(published, str) else None
    return document_from_text(row["text"], doc_id, date, row.get("url"), row.get("title"), site=row.get("site"))


def corpora() -> Iterator[Corpus]:
    """Every test document, corpus by corpus."""
    for name, path in CORPORA:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        yield Corpus(name, tuple(_document(r, path) for r in rows
                                 if isinstance(r.get("text"), str) and r["text"].strip()))
    for name, path, date in TEXT_FILES:
        yield Corpus(name, (document_from_text(path.read_text(encoding="utf-8"), name, date),))


def _range(value: Range | None) -> list[int] | None:
    return None if value is None else [value.low, value.best, value.high]


def _event(event: Event) -> dict[str, object]:
    loc = event.location
    return {
        "type": event.event_type,
        "sub": event.sub_event_type,
        "date": [event.date.isoformat() if event.date else None, event.date_precision],
        "loc": None if loc is None else [loc.name, loc.country_code, loc.admin1, loc.precision],
        "actors": [[a.name, str(a.role)] for a in event.actors],
        "killed": _range(event.fatalities),
        "wounded": _range(event.wounded),
        "claims": [[str(c.figure), c.low, c.high, c.span.start, c.span.end, c.claimant]
                   for c in event.claims],
    }


def line(result: Result) -> str:
    """One document's snapshot line: its id and each event, compact, keys in a fixed order."""
    record = {"id": result.document.id, "events": [_event(e) for e in result.events]}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def render(corpus: Corpus, extract: Callable[[Document], Result]) -> list[str]:
    """The snapshot lines of one corpus."""
    return [line(extract(doc)) for doc in corpus.documents]


def path_of(name: str) -> Path:
    """The snapshot file of corpus ``name``."""
    return SNAPSHOT / f"{name}.jsonl"
