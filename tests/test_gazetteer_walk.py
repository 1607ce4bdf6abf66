"""The gazetteer's own list, walked: every first-level region and every town of 15,000 or
more in countries with active conflicts resolves when named alone, to its own country.

A name that another country holds for a place as big or bigger (or for the country
itself: Niger state, Gaza province) cannot be told apart named alone; those are counted
apart. A name that is also an English word is a place only where the story's country
holds it: its sentence is followed by one naming the country. The default run walks a fixed
sample; ``-m slow`` walks the whole list.
"""

from __future__ import annotations

import random

import pytest

from conflictwatch.geocode.gazetteer import KIND_ADMIN1, KIND_COUNTRY, KIND_PLACE
from conflictwatch.geocode.recognize import find_places
from conflictwatch.geocode.resolve import resolve_all
from conflictwatch.textutil import fold, name_key

TARGET = 0.98


def _walked(gazetteer):
    conflict = gazetteer.conflict_countries()
    out = []
    for i in range(len(gazetteer)):
        p = gazetteer.place(i)
        if p.country_code in conflict and (p.kind == KIND_ADMIN1 or p.kind == KIND_PLACE and p.population >= 15_000):
            out.append(p)
    return out


def _shared(gazetteer, place) -> bool:
    """Another country holds the name for a place as big or bigger, or for itself."""
    return any(q.country_code != place.country_code and q.primary and
               (q.kind == KIND_COUNTRY or q.population * 2 >= place.population)
               for q in gazetteer.lookup(name_key(place.name)))


def _resolves(gazetteer, name: str, cc: str) -> bool:
    text = f"Fighting was reported in {name} on Monday."
    if gazetteer.is_common_word(name_key(name)):
        # A name that is also an English word ("Van", "Gao") is a place where the story's
        # country holds it: the country is named in the next sentence.
        text += f" Officials in {gazetteer.country_name(cc)} confirmed the toll."
    start = text.index(name)
    found = [r for r in resolve_all(find_places(text, gazetteer), gazetteer) if r.mention.start == start]
    return bool(found) and found[0].place.country_code == cc


def _english(name: str) -> str:
    """The name as English news prints it: no diacritics, no ayn marks."""
    return fold(name).replace("‘", "").replace("’", "'").replace("ʼ", "'")


def _share(gazetteer, places) -> tuple[float, int, list]:
    own = [p for p in places if not _shared(gazetteer, p)]
    misses = [(p.country_code, p.name) for p in own if not _resolves(gazetteer, _english(p.name), p.country_code)]
    return 1 - len(misses) / len(own), len(own), misses


def test_at_least_30_conflict_countries_are_walked(gazetteer):
    assert len({p.country_code for p in _walked(gazetteer)}) >= 30


def test_a_sample_of_regions_and_towns_resolves_named_alone(gazetteer):
    walked = _walked(gazetteer)
    sample = random.Random(15).sample(walked, 2000)
    share, n, misses = _share(gazetteer, sample)
    assert share >= TARGET, (share, n, misses[:40])


@pytest.mark.slow
def test_every_region_and_town_resolves_named_alone(gazetteer):
    share, n, misses = _share(gazetteer, _walked(gazetteer))
    print(f"\ngazetteer walk: {share:.4f} of {n} names resolve alone to their own country")
    assert share >= TARGET, (share, n, misses[:60])
