"""Run generated inputs across every parser, without coverage guidance.

Usage: .venv/bin/python fuzz/run_plain.py [--runs 1000000] [--seed 0] [--report FILE]

Prints progress every 50,000 inputs and a summary: inputs run, uncaught exceptions
(each saved under fuzz/crashes/ with its traceback), and the worst time per
kilobyte by parser. Exits 1 if any exception escaped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.targets import Harness, Stats, run_generated  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", type=Path, help="write the summary as JSON here too")
    args = parser.parse_args()
    started = time.perf_counter()

    def progress(k: int, stats: Stats) -> None:
        name, per_kb, size = stats.worst_overall()
        print(f"{k:>9,} inputs, {len(stats.failures)} uncaught, worst {per_kb * 1000:.1f} ms/KB ({name}, "
              f"{size:,} bytes), {time.perf_counter() - started:,.0f} s", flush=True)

    harness = Harness()
    stats = run_generated(args.runs, args.seed, harness, progress, every=50_000)
    summary = stats.as_dict()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    crashes = Path(__file__).with_name("crashes")
    for k, failure in enumerate(stats.failures):
        crashes.mkdir(exist_ok=True)
        (crashes / f"{failure.target}-{k}.bin").write_bytes(failure.data)
        (crashes / f"{failure.target}-{k}.txt").write_text(failure.error, encoding="utf-8")
    slowest = Path(__file__).with_name("slowest")
    slowest.mkdir(exist_ok=True)
    for name, data in stats.worst_data.items():
        (slowest / f"{name}.bin").write_bytes(data)  # the slowest input per parser, to profile
    print(json.dumps(summary, indent=2))
    if args.report:
        args.report.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
