"""Second looks at resolved places, reading the words around them.

A name is resolved on its own and against the story's countries (``resolve``); the words
between two names can still say more: "Nejapa, north of San Salvador" places a name the
gazetteer lacks, "the Hays district of Hodeidah province" says which Hays is meant, and "the
city's Dniprovskyi district" whose district it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from .gazetteer import KIND_ADMIN1, KIND_PLACE, distance_km
from .recognize import PlaceMention
from .resolve import ResolvedPlace


def refine(view: str, mentions: list[PlaceMention], resolved: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """``resolved`` (the places of ``mentions`` in ``view``) after the second looks below."""
    resolved = _with_relative_places(view, mentions, resolved)
    resolved = _city_districts(view, resolved)
    resolved = _neighbourhoods_of_the_city(view, resolved)
    return _inside_named_regions(view, resolved)


# "Nejapa, north of San Salvador", "Kiwanja, some 70 km east of Goma": between a name the
# gazetteer lacks and a place it knows.
_RELATIVE_GAP = re.compile(
    r",?\s+(?:some\s+|about\s+|around\s+|roughly\s+)?(?:\d+\s*(?:km|kilomet(?:er|re)s?|miles)\s+"
    r"(?:\([^)]{0,20}\)\s+)?)?(?:to the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+"
    r"(?:the\s+)?(?:(?:city|town|capital|village) of\s+)?", re.IGNORECASE)


def _with_relative_places(view: str, mentions: list[PlaceMention],
                          resolved: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A name the gazetteer lacks, placed relative to one it knows ("Nejapa, north of San
    Salvador"), is located at the known place with precision 2 and cue "relative": a named
    place of its own, which another town nearby is not (see ``events._conflicts``)."""
    by_start = {r.mention.start: r for r in resolved}
    out = list(resolved)
    ordered = sorted(mentions, key=lambda x: x.start)
    for i, m in enumerate(ordered):
        if m.start in by_start or m.weak or m.end <= 0:
            continue
        # The next strong name after it, within 60 characters (a weak "NORTH" inside the gap
        # is a word of the gap).
        other = next((o for o in ordered[i + 1:i + 6] if not o.weak and o.start > m.end), None)
        if other is None or other.start - m.end > 60:
            continue
        target = by_start.get(other.start)
        if target is not None and _RELATIVE_GAP.fullmatch(view, m.end, other.start):
            out.append(ResolvedPlace(dataclasses.replace(m, cue="relative"), target.place, 2, target.score))
    out.sort(key=lambda r: r.mention.start)
    return out


_OF_REGION_GAP = re.compile(r"(?:\s+(?:district|town|village|area|city|county|municipality|territory|"
                            r"sub-?district|locality))?\s*(?:,\s*|\s+(?:of|in)\s+)(?:the\s+)?", re.IGNORECASE)


def _inside_named_regions(view: str, resolved: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """"the Hays district of Hodeidah province": a place said to lie in a region it does not
    lie in is a namesake (Hays, Kansas); the region stands instead."""
    counts = Counter(r.place.country_code for r in resolved)
    out = []
    for i, r in enumerate(resolved):
        region = resolved[i + 1] if i + 1 < len(resolved) else None
        gap = _OF_REGION_GAP.fullmatch(view, r.mention.end, region.mention.start) if region is not None else None
        # ("Sugapa, Papua" names an old province; "Tecoluca, San Vicente department" a region.)
        if gap and region is not None and r.place.kind == KIND_PLACE and region.place.kind == KIND_ADMIN1 and \
                ("," not in gap.group(0) or region.mention.cue == "admin"):
            here, there = r.place.country_code, region.place.country_code
            others = counts - Counter([here])  # the story's country, this name aside
            main = others.most_common(1)[0][0] if others else None
            # Across countries, trust whichever side the story is mostly about ("Muyuka in
            # the Southwest region" of Cameroon is no town in Burkina Faso's South-West).
            if (here == there and r.place.admin1_code != region.place.admin1_code) or \
                    (here != there and there == main):
                continue
        elif gap and region is not None and region.place.kind == KIND_PLACE and \
                _DISTRICT_OF.match(gap.group(0)) and region.mention.cue not in ("district", "admin") and \
                (r.place.country_code, r.place.admin1_code) != (region.place.country_code, region.place.admin1_code):
            # "Al Qahirah district of Taiz city": a district of that city, not Cairo.
            r = ResolvedPlace(dataclasses.replace(r.mention, cue="district"), region.place, 2, r.score)
        out.append(r)
    return out


_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|quarters?|suburbs?)\b", re.IGNORECASE)


def _neighbourhoods_of_the_city(view: str, resolved: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """"Strike kills five in Gaza City ... a home in the Daraj neighbourhood": a neighbourhood
    is one of the city the text named first (the headline's, as a rule), not a namesake town
    in another country; located at that city, precision 2."""
    city = next((r for r in resolved if r.place.kind == KIND_PLACE and r.mention.cue != "district"), None)
    if city is None:
        return resolved
    out = []
    for r in resolved:
        if r.mention.start > city.mention.end and r.place.kind == KIND_PLACE and \
                r.place.country_code != city.place.country_code and _QUARTER_AFTER.match(view, r.mention.end):
            r = ResolvedPlace(dataclasses.replace(r.mention, cue="district"), city.place, 2, r.score)
        out.append(r)
    return out


_DISTRICT_OF = re.compile(r"\s+(?:district|neighbou?rhood|quarter|area|suburb)\s+of\s+", re.IGNORECASE)
_CITYS_BEFORE = re.compile(r"\bthe (?:city|town|capital|port)['’]s\s+$", re.IGNORECASE)


def _city_districts(view: str, resolved: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """"In Kherson, ... shelled the city's Dniprovskyi district": a district of the city
    just named, not a namesake district of another city; located at that city, precision 2."""
    out = []
    for i, r in enumerate(resolved):
        if _CITYS_BEFORE.search(view, max(0, r.mention.start - 20), r.mention.start):
            city = next((c for c in reversed(resolved[:i]) if c.place.kind == KIND_PLACE and
                         r.mention.start - c.mention.end < 300), None)
            if city is not None and city.place.index != r.place.index and \
                    distance_km(city.place.lat, city.place.lon, r.place.lat, r.place.lon) > 30:
                r = ResolvedPlace(dataclasses.replace(r.mention, cue="district"), city.place, 2, r.score)
        out.append(r)
    return out
