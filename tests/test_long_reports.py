"""Long reports (tests/data/long_reports.jsonl, written for the project): 400-500 words
each, with background paragraphs, earlier incidents told in passing, running totals,
competing figures and quotes. The first 35 report new incidents; the last 15 report
none. Aggregate floors at today's level: they catch a change that makes things worse."""

import pytest

from coding import check_floor, score
from conftest import load_jsonl

REPORTS = load_jsonl("long_reports.jsonl")
POSITIVE = [r for r in REPORTS if r["events"]]
NEGATIVE = [r for r in REPORTS if not r["events"]]


@pytest.fixture(scope="module")
def scores(pipeline):
    return score(pipeline, POSITIVE)


FLOORS = {"detected": 0.96, "extra": 0.93, "type": 0.88, "sub": 0.85, "country": 0.99, "place": 0.61,
          "date": 0.98, "killed": 0.79, "wounded": 0.73}


def test_corpus_shape():
    assert len(POSITIVE) >= 35 and len(NEGATIVE) >= 15


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floor(scores, field):
    check_floor(scores, FLOORS, field)


def test_most_reports_without_a_new_incident_give_no_event(extract):
    with_events = [r["id"] for r in NEGATIVE if extract(r["text"], r["published"]).events]
    assert len(with_events) <= 1, with_events
