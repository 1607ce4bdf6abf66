"""Read quantities the way news writes them: "21", "1,200", "twenty-one",
"one hundred and twelve", "at least a dozen", "dozens", "between 10 and 15".

Conventions for vague quantities (documented in the README):

=====================  ========  ==========
expression             low       high
=====================  ========  ==========
a couple (of)          2         2
a few                  2         5
several                3         9
a dozen                12        12
dozens, several dozen  24        99
tens of                20        99
scores of              40        99
hundreds (of)          200       999
thousands (of)         2,000     9,999
=====================  ========  ==========

Qualifiers: "at least N" -> N..open; "more than N" / "over N" -> N+1..open;
"up to N" / "as many as N" -> 1..N; "about N", "nearly N" -> N..N.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_UNIT_RE = "|".join(sorted((k for k in _UNITS if k != "no"), key=len, reverse=True))
_TENS_RE = "|".join(sorted(_TENS, key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:(?:{_TENS_RE})(?:[\s-](?:{_UNIT_RE}))?|{_UNIT_RE}|an|a|one)"
    rf"(?:[\s-](?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:(?:{_TENS_RE})(?:[\s-](?:{_UNIT_RE}))?|{_UNIT_RE}))?)?"
    rf"|(?:{_TENS_RE})(?:[\s-](?:{_UNIT_RE}))?|(?:{_UNIT_RE})"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"

_VAGUE = {
    "a couple of": (2, 2), "a couple": (2, 2), "a few": (2, 5), "several": (3, 9),
    "a dozen": (12, 12), "dozens of": (24, 99), "dozens": (24, 99), "several dozen": (24, 99),
    "tens of thousands of": (20000, 99999), "tens of thousands": (20000, 99999),
    "tens of": (20, 99), "scores of": (40, 99), "scores": (40, 99),
    "hundreds of thousands of": (200000, 999999), "hundreds of thousands": (200000, 999999),
    "hundreds of": (200, 999), "hundreds": (200, 999), "several hundred": (200, 999),
    "thousands of": (2000, 9999), "thousands": (2000, 9999), "several thousand": (2000, 9999),
    "a handful of": (3, 5),
}
_VAGUE_RE = "|".join(re.escape(k) for k in sorted(_VAGUE, key=len, reverse=True))

_QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "more than": "more than", "over": "more than",
    "upwards of": "more than", "in excess of": "more than", "up to": "up to",
    "as many as": "up to", "at most": "up to", "about": "about", "around": "about",
    "some": "about", "roughly": "about", "approximately": "about", "nearly": "about",
    "almost": "about", "close to": "about", "an estimated": "about", "estimated": "about",
    "about a": "about", "fewer than": "fewer than", "less than": "fewer than",
}
_QUAL_RE = "|".join(re.escape(k) for k in sorted(_QUALIFIERS, key=len, reverse=True))

_ATOM = rf"(?:{_VAGUE_RE}|{_DIGITS}|{_WORD_NUMBER})"
NUMBER = re.compile(
    rf"\b(?:(?P<qual>{_QUAL_RE})\s+)?(?P<between>between\s+)?(?P<a>{_ATOM})"
    rf"(?:(?(between)\s+and\s+|\s*(?:-|–|to|or)\s*)(?P<b>{_DIGITS}|{_WORD_NUMBER}))?"
    rf"(?P<plus>\s+or\s+more|\+)?\b",
    re.IGNORECASE,
)
"""A number expression in lower- or mixed-case text, with its qualifier."""
NUMBER_LOWER = re.compile(NUMBER.pattern)
"""The same, for text already in lower case (four times quicker than ignoring case)."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed number expression: ``low``, ``high`` (``None`` = open-ended),
    ``qualifier`` and the character ``start``/``end`` of the words."""

    low: int
    high: int | None
    qualifier: str
    start: int
    end: int
    article: bool = False  # "a"/"an"/"one": counts only before a person noun


def words_to_int(words: str) -> int | None:
    """"twenty-one" -> 21, "one hundred and twelve" -> 112, "1,200" -> 1200."""
    text = words.strip().lower().replace(",", "")
    if not text:
        return None
    if text[0].isdigit():
        parts = text.split()
        try:
            value = float(parts[0])
        except ValueError:
            return None
        if len(parts) > 1 and parts[1] in _SCALES:
            value *= _SCALES[parts[1]]
        if not math.isfinite(value):
            return None  # hundreds of digits: no count of people
        return int(value)
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", text):
        if token in ("and",):
            continue
        if token in ("a", "an"):
            current += 1
            seen = True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_match(match: re.Match[str], offset: int = 0) -> Quantity | None:
    """A :class:`Quantity` from a :data:`NUMBER` match (``offset`` shifts positions)."""
    raw_a = match.group("a").lower()
    qualifier_word = (match.group("qual") or "").lower()
    qualifier = _QUALIFIERS.get(qualifier_word, "exact")
    article = raw_a in ("a", "an", "one")
    if raw_a == "an":
        raw_a = "a"
    if raw_a in _VAGUE:
        low, high = _VAGUE[raw_a]
        qualifier = "vague" if qualifier == "exact" else qualifier
        if qualifier == "more than":  # "more than a dozen"
            low, high = (low + 1 if low == high else low), None
        elif qualifier == "at least":
            high = None
        elif qualifier != "vague":
            qualifier = "vague"
        return Quantity(low, high, qualifier, match.start() + offset, match.end() + offset)
    a = words_to_int(raw_a)
    if a is None:
        return None
    end = match.end() + offset
    if match.group("b"):
        b = words_to_int(match.group("b"))
        # "2014-15" style years or "one to one" are not casualty ranges.
        if b is not None and a < b <= max(10 * a, 1000):
            return Quantity(a, b, "range", match.start() + offset, end)
        end = match.end("a") + offset
    elif match.group("plus"):
        return Quantity(a, None, "at least", match.start() + offset, end)
    start = match.start() + offset
    if qualifier == "at least":
        return Quantity(a, None, qualifier, start, end)
    if qualifier == "more than":
        return Quantity(a + 1, None, qualifier, start, end)
    if qualifier == "up to":
        return Quantity(1 if a > 0 else 0, a, qualifier, start, end)
    if qualifier == "fewer than":
        return Quantity(1 if a > 1 else 0, max(a - 1, 0), qualifier, start, end)
    return Quantity(a, a, qualifier, start, end, article and qualifier == "exact")


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text``, left to right."""
    out = []
    for match in NUMBER.finditer(text):
        q = parse_match(match)
        if q is not None:
            out.append(q)
    return out
