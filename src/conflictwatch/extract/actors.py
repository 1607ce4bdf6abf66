"""Actors: who fought, who attacked whom, normalised against the actor dictionary.

The dictionary (``data/actors.json``) lists every country's demonyms and force
names, named armed groups with aliases, and generic participants (civilians,
protesters, gunmen). Recognition finds:

* state forces from a demonym or a country and a force noun: "North Korean
  soldiers", "Ukraine's Special Operations Forces", "soldiers from North Korea",
  "the Armed Forces of Ukraine", or a country's own force names ("IDF", "FARDC");
* named groups by name or alias ("RSF", "Rapid Support Forces", "Daesh");
* generic participants ("civilians", "gunmen", "protesters");
* bare forces ("the army", "troops", "police") whose country the event supplies.

Everything is matched on word n-grams looked up in dicts, so the cost does not
grow with the size of the dictionary.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..textutil import name_key

_FORCE_NOUN = (
    r"forces?|troops?|soldiers?|army|armies|military|militaries|servicem[ae]n|service members|fighters?|"
    r"units?|operators?|paratroopers?|marines?|artillery|drones?|warplanes?|jets?|aircraft|"
    r"helicopters?|navy|air force|air defen[cs]es?|positions?|side|gunboats?|tanks?|border guards?|"
    r"guards?|special forces|commandos?|snipers?|brigades?|battalions?|regiments?|sappers?|infantry|"
    r"armou?r|missiles?|strikes?|shelling|bombardment|attacks?|offensive|defen[cs]e forces|"
    r"defenders|servicewom[ae]n|personnel|convoy|patrols?|outposts?|trenches|volunteers|invaders|"
    r"occupiers|bombers|shells|rockets|gunfire|fire|raids?|assault|counter-?offensive|counterattack|"
    r"ministry of defen[cs]e|defen[cs]e ministry|general staff|command|operation"
)
_POLICE_NOUN = r"police|policem[ae]n|police officers?|gendarmes?|gendarmerie|riot police|security forces|security personnel"
_FORCE_MODIFIER = (
    r"(?:(?:special|armed|security|government|regular|occupying|occupation|elite|border|military|naval|"
    r"air|ground|assault|airborne|marine|federal|national|state|regime|junta|rebel|allied|coalition|"
    r"retreating|advancing|attacking|invading|pro-\w+|\d+(?:st|nd|rd|th)|operations|operational)\s+){0,3}"
)
_OCCUPIERS = re.compile(r"\b(?:occupiers|invaders|occupation forces|occupying forces|orcs|rashists|racists)\b")
_BARE_FORCE = re.compile(
    r"\b(?:the )?(?P<noun>army|military|troops|soldiers|armed forces|security forces|government forces|"
    r"government troops|regime forces|junta|police|policemen|police officers|gendarmes|servicemen|"
    r"border guards|air force|navy|forces)\b"
)
_PLACE_BEFORE = re.compile(r"\b(?:sea|lake|river|gulf|strait|bay|port) of\s+$|\b(?:lake|river|mount)\s+$")
# "Russians shelled ...": a plural demonym is the forces only as the subject of a military verb.
_PLURAL_AGENT = re.compile(
    r"\b(?:the\s+)?(?P<who>[a-z]+s)\s+(?:have\s+|had\s+|also\s+|again\s+)?(?:shell(?:ed|s)?|attack(?:ed|s)?|"
    r"struck|strike|fired|fire|launched|launch|advanced|advance|stormed|storm|bombed|bomb|hit|"
    r"captured|capture|occupied|occupy|killed|kill|destroyed|destroy|shot|pounded|targeted|"
    r"dropped|assaulted|ambushed|repelled|retreated|withdrew)\b"
)
ACTOR_KINDS = ("state forces", "rebels", "political militia", "identity militia", "rioters",
               "protesters", "civilians", "external/other forces")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A dictionary entry: ``id``, normalised ``name``, ``kind``, ``country_code``,
    ``side`` (the state it fights for), ``parent`` (umbrella group id),
    ``generic`` (a term such as "gunmen" rather than a named group)."""

    id: str
    name: str
    kind: str
    country_code: str | None
    side: str | None = None
    parent: str | None = None
    generic: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text: ``start``/``end``, ``text``, ``entry``, and
    ``needs_country`` (a bare "the army" whose country the event must supply)."""

    start: int
    end: int
    text: str
    entry: ActorEntry
    needs_country: bool = False


def state_entry(cc: str, country: str, police: bool = False) -> ActorEntry:
    """The entry for a country's military (or police) forces."""
    if police:
        return ActorEntry(f"police:{cc}", f"police forces of {country}", "state forces", cc)
    return ActorEntry(f"military:{cc}", f"military forces of {country}", "state forces", cc)


@dataclass
class ActorDictionary:
    """The loaded actor dictionary with its lookup tables.

    Build it with :meth:`load`; it is immutable in use.
    """

    countries: dict[str, str] = field(default_factory=dict)          # cc -> name
    country_keys: dict[str, str] = field(default_factory=dict)       # "ukraine" -> cc
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "ukrainian" -> (cc,)
    plural_demonyms: dict[str, str] = field(default_factory=dict)    # "russians" -> cc
    aliases: dict[str, ActorEntry] = field(default_factory=dict)     # key -> entry (case-insensitive)
    acronyms: dict[str, ActorEntry] = field(default_factory=dict)    # exact -> entry (case-sensitive)
    by_id: dict[str, ActorEntry] = field(default_factory=dict)
    max_words: int = 1
    _prefixes: frozenset[str] = frozenset()
    _demonym_re: re.Pattern[str] | None = None
    _country_re: re.Pattern[str] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> "ActorDictionary":
        """Read ``data/actors.json`` (or ``path``) and build the lookup tables."""
        if path is None:
            path = Path(str(importlib.resources.files("conflictwatch") / "data" / "actors.json"))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DataError(f"actor dictionary {path} cannot be read ({exc}); reinstall "
                            "conflictwatch or fix the file") from exc
        self = cls()
        ambiguous = {name_key(k): tuple(v) for k, v in (data.get("ambiguous_demonyms") or {}).items()}
        for cc, info in (data.get("countries") or {}).items():
            name = info.get("name") or cc
            self.countries[cc] = name
            self.country_keys[name_key(name)] = cc
            for alias in info.get("names", []) or []:
                self.country_keys.setdefault(name_key(alias), cc)
            for dem in info.get("demonyms", []) or []:
                key = name_key(dem)
                if not key:
                    continue
                if dem.endswith("s") and not dem.endswith(("ese", "ss")) and len(dem) > 4 and \
                        name_key(dem[:-1]) in {name_key(d) for d in info.get("demonyms", [])}:
                    self.plural_demonyms[key] = cc
                else:
                    self.demonyms.setdefault(key, (cc,))
            military = state_entry(cc, name)
            police = state_entry(cc, name, police=True)
            self.by_id[military.id] = military
            self.by_id[police.id] = police
            for force in info.get("forces", []) or []:
                self._add_alias(force, military)
            for force in info.get("police", []) or []:
                self._add_alias(force, police)
        for key, ccs in ambiguous.items():
            self.demonyms[key] = ccs
        for group in data.get("groups", []) or []:
            entry = ActorEntry(group["id"], group["name"], group.get("kind") or "rebels",
                               group.get("country_code"), group.get("side"), group.get("parent"))
            self.by_id[entry.id] = entry
            for alias in [group["name"], *(group.get("aliases") or [])]:
                self._add_alias(alias, entry)
        for generic in data.get("generic", []) or []:
            entry = ActorEntry(generic["id"], generic["name"], generic.get("kind") or "civilians",
                               None, generic=True)
            self.by_id[entry.id] = entry
            for term in generic.get("terms", []) or []:
                key = name_key(term)
                if key and key not in self.aliases:
                    self.aliases[key] = entry
                    self.max_words = max(self.max_words, len(key.split()))
        prefixes = set()
        for key in self.aliases:
            parts = key.split()
            for n in range(1, len(parts)):
                prefixes.add(" ".join(parts[:n]))
        self._prefixes = frozenset(prefixes)
        dems = sorted((k for k in self.demonyms), key=len, reverse=True)
        if dems:
            self._demonym_re = re.compile(
                r"\b(?P<dem>" + "|".join(re.escape(d) for d in dems) + r")\b\s+" + _FORCE_MODIFIER +
                r"(?P<noun>" + _POLICE_NOUN + "|" + _FORCE_NOUN + r")\b")
        names = sorted(self.country_keys, key=len, reverse=True)
        if names:
            alternation = "|".join(re.escape(n) for n in names)
            self._country_re = re.compile(
                r"\b(?P<c1>" + alternation + r")(?:(?:'s|’s)\s+(?:[\w-]+\s+){0,3}?|\s+)(?P<noun1>" + _POLICE_NOUN + "|"
                + _FORCE_NOUN + r")\b|\b(?P<noun2>forces|troops|army|military|soldiers|armed forces|police|"
                r"fighters|servicemen|units)\s+(?:of|from)\s+(?:the\s+)?(?P<c2>" + alternation + r")\b")
        return self

    def _add_alias(self, alias: str, entry: ActorEntry) -> None:
        alias = alias.strip()
        if not alias:
            return
        letters = alias.replace(".", "").replace("-", "")
        # Acronyms ("RSF", "LeT") match with their case only: "Let" is not Lashkar-e-Taiba.
        if (letters.isupper() and len(letters) <= 6) or \
                (len(letters) <= 5 and " " not in alias and any(c.isupper() for c in letters[1:])):
            self.acronyms.setdefault(alias.replace(".", ""), entry)
            if len(letters) >= 4:
                self.aliases.setdefault(name_key(alias), entry)
            return
        key = name_key(alias)
        if key and key not in self.aliases:
            self.aliases[key] = entry
            self.max_words = max(self.max_words, len(key.split()))

    def country_name(self, cc: str) -> str:
        """The dictionary's short English name of a country."""
        return self.countries.get(cc, cc)

    def _ngrams(self, view: str, low: str, upper: bool, words: list[tuple[int, int]],
                add: Callable[[int, int, ActorEntry, bool], None], generic: bool,
                taken: list[tuple[int, int]], keys: list[str]) -> None:
        """Dictionary names among word n-grams (named entries, or generic terms).

        ``keys`` are the words' name keys; an n-gram is only extended while it is
        the beginning of some alias, so each position costs a few dict lookups.
        """
        i = 0
        n_words = len(words)
        while i < n_words:
            best: tuple[int, int, ActorEntry] | None = None
            s = words[i][0]
            if not upper:
                text = view[s:words[i][1]]
                bare = text[:-2] if text.endswith(("'s", "’s")) else text
                acronym = self.acronyms.get(bare.replace(".", ""))
                if acronym is not None:
                    best = (1, s + len(bare), acronym)
            elif len(view[s:words[i][1]]) >= 4:
                acronym = self.acronyms.get(view[s:words[i][1]])
                if acronym is not None:
                    best = (1, words[i][1], acronym)
            key = ""
            for n in range(1, min(self.max_words, n_words - i) + 1):
                part = keys[i + n - 1]
                if not part:
                    break
                key = part if n == 1 else f"{key} {part}"
                entry = self.aliases.get(key)
                if entry is None and key.endswith(" s"):
                    entry = self.aliases.get(key[:-2])
                if entry is not None:
                    e = words[i + n - 1][1]
                    text = view[s:e]
                    if not (not upper and n == 1 and not entry.generic and text.islower() and len(text) <= 4):
                        best = (n, e, entry)  # "is" is not Islamic State
                if key not in self._prefixes:
                    break
            if best is not None:
                n, e, entry = best
                if entry.generic != generic:
                    best = None
                elif generic and view[max(0, s - 1):s] in (" ", "\t") and any(te == s - 1 for _, te in taken):
                    best = None  # "SNA fighters": the group, not generic fighters
                elif _PLACE_BEFORE.search(low[max(0, s - 12):s]):
                    best = None  # "Sea of Azov" is a sea, not the Azov brigade
            if best is not None:
                n, e, entry = best
                add(s, e, entry, entry.generic and entry.kind == "state forces")
                i += n
            else:
                i += 1

    def find(self, view: str, low: str, upper: bool, start: int = 0, end: int | None = None,
             context_cc: str | None = None) -> list[ActorMention]:
        """Actor mentions in ``view[start:end]`` (``low`` is ``view`` lower-cased)."""
        end = len(view) if end is None else end
        out: list[ActorMention] = []
        taken: list[tuple[int, int]] = []

        def add(s: int, e: int, entry: ActorEntry, needs_country: bool = False) -> None:
            if any(s < te and ts < e for ts, te in taken):
                return
            taken.append((s, e))
            out.append(ActorMention(s, e, view[s:e], entry, needs_country))

        # Named groups and force names first, then "North Korean soldiers"-style
        # phrases, then generic terms ("soldiers", "gunmen"): the most specific wins.
        words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[\w'’-]+", view[start:end])]
        keys = [name_key(view[ws:we]) for ws, we in words]
        self._ngrams(view, low, upper, words, add, False, taken, keys)
        # Demonym + force noun: "North Korean soldiers".
        if self._demonym_re is not None:
            for m in self._demonym_re.finditer(low, start, end):
                ccs = self.demonyms.get(name_key(m.group("dem")), ())
                if not ccs:
                    continue
                # A shared demonym ("Sudanese", "Korean"): the context's country, else the usual one.
                cc = context_cc if context_cc in ccs else ccs[0]
                police = re.fullmatch(_POLICE_NOUN, m.group("noun")) is not None and \
                    m.group("noun") != "security forces"
                add(m.start(), m.end(), self.by_id[f"{'police' if police else 'military'}:{cc}"])
        # Country + force noun: "Ukraine's Special Operations Forces", "soldiers from North Korea".
        if self._country_re is not None:
            for m in self._country_re.finditer(low, start, end):
                cc = self.country_keys.get(name_key(m.group("c1") or m.group("c2") or ""))
                noun = m.group("noun1") or m.group("noun2") or ""
                if cc:
                    police = re.fullmatch(_POLICE_NOUN, noun) is not None and noun != "security forces"
                    add(m.start(), m.end(), self.by_id[f"{'police' if police else 'military'}:{cc}"])
        self._ngrams(view, low, upper, words, add, True, taken, keys)
        # Plural demonyms as forces ("Russians shelled"), and "occupiers" in Ukraine.
        for m in _PLURAL_AGENT.finditer(low, start, end):
            cc = self.plural_demonyms.get(m.group("who"))
            if cc:
                add(m.start("who"), m.end("who"), self.by_id[f"military:{cc}"])
        if context_cc == "UA" and "military:RU" in self.by_id:
            for m in _OCCUPIERS.finditer(low, start, end):
                add(m.start(), m.end(), self.by_id["military:RU"])
        # Bare forces: "the army", "troops", "police".
        for m in _BARE_FORCE.finditer(low, start, end):
            noun = m.group("noun")
            police = noun in ("police", "policemen", "police officers", "gendarmes")
            kind_id = "police:?" if police else "military:?"
            entry = ActorEntry(kind_id, "police forces" if police else "military forces",
                               "state forces", None)
            add(m.start("noun"), m.end(), entry, needs_country=True)
        out.sort(key=lambda a: a.start)
        return out
