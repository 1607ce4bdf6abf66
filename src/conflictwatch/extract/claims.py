"""Casualty claims: every killed / wounded / captured / missing figure, with who said it.

A claim links a number expression to a casualty word in the same clause:

* number before the word: "21 soldiers were killed", "four dead", "12 are missing";
* word before the number: "killed 21 soldiers", "killing at least 12", "wounds dozens";
* tolls: "the death toll rose to 63", "put the toll at 15", "the bodies of 45 people";
* counted people: "a family of five", "two soldiers and a child", "the driver and two
  passengers", "an elderly couple".

"including five children" is kept as a *part* of the claim before it, never added.
"killed or wounded" totals and "casualties" become ``casualties`` claims, which are
never fatalities. Claims in a clause about a cumulative total ("since the war
began", "this year", "had already been killed") or a hypothetical ("could kill",
"threatened to kill") are marked so events do not count them.

The idioms of press releases and front-line bulletins ("were martyred", "succumbed to
injuries", "eliminated 11 khawarij", "sent 23 invaders to hell"), the hedges and tolls
told in other words ("said killed", "the number of residents who died rose to 2") and the
speaker rules are word sets and rules in ``data/lexicon/figures.toml``, compiled once on
first use (:func:`_vocabulary`).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import default_lexicon
from ..model import Claim, Span
from ..textutil import blank_matches, lower_keep_length
from .numbers import NUMBER_LOWER, Quantity, parse_match
from ..prescan import CaselessNeedles, GuardedPattern, PatternScanner, matches_at
from .sentences import Sentence
from .vocabulary import vocabulary

# --- vocabulary ------------------------------------------------------------------

# The nouns for people are word sets in data/lexicon/people.toml (see .vocabulary); the
# casualty words, tolls, running totals, threats and zeros are rules in claims.toml.
# More people than one incident is told to kill or wound (the largest massacres reported as
# news run to a few thousand).
_LARGEST_INCIDENT = 5000
_PARENTHETICAL = re.compile(
    r",\s*(?:including|among them|among whom|of whom|of them|mostly|most of them|mainly)\b[^,;]{0,60},"
    r"|\s*\([^()]{1,20}\)"
)
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
_ACTIVE_OBJECT = re.compile(
    r"^\s*(?:(?:the|a|an|his|her|their|its|our|him|them|it|himself|themselves|dozens|scores|"
    r"hundreds|thousands|several|some|many|at least|more than|up to|over|about|nearly|almost|"
    r"around|as many as|no fewer than|another)\b|\d)"
)
_CHAIN_ITEM = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+|\s*&\s*)"
    r"(?:(?P<poss>his|her|their|its)\s+)?"
    r"(?P<det>the|a|an|his|her|their|another|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|\d+)?\s*(?P<np>(?:[a-z'’-]+\s+){0,3}?)(?P<noun>[a-z'’-]+)\b"
)
# The noun phrase after a killing verb, with none, one, two or three words before its head.
_DEFINITE_ITEMS = tuple(re.compile(rf"(?:the|his|her|their|a|an)?\s*(?:[a-z'’-]+\s+){{{n}}}(?P<noun>[a-z'’-]+)\b")
                        for n in range(4))
_NOT_IN_TITLE = re.compile(r"(?:of|in|at|on|near|and|or|who|which|that|was|were|is|by|with|from|for|to)$")


def _definite_person(low: str, pos: int) -> re.Match[str] | None:
    """The first singular person noun of the noun phrase at ``pos`` ("the district chief",
    "third public order judge"), or None when the phrase ends (a preposition, a comma)
    before one."""
    for item in _DEFINITE_ITEMS:
        m = item.match(low, pos)
        if m is None:
            return None
        noun = m.group("noun")
        if vocabulary().single_person.match(noun) or noun == "couple":
            return m
        if _NOT_IN_TITLE.match(noun):
            return None
    return None
_AND_OF = re.compile(r"\s+and\s+of\s+(?P<n>(?:two|three|four|five|six|seven|eight|nine|ten|\d+))\s+[a-z]+")
# "Valencia's murder", "Diaz' murder", "Velazquez' death"; not "Monday's killing", "the
# army's death squads".
_POSSESSIVE_MURDER = GuardedPattern(re.compile(
    r"\b(?!(?:yesterday|today|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|weekend|month|year|"
    r"night|morning|evening|country|nation|city|region|province|state|group|army|regime|government)['’])"
    r"[a-z]+(?:['’]s|(?<=[sz])['’]) (?:murder|assassination|killing|execution|"
    r"death(?! (?:toll|squads?|threats?|sentences?|penalty|row|list|march|rate|count|camps?|certificates?)))\b"))
_NO_ONE = re.compile(r"\b(?:no one|nobody|none|no|nothing|neither)\b[^.;]*$")
_PLURAL_OR_VAGUE = re.compile(
    r"(?:the|these|those|his|her|their|its|our|several|many|dozens|hundreds|scores|some|all|more|"
    r"civilians|people|peasants|members|jesuits|priests|students|workers|leaders|innocent|unarmed|"
    r"[a-z]+s\b(?!\s+[a-z]+))\b")


@dataclass(frozen=True)
class _Rules:
    """The claim rules of data/lexicon/claims.toml (casualty words, tolls, running totals,
    threats, zeros), compiled once on first use."""

    kw_after: GuardedPattern
    kw_before: re.Pattern[str]
    toll: GuardedPattern
    bodies: GuardedPattern
    toll_wounded: re.Pattern[str]
    gap_stop: re.Pattern[str]
    money_or_share_after: re.Pattern[str]
    money_before: re.Pattern[str]
    part_before: re.Pattern[str]
    more_after: re.Pattern[str]
    to_death_verb: re.Pattern[str]
    kw_definite: re.Pattern[str]
    apposition_victim: GuardedPattern
    single_victim: re.Pattern[str]
    killing_of: GuardedPattern
    died_of_wounds: GuardedPattern
    cumulative: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    hypothetical: GuardedPattern
    none_claim: GuardedPattern


@functools.cache
def _rules() -> _Rules:
    rule = default_lexicon().rule
    return _Rules(
        kw_after=GuardedPattern(rule("claim.word-after")),
        kw_before=rule("claim.verb-before"),
        toll=GuardedPattern(rule("claim.toll")),
        bodies=GuardedPattern(rule("claim.bodies")),
        toll_wounded=rule("claim.toll-wounded"),
        gap_stop=rule("claim.gap-stop"),
        money_or_share_after=rule("claim.money-after"),
        money_before=rule("claim.money-before"),
        part_before=rule("claim.part-of"),
        more_after=rule("claim.more-bodies"),
        to_death_verb=rule("claim.to-death-verb"),
        kw_definite=rule("claim.verb-definite"),
        apposition_victim=GuardedPattern(rule("claim.apposition-victim")),
        single_victim=rule("claim.single-victim"),
        killing_of=GuardedPattern(rule("claim.killing-of")),
        died_of_wounds=GuardedPattern(rule("claim.died-of-wounds")),
        cumulative=rule("claim.cumulative"),
        month_before=rule("claim.month-before"),
        month_after=rule("claim.month-after"),
        hypothetical=GuardedPattern(rule("claim.hypothetical")),
        none_claim=GuardedPattern(rule("claim.none")),
    )


# --- attribution -----------------------------------------------------------------

# ("claimed the lives of": no speech)
_SAY = (r"(?:said|says|say|reported|reports|report|told|tells|(?:claimed|claims|claim)(?! (?:the )?lives\b)|announced|"
        r"announces|confirmed|confirms|stated|states|added|adds|wrote|writes|posted|noted|"
        r"estimated|estimates|put the (?:death )?toll|puts the (?:death )?toll|quoted|cited|"
        r"informed|declared|alleged|insisted|acknowledged|admitted)")
_ACCORDING = re.compile(r"\baccording to\s+(?P<c>[^,;.\"“”()]{2,90}?)(?=\s*(?:[,;.\"“”()]|$|\s+(?:on|in a|which|who)\b))",
                        re.IGNORECASE)
_SUBJECT_SAY = re.compile(
    rf"^\W*(?P<c>(?:[\w'’().&-]+\s+){{0,9}}?[\w'’().&-]+)\s+(?:has\s+|have\s+|had\s+)?{_SAY}\b",
    re.IGNORECASE,
)
# "A community youth leader, Daniel Mangut, said ...": the speaker before an apposition.
_APPOSITION_SAY = re.compile(
    rf"^\W*(?P<c>[\w'’().&-]+(?:\s+[\w'’().&-]+){{0,6}}),\s+[^,;\"“”]{{2,90}}?,\s+"
    rf"(?:has\s+|have\s+|had\s+)?{_SAY}\b",
    re.IGNORECASE,
)
_TRAILING_SAY = re.compile(
    rf"(?:^|[,\"”]\s*)(?P<c>[^,;\"“”]{{2,90}}?)\s+(?:has\s+|had\s+)?{_SAY}\b[^,;\"“”]{{0,50}}"
    # (or a trailing phrase of circumstance: "..., the governor said, as rescuers searched")
    rf"(?:[.!]?\s*$|,\s+(?:as|while|after|adding|with)\b[^;\"“”]{{0,120}}$)",
    re.IGNORECASE,
)
# Where a match of _TRAILING_SAY can begin: no comma lies between its start and its speech
# verb, none after the verb but in a trailing ", as/while/after ..." phrase, and no ";" or
# quotation mark at all after its start. So it opens at or after the last comma before the first
# such phrase (or the end), and at or after the last ";" or quotation mark.
_TRAILING_PHRASE = re.compile(r",\s+(?:as|while|after|adding|with)\b", re.IGNORECASE)


def _trailing_say_start(sentence: str) -> int:
    """The first position where :data:`_TRAILING_SAY` can match in ``sentence``: searching
    from there finds what searching the whole sentence does."""
    phrase = _TRAILING_PHRASE.search(sentence)
    comma = sentence.rfind(",", 0, phrase.start() if phrase else len(sentence))
    return max(0, comma, *(sentence.rfind(c) for c in ';"“”'))


_INVERTED_SAY = re.compile(
    r"[,\"”]\s*(?:said|says|say|reported|added|according to)\s+(?P<c>[^,.;\"“”]{2,70}?)\s*(?:[.,;]|$)",
    re.IGNORECASE,
)
_HEADLINE_SOURCE = re.compile(r"(?:\s*:|\s+[-–—]{1,2})\s+(?P<c>[A-Za-z][\w.'’ -]{1,40})\s*$")
_CLAIMANT_TAIL = re.compile(
    r"\s+(?:in a (?:statement|post|video|briefing|report|interview|press release|message)|"
    r"on (?:telegram|x|twitter|facebook|social media|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|state television|its website)|earlier|later|on condition of anonymity|"
    r"(?:on|late on|early on) \w+day|that|they|it|its|their)\b.*$",
    re.IGNORECASE,
)
_NOT_CLAIMANT = re.compile(
    r"^(?:it|this|that|which|who|there|here|and|but|the|a|an|as|also|when|while|he|she|they|"
    r"we|i|you)$|\b(?:killed|wounded|injured|died|attack|strike|shelling|were|was)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we)$", re.IGNORECASE)
# "a day after a roadside bomb ...": what follows tells of another incident.
_ANOTHER_TIME = (r"(?:a|one|two|three|four|five|six|several|\d+) (?:days?|hours?|weeks?|months?) "
                 r"(?:after|before) (?:a|an|the)\b")
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:while|but|whereas|although)\s+|\s+while\s+(?=\w+\s)|"
                           rf",\s+(?={_ANOTHER_TIME})")
_VERB_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+)?\w+")
_LEAD_DET = re.compile(r"^(?:(?:and|as|while|whereas|but)\s+)?(?:the\s+)?", re.IGNORECASE)


# A count of things, whoever owns them ("several vehicles belonging to traders").
_COUNTED_THING = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:vehicles?|cars?|trucks?|lorries|pick-?ups?|motorcycles?|motorbikes?|buses|houses?|homes?|"
    r"huts?|shops?|stalls?|buildings?|tanks?|boats?|ships?|granaries|stores?|warehouses?)\b")

# Front-line reports' verbs that kill only when people follow ("destroyed 37 invaders"),
# and the idioms of bulletins and national presses ("martyred", "sent to hell").
_PEOPLE_ONLY_VERBS = ("destroy", "eliminat", "liquidat", "neutrali")
MAY_HAVE_CLAIM = GuardedPattern(re.compile(
    r"\b(?:kill|dead|die|death|wound|injur|hurt|casualt|toll|bodies|slain|execut|murder|massacr|behead|"
    r"perish|fatalit|shot|captur|abduct|kidnap|hostage|prisoner|captive|missing|unaccounted|disappear|lives|"
    r"hospitali|assassinat|gunned|stabbed|seiz|lost|took|taken|held|no one|nobody|kia\b|wia\b|mia\b|"
    r"martyr|succumb|sacrifice|to hell|(?:were|was|been) hit|"
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) (?:victim|fatality|body|person)|"
    + "|".join(_PEOPLE_ONLY_VERBS) + ")"
))
"""A cheap test: a sentence without any of these words has no casualty claim."""


@dataclass(frozen=True)
class _Vocabulary:
    """The casualty words, compiled once with the lexicon's word sets and rules
    (data/lexicon/figures.toml)."""

    person_soon: re.Pattern[str]
    act_on_one: re.Pattern[str]
    sent_to: re.Pattern[str]
    struck: re.Pattern[str]
    hit_personnel: re.Pattern[str]
    one_who_died: re.Pattern[str]
    cumulative: GuardedPattern
    not_speaker: re.Pattern[str]
    claimant_lead: re.Pattern[str]
    claimant_tail: re.Pattern[str]
    named_victim: re.Pattern[str]
    named_victim_words: CaselessNeedles
    """The verbs one of which every named victim's match holds, for a prescan."""
    reported_passive: re.Pattern[str]
    toll_phrase: re.Pattern[str]
    ordinal_victim: GuardedPattern
    hedged_casualty: re.Pattern[str]
    people_only_verb: re.Pattern[str]
    object_list: re.Pattern[str]
    numbers: PatternScanner
    """Where number expressions can begin (see :func:`_number_starts`)."""


@functools.cache
def _vocabulary() -> _Vocabulary:
    lexicon = default_lexicon()
    return _Vocabulary(
        person_soon=lexicon.compile(r"\s+(?:[\w'’-]+\s+){0,2}?{COUNTED_PERSONS}\b", 0),
        act_on_one=lexicon.compile(_ACT_ON_ONE, 0),
        sent_to=lexicon.rule("claim.sent-to-hell"),
        struck=lexicon.compile(r"{STRUCK_PERSONNEL_AFTER}$", 0),
        hit_personnel=lexicon.rule("claim.hit-personnel"),
        one_who_died=lexicon.rule("claim.one-who-died"),
        cumulative=GuardedPattern(lexicon.rule("cue.cumulative-period")),
        not_speaker=lexicon.rule("cue.not-a-speaker"),
        claimant_lead=lexicon.rule("cue.claimant-lead"),
        claimant_tail=lexicon.rule("cue.claimant-tail"),
        named_victim=lexicon.rule("claim.named-victim"),
        named_victim_words=CaselessNeedles((lexicon.rule("claim.named-victim"),)),
        reported_passive=lexicon.rule("claim.reported-passive"),
        toll_phrase=lexicon.rule("claim.toll-phrase"),
        ordinal_victim=GuardedPattern(lexicon.rule("claim.ordinal-victim")),
        hedged_casualty=lexicon.rule("cue.hedged-casualty"),
        people_only_verb=lexicon.compile(r"\b(?:{PEOPLE_ONLY_KILL_VERBS})\s+", 0),
        object_list=lexicon.rule("claim.object-list"),
        numbers=PatternScanner.build((NUMBER_LOWER,)),
    )


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """A claim as found in a sentence, before it is assigned to an event.

    Fields: ``claim``; ``sentence`` (index); ``cumulative`` (a running total, not
    one incident); ``hypothetical`` (threats, forecasts, denials); ``victims``
    (the noun phrase counted, e.g. "North Korean soldiers").
    """

    claim: Claim
    sentence: int
    cumulative: bool = False
    hypothetical: bool = False
    victims: Span | None = None


def _figure(match: re.Match[str]) -> str:
    for name in ("cas", "killed", "wounded", "captured", "missing"):
        if match.groupdict().get(name):
            return "casualties" if name == "cas" else name
    return "killed"


@dataclass(slots=True)
class _Found:
    figure: str
    q: Quantity
    start: int
    end: int
    victims: tuple[int, int] | None
    part: bool = False
    nominal: bool = False  # "the murder of X" presupposes the killing: no threat or forecast


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10}
_OF_WOUNDS = re.compile(r"\s*(?:of|from) (?:his|her|their|the)\s*$")
_DEATH_OF_BEFORE = re.compile(r"\b(?:death|deaths) of\s+$")
_OBJECT_DETERMINER = re.compile(r"\s+(?:the|all(?: the)?)$")
_UNIT_AFTER = re.compile(r"\s+(?:hours?|days?|weeks?|months?|years?|minutes?)\b")
_OTHER_INCIDENT = GuardedPattern(re.compile(rf"\b{_ANOTHER_TIME}"))
_ACTIVE_BEFORE = re.compile(r"\b(?:killing|killed|wounding|wounded|injuring|injured|kidnapping|abducting|kidnapped|"
                            r"abducted|(?:shot|shooting|shoots|gunned|gunning) (?:dead|down)|executed|executing|"
                            r"murdered|murdering|beheaded|massacred)\s+$")
_OWN_VERB = re.compile(r"\s+(?:was|were|is|are|had|has|have)\b")
_NEXT_WORD = re.compile(r" ([a-z'’-]+)\b")
_NEXT_CASUALTY = re.compile(r"\s+(?:wounded|injured|hurt|missing|dead|died|killed|abducted|kidnapped)\b")
_NOT_MODIFIER = re.compile(r"[a-z'’-]+ing|and|or|of|in|on|at|near|when|after|while|who|as|were|was|are|is|have|"
                           r"has|had|been|killed|wounded|injured|died|dead|said|says|told|stated|added|announced")
_SPEAKS_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:said|says|told|stated|added|announced)\b(?!\s+to\b)")


def _count_chain(low: str, pos: int, after_verb: bool = False) -> tuple[int, int] | None:
    """After an item ending at ``pos``, sum coordinated person items ("and a child",
    ", his wife and two sons"); returns (extra count, end) or None when the chain has
    an item without a count. ``after_verb``: the first item is a verb's object, so an
    item with a verb of its own starts a new clause."""
    total, end = 0, pos
    before_comma = (total, end)  # the chain before its last item introduced by a comma
    while True:
        m = _CHAIN_ITEM.match(low, end)
        if not m:
            break
        if "," in low[m.start():m.start("np") if m.group("det") is None else m.start("det")]:
            before_comma = (total, end)
        det, noun, item_end = m.group("det") or m.group("poss"), m.group("noun"), m.end()
        if m.group("det") and low.startswith("-", m.end("det")):
            det = m.group("poss")  # "her 9-year-old son": the number is an age, not a count
        modifiers = 0
        while det and not vocabulary().counted_person.fullmatch(noun) and modifiers < 2 \
                and not _NOT_MODIFIER.fullmatch(noun) and (head := _NEXT_WORD.match(low, item_end)):
            noun, item_end, modifiers = head.group(1), head.end(), modifiers + 1  # "a security guard", "a local journalist"
        # ("and two others" counts after a verb's object, "killed a commander and two others",
        # unless a verb of its own follows: "and two others were wounded".)
        others = noun == "others" and after_verb and det is not None and det[:1].isalnum() and \
            det not in ("the", "a", "an", "his", "her", "their", "its", "another", "one") and \
            not _OWN_VERB.match(low, item_end) and not _NEXT_CASUALTY.match(low, item_end)
        if not det or not vocabulary().counted_person.fullmatch(noun) or \
                (noun in ("others", "more", "dead", "wounded") and not others):
            if _SPEAKS_AFTER.match(low, m.end()):
                total, end = before_comma  # ", a local official and a hospital source said"
            break
        while (head := _NEXT_WORD.match(low, item_end)) and vocabulary().counted_person.fullmatch(head.group(1)):
            noun, item_end = head.group(1), head.end()  # "a police officer", "a security guard": the head is the last
        if after_verb and _OWN_VERB.match(low, item_end):
            break  # "killing three attackers, and one soldier was wounded": a clause of its own
        if _SPEAKS_AFTER.match(low, item_end):
            # "killing nine traders, the rebel front said", "wounding 21, a police officer and a
            # hospital official said": who speak, from the comma on, are not victims.
            total, end = before_comma
            break
        if det in ("the", "a", "an", "his", "her", "their", "its", "another", "one"):
            if vocabulary().single_person.match(noun):
                count = 1
            elif noun == "couple":
                count = 2
            else:
                return None
        else:
            value = parse_match(NUMBER_LOWER.match(det))  # type: ignore[arg-type]
            if value is None:
                return None
            count = value.low
        total += count
        end = item_end
    return (total, end) if end > pos else None


_NOUN_CUT = re.compile(
    r"[,;:]|(?<!\b[a-z])\.(?=\s|$)|\b(?:and|in|on|at|near|when|after|while|who|as|were|was|are|is|have|has|had|been|"
    r"being|remain|remained|remains|may|might|could|died|killed|wounded|injured|hurt|lost|"
    r"perished|taken|abducted|kidnapped|captured|missing|dead)\b"
)


_COLLECTIVE_HEAD = re.compile(r"\s+(?:people|persons|individuals|victims|others)\b")
_AGE_AFTER = re.compile(r"-(?:year|month|week|day)s?-old\b|\s+(?:years?|months?) old\b|-year\b")


_NEXT_WORDS = re.compile(r"\s+([a-z'’-]+)(?:\s+([a-z'’-]+))?")
_PREPOSITIONS = frozenset({"by", "from", "to", "for", "with", "the", "a", "an", "into", "across", "during"})


def _counts_next(low: str, end: int) -> bool:
    """True when the words right after a number are what it counts: a person noun next,
    or after one modifier ("in May 12 people died", "12 Afghan soldiers"), not after a
    preposition ("September 8 by gunmen")."""
    m = _NEXT_WORDS.match(low, end)
    if m is None:
        return False
    person = vocabulary().counted_person
    if person.fullmatch(m.group(1)):
        return True
    first, second = m.group(1), m.group(2)
    return bool(second) and not _NOT_MODIFIER.fullmatch(first) and first not in _PREPOSITIONS and \
        person.fullmatch(second) is not None


def _noun_after(low: str, start: int, limit: int = 40) -> re.Match[str] | None:
    window = low[start:start + limit]
    cut = _NOUN_CUT.search(window)
    if cut:
        window = window[:cut.start()]
    person = vocabulary().counted_person
    noun = person.search(window)
    while noun is not None and window.startswith(" ", noun.end()):
        head = person.match(window, noun.end() + 1)  # "separatist fighters": the head is the last
        if head is None:
            break
        noun = head
    return noun


def person_noun_after(low: str, end: int, limit: int) -> tuple[int, int] | None:
    """Where a person noun ends within three words after ``end`` ("10,000 troops",
    "more than 300 local fighters"), as (0, offset of its end from ``end``); None when there is none
    before ``limit``."""
    m = _vocabulary().person_soon.match(low, end, min(limit, end + 40))
    return (0, m.end() - end) if m else None


_ACT_ON_ONE = (
    r"\b(?:shot dead|shot and killed|killed|killing|murdered|murdering|beheaded|beheading|stabbed|stabbing|{KILL_VERBS_BEFORE}|"
    r"executed|executing|gunned down|hacked to death|abducted|abducting|kidnapped|kidnapping|wounded|wounding|"
    r"injured|injuring)\s+$")
_ONE_VICTIM = re.compile(
    r"\s+((?:[\w'’-]+\s+){0,4}?[\w'’-]+)(?=\s+(?:as|who|when|while|in|at|near|on|from|outside|inside|after|"
    r"during|with|and)\b|\s*[,.;:]|\s*$)")
_NOT_ONE = re.compile(r"\b(?:number|total|dozen|few|handful|couple|group|family|series|lot|distance|time|day|"
                      r"week|month|year|way|bit|while|kilometres?|kilometers?|km|miles?|metres?|meters?)\b")


def _article_count(low: str, q: Quantity) -> tuple[int, int] | None:
    """Value of "a"/"an"/"one" + person noun: "a soldier" 1, "an elderly couple" 2,
    "a family of five" 5. None when no person noun follows."""
    rest = low[q.end:q.end + 40]
    m = re.match(r"\s+family of\s+", rest)
    if m:
        inner = NUMBER_LOWER.match(low, q.end + m.end())
        if inner:
            value = parse_match(inner)
            if value is not None and not value.article:
                return value.low, inner.end()
    if low[q.start:q.end] == "one" and re.match(r"\s+(?:kia|wia|mia)\b", rest):
        return 1, q.end  # "One KIA, three WIA": one killed in action
    if low[q.start:q.end] == "one" and not low.endswith(("no ", "not ", "every ", "any "), 0, q.start) and (
            re.match(r"\s+(?:was\s+|were\s+)?(?:killed|dead|died|dies|injured|wounded|hurt)\b", rest) or
            (_vocabulary().act_on_one.search(low, max(0, q.start - 25), q.start) and
             re.match(r"\s*(?:[,.;:\-–—]|$|\s+(?:and|in|at|near)\b)", rest))):
        return 1, q.end  # "leaves one killed, another injured", "fire on a bus, killing one"
    m = re.match(r"\s+(?:\d+-(?:year|month|week|day)-old\s+)?(?:[a-z'’-]+\b\s*){1,3}", rest)
    if not m:
        return None
    words = list(re.finditer(r"[a-z'’-]+", m.group(0)))
    vocab = vocabulary()
    for k, word in enumerate(words):
        noun = word.group(0)
        if noun == "couple":
            return 2, q.end + word.end()
        if vocab.single_person.match(noun):
            if noun in vocab.ranks and any(vocab.single_person.match(w.group(0)) for w in words[k + 1:]):
                continue  # "a private security guard": the rank word is an adjective
            return 1, q.end + word.end()
    if low[q.start:q.end] in ("a", "an") or (low[q.start:q.end] == "one" and not low.endswith(
            ("no ", "not ", "every ", "any "), 0, q.start)):
        # "a shopkeeper succumbed to his injuries", "an elderly tailor was killed", "one
        # Ukrainian killed": whoever died, it was one person, named or not.
        died = _vocabulary().one_who_died.match(rest)
        if died:
            return 1, q.end + died.end("who")
    if low[q.start:q.end] in ("a", "an") and _vocabulary().act_on_one.search(low, max(0, q.start - 25), q.start):
        # "shot dead a 52-year-old rubber tapper", "killed a Shi'ite cleric": whoever the
        # killing verb took, it was one person.
        m = _ONE_VICTIM.match(rest)
        if m and not _NOT_ONE.search(re.sub(r"\d+-(?:year|month|week|day)-old", "", m.group(1))):
            return 1, q.end + m.end(1)
    if low[q.start:q.end] in ("one", "another") and re.match(r"\s+(?:more|other|of them)\b", rest):
        return 1, q.end + len(re.match(r"\s+\w+(?: of them)?", rest).group(0))  # type: ignore[union-attr]
    return None


def _listed_people(low: str, start: int, q: Quantity) -> int | None:
    """Where a people-only verb ("destroyed", "eliminated") has ``q`` with a person noun
    among the items of its object list, the verb's start; else None."""
    if q.article or low[q.start:q.end] in ("a", "an", "one", "another"):
        return None
    noun = _noun_after(low, q.end, 25)
    if noun is None or noun.start() > 20 or re.search(r"\bof\b", low[q.end:q.end + noun.start()]) or \
            _rules().gap_stop.search(low, q.end, q.end + noun.start()):
        return None  # "four tanks of the invaders": things
    before = low[max(start, q.start - 140):q.start]
    verb = None
    for m in _vocabulary().people_only_verb.finditer(before):
        verb = m
    if verb is None or verb.group(0).startswith(("lost", "los", "sen")) or \
            not _vocabulary().object_list.match(before[verb.end():]):
        return None
    return q.start - (len(before) - verb.start())


# A digit of another script, which "\d" matches but the number scanner's keys do not list.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _number_starts(low: str) -> list[int] | None:
    """The word starts of ``low`` where a number expression can begin, in order (one scan
    for a sentence's clauses); None when ``low`` holds a digit of another script."""
    if not low.isascii() and _OTHER_DIGIT.search(low):
        return None
    return _vocabulary().numbers.positions(low)


def _numbers(low: str, start: int, end: int, starts: list[int] | None) -> list[re.Match[str]]:
    """``NUMBER_LOWER.finditer(low, start, end)``, the pattern tried only at ``starts``
    (:func:`_number_starts`): no number expression is empty, so after a match the next
    is looked for from its end, as ``finditer`` does."""
    if starts is None:
        return list(NUMBER_LOWER.finditer(low, start, end))
    inside = starts[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
    return list(matches_at(NUMBER_LOWER, low, inside, end))


def _find_in_clause(low: str, start: int, end: int, written: str = "",
                    number_starts: list[int] | None = None) -> list[_Found]:
    """Claims in ``low[start:end]`` (one clause), positions relative to ``low``;
    ``written`` is the same text as written (its capitals tell names);
    ``number_starts``: :func:`_number_starts` of ``low``, when it is known."""
    found: list[_Found] = []
    used: set[int] = set()
    quantities = []
    for m in _numbers(low, start, end, number_starts):
        q = parse_match(m)
        if q is None:
            continue
        if (q.start >= 2 and low[q.start - 1] in ":." and low[q.start - 2].isdigit()) or \
                (low[q.end:q.end + 1] in (":", ".") and low[q.end + 1:q.end + 2].isdigit()) or \
                _CLOCK.fullmatch(low, q.start, q.end):
            continue  # "07:28 - A patrolman was killed": a clock time, not a head count
        if q.low <= 31 and low[q.start].isdigit() and (
                (_rules().month_before.search(low, max(start, q.start - 12), q.start) and
                 not _counts_next(low, q.end)) or _rules().month_after.match(low, q.end)):
            continue  # "on the night of September 8 by gunmen ... found dead": a day of the month
        word = low[q.start:q.end]
        if word in ("a", "an", "one", "another") or q.article:
            # "a"/"one" count only before a person noun ("a soldier"), never "a day".
            counted = _article_count(low, q)
            if counted is None:
                continue
            value, noun_end = counted
            q = Quantity(value, value, "exact", q.start, q.end)
            quantities.append((q, noun_end))
        else:
            if _AGE_AFTER.match(low, q.end):
                continue  # "a 22-year-old man": an age, not a count
            if _rules().money_or_share_after.match(low, q.end) or _rules().money_before.search(low, max(start, q.start - 5), q.start):
                continue  # "1 million rupees for the families of the dead", "80% of deaths"
            noun = _noun_after(low, q.end)
            if q.qualifier == "exact" and 1900 <= q.low <= 2100 and not noun:
                continue  # a year
            quantities.append((q, q.end + noun.end() if noun else q.end))
    # "another" is not in NUMBER: "a soldier was killed and another wounded".
    for m in _ANOTHER_ONE.finditer(low[start:end]) if low.find("another", start, end) >= 0 else ():
        s = start + m.start()
        quantities.append((Quantity(1, 1, "exact", s, start + m.end()), start + m.end()))
    quantities.sort(key=lambda item: item[0].start)

    for idx, (q, after) in enumerate(quantities):
        if q.start in used:
            continue
        # "two more bodies were found": more on a toll already given, not a toll of its own.
        part = bool(_rules().part_before.search(low, max(start, q.start - 30), q.start) or
                    _rules().more_after.match(low, q.end))
        chain = _count_chain(low, after, _ACTIVE_BEFORE.search(low, max(start, q.start - 20), q.start) is not None)
        q_total = q
        chain_end = after
        if chain:
            # "eight people, five policemen and three attackers": a breakdown of the
            # eight, not more people.
            breakdown = chain[0] == q.low and _COLLECTIVE_HEAD.search(low, q.end, after) is not None
            if not breakdown:
                q_total = Quantity(q.low + chain[0], (q.high + chain[0]) if q.high is not None else None,
                                   q.qualifier, q.start, q.end)
            chain_end = chain[1]
            for q2, _ in quantities[idx + 1:]:
                if q2.start < chain_end:
                    used.add(q2.start)
        # 1. Number, then casualty word: "21 soldiers were killed".
        gap_start = chain_end
        gap_text = low[gap_start:min(end, gap_start + 90)]
        gap_clean = _PARENTHETICAL.sub(" ", gap_text)
        matched = False
        for kw in _rules().kw_after.finditer(gap_clean):
            between = gap_clean[:kw.start()]
            hedge = _vocabulary().reported_passive.search(between)
            if hedge:
                between = between[:hedge.start()]  # "two civilians said (to have been) killed"
            if len(between.split()) > 16 or _rules().gap_stop.search(between):
                break
            if _other_number(between):
                break
            figure = _figure(kw)
            kw_end_rel = kw.end()
            # An active verb with its own object ("killed 21") belongs to the object.
            tail = gap_clean[kw_end_rel:kw_end_rel + 25]
            if kw.group(0) in ("killed", "wounded", "injured", "captured", "abducted", "kidnapped",
                               "executed", "seized", "hurt", "shot dead", "shot and killed", "murdered",
                               "beheaded", "massacred") and \
                    (_ACTIVE_OBJECT.match(tail) or NUMBER_LOWER.match(tail.lstrip())):
                break
            counted = low[q.end:gap_start + kw.start()]
            if (kw.group(0) in ("seized", "hostages") or _vocabulary().struck.match(kw.group(0))) and \
                    (not vocabulary().counted_person.search(counted) or _COUNTED_THING.match(counted)):
                # "three tanks were destroyed", "two ships seized", "several vehicles belonging
                # to traders were destroyed": things, no one
                break
            if kw.group(0).endswith(" hit") and not _vocabulary().hit_personnel.search(counted):
                break  # "two girls were hit": wounded, as far as the words say
            if kw.group(0) == "bodies" and between.strip():
                break  # "21 bodies" counts; "three people's bodies" is a different phrase
            if kw.group(0) == "to death" and not (
                    (_rules().to_death_verb.search(low, max(start, q.start - 30), q.start) and len(between.split()) <= 4)
                    or _rules().to_death_verb.search(between)):
                break  # "hacked five villagers to death", "were burned to death"; not "sentenced to death"
            if figure == "wounded" and _OF_WOUNDS.match(between) and \
                    _DEATH_OF_BEFORE.search(low, max(start, q.start - 25), q.start):
                figure = "killed"  # "the death of a farmer of his wounds"
            abs_end = gap_start + _map_offset(gap_text, gap_clean, kw_end_rel)
            victims = (q.end, gap_start + _map_offset(gap_text, gap_clean, kw.start()))
            # "two of the injured", "a boy was among the wounded": part of a total.
            part_here = part or bool(re.match(r"\s*of (?:the|them|those)\s*$", between)) or \
                bool(re.search(r"\bamong(?: the)?\s*$", between))
            found.append(_Found(figure, q_total, q.start, abs_end, victims, part_here))
            matched = True
            break
        if matched:
            used.add(q.start)
            continue
        # 2. Casualty verb, then the number: "killed 21", "killing at least 12".
        before = low[max(start, q.start - 40):q.start]
        kw = None
        for cand in _rules().kw_before.finditer(before):
            if cand.end() == len(before):
                kw = cand
        if kw is not None:
            figure = _figure(kw)
            verb = _OBJECT_DETERMINER.sub("", kw.group(0).strip())
            noun = _noun_after(low, q.end)
            if verb in ("leaving", "left"):
                # "leaving four soldiers dead": the casualty word follows; handled above.
                continue
            if _UNIT_AFTER.match(low, q.end):
                continue  # "killed 13 days ago": a time, not a head count
            if kw.group("people_only") and (not (noun and noun.start() <= 20) or _COUNTED_THING.match(low, q.end)):
                continue  # "destroyed four tanks", "three vehicles of the rebels": no one
            if verb.startswith("sen") and not (noun and _vocabulary().sent_to.match(low, q.end + noun.end())):
                continue  # "sent 23 invaders to hell", never "sent 300 troops to the border"
            if figure == "captured":
                if not noun:
                    # "killed 15 soldiers and captured two": the people are implied,
                    # unless a thing follows ("captured two tanks").
                    following = low[q.end:q.end + 25]
                    if not verb.startswith(("captur", "abduct", "kidnap")) or \
                            _rules().gap_stop.match(following.strip()) or re.match(r"\s+[a-z]+s\b(?<!\bis)", following) \
                            and not re.match(r"\s+(?:in|on|at|near|during|as|of)\b", following):
                        continue
                if verb.startswith(("took", "tak", "held", "hold")) and not re.search(
                        r"\b(?:prisoner|prisoners|captive|captives|hostage|hostages)\b",
                        low[q.end:min(end, q.end + 60)]):
                    continue
            if verb.startswith("claim") and figure == "killed":
                pass
            victims = (q.end, noun.end() + q.end) if noun else None
            found.append(_Found(figure, q_total, q.start - (len(before) - kw.start()),
                                max(chain_end, q.end if not noun else q.end + noun.end()), victims, part))
            used.add(q.start)
            continue
        # 2b. A front-line verb with a list of objects: "destroyed a crossing, a depot,
        # 75 invaders and 20 pieces of equipment" destroyed 75 people, nothing else.
        listed = _listed_people(low, start, q)
        if listed is not None:
            noun = _noun_after(low, q.end)
            found.append(_Found("killed", q_total, listed, q.end + noun.end(),  # type: ignore[union-attr]
                                (q.end, q.end + noun.end()), part))  # type: ignore[union-attr]
            used.add(q.start)
            continue
        # 3. Tolls and bodies: "the death toll rose to 63", "the bodies of 45 people".
        window = low[max(start, q.start - 160):q.start]
        toll = _rules().toll.search(window) or _vocabulary().toll_phrase.search(window)
        if toll:
            found.append(_Found("killed", q_total, q.start - (len(window) - toll.start()), q.end, None, part))
            used.add(q.start)
            continue
        if _rules().bodies.search(window):
            found.append(_Found("killed", q_total, q.start - len(_rules().bodies.search(window).group(0)),  # type: ignore[union-attr]
                                q.end, None, part))
            used.add(q.start)
            continue
        if _rules().toll_wounded.search(window):
            found.append(_Found("wounded", q_total, q.start, q.end, None, part))
            used.add(q.start)

    # "killing the driver and two passengers": definite people counted one by one.
    for kw in _rules().kw_definite.finditer(low, start, end):
        pos = kw.end()
        if any(f.start <= pos <= f.end for f in found):
            continue
        first = _definite_person(low, pos)
        if first is None:
            continue
        count = 2 if first.group("noun") == "couple" else 1
        chain = _count_chain(low, first.end())
        nxt = _CHAIN_ITEM.match(low, first.end())
        if chain is None and nxt and vocabulary().counted_person.fullmatch(nxt.group("noun")):
            continue  # "the driver and the passengers": no count
        total, stop = (count + chain[0], chain[1]) if chain else (count, first.end())
        figure = _figure(kw)
        found.append(_Found(figure, Quantity(total, total, "exact", pos, stop), kw.start(), stop,
                            (pos, stop)))

    # "Judge Valencia was murdered", "he was shot dead": a singular verb counts one victim;
    # "the murder of Carlos Pizarro" counts one named victim.
    for m in _rules().single_victim.finditer(low, start, end):
        pos = m.start("verb")
        if any(f.start <= pos <= f.end for f in found) or _NO_ONE.search(low, max(start, m.start() - 25), m.start()):
            continue
        figure = "killed" if m.group("killed") else ("wounded" if m.group("wounded") else "captured")
        found.append(_Found(figure, Quantity(1, 1, "exact", m.start(), m.end()), m.start("verb"), m.end(), None))
    for m in _rules().apposition_victim.finditer(low, start, end):  # "killed Dolores Hinostroza, the mayor of"
        if vocabulary().single_person.match(m.group("noun")) and not any(f.start <= m.start("verb") <= f.end for f in found):
            found.append(_Found("killed", Quantity(1, 1, "exact", m.start(), m.end()), m.start("verb"),
                                m.end(), (m.end("verb") + 1, m.end())))
    # "gunmen shot dead Ahmed Rashid", "killed tribal elder Malik Noor and his son"
    if written and not _vocabulary().named_victim_words.absent(written[start:end]):
        for m in _vocabulary().named_victim.finditer(written, start, end):
            if any(f.start <= m.start("verb") <= f.end or f.start <= m.start("name") < f.end for f in found):
                continue
            chain = _count_chain(low, m.end("name"), after_verb=True)
            count, stop = (1 + chain[0], chain[1]) if chain else (1, m.end("name"))
            figure = "killed"
            found.append(_Found(figure, Quantity(count, count, "exact", m.start("name"), stop), m.start("verb"),
                                stop, (m.end("verb") + 1, stop)))
    for m in _vocabulary().ordinal_victim.finditer(low, start, end):  # "the body of the third victim"
        if not any(f.start <= m.start("n") < f.end for f in found):
            n = _ORDINALS[m.group("n")]
            found.append(_Found("killed", Quantity(n, n, "exact", m.start("n"), m.end()), m.start(), m.end(), None))
    for m in _POSSESSIVE_MURDER.finditer(low, start, end):  # "Valencia's murder"
        if not any(f.start <= m.start() <= f.end for f in found):
            found.append(_Found("killed", Quantity(1, 1, "exact", m.start(), m.end()), m.start(), m.end(), None))
    for m in _rules().killing_of.finditer(low, start, end):
        if any(f.start <= m.end() <= f.end for f in found):
            continue
        after = m.end() + 4 if low.startswith("the ", m.end()) and NUMBER_LOWER.match(low, m.end() + 4) else m.end()
        inner = NUMBER_LOWER.match(low, after)  # "the murder of (the) six Jesuit priests"
        value = parse_match(inner) if inner else None
        if value is not None and not value.article:
            noun = _noun_after(low, inner.end())  # type: ignore[union-attr]
            if noun:
                noun_end = inner.end() + noun.end()  # type: ignore[union-attr]
                chain = _count_chain(low, noun_end)  # "six Jesuits and their two maids"
                if chain:
                    value = Quantity(value.low + chain[0], value.low + chain[0], value.qualifier,
                                     value.start, value.end)
                    noun_end = chain[1]
                found.append(_Found("killed", value, m.start(), noun_end, (inner.end(), noun_end), nominal=True))  # type: ignore[union-attr]
            continue
        if _PLURAL_OR_VAGUE.match(low, m.end()):
            continue
        count, stop = 1, min(end, m.end() + 30)
        more = _AND_OF.search(low, m.end(), min(end, m.end() + 60))  # "of a judge and of two judges"
        if more:
            extra = parse_match(NUMBER_LOWER.match(low, more.start("n")))  # type: ignore[arg-type]
            if extra is not None and _noun_after(low, more.end("n")):
                count, stop = 1 + extra.low, more.end()
        found.append(_Found("killed", Quantity(count, count, "exact", m.start(), m.end()), m.start(),
                            stop, None, nominal=True))

    # "Three soldiers who were wounded ... died of their wounds": they are dead.
    if _rules().died_of_wounds.search(low, start, end):
        for f in found:
            if f.figure == "wounded":
                f.figure = "killed"
    return found


def _other_number(between: str) -> list[str]:
    return [m.group(0) for m in NUMBER_LOWER.finditer(between)
            if m.group("a").lower() not in ("a", "an") and parse_match(m) is not None]


def _map_offset(original: str, cleaned: str, pos: int) -> int:
    """Map a position in ``cleaned`` (parentheticals replaced by a space) back to ``original``."""
    if original == cleaned:
        return pos
    shift = 0
    for m in _PARENTHETICAL.finditer(original):
        removed = len(m.group(0)) - 1
        if m.start() - shift >= pos:
            break
        shift += removed
    return pos + shift


_ANOTHER_ONE = re.compile(r"\banother(?: one)?\b")
_TRAILING_PARENTHESES = re.compile(r"\s*\([^)]*\)$")
_A_NUMBER = re.compile(r"\b\d+\b")


def _clean_claimant(raw: str) -> str | None:
    text = raw.strip().strip(",.;:—–-\"“”' ")
    text = _CLAIMANT_TAIL.sub("", text).strip()
    text = _TRAILING_PARENTHESES.sub("", text).strip()
    lead = _vocabulary().claimant_lead.match(lower_keep_length(text))
    if lead:
        text = text[lead.end():]  # "though staff at ...", "Idlib province: local sources"
    tail = _vocabulary().claimant_tail.search(lower_keep_length(text))
    if tail:
        text = text[:tail.start()]  # "police have (confirmed)", "the agency also (said)"
    text = _LEAD_DET.sub("", text)
    if not text or len(text) > 90 or len(text.split()) > 10:
        return None
    if _NOT_CLAIMANT.search(text) and not _PRONOUN.match(text):
        return None
    if _vocabulary().not_speaker.search(lower_keep_length(text)):
        return None  # "Zamfara is one of the (worst-hit states)": a fragment, no speaker
    if _A_NUMBER.search(text):
        return None
    return text


@dataclass(frozen=True, slots=True)
class _Attribution:
    text: str
    start: int
    end: int


# A run of forty blanks is layout, not prose: the speaker patterns, whose name and blank
# parts may each stretch, would try every split of it (time growing with its square).
_LONG_BLANK = re.compile(r"\s{40,}")


def _wall(m: re.Match[str]) -> str:
    return ";" * len(m.group(0))


_SPEAKER_PATTERNS = (_ACCORDING, _INVERTED_SAY, _TRAILING_SAY, _SUBJECT_SAY, _APPOSITION_SAY)
_SPEECH_WORDS = CaselessNeedles(_SPEAKER_PATTERNS)


def _attribution(sentence: str, offset: int, headline: bool) -> _Attribution | None:
    """Who a clause says stated its figures."""
    if _LONG_BLANK.search(sentence):
        sentence = _LONG_BLANK.sub(_wall, sentence)  # same length: offsets stay true
    # (Each of the speaker patterns needs a speech verb or "according to": most clauses have none.)
    speakers = () if _SPEECH_WORDS.absent(sentence) else _SPEAKER_PATTERNS
    for pattern in speakers:
        found = pattern.finditer(sentence, _trailing_say_start(sentence)) if pattern is _TRAILING_SAY \
            else pattern.finditer(sentence)
        for m in found:
            if pattern in (_SUBJECT_SAY, _TRAILING_SAY, _APPOSITION_SAY):
                verb = _VERB_AFTER.match(sentence, m.end("c"))
                if verb and _vocabulary().hedged_casualty.match(
                        lower_keep_length(sentence[verb.end():verb.end() + 40])):
                    continue  # "two civilians said killed": a hedge, no speaker
            name = _clean_claimant(m.group("c"))
            if name:
                s = sentence.find(name, m.start("c"))
                s = m.start("c") if s < 0 else s
                return _Attribution(name, offset + s, offset + s + len(name))
    if headline:
        m = _HEADLINE_SOURCE.search(sentence)
        if m and len(m.group("c").split()) <= 5 and not re.search(r"\d", m.group("c")):
            name = _clean_claimant(m.group("c"))
            if name and not re.search(r"\b(?:kill|dead|attack|strike|clash|region|oblast|province)\w*",
                                      name, re.IGNORECASE):
                return _Attribution(name, offset + m.start("c"), offset + m.start("c") + len(name))
    return None


def speaker_span(text: str, start: int, end: int, headline: bool = False) -> tuple[int, int] | None:
    """Where the sentence ``text[start:end]`` names who stated it ("..., a police spokesman
    said", "according to the army", "... -- police" after a headline), as offsets in
    ``text``; None when it names no one, only a pronoun, or one who claims the act."""
    return speaker_of(text, _attribution(text[start:end], start, headline))


def speaker_of(text: str, attr: _Attribution | None) -> tuple[int, int] | None:
    """:func:`speaker_span`'s answer from the sentence's attribution ``attr``."""
    if attr is None or _PRONOUN.match(attr.text) or _RESPONSIBILITY.match(text.lower(), attr.end):
        return None  # "the group claimed the attack": the claimant is the doer, no mere source
    return attr.start, attr.end


_RESPONSIBILITY = re.compile(r"\W*(?:has\s+|have\s+|had\s+)?(?:claimed|claims|claim|admitted|accepted)\s+"
                             r"(?:responsibility|credit|the\s+(?:attack|bombing|raid|ambush|killing|assault|strike))")


def find_claims(text: str, start: int, end: int, sentence_index: int, headline: bool = False,
                previous_claimant: _Attribution | None = None) -> tuple[list[ClaimMention], _Attribution | None]:
    """Casualty claims in ``text[start:end]`` (one sentence).

    Returns the claims and the sentence's attribution (to resolve "he said" later).
    """
    found, previous, _ = read_sentence(text, start, end, sentence_index, headline, previous_claimant)
    return found, previous


def read_sentence(text: str, start: int, end: int, sentence_index: int, headline: bool = False,
                  previous_claimant: _Attribution | None = None
                  ) -> tuple[list[ClaimMention], _Attribution | None, _Attribution | None]:
    """:func:`find_claims`, with the sentence's own attribution as a third value (its
    speaker, by :func:`speaker_of`, is what :func:`speaker_span` gives)."""
    sentence = text[start:end]
    sentence_attr = _attribution(sentence, start, headline)
    return (*_find_claims(text, start, sentence, sentence_index, headline, previous_claimant, sentence_attr),
            sentence_attr)


def _find_claims(text: str, start: int, sentence: str, sentence_index: int, headline: bool,
                 previous_claimant: _Attribution | None, sentence_attr: _Attribution | None
                 ) -> tuple[list[ClaimMention], _Attribution | None]:
    low = lower_keep_length(sentence).replace("\n", " ")
    out: list[ClaimMention] = []
    if sentence_attr and _PRONOUN.match(sentence_attr.text) and previous_claimant:
        sentence_attr = previous_claimant
    clauses = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(low):
        clauses.append((pos, m.start()))
        pos = m.end()
    clauses.append((pos, len(low)))
    number_starts = _number_starts(low)
    for c_start, c_end in clauses:
        found = _find_in_clause(low, c_start, c_end, sentence, number_starts)
        if not found:
            continue
        clause_text = sentence[c_start:c_end]
        attr = _attribution(clause_text, start + c_start, headline) if len(clauses) > 1 else sentence_attr
        if attr is None:
            attr = sentence_attr
        if attr and _PRONOUN.match(attr.text):
            attr = previous_claimant
        clause_low = low[c_start:c_end]
        # ("in some of the heaviest clashes since the rebels took Goma in January": a
        # comparison with the past, not a total over it.)
        compared = default_lexicon().rule("cue.comparison-with-past").sub(" ", clause_low)
        cumulative = bool(_rules().cumulative.search(compared) or _vocabulary().cumulative.search(compared))
        # ("Bandits, who have killed 200 since January, shot dead six": the period is the
        # subject's past, told in a relative aside; a figure outside the aside is the act's.)
        aside = default_lexicon().rule("cue.relative-aside")
        asides = [(c_start + a.start(), c_start + a.end()) for a in aside.finditer(clause_low)] if cumulative else []
        main_cumulative = cumulative
        if asides:
            main = blank_matches(aside, compared)
            main_cumulative = bool(_rules().cumulative.search(main) or _vocabulary().cumulative.search(main))
        if _OTHER_INCIDENT.search(clause_low) and any(o.claim.figure in {f.figure for f in found} for o in out):
            # "killing at least nine people, police said, a day after a roadside bomb killed
            # four officers": the sentence's own figure came first; this one is another incident's.
            cumulative = main_cumulative = True
        hypothetical = bool(_rules().hypothetical.search(clause_low))
        for f in found:
            q = f.q
            told_total = cumulative if any(a <= f.start < b for a, b in asides) else main_cumulative
            span = Span(start + f.start, start + f.end, text[start + f.start:start + f.end])
            claim = Claim(
                figure=f.figure,  # type: ignore[arg-type]
                low=q.low, high=q.high, qualifier=q.qualifier,
                claimant=attr.text if attr else None, span=span,
                claimant_span=Span(attr.start, attr.end, text[attr.start:attr.end]) if attr else None,
                part=f.part,
            )
            victims = None
            if f.victims and f.victims[1] > f.victims[0]:
                vs, ve = start + f.victims[0], start + f.victims[1]
                vtext = text[vs:ve].strip()
                if vtext:
                    vs = vs + text[vs:ve].find(vtext)
                    victims = Span(vs, vs + len(vtext), vtext)
            # A war's toll, not one incident's: "the 1992-95 war, in which around 100,000 people
            # were killed", "has killed thousands of civilians".
            war_toll = f.figure in ("killed", "wounded") and (
                q.low > _LARGEST_INCIDENT or (q.qualifier == "vague" and (q.high or 0) > _LARGEST_INCIDENT))
            out.append(ClaimMention(claim, sentence_index, told_total or war_toll,
                                    hypothetical and not f.nominal, victims))
    # "No one was killed", "no casualties were reported": an explicit zero.
    if not out:
        m = _rules().none_claim.search(low)
        if m and not _rules().hypothetical.search(low):
            figure = "killed" if m.group("killed") else "casualties"
            span = Span(start + m.start(), start + m.end(), text[start + m.start():start + m.end()])
            attr = sentence_attr
            out.append(ClaimMention(Claim(figure, 0, 0, "none", attr.text if attr else None, span,  # type: ignore[arg-type]
                                          Span(attr.start, attr.end, text[attr.start:attr.end]) if attr else None),
                                    sentence_index))
    return out, (sentence_attr if sentence_attr and not _PRONOUN.match(sentence_attr.text) else previous_claimant)


# "the group said", "the militants claimed": the group named before is the claimant.
_GROUP_WORDS = re.compile(r"^(?:the\s+)?(?:group|organi[sz]ation|movement|militants|insurgents|rebels|jihadists|"
                          r"militia|faction|outfit)$", re.IGNORECASE)


def resolve_claimants(text: str, sentences: Sequence[Sentence], claims: list[ClaimMention],
                      groups: Sequence[tuple[int, int]]) -> list[ClaimMention]:
    """Claimants the sentence itself leaves open, taken from around it.

    * "the group said" is the named group (``groups``: spans of named armed groups, in
      order) last mentioned before it: the claimant is its name, the span stays on the
      words that speak;
    * a figure with no claimant takes the speaker of the next sentence of its paragraph,
      else of the paragraph's last, when that sentence states no figure of its own
      ("... killing nine. The army said the raid lasted an hour.").
    """
    with_claims = {cm.sentence for cm in claims}
    group_starts = [g[0] for g in groups]
    out = []
    for cm in claims:
        c = cm.claim
        # The words that speak (the claimant's span) and the name they stand for.
        attr: tuple[int, int] | None = None
        if c.claimant and c.claimant_span:
            attr = (c.claimant_span.start, c.claimant_span.end)
        elif c.claimant is None and cm.sentence + 1 < len(sentences):
            here = sentences[cm.sentence]
            last = cm.sentence + 1
            while last + 1 < len(sentences) and sentences[last + 1].paragraph == here.paragraph:
                last += 1
            for after in (sentences[cm.sentence + 1], sentences[last]):
                if after.paragraph == here.paragraph and after.index not in with_claims:
                    attr = speaker_span(text, after.start, after.end)
                    if attr is not None:
                        break
        if attr is None:
            out.append(cm)
            continue
        name = text[attr[0]:attr[1]]
        if _GROUP_WORDS.match(name.strip()):
            k = bisect.bisect_left(group_starts, attr[0])
            if not k:
                out.append(cm)
                continue
            name = text[groups[k - 1][0]:groups[k - 1][1]]
        if name == c.claimant:
            out.append(cm)
            continue
        claim = dataclasses.replace(c, claimant=name, claimant_span=Span(attr[0], attr[1], text[attr[0]:attr[1]]))
        out.append(dataclasses.replace(cm, claim=claim))
    return out
