"""Hyperscan for the trigger scan and the sentence-wide veto searches: what one pass of
Hyperscan (one database of every pattern) gives against the Aho-Corasick prescan plus
Python regular expressions the extractor uses now.

Usage: .venv/bin/python bench/hyperscan_scan.py [--articles N] [--som]

Needs the hyperscan wheel (``.venv/bin/pip install hyperscan``; not a project dependency).

Hyperscan cannot run the rules as Python's ``re`` reads them: it reports every end of
every match (not the leftmost-first, non-overlapping matches of ``finditer``), it has no
lookarounds or back-references, and with Unicode classes (``HS_FLAG_UCP``, needed for
Python's ``\\w`` and ``\\d``) it has no ``\\b``. So each pattern is split into its top-level
alternatives, and each alternative goes into the database in the first of these forms
that compiles:

* exact: the alternative, its Python-only syntax translated (named groups, ``{,n}``,
  ``\\A``/``\\Z``);
* relaxed: the same with its zero-width assertions dropped (``\\b``, ``\\B``, lookarounds)
  and atomic groups and possessive repeats made plain: it matches wherever the
  alternative does, and more;
* prefilter: ``HS_FLAG_PREFILTER``, Hyperscan's own approximation matching more;
* rejected: the whole pattern is run by Python over the whole text.

Hyperscan gives where a match may end. Where it may start is the end less the
alternative's longest match, when that is bounded; when it is not (``\\w*``, ``\\s+``), the
alternative's longest leading part of bounded length (its "head") goes into the database
as well, and the head's ends tell the starts. ``--som`` also asks Hyperscan for starts
(``HS_FLAG_SOM_LEFTMOST``, which HS_FLAG_PREFILTER does not allow); it is off by default
because the wheel's engine (hyperscan 0.9.1, Vectorscan) crashes with it on this machine
for patterns such as ``[0-9]+ k`` on any text of 291 bytes or more: with ``--som`` each
expression is first tried in a child process and kept without starts if the child dies.

Hyperscan's reports are only candidates: Python's ``re`` confirms them (``match`` at
each possible start, in order, as ``finditer`` would find them; ``search`` over a long
range), so the output is exactly the current scanner's, which is asserted on every
article. Texts are scanned as UTF-8; offsets are mapped back to characters (the share of
articles that are pure ASCII, where the two are the same, is printed).

The sentence-wide vetoes (patterns searched once per sentence) are scanned the same way:
one Hyperscan pass over the article's sentences, joined with line breaks (the lowered
text has none, and ``^``/``$`` are compiled multi-line, so each sentence reads as the
slice Python searches), tells which patterns may match in which sentence; only there
does Python search. The workload is every such veto on every sentence (the extractor
searches fewer: only sentences with a trigger, and it stops at the first veto).

Everything is timed in CPU time, best of three, over both article streams of
bench/extract.py; the full extraction of the same articles is timed too, so the gain
reads against the target of 200 articles per second per core.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

try:  # private, as prescan.py reads it: the shortest and longest match of a pattern
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _P = None

_UNBOUNDED = 10_000  # a longest match beyond this is taken as unbounded
_SHORT = 24  # a range of possible starts shorter than this is tried start by start, a longer one searched
_VETOES = ("not_violence", "armed_doer_acts", "depiction", "soft_not_violence", "disaster", "running_total",
           "digest_title", "past_year", "year_when", "year_named_event", "recent_day", "said_on_day",
           "protest_context", "political_arrest", "mob_act", "conflict_cue", "toll_in_conflict", "weapon_beside",
           "disrupted_general", "background", "described", "talks_as_setting", "comparison_with_past")
"""The GuardedPatterns of triggers._vetoes() that detect() searches over a whole sentence."""

_FORMS = ("exact", "relaxed", "prefilter", "rejected")


class Untranslatable(ValueError):
    """The pattern uses syntax this script does not translate."""


# -- reading and translating patterns ---------------------------------------------------


def _skip_class(pattern: str, i: int) -> int:
    """The index just past the character class opening at ``pattern[i] == "["``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1  # a "]" first is a literal
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    raise Untranslatable("unterminated character class")


def _atom_end(pattern: str, i: int) -> int:
    """The index just past the atom (escape, class, group or character) at ``i``."""
    c = pattern[i]
    if c == "\\":
        return i + 2
    if c == "[":
        return _skip_class(pattern, i)
    if c != "(":
        return i + 1
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _skip_class(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise Untranslatable("unbalanced parentheses")


_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")


def items(pattern: str) -> list[str]:
    """The top-level items of ``pattern``: atoms with their quantifiers, and "|"."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "|":
            out.append("|")
            i += 1
            continue
        end = _atom_end(pattern, i)
        quantifier = _QUANTIFIER.match(pattern, end)
        if quantifier and pattern[i] not in "^$":
            end = quantifier.end()
        out.append(pattern[i:end])
        i = end
    return out


def alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level "|"."""
    out: list[list[str]] = [[]]
    for item in items(pattern):
        if item == "|":
            out.append([])
        else:
            out[-1].append(item)
    return ["".join(parts) for parts in out]


def widths(pattern: str, flags: int) -> tuple[int, int]:
    """The shortest and longest match of ``pattern`` (longest ``_UNBOUNDED`` when it has no bound)."""
    if _P is None:
        return 0, _UNBOUNDED
    low, high = _P.parse(pattern, flags).getwidth()
    return int(low), min(int(high), _UNBOUNDED)


def head(pattern: str, flags: int) -> str | None:
    """A leading part of ``pattern`` whose matches are never empty and have a bounded
    length: every match of the pattern begins with one of its matches. Of the leading
    runs of top-level items, the longest one whose shortest and longest match differ by
    less than ``_SHORT`` is taken (or else the shortest); an item with no bound ends the
    run, after the bounded lead of its own (:func:`_lead`) when it has one."""
    chosen: str | None = None
    prefix = ""
    for part in items(pattern):
        if part == "|":
            return None
        try:
            shortest, longest = widths(prefix + part, flags)
        except re.error:
            return chosen  # (a reference to a group further on)
        if longest >= _UNBOUNDED:
            lead = _lead(part, flags)
            if lead is not None:
                shortest, longest = widths(prefix + lead, flags)
                if shortest > 0 and (chosen is None or longest - shortest < _SHORT):
                    chosen = prefix + lead
            return chosen
        prefix += part
        if shortest > 0:
            if chosen is not None and longest - shortest >= _SHORT:
                return chosen  # longer runs only spread further
            chosen = prefix
    return chosen


_GROUP_OPENING = re.compile(r"\((?:\?:|\?P<\w+>)?")


def _lead(item: str, flags: int) -> str | None:
    """A bounded leading part of one top-level item whose matches have no bound in
    length: one repeat of ``X+`` or ``X{m,}`` (m of them), or of a group the leads of
    each of its alternatives; None when there is none."""
    atom_end = _atom_end(item, 0)
    atom, quantifier = item[:atom_end], item[atom_end:]
    if quantifier:
        least = re.match(r"(?:\+|\{(\d+)(?:,\d*)?\})", quantifier)
        if least is None or (least.group(1) is not None and int(least.group(1)) == 0):
            return None  # "*", "?", "{0,n}": may match nothing
        repeats = 1 if least.group(1) is None else int(least.group(1))
        if widths(atom, flags)[1] < _UNBOUNDED:
            return atom if repeats == 1 else f"(?:{atom}){{{repeats}}}"
        return _lead(atom, flags)
    opening = _GROUP_OPENING.match(atom)
    if opening is None or atom.startswith(("(?=", "(?!", "(?<")):
        return None
    leads = []
    for alternative in alternatives(atom[opening.end():-1]):
        lead = head(alternative, flags)
        if lead is None:
            return None
        leads.append(lead)
    return "(?:" + "|".join(leads) + ")"


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_OPEN_REPEAT = re.compile(r"\{,(\d+)\}")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def translate(pattern: str, relax: bool) -> tuple[str, set[str]]:
    """``pattern`` (Python syntax) in the syntax Hyperscan reads, and what was changed.
    With ``relax``, zero-width assertions are dropped and atomic groups and possessive
    repeats made plain: the result matches every string the pattern matches, and more."""
    out: list[str] = []
    notes: set[str] = set()
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            escape = pattern[i:i + 2]
            if escape in ("\\b", "\\B") and relax:
                notes.add("\\b dropped")
                i += 2
                continue
            if escape == "\\A":
                out.append("^")  # compiled multi-line: a sentence's start in the joined text
                notes.add("\\A/\\Z as ^/$")
            elif escape == "\\Z":
                out.append("$")
                notes.add("\\A/\\Z as ^/$")
            elif escape in ("\\u", "\\U"):
                size = 4 if escape == "\\u" else 8
                out.append("\\x{" + pattern[i + 2:i + 2 + size] + "}")
                notes.add("\\u escape")
                i += 2 + size
                continue
            elif escape == "\\N":
                raise Untranslatable("\\N{...}")
            else:
                out.append(escape)
            i += 2
            continue
        if c == "[":
            end = _skip_class(pattern, i)
            out.append(pattern[i:end])
            i = end
            continue
        if c == "(":
            named = _NAMED_GROUP.match(pattern, i)
            if named:
                out.append("(")
                notes.add("named group")
                i = named.end()
                continue
            if pattern.startswith("(?P=", i):
                notes.add("back-reference")  # left for Hyperscan to reject or approximate
            if relax and pattern.startswith(_LOOKAROUND, i):
                notes.add("lookaround dropped")
                i = _atom_end(pattern, i)
                continue
            if relax and pattern.startswith("(?>", i):
                out.append("(?:")
                notes.add("atomic group made plain")
                i += 3
                continue
            out.append(c)
            i += 1
            continue
        if c == "{":
            open_repeat = _OPEN_REPEAT.match(pattern, i)
            if open_repeat:
                out.append("{0," + open_repeat.group(1) + "}")
                notes.add("{,n} as {0,n}")
                i = open_repeat.end()
                continue
        if c == "+" and relax and out and out[-1][-1:] in ("*", "+", "?", "}") and not out[-1].startswith("\\"):
            notes.add("possessive repeat made plain")  # "a*+": a "+" after a repeat
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out), notes


# -- the database ------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """One expression of the database: a pattern's alternative ("whole": its reports
    say where a match may end) or the alternative's head ("head": where one may start)."""

    pattern: int
    role: str
    form: str
    text: bytes | None
    flags: int
    starts: bool  # compiled with HS_FLAG_SOM_LEFTMOST
    shortest: int
    longest: int
    notes: frozenset[str]
    failures: tuple[str, ...]


@dataclass(frozen=True)
class Branch:
    """A top-level alternative of a pattern: the indices of its whole and head expressions."""

    pattern: int
    whole: int
    head: int | None


_CHILD = """
import sys, hyperscan
db = hyperscan.Database()
db.compile(expressions=[bytes.fromhex(sys.argv[1])], ids=[0], elements=1, flags=[int(sys.argv[2])])
for data in (b"x" * 4096, sys.stdin.buffer.read()):
    db.scan(data, match_event_handler=lambda *report: None)
"""


def crashes(expression: bytes, flags: int, sample: bytes) -> bool:
    """True when a child process that compiles ``expression`` and scans ``sample`` with it dies."""
    child = subprocess.run([sys.executable, "-c", _CHILD, expression.hex(), str(flags)], input=sample,
                           capture_output=True, check=False)
    return child.returncode < 0


def compile_form(hs: Any, regex: re.Pattern[str], pattern: str, starts: bool,
                 sample: bytes) -> tuple[str, bytes | None, int, bool, set[str], list[str]]:
    """The first form (module docstring) in which ``pattern`` (an alternative or head of
    ``regex``) compiles alone: (form, expression, flags, with starts, changes, failures)."""
    base = hs.HS_FLAG_UTF8 | hs.HS_FLAG_MULTILINE
    if not regex.flags & re.ASCII:
        base |= hs.HS_FLAG_UCP
    if regex.flags & re.IGNORECASE:
        base |= hs.HS_FLAG_CASELESS
    if regex.flags & re.DOTALL:
        base |= hs.HS_FLAG_DOTALL
    prefix = "(?x)" if regex.flags & re.VERBOSE else ""
    failures: list[str] = []
    for form, relax, flags in (("exact", False, base), ("relaxed", True, base),
                               ("prefilter", False, base | hs.HS_FLAG_PREFILTER)):
        try:
            text, notes = translate(pattern, relax)
        except Untranslatable as error:
            failures.append(f"{form}: {error}")
            continue
        expression = (prefix + text).encode("utf-8")
        som = starts and form != "prefilter"
        for with_starts in ((True, False) if som else (False,)):
            flags_now = flags | (hs.HS_FLAG_SOM_LEFTMOST if with_starts else 0)
            try:
                hs.Database().compile(expressions=[expression], ids=[0], elements=1, flags=[flags_now])
            except hs.error as error:
                failures.append(f"{form}{' with starts' if with_starts else ''}: {error}")
                continue
            if with_starts and crashes(expression, flags_now, sample):
                failures.append(f"{form} with starts: the scan crashes")
                continue
            return form, expression, flags_now, with_starts, notes, failures
    return "rejected", None, 0, False, set(), failures


@dataclass(frozen=True)
class Plan:
    expressions: tuple[Expression, ...]
    branches: tuple[Branch, ...]
    everywhere: tuple[int, ...]  # patterns Python runs over the whole text

    def count(self, form: str, role: str = "whole") -> int:
        return sum(e.form == form and e.role == role for e in self.expressions)


def plan_patterns(hs: Any, patterns: Sequence[re.Pattern[str]], heads: bool, starts: bool = False,
                  sample: bytes = b"") -> Plan:
    """Each pattern's alternatives (and, with ``heads``, the heads of the unbounded ones)
    in the forms they compile in; ``starts``: ask for match starts too."""
    from conflictwatch.prescan import match_prefixes
    expressions: list[Expression] = []
    branches: list[Branch] = []
    everywhere: list[int] = []
    for i, regex in enumerate(patterns):
        try:
            parts = alternatives(regex.pattern)
            sizes = [widths(part, regex.flags) for part in parts]
        except (Untranslatable, re.error):
            parts, sizes = [regex.pattern], [widths(regex.pattern, regex.flags)]  # (a group named in another)
        mine: list[Expression] = []
        mine_branches: list[tuple[int, int | None]] = []
        for part, (shortest, longest) in zip(parts, sizes, strict=True):
            form, text, flags, with_starts, notes, failed = compile_form(hs, regex, part, starts, sample)
            mine.append(Expression(i, "whole", form, text, flags, with_starts, shortest, longest,
                                   frozenset(notes), tuple(failed)))
            whole, head_at = len(mine) - 1, None
            lead = head(part, regex.flags) if heads and longest >= _UNBOUNDED and not with_starts else None
            if lead is not None and min(map(len, match_prefixes(lead, 3) or [""])) < 2:
                lead = None  # a head beginning with any letter ("\\w+ killed") would be reported everywhere
            if lead is not None:
                form, text, flags, with_starts, notes, failed = compile_form(hs, regex, lead, starts, sample)
                if text is not None:
                    mine.append(Expression(i, "head", form, text, flags, with_starts, *widths(lead, regex.flags),
                                           frozenset(notes), tuple(failed)))
                    head_at = len(mine) - 1
            mine_branches.append((whole, head_at))
        if any(e.form == "rejected" or e.shortest == 0 for e in mine if e.role == "whole"):
            everywhere.append(i)  # not in the database: Python finditer over the whole text
            expressions.extend(Expression(i, "whole", "rejected", None, 0, False, e.shortest, e.longest, e.notes,
                                          e.failures) for e in mine if e.role == "whole")
            continue
        offset = len(expressions)
        expressions.extend(mine)
        branches.extend(Branch(i, offset + w, None if h is None else offset + h) for w, h in mine_branches)
    return Plan(tuple(expressions), tuple(branches), tuple(everywhere))


def build_database(hs: Any, plan: Plan) -> tuple[Any, float]:
    """One database of every expression the plan compiles (ids: their indices), and its CPU compile time."""
    ids = [k for k, e in enumerate(plan.expressions) if e.text is not None]
    started = time.process_time()
    db = hs.Database()
    db.compile(expressions=[plan.expressions[k].text for k in ids], ids=ids, elements=len(ids),
               flags=[plan.expressions[k].flags for k in ids])
    return db, time.process_time() - started


# -- offsets ------------------------------------------------------------------------------


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def byte_to_char(text: str) -> Callable[[int], int] | None:
    """A map from a UTF-8 byte offset of ``text`` (at a character boundary) to its
    character offset; None when the text is ASCII (the two are the same)."""
    if text.isascii():
        return None
    ends: list[int] = []   # the byte offset just past each non-ASCII character
    extra: list[int] = []  # the bytes beyond one per character up to there
    total = 0
    for m in _NON_ASCII.finditer(text):
        total += len(m.group().encode("utf-8")) - 1
        ends.append(m.start() + total + 1)
        extra.append(total)

    def to_char(offset: int) -> int:
        k = bisect_right(ends, offset)
        return offset - (extra[k - 1] if k else 0)
    return to_char


# -- the trigger scan ---------------------------------------------------------------------


def confirm(regex: re.Pattern[str], text: str, spans: list[tuple[int, int]], index: int,
            out: list[tuple[int, int, int]]) -> None:
    """Append (``index``, start, end) of each match ``regex.finditer(text)`` gives, when
    every match starts within one of ``spans`` (inclusive ranges of possible starts)."""
    match, search = regex.match, regex.search
    after = 0  # where the last match ended: finditer looks on from there
    for lo, hi in sorted(spans):
        if hi < after:
            continue
        at = max(lo, after)
        if hi - at < _SHORT:
            while at <= hi:
                hit = match(text, at)
                if hit is None:
                    at += 1
                    continue
                out.append((index, at, hit.end()))
                after = at = hit.end()
            continue
        # A long range: search from its first possible start. The match found is the next
        # one finditer gives even when it lies beyond the range (no range before it holds one).
        while at <= hi:
            found = search(text, at)
            if found is None:
                return
            out.append((index, found.start(), found.end()))
            after = at = found.end()


class HyperscanScanner:
    """The trigger scan (PatternScanner.scan) with Hyperscan finding the candidates."""

    def __init__(self, hs: Any, patterns: tuple[re.Pattern[str], ...], starts: bool, sample: bytes) -> None:
        self.patterns = patterns
        self.plan = plan_patterns(hs, patterns, heads=True, starts=starts, sample=sample)
        self.db, self.compile_cpu = build_database(hs, self.plan)
        self.reports = 0  # Hyperscan's reports, over all scans

    def hyperscan_reports(self, text: str) -> list[tuple[int, int, int]]:
        """(expression, start, end) of each report of the Hyperscan pass over ``text``, in bytes."""
        reports: list[tuple[int, int, int]] = []
        collect = reports.append
        self.db.scan(text.encode("utf-8"), match_event_handler=lambda k, start, end, _f, _c: collect((k, start, end)))
        return reports

    def scan(self, text: str) -> list[tuple[int, int, int]]:
        reports = self.hyperscan_reports(text)
        self.reports += len(reports)
        to_char = byte_to_char(text)
        by_expression: dict[int, list[tuple[int, int]]] = {}
        for k, start, end in reports:
            if to_char is not None:
                start, end = to_char(start), to_char(end)
            by_expression.setdefault(k, []).append((start, end))
        expressions = self.plan.expressions
        spans: dict[int, list[tuple[int, int]]] = {}
        for branch in self.plan.branches:
            ends = by_expression.get(branch.whole)
            if not ends:
                continue  # no match of this alternative in the text
            source = branch.whole if branch.head is None else branch.head
            e = expressions[source]
            last = max(end for _, end in ends)
            mine = spans.setdefault(branch.pattern, [])
            for start, end in by_expression.get(source, ()):
                if e.starts:
                    lo = start
                elif e.longest < _UNBOUNDED:
                    lo = max(0, end - e.longest)
                else:
                    lo = 0
                if lo <= last:
                    mine.append((lo, end - e.shortest))
        out: list[tuple[int, int, int]] = []
        patterns = self.patterns
        everywhere = self.plan.everywhere
        for i in sorted(set(spans) | set(everywhere)):
            if i in everywhere:
                out.extend((i, m.start(), m.end()) for m in patterns[i].finditer(text))
            else:
                confirm(patterns[i], text, spans[i], i, out)
        return out


# -- the sentence-wide vetoes -------------------------------------------------------------


class HyperscanVetoes:
    """Which sentence-wide vetoes match in which sentence: one Hyperscan pass per article,
    then Python's ``search`` for the (sentence, veto) pairs Hyperscan reports."""

    def __init__(self, hs: Any, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        self.plan = plan_patterns(hs, patterns, heads=False)
        self.db, self.compile_cpu = build_database(hs, self.plan)
        self.owner = [e.pattern for e in self.plan.expressions]

    def search(self, low: str, bounds: Sequence[tuple[int, int]]) -> list[tuple[bool, ...]]:
        texts = [low[a:b] for a, b in bounds]
        joined = "\n".join(texts)
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        reports: list[int] = []
        self.db.scan(joined.encode("utf-8"),
                     match_event_handler=lambda k, _s, end, _f, _c: reports.extend((k, end)))
        to_char = byte_to_char(joined)
        owner = self.owner
        pairs = set()
        for n in range(0, len(reports), 2):
            end = reports[n + 1] if to_char is None else to_char(reports[n + 1])
            j = bisect_right(starts, end - 1) - 1
            if end - 1 < starts[j] + len(texts[j]):  # (a match taking in the line break is no sentence's)
                pairs.add((j, owner[reports[n]]))
        for j in range(len(texts)):
            pairs.update((j, i) for i in self.plan.everywhere)
        found = [[False] * len(self.patterns) for _ in texts]
        for j, i in pairs:
            found[j][i] = self.patterns[i].search(texts[j]) is not None
        return [tuple(row) for row in found]


# -- the benchmark ------------------------------------------------------------------------


def cpu_ms(work: Callable[[], object], count: int, repeats: int = 3) -> float:
    """Best CPU time of ``repeats`` runs of ``work``, in ms per one of ``count`` articles."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return 1000 * best / count


def describe(name: str, patterns: int, plan: Plan, compile_cpu: float) -> None:
    wholes = [e for e in plan.expressions if e.role == "whole"]
    heads = [e for e in plan.expressions if e.role == "head"]
    counts = ", ".join(f"{plan.count(form)} {form}" for form in _FORMS)
    print(f"{name}: {patterns} patterns, {len(wholes)} top-level alternatives: {counts}; "
          f"{len(plan.everywhere)} patterns run by Python everywhere")
    if heads:
        print(f"  {len(heads)} heads of unbounded alternatives: "
              + ", ".join(f"{plan.count(form, 'head')} {form}" for form in _FORMS[:3]))
    with_starts = sum(e.starts for e in plan.expressions)
    print(f"  {with_starts} expressions with starts (SOM); database of "
          f"{sum(e.text is not None for e in plan.expressions)} expressions compiled in "
          f"{compile_cpu:.1f} s CPU")
    changes: dict[str, int] = {}
    for e in plan.expressions:
        for note in e.notes:
            if e.text is not None:
                changes[note] = changes.get(note, 0) + 1
    if changes:
        print("  changed: " + ", ".join(f"{note} ({n})" for note, n in sorted(changes.items())))
    reasons: dict[str, int] = {}
    for e in plan.expressions:
        for message in e.failures:
            reasons[message] = reasons.get(message, 0) + 1
    for message, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  not compiled as {message}: {n}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles per stream (default 300)")
    parser.add_argument("--som", action="store_true",
                        help="ask for match starts too (HS_FLAG_SOM_LEFTMOST; each expression tried in a child first)")
    args = parser.parse_args()
    try:
        import hyperscan
    except ImportError:
        print("hyperscan is not installed: .venv/bin/pip install hyperscan (a manylinux wheel; "
              "it is not a project dependency)")
        return 0

    from extract import article_sets  # bench/extract.py

    from conflictwatch.ingest.sources import document_from_text
    from conflictwatch.pipeline import Pipeline
    from conflictwatch.settings import resolve_settings
    from conflictwatch.extract.triggers import _vetoes
    from conflictwatch.extract.typology import rule_scanner

    pipeline = Pipeline.from_settings(resolve_settings())
    articles = [(t, d) for stream in article_sets(args.articles).values() for t, d in stream]
    documents = [document_from_text(t, f"a{n}", d) for n, (t, d) in enumerate(articles)]
    # The lowered text and sentences the extractor reads (lower_keep_length, line breaks as spaces).
    annotated = [pipeline.annotate(doc) for doc in documents]
    lows = [ann.low for ann in annotated]
    bounds = [[(s.start, s.end) for s in ann.sentences] for ann in annotated]
    count = len(lows)
    ascii_share = sum(low.isascii() for low in lows) / count
    non_ascii = sum(len(_NON_ASCII.findall(low)) for low in lows) / max(1, sum(map(len, lows)))
    print(f"{count} articles, {sum(map(len, lows)) / count:.0f} characters and "
          f"{sum(map(len, bounds)) / count:.1f} sentences each; {100 * ascii_share:.0f}% pure ASCII "
          f"({100 * non_ascii:.3f}% of characters are not); hyperscan {metadata.version('hyperscan')}")

    # 1 and 2: the trigger scan.
    scanner = rule_scanner()
    sample = "\n".join(lows[:20]).encode("utf-8")
    hs_scanner = HyperscanScanner(hyperscan, scanner.patterns, args.som, sample)
    describe("triggers", len(scanner.patterns), hs_scanner.plan, hs_scanner.compile_cpu)
    for n, low in enumerate(lows):
        expected, got = scanner.scan(low), hs_scanner.scan(low)
        if got != expected:
            missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
            print(f"MISMATCH on article {n}: missing {missing[:5]}, extra {extra[:5]}")
            return 1
    matches = sum(len(scanner.scan(low)) for low in lows)
    print(f"  same matches as PatternScanner.scan on all {count} articles ({matches / count:.1f} per article); "
          f"{hs_scanner.reports / count:.1f} Hyperscan reports per article")

    def current() -> None:
        for low in lows:
            scanner.scan(low)

    def with_hyperscan() -> None:
        for low in lows:
            hs_scanner.scan(low)

    def hyperscan_pass() -> None:  # the pass alone, reports collected, nothing confirmed
        for low in lows:
            hs_scanner.hyperscan_reports(low)

    scan_now = cpu_ms(current, count)
    scan_hs = cpu_ms(with_hyperscan, count)
    scan_pass = cpu_ms(hyperscan_pass, count)
    print(f"  CPU per article: Aho-Corasick + re {scan_now:.3f} ms, Hyperscan + re {scan_hs:.3f} ms "
          f"(the Hyperscan pass and its callbacks alone {scan_pass:.3f} ms): speedup {scan_now / scan_hs:.2f}x")

    # 3: the sentence-wide vetoes.
    vetoes = _vetoes()
    guards = tuple(getattr(vetoes, name) for name in _VETOES)
    hs_vetoes = HyperscanVetoes(hyperscan, tuple(g.regex for g in guards))
    describe("sentence-wide vetoes", len(guards), hs_vetoes.plan, hs_vetoes.compile_cpu)

    def guarded(low: str, spans: Sequence[tuple[int, int]]) -> list[tuple[bool, ...]]:
        rows = []
        for a, b in spans:
            text = low[a:b]
            rows.append(tuple(g.search(text) is not None for g in guards))
        return rows

    for n, (low, spans) in enumerate(zip(lows, bounds, strict=True)):
        expected_rows, got_rows = guarded(low, spans), hs_vetoes.search(low, spans)
        if got_rows != expected_rows:
            wrong = [(j, _VETOES[i]) for j, (e, g) in enumerate(zip(expected_rows, got_rows, strict=True))
                     for i in range(len(guards)) if e[i] != g[i]]
            print(f"MISMATCH on article {n}: (sentence, veto) {wrong[:5]}")
            return 1
    hits = sum(sum(row) for low, spans in zip(lows, bounds, strict=True) for row in guarded(low, spans))
    print(f"  same answers as the GuardedPatterns on all {count} articles "
          f"({hits / count:.1f} (sentence, veto) matches per article)")
    veto_now = cpu_ms(lambda: [guarded(low, spans) for low, spans in zip(lows, bounds, strict=True)], count)
    veto_hs = cpu_ms(lambda: [hs_vetoes.search(low, spans) for low, spans in zip(lows, bounds, strict=True)], count)
    print(f"  CPU per article: GuardedPattern.search per sentence {veto_now:.3f} ms, Hyperscan + re "
          f"{veto_hs:.3f} ms: speedup {veto_now / veto_hs:.2f}x")

    # The whole extraction, for scale.
    extract_ms = cpu_ms(lambda: [pipeline.extract(doc) for doc in documents], count)
    saved = scan_now - scan_hs
    print(f"extraction: {extract_ms:.3f} ms CPU per article ({1000 / extract_ms:.0f} articles/s per core; "
          f"target 200, {1000 / 200:.1f} ms); the trigger scan is {100 * scan_now / extract_ms:.1f}% of it")
    print(f"  Hyperscan for the trigger scan: {saved:+.3f} ms per article saved ({100 * saved / extract_ms:+.1f}%), "
          f"{1000 / (extract_ms - saved):.0f} articles/s per core; a scan costing nothing: "
          f"{1000 / (extract_ms - scan_now):.0f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
