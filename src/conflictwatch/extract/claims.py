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
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import default_lexicon
from ..model import Claim, Span
from ..textutil import lower_keep_length
from .numbers import NUMBER_LOWER, Quantity, parse_match
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
_DEFINITE_ITEM = re.compile(r"(?:the|his|her|their|a|an)?\s*(?:[a-z'’-]+\s+){0,3}?(?P<noun>[a-z'’-]+)\b")
_AND_OF = re.compile(r"\s+and\s+of\s+(?P<n>(?:two|three|four|five|six|seven|eight|nine|ten|\d+))\s+[a-z]+")
_POSSESSIVE_MURDER = re.compile(r"\b[a-z]+['’]s (?:murder|assassination|killing|execution)\b")
_NO_ONE = re.compile(r"\b(?:no one|nobody|none|no|nothing|neither)\b[^.;]*$")
_PLURAL_OR_VAGUE = re.compile(
    r"(?:the|these|those|his|her|their|its|our|several|many|dozens|hundreds|scores|some|all|more|"
    r"civilians|people|peasants|members|jesuits|priests|students|workers|leaders|innocent|unarmed|"
    r"[a-z]+s\b(?!\s+[a-z]+))\b")


@dataclass(frozen=True)
class _Rules:
    """The claim rules of data/lexicon/claims.toml (casualty words, tolls, running totals,
    threats, zeros), compiled once on first use."""

    kw_after: re.Pattern[str]
    kw_before: re.Pattern[str]
    toll: re.Pattern[str]
    bodies: re.Pattern[str]
    toll_wounded: re.Pattern[str]
    gap_stop: re.Pattern[str]
    money_or_share_after: re.Pattern[str]
    money_before: re.Pattern[str]
    part_before: re.Pattern[str]
    more_after: re.Pattern[str]
    to_death_verb: re.Pattern[str]
    kw_definite: re.Pattern[str]
    apposition_victim: re.Pattern[str]
    single_victim: re.Pattern[str]
    killing_of: re.Pattern[str]
    died_of_wounds: re.Pattern[str]
    cumulative: re.Pattern[str]
    hypothetical: re.Pattern[str]
    none_claim: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    rule = default_lexicon().rule
    return _Rules(
        kw_after=rule("claim.word-after"),
        kw_before=rule("claim.verb-before"),
        toll=rule("claim.toll"),
        bodies=rule("claim.bodies"),
        toll_wounded=rule("claim.toll-wounded"),
        gap_stop=rule("claim.gap-stop"),
        money_or_share_after=rule("claim.money-after"),
        money_before=rule("claim.money-before"),
        part_before=rule("claim.part-of"),
        more_after=rule("claim.more-bodies"),
        to_death_verb=rule("claim.to-death-verb"),
        kw_definite=rule("claim.verb-definite"),
        apposition_victim=rule("claim.apposition-victim"),
        single_victim=rule("claim.single-victim"),
        killing_of=rule("claim.killing-of"),
        died_of_wounds=rule("claim.died-of-wounds"),
        cumulative=rule("claim.cumulative"),
        hypothetical=rule("claim.hypothetical"),
        none_claim=rule("claim.none"),
    )


# --- attribution -----------------------------------------------------------------

_SAY = (r"(?:said|says|say|reported|reports|report|told|tells|claimed|claims|claim|announced|"
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
    rf"(?:^|[,\"”]\s*)(?P<c>[^,;\"“”]{{2,90}}?)\s+(?:has\s+|had\s+)?{_SAY}\b[^,;\"“”]{{0,50}}[.!]?\s*$",
    re.IGNORECASE,
)
_INVERTED_SAY = re.compile(
    r"[,\"”]\s*(?:said|says|say|reported|added|according to)\s+(?P<c>[^,.;\"“”]{2,70}?)\s*(?:[.,;]|$)",
    re.IGNORECASE,
)
_HEADLINE_SOURCE = re.compile(r"(?:\s*:|\s+[-–—])\s+(?P<c>[A-Za-z][\w.'’ -]{1,40})\s*$")
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
_LEAD_DET = re.compile(r"^(?:(?:and|as|while|whereas|but)\s+)?(?:the\s+)?", re.IGNORECASE)


# Front-line reports' verbs that kill only when people follow ("destroyed 37 invaders").
_PEOPLE_ONLY_VERBS = ("destroy", "eliminat", "liquidat", "neutrali")
MAY_HAVE_CLAIM = re.compile(
    r"\b(?:kill|dead|die|death|wound|injur|hurt|casualt|toll|bodies|slain|execut|murder|massacr|behead|"
    r"perish|fatalit|shot|captur|abduct|kidnap|hostage|prisoner|captive|missing|unaccounted|disappear|lives|"
    r"hospitali|assassinat|gunned|stabbed|seiz|lost their|took|taken|held|no one|nobody|kia\b|wia\b|mia\b|"
    + "|".join(_PEOPLE_ONLY_VERBS) + ")"
)
"""A cheap test: a sentence without any of these words has no casualty claim."""


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


_OTHER_INCIDENT = re.compile(rf"\b{_ANOTHER_TIME}")
_ACTIVE_BEFORE = re.compile(r"\b(?:killing|killed|wounding|wounded|injuring|injured|kidnapping|abducting)\s+$")
_OWN_VERB = re.compile(r"\s+(?:was|were|is|are|had|has|have)\b")


def _count_chain(low: str, pos: int, after_verb: bool = False) -> tuple[int, int] | None:
    """After an item ending at ``pos``, sum coordinated person items ("and a child",
    ", his wife and two sons"); returns (extra count, end) or None when the chain has
    an item without a count. ``after_verb``: the first item is a verb's object, so an
    item with a verb of its own starts a new clause."""
    total, end = 0, pos
    while True:
        m = _CHAIN_ITEM.match(low, end)
        if not m:
            break
        det, noun = m.group("det") or m.group("poss"), m.group("noun")
        if not det or not vocabulary().counted_person.fullmatch(noun) or noun in ("others", "more", "dead", "wounded"):
            break
        if after_verb and _OWN_VERB.match(low, m.end()):
            break  # "killing three attackers, and one soldier was wounded": a clause of its own
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
        end = m.end()
    return (total, end) if end > pos else None


_NOUN_CUT = re.compile(
    r"[,;]|(?<!\b[a-z])\.(?=\s|$)|\b(?:and|in|on|at|near|when|after|while|who|as|were|was|are|is|have|has|had|been|"
    r"being|remain|remained|remains|may|might|could|died|killed|wounded|injured|hurt|lost|"
    r"perished|taken|abducted|kidnapped|captured|missing|dead)\b"
)


_COLLECTIVE_HEAD = re.compile(r"\s+(?:people|persons|individuals|victims|others)\b")
_AGE_AFTER = re.compile(r"-(?:year|month|week|day)s?-old\b|\s+(?:years?|months?) old\b|-year\b")


def _noun_after(low: str, start: int, limit: int = 40) -> re.Match[str] | None:
    window = low[start:start + limit]
    cut = _NOUN_CUT.search(window)
    if cut:
        window = window[:cut.start()]
    return vocabulary().counted_person.search(window)


_ACT_ON_ONE = re.compile(
    r"\b(?:shot dead|shot and killed|killed|killing|murdered|murdering|beheaded|beheading|stabbed|stabbing|"
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
            (_ACT_ON_ONE.search(low, max(0, q.start - 25), q.start) and
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
    if low[q.start:q.end] in ("a", "an") and _ACT_ON_ONE.search(low, max(0, q.start - 25), q.start):
        # "shot dead a 52-year-old rubber tapper", "killed a Shi'ite cleric": whoever the
        # killing verb took, it was one person.
        m = _ONE_VICTIM.match(rest)
        if m and not _NOT_ONE.search(re.sub(r"\d+-(?:year|month|week|day)-old", "", m.group(1))):
            return 1, q.end + m.end(1)
    if low[q.start:q.end] in ("one", "another") and re.match(r"\s+(?:more|other|of them)\b", rest):
        return 1, q.end + len(re.match(r"\s+\w+(?: of them)?", rest).group(0))  # type: ignore[union-attr]
    return None


def _find_in_clause(low: str, start: int, end: int) -> list[_Found]:
    """Claims in ``low[start:end]`` (one clause), positions relative to ``low``."""
    found: list[_Found] = []
    used: set[int] = set()
    quantities = []
    for m in NUMBER_LOWER.finditer(low, start, end):
        q = parse_match(m)
        if q is None:
            continue
        if (q.start >= 2 and low[q.start - 1] in ":." and low[q.start - 2].isdigit()) or \
                (low[q.end:q.end + 1] in (":", ".") and low[q.end + 1:q.end + 2].isdigit()) or \
                _CLOCK.fullmatch(low, q.start, q.end):
            continue  # "07:28 - A patrolman was killed": a clock time, not a head count
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
    for m in re.finditer(r"\banother(?: one)?\b", low[start:end]):
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
            if kw.group(0) in ("seized", "hostages") and not vocabulary().counted_person.search(low[q.end:gap_start + kw.start()]):
                break
            if kw.group(0) == "bodies" and between.strip():
                break  # "21 bodies" counts; "three people's bodies" is a different phrase
            if kw.group(0) == "to death" and not (
                    (_rules().to_death_verb.search(low, max(start, q.start - 30), q.start) and len(between.split()) <= 4)
                    or _rules().to_death_verb.search(between)):
                break  # "hacked five villagers to death", "were burned to death"; not "sentenced to death"
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
            verb = kw.group(0).strip()
            noun = _noun_after(low, q.end)
            if verb in ("leaving", "left"):
                # "leaving four soldiers dead": the casualty word follows; handled above.
                continue
            if verb.startswith(_PEOPLE_ONLY_VERBS) and not (noun and noun.start() <= 20):
                continue  # "destroyed four tanks" destroyed no one
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
        # 3. Tolls and bodies: "the death toll rose to 63", "the bodies of 45 people".
        window = low[max(start, q.start - 160):q.start]
        toll = _rules().toll.search(window)
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
        first = _DEFINITE_ITEM.match(low, pos)
        if not first or not (vocabulary().single_person.match(first.group("noun")) or first.group("noun") == "couple"):
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


def _clean_claimant(raw: str) -> str | None:
    text = raw.strip().strip(",.;:—–-\"“”' ")
    text = _CLAIMANT_TAIL.sub("", text).strip()
    text = re.sub(r"\s*\([^)]*\)$", "", text).strip()
    text = _LEAD_DET.sub("", text)
    if not text or len(text) > 90 or len(text.split()) > 10:
        return None
    if _NOT_CLAIMANT.search(text) and not _PRONOUN.match(text):
        return None
    if re.search(r"\b\d+\b", text):
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


def _attribution(sentence: str, offset: int, headline: bool) -> _Attribution | None:
    """Who a clause says stated its figures."""
    if _LONG_BLANK.search(sentence):
        sentence = _LONG_BLANK.sub(_wall, sentence)  # same length: offsets stay true
    for pattern in (_ACCORDING, _INVERTED_SAY, _TRAILING_SAY, _SUBJECT_SAY, _APPOSITION_SAY):
        for m in pattern.finditer(sentence):
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


def find_claims(text: str, start: int, end: int, sentence_index: int, headline: bool = False,
                previous_claimant: _Attribution | None = None) -> tuple[list[ClaimMention], _Attribution | None]:
    """Casualty claims in ``text[start:end]`` (one sentence).

    Returns the claims and the sentence's attribution (to resolve "he said" later).
    """
    sentence = text[start:end]
    low = lower_keep_length(sentence).replace("\n", " ")
    out: list[ClaimMention] = []
    sentence_attr = _attribution(sentence, start, headline)
    if sentence_attr and _PRONOUN.match(sentence_attr.text) and previous_claimant:
        sentence_attr = previous_claimant
    clauses = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(low):
        clauses.append((pos, m.start()))
        pos = m.end()
    clauses.append((pos, len(low)))
    for c_start, c_end in clauses:
        found = _find_in_clause(low, c_start, c_end)
        if not found:
            continue
        clause_text = sentence[c_start:c_end]
        attr = _attribution(clause_text, start + c_start, headline) if len(clauses) > 1 else sentence_attr
        if attr is None:
            attr = sentence_attr
        if attr and _PRONOUN.match(attr.text):
            attr = previous_claimant
        clause_low = low[c_start:c_end]
        cumulative = bool(_rules().cumulative.search(clause_low))
        if _OTHER_INCIDENT.search(clause_low) and any(o.claim.figure in {f.figure for f in found} for o in out):
            # "killing at least nine people, police said, a day after a roadside bomb killed
            # four officers": the sentence's own figure came first; this one is another incident's.
            cumulative = True
        hypothetical = bool(_rules().hypothetical.search(clause_low))
        for f in found:
            q = f.q
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
            out.append(ClaimMention(claim, sentence_index, cumulative or war_toll,
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
