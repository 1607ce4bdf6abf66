"""Raise the quality gate's floors to the scores the extractor reaches now.

Usage: .venv/bin/python scripts/pin_quality.py

Runs `conflictwatch eval` on the gold files in tests/data/gold and writes
tests/quality/baseline.json. A floor only ever goes up: a lower score keeps the old
floor (and the gate test fails until the score is back). When a gold file itself
changes, its hash changes and the floors are re-pinned from scratch, which this
script says out loud.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from conflictwatch import Pipeline, resolve_settings  # noqa: E402
from conflictwatch.evaluate import flat_scores, iter_reports  # noqa: E402

BASELINE = ROOT / "tests" / "quality" / "baseline.json"
GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("*.jsonl"))


def main() -> None:
    pipeline = Pipeline.from_settings(resolve_settings())
    old = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    new = {}
    for report in iter_reports(GOLD, pipeline.extract, pipeline.resources.gazetteer(),
                               pipeline.resources.actors()):
        scores = {k: math.floor(v * 100) / 100 for k, v in flat_scores(report).items()}
        before = old.get(report.name, {})
        if before and before.get("sha256") != report.corpus_sha256:
            print(f"{report.name}: the gold file changed; floors pinned afresh")
            before = {}
        floors = dict(before.get("floors", {}))
        for key, value in scores.items():
            if value > floors.get(key, -1):
                floors[key] = value
        new[report.name] = {"sha256": report.corpus_sha256, "floors": dict(sorted(floors.items()))}
        print(f"{report.name}: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(floors.items())))
    BASELINE.write_text(json.dumps(new, indent=2) + "\n")


if __name__ == "__main__":
    main()
