"""The first few characters a pattern's matches can begin with, and a scanner built on them.

Scanning one text with each of many patterns costs a full pass per pattern, and a
pattern that starts with a word boundary gets no help from the regular-expression
engine's own prefix search. Reading off each pattern which short strings its
matches must begin with ("kil", "air", "ied") gives one small trie of those
strings; one pass with that trie finds the few positions worth trying, and only
there are the patterns themselves run. The result is exactly what each pattern's
own ``finditer`` gives (tests/test_prefixes.py checks it).

The strings are read off the parse tree of the standard library's regular
expression compiler (``re._parser``, which is private); a pattern that cannot be
read that way is simply run at every word start.

When every pattern has its strings, they go into an Aho-Corasick automaton
(pyahocorasick): one pass in C finds every place a string occurs, and those at a
word boundary are the positions the alternation ``\b(?=(...))`` would report, with
the same (longest) string at each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

try:  # private, but stable since Python 3.11; without it every pattern is tried everywhere
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _C = _P = None

_LIMIT = 5000  # more distinct prefixes than this: the pattern is too open to index


class _Unreadable(Exception):
    """The pattern's prefixes cannot be listed."""


def match_prefixes(pattern: str, k: int = 3) -> frozenset[str] | None:
    """Strings of at most ``k`` characters, one of which begins every match of
    ``pattern`` (a shorter one is a whole match, or a match that continues with
    characters too varied to list); ``None`` when they cannot be worked out."""
    if _P is None:
        return None
    try:
        states = _extend({("", True)}, _P.parse(pattern), k)
    except (_Unreadable, re.error, TypeError, ValueError):
        return None
    prefixes = frozenset(p for p, _ in states)
    return None if "" in prefixes else prefixes


def _close(states: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
    return {(p, False) for p, _ in states}


def _extend(states: set[tuple[str, bool]], items: object, k: int) -> set[tuple[str, bool]]:
    """Follow a sequence of parsed items from ``states`` ((prefix, may grow))."""
    C: Any = _C
    for op, av in items:  # type: ignore[attr-defined]
        if not any(grow for _, grow in states):
            return states
        chars: set[str] | None
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        if op is C.LITERAL:
            chars = {chr(av)}
        elif op is C.IN:
            chars = _charset(av)
        elif op is C.BRANCH:
            done = {s for s in states if not s[1]}
            growing = {s for s in states if s[1]}
            out = set(done)
            for alternative in av[1]:
                out |= _extend(set(growing), alternative, k)
            states = out
            continue
        elif op is C.SUBPATTERN:
            states = _extend(states, av[-1], k)
            continue
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            out = set()
            current = states
            for count in range(0, min(high, k) + 1):
                if count >= low:
                    out |= current
                current = _extend(current, sub, k)
            if high > k:
                out |= _close(current)
            states = out
            continue
        elif op is getattr(C, "ATOMIC_GROUP", None):
            states = _extend(states, av, k)
            continue
        else:
            chars = None  # any character, a class by category, a back-reference...
        if chars is None:
            states = _close(states)
            continue
        if op is C.IN and any(o is C.CATEGORY for o, _ in av):
            # "\d" (a count: "90 servicemen lost"): its ten digits end the prefix.
            states = {(p + c if grow else p, False) for p, grow in states for c in chars}
            continue
        grown = set()
        for prefix, grow in states:
            if not grow:
                grown.add((prefix, False))
                continue
            for c in chars:
                longer = prefix + c
                grown.add((longer, len(longer) < k))
        states = grown
        if len(states) > _LIMIT:
            raise _Unreadable
    return states


def _charset(items: list[Any]) -> set[str] | None:
    C: Any = _C
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 64:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.update("0123456789")  # "\d": ten keys, not every word start
        else:
            return None  # negated, a category, a wide range
    return chars


@dataclass(frozen=True)
class PatternScanner:
    """Finds the matches of many patterns, each as its own ``finditer`` would.

    Every pattern must begin with a word boundary (the scanner only looks at word starts).
    """

    patterns: tuple[re.Pattern[str], ...]
    starts: re.Pattern[str]                # the word starts where some prefix begins
    table: dict[str, tuple[int, ...]]      # prefix -> indices of the patterns it may begin
    everywhere: tuple[int, ...]            # patterns without a prefix list
    k: int
    automaton: Any = field(default=None, compare=False)  # the keys, when no pattern is tried everywhere

    @classmethod
    def build(cls, patterns: tuple[re.Pattern[str], ...], k: int = 4) -> PatternScanner:
        table: dict[str, list[int]] = {}
        everywhere = []
        for i, pattern in enumerate(patterns):
            prefixes = match_prefixes(pattern.pattern, k)
            if prefixes is None:
                everywhere.append(i)
                continue
            for prefix in prefixes:
                table.setdefault(prefix, []).append(i)
        # A key's entry also lists the patterns of the keys it begins with ("air" in
        # "air "), so the one key the scan reports at a position is all it takes.
        expanded = {key: tuple(sorted({i for n in range(1, len(key) + 1) for i in table.get(key[:n], ())}
                                      | set(everywhere)))
                    for key in table}
        # Longest keys first: the key reported is the longest one that fits. Patterns
        # without a key are tried at every word start ("\w" reports a non-key there).
        keys = [re.escape(key) for key in sorted(table, key=lambda s: (-len(s), s))]
        if everywhere:
            keys.append(r"\w")
        starts = re.compile(r"\b(?=(" + "|".join(keys) + "))")
        automaton = None
        if not everywhere and table:
            automaton = ahocorasick.Automaton()
            for key in table:
                automaton.add_word(key, (len(key), key, key[0].isalnum() or key[0] == "_"))
            automaton.make_automaton()
        return cls(tuple(patterns), starts, expanded, tuple(everywhere), k, automaton)

    def word_starts(self, text: str, start: int = 0) -> list[tuple[int, str]]:
        """(position, key) of each word boundary in ``text[start:]`` where some key
        begins, with the longest such key, in order: what ``starts.finditer`` reports."""
        if self.automaton is None:
            return [(m.start(), m.group(1)) for m in self.starts.finditer(text, start)]
        # The automaton reports keys in the order they end, so of the keys beginning at
        # one position the longest comes last (all of them begin with the same character:
        # the word boundary test gives them one answer).
        # ("\b": a word character on one side only; str.isalnum and "_" are what \w is.)
        longest = {pos: key for end, (size, key, wordy) in self.automaton.iter(text, start)
                   if ((pos := end - size + 1) > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_")) != wordy}
        return sorted(longest.items())

    def positions(self, text: str) -> list[int]:
        """The positions of :meth:`word_starts` alone (which key begins there left out)."""
        return [pos for pos, _ in self.word_starts(text)]

    def scan(self, text: str, start: int = 0) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every match in ``text[start:]``, ordered by
        pattern, then position."""
        out = []
        last_end = [0] * len(self.patterns)
        table, patterns, everywhere = self.table, self.patterns, self.everywhere
        for pos, key in self.word_starts(text, start):
            for i in table.get(key, everywhere):
                if pos < last_end[i]:
                    continue  # inside this pattern's previous match: finditer would not look here
                hit = patterns[i].match(text, pos)
                if hit is not None:
                    last_end[i] = hit.end()
                    out.append((i, pos, hit.end()))
        out.sort()
        return out


def required_strings(pattern: re.Pattern[str], limit: int = 200) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, read off its parse tree:
    a run of literal characters, or one string of each alternative of a group that must
    match; the set with the longest shortest string is chosen. ``None`` when none can be
    told (a case-insensitive pattern, an alternative with no literal of its own)."""
    if _P is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _required(_P.parse(pattern.pattern, pattern.flags), limit)
    except (_Unreadable, re.error, TypeError, ValueError):
        return None


def _required(items: object, limit: int) -> frozenset[str] | None:
    """The best set of required strings of a sequence of parsed items (see above)."""
    C: Any = _C
    found: list[frozenset[str]] = []
    run = ""
    for op, av in items:  # type: ignore[attr-defined]
        if op is C.LITERAL:
            run += chr(av)
            continue
        if op is C.AT:
            continue  # zero width: the characters on either side are still adjacent
        if run:
            found.append(frozenset((run,)))
            run = ""
        sub: frozenset[str] | None = None
        if op is C.SUBPATTERN:
            if av[1] & C.SRE_FLAG_IGNORECASE:
                raise _Unreadable
            sub = _required(av[-1], limit)
        elif op is C.BRANCH:
            alternatives = [_required(a, limit) for a in av[1]]
            if all(a is not None for a in alternatives):
                union = frozenset().union(*alternatives)  # type: ignore[arg-type]
                sub = union if len(union) <= limit else None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            if av[0] >= 1:
                sub = _required(av[2], limit)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            sub = _required(av, limit)
        # Anything else (a class, a lookaround, a back-reference) requires no string here;
        # what a lookaround reads may lie outside the match.
        if sub is not None:
            found.append(sub)
    if run:
        found.append(frozenset((run,)))
    if not found:
        return None
    return max(found, key=lambda s: (min(len(x) for x in s), -len(s)))


_INLINE_CASELESS = re.compile(r"\(\?[aiLmsux-]*i")


def _opens_on_boundary(items: object) -> bool:
    """True when every match of the parsed ``items`` begins at a word boundary: a
    ``\\b`` comes first (after lookarounds, which read no characters), on every branch."""
    C: Any = _C
    for op, av in items:  # type: ignore[attr-defined]
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.AT:
            return av is C.AT_BOUNDARY
        if op is C.BRANCH:
            return all(_opens_on_boundary(a) for a in av[1])
        if op is C.SUBPATTERN:
            return _opens_on_boundary(av[-1])
        return False
    return False


def start_keys(regex: re.Pattern[str], k: int = 4, shortest: int = 3) -> frozenset[str] | None:
    """The strings (:func:`match_prefixes`) one of which begins every match of ``regex``,
    when it opens on a word boundary on every branch and none of them is shorter than
    ``shortest`` characters (a short key such as a digit or "a" begins too many words to
    be worth looking for) and none holds a digit; else None. Case-insensitive, ASCII and locale patterns get None:
    their word boundaries or literals are not what the keys and ``str.isalnum`` say."""
    if _P is None or regex.flags & (re.IGNORECASE | re.ASCII | re.LOCALE) or \
            _INLINE_CASELESS.search(regex.pattern):
        return None
    try:
        parsed = _P.parse(regex.pattern, regex.flags)
        if not _opens_on_boundary(parsed):
            return None
        states = _extend({("", True)}, parsed, k)
    except (_Unreadable, re.error, TypeError, ValueError, RecursionError):
        return None
    keys = frozenset(p for p, _ in states)
    # (A digit in a key may stand for "\d", which matches other scripts' digits too.)
    if not keys or min(len(key) for key in keys) < shortest or any(c.isdigit() for key in keys for c in key):
        return None
    return keys


def matches_at(regex: re.Pattern[str], string: str, positions: Iterable[int],
               endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``regex`` matched at each of ``positions`` (ascending) in turn: after a match, the
    next is looked for from its end, as ``finditer`` does (for a pattern none of whose
    matches is empty, and positions that hold every place a match can begin, this is
    what ``finditer`` finds)."""
    match = regex.match
    after = 0
    for at in positions:
        if at < after:
            continue
        hit = match(string, at) if endpos is None else match(string, at, endpos)
        if hit is not None:
            after = hit.end()
            yield hit


class WordStarts:
    """Where one of some words stands whole in a text (no letter, digit or "_" touching it
    on either side: "\b" at both ends), found in one pass of an Aho-Corasick automaton over
    the words themselves, so only real occurrences reach Python. A word that does not begin
    and end with a letter, digit or "_" is left out: no "\b" can frame it."""

    __slots__ = ("automaton",)

    def __init__(self, words: Iterable[str]) -> None:
        self.automaton: Any = None
        found = {w for w in words if w and (w[0].isalnum() or w[0] == "_") and (w[-1].isalnum() or w[-1] == "_")}
        if found:
            self.automaton = ahocorasick.Automaton()
            for word in found:
                self.automaton.add_word(word, len(word))
            self.automaton.make_automaton()

    def __call__(self, text: str, start: int = 0, end: int | None = None) -> list[int]:
        """The start of each whole-word occurrence in ``text[start:end]``, in order."""
        if self.automaton is None:
            return []
        end = len(text) if end is None else min(end, len(text))
        out = []
        for stop, size in self.automaton.iter(text, max(0, start), max(0, end)):
            at = stop - size + 1
            before = text[at - 1] if at > 0 else " "
            after = text[stop + 1] if stop + 1 < len(text) else " "
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                out.append(at)
        return sorted(set(out))


class GuardedPattern:
    """A compiled pattern behind a literal prescan: where none of the strings every
    match contains (:func:`required_strings`) occurs in the text searched, the pattern
    is not run (one pass of an Aho-Corasick automaton, in C). The methods give what
    the pattern's own give.

    A pattern that opens on a word boundary with a few long enough strings every match
    begins with (:func:`start_keys`) is searched only where one of them begins a word:
    the positions are read off a second automaton and the pattern is matched at each in
    turn, leftmost first, which is what its ``search`` and ``finditer`` find (none of its
    matches is empty)."""

    __slots__ = ("regex", "needles", "_automaton", "_starts")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.needles = required_strings(regex)
        self._automaton: Any = None
        if self.needles:
            self._automaton = ahocorasick.Automaton()
            for needle in self.needles:
                self._automaton.add_word(needle, len(needle))
            self._automaton.make_automaton()
        self._starts: Any = None
        keys = start_keys(regex)
        if keys:
            self._starts = ahocorasick.Automaton()
            for key in keys:
                self._starts.add_word(key, (len(key), key[0].isalnum() or key[0] == "_"))
            self._starts.make_automaton()

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def _positions(self, string: str, pos: int, end: int) -> list[int]:
        """Where a match of the pattern can begin in ``string[pos:end]``, in order: the
        word boundaries where one of its start keys begins."""
        # ("\b": a word character on one side only; str.isalnum and "_" are what \w is.)
        return sorted({at for stop, (size, wordy) in self._starts.iter(string, pos, end)
                       if ((at := stop - size + 1) > 0 and (string[at - 1].isalnum() or string[at - 1] == "_"))
                       != wordy})

    def absent(self, string: str, pos: int = 0, endpos: int | None = None) -> bool:
        """True when no match can lie in ``string[pos:endpos]``."""
        if self._automaton is None:
            return False
        end = len(string) if endpos is None else min(endpos, len(string))
        return next(self._automaton.iter(string, max(0, pos), max(0, end)), None) is None

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        automaton = self._automaton
        end = len(string) if endpos is None else min(endpos, len(string))
        if automaton is not None:  # absent(), inline: this is the method called most
            for _ in automaton.iter(string, pos if pos > 0 else 0, end if end > 0 else 0):
                break
            else:
                return None
        if self._starts is not None:
            return next(matches_at(self.regex, string, self._positions(string, pos if pos > 0 else 0,
                                                                        end if end > 0 else 0), endpos), None)
        return self.regex.search(string, pos) if endpos is None else self.regex.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self.absent(string, pos, endpos):
            return None
        return self.regex.match(string, pos) if endpos is None else self.regex.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self.absent(string, pos, endpos):
            return None
        return self.regex.fullmatch(string, pos) if endpos is None else self.regex.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        if self.absent(string, pos, endpos):
            return iter(())
        if self._starts is not None:
            end = len(string) if endpos is None else min(endpos, len(string))
            return matches_at(self.regex, string, self._positions(string, pos if pos > 0 else 0,
                                                                  end if end > 0 else 0), endpos)
        return self.regex.finditer(string, pos) if endpos is None else self.regex.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        if self.absent(string, pos, endpos):
            return []
        return self.regex.findall(string, pos) if endpos is None else self.regex.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        if self.absent(string):
            return string
        return self.regex.sub(repl, string, count)



CASE_FOLDED_INTO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
"""The characters besides A-Z that an ASCII letter of a case-insensitive pattern also
matches ("İ", "ı", "ſ", the Kelvin sign; tests/test_prefixes.py checks every code point)."""


class CaselessNeedles:
    """The strings one of which every match of each of some case-insensitive patterns
    contains, in lower case: text whose lower case holds none of them (and none of
    :data:`CASE_FOLDED_INTO_ASCII`) has no match of any of the patterns. Only ASCII
    strings are used; ``automaton`` is None when some pattern has none."""

    __slots__ = ("needles", "automaton")

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.needles: frozenset[str] | None = frozenset()
        self.automaton: Any = None
        for pattern in patterns:
            try:
                found = _required(_P.parse(pattern.pattern, pattern.flags & ~re.IGNORECASE), 200) \
                    if _P is not None else None
            except (_Unreadable, re.error, TypeError, ValueError):
                found = None
            if not found or not all(n.isascii() for n in found):
                self.needles = None
                return
            self.needles |= {n.lower() for n in found}
        if self.needles:
            self.automaton = ahocorasick.Automaton()
            for needle in self.needles:
                self.automaton.add_word(needle, len(needle))
            self.automaton.make_automaton()

    def absent(self, text: str) -> bool:
        """True when no pattern can match anywhere in ``text``."""
        if self.automaton is None or any(c in text for c in CASE_FOLDED_INTO_ASCII):
            return False
        return next(self.automaton.iter(text.lower()), None) is None
