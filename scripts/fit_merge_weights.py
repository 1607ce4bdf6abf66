"""Suggest merge weights from a merge corpus (JSON Lines with gold incident ids).

    .venv/bin/python scripts/fit_merge_weights.py tests/data/merge_corpus.jsonl

Every document's first event becomes a report; every pair of reports from different
documents that passes the merge gates is a training example (same gold incident or
not). An L2-regularised logistic regression over the features of
``conflictwatch.merge.score.features`` gives one weight per feature and a bias; the
script prints them as a ``[weights]`` table and the ``threshold`` (minus the bias)
to paste into ``data/merge_rules.toml`` after review. Check the result on a corpus
the weights were not fitted on: ``--incidents even`` fits on the incidents 3-4, 7-8,
11-12 ... (pairs 2k-1, 2k with k even, so a look-alike pair stays on one side), and
``scripts/merge_misses.py --only odd`` then scores the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from itertools import combinations
from pathlib import Path

import numpy as np

from conflictwatch import Pipeline, document_from_text, resolve_settings
from conflictwatch.merge import load_rules, make_report
from conflictwatch.merge.rules import FEATURES
from conflictwatch.merge.score import features, gate


def _parity(incident: str) -> str:
    # Incidents 2k-1 and 2k fall on one side, so a look-alike pair is never split.
    digits = "".join(c for c in incident if c.isdigit())
    return "even" if (int(digits or 0) + 1) // 2 % 2 == 0 else "odd"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--l2", type=float, default=1.0, help="regularisation strength (default 1)")
    parser.add_argument("--incidents", choices=("even", "odd"),
                        help="fit on half of the incidents only (pairs 2k-1, 2k with k even or odd)")
    args = parser.parse_args()
    rules = load_rules()
    pipeline = Pipeline.from_settings(resolve_settings())
    reports, gold = [], []
    for line in args.corpus.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if args.incidents and _parity(row["incident"]) != args.incidents:
            continue
        doc = document_from_text(row["text"], row["id"], dt.date.fromisoformat(row["published"]), row.get("url"),
                                 row.get("title"), site=row.get("site"))
        events = pipeline.extract(doc).events
        if events:
            reports.append(make_report(doc, 1, 0, events[0], rules))
            gold.append(row["incident"])
    xs, ys = [], []
    for i, j in combinations(range(len(reports)), 2):
        if gate(reports[i], reports[j], rules) is not None:
            continue
        found = features(reports[i], reports[j], rules)
        xs.append([found.get(f, 0.0) for f in FEATURES])
        ys.append(1.0 if gold[i] == gold[j] else 0.0)
    x = np.array(xs)
    y = np.array(ys)
    print(f"{len(reports)} reports, {len(ys)} pairs past the gates, {int(y.sum())} of them one incident")
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(20000):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / len(y) + args.l2 * w / len(y)
        grad_b = float(np.mean(p - y))
        w -= 0.5 * grad_w
        b -= 0.5 * grad_b
    print(f"threshold = {-b:.1f}")
    for name, weight in zip(FEATURES, w, strict=True):
        used = int(x[:, FEATURES.index(name)].astype(bool).sum())
        print(f'"{name}" = {weight:.1f}    # seen in {used} pairs')


if __name__ == "__main__":
    main()
