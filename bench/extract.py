"""Extraction throughput and peak memory on ~600-word articles, one core.

Usage: .venv/bin/python bench/extract.py [--articles N] [--src DIR] [--json]

``--src`` imports the extractor from another source tree (say an older commit checked
out by ``git worktree add /tmp/old COMMIT``: ``--src /tmp/old/src``); bench/extract_ab.py
runs several trees interleaved, round after round, and reports medians.

Articles are built from the bundled conflict reports (positive_texts.jsonl and
wire_reports.jsonl: mixed case, several incidents each, about 600 words) and,
separately, the MUC-4 wire texts (capitals).
Target: >= 200 articles of ~600 words per second, peak memory <= 400 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load(name: str) -> list[dict]:
    path = ROOT / "tests" / "data" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_articles(rows: list[dict], n: int) -> list[tuple[str, dt.date]]:
    """``n`` articles of ~600 words, each the bodies of consecutive rows under one headline:
    bodies are added while the total comes closer to 600 words than without them."""
    out = []
    i = 0
    while len(out) < n:
        parts, words = [], 0
        while True:
            body = rows[i % len(rows)]["text"].split("\n\n", 1)[-1]
            size = len(body.split())
            if parts and abs(words + size - 600) >= abs(words - 600):
                break
            parts.append(body)
            words += size
            i += 1
        title = rows[i % len(rows)]["text"].split("\n", 1)[0]
        out.append((title + "\n\n" + "\n\n".join(parts), dt.date.fromisoformat(rows[i % len(rows)]["published"])))
    return out


def article_sets(n: int) -> dict[str, list[tuple[str, dt.date]]]:
    """Two streams: conflict reports only (the dense, harder case), and reports alternating
    with texts that report no event (closer to a news feed). Both are built from fixed
    corpora, so the figures stay comparable as the corpora grow."""
    reports = load("positive_texts.jsonl") + load("wire_reports.jsonl")
    negatives = load("negative_texts.jsonl")[:len(reports)]
    alternating = [row for pair in zip(reports, negatives, strict=False) for row in pair]
    return {"conflict reports": build_articles(reports, n), "reports and non-events": build_articles(alternating, n)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the source tree to import conflictwatch from (default: this checkout's)")
    parser.add_argument("--json", action="store_true", help="one JSON line of figures instead of the report")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))

    from conflictwatch import Pipeline, document_from_text, resolve_settings

    started = time.perf_counter()
    pipeline = Pipeline.from_settings(resolve_settings())
    pipeline.resources.gazetteer()
    pipeline.resources.actors()
    load_time = time.perf_counter() - started

    streams = []
    for name, articles in article_sets(args.articles).items():
        words = sum(len(t.split()) for t, _ in articles)
        docs = [document_from_text(t, f"a{i}", d) for i, (t, d) in enumerate(articles)]
        pipeline.extract(docs[0])
        started, cpu = time.perf_counter(), time.process_time()
        events = sum(len(pipeline.extract(d).events) for d in docs)
        streams.append((name, len(docs), words, events, time.perf_counter() - started, time.process_time() - cpu))

    muc = [r for r in load("gold/muc4_tst3.jsonl")]
    muc_words = sum(len(r["text"].split()) for r in muc)
    muc_docs = [document_from_text(r["text"], r["id"]) for r in muc]
    started, cpu = time.perf_counter(), time.process_time()
    for d in muc_docs:
        pipeline.extract(d)
    muc_elapsed, muc_cpu = time.perf_counter() - started, time.process_time() - cpu

    ingest_started = time.perf_counter()
    for t, d in articles:  # the last stream's articles
        document_from_text(t, "x", d)
    ingest = time.perf_counter() - ingest_started

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        figures: dict[str, float] = {"startup_s": load_time, "peak_mb": peak}
        for key, (_, count, _, _, elapsed, cpu_s) in zip(("dense", "mixed"), streams, strict=True):
            figures[f"{key}_per_s"] = count / elapsed
            figures[f"{key}_per_cpu_s"] = count / cpu_s
        figures["muc_per_s"] = len(muc_docs) / muc_elapsed
        figures["muc_per_cpu_s"] = len(muc_docs) / muc_cpu
        print(json.dumps(figures))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"start-up (gazetteer + actor dictionary): {load_time:.2f} s")
    for name, count, words, events, elapsed, cpu_s in streams:
        print(f"{name} (mixed case): {count} articles, {words / count:.0f} words each, "
              f"{events / count:.1f} events each: {count / elapsed:.0f} articles/s ({words / elapsed:,.0f} words/s; "
              f"{count / cpu_s:.0f} per CPU second)")
    print(f"  ingest (cleaning, rights) alone: {len(articles) / ingest:.0f} articles/s")
    print(f"wire capitals (MUC-4): {len(muc_docs)} texts, {muc_words / len(muc_docs):.0f} words each: "
          f"{len(muc_docs) / muc_elapsed:.0f} texts/s ({muc_words / muc_elapsed:,.0f} words/s; "
          f"{len(muc_docs) / muc_cpu:.0f} per CPU second)")
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
