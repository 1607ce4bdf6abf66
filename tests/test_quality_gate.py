"""The quality gate: scores on the gold corpora may not fall below the pinned floors.

Floors live in tests/quality/baseline.json next to each corpus's SHA-256; raise them
with scripts/pin_quality.py (it never lowers one).
"""

import json
from pathlib import Path

import pytest

from conflictwatch.evaluate import flat_scores, iter_reports

ROOT = Path(__file__).parent
BASELINE = json.loads((ROOT / "quality" / "baseline.json").read_text())
GOLD = sorted((ROOT / "data" / "gold").glob("*.jsonl"))


@pytest.fixture(scope="module")
def reports(pipeline, resources):
    return {r.name: r for r in iter_reports(GOLD, pipeline.extract, resources.gazetteer(), resources.actors())}


def test_every_gold_file_is_pinned():
    assert {p.name for p in GOLD} == set(BASELINE)


@pytest.mark.parametrize("name", sorted(BASELINE))
def test_scores_do_not_drop(reports, name):
    report = reports[name]
    pinned = BASELINE[name]
    assert report.corpus_sha256 == pinned["sha256"], (
        f"{name} changed; re-pin its floors with scripts/pin_quality.py and say why in the commit")
    scores = flat_scores(report)
    dropped = {k: (scores.get(k), floor) for k, floor in pinned["floors"].items()
               if scores.get(k) is None or scores[k] < floor - 1e-9}
    assert not dropped, f"{name}: scores below their floors (score, floor): {dropped}"
