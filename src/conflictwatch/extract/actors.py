"""Actors: who fought, who attacked whom, normalised against the actor dictionary.

The dictionary (``data/actors.json``) lists every country's demonyms and force
names, named armed groups with aliases, and generic participants (civilians,
protesters, gunmen). Recognition finds:

* state forces from a demonym or a country and a force noun: "North Korean
  soldiers", "Ukraine's Special Operations Forces", "soldiers from North Korea",
  "the Armed Forces of Ukraine", or a country's own force names ("IDF", "FARDC");
* named groups by name or alias ("RSF", "Rapid Support Forces", "Daesh");
* generic participants ("civilians", "gunmen", "protesters");
* bare forces ("the army", "troops", "police") whose country the event supplies;
* local readings (``data/press_idioms.csv``, ``data/conflict_groups.csv``): a country's
  press idiom ("the occupiers" in Ukraine are Russia's forces) and, when a story names
  no group, the group a generic word ("separatists", "paramilitaries") means in that
  country or region and period. See ``ACTORS.md``.

Everything is matched on word n-grams looked up in dicts, so the cost does not
grow with the size of the dictionary.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib.resources
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..lexicon import default_lexicon
from ..textutil import name_key
from ..prescan import GuardedPattern, PatternScanner, WordStarts

# Force vocabularies, matched word by word.
FORCE_WORDS = frozenset(
    "force forces troop troops soldier soldiers army armies military militaries serviceman servicemen "
    "fighter fighters unit units operator operators paratrooper paratroopers marine marines artillery "
    "drone drones warplane warplanes jet jets aircraft helicopter helicopters navy gunboat gunboats tank "
    "tanks guard guards commando commandos sniper snipers brigade brigades battalion battalions regiment "
    "regiments sapper sappers infantry armour armor missile missiles strike strikes shelling bombardment "
    "attack attacks offensive defenders servicewoman servicewomen personnel convoy patrol patrols outpost "
    "outposts trenches volunteers invaders occupiers bombers shells rockets gunfire fire raid raids assault "
    "counteroffensive counter-offensive counterattack command operation position positions side "
    "bomb bombs".split())
FORCE_BIGRAMS = frozenset(
    ["service members", "air force", "air defences", "air defenses", "air defence", "air defense",
     "border guards", "border guard", "special forces", "defence forces", "defense forces",
     "defence ministry", "defense ministry", "ministry of", "general staff",
     # a state's secret police and intelligence act as its forces ("killed by Ukrainian secret services")
     "secret services", "secret service", "special services", "security service", "security services",
     "intelligence services", "intelligence service"])
POLICE_WORDS = frozenset("police policeman policemen gendarme gendarmes gendarmerie".split())
POLICE_BIGRAMS = frozenset(["police officers", "police officer", "riot police", "security forces",
                            "security personnel"])
MODIFIER_WORDS = frozenset(
    "special armed security government regular occupying occupation elite border military naval air "
    "ground assault airborne marine federal national state regime junta rebel allied coalition retreating "
    "advancing attacking invading operations operational guided aerial glide ballistic cruise kamikaze "
    "attack combat heavy long-range short-range unmanned fighter riot reconnaissance".split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$|pro-\w+$")
_OF_NOUNS = frozenset("forces troops army military soldiers police fighters servicemen units".split())
_WORD = re.compile(r"[\w'’-]+")
_PLAIN = re.compile(r"[a-z0-9]+$")
_SPACE = re.compile(r"[ \t\n]+")


def _token_key(word: str) -> str:
    """Lookup key of one lower-cased word (fast path for plain words)."""
    return word if _PLAIN.match(word) else name_key(word)


# (Searched only where one of its nouns, or "the", begins a word: see prescan.py.)
_BARE_FORCE = GuardedPattern(re.compile(
    r"\b(?:the )?(?P<noun>army|military|troops|soldiers|armed forces|security forces|government forces|"
    r"government troops|regime forces|junta|police|policemen|police officers|gendarmes|servicemen|"
    r"border guards|air force|navy|forces)\b"
))
_WORD_BEFORE = re.compile(r"\b([a-z]+)\s+$")
_COUNT_BEFORE = re.compile(r"(?:\b\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))\s+$")
_PLACE_BEFORE = re.compile(r"\b(?:sea|lake|river|gulf|strait|bay|port) of\s+$|\b(?:lake|river|mount)\s+$")
# "Russians shelled ...": a plural demonym is the forces only as the subject of a military verb.
_MILITARY_VERB = (r"(?:shell(?:ed|s)?|attack(?:ed|s)?|"
                  r"struck|strike|fired|fire|launched|launch|advanced|advance|stormed|storm|bombed|bomb|hit|"
                  r"captured|capture|occupied|occupy|killed|kill|destroyed|destroy|shot|pounded|targeted|"
                  r"dropped|assaulted|ambushed|repelled|retreated|withdrew)")
_PLURAL_AGENT = re.compile(
    rf"\b(?:the\s+)?(?P<who>[a-z]+s)\s+(?:have\s+|had\s+|also\s+|again\s+)?{_MILITARY_VERB}\b")
# "Russia killed three civilians", "Israel struck Rafah": a state named as the doer is its forces.
# (Possessive "++": a letter never matches "\s", nor a space the letter every word after it
# opens with, so giving characters back cannot help; the engine is spared trying it.)
_STATE_AGENT = re.compile(
    rf"\b(?P<who>[a-z]++)\s++(?:has\s+|have\s+|had\s+|also\s+|again\s+)?{_MILITARY_VERB}\b")
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
    """An actor named in the text: ``start``/``end``, ``text``, ``entry``,
    ``needs_country`` (a bare "the army" whose country the event must supply) and
    ``reading`` (a press idiom, "the occupiers", whose actor the event's country and
    date decide: the idiom's key; ``entry`` is the words' ordinary reading, or a
    placeholder whose id starts with "reading:" when they have none)."""

    start: int
    end: int
    text: str
    entry: ActorEntry
    needs_country: bool = False
    reading: str | None = None


@dataclass(frozen=True, slots=True)
class LocalReading:
    """One row of ``data/press_idioms.csv`` (``idiom``) or ``data/conflict_groups.csv``:
    in ``country_code`` (and ``admin1``, a name key, when given), between ``start`` and
    ``end`` (either open), the words ``terms`` (name keys) mean the actor ``actor_id``.
    A press idiom holds in every story of that country; a conflict group only where
    the story names no group itself."""

    country_code: str
    admin1: str
    terms: frozenset[str]
    actor_id: str
    start: dt.date | None
    end: dt.date | None
    idiom: bool
    source: str

    def holds(self, cc: str | None, admin1: str | None, date: dt.date | None) -> bool:
        """Whether the row applies in this country, region and on this date (an
        unknown date is taken to be in the period)."""
        if cc != self.country_code:
            return False
        if self.admin1 and (not admin1 or _region_key(admin1) != self.admin1):
            return False
        if date is not None and ((self.start and date < self.start) or (self.end and date > self.end)):
            return False
        return True


_REGION_WORDS = re.compile(r"\b(?:oblast|region|province|governorate|state|division|department|district)\b")


def _region_key(name: str) -> str:
    """ "Donetsk Oblast", "Donetsk": one key for a first-level region."""
    return name_key(_REGION_WORDS.sub(" ", name_key(name)))


def _read_readings(path: Path, idiom: bool) -> list[LocalReading]:
    """The rows of one local-reading table (see :class:`LocalReading`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"local-reading table {path} cannot be read ({exc.strerror}); reinstall "
                        "conflictwatch or restore the file") from exc
    out = []
    for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            terms = frozenset(name_key(t) for t in row["terms"].split("|") if t.strip())
            start = dt.date.fromisoformat(row["start"]) if row.get("start") else None
            end = dt.date.fromisoformat(row["end"]) if row.get("end") else None
            if not row["country_code"] or not row["actor_id"] or not terms or not row.get("source"):
                raise ValueError("country_code, terms, actor_id and source are required")
        except (KeyError, ValueError) as exc:
            raise DataError(f"{path} line {n}: {exc}; give country_code, admin1, terms (separated by |), "
                            "actor_id, start and end (YYYY-MM-DD or empty), example and source") from exc
        out.append(LocalReading(row["country_code"], _region_key(row["admin1"]) if row.get("admin1") else "",
                                terms, row["actor_id"], start, end, idiom, row["source"]))
    return out


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
    country_acronyms: dict[str, str] = field(default_factory=dict)   # "US" -> cc (case-sensitive)
    aliases: dict[str, ActorEntry] = field(default_factory=dict)     # key -> entry (case-insensitive)
    acronyms: dict[str, ActorEntry] = field(default_factory=dict)    # exact -> entry (case-sensitive)
    by_id: dict[str, ActorEntry] = field(default_factory=dict)
    max_words: int = 1
    readings: tuple[LocalReading, ...] = ()
    _force_words: frozenset[str] = FORCE_WORDS
    _idioms: re.Pattern[str] | None = None         # every press idiom, for the text
    _idiom_scanner: PatternScanner | None = field(default=None, compare=False, repr=False)  # the same, by prefixes
    _prefixes: frozenset[str] = frozenset()
    _country_first: frozenset[str] = frozenset()
    _starts: frozenset[str] = frozenset()          # keys that can begin a dictionary name
    _acronym_words: frozenset[str] = frozenset()   # acronyms, lower-cased
    _country_acronym_words: frozenset[str] = frozenset()
    _word_acronyms: frozenset[str] = frozenset()   # acronyms that are English words, lower-cased
    # Where a plural demonym, or the last word of a country's name, stands: the only places
    # _PLURAL_AGENT and _STATE_AGENT can give an actor (see _agents()).
    _plural_scanner: WordStarts | None = field(default=None, compare=False, repr=False)
    _state_scanner: WordStarts | None = field(default=None, compare=False, repr=False)

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
                if alias.isupper() and "." not in alias and len(alias) <= 4:
                    # "US", "UK", "DRC" only in capitals: "us" is a pronoun, "car" a car.
                    self.country_acronyms.setdefault(alias, cc)
                else:
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
        # "A SIGNIFICANT FACT": in all-capital text these acronyms are read as the words they spell.
        self._word_acronyms = frozenset(name_key(a) for a in data.get("word_acronyms", []) or [])
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
        self._country_first = frozenset(k.split()[0] for k in [*self.demonyms, *self.country_keys] if k)
        self._starts = frozenset(self.aliases) | self._prefixes
        self._acronym_words = frozenset(a.lower() for a in self.acronyms)
        self._country_acronym_words = frozenset(a.lower() for a in self.country_acronyms)
        # "a Turkish airstrike": strike nouns kept in the lexicon name the doer too.
        self._force_words = FORCE_WORDS | {name_key(w) for w in default_lexicon().words("STRIKE_NOUNS")}
        self._plural_scanner = WordStarts(self.plural_demonyms)
        # (A state acts under its own name, of one or two words: "Russia", "South Sudan".)
        names = [name_key(self.country_name(cc)).split() for cc in self.countries]
        self._state_scanner = WordStarts(words[-1] for words in names if 0 < len(words) <= 2)
        readings = []
        for name, idiom in (("press_idioms.csv", True), ("conflict_groups.csv", False)):
            readings.extend(_read_readings(path.parent / name, idiom))
        for r in readings:
            if r.actor_id not in self.by_id:
                raise DataError(f"{path.parent}: a local reading names actor {r.actor_id!r}, which "
                                "actors.json does not hold; add it there or fix the table")
        self.readings = tuple(readings)
        idioms = sorted({t for r in readings if r.idiom for t in r.terms}, key=lambda t: (-len(t), t))
        if idioms:
            self._idioms = re.compile(r"(?<![\w-])(?:" + "|".join(
                r"[\s-]+".join(re.escape(w) for w in t.split()) for t in idioms) + r")(?![\w-])")
            # Each idiom opens on a letter after no letter, digit or hyphen: a word start, where
            # the prefix scanner looks (a scanner that would try every word start is not kept).
            scanner = PatternScanner.build((self._idioms,))
            if scanner.automaton is not None and all(k[:1].isalnum() for k in scanner.table):
                self._idiom_scanner = scanner
        return self

    def read_locally(self, key: str, cc: str | None, admin1: str | None, date: dt.date | None,
                     idiom: bool) -> ActorEntry | None:
        """The actor words ``key`` mean in this country, region and period, from the
        press-idiom table (``idiom``) or the conflict-group table; None when no row holds.
        A row for the region wins over one for the whole country."""
        rows = [r for r in self.readings if r.idiom == idiom and key in r.terms and r.holds(cc, admin1, date)]
        if not rows:
            return None
        return self.by_id.get(max(rows, key=lambda r: bool(r.admin1)).actor_id)

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

    def demonym_country(self, word: str, upper: bool = False) -> str | None:
        """The one country a demonym as written points to ("Salvadoran" -> SV), or None: a
        demonym shared by several countries points to none, and outside capitals only a
        capitalised one counts (a "dane gun" is no Dane's)."""
        if not (word[:1].isupper() or upper):
            return None
        ccs = self.demonyms.get(word.lower())
        return ccs[0] if ccs and len(ccs) == 1 else None

    def _ngram_matches(self, view: str, low: str, upper: bool, words: list[tuple[int, int]],
                       keys: list[str], tokens: list[str]) -> list[tuple[int, int, int, ActorEntry]]:
        """Dictionary names among word n-grams: (start, end, words, entry), longest first.

        ``keys`` are the words' name keys and ``tokens`` the lower-cased words; an
        n-gram is only extended while it is the beginning of some alias, so each
        position costs a few dict lookups.
        """
        out = []
        n_words = len(words)
        starts, acronym_words = self._starts, self._acronym_words
        # Only words that can begin a name are looked at (a name, a name's first words,
        # an acronym); the rest of the loop is the same at every one of them.
        candidates = [i for i, key in enumerate(keys) if key in starts or tokens[i] in acronym_words]
        next_free = 0
        for i in candidates:
            if i < next_free:
                continue
            best: tuple[int, int, ActorEntry] | None = None
            s = words[i][0]
            text = view[s:words[i][1]]
            if not upper:
                bare = text[:-2] if text.endswith(("'s", "’s")) else text
                acronym = self.acronyms.get(bare.replace(".", ""))
                if acronym is not None:
                    best = (1, s + len(bare), acronym)
            elif len(text) >= 4 and keys[i] not in self._word_acronyms:
                acronym = self.acronyms.get(text)
                if acronym is not None:
                    best = (1, words[i][1], acronym)
            key = ""
            for n in range(1, min(self.max_words, n_words - i) + 1):
                part = keys[i + n - 1]
                if not part:
                    break
                key = part if n == 1 else f"{key} {part}"
                entry = self.aliases.get(key)
                if entry is not None:
                    e = words[i + n - 1][1]
                    if not (not upper and n == 1 and not entry.generic and view[s:e].islower() and e - s <= 4) and \
                            not (upper and n == 1 and key in self._word_acronyms):
                        best = (n, e, entry)  # "is" is not Islamic State
                if key not in self._prefixes:
                    break
            if best is not None and _PLACE_BEFORE.search(low, max(0, s - 12), s):
                best = None  # "Sea of Azov" is a sea, not the Azov brigade
            if best is not None and best[0] == 1 and tokens[i].rstrip("'’s") in ("kia", "wia", "mia") and \
                    _COUNT_BEFORE.search(low, max(0, s - 7), s):
                best = None  # "1 KIA, 3 WIA": killed in action, not the Kachin Independence Army
            if best is not None:
                out.append((s, best[1], best[0], best[2]))
                next_free = i + best[0]
        return out

    @staticmethod
    def _agents(pattern: re.Pattern[str], scanner: WordStarts | None, low: str, start: int,
                end: int) -> list[re.Match[str]]:
        """The matches of an agent pattern (_PLURAL_AGENT, _STATE_AGENT) whose doer is one of the
        scanner's words: the pattern tried where such a word begins, not at every word. (Its doer
        is the whole run of letters at a word start, and no other match can cover that word,
        which is no auxiliary and no verb: so these are the matches ``finditer`` would give.)"""
        if scanner is None or scanner.automaton is None:
            return [m for m in pattern.finditer(low, start, end)]
        found = (pattern.match(low, s, end) for s in scanner(low, start, end))
        return [m for m in found if m is not None]

    def _country_at(self, keys: list[str], i: int, raw: list[str] | None = None
                    ) -> tuple[str | tuple[str, ...], int, bool] | None:
        """A country name or demonym starting at word ``i``: (code(s), length, is_demonym).
        ``raw`` are the words as written, for acronyms that count only in capitals."""
        if raw is not None:
            cc = self.country_acronyms.get(raw[i])
            if cc:
                return cc, 1, False
        if keys[i] not in self._country_first:
            return None
        for n in (3, 2, 1):
            if i + n > len(keys):
                continue
            key = " ".join(keys[i:i + n]) if n > 1 else keys[i]
            ccs = self.demonyms.get(key)
            if ccs:
                return ccs, n, True
            cc = self.country_keys.get(key)
            if cc:
                return cc, n, False
        return None

    @staticmethod
    def _pick(cc_or_ccs: str | tuple[str, ...], context_cc: str | None) -> str:
        """One country for a name or demonym: a shared demonym ("Sudanese", "Korean") is the
        context's country if it is one of them, else the usual one."""
        if isinstance(cc_or_ccs, tuple):
            return context_cc if context_cc in cc_or_ccs else cc_or_ccs[0]
        return cc_or_ccs

    def _force_at(self, keys: list[str], k: int) -> tuple[bool, int] | None:
        """A force noun at word ``k``: (is_police, length)."""
        if k + 1 < len(keys):
            pair = f"{keys[k]} {keys[k + 1]}"
            if pair in POLICE_BIGRAMS:
                return pair != "security forces", 2
            if pair in FORCE_BIGRAMS:
                return False, 2
        if keys[k] in POLICE_WORDS:
            return True, 1
        if keys[k] in self._force_words:
            return False, 1
        return None

    def find(self, view: str, low: str, upper: bool, start: int = 0, end: int | None = None,
             context_cc: str | None = None) -> list[ActorMention]:
        """Actor mentions in ``view[start:end]`` (``low`` is ``view`` lower-cased)."""
        end = len(view) if end is None else end
        out: list[ActorMention] = []
        taken = bytearray(len(view))  # 1 where a mention already is
        taken_ends: set[int] = set()

        def add(s: int, e: int, entry: ActorEntry, needs_country: bool = False, reading: str | None = None) -> None:
            if taken.find(1, s, e) >= 0:
                return
            taken[s:e] = b"\x01" * (e - s)
            taken_ends.add(e)
            out.append(ActorMention(s, e, view[s:e], entry, needs_country, reading))

        # Named groups and force names first, then "North Korean soldiers"-style
        # phrases, then generic terms ("soldiers", "gunmen"): the most specific wins.
        found = list(_WORD.finditer(low, start, end))
        words = [m.span() for m in found]
        tokens = [m.group(0) for m in found]
        tokens = [t[:-2] if t.endswith(("'s", "’s")) and len(t) > 2 else t for t in tokens]
        keys = [t if t.isascii() and t.isalnum() else _token_key(t) for t in tokens]
        # The words as written count only for acronyms ("US" in capitals, not "us").
        raw: list[str] | None = None
        if not upper:
            raw = [""] * len(words)
            acronym_words = self._country_acronym_words
            for i in [i for i, t in enumerate(tokens) if t in acronym_words]:
                ws, we = words[i]
                original = view[ws:we]
                raw[i] = original[:-2] if original.endswith(("'s", "’s")) else original
        matches = self._ngram_matches(view, low, upper, words, keys, tokens)
        for ms, me, _, entry in matches:
            if not entry.generic:
                add(ms, me, entry)
        # "North Korean soldiers", "Ukraine's Special Operations Forces", "soldiers from North
        # Korea", "Kiev troops": a country word, up to three modifiers, a force noun.
        n_words = len(words)
        country_first, country_acronyms = self._country_first, self._country_acronym_words
        for i in [i for i, key in enumerate(keys) if key in country_first or tokens[i] in country_acronyms]:
            hit = self._country_at(keys, i, raw)
            if hit is None:
                continue
            cc_or_ccs, n, demonym = hit
            j = i + n
            possessive = low[words[j - 1][1] - 2:words[j - 1][1]] in ("'s", "’s")
            skip = 3 if possessive else (3 if demonym else 0)
            noun = None
            k = j
            while k < n_words and k <= j + skip:
                gap = low[words[k - 1][1]:words[k][0]]
                if not (_SPACE.fullmatch(gap) or (gap.startswith(".") and _SPACE.fullmatch(gap[1:])
                                                  and words[k - 1][1] - words[k - 1][0] == 1)):
                    break  # words of one phrase: nothing but spaces between them ("U.S. forces" too)
                noun = self._force_at(keys, k)
                if noun is not None:
                    break
                if not possessive and not (keys[k] in MODIFIER_WORDS or _ORDINAL.match(keys[k])):
                    break
                k += 1
            if noun is None:
                continue
            police, length = noun
            kind = "police" if police else "military"
            add(words[i][0], words[k + length - 1][1], self.by_id[f"{kind}:{self._pick(cc_or_ccs, context_cc)}"])
            # "American and British warplanes": the country before "and" shares the noun.
            if i >= 2 and keys[i - 1] == "and":
                for back in (3, 2):
                    earlier = self._country_at(keys, i - back, raw) if i - back >= 0 else None
                    if earlier is not None and earlier[1] == back - 1:
                        add(words[i - back][0], words[i - 2][1],
                            self.by_id[f"{kind}:{self._pick(earlier[0], context_cc)}"])
                        break
        for i in [i for i, key in enumerate(keys[:n_words - 2]) if key in _OF_NOUNS]:
            if keys[i + 1] in ("of", "from"):
                j = i + 3 if keys[i + 2] == "the" else i + 2
                hit = self._country_at(keys, j, raw) if j < n_words else None
                if hit is not None and not hit[2]:
                    police = keys[i] == "police"
                    add(words[i][0], words[j + hit[1] - 1][1],
                        self.by_id[f"{'police' if police else 'military'}:{hit[0]}"])
        # Press idiom ("the occupiers", "khawarij"): the story's country reads it. Without
        # one, the event's country and date will: the mention keeps the idiom as its
        # ``reading`` and its ordinary reading, if any, as its entry. In a story of another
        # country the words are read as everywhere else ("the junta").
        pending: list[tuple[int, int, str]] = []
        if self._idioms is not None:
            if self._idiom_scanner is not None and end == len(low):
                spans = [(ms, me) for _, ms, me in self._idiom_scanner.scan(low, start)]
            else:
                spans = [m.span() for m in self._idioms.finditer(low, start, end)]
            for ms, me in spans:
                key = name_key(low[ms:me])
                entry = self.read_locally(key, context_cc, None, None, idiom=True) if context_cc else None
                if entry is not None:
                    add(ms, me, entry)
                elif context_cc is None:
                    pending.append((ms, me, key))
        for ms, me, _, entry in matches:
            if entry.generic and not (view[max(0, ms - 1):ms] in (" ", "\t") and ms - 1 in taken_ends):
                add(ms, me, entry, entry.kind == "state forces")  # not "SNA fighters": that is the group
        # Plural demonyms as forces ("Russians shelled"), and "occupiers" in Ukraine.
        for m in self._agents(_PLURAL_AGENT, self._plural_scanner, low, start, end):
            cc = self.plural_demonyms.get(m.group("who"))
            if cc:
                add(m.start("who"), m.end("who"), self.by_id[f"military:{cc}"])
        for m in self._agents(_STATE_AGENT, self._state_scanner, low, start, end):
            who_start = m.start("who")
            before = _WORD_BEFORE.search(low, max(0, who_start - 20), who_start)
            two = f"{before.group(1)} {m.group('who')}" if before else ""
            key = two if two and two in self.country_keys else m.group("who")
            cc = self.country_keys.get(key)
            if key == two:
                who_start = before.start(1)  # type: ignore[union-attr]
            # The state's own name only: "near Seoul kill 23" names a city, not a doer.
            if cc and key == name_key(self.country_name(cc)) and f"military:{cc}" in self.by_id:
                add(who_start, m.end("who"), self.by_id[f"military:{cc}"])
        # Bare forces: "the army", "troops", "police".
        for m in _BARE_FORCE.finditer(low, start, end):
            noun = m.group("noun")
            police = noun in ("police", "policemen", "police officers", "gendarmes")
            kind_id = "police:?" if police else "military:?"
            entry = ActorEntry(kind_id, "police forces" if police else "military forces",
                               "state forces", None)
            add(m.start("noun"), m.end(), entry, needs_country=True)
        for s, e, key in pending:
            k = next((k for k, a in enumerate(out) if a.start < e and s < a.end), None)
            if k is not None:
                out[k] = dataclasses.replace(out[k], reading=key)
            else:
                kind = next((self.by_id[r.actor_id].kind for r in self.readings if r.idiom and key in r.terms),
                            "rebels")
                add(s, e, ActorEntry(f"reading:{key}", key, kind, None, generic=True), reading=key)
        out.sort(key=lambda a: a.start)
        return out
