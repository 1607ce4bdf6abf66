"""Wire reports (tests/data/wire_reports.jsonl): 30 reports of 120-350 words from twenty
conflicts, written for the project by a second author who had not seen the extractor;
they served as a held-out check before joining the development data. Several incidents
per report, background paragraphs, competing figures. Aggregate floors at today's level."""

import pytest

from coding import check_floor, score
from conftest import load_jsonl

REPORTS = load_jsonl("wire_reports.jsonl")


@pytest.fixture(scope="module")
def scores(pipeline):
    return score(pipeline, REPORTS)


FLOORS = {"detected": 0.89, "extra": 0.80, "type": 0.77, "sub": 0.75, "country": 0.95, "place": 0.48,
          "date": 0.97, "killed": 0.74, "wounded": 0.85}


def test_corpus_shape():
    assert len(REPORTS) >= 30 and sum(len(r["events"]) for r in REPORTS) >= 60


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floor(scores, field):
    check_floor(scores, FLOORS, field)
