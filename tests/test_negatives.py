"""Texts that must yield no event: accidents, disasters, disease, court cases, sport,
films, anniversaries, hoaxes, talks, parades, drills, markets, obituaries, arms deals
(tests/data/negative_texts.jsonl, written for this project). The last 68 came from four
held-out batches written after the rules; 5 of them still yield an event and are marked."""

import pytest

from conftest import load_jsonl

NEGATIVES = load_jsonl("negative_texts.jsonl")


def test_corpus_covers_the_categories():
    assert len(NEGATIVES) >= 30
    categories = {r["category"] for r in NEGATIVES}
    for needed in ("road accident", "earthquake", "sport", "anniversary commemoration", "hoax bomb threat",
                   "ceasefire talks / peace negotiations", "troop visit / military parade"):
        assert any(needed.split()[0] in c for c in categories), needed


# Held-out texts the extractor still reads an event into are kept, marked "known_miss": the
# test expects the miss (strict, so a fix shows up and the mark must go).
CASES = [pytest.param(r, marks=pytest.mark.xfail(strict=True, reason="known miss: " + r["category"]))
         if r.get("known_miss") else r for r in NEGATIVES]


@pytest.mark.parametrize("row", CASES, ids=[r["id"] for r in NEGATIVES])
def test_no_event(extract, row):
    events = extract(row["text"], row["published"]).events
    assert events == (), [e.sentence.text for e in events]


def test_events_still_found_beside_the_negatives(extract):
    # The same vocabulary in a real report still makes an event.
    text = ("Gunmen ambush convoy near Mopti\n\nGunmen ambushed an army convoy near Mopti on Tuesday, "
            "killing four soldiers, the army said.")
    assert len(extract(text, "2024-02-07").events) == 1


def test_a_killing_is_in_the_conflict_when_its_paragraph_names_an_armed_group(extract):
    # "murder" alone is a crime word; an armed group named beside it makes it political.
    political = ("Elena Ruiz's murder is a monstrous crime, the president said on Monday. "
                 "It will not stop the peace talks with the ELN, he added.")
    criminal = ("Elena Ruiz's murder is a monstrous crime, the president said on Monday. "
                "It will not stop the investigation, he added.")
    assert [e.event_type for e in extract(political, "2024-05-06").events] == ["Violence against civilians"]
    assert extract(criminal, "2024-05-06").events == ()
