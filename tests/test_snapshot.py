"""The extractor's output on every test document equals tests/snapshot/.

A change that moves knowledge between code and data must leave this unchanged. A
change meant to alter the output updates the snapshot on purpose: run
``scripts/update_snapshot.py`` and say in the commit why it changed.
"""

from __future__ import annotations

import difflib
import json

import pytest
from snapshot_corpus import corpora, path_of, render

CORPORA = list(corpora())
SHOWN = 5
"""How many differing documents a failure shows."""


def _differences(expected: list[str], actual: list[str]) -> list[str]:
    """A readable unified diff of each differing document, up to ``SHOWN`` of them."""
    out: list[str] = []
    differing = [(e, a) for e, a in zip(expected, actual, strict=False) if e != a]
    for old, new in differing[:SHOWN]:
        doc_id = json.loads(old)["id"]
        pretty = [json.dumps(json.loads(x), ensure_ascii=False, indent=1).splitlines() for x in (old, new)]
        out.append(f"document {doc_id}:")
        out.extend("  " + d for d in difflib.unified_diff(pretty[0], pretty[1], "snapshot", "now", n=1, lineterm="")
                   if not d.startswith(("---", "+++")))
    if len(differing) > SHOWN:
        out.append(f"... and {len(differing) - SHOWN} more documents differ")
    return out


@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_output_matches_snapshot(corpus, pipeline):
    path = path_of(corpus.name)
    assert path.exists(), f"no snapshot for {corpus.name}; run scripts/update_snapshot.py and commit {path.name}"
    expected = path.read_text(encoding="utf-8").splitlines()
    actual = render(corpus, pipeline.extract)
    if expected == actual:
        return
    lines = [f"the extractor's output on {corpus.name} differs from tests/snapshot/{path.name}:"]
    if len(expected) != len(actual) or any(json.loads(e)["id"] != json.loads(a)["id"]
                                          for e, a in zip(expected, actual, strict=False)):
        lines.append(f"the corpus changed ({len(expected)} documents in the snapshot, {len(actual)} now)")
    lines.extend(_differences(expected, actual))
    lines.append("if the change is meant, run scripts/update_snapshot.py on purpose and say why in the commit")
    pytest.fail("\n".join(lines), pytrace=False)
