"""Assemble events: group trigger sentences into incidents and code each one.

One event per distinct incident, not per sentence. Trigger sentences are read in
order; a sentence joins the incident before it unless it names a place or a day
that conflicts with that incident's. Sentences with casualty figures but no
trigger of their own ("Another five people were wounded, he added.") join the
incident before them.

For each incident:

* **type**: the highest-ranked trigger (:data:`typology.PRIORITY`), with
  violence against armed victims coded as a battle and remote violence kept as
  remote violence whoever the victims were;
* **place**: the place named nearest the trigger in the incident's own sentences
  (never the dateline, never where a claimant spoke), else the headline's, else
  the document's main country at precision 3;
* **date**: the date stated nearest the trigger (not "said on Tuesday"), else the
  headline's, else the publication date at precision 2, with a note saying so;
* **actors**: the armed actors and victims of its sentences, with roles from word
  order and the passive voice ("were killed by X" makes X actor1);
* **figures**: claims merged when repeated; fatalities and wounded are
  low/best/high over the claims (see :func:`summarise`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import heapq
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from typing import cast

from ..annotations import Annotated, Trigger
from ..explain import ClaimNote, EventNote, PlaceNote, TriggerNote
from ..geocode.gazetteer import (KIND_ADMIN1, KIND_AREA, KIND_COUNTRY, KIND_FEATURE, KIND_PLACE, PlaceLookup,
                                 distance_km)
from ..geocode.recognize import PlaceMention
from ..geocode.resolve import ResolvedPlace, country_location, to_location
from ..figures import CREDIBILITY, credibility, summarise, victim_group
from ..intervals import SpanIndex
from ..lexicon import default_lexicon
from ..model import Actor, Claim, Event, Evidence, Location, Role, Span
from ..prescan import GuardedPattern
from ..textutil import name_key
from .actors import ActorDictionary, ActorEntry, ActorMention
from .claims import _LARGEST_INCIDENT as LARGEST_INCIDENT  # a war's toll, not one incident's
from .claims import ClaimMention, person_noun_after, speaker_span
from .dates import DateMention
from .numbers import find_quantities
from .triggers import speech_date
from .typology import CROSSWALK, RANK, TYPE_OF
from .vocabulary import vocabulary

# Armed and unarmed victims' nouns are word sets in data/lexicon/people.toml (see .vocabulary).
_PASSIVE_BY = re.compile(r"\b(?:by|from)\s+$")
_CLAIMANT_PLACE = GuardedPattern(re.compile(
    # ("said the device in Arauquita ...": a reported clause, whose place is the story's.)
    r"\b(?:(?:said|says|reported)\s+(?!(?:the|a|an|this|that|its|their)\s)|(?:told|speaking|spoke|statement|"
    r"briefing|reporters|journalists|spokesman|spokeswoman|spokesperson|based|headquartered|"
    r"(?P<body>officials|authorities|ministry|governor|mayor|sources?|police))\s+)"
    # ... but "a police post in Kano" is a place, not a speaker's seat.
    r"(?:(?!(?:posts?|stations?|checkpoints?|barracks|bases?|headquarters|offices?|buildings?|compound|"
    r"convoy|patrols?|vehicles?|academy)\b)\w+\s+){0,2}(?:in|from|at)\s+(?:[\w'’-]+\s+(?:and|or)\s+)?$"
))
_SPEECH_AFTER_SEAT = re.compile(
    r"[^.;:!?]{0,80}?\b(?:said|says|say|told|tell|reported|report|announced|confirmed|stated|added|"
    r"according|claimed|denied|warned|urged)\b")
# Where someone travelled is not where the violence was ("flew to the United States").
_TRAVEL_PLACE = GuardedPattern(re.compile(
    r"\b(?:flew|flown|flying|travel(?:l?ed|l?ing)?|trips?|visits?|visited|visiting|returned|returning|"
    r"arrived|arriving|headed|heading|left|leaving|departed|departing|fled|fleeing|flee|escaped|emigrated|"
    r"exiled|deported|extradited|moved)\s+(?:back\s+)?(?:to|for|in|into|from|toward|towards)?\s*(?:the\s+)?"
    r"(?:(?:neighbou?ring|nearby)\s+)?(?:(?:town|city|village|commune|district|region|province|country)\s+of\s+)?$"
    # Nor where someone was only trying to go ("shot while trying to cross the river into Tanzania").
    r"|\b(?:try(?:ing)?|tried|attempt(?:ing|ed)?|seeking|sought|planning|hoping)\s+to\s+"
    r"(?:cross|flee|escape|enter|reach|slip|sneak)\b(?:\s+[\w'’-]+){0,4}?\s+(?:into|to|towards?)\s+(?:the\s+)?$"
))
# Nor where people come from ("migrants from Sulawesi", "workers from Punjab").
_ORIGIN_PLACE = GuardedPattern(re.compile(
    r"\b(?:migrants?|workers?|labou?rers?|people|families|residents|natives?|refugees?|settlers|traders|"
    r"pilgrims|tourists|visitors|students|nationals|citizens|immigrants|men|women)\s+(?:originally\s+)?"
    r"from\s+(?:the\s+)?(?:(?:neighbou?ring|nearby)\s+)?(?:(?:province|state|region|island)\s+of\s+)?$"
    # "a soldier, resident of District Chakwal", "a native of Swat", "hailing from Multan"
    # (not "killed four residents of the Donetsk region": they were killed where they live).
    r"|\b(?:natives?|hailing|hometown|domiciled)\s+(?:of|from|in)\s+(?:the\s+)?"
    r"(?:(?:district|village|town|city|province|tehsil)\s+(?:of\s+)?)?$"
    r"|\bresident of\s+(?:district|tehsil)\s+$"
))
# Nor where the wounded were taken ("evacuated by helicopter to Niamey", "taken to a hospital in Sumy").
_TAKEN_TO_PLACE = re.compile(
    r"\b(?:evacuated|airlifted|medevaced|rushed|transferred|transported|brought|taken|flown|sent|shifted|"
    r"moved|referred)\b"
    r"(?:\s+[a-z]+){0,3}?\s+to\s+(?:(?:a|the)\s+)?(?:(?:[a-z]+\s+){0,3}(?:hospitals?|clinic|medical "
    r"(?:centre|center|facility)|base)(?:\s+in|,)\s+)?$"
)
# Nor is where talks were held ("the talks should have been held recently in Caracas").
_MEETING_PLACE = GuardedPattern(re.compile(
    r"\b(?:talks|meetings?|summit|negotiations|conference|round|session|ceremony|funeral)\b[^,;.]{0,60}?"
    r"\b(?:held|hosted|take place|took place|taking place|scheduled|convened|opened|signed)\s+"
    r"(?:\w+\s+){0,2}(?:in|at)\s+(?:the\s+)?$"
))
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:has|have|had)\s+)?(?:said|says|say|claimed|claims|reported|announced|accused|denied|"
    r"denies|confirmed|warned|vowed|blamed)\b|(?:['’]s)?\s+(?:\w+\s+){0,2}(?:forces|army|military|troops|"
    r"ministry|government|regime|authorities|president|officials?|spokesman|air force|navy|general staff|"
    r"command|soldiers|servicemen|security forces|attack|shelling|side)\b"
)
_ENDS_SENTENCE = re.compile(r"\s*(?:[.!?]|\n|$)")
_RESPONSIBILITY = GuardedPattern(re.compile(
    r"\bclaimed (?:responsibility|the (?:attack|bombing|strike|killing|assault))\b|\bresponsibility for the\b"))
_NEW_INCIDENT = re.compile(r"^\W*(?:separately|elsewhere|meanwhile|in another|in a separate|also on|"
                           r"in the [\w-]+ (?:region|province|state|district|governorate)|further|"
                           r"in the (?:far )?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b(?! of)|"
                           r"a day earlier|the day before|earlier|later|hours later|on \w+day|"
                           # "Only a few days ago, ...", "Two weeks earlier, ...": another, earlier act
                           # (not "three days before the attack, ...", which dates the one told)
                           r"(?:only |just )?(?:a few|a couple of|several|some|\w+) (?:days|weeks) "
                           r"(?:ago|earlier|before(?=\s*,)))\b"
                           # the second incident of a sentence cut in two ("..., as the army reported killing")
                           r"|(?-i:^(?:and|as|while|whereas) )",
                           re.IGNORECASE)
_ANOTHER = re.compile(r"\b(?:in|during|in yet) another (?:\w+ ){0,2}(?:attack|incident|bombing|raid|ambush|strike|"
                      r"clash|shooting|explosion)\b|\bin a separate (?:\w+ )?(?:attack|incident|shooting|operation|"
                      r"clash|raid|strike|bombing)\b")
_TOKEN = re.compile(r"\S+")
_SELF_REFERENCE = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:that\s+)?(?:it|they|its (?:forces|troops|units|"
                             r"fighters|soldiers)|their (?:units|forces|troops|fighters))\b")


@dataclass
class _Incident:
    sentences: list[int] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    place: ResolvedPlace | None = None
    date: DateMention | None = None
    extra: list[int] = field(default_factory=list)  # claim-only sentences

    @property
    def all_sentences(self) -> list[int]:
        return sorted(set(self.sentences) | set(self.extra))

    def absorb(self, index: int, triggers: list[Trigger], place: ResolvedPlace | None = None,
               date: DateMention | None = None) -> None:
        """Take in a sentence told about this incident: its triggers, a place that narrows
        this one down, and its date when this one has none."""
        self.sentences.append(index)
        self.triggers.extend(triggers)
        if place is not None and _refines(self.place, place):
            self.place = place
        self.date = self.date or date


def _places_by_sentence(ann: Annotated, gazetteer: PlaceLookup | None = None,
                        excluded: dict[int, str] | None = None) -> dict[int, list[ResolvedPlace]]:
    """The places that can be an incident's, by sentence. When ``excluded`` is given
    (an explanation is asked for), why each other place cannot be goes into it, by the
    mention's start."""
    out: dict[int, list[ResolvedPlace]] = {}
    claimant_spans = SpanIndex((c.claim.claimant_span.start, c.claim.claimant_span.end)
                               for c in ann.claims if c.claim.claimant_span)
    starts = [s.start for s in ann.sentences]
    doers = {(a.start, a.end) for a in ann.actors if a.entry.kind == "state forces"}
    front = default_lexicon().rule("place.front-direction")
    source = default_lexicon().rule("place.headline-source")
    venue = default_lexicon().rule("place.talks-venue")
    nationals = default_lexicon().rule("place.nationals-after")
    meeting_name = default_lexicon().rule("place.names-a-meeting")
    macro_region = default_lexicon().rule("place.macro-region")
    # Where each sentence's closing source tag begins, if it has one.
    tail = default_lexicon().rule("place.headline-source-tail")
    tails = {}
    for s in ann.sentences:
        dash = max(ann.low.rfind(" - ", s.start, s.end), ann.low.rfind(" – ", s.start, s.end),
                   ann.low.rfind(" — ", s.start, s.end))
        if dash >= 0 and tail.match(ann.low, dash, s.end):
            tails[s.index] = dash
    for rp in ann.places:
        m = rp.mention
        if ann.dateline and ann.dateline.start <= m.start < ann.dateline.end:
            if excluded is not None:
                excluded[m.start] = "in the dateline: where the report was filed"
            continue
        if claimant_spans.covers(m.start):
            if excluded is not None:
                excluded[m.start] = "part of a claimant's words"
            continue
        before = ann.low[max(0, m.start - 50):m.start]
        seat = _CLAIMANT_PLACE.search(before)
        if seat and seat.group("body") and not _SPEECH_AFTER_SEAT.match(ann.low, m.end):
            # "kill two police in Jalalabad": officials or police named where they are
            # only speak from there when a speech verb follows ("police in Kano said").
            seat = None
        if seat or _TRAVEL_PLACE.search(before) or _ORIGIN_PLACE.search(before) or \
                _TAKEN_TO_PLACE.search(ann.low, max(0, m.start - 80), m.start) or \
                _MEETING_PLACE.search(ann.low, max(0, m.start - 120), m.start) or \
                venue.search(ann.low, max(0, m.start - 40), m.start):
            if excluded is not None:
                excluded[m.start] = _not_incident_place(ann.low, m.start)
            continue
        if meeting_name.match(ann.low, m.end):
            if excluded is not None:
                excluded[m.start] = ("the name of a meeting or an accord (\"the Lusaka accords\"), not a location "
                                     "(place.names-a-meeting)")
            continue
        if m.start >= 4 and macro_region.match(ann.low, m.start - 4):
            if excluded is not None:
                excluded[m.start] = ("a part of the world (\"the Sahel\", \"the Middle East\"), not the province or "
                                     "town of that name (place.macro-region)")
            continue
        capital = gazetteer.capital_key(rp.place.country_code) in (m.key, name_key(rp.place.name)) \
            if gazetteer is not None else False
        if (rp.place.kind == KIND_COUNTRY or capital) and (
                _SPEAKER_AFTER.match(ann.low, m.end) or
                (source.search(ann.low, max(0, m.start - 4), m.start) and _ENDS_SENTENCE.match(ann.low, m.end))):
            if excluded is not None:
                excluded[m.start] = ("a voice or an army (\"Ukraine says\", \"Kyiv forces\", \"...: Kyiv.\"), "
                                     "not a location")
            continue  # "Ukraine says", "Kiev forces", "...: Kiev.": a voice or an army, not a location
        if rp.place.kind == KIND_COUNTRY and nationals.match(ann.low, m.end):
            if excluded is not None:
                excluded[m.start] = "a nationality (\"Niger nationals\"), not a location (place.nationals-after)"
            continue  # "attacks on Niger nationals in Abidjan": people, not the place
        if rp.place.kind == KIND_COUNTRY and (m.start, m.end) in doers:
            if excluded is not None:
                excluded[m.start] = "the doer (a state acting), not the place"
            continue  # "Russia killed 383 children in Ukraine": the doer, not the place
        if rp.precision < 2 and front.match(ann.low, m.end):
            # "the Kupiansk direction": the stretch of front around the town, not the town.
            rp = dataclasses.replace(rp, precision=2)
        i = _sentence_of(starts, ann, m.start)
        if i is not None and i in tails and m.start >= tails[i] and \
                rp.place.kind not in (KIND_ADMIN1, KIND_AREA, KIND_COUNTRY):
            # "... repulsed - Khortytsia group of forces": the source's name. (A region's
            # own command or militia, "- DPR command", speaks of the region: it stays.)
            if excluded is not None:
                excluded[m.start] = "the name of the command a headline closes on as its source"
            continue
        if i is not None and _in_comparison(ann, i, m.start):
            continue  # "the heaviest clashes since the rebels took Goma": history, not the place
        if i is not None:
            out.setdefault(i, []).append(rp)
    for i, found in out.items():
        first = found[0].mention
        if len(found) > 1 and ann.view.startswith(":", first.end) and \
                not ann.view[ann.sentences[i].start:first.start].strip():
            # "Baghdad: Four militants were killed ... in the province of Diyala": a place before a
            # colon opening the sentence labels the report (a dateline); another place in the
            # sentence is the incident's. (Alone, "Kharkiv: two killed in shelling", it is.)
            if excluded is not None:
                excluded[first.start] = "a label before a colon opening the sentence (a dateline), not the location"
            out[i] = found[1:]
    return out


def _in_comparison(ann: Annotated, sentence: int, pos: int) -> bool:
    """True when ``pos`` lies in a comparison with the past ("the deadliest attack since
    the siege of X"): see the lexicon rule ``cue.comparison-with-past``."""
    s = ann.sentences[sentence]
    if ann.low.find(" since", s.start, s.end) < 0:
        return False  # (no match can hold " since ")
    rule = default_lexicon().rule("cue.comparison-with-past")
    return any(m.start() <= pos < m.end() and " since " in m.group(0)[:pos - m.start()] + " "
               for m in rule.finditer(ann.low, s.start, s.end))


def _not_incident_place(low: str, start: int) -> str:
    """Why the place at ``start`` was set aside by the look-behind patterns of
    :func:`_places_by_sentence` (the first that matches)."""
    before = low[max(0, start - 50):start]
    if _CLAIMANT_PLACE.search(before):
        return "where a claimant spoke or is based (place.claimant)"
    if _TRAVEL_PLACE.search(before):
        return "where someone travelled (place.travel)"
    if _ORIGIN_PLACE.search(before):
        return "where people come from (place.origin)"
    if _TAKEN_TO_PLACE.search(low, max(0, start - 80), start):
        return "where the wounded were taken (place.taken-to)"
    return "where talks or a ceremony were held (place.meeting)"


def _sentence_of(starts: list[int], ann: Annotated, pos: int) -> int | None:
    i = bisect_right(starts, pos) - 1
    if i < 0 or pos >= ann.sentences[i].end:
        return None
    return i


def _first_holders(spans: list[tuple[int, int]], points: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """For each ``(position, key)`` in ``points``, the first span of ``spans`` (in list
    order) with ``start <= position < end``: ``{key: span}``, keys without one left out.

    A sweep over the positions in order, with the spans begun so far in a heap by list
    order: each span enters and leaves once, so the cost is (spans + points) x log spans.
    """
    by_start = sorted(range(len(spans)), key=lambda k: spans[k][0])
    active: list[tuple[int, int]] = []  # (list order, end)
    out: dict[int, tuple[int, int]] = {}
    j = 0
    for pos, key in sorted(points):
        while j < len(by_start) and spans[by_start[j]][0] <= pos:
            heapq.heappush(active, (by_start[j], spans[by_start[j]][1]))
            j += 1
        while active and active[0][1] <= pos:
            heapq.heappop(active)  # ended before this position, so before every later one
        if active:
            out[key] = spans[active[0][0]]
    return out


@dataclass(frozen=True, slots=True)
class _DocumentIndex:
    """What coding each incident asks of the whole document, looked up once per document
    so that coding costs what the incident holds, not the document's length.

    Fields: ``starts`` (sentence starts); ``actors_by_sentence`` (indexes into
    ``ann.actors``, in their order); ``claimant_of_actor`` (actor index -> the first
    claimant span, in claim order, that the actor's start falls in); ``explicit`` and
    ``explicit_starts`` (state forces named with their country, in order);
    ``place_countries`` (each country of the places by sentence, in order of first
    mention, with how many places it has); ``places_by_paragraph`` (paragraph ->
    country -> places); ``speaking`` (countries named as countries anywhere, for the
    last-resort vote); ``first_stamp`` (the first paragraph of live-blog entries with
    their own time stamps, see :func:`_first_stamped_paragraph`); ``group_countries`` (the id
    and country of each named non-state group the story names, for the country vote).
    """

    starts: list[int]
    actors_by_sentence: dict[int, list[int]]
    claimant_of_actor: dict[int, tuple[int, int]]
    explicit: list[ActorMention]
    explicit_starts: list[int]
    place_countries: dict[str, int]
    places_by_paragraph: dict[int, Counter[str]]
    speaking: Counter[str]
    names_group: bool = False
    only_group: dict[str, ActorEntry] = field(default_factory=dict)
    first_stamp: int | None = None
    group_countries: tuple[tuple[str, str], ...] = ()  # (id, country) of each named non-state group
    speakers: dict[int, tuple[int, int] | None] = field(default_factory=dict)
    """Each sentence's speaker (see :func:`_speaker`), read once: incidents share sentences
    (those the claims reader read whole come with the annotation)."""

    def speaker(self, ann: Annotated, i: int) -> tuple[int, int] | None:
        """:func:`_speaker` of sentence ``i``, read once per document."""
        try:
            return self.speakers[i]
        except KeyError:
            found = self.speakers[i] = _speaker(ann, i)
            return found

    @classmethod
    def build(cls, ann: Annotated, places: dict[int, list[ResolvedPlace]]) -> "_DocumentIndex":
        starts = [s.start for s in ann.sentences]
        actors_by_sentence: dict[int, list[int]] = {}
        for k, a in enumerate(ann.actors):
            i = _sentence_of(starts, ann, a.start)
            if i is not None:
                actors_by_sentence.setdefault(i, []).append(k)
        claimant_spans = [(cm.claim.claimant_span.start, cm.claim.claimant_span.end)
                          for cm in ann.claims if cm.claim.claimant_span]
        claimant_of_actor = _first_holders(claimant_spans, [(a.start, k) for k, a in enumerate(ann.actors)]) \
            if claimant_spans else {}
        explicit = [a for a in ann.actors if not a.needs_country and a.entry.kind == "state forces"
                    and a.entry.country_code]
        place_countries: dict[str, int] = {}
        places_by_paragraph: dict[int, Counter[str]] = {}
        for i, rps in places.items():
            paragraph = places_by_paragraph.setdefault(ann.sentences[i].paragraph, Counter())
            for rp in rps:
                cc = rp.place.country_code
                place_countries[cc] = place_countries.get(cc, 0) + 1
                paragraph[cc] += 1
        speaking = Counter(rp.place.country_code for rp in ann.places if rp.place.kind == KIND_COUNTRY) \
            if not places else Counter()
        groups = {a.entry.id: a.entry for a in ann.actors
                  if not a.entry.generic and a.entry.kind in _NON_STATE}
        # The one group of each kind the story names ("the FMLN ... the rebels"): a
        # child and its parent count as one.
        by_kind: dict[str, set[str]] = {}
        for e in groups.values():
            by_kind.setdefault(e.kind, set()).add(e.id)
        only_group: dict[str, ActorEntry] = {}
        for kind, ids in by_kind.items():
            roots = {parent if (parent := groups[i].parent) is not None and parent in ids else i for i in ids}
            if len(roots) == 1:
                only_group[kind] = groups[roots.pop()]
        group_countries = tuple((e.id, e.country_code) for e in groups.values() if e.country_code)
        return cls(starts, actors_by_sentence, claimant_of_actor, explicit, [a.start for a in explicit],
                   place_countries, places_by_paragraph, speaking, bool(groups), only_group,
                   _first_stamped_paragraph(ann), group_countries, dict(ann.speakers))


class _Incidents:
    """The incidents told so far, in order, with what the look-backs ask indexed: which
    incidents have each kind of act, and which are at each place.

    Incidents only gain kinds (a sentence's triggers join one) and change place when a
    sentence narrows it down; :meth:`absorb` keeps the indexes right.
    """

    def __init__(self) -> None:
        self.items: list[_Incident] = []
        self._position: dict[int, int] = {}  # id(incident) -> position in items
        self._by_kind: dict[str, list[int]] = {}  # kind -> positions, ascending
        self._by_place: dict[int, list[int]] = {}  # place index -> positions, ascending (some stale)

    def add(self, incident: _Incident) -> None:
        position = len(self.items)
        self.items.append(incident)
        self._position[id(incident)] = position
        self._note(incident, position, set(), None)

    def absorb(self, incident: _Incident, index: int, triggers: list[Trigger],
               place: ResolvedPlace | None = None, date: DateMention | None = None) -> None:
        kinds = {t.sub_event_type for t in incident.triggers}
        old_place = incident.place
        incident.absorb(index, triggers, place, date)
        self._note(incident, self._position[id(incident)], kinds, old_place)

    def _note(self, incident: _Incident, position: int, kinds_before: set[str],
              place_before: ResolvedPlace | None) -> None:
        for kind in {t.sub_event_type for t in incident.triggers} - kinds_before:
            insort(self._by_kind.setdefault(kind, []), position)
        if incident.place is not None and incident.place is not place_before:
            positions = self._by_place.setdefault(incident.place.place.index, [])
            k = bisect_left(positions, position)
            if k == len(positions) or positions[k] != position:
                positions.insert(k, position)

    def last_of_kinds(self, kinds: set[str], current: _Incident) -> _Incident | None:
        """The latest incident other than ``current`` with one of ``kinds``."""
        skip = self._position.get(id(current), -1)
        best = -1
        for kind in kinds:
            positions = self._by_kind.get(kind, ())
            for position in reversed(positions[-2:]):
                if position != skip:
                    best = max(best, position)
                    break
        return self.items[best] if best >= 0 else None

    def last_at(self, place_indexes: set[int], current: _Incident | None) -> _Incident | None:
        """The latest incident other than ``current`` whose place is one of ``place_indexes``."""
        skip = self._position.get(id(current), -1) if current is not None else -1
        best = -1
        for index in place_indexes:
            positions = self._by_place.get(index, [])
            k = len(positions) - 1
            while k >= 0:
                position = positions[k]
                incident = self.items[position]
                if incident.place is None or incident.place.place.index != index:
                    del positions[k]  # it has moved to another place since
                elif position != skip:
                    best = max(best, position)
                    break
                k -= 1
        return self.items[best] if best >= 0 else None


def _conflicts(a: ResolvedPlace | None, b: ResolvedPlace | None) -> bool:
    """Two places that cannot be the same incident's."""
    if a is None or b is None:
        return False
    pa, pb = a.place, b.place
    if pa.country_code != pb.country_code:
        return True
    if pa.kind == KIND_COUNTRY or pb.kind == KIND_COUNTRY:
        return False
    if pa.kind in (KIND_ADMIN1, KIND_AREA) or pb.kind in (KIND_ADMIN1, KIND_AREA):
        return pa.admin1_code != pb.admin1_code and bool(pa.admin1_code and pb.admin1_code)
    if pa.index == pb.index:
        return False
    # Two different towns are two incidents, unless one is a part of the other.
    # (A name placed "north of" a town is a place of its own, not anywhere near that town.)
    cues = (a.mention.cue, b.mention.cue)
    limit = 3 if "relative" in cues else 25 if "near" in cues or "district" in cues else 3
    return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) > limit


# "the device", "that attack": a sentence going back to an incident already told.
_DEFINITE_ACT = re.compile(
    r"\b(?:the|that|this) (?!first|second|third|other|latest|last|next|previous|earlier)(?:\w+ )?(?:device|bomb|"
    r"bombing|attack|blast|explosion|strike|raid|ambush|assault|shelling|massacre|killings?|incident|drones?|shells|"
    r"missiles?|rockets?|mortars?|grenades?)\b")


# "The fighting ...", "The attack ...": a sentence that opens on the act just told.
_DEFINITE_SUBJECT = re.compile(
    r"(?:the|this|that) (?!first|second|third|other|latest|last|next|previous|earlier)(?:\w+ )?(?:fighting|"
    r"attack|assault|blast|explosion|bombing|bomb|device|strike|raid|ambush|clashes|shelling|violence|killings?|"
    r"massacre|incident|gunfight|gun battle|firefight|encounter|exchange of fire|operation)\b")


# The verb that ends a sentence's subject ("The attack on the post in X came ...").
_SUBJECT_ENDS = re.compile(r"\b(?:came|comes|was|were|is|has|had|took|takes|happened|occurred|left|killed|"
                           r"wounded|followed|marked|appeared|seemed|said|says)\b")


def _subject_place(low: str, start: int, end: int, places: list[ResolvedPlace]) -> ResolvedPlace | None:
    """The town or region named inside a sentence's subject when that subject is the act
    just told: "The attack on the police station in Tibu, in the Catatumbo region, came late
    on Thursday" places that attack at Tibu. A place after the verb ("The attack came a day
    after a bombing in Peshawar") says nothing of where it was."""
    if not places or not _DEFINITE_SUBJECT.match(low, start):
        return None
    verb = _SUBJECT_ENDS.search(low, start, end)
    limit = verb.start() if verb else start
    inside = [rp for rp in places if rp.place.kind != KIND_COUNTRY and rp.mention.start < limit]
    return inside[0] if inside else None


def _goes_on(low: str, start: int, end: int, triggers: list[Trigger], current: _Incident) -> bool:
    """True when a sentence with no date or figures of its own goes on about the incident
    just told: it opens on "the attack", or names "the roadside bomb" with the same kind of act."""
    if _DEFINITE_SUBJECT.match(low, start):
        return True
    return _DEFINITE_ACT.search(low, start, end) is not None and \
        bool({t.sub_event_type for t in triggers} & {t.sub_event_type for t in current.triggers})


def _same_kind_before(incidents: _Incidents, current: _Incident | None, triggers: list[Trigger],
                      low: str, start: int, end: int) -> _Incident | None:
    """An earlier incident that a placeless, dateless sentence opening on "the bomb" (any
    definite act) goes back to, when the incident just told is of another kind."""
    kinds = {t.sub_event_type for t in triggers if t.sub_event_type != "Armed clash"}
    if current is None or not kinds or kinds & {t.sub_event_type for t in current.triggers} or \
            not _DEFINITE_SUBJECT.match(low, start):
        return None
    return incidents.last_of_kinds(kinds, current)


def _referred_to(incidents: _Incidents, current: _Incident | None, places: list[ResolvedPlace],
                 date: DateMention | None, low: str, start: int, end: int) -> _Incident | None:
    """An earlier incident (not the one just told) that a sentence refers back to: it
    names the act with a definite article and that incident's very place, with no other
    day of its own."""
    named = {rp.place.index for rp in places if rp.place.kind != KIND_COUNTRY}
    if not named or not _DEFINITE_ACT.search(low, start, end):
        return None
    incident = incidents.last_at(named, current)
    if incident is None:
        return None
    if date is not None and incident.date is not None and date.date != incident.date.date and \
            date.precision == 1:
        return None
    return incident


_NATIONALS = re.compile(r"[a-z]+(?:ians|ans|ese|is|ites)")
_OBJECT_STOP = frozenset({"of", "in", "near", "on", "during", "when", "after", "as", "while", "outside", "from", "with",
                          "by", "and", "but", "who", "which", "that", "said", "says"})


def _object_of(low: str, end: int) -> str | None:
    """Whom the act right before ``end`` struck ("shot dead four labourers", "fired at the
    headman"): "civilian", "armed", or None when the next few words do not say."""
    for word in re.findall(r"[a-z'-]+", low[end:end + 60])[:6]:
        if vocabulary().armed_victim.fullmatch(word):
            return "armed"
        if vocabulary().civilian_victim.fullmatch(word) and not _NATIONALS.fullmatch(word):
            return "civilian"  # ("eliminated 40 Russians": nationals may be soldiers)
        if word in _OBJECT_STOP:
            return None
    return None


# "the Somali capital", "the Afghan capital": the country's capital, named by its demonym.
_DEMONYM_CAPITAL = re.compile(r"\b[Tt]he ([A-Z][a-z]+) capital\b")

# How long before its publication a report can tell of an incident as news.
_NEWS_WINDOW_DAYS = 365
_MONTH_WINDOW_DAYS = 62  # for an incident dated only by its month: that month or the one before


def _region_of(rp: ResolvedPlace | None) -> ResolvedPlace | None:
    """A town's region (the same mention, read at admin1 level), for loose comparisons."""
    if rp is None or rp.place.kind != KIND_PLACE:
        return rp
    return dataclasses.replace(rp, place=dataclasses.replace(rp.place, kind=KIND_ADMIN1))


def _refines(old: ResolvedPlace | None, new: ResolvedPlace) -> bool:
    """True when ``new`` is more specific than ``old`` and inside it."""
    if old is None:
        return True
    rank = {KIND_COUNTRY: 0, KIND_ADMIN1: 1, KIND_AREA: 1}
    return rank.get(new.place.kind, 2) > rank.get(old.place.kind, 2) and not _conflicts(old, new)


# "near Eldorado, south of Culiacan": the second town only says where the first is.
_REFERENCE_POINT = re.compile(
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?$")


def _best_place(places: list[ResolvedPlace], near: int, low: str = "") -> ResolvedPlace | None:
    """The most specific consistent place of a sentence, nearest to ``near``; a place
    that only serves as a reference point ("south of Culiacan") comes last."""
    if not places:
        return None
    if low:
        located = [rp for rp in places if not _REFERENCE_POINT.search(low, max(0, rp.mention.start - 40),
                                                                      rp.mention.start)]
        if any(rp.place.kind in (KIND_PLACE, KIND_FEATURE) for rp in located):
            places = located
    rank = {KIND_COUNTRY: 0, KIND_ADMIN1: 1, KIND_AREA: 1}
    ordered = sorted(places, key=lambda rp: (-rank.get(rp.place.kind, 2), abs(rp.mention.start - near)))
    best = ordered[0]
    # A small alternate-name town inconsistent with the region or country the same
    # sentence names is doubtful: prefer the wider place then.
    wider = [rp for rp in places if rp.place.kind in (KIND_ADMIN1, KIND_COUNTRY, KIND_AREA)]
    for cand in ordered:
        doubtful = not cand.place.primary and cand.place.population < 5000
        if not doubtful or not any(_conflicts(cand, w) for w in wider if w is not cand):
            return cand
    return best


# "... swept up glass on Tuesday, a day after rockets hit the market": the date is of the
# sweeping; the act was the stated number of days before it.
_DAYS_AFTER = re.compile(r"\b(a|one|the|two|three)\s+days?\s+after\b")
_DAY_COUNT = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3}


_DRONE_WORD = re.compile(r"\b(?:drones?|uavs?|shaheds?|geran\w*)\b")


def _harm_done(ann: Annotated, sentence_ids: list[int], claims: list[Claim]) -> str | None:
    """The strike an interception was after all, when it killed or hurt people or did
    damage (debris on homes, drones that got through; lexicon rule
    ``cue.interception-harm``): an air or drone strike when drones are named, else a
    missile attack. ``None`` when it harmed nobody: a disrupted weapons use."""
    harm = default_lexicon().rule("cue.interception-harm")
    spans = [(ann.sentences[i].start, ann.sentences[i].end) for i in sentence_ids]
    if not (any(c.figure in ("killed", "wounded") and c.top > 0 for c in claims) or
            any(harm.search(ann.low, s, e) for s, e in spans)):
        return None
    drones = any(_DRONE_WORD.search(ann.low, s, e) for s, e in spans)
    return "Air/drone strike" if drones else "Shelling/artillery/missile attack"


def _first_stamped_paragraph(ann: Annotated) -> int | None:
    """The first paragraph below the title that opens on a live-blog entry's own time
    stamp ("14:05 – ...", "Updated 09:12 GMT"); every paragraph from it on is in such an
    entry. ``None`` when the document has none."""
    stamp = default_lexicon().rule("date.live-entry-stamp")
    seen: set[int] = set()
    for s in ann.sentences:
        if s.headline or s.paragraph in seen:
            continue
        seen.add(s.paragraph)
        if stamp.match(ann.low, s.start, s.end + 1):
            return s.paragraph
    return None


def _said_on(low: str, date: DateMention) -> bool:
    """True when a date is the day of a statement told after it ("on Friday blamed")."""
    return default_lexicon().rule("cue.speech-date-after").match(low, date.end) is not None


def _date_for(dates: tuple[DateMention, ...], low: str, near: int) -> DateMention | None:
    usable = [d for d in dates if not speech_date(low, d.start)]
    if not usable:
        return None
    # "The minister on Friday blamed the rebels for an attack on Thursday": the day of the
    # blame is the act's only when the sentence has no other.
    usable = [d for d in usable if not _said_on(low, d)] or usable
    # "Bandits, who have killed 200 since January, shot dead six on Sunday": a date after
    # "since" starts a period; another date of the sentence is the act's.
    dated = [d for d in usable
             if not low.startswith("since ", d.start) and low[max(0, d.start - 6):d.start] != "since "]
    usable = dated or usable
    best = min(usable, key=lambda d: (abs(d.start - near), d.precision))
    # "spent Friday burying those killed when shells hit the market a day earlier": a date
    # told back from the one before the trigger, after it, is the trigger's.
    back = [d for d in usable if d.back_from == best.start and d.start > near]
    if back and best.start < near:
        return min(back, key=lambda d: d.start)
    if best.end <= near:
        after = _DAYS_AFTER.search(low, best.end, near)
        if after is not None and not any(best.end <= d.start < near for d in usable if d is not best):
            days = _DAY_COUNT[after.group(1)]
            return dataclasses.replace(best, date=best.date - dt.timedelta(days=days),
                                       end_date=best.end_date - dt.timedelta(days=days) if best.end_date else None)
    return best


def _merge_claims(mentions: list[ClaimMention]) -> list[Claim]:
    """One claim per distinct statement: a repeated figure from the same (or an
    unnamed) source is one claim, kept with its attributed wording."""
    out: list[Claim] = []
    for cm in sorted(mentions, key=lambda c: c.claim.claimant is None):
        c = cm.claim
        duplicate = next((o for o in out if o.figure == c.figure and o.low == c.low and o.high == c.high
                          and (c.claimant is None or o.claimant is None or
                               o.claimant.lower() == c.claimant.lower())), None)
        if duplicate is None:
            out.append(c)
    out.sort(key=lambda c: c.span.start)
    return out


class EventBuilder:
    """Turns an annotated document into events. Needs a gazetteer (for locations)
    and the actor dictionary (for country names)."""

    def __init__(self, gazetteer: PlaceLookup, actors: ActorDictionary) -> None:
        self.gazetteer = gazetteer
        self.actors = actors
        # Each country's own demonyms (those of no other country), for the parties' names.
        self._own_demonyms: dict[str, list[str]] = {}
        for dem, ccs in actors.demonyms.items():
            if len(ccs) == 1:
                self._own_demonyms.setdefault(ccs[0], []).append(dem)

    def __call__(self, ann: Annotated) -> tuple[Event, ...]:
        if not ann.triggers:
            return ()
        trace = ann.trace
        excluded: dict[int, str] | None = {} if trace is not None else None
        places = _places_by_sentence(ann, self.gazetteer, excluded)
        claims_by_sentence: dict[int, list[ClaimMention]] = {}
        for cm in ann.claims:
            if not (cm.cumulative or cm.hypothetical):
                claims_by_sentence.setdefault(cm.sentence, []).append(cm)
        triggers_by_sentence: dict[int, list[Trigger]] = {}
        for t in ann.triggers:
            triggers_by_sentence.setdefault(t.sentence, []).append(t)

        incidents = _Incidents()
        current: _Incident | None = None
        headline = next((s.index for s in ann.sentences if s.headline), None)
        for s in ann.sentences:
            trig = triggers_by_sentence.get(s.index)
            if not trig:
                # Figures or a claim of responsibility with no new trigger: more on the incident before.
                if current is not None and (s.index in claims_by_sentence or
                                            _RESPONSIBILITY.search(ann.low, s.start, s.end)) and \
                        s.paragraph - ann.sentences[current.sentences[-1]].paragraph <= 1 and \
                        not any(_conflicts(current.place, rp) for rp in places.get(s.index, [])
                                if rp.place.kind != KIND_COUNTRY):
                    current.extra.append(s.index)
                elif current is not None and \
                        s.paragraph - ann.sentences[current.sentences[-1]].paragraph <= 1:
                    named = _subject_place(ann.low, s.start, s.end, places.get(s.index, []))
                    if named is not None and _refines(current.place, named):
                        # "The attack on the station in Tibu ... came late on Thursday": the act
                        # just told, placed by the words that name it.
                        current.extra.append(s.index)
                        current.place = named
                        own = _date_for(ann.dates[s.index], ann.low, s.start) if s.index < len(ann.dates) else None
                        if own is not None and (current.date is None or _said_on(ann.low, current.date)) and \
                                not _said_on(ann.low, own):
                            # "... came late on Thursday": the act's day, where the incident
                            # had only the day a minister blamed someone for it.
                            current.date = own
                continue
            first = trig[0]
            place = _best_place(places.get(s.index, []), first.start, ann.low)
            date = _date_for(ann.dates[s.index] if s.index < len(ann.dates) else (), ann.low, first.start)
            starts_new = bool(_NEW_INCIDENT.match(ann.view[s.start:s.end]) or
                              _ANOTHER.search(ann.low, s.start, s.end))
            back = _same_kind_before(incidents, current, trig, ann.low, s.start, s.end) \
                if place is None and date is None and not starts_new else None
            if back is not None:
                # "The bomb, hidden in a culvert, exploded as a patrol passed": the bombing
                # told before, not the shooting just told.
                incidents.absorb(back, s.index, trig)
                current = back
                continue
            # A country alone ("... signed in Mexico") is too vague to start a new incident,
            # unless the sentence names a clear act of violence.
            splitting = None if place is not None and place.place.kind == KIND_COUNTRY and \
                not any(t.strong for t in trig) else place
            # A new paragraph reporting a different kind of act (a kidnapping after a bombing)
            # starts a new incident as soon as it also has a date, a place or figures of its own.
            told_new = starts_new  # said in words ("Separately", "In another attack")
            if current is not None and s.paragraph != ann.sentences[current.sentences[-1]].paragraph:
                kinds_here = {TYPE_OF[t.sub_event_type] for t in trig if t.strong}
                kinds_before = {TYPE_OF[t.sub_event_type] for t in current.triggers if t.strong}
                if kinds_here and kinds_before and not kinds_here & kinds_before:
                    starts_new = True
            # An act told as new with its own toll ("A glide bomb attack ... on December 21 killed
            # four") on a day of its own, days away from the report, is not the undated incident
            # just told with its toll (which the report's day dates); "The attack happened on
            # March 1" goes on with it, and so does the account under an item's heading.
            published = ann.document.published
            dated_apart = date is not None and current is not None and current.date is None and \
                date.precision == 1 and not date.relative and published is not None and \
                abs((published - date.date).days) > 2 and not _DEFINITE_SUBJECT.match(ann.low, s.start) and \
                s.index in claims_by_sentence and \
                any(i in claims_by_sentence for i in current.all_sentences)
            if current is not None and not _conflicts(current.place, splitting) and not dated_apart and \
                    not (date and current.date and date.date != current.date.date
                         and date.precision == 1 and current.date.precision == 1
                         and (splitting is not None or starts_new or not date.relative)) and \
                    not (starts_new and (splitting is not None or date is not None or
                                         s.index in claims_by_sentence or
                                         _ANOTHER.search(ann.low, s.start, s.end)) and
                         current.sentences[-1] != headline):
                incidents.absorb(current, s.index, trig, place, date)
                continue
            # The headline usually announces the first body incident: let them meet.
            if current is not None and current.sentences == [headline] and \
                    not _conflicts(current.place, place):
                incidents.absorb(current, s.index, trig, place, date)
                continue
            earlier = _referred_to(incidents, current, places.get(s.index, []), date, ann.low, s.start, s.end)
            if earlier is not None:
                # "The device in Arauquita had been planted by ...": more on an earlier incident.
                incidents.absorb(earlier, s.index, trig, date=date)  # its place is the sentence's already
                current = earlier
                continue
            if current is not None and not told_new and date is None and s.index not in claims_by_sentence \
                    and _goes_on(ann.low, s.start, s.end, trig, current):
                # "The fighting pitted a group ... in Tripoli against ...": the same incident,
                # whatever other place the sentence names.
                incidents.absorb(current, s.index, trig, place)
                continue
            current = _Incident([s.index], list(trig), place, date)
            incidents.add(current)
        # A headline-only incident is the body incident it announces: one whose place
        # agrees, the one sharing most trigger words ("settler attack" / "settlers attacked").
        headlines = {s.index for s in ann.sentences if s.headline}
        told = incidents.items
        body = [inc for inc in told if not set(inc.sentences) <= headlines]
        for head in [inc for inc in told if set(inc.sentences) <= headlines]:
            if not body:
                break
            stems = {ann.low[t.start:t.end][:4] for t in head.triggers}
            # A headline names places loosely ("in Sagaing village"): one region is enough.
            options = [(len(stems & {ann.low[t.start:t.end][:4] for t in other.triggers}), -k, other)
                       for k, other in enumerate(body) if not _conflicts(_region_of(head.place), other.place)]
            if not options:
                continue
            overlap, _, other = max(options, key=lambda o: o[:2])
            if head.place is None and overlap == 0:
                continue
            other.sentences[:0] = head.sentences
            other.triggers = head.triggers + other.triggers
            if other.place is None:
                other.place = head.place
            told.remove(head)
        sides = dict(ann.sides)
        # Looked up once per document: each actor's sentence and claimant, each offset's
        # paragraph, the countries of the places.
        index = _DocumentIndex.build(ann, places)
        starts = index.starts

        def paragraph_of(pos: int) -> int:
            return ann.sentences[max(0, bisect_right(starts, pos) - 1)].paragraph
        events = []
        why = _Why(excluded or {}, {i: inc.sentences[0] for inc in told for i in inc.all_sentences}) \
            if trace is not None else None
        for incident in told:
            event = self._code(ann, incident, places, claims_by_sentence, sides, headline, index,
                               paragraph_of, why)
            if event is None:
                continue
            published = ann.document.published
            if published is not None and event.date is not None and (
                    (published - event.date).days > _NEWS_WINDOW_DAYS or
                    (event.date_precision == 3 and (published - event.date).days > _MONTH_WINDOW_DAYS)):
                # An attack two years before the report, or one dated only "in January" when the
                # report is from April, is background, not news.
                if trace is not None:
                    for t in incident.triggers:
                        trace.dropped(t.start, t.end, t.sub_event_type,
                                      f"its incident is dated {event.date.isoformat()} (precision "
                                      f"{event.date_precision}), too long before the report to be news")
                continue
            events.append(event)
        return tuple(events)

    # -- coding one incident ---------------------------------------------------------

    def _code(self, ann: Annotated, incident: _Incident, places: dict[int, list[ResolvedPlace]],
              claims_by_sentence: dict[int, list[ClaimMention]], sides: dict[str, str],
              headline: int | None, index: _DocumentIndex,
              paragraph_of: Callable[[int], int], why: _Why | None = None) -> Event | None:
        text = ann.document.text
        sentence_ids = incident.all_sentences
        claim_mentions = [cm for i in sentence_ids for cm in claims_by_sentence.get(i, [])]
        # A headline's figure sums up what the body states; it counts only where the body is silent.
        in_body = {cm.claim.figure for cm in claim_mentions if not ann.sentences[cm.sentence].headline}
        claim_mentions = [cm for cm in claim_mentions
                          if not (ann.sentences[cm.sentence].headline and cm.claim.figure in in_body)]
        claims = _merge_claims(claim_mentions)
        # The body names the incident; a headline may sum up several. Weak words
        # ("killed", "explosion") only name it when nothing more specific does.
        body = [t for t in incident.triggers if t.sentence != headline] or incident.triggers
        # A crowd that burns and beats is a mob or a riot, even when police then disperse it.
        subs = {t.sub_event_type for t in body}
        violent_crowd = bool(subs & {"Mob violence", "Violent demonstration"}) or \
            {"Looting/property destruction", "Peaceful protest"} <= subs
        # A bare casualty word ("injured") gives way to the harmful act the text names
        # ("set fire to a police post"); not to a protest, which harms nobody.
        acts = any(not _CASUALTY_WORD.match(ann.low, t.start, t.end) and t.sub_event_type not in _CALM_CROWD
                   for t in body)
        trig = min(body, key=lambda t: (RANK.get(t.sub_event_type, 99) + _weakness(t, ann.low, acts) +
                                        (100 if violent_crowd and t.sub_event_type in _CALM_CROWD else 0),
                                        t.start))
        main_sentence = ann.sentences[trig.sentence]

        # Actors in the incident's sentences, minus claimants and sources speaking of
        # others ("..., a police spokesman said", "... -- police"): a source is no party.
        # A force's own communiqué ("..., the defence ministry said") is kept as its voice.
        speakers = [sp for i in sentence_ids if (sp := index.speaker(ann, i)) is not None]
        mentions: list[ActorMention] = []
        voices: list[ActorMention] = []
        for k in [k for i in sentence_ids for k in index.actors_by_sentence.get(i, ())]:
            a = ann.actors[k]
            inside = index.claimant_of_actor.get(k)
            if inside is None and a.entry.kind not in _UNARMED:
                # Residents and witnesses who speak are often the victims too; armed speakers
                # are sources.
                inside = next((sp for sp in speakers if sp[0] <= a.start < sp[1]), None)
            if inside is not None and not _SELF_REFERENCE.match(
                    re.sub(r"^\W*(?:\w+\s+)?(?:said|says|say|claimed|claims|reported|announced)\b", "",
                           ann.low[inside[1]:inside[1] + 60])):
                if a.entry.kind == "state forces" and not a.entry.id.startswith("police") and \
                        a.entry.id not in ("police", "security forces"):
                    voices.append(a)
                continue
            mentions.append(a)
        location, location_span, location_reason = self._location(ann, incident, places, headline, index)
        cc_event = location.country_code if location else None
        when = incident.date.date if incident.date is not None else ann.document.published
        voiced = self._resolve_actors(ann, voices[:1], cc_event, index, location, when)
        voice = voiced[voices[0].start].country_code if voiced else None
        resolved = self._resolve_actors(ann, mentions, cc_event, index, location, when, trig, voice)
        doer_named = any(main_sentence.start <= a.start <= trig.end and resolved[a.start].kind not in _UNARMED
                         for a in mentions if a.start in resolved)
        parties = {(e.country_code if e.kind == "state forces" else None) or e.id
                   for e in resolved.values() if e.kind not in _UNARMED}
        # ... and only where it names the armed side acted upon and is not itself a victim:
        # "two soldiers died in a blast, the army said" tells of no act of the army.
        if voice and not doer_named and parties and voice not in parties:
            # A communiqué that names no doer tells of its own forces' act: they are actor1
            # ("Units defeated formations of the AFU, the Russian ministry said").
            mentions.insert(0, voices[0])
            resolved[voices[0].start] = voiced[voices[0].start]
            voice_start = voices[0].start
        else:
            voice_start = -1

        victims_text = " ".join(cm.victims.text.lower() for cm in claim_mentions if cm.victims
                                and cm.claim.figure in ("killed", "wounded", "captured"))
        sub = trig.sub_event_type
        if sub == "Disrupted weapons use":
            sub = _harm_done(ann, sentence_ids, claims) or sub
        armed_victims = bool(vocabulary().armed_victim.search(victims_text))
        civilian_victims = bool(vocabulary().civilian_victim.search(victims_text)) and not armed_victims
        armed_actors = {e.id for e in resolved.values() if e.kind not in ("civilians", "protesters", "rioters")}
        target = _object_of(ann.low, trig.end)
        if sub == "Attack" and armed_victims and target != "civilian":
            sub = "Armed clash"
        elif sub == "Armed clash" and not trig.strong:
            # Weak words ("killed", "attacked"): whom the act struck, else who died, decides.
            if target == "civilian" or (target is None and (civilian_victims or (
                    any(e.id == "civilians" for e in resolved.values())
                    and len(armed_actors) <= 1 and not armed_victims))):
                sub = "Attack"
        if sub in ("Government regains territory", "Non-state actor overtakes territory"):
            state = [e for e in resolved.values() if e.kind == "state forces"]
            non_state = [e for e in resolved.values() if e.kind in ("rebels", "political militia",
                                                                     "identity militia")]
            if sub == "Non-state actor overtakes territory" and state and not non_state:
                sub = "Armed clash"
            elif sub == "Government regains territory" and non_state and not state:
                sub = "Non-state actor overtakes territory"
        if sub == "Looting/property destruction" and any(
                e.kind in ("rioters", "protesters") for e in resolved.values()):
            sub = "Violent demonstration"
        if sub == "Looting/property destruction" and any(c.figure == "killed" and max(c.low, c.high or 0) > 0
                                                          for c in claims):
            # "bandits set houses on fire; six people were killed": ACLED codes destruction only
            # where no one dies; with deaths it is the attack (or, on armed victims, the clash).
            sub = "Armed clash" if armed_victims else "Attack"
        event_type = TYPE_OF[sub]

        actors, actor_spans = self._roles(ann, mentions, resolved, main_sentence.start, main_sentence.end,
                                          trig, sub, civilian_victims, claim_mentions, sides, voice_start)

        # The date stated beside the trigger that names the incident, else the first one stated.
        date_mention = _date_for(ann.dates[trig.sentence], ann.low, trig.start) or incident.date
        if date_mention is not None and incident.date is not None and _said_on(ann.low, date_mention) and \
                not _said_on(ann.low, incident.date):
            date_mention = incident.date  # the day of a statement gives way to the act's own
        if date_mention is None:
            # The sentence just before, in the same paragraph, often carries it ("Thousands
            # rallied on Saturday night. Protesters waved flags ...").
            first = ann.sentences[incident.sentences[0]]
            before = first.index - 1
            if before >= 0 and ann.sentences[before].paragraph == first.paragraph and before < len(ann.dates):
                date_mention = _date_for(ann.dates[before], ann.low, ann.sentences[before].end)
        stamped = index.first_stamp is not None and \
            ann.sentences[incident.sentences[0]].paragraph >= index.first_stamp
        if date_mention is None and headline is not None and headline not in incident.sentences and not stamped:
            # (A live-blog entry with its own time stamp is not dated by the page title's
            # "overnight": that spoke of an earlier entry.)
            date_mention = _date_for(ann.dates[headline], ann.low, ann.sentences[headline].start)
        published = ann.document.published
        if date_mention is None and stamped and published is not None:
            date, precision, note = published, 1, "the live-blog entry's time stamp, on the publication day"
        elif date_mention is not None:
            date, precision, note = date_mention.date, date_mention.precision, None
            if date_mention.relative:
                note = "relative to the publication date"
        elif published is not None:
            date, precision, note = published, 2, "publication date (the text states no date)"
        else:
            date, precision, note = None, 3, "unknown (no date stated, no publication date)"

        parties = {a.name.lower() for a in actors}
        for a in actors:
            if a.country_code:
                cname = self.actors.country_name(a.country_code).lower()
                parties.add(cname)
                parties.update(self._own_demonyms.get(a.country_code, ()))
        fatalities = summarise(claims, "killed", parties, paragraph_of)
        wounded = summarise(claims, "wounded", parties, paragraph_of)

        evidence: list[Evidence] = []
        trig_span = Span(trig.start, trig.end, text[trig.start:trig.end])
        evidence.append(Evidence("event_type", trig_span))
        evidence.append(Evidence("sub_event_type", trig_span))
        if date_mention is not None:
            evidence.append(Evidence("date", Span(date_mention.start, date_mention.end,
                                                  text[date_mention.start:date_mention.end])))
        if location is not None and location_span is not None:
            evidence.append(Evidence("location", location_span))
        for i, actor in enumerate(actors):
            span = actor_spans.get(actor.id)
            if span is not None:
                evidence.append(Evidence(f"actors[{i}]", span))
        for i, claim in enumerate(claims):
            evidence.append(Evidence(f"claims[{i}]", claim.span))
            if claim.figure == "killed" and fatalities is not None:
                evidence.append(Evidence("fatalities", claim.span))
            if claim.figure == "wounded" and wounded is not None:
                evidence.append(Evidence("wounded", claim.span))
        plover, cameo = CROSSWALK.get(sub, (None, None))
        sentence_span = Span(main_sentence.start, main_sentence.end, text[main_sentence.start:main_sentence.end])
        event = Event(
            event_type=event_type, sub_event_type=sub, date=date, date_precision=precision,
            location=location, actors=tuple(actors), fatalities=fatalities, wounded=wounded,
            claims=tuple(claims), evidence=tuple(evidence), date_note=note,
            ucdp_type_of_violence=_ucdp(event_type, actors), plover=plover, cameo=cameo,
            sentence=sentence_span,
        )
        if why is not None and ann.trace is not None:
            ann.trace.event(event, _explain_event(ann, incident, event, trig, claims, claims_by_sentence, parties,
                                                  paragraph_of, location_span, location_reason, why,
                                                  self.gazetteer))
        return event

    def _location(self, ann: Annotated, incident: _Incident, places: dict[int, list[ResolvedPlace]],
                  headline: int | None, index: _DocumentIndex) -> tuple[Location | None, Span | None, str]:
        """The incident's location, the words that name it and why it was chosen."""
        chosen = incident.place
        why = "the most specific place named in the incident's own sentences, nearest its trigger"
        if chosen is None:
            # Nearest earlier sentence of the same paragraph, then the headline.
            first = ann.sentences[incident.sentences[0]]
            for s in (ann.sentences[i] for i in range(first.index - 1, -1, -1)):
                if s.paragraph != first.paragraph:
                    break
                if places.get(s.index):
                    chosen = _best_place(places[s.index], s.end, ann.low)
                    why = (f"no place in the incident's own sentences: the nearest earlier sentence of its "
                           f"paragraph (sentence {s.index + 1}) names it")
                    break
            if chosen is None and headline is not None and places.get(headline):
                chosen = _best_place(places[headline], ann.sentences[headline].start, ann.low)
                why = "no place in the incident's own sentences or paragraph: the headline's place"
        if (chosen is None or chosen.place.kind == KIND_COUNTRY) and len(ann.sentences) <= 4:
            # A headline with the place on a line of its own ("... killing nine. Krasnoarmeyskoye."):
            # the one town or region the document names in that country is the best guess.
            inside = {rp.place.index: rp for rps in places.values() for rp in rps
                      if rp.place.kind != KIND_COUNTRY and
                      (chosen is None or rp.place.country_code == chosen.place.country_code)}
            if len(inside) == 1:
                chosen = next(iter(inside.values()))
                why = "a short text whose only town or region in that country is this one"
        text = ann.document.text
        cc: str | None = None
        if chosen is None or chosen.place.kind == KIND_COUNTRY:
            capital = self._demonym_capital(ann, incident)
            if capital is not None:
                return capital[0], capital[1], "\"the ... capital\": the capital of the demonym's country"
            cc = chosen.place.country_code if chosen is not None else self._likely_country(ann, incident, index)
            region = self._story_region(ann, places, cc) if cc is not None else None
            if region is not None:
                chosen, why = region
        if chosen is not None:
            m = chosen.mention
            end = m.cue_end or m.end
            location = to_location(chosen, self.gazetteer)
            if chosen.place.kind == KIND_ADMIN1 and chosen.place.admin1_code:
                # Only the region is known: ACLED places the event at the region's capital.
                seat = self.gazetteer.admin1_seat(chosen.place.country_code, chosen.place.admin1_code)
                if seat is not None:
                    location = dataclasses.replace(location, lat=round(seat.lat, 5), lon=round(seat.lon, 5))
            return location, Span(m.start, end, text[m.start:end]), why
        # (Here nothing was chosen, so cc is the country the text points to, worked out above.)
        if cc is None:
            return None, None, "no place named and no country the text points to"
        location = country_location(cc, self.gazetteer)
        span = self._country_words(ann, incident, index, cc) if location is not None else None
        return location, span, ("no place named for the incident: the country the text points to (a vote of its "
                                "actors, demonyms, places named and the dateline), precision 3")

    def _story_region(self, ann: Annotated, places: dict[int, list[ResolvedPlace]],
                      cc: str) -> tuple[ResolvedPlace, str] | None:
        """The first-level region of ``cc`` the places the story names there lie in (all
        of them, or three quarters and two at least), with the reason, when the
        incident's own sentences name none: "killed in their village" in a story of Oyo
        State is an event in Oyo, precision 3. It stands at its first place's words."""
        reference = default_lexicon().rule("place.distance-reference")
        inside = [rp for rps in places.values() for rp in rps
                  if rp.place.country_code == cc and rp.place.kind != KIND_COUNTRY
                  and not reference.search(ann.low, max(0, rp.mention.start - 80), rp.mention.start)]
        counts = Counter(rp.place.admin1_code for rp in inside)
        if not counts:
            return None
        (code, most), = counts.most_common(1)
        # One region, or one that three quarters of the mentions, two at least, lie in
        # (a stray homonym or a person's name read as a place does not undo the story's region).
        if not code or (len(counts) > 1 and (most < 2 or most < 0.75 * sum(counts.values()))):
            return None
        region = self.gazetteer.admin1_place(cc, code)
        if region is None:
            return None
        first = min((rp for rp in inside if rp.place.admin1_code == code), key=lambda rp: rp.mention.start)
        share = "every place the story names in that country lies" if len(counts) == 1 else \
            f"{most} of the {sum(counts.values())} places the story names in that country lie"
        return ResolvedPlace(first.mention, region, 3, first.score), (
            f"no place in the incident's own sentences: {share} in {region.name}, precision 3")

    def _demonym_capital(self, ann: Annotated, incident: _Incident) -> tuple[Location, Span] | None:
        """ "in the Somali capital": the capital of the demonym's country (Mogadishu, not
        Ethiopia's Somali region), precision 1."""
        for i in incident.sentences:
            s = ann.sentences[i]
            for m in _DEMONYM_CAPITAL.finditer(ann.view, s.start, s.end):
                cc = self.actors.demonym_country(m.group(1), ann.upper)
                key = self.gazetteer.capital_key(cc) if cc else None
                capital = next((p for p in self.gazetteer.lookup(key) if p.country_code == cc and p.kind == KIND_PLACE),
                               None) if key else None
                if capital is not None:
                    span = Span(m.start(), m.end(), ann.document.text[m.start():m.end()])
                    location = to_location(ResolvedPlace(PlaceMention(m.start(), m.end(), m.group(0), key or ""),
                                                         capital, 1, 0.0), self.gazetteer)
                    return (location, span) if location is not None else None
        return None

    def _likely_country(self, ann: Annotated, incident: _Incident, index: _DocumentIndex) -> str | None:
        """No place named for the incident: the country the text points to, at precision 3.

        A vote: the incident's own actors (a named group's home country, a force's
        country), places named in its paragraphs, places elsewhere in the text, and
        the dateline (where the reporter filed from).
        """
        votes: Counter[str] = Counter()
        own = incident.all_sentences
        paragraphs = {ann.sentences[i].paragraph for i in own}
        counted = set()
        for k in [k for i in own for k in index.actors_by_sentence.get(i, ())]:
            cc = ann.actors[k].entry.country_code
            counted.add(ann.actors[k].entry.id)
            if cc:
                votes[cc] += 3
        for i in own:  # "the massacre against the Salvadoran workers"
            s = ann.sentences[i]
            for word in ann.view[s.start:s.end].split():
                cc = self.actors.demonym_country(word.strip(".,;:'\"()[]"), ann.upper)
                if cc:
                    votes[cc] += 2
        # Each place named counts once, twice in the incident's own paragraphs.
        near: Counter[str] = Counter()
        for paragraph in paragraphs:
            near.update(index.places_by_paragraph.get(paragraph, {}))
        for cc, count in index.place_countries.items():
            votes[cc] += count + near[cc]
        # Each named armed group of the story that the incident's own sentences do not name
        # counts once, as a place elsewhere does (a communique of the FMLN speaks of El Salvador).
        for group_id, cc in index.group_countries:
            if group_id not in counted:
                votes[cc] += 1
        if ann.dateline_country:
            votes[ann.dateline_country] += 3
        if not votes:
            # Then the places set aside as where people fled to or the wounded were taken:
            # not the incident's own, but they lie in its country (not a venue of talks abroad,
            # nor where a claimant sits).
            votes = Counter(rp.place.country_code for rp in ann.places if rp.place.country_code and (
                _TRAVEL_PLACE.search(ann.low[max(0, rp.mention.start - 50):rp.mention.start]) or
                _TAKEN_TO_PLACE.search(ann.low, max(0, rp.mention.start - 80), rp.mention.start)))
        if not votes:
            # Last resort, the country that speaks ("Ukraine reports 1 KIA ..."): a voice is
            # usually reporting its own side's war.
            votes = index.speaking
        return votes.most_common(1)[0][0] if votes else None

    def _country_words(self, ann: Annotated, incident: _Incident, index: _DocumentIndex,
                       cc: str) -> Span | None:
        """The words that named the country :meth:`_likely_country` chose, as its vote
        counted them: an actor of the incident ("Sudanese army"), a demonym in its
        sentences, a place in its paragraphs, then anywhere, the dateline, a country
        named as a speaker."""
        text = ann.document.text
        own = incident.all_sentences
        for k in [k for i in own for k in index.actors_by_sentence.get(i, ())]:
            a = ann.actors[k]
            if a.entry.country_code == cc:
                return Span(a.start, a.end, text[a.start:a.end])
        for i in own:
            s = ann.sentences[i]
            for m in _TOKEN.finditer(ann.view, s.start, s.end):
                word = m.group(0)
                stripped = word.strip(".,;:'\"()[]")
                if stripped and self.actors.demonym_country(stripped, ann.upper) == cc:
                    start = m.start() + word.index(stripped)
                    return Span(start, start + len(stripped), text[start:start + len(stripped)])
        paragraphs = {ann.sentences[i].paragraph for i in own}
        fallback = None
        for rp in ann.places:
            if rp.place.country_code != cc:
                continue
            i = _sentence_of(index.starts, ann, rp.mention.start)
            if i is not None and ann.sentences[i].paragraph in paragraphs:
                fallback = rp
                break
            fallback = fallback or rp
        if fallback is not None and fallback.mention.end > fallback.mention.start:
            m = fallback.mention
            return Span(m.start, m.end, text[m.start:m.end])
        if ann.dateline is not None and ann.dateline_country == cc:
            start = ann.dateline.place_start
            end = start + len(ann.dateline.place)
            return Span(start, end, text[start:end])
        return None

    def _resolve_actors(self, ann: Annotated, mentions: list[ActorMention],
                        cc_event: str | None, index: _DocumentIndex, location: Location | None = None,
                        when: dt.date | None = None, trig: Trigger | None = None,
                        voice: str | None = None) -> dict[int, ActorEntry]:
        """Each mention's entry, with bare forces ("the army") given a country: the
        last country whose forces the text named explicitly, else the event's. A press
        idiom ("the occupiers") and, in a story that names no group, a generic word
        ("separatists") are read as the local tables say for the event's country,
        region and date."""
        out: dict[int, ActorEntry] = {}
        explicit, explicit_starts = index.explicit, index.explicit_starts
        admin1 = location.admin1 if location is not None else None
        named_here = {a.entry.country_code for a in mentions if not a.needs_country and a.entry.kind == "state forces"}
        for a in mentions:
            entry = a.entry
            if a.reading is not None:
                local = self.actors.read_locally(a.reading, cc_event, admin1, when, idiom=True)
                if local is not None:
                    out[a.start] = local
                    continue
                if entry.id.startswith("reading:"):
                    continue  # "the occupiers" where no table reads them: no actor named
            if entry.generic and entry.id in _GROUP_GENERICS and entry.kind in index.only_group:
                # "the rebels" in a story that names one rebel group are that group.
                out[a.start] = index.only_group[entry.kind]
                continue
            if entry.generic and not index.names_group and entry.kind in _NON_STATE:
                # The word with the one before it ("resistance fighters"), then alone.
                before = _WORD_BEFORE.search(ann.low, max(0, a.start - 24), a.start)
                keys = [name_key(f"{before.group(1)} {a.text}")] if before else []
                keys.append(name_key(_LEAD_DET.sub("", a.text.lower())))
                local = next((e for k in keys if (e := self.actors.read_locally(
                    k, cc_event, admin1, when, idiom=False)) is not None), None)
                if local is not None:
                    out[a.start] = local
                    continue
            if a.needs_country:
                # Coreference by proximity: the last explicit state force before it, else
                # (a headline) the first one in a later sentence, else the event's country.
                # A foreign force named only in another paragraph, and not in the incident's
                # own sentences, gives way to the event's country: "the army" of a
                # Salvadoran story is El Salvador's.
                before = bisect_left(explicit_starts, a.start)
                i = _sentence_of(index.starts, ann, a.start)
                sentence_end = ann.sentences[i].end if i is not None else a.end
                after = bisect_left(explicit_starts, sentence_end)
                cc = explicit[before - 1].entry.country_code if before else (
                    explicit[after].entry.country_code if after < len(explicit) else cc_event)
                if cc_event and cc != cc_event and i is not None and cc not in named_here:
                    near = explicit[before - 1] if before else (explicit[after] if after < len(explicit) else None)
                    j = _sentence_of(index.starts, ann, near.start) if near is not None else None
                    if j is None or (ann.sentences[j].paragraph != ann.sentences[i].paragraph and
                                     not (ann.sentences[i].headline and not before)):
                        cc = cc_event
                if trig is not None and i == trig.sentence and not a.entry.id.startswith("police"):
                    s_start = ann.sentences[i].start
                    s_end = ann.sentences[i].end
                    doers = {m.entry.country_code for m in mentions if not m.needs_country
                             and m.entry.kind == "state forces" and s_start <= m.start < trig.start}
                    objects = {m.entry.country_code for m in mentions if not m.needs_country
                               and m.entry.kind == "state forces" and trig.end <= m.start < s_end}
                    if a.start >= trig.end and cc in doers:
                        # "Russian troops destroyed up to 40 soldiers": the soldiers acted upon
                        # are the other side's, the event's country or the voice's.
                        cc = next((c for c in (cc_event, voice) if c and c not in doers), None)
                    elif a.start < trig.start and cc in objects:
                        # "The defence forces destroyed 16 Russian soldiers": not Russia's.
                        cc = next((c for c in (voice, cc_event) if c and c not in objects), None)
                    elif a.start < trig.start and voice and cc != voice and not doers:
                        # A communiqué's own "units" and "troops" are the speaking side's.
                        cc = voice
                if cc is None:
                    continue
                police = entry.id.startswith("police")
                entry = self.actors.by_id.get(f"{'police' if police else 'military'}:{cc}", entry)
                if entry.country_code is None:
                    continue
            out[a.start] = entry
        return out

    def _roles(self, ann: Annotated, mentions: list[ActorMention], resolved: dict[int, ActorEntry],
               s_start: int, s_end: int, trig: Trigger, sub: str, civilian_victims: bool,
               claim_mentions: list[ClaimMention], sides: dict[str, str],
               voice_start: int = -1) -> tuple[list[Actor], dict[str, Span]]:
        """Actor roles: the side that acted is actor1, the side acted upon actor2; and the
        words that named each actor, by actor id. The mention at ``voice_start`` is a force
        telling of its own act: a doer."""
        actor_spans: dict[str, Span] = {}
        text = ann.document.text
        victim_spans = [(cm.victims.start, cm.victims.end) for cm in claim_mentions if cm.victims]
        agents: list[ActorEntry] = []
        patients: list[ActorEntry] = []
        others: list[ActorEntry] = []
        for a in mentions:
            entry = resolved.get(a.start)
            if entry is None:
                continue
            actor_spans.setdefault(entry.id, Span(a.start, a.end, text[a.start:a.end]))
            is_victim = any(vs <= a.start < ve for vs, ve in victim_spans)
            passive_agent = bool(_PASSIVE_BY.search(ann.low[max(0, a.start - 6):a.start])) or \
                a.start == voice_start
            if entry.kind in ("civilians",) or is_victim:
                patients.append(entry)
            elif passive_agent:
                agents.insert(0, entry)
            elif s_start <= a.start < s_end and a.start > trig.start:
                patients.append(entry)
            elif s_start <= a.start < s_end:
                agents.append(entry)
            else:
                others.append(entry)
        if civilian_victims and sub in ("Attack",) or (civilian_victims and TYPE_OF[sub] ==
                                                       "Explosions/Remote violence"):
            civ = self.actors.by_id.get("civilians")
            if civ is not None and not any(e.id == civ.id for e in patients):
                patients.append(civ)
                # The victims' words of the claims say they were civilians ("seven people").
                said = next((cm.victims for cm in claim_mentions if cm.victims and
                             cm.claim.figure in ("killed", "wounded", "captured") and
                             vocabulary().civilian_victim.search(cm.victims.text.lower())), None)
                if said is not None:
                    actor_spans.setdefault(civ.id, Span(said.start, said.end, text[said.start:said.end]))
        # "ISWAP ... the insurgents": a named group makes its generic mentions redundant.
        if any(not e.generic and e.kind in ("rebels", "political militia", "identity militia",
                                            "external/other forces") for e in agents + patients + others):
            def _keep(e: ActorEntry) -> bool:
                return not (e.generic and e.kind in ("rebels", "political militia", "identity militia"))
            agents, patients, others = ([e for e in g if _keep(e)] for g in (agents, patients, others))
        ordered: list[tuple[ActorEntry, str]] = []
        seen: set[str] = set()
        for group, role in ((agents, "actor1"), (patients, "actor2"), (others, "associated")):
            for entry in group:
                if entry.id in seen:
                    continue
                seen.add(entry.id)
                ordered.append((entry, role))
        # Exactly one actor1 and one actor2 where the text gives two sides.
        roles_out: list[Actor] = []
        has1 = any(r == "actor1" for _, r in ordered)
        has2 = any(r == "actor2" for _, r in ordered)
        for entry, role in ordered:
            if role == "associated" and not has1:
                role, has1 = "actor1", True
            elif role == "associated" and not has2 and entry.id not in {e.id for e, r in ordered if r == "actor1"}:
                role, has2 = "actor2", True
            roles_out.append(Actor(entry.name, cast(Role, role), entry.country_code, entry.kind, entry.id,
                                   entry.side or (sides.get(entry.country_code) if entry.country_code else None),
                                   entry.generic))
        # Two actor1 and no actor2 ("Taliban forces and Pakistani troops exchanged fire").
        firsts = [a for a in roles_out if a.role == "actor1"]
        if len(firsts) > 1 and not any(a.role == "actor2" for a in roles_out):
            idx = roles_out.index(firsts[1])
            a = roles_out[idx]
            roles_out[idx] = dataclasses.replace(a, role="actor2")
        # Same-side duplicates collapse: actor1 and actor2 must be different sides.
        return roles_out, actor_spans


def _speaker(ann: Annotated, i: int) -> tuple[int, int] | None:
    """Who sentence ``i`` says stated it, as a span; a line without a full stop reads as a
    headline ("... kills 5 -- police")."""
    s = ann.sentences[i]
    headline = s.headline or ann.view[s.end - 1:s.end] not in (".", "!", "?", '"', "”", "'", "’")
    return speaker_span(ann.view, s.start, s.end, headline)


_GROUP_GENERICS = frozenset({"rebels", "militia"})
_UNARMED = frozenset({"civilians", "protesters", "rioters"})
_NON_STATE = frozenset({"rebels", "political militia", "identity militia"})
_WORD_BEFORE = re.compile(r"\b([a-z][a-z-]+)\s+$")
_LEAD_DET = re.compile(r"^(?:the|a|an|some|suspected|armed)\s+")
_CALM_CROWD = frozenset({"Peaceful protest", "Protest with intervention"})
_CASUALTY_WORD = re.compile(r"(?:killed|killing|kills?|dead|died|wounded|wounding|injured|injuring|hurt)$")


def _weakness(trigger: Trigger, low: str, acts: bool) -> int:
    """Rank penalty: a weak word names an incident only when nothing stronger does, and
    a bare casualty word ("injured") not when another word names the act (``acts``)."""
    if trigger.strong:
        return 0
    return 75 if acts and _CASUALTY_WORD.match(low, trigger.start, trigger.end) else 50


def _ucdp(event_type: str, actors: list[Actor]) -> int | None:
    """UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided."""
    if event_type in ("Protests", "Riots", "Strategic developments"):
        return None
    kinds = {a.role: a.kind for a in actors}
    a1, a2 = kinds.get("actor1"), kinds.get("actor2")
    if a2 in ("civilians",) or event_type == "Violence against civilians":
        return 3 if a1 is not None or event_type == "Violence against civilians" else None
    if a1 is None and a2 is None:
        return None
    if "state forces" in (a1, a2):
        return 1
    return 2


@functools.cache
def _side_rules() -> tuple[GuardedPattern, GuardedPattern]:
    """The lexicon's ``actor.fights-for`` and ``actor.fights-on-side`` rules, searched only
    where one of their verbs begins a word (a story has few)."""
    lexicon = default_lexicon()
    return GuardedPattern(lexicon.rule("actor.fights-for")), GuardedPattern(lexicon.rule("actor.fights-on-side"))


def sides_in(low: str, actors: ActorDictionary, capitals: dict[str, str]) -> dict[str, str]:
    """Foreign forces and the state they fight for ("North Korean troops fighting for
    Russia", "Pyongyang sent troops to fight for Russia", "fighting on Russia's side"):
    the lexicon's ``actor.fights-for`` and ``actor.fights-on-side`` rules."""
    out: dict[str, str] = {}
    fights_for, fights_on_side = _side_rules()
    found = [*fights_for.finditer(low), *fights_on_side.finditer(low)]
    for m in sorted(found, key=lambda m: m.start()):
        target = m.group("for")
        words = re.findall(r"[a-z][\w'-]*", low[max(0, m.start() - 80):m.start()])[-9:]
        cc_who = None
        for i in range(len(words) - 1, -1, -1):  # the nearest country word before the verb
            cc_who = (_cc_of(" ".join(words[i - 1:i + 1]), actors, capitals) if i else None) or \
                _cc_of(words[i], actors, capitals)
            if cc_who:
                break
        cc_for = None
        words = target.split()
        for n in range(len(words), 0, -1):
            cc_for = _cc_of(" ".join(words[:n]), actors, capitals)
            if cc_for:
                break
        if cc_who and cc_for and cc_who != cc_for:
            out.setdefault(cc_who, cc_for)
    return out




def _cc_of(word: str, actors: ActorDictionary, capitals: dict[str, str]) -> str | None:
    key = name_key(word)
    if key in actors.country_keys:
        return actors.country_keys[key]
    ccs = actors.demonyms.get(key)
    if ccs and len(ccs) == 1:
        return ccs[0]
    if key in actors.plural_demonyms:
        return actors.plural_demonyms[key]
    return capitals.get(key)


# -- the explanation of one event (only when a trace is asked for) ---------------------------

_KIND_NAMES = {KIND_PLACE: "town or village", KIND_ADMIN1: "region", KIND_COUNTRY: "country",
               KIND_FEATURE: "feature", KIND_AREA: "area"}
_CREDIBILITY_NAMES = {v: k for k, v in CREDIBILITY.items()}
_FIGURE_LABEL = {"killed": "fatalities", "wounded": "wounded"}


@dataclass(frozen=True, slots=True)
class _Why:
    """What explaining an event needs from the whole document: why places were set aside
    (by mention start) and the first sentence of the incident each sentence was told in."""

    excluded: dict[int, str]
    incident_of: dict[int, int]


def _trigger_note(ann: Annotated, t: Trigger, outcome: str) -> TriggerNote:
    known = ann.trace.note_for(t.start, t.end, t.sub_event_type) if ann.trace is not None else None
    if known is not None:
        return dataclasses.replace(known, outcome=outcome)
    return TriggerNote(ann.document.text[t.start:t.end], t.sub_event_type, t.sentence + 1, t.start, t.end,
                       t.strong, "trigger", (), outcome)


def _claim_reason(ann: Annotated, cm: ClaimMention, own: set[int], body_figures: Set[str], claims: list[Claim],
                  why: _Why) -> tuple[bool, str]:
    """Whether a claim counts in the event's figures, and why (the checks of
    :meth:`EventBuilder.__call__`, :meth:`EventBuilder._code` and :func:`summarise`, in order)."""
    c = cm.claim
    if cm.cumulative:
        if c.figure in ("killed", "wounded") and (c.low > LARGEST_INCIDENT or (c.qualifier == "vague" and
                                                                               (c.high or 0) > LARGEST_INCIDENT)):
            return False, "a war's toll: more than one incident could have"
        return False, "a total over a period (a running total, \"already\", \"since\"), not this incident's"
    if cm.hypothetical:
        return False, "a threat, a forecast or a denial: nobody was hurt yet"
    if cm.sentence not in own:
        first = why.incident_of.get(cm.sentence)
        if first is not None:
            return False, f"another incident (the one told from sentence {first + 1})"
        return False, f"told in sentence {cm.sentence + 1}, outside this incident's sentences"
    if ann.sentences[cm.sentence].headline and c.figure in body_figures:
        return False, f"a headline summing up: superseded by the body's own {c.figure} figure"
    if not any(o is c for o in claims):
        same = next((o for o in claims if o.figure == c.figure and o.low == c.low and o.high == c.high), None)
        said = f" \"{same.span.text}\"" if same is not None else ""
        return False, f"the same statement as{said} (one claim)"
    if c.figure == "casualties":
        return False, "killed and wounded told together: never counted as fatalities or wounded"
    if c.figure not in ("killed", "wounded"):
        return False, f"a claim of the event, but {c.figure} people are neither fatalities nor wounded"
    if c.part:
        return False, "a part of the claim before it (\"including ...\"): never added to it"
    rivals = [o for o in claims if o.figure == c.figure and not o.part]
    precise = [o for o in rivals if o.qualifier != "vague"]
    if c.qualifier == "vague" and precise and c.low <= min(o.low for o in precise) and \
            c.top >= max(o.top for o in precise):
        return False, "vague, and spans every precise figure: adds no bound of its own"
    return True, f"counted in the event's {_FIGURE_LABEL[c.figure]}"


def _figure_reasons(claims: list[Claim], figure: str, parties: set[str],
                    paragraph_of: Callable[[int], int]) -> list[str]:
    """How :func:`summarise` found the event's ``figure`` from ``claims``, in words."""
    label = _FIGURE_LABEL[figure]
    relevant = [c for c in claims if c.figure == figure and not c.part]
    if not relevant:
        return [f"{label}: no {figure} figure stated for this incident"]
    groups = {victim_group(c) for c in relevant}
    together = len({paragraph_of(c.span.start) for c in relevant}) == 1
    if len(groups) > 1 and None not in groups and together:
        return [f"{label}: the claims count different groups ({', '.join(sorted(str(g) for g in groups))}), told "
                f"together: each group's figures are added"]
    if len(relevant) == 1:
        c = relevant[0]
        who = _CREDIBILITY_NAMES[credibility(c, parties)]
        return [f"{label}: one claim (\"{c.span.text}\", claimant {c.claimant or 'none'}: {who})"]
    ranked = ", ".join(f"\"{c.span.text}\" ({c.claimant or 'no claimant'}: "
                       f"{_CREDIBILITY_NAMES[credibility(c, parties)]})" for c in relevant)
    return [f"{label}: low = the lowest figure stated, high = the highest, best = the lowest figure of the most "
            f"credible claimant (independent > unattributed > a party to the fighting); claims: {ranked}"]


def _number_notes(ann: Annotated) -> list[ClaimNote]:
    """Counts of people the claims reader did not take as casualty figures ("10,000
    troops"), in the sentences worth reading, with why."""
    claimed = SpanIndex((c.claim.span.start, c.claim.span.end) for c in ann.claims)
    out = []
    for s in ann.sentences:
        if ann.relevant is not None and s.index not in ann.relevant:
            continue
        for q in find_quantities(ann.view[s.start:s.end]):
            start, end = s.start + q.start, s.start + q.end
            if q.article or claimed.covers(start) or claimed.covers(end - 1):
                continue
            noun = person_noun_after(ann.low, end, s.end)
            if noun is None:
                continue
            noun_end = end + noun[1]
            group = victim_group(Claim("killed", q.low, q.high, q.qualifier, None,
                                       Span(start, noun_end, ann.low[start:noun_end])))
            what = "troop strength" if group in ("state forces", "armed groups") else "a count of people"
            out.append(ClaimNote(ann.document.text[start:noun_end], start, noun_end, s.index + 1, None, q.low,
                                 q.high, q.qualifier, None, False,
                                 f"not a casualty figure: {what} (no casualty word in its clause)"))
    return out


def _place_notes(ann: Annotated, incident: _Incident, location_span: Span | None, why: _Why,
                 gazetteer: PlaceLookup) -> list[PlaceNote]:
    own = set(incident.all_sentences)
    starts = [s.start for s in ann.sentences]
    chosen = next((rp for rp in ann.places if location_span is not None and rp.mention.start == location_span.start),
                  None)
    rank = {KIND_COUNTRY: 0, KIND_ADMIN1: 1, KIND_AREA: 1}
    out = []
    for rp in ann.places:
        m = rp.mention
        i = _sentence_of(starts, ann, m.start)
        if m.end <= m.start or i is None or (i not in own and rp is not chosen):
            continue
        name = f"{rp.place.name}"
        alternatives = len(gazetteer.lookup(m.key)) if m.key else 0
        if rp is chosen:
            others = [p for p in gazetteer.lookup(m.key) if p.index != rp.place.index] if m.key else []
            listed = "; ".join(f"{p.name}, {p.country_code}{' ' + p.admin1_code if p.admin1_code else ''} "
                               f"({_KIND_NAMES.get(p.kind, 'place')})" for p in others[:3])
            reason = "the incident's place" + (
                f" (one of {alternatives} gazetteer entries of that name, read in the document's context; the "
                f"others include {listed})" if others else "")
        elif m.start in why.excluded:
            reason = why.excluded[m.start]
        elif chosen is None:
            reason = "not usable as the incident's place"
        elif rp.place.index == chosen.place.index:
            reason = "the same place, named again"
        elif rank.get(rp.place.kind, 2) < rank.get(chosen.place.kind, 2):
            reason = f"less specific than {chosen.place.name}"
        elif _REFERENCE_POINT.search(ann.low, max(0, m.start - 40), m.start):
            reason = "only a reference point (\"south of ...\")"
        elif _sentence_of(starts, ann, chosen.mention.start) == i:
            reason = f"farther from the trigger than {chosen.place.name}"
        else:
            reason = (f"{chosen.place.name} was named for the incident first; a later place replaces it only when "
                      "it lies inside it")
        out.append(PlaceNote(ann.document.text[m.start:m.end], m.start, m.end, i + 1, name, rp.place.country_code,
                             _KIND_NAMES.get(rp.place.kind, "place"), rp is chosen, reason))
    return out


def _explain_event(ann: Annotated, incident: _Incident, event: Event, trig: Trigger, claims: list[Claim],
                   claims_by_sentence: dict[int, list[ClaimMention]], parties: set[str],
                   paragraph_of: Callable[[int], int], location_span: Span | None, location_reason: str,
                   why: _Why, gazetteer: PlaceLookup) -> EventNote:
    """Why ``event`` (coded from ``incident``, named by ``trig``) is what it is."""
    own = set(incident.all_sentences)
    body_figures = {cm.claim.figure for i in own for cm in claims_by_sentence.get(i, [])
                    if not ann.sentences[cm.sentence].headline}
    notes: list[ClaimNote] = []
    for cm in ann.claims:
        c = cm.claim
        kept, reason = _claim_reason(ann, cm, own, body_figures, claims, why)
        notes.append(ClaimNote(c.span.text, c.span.start, c.span.end, cm.sentence + 1, c.figure, c.low, c.high,
                               c.qualifier, c.claimant, kept, reason))
    notes.extend(_number_notes(ann))
    notes.sort(key=lambda n: n.start)
    figures = _figure_reasons(claims, "killed", parties, paragraph_of) + \
        _figure_reasons(claims, "wounded", parties, paragraph_of)
    main = _trigger_note(ann, trig, "names the event")
    others = tuple(_trigger_note(ann, t, "part of the event") for t in incident.triggers if t is not trig)
    location = event.location.name if event.location is not None else None
    type_reason = "" if event.sub_event_type == trig.sub_event_type else (
        f"the trigger names {trig.sub_event_type}; coded {event.sub_event_type} from whom the act struck, who "
        "died and which actors took part")
    return EventNote(0, event.event_type, event.sub_event_type, main, others, type_reason,
                     tuple(i + 1 for i in incident.all_sentences), event.fatalities, event.wounded, tuple(figures),
                     tuple(notes), location, location_reason, tuple(_place_notes(ann, incident, location_span, why,
                                                                                 gazetteer)))
