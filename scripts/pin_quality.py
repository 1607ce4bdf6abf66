"""Raise the quality gate's floors to the scores the extractor reaches now.

Usage: .venv/bin/python scripts/pin_quality.py

Runs `conflictwatch eval` on the gold files in tests/data/gold, scores the merges
on tests/data/merge_corpus.jsonl and merge_heldout_c.jsonl, and writes
tests/quality/baseline.json. A floor only ever goes up: a lower score keeps the old
floor (and the gate test fails until the score is back). When a gold file itself
changes, its hash changes and the floors are re-pinned from scratch, which this
script says out loud.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from conflictwatch import Pipeline, resolve_settings  # noqa: E402
from conflictwatch.evaluate import flat_scores, iter_reports, merge_corpus_score, merge_flat_scores  # noqa: E402

BASELINE = ROOT / "tests" / "quality" / "baseline.json"
GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("*.jsonl"))
MERGES = [ROOT / "tests" / "data" / "merge_corpus.jsonl", ROOT / "tests" / "data" / "merge_heldout_c.jsonl"]


def _raise(old: dict, name: str, sha: str, scores: dict[str, float]) -> dict:
    scores = {k: math.floor(v * 100) / 100 for k, v in scores.items()}
    before = old.get(name, {})
    if before and before.get("sha256") != sha:
        print(f"{name}: the file changed; floors pinned afresh")
        before = {}
    floors = dict(before.get("floors", {}))
    for key, value in scores.items():
        if value > floors.get(key, -1):
            floors[key] = value
    print(f"{name}: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(floors.items())))
    return {"sha256": sha, "floors": dict(sorted(floors.items()))}


def main() -> None:
    pipeline = Pipeline.from_settings(resolve_settings())
    old = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    new = {}
    for report in iter_reports(GOLD, pipeline.extract, pipeline.resources.gazetteer(),
                               pipeline.resources.actors()):
        new[report.name] = _raise(old, report.name, report.corpus_sha256, flat_scores(report))
    for corpus in MERGES:
        with tempfile.TemporaryDirectory() as tmp:
            score, sha = merge_corpus_score(corpus, pipeline.extract, pipeline.resources.actors().country_name,
                                            Path(tmp))
        new[corpus.name] = _raise(old, corpus.name, sha, merge_flat_scores(score))
    BASELINE.write_text(json.dumps(new, indent=2) + "\n")


if __name__ == "__main__":
    main()
