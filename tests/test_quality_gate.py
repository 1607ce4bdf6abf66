"""The quality gate: scores on the gold corpora may not fall below the pinned floors.

Floors live in tests/quality/baseline.json next to each corpus's SHA-256; raise them
with scripts/pin_quality.py (it never lowers one).
"""

import json
from pathlib import Path

import pytest

from conflictwatch.evaluate import flat_scores, iter_reports, merge_corpus_score, merge_flat_scores

ROOT = Path(__file__).parent
BASELINE = json.loads((ROOT / "quality" / "baseline.json").read_text())
GOLD = sorted((ROOT / "data" / "gold").glob("*.jsonl"))
MERGES = [ROOT / "data" / "merge_corpus.jsonl", ROOT / "data" / "merge_heldout_c.jsonl"]


@pytest.fixture(scope="module")
def reports(pipeline, resources):
    return {r.name: r for r in iter_reports(GOLD, pipeline.extract, resources.gazetteer(), resources.actors())}


def test_every_gold_file_is_pinned():
    assert {p.name for p in GOLD} | {p.name for p in MERGES} == set(BASELINE)


def _below(scores, floors):
    return {k: (scores.get(k), floor) for k, floor in floors.items()
            if scores.get(k) is None or scores[k] < floor - 1e-9}


@pytest.mark.parametrize("corpus", MERGES, ids=lambda p: p.name)
def test_merge_scores_do_not_drop(pipeline, resources, tmp_path, corpus):
    """Pairwise merge precision and recall on the merge corpora (incidents told by several
    outlets, and look-alike incidents that must stay apart)."""
    score, sha = merge_corpus_score(corpus, pipeline.extract, resources.actors().country_name, tmp_path)
    pinned = BASELINE[corpus.name]
    assert sha == pinned["sha256"], "the merge corpus changed; re-pin with scripts/pin_quality.py"
    dropped = _below(merge_flat_scores(score), pinned["floors"])
    assert not dropped, f"merge scores below their floors (score, floor): {dropped}"


@pytest.mark.parametrize("name", sorted(p.name for p in GOLD))
def test_scores_do_not_drop(reports, name):
    report = reports[name]
    pinned = BASELINE[name]
    assert report.corpus_sha256 == pinned["sha256"], (
        f"{name} changed; re-pin its floors with scripts/pin_quality.py and say why in the commit")
    dropped = _below(flat_scores(report), pinned["floors"])
    assert not dropped, f"{name}: scores below their floors (score, floor): {dropped}"
