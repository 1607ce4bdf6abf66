"""Reports written for the project by second authors who had not seen the extractor;
each batch served as a held-out check before joining the development data.

* tests/data/wire_reports.jsonl: 65 wire reports, analyses, eyewitness features and short
  items of 40-350 words from some thirty conflicts, 123 incidents, from three batches (the
  last ten are violence told in the words of sport, film or weddings).
* tests/data/field_reports.jsonl: 55 texts in many styles (local press, NGO situation
  reports, live blogs, translated press, press releases, bulletins, wire), 100-450
  words, 153 incidents, from two batches.
* tests/data/recent_reports.jsonl: 22 news articles of 400-500 words (60 incidents) and 28
  short wire items (68 incidents) from two later batches, then 30 wire stories, situation
  reports, live blogs and short items (69 incidents) from a third and 24 wire, local-press,
  translated-press and short items (38 incidents) from a fourth; their 68 negatives joined
  negative_texts.jsonl. Casualty figures there add up every side's dead in one incident, and
  the third batch leaves out incidents more than two weeks old, which the extractor keeps.

Several incidents per report, background paragraphs, competing figures. Aggregate
floors at today's level: they catch a change that makes things worse."""

import pytest

from coding import check_floor, score
from conftest import load_jsonl

FLOORS = {
    "wire_reports.jsonl": {"detected": 0.86, "extra": 0.93, "type": 0.85, "sub": 0.81, "country": 0.99,
                           "place": 0.54, "date": 0.97, "killed": 0.79, "wounded": 0.88},
    # (place: a homonym abroad is no right place since 2026-11-25. Place, type and the like are
    # scored over detected events only, so a newly detected event in a village the gazetteer
    # lacks lowers place: Ngaoundaye took it from 0.372 to 0.369 while detected rose to 0.85.)
    # (2026-12-07: regions by today's names (Ituri, North Kivu, Enga) change which event the
    # scorer's greedy match pairs with each gold line, though the events are the same; and a
    # live blog's Mir Ali clash, no longer split off by a homonym abroad, joins the Bannu
    # bombing: type, sub, place, date, killed, wounded set on the new scores.)
    "field_reports.jsonl": {"detected": 0.84, "extra": 0.99, "type": 0.79, "sub": 0.75, "country": 0.99,
                            "place": 0.35, "date": 0.95, "killed": 0.72, "wounded": 0.70},
    # (Batches 10 and 11 joined on 2026-11-25: 54 reports, 107 incidents; floors set on the grown corpus.)
    "recent_reports.jsonl": {"detected": 0.92, "extra": 0.85, "type": 0.85, "sub": 0.79, "country": 1.0,
                             "place": 0.50, "date": 0.97, "killed": 0.66, "wounded": 0.72},
}
CASES = [(corpus, field) for corpus, floors in FLOORS.items() for field in sorted(floors)]


@pytest.fixture(scope="module")
def scores(pipeline):
    cache = {}

    def of(corpus):
        if corpus not in cache:
            cache[corpus] = score(pipeline, load_jsonl(corpus))
        return cache[corpus]
    return of


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_corpus_shape(corpus):
    reports = load_jsonl(corpus)
    assert len(reports) >= 30 and sum(len(r["events"]) for r in reports) >= 60


@pytest.mark.parametrize("corpus,field", CASES)
def test_floor(scores, corpus, field):
    check_floor(scores(corpus), FLOORS[corpus], field)
