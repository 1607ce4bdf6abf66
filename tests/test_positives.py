"""Conflict reports coded by hand (tests/data/positive_texts.jsonl): event count, type,
place, date and figures must stay close to a careful coder's. Aggregate floors, since
a coder's call on a hard case is not a rule; individual rows show in the failure."""

import pytest

from coding import check_floor, score
from conftest import load_jsonl


POSITIVES = load_jsonl("positive_texts.jsonl")


@pytest.fixture(scope="module")
def scores(pipeline):
    return score(pipeline, POSITIVES)


FLOORS = {"detected": 0.97, "extra": 0.95, "type": 0.95, "sub": 0.94, "country": 0.97, "place": 0.72,
          "date": 0.97, "killed": 0.95, "wounded": 0.94}


def test_corpus_size():
    assert len(POSITIVES) >= 60
    assert sum(len(r["events"]) == 2 for r in POSITIVES) >= 6


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floor(scores, field):
    check_floor(scores, FLOORS, field)
