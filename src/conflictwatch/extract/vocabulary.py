"""Patterns built once from the lexicon's word sets (``data/lexicon/*.toml``).

The extractor's modules share these: each word set is defined once, in data, and
compiled here on first use (never at import), for lower-cased text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import default_lexicon


@dataclass(frozen=True)
class Vocabulary:
    """Compiled patterns over the lexicon's word sets, for lower-cased text."""

    counted_person: re.Pattern[str]
    """Any noun a casualty count may name (set COUNTED_PERSONS), as a whole word."""
    single_person: re.Pattern[str]
    """A noun for one person (SINGLE_PERSON), matched at the start of a word given alone."""
    ranks: frozenset[str]
    """Military and police ranks (RANKS), some of them also adjectives ("private")."""
    armed_victim: re.Pattern[str]
    """A noun for armed people (ARMED_PERSONS)."""
    civilian_victim: re.Pattern[str]
    """A noun for unarmed people (CIVILIAN_PERSONS)."""
    headline_labels: frozenset[str]
    """Labels that open a headline before a colon ("BREAKING:"; HEADLINE_LABELS), lower case."""
    news_agencies: frozenset[str]
    """Wire services whose name in brackets ends a dateline (NEWS_AGENCIES), lower case."""


@functools.cache
def vocabulary() -> Vocabulary:
    """The shared patterns, built from the packaged lexicon on first use."""
    lx = default_lexicon()
    return Vocabulary(
        counted_person=lx.compile(r"\b{COUNTED_PERSONS}\b", 0),
        single_person=lx.compile(r"^{SINGLE_PERSON}$", 0),
        ranks=lx.words("RANKS"),
        armed_victim=lx.compile(r"\b{ARMED_PERSONS}\b", 0),
        civilian_victim=lx.compile(r"\b{CIVILIAN_PERSONS}\b", 0),
        headline_labels=lx.words("HEADLINE_LABELS"),
        news_agencies=lx.words("NEWS_AGENCIES"),
    )
