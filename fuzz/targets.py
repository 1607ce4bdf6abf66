"""Fuzz targets: every parser the outside world feeds, each a function of bytes.

A target may reject its input with an :class:`~conflictwatch.errors.InputError`
(that is the documented answer to bad input); any other exception is a bug. Each
call's CPU time is measured, and the worst time per kilobyte (inputs under a
kilobyte count as one) is kept per target.

Used three ways: by ``tests/test_fuzz.py`` (Hypothesis strategies, and the slow
run of a million generated inputs), by ``fuzz/run_plain.py`` (generated inputs,
no coverage guidance) and by ``fuzz/fuzz_parsers.py`` (atheris, coverage-guided).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conflictwatch.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"

TARGET_NAMES = ("decode", "text", "html", "jsonl", "numbers", "dates", "claims", "rights", "clean",
                "language", "sentences", "published")
"""The parsers, in the order :meth:`Harness.dispatch` picks them by an input's first byte."""

_DECLARED = (None, "utf-8", "iso-8859-1", "text/html; charset=windows-1251", "utf-16", "shift_jis",
             "x-unknown-charset", "", "text/html", "charset=", "utf-32-be", "gb18030")
_PUBLISHED = dt.date(2024, 6, 3)
_LIMIT = 64 * 1000 * 1000


@dataclass
class Failure:
    """An uncaught exception: the ``target``, the ``data`` that raised it and the
    ``error`` (its traceback)."""

    target: str
    data: bytes
    error: str


@dataclass
class Stats:
    """What a fuzzing run saw: ``runs`` per target, ``failures``, and per target the
    worst seconds per kilobyte with the size of that input."""

    runs: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    worst: dict[str, tuple[float, int]] = field(default_factory=dict)
    worst_data: dict[str, bytes] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.runs.values())

    def worst_overall(self) -> tuple[str, float, int]:
        if not self.worst:
            return ("-", 0.0, 0)
        name = max(self.worst, key=lambda k: self.worst[k][0])
        return (name, *self.worst[name])

    def as_dict(self) -> dict[str, object]:
        name, per_kb, size = self.worst_overall()
        return {"runs": self.total, "runs_by_target": self.runs, "uncaught_exceptions": len(self.failures),
                "worst_seconds_per_kb": per_kb, "worst_target": name, "worst_input_bytes": size,
                "worst_by_target": {k: {"seconds_per_kb": v[0], "bytes": v[1]} for k, v in self.worst.items()}}


def _text(data: bytes) -> str:
    """The input as text, lone surrogates kept (they reach the parsers from JSON "\\ud800")."""
    try:
        return data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


class Harness:
    """The targets, with the pipeline they share built on first use."""

    def __init__(self) -> None:
        self._pipeline = None
        self.stats = Stats()
        self.targets: dict[str, Callable[[bytes], None]] = {
            "decode": self.decode, "text": self.text, "html": self.html, "jsonl": self.jsonl,
            "numbers": self.numbers, "dates": self.dates, "claims": self.claims, "rights": self.rights,
            "clean": self.clean, "language": self.language, "sentences": self.sentences,
            "published": self.published,
        }

    @property
    def pipeline(self):  # noqa: ANN201 - conflictwatch.pipeline.Pipeline, imported late
        if self._pipeline is None:
            from conflictwatch import Pipeline, resolve_settings

            self._pipeline = Pipeline.from_settings(resolve_settings())
        return self._pipeline

    # -- one target per parser -------------------------------------------------------

    def decode(self, data: bytes) -> None:
        from conflictwatch.ingest.decode import decode_bytes

        declared = _DECLARED[data[0] % len(_DECLARED)] if data else None
        decoded = decode_bytes(data[1:], "fuzz", declared)
        assert isinstance(decoded.text, str) and decoded.encoding

    def text(self, data: bytes) -> None:
        from conflictwatch.ingest.sources import document_from_bytes

        document = document_from_bytes(data, "fuzz", _PUBLISHED, html=False, max_bytes=_LIMIT)
        self._check(document, self.pipeline.extract(document))

    def html(self, data: bytes) -> None:
        from conflictwatch.ingest.sources import document_from_bytes

        document = document_from_bytes(data, "fuzz.html", _PUBLISHED, html=True, max_bytes=_LIMIT)
        self._check(document, self.pipeline.extract(document))

    def jsonl(self, data: bytes) -> None:
        from conflictwatch.ingest.sources import documents_from_stream

        for item in documents_from_stream(io.BytesIO(data), "fuzz.jsonl", None, max_bytes=1 << 16):
            if not isinstance(item, InputError):
                assert item.text.strip()

    def numbers(self, data: bytes) -> None:
        from conflictwatch.extract.numbers import find_quantities, words_to_int

        text = _text(data).lower()  # the extractor reads lower-cased text ("İ" lowers to two characters)
        for q in find_quantities(text):
            assert 0 <= q.low and (q.high is None or q.high >= 0) and 0 <= q.start <= q.end <= len(text)
        words_to_int(text)

    def dates(self, data: bytes) -> None:
        from conflictwatch.extract.dates import dateline_date, find_dates

        text = _text(data)
        for mention in find_dates(text, 0, len(text), _PUBLISHED):
            assert 0 <= mention.start <= mention.end <= len(text)
        dateline_date(text[:200], _PUBLISHED)

    def claims(self, data: bytes) -> None:
        from conflictwatch.extract.claims import find_claims

        text = _text(data)
        found, _ = find_claims(text, 0, len(text), 0, headline=bool(data[:1] == b"H"))
        for cm in found:
            span = cm.claim.span
            assert 0 <= span.start <= span.end <= len(text) and span.text == text[span.start:span.end]

    def rights(self, data: bytes) -> None:
        from conflictwatch.ingest.rights import detect, find_text_reservation

        text = _text(data)
        notice = find_text_reservation(text)
        if notice is not None:
            assert text[notice.start:notice.end] == notice.text
        detect(text, {"tdm-reservation": text[:3], "tdm-policy": text[3:40]})

    def clean(self, data: bytes) -> None:
        from conflictwatch.ingest.clean import clean, mask

        text = _text(data).replace("\r", "\n")
        cleaned = clean(text, text[:30] or None)
        for span in cleaned.boilerplate:
            assert text[span.start:span.end] == span.text
        assert len(mask(text, cleaned.boilerplate)) == len(text)

    def language(self, data: bytes) -> None:
        from conflictwatch.ingest.language import detect_language

        detect_language(_text(data))

    def sentences(self, data: bytes) -> None:
        from conflictwatch.extract.sentences import find_dateline, split

        text = _text(data)
        for s in split(text, data[:1] == b"U"):
            assert 0 <= s.start <= s.end <= len(text)
            find_dateline(text, s)

    def published(self, data: bytes) -> None:
        from conflictwatch.ingest.sources import parse_date

        parse_date(_text(data), "fuzz")

    # -- running -----------------------------------------------------------------------

    @staticmethod
    def _check(document: object, result: object) -> None:
        text = document.text  # type: ignore[attr-defined]
        for event in result.events:  # type: ignore[attr-defined]
            for evidence in event.evidence:
                assert text[evidence.span.start:evidence.span.end] == evidence.span.text

    def run(self, name: str, data: bytes, keep_going: bool = True) -> None:
        """Run one target on ``data``, timing it; an exception other than an
        :class:`InputError` is recorded (``keep_going``) or raised."""
        started = time.process_time()  # CPU time: on a shared machine, wall time counts others' turns
        try:
            self.targets[name](data)
        except InputError:
            pass
        except Exception:  # noqa: BLE001 - a fuzzer records every other exception as a bug
            if not keep_going:
                raise
            self.stats.failures.append(Failure(name, data, traceback.format_exc()))
        elapsed = time.process_time() - started
        per_kb = elapsed / max(1.0, len(data) / 1024)
        self.stats.runs[name] = self.stats.runs.get(name, 0) + 1
        if per_kb > self.stats.worst.get(name, (0.0, 0))[0]:
            self.stats.worst[name] = (per_kb, len(data))
            self.stats.worst_data[name] = data

    def warm_up(self) -> None:
        """Run each target once on a seed, untimed: the first call of a parser loads
        modules and compiles patterns, which is no property of the input."""
        pools = seeds()
        for name in TARGET_NAMES:
            try:
                self.targets[name](pools[name][0])
            except InputError:
                pass

    def dispatch(self, data: bytes, keep_going: bool = False) -> None:
        """Pick the target by the first byte and give it the rest (the atheris entry)."""
        if not data:
            return
        self.run(TARGET_NAMES[data[0] % len(TARGET_NAMES)], data[1:], keep_going)


# -- generated inputs ------------------------------------------------------------------

def seeds() -> dict[str, list[bytes]]:
    """Seed inputs per target, from the bundled test data."""
    def jsonl(name: str) -> list[dict]:
        return [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]

    articles = [r["text"] for r in jsonl("positive_texts.jsonl") + jsonl("wire_reports.jsonl")[:30]
                + jsonl("negative_texts.jsonl")[:30]]
    sentences = [r["text"] for r in jsonl("claims.jsonl") + jsonl("non_event_sentences.jsonl")]
    phrases = ["at least 12", "more than ninety", "between 10 and 15", "a family of five", "dozens of",
               "twenty-one", "one hundred and twelve", "1,200", "up to 40", "several dozen", "3.5 million",
               "on Tuesday", "last night", "10 JAN 90", "March 5", "2024-02-29", "the day before",
               "two days later", "overnight", "last week", "in January", "Sunday night"]
    notices = ["Text and data mining of this page is expressly reserved under Article 4(3) of "
               "Directive (EU) 2019/790.", "All TDM rights reserved.", "AI training prohibited.",
               "Copyright 2025. Reproduction without permission prohibited."]
    html = [f"<html><head><meta charset='utf-8'><title>{a.splitlines()[0]}</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in a.split("\n\n")) + "</article></body></html>" for a in articles[:40]]
    records = [json.dumps({"id": f"s{i}", "text": a, "published": "2024-06-03"}) for i, a in enumerate(articles[:40])]
    enc = [t.encode("utf-8") for t in articles[:20]]
    raw = enc + [t.encode("utf-16") for t in articles[:5]] + \
        [t.encode("latin-1", "replace") for t in articles[5:10]] + [b"\x7fELF\x02\x01\x01" + bytes(64)]
    words = [s.encode() for s in sentences]
    return {
        "decode": [b"\x00" + r for r in raw], "text": [a.encode() for a in articles],
        "html": [h.encode() for h in html], "jsonl": ["\n".join(records[k:k + 3]).encode() for k in range(0, 40, 3)],
        "numbers": [p.encode() for p in phrases] + words, "dates": [p.encode() for p in phrases] + words,
        "claims": words, "rights": [n.encode() for n in notices] + words[:20],
        "clean": [a.encode() for a in articles[:40]], "language": words[:40] + [a.encode() for a in articles[:10]],
        "sentences": [a.encode() for a in articles[:40]], "published": [b"2024-06-03", b"2024-02-29T10:00:00Z",
                                                                         b"29/02/2024", b"yesterday"],
    }


_INSERTS = ("\x00", "\ufeff", "\u202e", "\u0301", "\U0001f4a5", "\r\n", "\n\n", "\t", " " * 200, "—", "’",
            "\x1b[31m", "<p>", "</p>", "<script>", "]]>", "<!--", "&amp;", "&#0;", "\\u0000", '"', "{", "}",
            "killed ", "wounded ", "at least ", "more than ", "between ", " and ", "1,000,000,000,000 ",
            "9" * 400, "," * 300, ". " * 300, "A" * 2000, "killed " * 300, "on Monday " * 100,
            "in Kyiv, " * 100, "Mr. " * 200, "(" * 500, "-" * 1000, "\u00e9" * 100, "السلام ", "Москва ",
            "說", "\ud800", "I" * 3000 + " said", "Directive (EU) 2019/790 " * 20)


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """A random edit of ``data``: bytes flipped, a hostile string inserted, a piece of
    another seed spliced in, the input cut, repeated or upper-cased."""
    choice = rng.randrange(9)
    if not data:
        return rng.choice(pool)
    if choice == 0:
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if choice in (1, 2):
        at = rng.randrange(len(data) + 1)
        insert = rng.choice(_INSERTS).encode("utf-8", "surrogatepass")
        return data[:at] + insert + data[at:]
    if choice == 3:
        other = rng.choice(pool)
        a, b = sorted(rng.randrange(len(other) + 1) for _ in range(2))
        at = rng.randrange(len(data) + 1)
        return data[:at] + other[a:b] + data[at:]
    if choice == 4:
        a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
        return data[a:b]
    if choice == 5:
        return data.upper()
    if choice == 6:
        return data * rng.randint(2, 6)
    if choice == 7:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 512)))
    return data.decode("utf-8", "replace").encode(rng.choice(("utf-16", "utf-8-sig", "latin-1", "cp1251")),
                                                  "replace")


def generated(count: int, seed: int = 0, max_bytes: int = 8_192) -> Iterator[tuple[str, bytes]]:
    """``count`` inputs spread over the targets in turn: each a seed edited one to
    four times, at most ``max_bytes`` long."""
    rng = random.Random(seed)
    pools = seeds()
    for k in range(count):
        name = TARGET_NAMES[k % len(TARGET_NAMES)]
        pool = pools[name]
        data = rng.choice(pool)
        for _ in range(rng.randint(1, 4)):
            data = mutate(rng, data, pool)
        yield name, data[:max_bytes]


def run_generated(count: int, seed: int = 0, harness: Harness | None = None,
                  progress: Callable[[int, Stats], None] | None = None, every: int = 10_000) -> Stats:
    """Run ``count`` generated inputs across the parsers; returns the stats."""
    harness = harness or Harness()
    harness.warm_up()
    for k, (name, data) in enumerate(generated(count, seed), start=1):
        harness.run(name, data)
        if progress is not None and k % every == 0:
            progress(k, harness.stats)
    return harness.stats
