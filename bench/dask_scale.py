"""Dask scale-out: articles per second ingesting one archive, single process vs a Dask cluster.

Usage: .venv/bin/python bench/dask_scale.py [--articles 10000] [--workers 2] [--batch 200] [--commit-every 50]

The archive is a JSONL file of ``--articles`` documents built from the bundled
test texts (conflict reports, wire stories, merge-corpus reports of the same
incidents from several outlets, texts that report no event), each with its own
id, URL and a publication date moved on every round through the texts
(:func:`conflictwatch.testing.build_archive`). Both runs ingest it into a fresh
SQLite store the way ``conflictwatch ingest`` does: read, extract, store, merge
(``--commit-every`` documents per transaction, as the command's option).
Start-up (loading the pipeline; starting the cluster and loading the workers'
pipelines) is timed apart from the ingest itself. Target: the Dask run with 2
workers at least 1.7 times the single process's rate on 2 cores. The two stores
are compared at the end (documents, reports, events).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CORPORA = ("positive_texts.jsonl", "wire_reports.jsonl", "recent_reports.jsonl", "field_reports.jsonl",
           "merge_corpus.jsonl", "negative_texts.jsonl")


def load_rows() -> list[dict]:
    rows = []
    for name in CORPORA:
        path = ROOT / "tests" / "data" / name
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def counts(url: str) -> dict[str, int]:
    from conflictwatch.store import Store

    with Store.open(url) as store, store.reading() as reader:
        return reader.counts()


def worker_cpu() -> float:
    """CPU seconds this (worker) process has used."""
    return time.process_time()


def single_extract(archive: Path) -> tuple[float, float, int, float]:
    """Read, extract and make reports in this process; nothing stored."""
    import dataclasses

    from conflictwatch import Pipeline, resolve_settings
    from conflictwatch.identity import document_id, document_key
    from conflictwatch.ingest import documents_from_path
    from conflictwatch.merge import load_rules, make_reports
    from conflictwatch.model import Document

    started = time.perf_counter()
    pipeline = Pipeline.from_settings(resolve_settings())
    pipeline.resources.gazetteer()
    pipeline.resources.actors()
    rules = load_rules()
    loaded = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    reports = 0
    for doc in documents_from_path(str(archive)):
        if isinstance(doc, Document):
            events = pipeline.extract(doc).events
            stored = dataclasses.replace(doc, id=document_id(document_key(doc)))
            reports += len(make_reports(stored, 1, events, rules))
    return loaded, time.perf_counter() - started, reports, time.process_time() - cpu


def dask_extract(archive: Path, workers: int, batch: int) -> tuple[float, float, int, float]:
    """Read, extract and make reports on a local cluster, results back in order; nothing stored."""
    from conflictwatch import resolve_settings
    from conflictwatch.parallel import ClusterOptions, iter_extracted, open_client
    from conflictwatch.parallel.worker import warm_up

    settings = resolve_settings()
    options = ClusterOptions(None, workers, batch)
    started = time.perf_counter()
    with open_client(options) as client:
        client.run(warm_up, str(settings.data_dir), None)
        loaded = time.perf_counter() - started
        before = sum(client.run(worker_cpu).values()) + time.process_time()
        started = time.perf_counter()
        reports = sum(len(getattr(x, "reports", ())) for x in
                      iter_extracted([str(archive)], None, client, options, str(settings.data_dir), None))
        elapsed = time.perf_counter() - started
        cpu = sum(client.run(worker_cpu).values()) + time.process_time() - before
        return loaded, elapsed, reports, cpu


def single(archive: Path, url: str, commit_every: int) -> tuple[float, float, object, float, float]:
    """``conflictwatch ingest ARCHIVE``: read, extract, store, merge."""
    from conflictwatch import resolve_settings
    from conflictwatch.cli import make_recorder
    from conflictwatch.ingest import documents_from_path
    from conflictwatch.record import ingest
    from conflictwatch.store import Store

    started = time.perf_counter()
    with Store.open(url) as store:
        recorder = make_recorder(resolve_settings(), store)
        loaded = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        with recorder.batched(commit_every):
            summary = ingest(recorder, documents_from_path(str(archive)), lambda message: None)
        return loaded, time.perf_counter() - started, summary, time.process_time() - cpu, 0.0


def on_dask(archive: Path, url: str, workers: int, batch: int,
            commit_every: int) -> tuple[float, float, object, float, float]:
    """``conflictwatch ingest ARCHIVE --engine dask``: extraction on the workers, storing and
    merging in this process."""
    from conflictwatch import resolve_settings
    from conflictwatch.cli import make_recorder
    from conflictwatch.parallel import ClusterOptions, ingest_on_cluster, open_client
    from conflictwatch.parallel.worker import warm_up
    from conflictwatch.store import Store

    settings = resolve_settings()
    options = ClusterOptions(None, workers, batch)
    started = time.perf_counter()
    with Store.open(url) as store, open_client(options) as client:
        recorder = make_recorder(settings, store)
        client.run(warm_up, str(settings.data_dir), None)
        loaded = time.perf_counter() - started
        workers_before = sum(client.run(worker_cpu).values())
        started, cpu = time.perf_counter(), time.process_time()
        with recorder.batched(commit_every):
            summary = ingest_on_cluster(recorder, [str(archive)], None, client, options, str(settings.data_dir),
                                        None, lambda message: None)
        elapsed, driver = time.perf_counter() - started, time.process_time() - cpu
        return loaded, elapsed, summary, driver, sum(client.run(worker_cpu).values()) - workers_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--commit-every", type=int, default=50, help="documents per transaction (default 50)")
    parser.add_argument("--stage", choices=("extract", "ingest", "both"), default="both",
                        help="extract: read, extract and make reports, nothing stored; ingest: the whole "
                             "ingest command (the store and merging included); both (default)")
    args = parser.parse_args()

    from conflictwatch.testing import build_archive

    with tempfile.TemporaryDirectory(prefix="cw-scale-") as tmp:
        folder = Path(tmp)
        archive = folder / "archive.jsonl"
        build_archive(load_rows(), args.articles, archive)
        words = sum(len(json.loads(line)["text"].split()) for line in archive.open(encoding="utf-8"))
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"archive: {args.articles} articles, {words / args.articles:.0f} words each")
        n = args.articles
        dask_label = f"dask, {args.workers} workers, {args.batch} per task"
        if args.stage in ("extract", "both"):
            loaded, a, reports, cpu_a = single_extract(archive)
            print(f"extraction, single process: start-up {loaded:.1f} s; {n / a:.1f} articles/s ({a:.1f} s); "
                  f"{reports} reports; CPU {1000 * cpu_a / n:.1f} ms/article")
            loaded, b, reports_d, cpu_b = dask_extract(archive, args.workers, args.batch)
            print(f"extraction, {dask_label}: start-up {loaded:.1f} s; {n / b:.1f} articles/s ({b:.1f} s); "
                  f"{reports_d} reports; CPU {1000 * cpu_b / n:.1f} ms/article (workers and driver)")
            print(f"  ratio {a / b:.2f} (target >= 1.7 on 2 cores); load average {os.getloadavg()[0]:.1f}")
        if args.stage in ("ingest", "both"):
            found = {}
            loaded, a, summary, cpu, _ = single(archive, f"sqlite:///{folder / 'single.db'}", args.commit_every)
            found["single"] = counts(f"sqlite:///{folder / 'single.db'}")
            print(f"ingest, single process: start-up {loaded:.1f} s; {n / a:.1f} articles/s ({a:.1f} s); "
                  f"CPU {1000 * cpu / n:.1f} ms/article; {summary.line()}")  # type: ignore[attr-defined]
            loaded, b, summary, driver, workers = on_dask(archive, f"sqlite:///{folder / 'dask.db'}", args.workers,
                                                          args.batch, args.commit_every)
            found["dask"] = counts(f"sqlite:///{folder / 'dask.db'}")
            print(f"ingest, {dask_label}: start-up {loaded:.1f} s; {n / b:.1f} articles/s ({b:.1f} s); "
                  f"CPU {1000 * driver / n:.1f} ms/article in the driver (recording), "
                  f"{1000 * workers / n:.1f} on the workers; {summary.line()}")  # type: ignore[attr-defined]
            print(f"  ratio {a / b:.2f}; load average {os.getloadavg()[0]:.1f}; the same store: "
                  f"{found['single'] == found['dask']} ({found['dask']})")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
