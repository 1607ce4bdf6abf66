"""Small text helpers shared by several stages: name keys, case tests, fast scans."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Protocol

import ahocorasick

_APOSTROPHES = str.maketrans({"’": "", "'": "", "ʼ": "", "`": "", "´": "", "ʻ": "", "‘": ""})
# "al-", "el-", "ad-"... before a hyphen are spellings of the Arabic article; one key for all.
_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ed|en|er|es|et|ez|ul|ud|ag|ath)-|"
                      # GeoNames writes the assimilated article apart: "Jisr ash Shughur", "Ar Raqqah".
                      r"\b(?:ad|adh|ar|as|ash|at|ath|az) (?=[a-z])")
_NON_KEY = re.compile(r"[^a-z0-9]+")
_LATIN_KEY = re.compile(r"^[a-z0-9 ]+$")


class _CaseTable(dict[int, str]):
    """``str.translate`` table: capital letters to "U", small ones to "l", the rest
    dropped (``__missing__`` answers None). ``translate`` caches what it looks up for
    ASCII, so counting letters this way beats a regex ``findall`` by far."""

    def __missing__(self, key: int) -> None:
        return None


def _case_table() -> _CaseTable:
    table = _CaseTable()
    for lo, hi, mark in (("A", "Z", "U"), ("À", "Ö", "U"), ("Ø", "Þ", "U"),
                         ("a", "z", "l"), ("ß", "ö", "l"), ("ø", "ÿ", "l")):
        table.update({c: mark for c in range(ord(lo), ord(hi) + 1)})
    return table


_CASE = _case_table()


def fold(text: str) -> str:
    """Strip diacritics: "Sudža" -> "Sudza", "Ḩalab" -> "Halab"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """The lookup key of a place or actor name.

    Case, diacritics, apostrophes, punctuation and the spelling of the Arabic
    article are ignored, so "Deir el-Balah", "Deir al Balah" and "DEIR AL-BALAH"
    share one key.
    """
    text = fold(name).lower().translate(_APOSTROPHES)
    text = _ARTICLE.sub("al ", text)
    return _NON_KEY.sub(" ", text).strip()


def lower_keep_length(text: str) -> str:
    """``text`` in lower case, one character for one, so offsets stay valid
    ("İ" lower-cases to two characters; here it gives one)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[0] for c in text)


class _Substitutes(Protocol):
    def sub(self, repl: Callable[[re.Match[str]], str], string: str, /) -> str: ...


def blank_matches(pattern: _Substitutes, text: str) -> str:
    """``text`` with each match of ``pattern`` replaced by as many spaces, so that the
    offsets of what is left stay valid ("talks", an aside set off by commas)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def is_latin_key(key: str) -> bool:
    """True when a key is made of Latin letters and digits only."""
    return bool(key) and _LATIN_KEY.match(key) is not None


def mostly_upper(text: str) -> bool:
    """True for wire text written in capitals, where case says nothing."""
    head = text[:4000]
    letters = head.translate(_CASE)
    upper = letters.count("U")
    lower = len(letters) - upper
    if upper + lower < 20:
        return False
    return upper / (upper + lower) > 0.8


@functools.cache
def _literal_automaton(literals: tuple[str, ...]) -> Any:
    """An Aho-Corasick automaton of ``literals``: every place one of them occurs, in one pass."""
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, len(literal))
    automaton.make_automaton()
    return automaton


def finditer_from(pattern: re.Pattern[str], literals: tuple[str, ...], text: str,
                  start: int = 0) -> list[re.Match[str]]:
    """What ``pattern.finditer(text, start)`` gives, for a pattern whose every match
    begins with one of ``literals``: the literals are found in one pass of an
    Aho-Corasick automaton (far quicker than the engine trying a long alternation at
    every position, or a substring search per literal), and the pattern is tried only there."""
    hits = {end - size + 1 for end, size in _literal_automaton(literals).iter(text, start)}
    out = []
    last_end = start
    for pos in sorted(hits):
        if pos < last_end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            out.append(m)
            last_end = max(m.end(), pos + 1)
    return out
