"""scripts/rule_coverage.py: counts what each lexicon rule finds on test documents and
reports, never hides, the rules and word groups nothing exercises."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from conflictwatch import document_from_text
from conflictwatch.lexicon import default_lexicon

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "rule_coverage.py"


@pytest.fixture(scope="module")
def coverage_module():
    spec = importlib.util.spec_from_file_location("rule_coverage", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["rule_coverage"] = module  # (dataclasses look their module up by name)
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("rule_coverage", None)


DOCS = [
    # a sound of fighting elsewhere (veto.heard) and a likeness (veto.likeness)
    "Shelling could be heard in the hills above Goma on Monday, residents said.",
    "The blast felt like an airstrike, residents of Kharkiv said on Tuesday.",
    # an attack with no veto
    "Gunmen killed four farmers in the village of Dogo in Zamfara state on Sunday, police said.",
]


def test_counts_the_rules_a_document_exercises_and_reports_the_rest(coverage_module, pipeline):
    docs = [document_from_text(t, f"c{i}", dt.date(2025, 3, 4)) for i, t in enumerate(DOCS)]
    cov = coverage_module.measure(pipeline.extract, lambda: docs)
    assert cov.documents == 3
    assert set(cov.rule_documents) == set(default_lexicon().rules)  # every rule is listed
    assert cov.rule_documents["veto.heard"] >= 1 and cov.rule_documents["veto.likeness"] >= 1
    assert cov.rule_documents["cue.conflict"] >= 1 and cov.rule_documents["claim.verb-before"] >= 1  # "killed four"
    assert cov.rule_documents["trigger.armed-clash-weak"] >= 1  # "killed"
    never = cov.unexercised
    assert never and "veto.into-sea" in never  # nothing here fires a missile into the sea
    text = coverage_module.report(cov)
    share = re.search(r"rules no test document exercises: (\d+) of (\d+) \((\d+)%\)", text)
    assert share and int(share.group(1)) == len(never) and int(share.group(2)) == len(default_lexicon().rules)
    assert all(f"0  {r}" in text for r in never)
    assert re.search(r"word groups no test document uses: \d+ of \d+ \(\d+%\)", text)


def test_the_extractor_applies_the_plain_lexicon_again_afterwards(coverage_module, pipeline):
    from conflictwatch.extract import triggers, vocabulary

    docs = [document_from_text(DOCS[2], "c", dt.date(2025, 3, 4))]
    coverage_module.measure(pipeline.extract, lambda: docs)
    assert triggers.default_lexicon() is default_lexicon()
    assert isinstance(vocabulary.vocabulary().counted_person, re.Pattern)
    assert pipeline.extract(docs[0]).events
