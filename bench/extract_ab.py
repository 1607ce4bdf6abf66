"""bench/extract.py on several source trees, interleaved round after round, with medians.

Usage: .venv/bin/python bench/extract_ab.py [--rounds N] [--articles N] NAME=SRC [NAME=SRC ...]

Each round runs bench/extract.py once per tree, in a fresh process and in the order given
(rotated each round), so a shared machine's load falls on every tree alike. An older commit
is checked out beside this one with ``git worktree add --detach /tmp/old COMMIT`` and named
``old=/tmp/old/src``; ``--env old:CONFLICTWATCH_DATA_DIR=/tmp/cw-old`` gives one tree its
own environment variable (here its own gazetteer index). Reported: the median of each figure over the rounds, wall-clock
articles per second and articles per CPU second (less moved by other work on the machine),
and the largest peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STREAMS = (("dense", "conflict reports"), ("mixed", "reports and non-events"), ("muc", "MUC-4 wire texts"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--env", action="append", default=[], metavar="NAME:VAR=VALUE",
                        help="an environment variable for one tree's runs only, say "
                             "old:CONFLICTWATCH_DATA_DIR=/tmp/cw-old (so the trees keep apart "
                             "gazetteer indexes); may be repeated")
    parser.add_argument("trees", nargs="+", metavar="NAME=SRC")
    args = parser.parse_args()
    trees = [tuple(t.split("=", 1)) for t in args.trees]
    envs: dict[str, dict[str, str]] = {name: dict(os.environ) for name, _ in trees}
    for item in args.env:
        name, _, assignment = item.partition(":")
        var, sep, value = assignment.partition("=")
        if name not in envs or not var or not sep:
            parser.error(f"--env {item!r}: expected NAME:VAR=VALUE with NAME one of the trees")
        envs[name][var] = value
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    for r in range(args.rounds):
        order = trees[r % len(trees):] + trees[:r % len(trees)]
        for name, src in order:
            out = subprocess.run([sys.executable, str(ROOT / "bench" / "extract.py"), "--json",
                                  "--articles", str(args.articles), "--src", src],
                                 check=True, capture_output=True, text=True, env=envs[name]).stdout
            runs[name].append(json.loads(out.strip().splitlines()[-1]))
            print(f"round {r + 1} {name}: " + ", ".join(f"{k} {v:.1f}" for k, v in runs[name][-1].items()),
                  file=sys.stderr, flush=True)
    print(f"medians of {args.rounds} interleaved rounds (articles/s wall | per CPU second); peak memory max")
    print(f"{'tree':<10}" + "".join(f"{label:>22}" for _, label in STREAMS) + f"{'peak MB':>9}")
    for name, _ in trees:
        cells = []
        for key, _ in STREAMS:
            wall = statistics.median(f[f"{key}_per_s"] for f in runs[name])
            cpu = statistics.median(f[f"{key}_per_cpu_s"] for f in runs[name])
            cells.append(f"{wall:.1f} | {cpu:.1f}")
        peak = max(f["peak_mb"] for f in runs[name])
        print(f"{name:<10}" + "".join(f"{c:>22}" for c in cells) + f"{peak:>9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
