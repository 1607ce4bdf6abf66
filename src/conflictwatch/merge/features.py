"""What the merge compares, read once from a document when its reports are made.

:func:`make_report` turns one extracted :class:`~conflictwatch.model.Event` into a
:class:`~conflictwatch.model.Report`: the event, where it came from, the details
that tell it apart from a look-alike (sites and times of day named in its own
sentence and evidence) and a MinHash signature of its words, so that wire copies
of one story are recognised even when the extractor read their places differently.
The text itself is read here and nowhere later: a reserved document's body is never
stored, and its reports still carry what the merge needs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from ..model import Document, Event, Report, Source
from .rules import MergeRules

SIGNATURE_SIZE = 64
"""MinHash permutations per report; signatures are compared position by position."""
BANDS = 8
"""Locality-sensitive hashing bands of ``SIGNATURE_SIZE // BANDS`` rows: two reports
whose signatures agree on a whole band become candidates (near duplicates)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is was were are be been has have had "
    "that this these those it its their they he she his her said says say according after before "
    "into over under near about than then also when where which who whom while".split())


def source_of(document: Document) -> Source:
    """The :class:`Source` naming ``document``."""
    return Source(document.id, document.url, document.title, document.site, document.published)


def report_id(document_id: str, version: int, index: int) -> str:
    """A report's id: stable for the same document version and event position."""
    digest = hashlib.sha256(f"{document_id}\x1f{version}\x1f{index}".encode()).hexdigest()
    return f"rep-{digest[:16]}"


def event_words(document: Document, event: Event) -> str:
    """The words an event was read from: its sentence and every evidence quote, with
    claimants' names blanked ("medics at Nasser Hospital said" names no site)."""
    parts = []
    if event.sentence is not None:
        start, end = event.sentence.start, event.sentence.end
        text = list(document.text[start:end])
        for claim in event.claims:
            span = claim.claimant_span
            if span is not None and start <= span.start and span.end <= end:
                text[span.start - start:span.end - start] = " " * (span.end - span.start)
        parts.append("".join(text))
    parts.extend(e.span.text for e in event.evidence)
    return " ".join(parts)


_CONTEXT = 60
"""Characters before a detail word searched for the words that send it elsewhere."""


def details_in(text: str, rules: MergeRules) -> tuple[str, ...]:
    """The detail groups (ids, sorted) whose words occur in ``text``, except where the
    words before one make it the place victims were taken to or died in."""
    lower = text.lower()
    found = set()
    for m in rules.detail_pattern.finditer(lower):
        if rules.elsewhere is not None and rules.elsewhere.search(lower[max(0, m.start() - _CONTEXT):m.start()]):
            continue
        found.add(rules.detail_of[m.group(1)].id)
    return tuple(sorted(found))


def _shingles(text: str) -> set[bytes]:
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOP]
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return {g.encode() for g in grams}


def signature(text: str) -> tuple[int, ...]:
    """A MinHash signature of ``text``'s words and word pairs (empty for no words)."""
    from datasketch import MinHash

    shingles = _shingles(text)
    if not shingles:
        return ()
    minhash = MinHash(num_perm=SIGNATURE_SIZE, seed=1)
    minhash.update_batch(list(shingles))
    return tuple(int(v) for v in minhash.hashvalues)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is empty)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def bands(sig: Sequence[int]) -> list[int]:
    """The signature's LSH bucket keys: one signed 63-bit integer per band."""
    if len(sig) != SIGNATURE_SIZE:
        return []
    rows = SIGNATURE_SIZE // BANDS
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in sig[band * rows:(band + 1) * rows])
        digest = hashlib.blake2b(f"{band}:{chunk}".encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def make_report(document: Document, version: int, index: int, event: Event, rules: MergeRules) -> Report:
    """The :class:`Report` of ``event``, the ``index``-th event of ``document``."""
    words = event_words(document, event)
    title = document.title or ""
    return Report(id=report_id(document.id, version, index), source=source_of(document),
                  document_version=version, index=index, event=event,
                  details=details_in(words, rules), signature=signature(f"{title} {words}"))


def make_reports(document: Document, version: int, events: Iterable[Event], rules: MergeRules) -> list[Report]:
    """The reports of every event of ``document``, in order."""
    return [make_report(document, version, i, e, rules) for i, e in enumerate(events)]
