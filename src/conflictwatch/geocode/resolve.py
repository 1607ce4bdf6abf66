"""Pick the right place for each mention and say how precise it is.

The cascade, each step engaging only where the one before gave nothing certain:

1. **Anchors.** Countries named in the text, and names whose every candidate lies
   in one country, fix the document's geographic context.
2. **Scored candidates.** Every other mention's candidates are scored on that
   context (same country, same first-level region), on population, on whether the
   name is the place's main name or an alternate, and on cue words ("Kursk
   region" wants a region, "the village of X" a settlement).
3. **Region fallback.** A name whose best candidates disagree across countries is
   not guessed: if they share a first-level region or a country, the mention is
   resolved to that level; otherwise it is left unresolved. One unresolvable name
   never empties the rest of the result.

Precision codes: 1 the town or village, 2 near it or a district, 3 a first-level
region, a country or wider. A region's coordinates are the centroid of its places.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Location
from .gazetteer import KIND_ADMIN1, KIND_AREA, KIND_COUNTRY, KIND_FEATURE, KIND_PLACE, Place, PlaceLookup
from .recognize import PlaceMention


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A mention with the entry chosen for it: ``mention``, ``place``,
    ``precision`` (1-3) and ``score`` (how sure, for choosing among mentions)."""

    mention: PlaceMention
    place: Place
    precision: int
    score: float


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the document says about where things are.

    Fields: ``countries`` (country codes named outright, with counts),
    ``weak_countries`` (from demonyms, the dateline), ``admin1`` (regions named,
    as "CC.code"), ``points`` (coordinates of places already resolved) and
    ``conflict`` (countries with active conflicts: the prior when the text names no
    country at all).
    """

    countries: Counter[str]
    weak_countries: frozenset[str]
    admin1: frozenset[str]
    points: tuple[tuple[float, float], ...] = ()
    conflict: frozenset[str] = frozenset()

    @property
    def alone(self) -> bool:
        """True when nothing in the text says which country it is about."""
        return not self.countries and not self.weak_countries


def _a1(place: Place) -> str:
    return f"{place.country_code}.{place.admin1_code}"


# Country names that are also common words or names in capitals ("US", "CHAD", "JORDAN").
_AMBIGUOUS_COUNTRY_WORDS = frozenset({"us", "chad", "jordan", "georgia", "guinea", "niger", "turkey"})


def _approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: close enough for "within 150 km", and cheap."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(dx, lat2 - lat1)


def _base_score(place: Place, mention: PlaceMention, context: Context, homonyms: bool = True) -> float:
    score = math.log10(place.population + 10)
    front = mention.cue == "near" and mention.cue_end is not None
    if place.country_code in context.countries:
        score += 3.0
    elif place.country_code in context.weak_countries and not front:
        score += 1.5  # (a demonym says who fights, not where a front runs)
    if place.kind != KIND_COUNTRY and _a1(place) in context.admin1:
        score += 2.5
    if place.primary:
        score += 0.7
    elif front:
        score -= 2.0  # "the Pokrovsk direction": a front bears a town's name of today
    if place.kind in (KIND_FEATURE, KIND_AREA):
        score += 2.0
    if place.kind == KIND_COUNTRY:
        score += 4.0 if place.primary else 2.5
    elif place.country_code in context.conflict and context.alone:
        score += 1.0  # a name alone in conflict news: more likely where the wars are
    cue = mention.cue
    if cue == "admin":
        if place.kind == KIND_ADMIN1:
            score += 5.0
        elif place.kind == KIND_COUNTRY:
            score -= 3.0
    elif cue == "settlement":
        if place.kind in (KIND_ADMIN1, KIND_COUNTRY):
            score -= 5.0
        else:
            score += 1.0
    elif place.kind == KIND_ADMIN1:
        score -= 1.5  # a bare name is more often the town than the region named after it
    if homonyms and context.points and place.kind in (KIND_PLACE, KIND_FEATURE) and \
            place.country_code in context.countries:
        nearest = min(_approx_km(place.lat, place.lon, lat, lon) for lat, lon in context.points)
        if nearest < 150:
            score += 1.5
        elif nearest < 400:
            score += 0.5
    return score


def _precision(place: Place, mention: PlaceMention) -> int:
    if place.kind in (KIND_ADMIN1, KIND_COUNTRY, KIND_AREA):
        return 3
    if mention.cue in ("near", "district", "relative"):
        return 2
    return 1


def _as_region(place: Place, gazetteer: PlaceLookup) -> Place:
    """For "X region" where X matched a town: the region the town heads."""
    region = gazetteer.admin1_place(place.country_code, place.admin1_code)
    return region if region is not None else place


def _candidates(mention: PlaceMention, gazetteer: PlaceLookup) -> tuple[Place, ...]:
    places = gazetteer.lookup(mention.key)
    if mention.inside is not None and places:
        places = _inside(places, mention, gazetteer)
    if mention.cue == "admin" and not any(p.kind == KIND_ADMIN1 for p in places):
        # "Zaporizhzhia region": the region of the town it is named after.
        regions = []
        for p in places:
            if p.kind in (KIND_PLACE, KIND_FEATURE):
                seat = gazetteer.admin1_seat(p.country_code, p.admin1_code)
                if seat is not None and seat.index == p.index:
                    region = _as_region(p, gazetteer)
                    if region.kind == KIND_ADMIN1:
                        regions.append(Place(region.index, region.geonames_id, region.name,
                                             region.lat, region.lon, region.country_code,
                                             region.admin1_code, "", region.population,
                                             region.kind, p.primary))
        if regions:
            return tuple(regions)
    return places


def _spellings(key: str) -> tuple[str, ...]:
    """Other transliterations of an Arabic name: with and without the article, the final
    -a written -ah ("Busayra", "al-Busayrah"; "Raqqa", "Ar Raqqah")."""
    bases = [key[3:]] if key.startswith("al ") and len(key) > 5 else [key, "al " + key]
    out: list[str] = []
    for base in bases:
        out.append(base)
        if base.endswith("ah") and len(base) > 4:
            out.append(base[:-1])
        elif base.endswith("a") and len(base) > 3:
            out.append(base + "h")
    return tuple(k for k in dict.fromkeys(out) if k != key)


def _respelled(mention: PlaceMention, gazetteer: PlaceLookup, countries: Iterable[str]) -> tuple[Place, ...]:
    """The places in ``countries`` that another spelling of the mention names."""
    wanted = set(countries)
    if not wanted or " " in mention.key.removeprefix("al ") or mention.cue == "admin":
        return ()
    found: dict[int, Place] = {}
    for key in _spellings(mention.key):
        for p in gazetteer.lookup(key):
            if p.country_code in wanted and p.kind in (KIND_PLACE, KIND_FEATURE):
                found.setdefault(p.index, p)
    return tuple(found.values())


_PART_OF_TOWN_KM = 30.0
"""How far from a town's centre a place said to be its neighbourhood or suburb may lie."""


def _inside(places: tuple[Place, ...], mention: PlaceMention, gazetteer: PlaceLookup) -> tuple[Place, ...]:
    """Candidates of "X, Y" / "X in Y district" that lie in Y, where Y is a region, a country
    or a town's district: a place said to lie in a region abroad is no namesake of its own
    (not Aden for the "Aden Yabaal district in Middle Shabelle region", nor Odesa for "Odessa,
    Texas"). None when Y is surely a wider place and none of X's namesakes lies in it."""
    if any(p.kind == KIND_COUNTRY and p.primary for p in places) or mention.inside_cue == "near":
        return places  # a country lies in nothing; "in the Donetsk direction" is a front
    part_of_town = mention.inside_cue == "part-of-town"
    outer_mention = PlaceMention(0, 0, mention.inside or "", mention.inside or "",
                                 None if part_of_town else mention.inside_cue)
    outer = _candidates(outer_mention, gazetteer)
    if not outer:
        return places
    if part_of_town:
        # "the Tierra Blanca neighbourhood of Culiacan": a namesake within the town's reach, or
        # none (the town then stands for it), never one across the country.
        towns = [o for o in outer if o.kind in (KIND_PLACE, KIND_FEATURE)]
        if not towns:
            return places
        return tuple(p for p in places if p.kind in (KIND_PLACE, KIND_FEATURE) and
                     any(_approx_km(p.lat, p.lon, o.lat, o.lon) <= _PART_OF_TOWN_KM for o in towns))
    if mention.inside_cue == "district":
        # (Only by its own name: "near Turbat in Kech district", a district missing from the
        # gazetteer whose name is another spelling of a town abroad, says nothing of Turbat.)
        wide = [p for p in outer if p.kind in (KIND_PLACE, KIND_FEATURE, KIND_ADMIN1, KIND_AREA) and p.primary]
        if not wide:
            return places
    else:
        # A region or a country, not a town: "Kyiv, Kharkiv and Odesa" is a list.
        wide = [p for p in outer if p.kind in (KIND_ADMIN1, KIND_AREA, KIND_COUNTRY) and p.primary]
        towns = {p.country_code for p in outer if p.kind in (KIND_PLACE, KIND_FEATURE) and p.primary}
        if mention.inside_cue != "admin":
            wide = [p for p in wide if p.country_code not in towns]
        if not wide:
            return places
    regions = {(p.country_code, p.admin1_code) for p in wide if p.kind != KIND_COUNTRY}
    countries = {p.country_code for p in wide if p.kind == KIND_COUNTRY or mention.inside_cue == "district"}
    settled = [p for p in places if p.kind in (KIND_PLACE, KIND_FEATURE)]
    if not settled:
        return places
    return tuple(p for p in places if p.kind != KIND_COUNTRY and
                 ((p.country_code, p.admin1_code) in regions or p.country_code in countries))


def anchors(mentions: Iterable[PlaceMention], gazetteer: PlaceLookup,
            weak_countries: Iterable[str] = ()) -> tuple[Counter[str], set[str]]:
    """Countries and regions the text names without ambiguity. ``weak_countries`` (the
    armed groups', the demonyms' and the dateline's) keep a small town of a country at
    peace from anchoring the story elsewhere."""
    countries: Counter[str] = Counter()
    regions: set[str] = set()
    small: list[str] = []  # countries of small towns whose names are found nowhere else
    small_votes: dict[str, float] = {}  # their votes: an alternate name's counts half
    small_mentions: list[PlaceMention] = []
    weak = set(weak_countries)
    at_war = gazetteer.conflict_countries()
    for mention in mentions:
        if mention.weak:
            continue
        places = _candidates(mention, gazetteer)
        if not places:
            continue
        if mention.cue == "admin" and any(p.kind == KIND_ADMIN1 for p in places):
            admin = tuple(p for p in places if p.kind == KIND_ADMIN1)
            if not admin[0].primary and len({p.country_code for p in places}) > 1:
                continue  # "Samar province": an old name of Samara, or somewhere else
            places = admin
        top = places[0]
        if top.kind == KIND_COUNTRY and top.primary:
            if len({p.country_code for p in places if p.kind == KIND_COUNTRY}) == 1:
                countries[top.country_code] += 1  # "Congo" is two countries: it anchors neither
            continue
        if top.kind == KIND_AREA:
            countries[top.country_code] += 1
            regions.add(_a1(top))
            continue
        ccs = {p.country_code for p in places}
        if len(ccs) == 1 and not gazetteer.is_common_word(mention.key) and \
                (top.kind != KIND_PLACE or max(p.population for p in places) >= 1000):
            # Not "Area", an old name of Mundelein, Illinois, nor the "Front" of a
            # guerrilla front, a village in Italy.
            if (top.kind == KIND_PLACE and max(p.population for p in places) < 50_000) or \
                    (top.kind in (KIND_PLACE, KIND_ADMIN1) and not any(p.primary for p in places)):
                # (Nor does an alternate name: "Mambasa" is also an old spelling of Mombasa.
                # One that is only an alternate name in a country at peace casts no vote
                # even among small towns: "Zike" is no old spelling of Syke in Germany.)
                if any(p.primary for p in places) or top.country_code in at_war:
                    if weak and top.country_code not in at_war and top.country_code not in weak and \
                            not any(n in weak for n in gazetteer.neighbours(top.country_code)):
                        # "Emporium" is no Pennsylvanian borough in a story whose armed
                        # group fights in the Philippines.
                        continue
                    small.append(top.country_code)
                    small_mentions.append(mention)
                    small_votes[top.country_code] = small_votes.get(top.country_code, 0.0) + (
                        1.0 if any(p.primary for p in places) or max(p.population for p in places) >= 50_000
                        else 0.5)
                continue
            countries[top.country_code] += 1
            admin_places = [p for p in places if p.kind == KIND_ADMIN1]
            if mention.cue == "admin" and len(admin_places) == 1:
                regions.add(_a1(admin_places[0]))
    # A small town's unique name anchors its country only where nothing bigger points
    # elsewhere: "Petite-Riviere" in a story about the Artibonite is no Mauritian village.
    anchored = set(countries)
    # Nor is a name unique when another spelling of it names a place in a country the text
    # names: "Busayra" is a Jordanian village and, spelled "al-Busayrah", a Syrian town.
    kept = [(cc, m) for cc, m in zip(small, small_mentions, strict=True)
            if not _respelled(m, gazetteer, anchored - {cc})]
    small = [cc for cc, _ in kept]
    if not anchored and small:
        # Only small towns: the country most of them are in ("Bukuru", "Bokkos" over "Tahoss",
        # an alternate name of Taos Pueblo, New Mexico).
        # (A village's name known there only as an alternate name counts half: "Chai" is an
        # old spelling of a Turkish village, "Macomia" the main name of a Mozambican town.)
        most = max(small_votes.values())
        anchored = {cc for cc, n in small_votes.items() if n == most}
    for cc in small:
        if cc in anchored or any(n in anchored for n in gazetteer.neighbours(cc)):
            countries[cc] += 1
    return countries, regions


def build_context(mentions: list[PlaceMention], gazetteer: PlaceLookup,
                  weak_countries: Iterable[str] = ()) -> Context:
    """The geographic context of a document from its own mentions."""
    countries, regions = anchors(mentions, gazetteer, weak_countries)
    return Context(countries, frozenset(weak_countries), frozenset(regions),
                   conflict=gazetteer.conflict_countries())


_ALIAS_PENALTY = 1.5
"""How much an alternate name scores under a candidate whose own name it is."""


def resolve(mention: PlaceMention, gazetteer: PlaceLookup, context: Context) -> ResolvedPlace | None:
    """The best entry for one mention, or ``None`` when it cannot be told apart."""
    places = _candidates(mention, gazetteer)
    if places and context.countries and not any(p.country_code in context.countries for p in places):
        # None of the name's places lies in a country the text names: another spelling
        # may ("Busayra" in a story about Deir ez-Zor is al-Busayrah, not the Jordanian village).
        places = _respelled(mention, gazetteer, context.countries) or places
    if not places:
        return None
    homonyms = len(places) > 1
    # A name that is a known place's own name is not read as another place's old or
    # alternate name: "Islamabad" is the capital, not an old name of Chittagong.
    # (Only an owner the story could be about: in a story about the Philippines, the
    # Ukrainian town Samar does not get the name "Samar" back from Samara.)
    owned = any(p.primary and p.kind == KIND_PLACE and p.population >= 50_000 and
                (not context.countries or p.country_code in context.countries) for p in places)
    raw = {id(p): _base_score(p, mention, context, homonyms) for p in places}
    scored = sorted(((raw[id(p)] - (_ALIAS_PENALTY if owned and not p.primary else 0.0), p) for p in places),
                    key=lambda item: -item[0])
    best_score, best = scored[0]
    home = _home_namesake(scored, best, context, gazetteer)
    if home is not None:
        best_score, best = home
    supported = best.country_code in context.countries or best.country_code in context.weak_countries
    # Named alone, with no country in the whole text: a town of 15,000 or more or a region
    # of a country at war, under its main name, is taken there (not a common word, which
    # needs the story's country to be a place at all).
    favoured = context.alone and best.country_code in context.conflict and best.primary and \
        (best.kind == KIND_ADMIN1 or best.kind == KIND_PLACE and best.population >= 15_000) and \
        not gazetteer.is_common_word(mention.key)
    if mention.weak and not supported and best.population < 1_000_000 and best.kind == KIND_PLACE:
        return None
    if mention.upper and mention.weak and mention.cue not in ("admin", "settlement") and \
            (best.kind != KIND_COUNTRY or mention.key in _AMBIGUOUS_COUNTRY_WORDS):
        return None  # "US" is "us", "CAPITAL" is "the capital", "CENTRAL FRONT" no place
    if mention.upper and not supported and best.kind != KIND_COUNTRY and \
            (best.population < 100_000 or not best.primary):
        return None  # "CANO" is no alternate name of Kano in a Colombian story
    if mention.upper and best.kind in (KIND_PLACE, KIND_FEATURE) and not mention.cue:
        # In capitals a name could be anybody's: a town needs "in"/"near" before it, or
        # a named country around it, and an ordinary word needs a cue word.
        if mention.weak or not (mention.locative or (best.country_code in context.countries
                                                     and best.population >= 10_000)):
            return None
    if mention.cue == "admin" and best.kind in (KIND_PLACE, KIND_FEATURE):
        # "Beni territory", "Izium district": the town stands for its area.
        mention = _as_district(mention)
    short_name = len(mention.key) <= 3 and mention.locative and not mention.upper and mention.text[:1].isupper() and \
        mention.text[1:].islower() and best.primary and best.population >= 50_000 and \
        best.country_code in context.conflict
    if best.kind in (KIND_PLACE, KIND_FEATURE) and len(mention.key.replace(" ", "")) <= 3 and \
            not (best.primary and (supported or favoured)) and not short_name:
        # ("in Gao", "near Hit": a town of a country at war with a short name of its own,
        # written as a name and after "in" or "near", is that town.)
        return None  # "EU", "Jul", "APU": abbreviations, not the villages that share them
    abroad = not supported and best.kind in (KIND_PLACE, KIND_FEATURE) and best.population < 1_000_000 and \
        not mention.inside
    if abroad and context.countries and not mention.locative and not mention.cue and \
            not any(n in context.countries for n in gazetteer.neighbours(best.country_code)):
        # In a story about Lebanon, "the terrorist Hassan Ali Salameh" is a man, not the
        # Indian town: a town far from every country the story names needs "in", "at",
        # "near" (or a region, a cue word) to be a place.
        return None
    if abroad and best.country_code not in context.conflict and \
            (not best.primary or best.population < 100_000 and gazetteer.is_common_word(mention.key)):
        # "Border Police" is no Polish town, "Bassa" no German one: in a country at peace,
        # a place known by that name only as an alternate, or a small one named by an
        # ordinary word, needs the story to point to its country.
        return None
    pointed = context.countries.keys() | context.weak_countries
    # Next door to a country the places name, or (when they name none) to one a demonym
    # points to: a "Kenyan-led mission" in Haiti brings no Mauritian village near.
    near = context.countries.keys() or pointed
    if not supported and pointed and best.kind != KIND_COUNTRY and gazetteer.is_common_word(mention.key) and \
            not any(n in near for n in gazetteer.neighbours(best.country_code)):
        # "in Myanmar's Capital" is no Venezuelan state: an ordinary word ("Capital", "Central")
        # names a place far from every country the story points to only with a cue word.
        return None
    if (best.kind in (KIND_PLACE, KIND_ADMIN1) and (not best.primary or best.population < 50_000) or
            best.kind == KIND_FEATURE and not best.primary) and \
            not supported and pointed and not any(n in near for n in gazetteer.neighbours(best.country_code)):
        # "Samar" is an old name of Samara, but not in a story about the Philippines; the
        # "Front" of "Eastern War Front" is no Italian village in a story about Colombia.
        return None
    if best.kind == KIND_PLACE and best.country_code not in context.countries and context.countries and \
            not best.primary and best.population < 20_000:
        # "Christian" is an alternate name of a Kansas town; in a story about Pakistan
        # it is not a place.
        return None
    if best.kind == KIND_PLACE and not best.primary and context.admin1 and \
            any(a.startswith(best.country_code + ".") for a in context.admin1) and _a1(best) not in context.admin1 \
            and best.population < 100_000 and \
            not (not homonyms and any(0.5 < _approx_km(best.lat, best.lon, lat, lon) < 40
                                      for lat, lon in context.points)):
        # "Shumy ... in Donbas": an alternate-name village outside the region the text
        # names is a homonym, not the place meant (unless it is the name's only place and lies
        # beside a town the text names: "Oicha", near Beni, in a story that mentions Ituri).
        return None
    # (A front is named after a town big enough to be known: a village namesake is no rival.)
    factor = 2 if mention.cue == "near" and mention.cue_end is not None else 10
    # (Rivals are weighed without the alias penalty: it picks the owner of a name, it does
    # not make a namesake abroad any less likely.)
    rivals = [p for _, p in scored[1:] if raw[id(best)] - raw[id(p)] < 1.5 and p.country_code != best.country_code
              and p.population * factor >= best.population and (p.primary or not best.primary)]
    # In a report of violence that names no country, a town of a country at war outweighs a
    # much smaller namesake, even where a demonym points elsewhere ("an Israeli strike on
    # Rafah": Rafah in Gaza, not its Egyptian namesake).
    at_war = not context.countries and best.country_code in context.conflict and best.primary and \
        best.kind == KIND_PLACE and \
        best.population >= 15_000 and not gazetteer.is_common_word(mention.key)
    if home is not None:
        # A namesake in (or next door to) the story's country, preferred over another
        # country's alternate name, is rivalled only by one there too.
        pointed_here = context.countries.keys() | context.weak_countries
        rivals = [p for p in rivals if p.country_code in pointed_here or
                  any(n in pointed_here for n in gazetteer.neighbours(p.country_code))]
    if favoured or at_war or short_name:
        # Only a namesake in another country at war, and not much smaller, stays a rival.
        ratio = 2
        rivals = [p for p in rivals if p.country_code in context.conflict and p.population * ratio >= best.population]
    if rivals and not supported and best.population < 1_000_000:
        # Too close to call across countries: never guess across the world.
        return None
    return ResolvedPlace(mention, best, _precision(best, mention), best_score)


def _home_namesake(scored: list[tuple[float, Place]], best: Place, context: Context,
                   gazetteer: PlaceLookup) -> tuple[float, Place] | None:
    """The story's own namesake when the best-scored entry is only an alternate name of a
    place in a country the story does not point to: "San Miguel" in a story about the
    Philippines is a Philippine town, not an old name of San Diego; "Mora" in a story about
    the Nigerian border is the Cameroonian town, not an alternate name of Bilimora. A
    namesake under its main name in a country the text points to (named, or by its armed
    groups, demonyms and dateline) comes first, then one next door to such a country."""
    pointed = context.countries.keys() | context.weak_countries
    if best.primary or not pointed or best.country_code in pointed or best.kind not in (KIND_PLACE, KIND_FEATURE):
        return None
    inside = [(sc, p) for sc, p in scored if p.primary and p.kind in (KIND_PLACE, KIND_FEATURE)
              and p.country_code in pointed]
    if inside:
        return inside[0]
    # Next door only to the country the text names most (or, naming none, one it points to),
    # and a town of some size: no nameless hamlet across the border of a country named in passing.
    most = max(context.countries.values(), default=0)
    main = {cc for cc, n in context.countries.items() if n == most} if most else set(context.weak_countries)
    beside = [(sc, p) for sc, p in scored if p.primary and p.kind in (KIND_PLACE, KIND_FEATURE)
              and p.population >= 1000 and any(n in main for n in gazetteer.neighbours(p.country_code))]
    return beside[0] if beside else None


def resolve_all(mentions: list[PlaceMention], gazetteer: PlaceLookup,
                weak_countries: Iterable[str] = ()) -> list[ResolvedPlace]:
    """Resolve every mention of a document, context first, then each name."""
    context = build_context(mentions, gazetteer, weak_countries)
    first = _resolve_each(mentions, gazetteer, context)
    # Second round: places found in round one pull their neighbours' homonyms closer.
    points = tuple(dict.fromkeys((r.place.lat, r.place.lon) for r in first
                                 if r is not None and r.place.kind in (KIND_PLACE, KIND_FEATURE) and r.score > 6))[:12]
    regions = frozenset(context.admin1 | {_a1(r.place) for r in first
                                          if r is not None and r.place.kind == KIND_ADMIN1})
    countries = Counter(context.countries)
    for r in first:
        if r is not None and r.place.country_code not in countries and r.score > 7:
            countries[r.place.country_code] += 1
    context = Context(countries, context.weak_countries, regions, points, context.conflict)
    return [r for r in _resolve_each(mentions, gazetteer, context) if r is not None]


def _resolve_each(mentions: list[PlaceMention], gazetteer: PlaceLookup,
                  context: Context) -> list[ResolvedPlace | None]:
    """:func:`resolve` of each mention; a name repeated with the same cues is scored once
    (nothing in :func:`resolve` reads a mention's position)."""
    seen: dict[tuple[str, str | None, bool, bool, bool], ResolvedPlace | None] = {}
    out: list[ResolvedPlace | None] = []
    for m in mentions:
        signature = (m.key, m.cue, m.weak, m.upper, m.locative)
        if signature not in seen:
            seen[signature] = resolve(m, gazetteer, context)
        r = seen[signature]
        if r is not None and r.mention.start != m.start:
            # The same reading at this position, with the area cue resolve may have set.
            again = _as_district(m) if r.mention.cue != m.cue else m
            r = ResolvedPlace(again, r.place, r.precision, r.score)
        out.append(r)
    return out


def _as_district(mention: PlaceMention) -> PlaceMention:
    """ "Beni territory", "Izium district": the town stands for its area."""
    return PlaceMention(mention.start, mention.end, mention.text, mention.key, "district",
                        mention.cue_end, mention.weak)


def to_location(resolved: ResolvedPlace, gazetteer: PlaceLookup, precision: int | None = None) -> Location:
    """The output :class:`Location` of a resolved place."""
    place = resolved.place
    cc = place.country_code
    country = gazetteer.country_name(cc)
    if place.kind == KIND_COUNTRY:
        return Location(country, country, cc, None, None, round(place.lat, 5), round(place.lon, 5),
                        place.geonames_id or None, 3)
    admin1 = gazetteer.admin1_name(cc, place.admin1_code) if place.admin1_code else None
    if place.kind == KIND_ADMIN1:
        return Location(place.name, country, cc, place.name, None, round(place.lat, 5),
                        round(place.lon, 5), None, 3)
    if place.kind == KIND_AREA:
        return Location(place.name, country, cc, admin1, None, round(place.lat, 5), round(place.lon, 5),
                        None, 3)
    return Location(place.name, country, cc, admin1, place.admin2 or None, round(place.lat, 5),
                    round(place.lon, 5), place.geonames_id or None,
                    precision if precision is not None else resolved.precision)


def country_location(cc: str, gazetteer: PlaceLookup) -> Location | None:
    """A country-level location (precision 3) for ``cc``."""
    place = gazetteer.country_place(cc)
    if place is None:
        return None
    name = gazetteer.country_name(cc)
    return Location(name, name, cc, None, None, round(place.lat, 5), round(place.lon, 5),
                    place.geonames_id or None, 3)
