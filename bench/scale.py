"""Time and peak memory of ``conflictwatch extract`` as inputs grow.

Usage: .venv/bin/python bench/scale.py [--text-mb 1 5 50] [--jsonl-docs 10000 100000] [--workdir DIR]
       .venv/bin/python bench/scale.py --dask [--articles 10000] [--stage ingest|extract|both]

Builds its inputs from the bundled test texts (tests/data: conflict reports, long
reports, negatives, claims, GED headlines): one text file per size, the articles
joined by blank lines as a news-database export is, and JSONL files of that many
documents. Each is run through the command as a user would
(``conflictwatch extract FILE -o OUT``), one at a time, and measured from outside:
wall time, CPU time and the peak resident memory of the process (``wait4``).
Prints a table with the CPU time per megabyte (or per thousand documents) at each
size, start-up (one short article's run) taken off: work growing linearly keeps it
flat. Target: peak memory under 400 MB at
every size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SOURCES = ("positive_texts.jsonl", "wire_reports.jsonl", "field_reports.jsonl", "recent_reports.jsonl",
           "long_reports.jsonl", "negative_texts.jsonl", "claims.jsonl", "non_event_sentences.jsonl",
           "gold/ged_ukraine_headlines.jsonl", "gold/muc4_tst3.jsonl")


def rows() -> list[dict]:
    out = []
    for name in SOURCES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append({"text": row["text"], "published": row.get("published")})
    return out


def make_text(path: Path, megabytes: float, texts: list[dict]) -> int:
    """Articles joined by blank lines up to ``megabytes`` (10^6 bytes); returns the size."""
    limit = int(megabytes * 1_000_000)
    size = 0
    with path.open("w", encoding="utf-8") as out:
        i = 0
        while True:
            text = texts[i % len(texts)]["text"].strip() + "\n\n"
            n = len(text.encode("utf-8"))
            if size + n > limit:
                break
            out.write(text)
            size += n
            i += 1
    return size


def make_jsonl(path: Path, documents: int, texts: list[dict]) -> int:
    with path.open("w", encoding="utf-8") as out:
        for i in range(documents):
            row = texts[i % len(texts)]
            out.write(json.dumps({"id": f"doc-{i}", "text": row["text"], "published": row["published"]},
                                 ensure_ascii=False) + "\n")
    return path.stat().st_size


def measure(args: list[str]) -> tuple[float, float, float]:
    """Run the command; (wall seconds, CPU seconds, peak resident MB).

    CPU time (user + system) is what shows how the work grows: on a shared machine
    the wall time also counts the other jobs' turns."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({code}): {stderr.strip()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=float, nargs="*", default=[1, 5, 50])
    parser.add_argument("--jsonl-docs", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, default=None, help="where inputs go (default: a temporary folder)")
    parser.add_argument("--dask", action="store_true",
                        help="instead: articles per second ingesting a 10,000-article archive in one process and "
                             "on a local Dask cluster of 2 workers, and their ratio (bench/dask_scale.py; the "
                             "options after --dask go to it)")
    args, rest = parser.parse_known_args()
    if args.dask:
        sys.exit(subprocess.run([sys.executable, str(ROOT / "bench" / "dask_scale.py"), *rest], check=False).returncode)
    if rest:
        parser.error(f"unrecognised arguments: {' '.join(rest)}")

    command = [str(Path(sys.executable).with_name("conflictwatch"))]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "conflictwatch.cli"]
    texts = rows()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'input':<28} {'size':>9} {'wall':>8} {'CPU':>8} {'CPU per unit':>16} {'peak memory':>12}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        out = work / "out.jsonl"
        tiny = work / "tiny.txt"
        tiny.write_text(texts[0]["text"], encoding="utf-8")
        wall, startup, peak = measure([*command, "extract", str(tiny), "-o", str(out)])
        print(f"{'start-up (one short article)':<28} {'':>9} {wall:>7.1f}s {startup:>7.1f}s {'':>16} {peak:>9.0f} MB",
              flush=True)
        for mb in args.text_mb:
            path = work / f"export-{mb:g}mb.txt"
            size = make_text(path, mb, texts)
            wall, cpu, peak = measure([*command, "extract", str(path), "-o", str(out)])
            print(f"{'text file, ' + format(mb, 'g') + ' MB':<28} {size / 1e6:>7.1f}MB {wall:>7.1f}s {cpu:>7.1f}s "
                  f"{(cpu - startup) / (size / 1e6):>11.2f} s/MB {peak:>9.0f} MB", flush=True)
            path.unlink()
        for documents in args.jsonl_docs:
            path = work / f"docs-{documents}.jsonl"
            size = make_jsonl(path, documents, texts)
            wall, cpu, peak = measure([*command, "extract", str(path), "-o", str(out)])
            print(f"{f'JSONL, {documents:,} documents':<28} {size / 1e6:>7.1f}MB {wall:>7.1f}s {cpu:>7.1f}s "
                  f"{(cpu - startup) / documents * 1000:>7.2f} s/1k docs {peak:>9.0f} MB", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
