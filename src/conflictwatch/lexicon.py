"""Named word sets and rules kept as reviewed data, compiled to regular expressions.

The extractor's knowledge (which words name armed actors, which contexts veto an
event, which phrases state a toll) lives in TOML files under
``conflictwatch/data/lexicon/``, written so that a conflict-data coder can read
and extend it (see ``docs/RULES.md``). Two kinds of entry:

**Word sets**, named in capitals, each with a one-line meaning and groups of
entries, every group with examples::

    [sets.WILD_ANIMALS]
    meaning = "wild animals: their attacks are not political violence"

    [[sets.WILD_ANIMALS.groups]]
    words = ["leopard", "leopards", "crocodile"]   # literal words
    patterns = ["hyenas?"]                          # or regular-expression fragments
    examples = ["a leopard mauled two herders"]

**Rules**, each with an id, a kind, a scope, a pattern that refers to word sets
by name in braces, a rationale, and examples the pattern must and must not
find::

    [[rules]]
    id = "veto.wild-animal"
    kind = "veto"
    scope = "window-before"
    pattern = '\\b{WILD_ANIMALS}\\s+(?:\\w+\\s+){0,2}$'
    rationale = "an animal's attack is not an armed actor's"
    match = ["a leopard "]
    no_match = ["the army "]

A trigger rule (``kind = "trigger"``) also names the ACLED sub-event type it
reports (``event``) and whether it counts by itself (``strong``).

``{NAME}`` (capitals, digits, underscore) is replaced by a non-capturing group of
the set's alternatives, longest first (a set made only of other sets is one flat
group); other braces (``{0,2}``) are regular
expression syntax as usual. Sets may refer to other sets. Loading checks every
key, every reference and every pattern, and raises :class:`LexiconError` naming
the file and the entry; ``tests/test_lexicon.py`` runs every example.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import ConfigError

_SET_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_REFERENCE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_RULE_ID = re.compile(r"^[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$")

KINDS = frozenset({"veto", "trigger", "claim", "cue", "date", "actor", "place", "notice"})
"""What a rule does: vetoes an event, triggers one, states a figure, marks a context..."""

SCOPES = frozenset({"story", "paragraph", "sentence", "clause", "window-before", "window-after",
                    "phrase", "title"})
"""Where a rule's pattern is applied: the whole story, one sentence, the words just
before or after a trigger, one noun phrase, the title."""

_FLAGS = {"IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE, "DOTALL": re.DOTALL,
          "VERBOSE": re.VERBOSE}
_SET_KEYS = frozenset({"meaning", "groups"})
_GROUP_KEYS = frozenset({"words", "patterns", "examples", "note"})
_RULE_KEYS = frozenset({"id", "kind", "scope", "pattern", "rationale", "match", "no_match", "flags", "note",
                        "event", "strong"})


class LexiconError(ConfigError):
    """A lexicon file that cannot be used: bad TOML, an unknown key or set, a bad pattern."""


@dataclass(frozen=True)
class WordGroup:
    """Entries of a word set that belong together, with examples of their use."""

    words: tuple[str, ...]
    patterns: tuple[str, ...]
    examples: tuple[str, ...]
    note: str = ""

    def alternatives(self) -> tuple[str, ...]:
        """Every entry as a regular-expression fragment."""
        return tuple(re.escape(w) for w in self.words) + self.patterns


@dataclass(frozen=True)
class WordSet:
    """A named set of words, defined once, with its meaning."""

    name: str
    meaning: str
    groups: tuple[WordGroup, ...]
    source: str

    @property
    def words(self) -> tuple[str, ...]:
        """The literal words of every group (not the pattern fragments)."""
        return tuple(w for g in self.groups for w in g.words)


@dataclass(frozen=True)
class Rule:
    """One rule: a pattern in terms of named sets, with its reason and examples."""

    id: str
    kind: str
    scope: str
    pattern: str
    """The pattern as written, with ``{SET}`` references."""
    rationale: str
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    regex: re.Pattern[str] = field(compare=False)
    """The compiled pattern, references expanded."""
    source: str = ""
    note: str = ""
    event: str = ""
    """For a trigger: the ACLED sub-event type it names (e.g. "Air/drone strike")."""
    strong: bool = False
    """For a trigger: it counts by itself, with no armed actor or weapon beside it."""


@dataclass(frozen=True)
class Lexicon:
    """Every word set and rule, loaded and checked."""

    sets: Mapping[str, WordSet]
    rules: Mapping[str, Rule]
    expanded: Mapping[str, str]
    """Each set's alternation as a regular-expression group."""

    def rule(self, rule_id: str) -> re.Pattern[str]:
        """The compiled pattern of rule ``rule_id``."""
        try:
            return self.rules[rule_id].regex
        except KeyError:
            raise LexiconError(f"no lexicon rule {rule_id!r}; add it to a file in data/lexicon/") from None

    def joined(self, *rule_ids: str) -> re.Pattern[str]:
        """One pattern trying rules ``rule_ids`` in turn, for checks read at one place
        (the rules' flags must agree: they are compiled with the first rule's)."""
        for i in rule_ids:
            if i not in self.rules:
                self.rule(i)  # raises, naming the missing rule
        rules = [self.rules[i] for i in rule_ids]
        flags = rules[0].regex.flags if rules else 0
        # ("a|b" is "(?:a)|(?:b)": alternation binds loosest. Left unwrapped, branches that
        # all open on \b share it, which the compiler factors out.)
        return re.compile("|".join(r.regex.pattern for r in rules), flags)

    def words(self, name: str) -> frozenset[str]:
        """The literal words of set ``name``."""
        return frozenset(self._set(name).words)

    def alternation(self, name: str) -> str:
        """Set ``name`` as a non-capturing regular-expression group, longest entries first."""
        self._set(name)
        return self.expanded[name]

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        """Compile a pattern that refers to sets by ``{NAME}``."""
        return re.compile(_expand(pattern, self.expanded, "a pattern given in code"), flags)

    def _set(self, name: str) -> WordSet:
        try:
            return self.sets[name]
        except KeyError:
            raise LexiconError(f"no word set {name!r}; define it under [sets.{name}] in data/lexicon/") from None


def _expand(pattern: str, expanded: Mapping[str, str], where: str) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in expanded:
            raise LexiconError(f"{where} refers to {{{name}}}, which no lexicon file defines")
        return expanded[name]
    return _REFERENCE.sub(one, pattern)


def _strings(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _check_keys(table: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def _parse_set(name: str, table: object, source: str) -> WordSet:
    where = f"{source} [sets.{name}]"
    if not _SET_NAME.match(name):
        raise LexiconError(f"{where}: set names are capitals, digits and underscores (e.g. ARMED_ACTORS)")
    if not isinstance(table, dict):
        raise LexiconError(f"{where}: must be a table with 'meaning' and [[groups]]")
    _check_keys(table, _SET_KEYS, where)
    meaning = table.get("meaning")
    if not isinstance(meaning, str) or not meaning.strip():
        raise LexiconError(f"{where}: give a one-line 'meaning'")
    groups = []
    for i, group in enumerate(table.get("groups") or []):
        gwhere = f"{where} group {i + 1}"
        if not isinstance(group, dict):
            raise LexiconError(f"{gwhere}: must be a table")
        _check_keys(group, _GROUP_KEYS, gwhere)
        words = _strings(group.get("words"), gwhere, "words")
        patterns = _strings(group.get("patterns"), gwhere, "patterns")
        examples = _strings(group.get("examples"), gwhere, "examples")
        if not words and not patterns:
            raise LexiconError(f"{gwhere}: give 'words' or 'patterns'")
        if not examples:
            raise LexiconError(f"{gwhere}: give at least one example sentence")
        note = group.get("note", "")
        groups.append(WordGroup(words, patterns, examples, note if isinstance(note, str) else ""))
    if not groups:
        raise LexiconError(f"{where}: has no [[sets.{name}.groups]]")
    return WordSet(name, meaning.strip(), tuple(groups), source)


def _expand_sets(sets: Mapping[str, WordSet]) -> dict[str, str]:
    expanded: dict[str, str] = {}
    flat: dict[str, list[str]] = {}

    def visit(name: str, path: tuple[str, ...]) -> str:
        if name in expanded:
            return expanded[name]
        if name in path:
            raise LexiconError(f"word sets refer to each other in a cycle: {' -> '.join(path + (name,))}")
        if name not in sets:
            raise LexiconError(f"word set {path[-1]} refers to {{{name}}}, which no lexicon file defines")
        # An entry that is only another set ("{ARMED_PERSONS}") is replaced by that set's own
        # alternatives, so a set of sets is one flat alternation (nested groups match slower).
        parts: set[str] = set()
        for a in (a for g in sets[name].groups for a in g.alternatives()):
            whole = _REFERENCE.fullmatch(a)
            if whole:
                visit(whole.group(1), path + (name,))
                parts.update(flat[whole.group(1)])
            else:
                parts.add(_REFERENCE.sub(lambda m: visit(m.group(1), path + (name,)), a))
        flat[name] = sorted(parts, key=lambda a: (-len(a), a))
        expanded[name] = "(?:" + "|".join(flat[name]) + ")"
        return expanded[name]

    for name in sets:
        visit(name, ())
    return expanded


def _parse_rule(table: object, expanded: Mapping[str, str], source: str, index: int) -> Rule:
    where = f"{source} rule {index + 1}"
    if not isinstance(table, dict):
        raise LexiconError(f"{where}: must be a table")
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise LexiconError(f"{where}: give an 'id' of dotted lower-case words (e.g. 'veto.wild-animal')")
    where = f"{source} rule {rule_id!r}"
    _check_keys(table, _RULE_KEYS, where)
    kind, scope = table.get("kind"), table.get("scope")
    if kind not in KINDS:
        raise LexiconError(f"{where}: 'kind' must be one of {', '.join(sorted(KINDS))}")
    if scope not in SCOPES:
        raise LexiconError(f"{where}: 'scope' must be one of {', '.join(sorted(SCOPES))}")
    pattern, rationale = table.get("pattern"), table.get("rationale")
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: give a 'pattern'")
    if not isinstance(rationale, str) or not rationale.strip():
        raise LexiconError(f"{where}: give a short 'rationale'")
    flags = 0
    for name in _strings(table.get("flags", ["IGNORECASE"]), where, "flags"):
        if name not in _FLAGS:
            raise LexiconError(f"{where}: unknown flag {name!r}; known: {', '.join(sorted(_FLAGS))}")
        flags |= _FLAGS[name]
    try:
        regex = re.compile(_expand(pattern, expanded, where), flags)
    except re.error as exc:
        raise LexiconError(f"{where}: the pattern is not a valid regular expression ({exc})") from exc
    match = _strings(table.get("match"), where, "match")
    if not match:
        raise LexiconError(f"{where}: give at least one 'match' example")
    note = table.get("note", "")
    event, strong = table.get("event", ""), table.get("strong", False)
    if kind == "trigger" and (not isinstance(event, str) or not event):
        raise LexiconError(f"{where}: a trigger names its 'event' (an ACLED sub-event type, e.g. \"Attack\")")
    if kind != "trigger" and ("event" in table or "strong" in table):
        raise LexiconError(f"{where}: only triggers have an 'event' and 'strong'")
    if not isinstance(strong, bool):
        raise LexiconError(f"{where}: 'strong' is true or false")
    return Rule(rule_id, str(kind), str(scope), pattern, rationale.strip(), match,
                _strings(table.get("no_match"), where, "no_match"), regex, source,
                note if isinstance(note, str) else "", str(event), strong)


def parse_lexicon(documents: Iterable[tuple[str, Mapping[str, object]]]) -> Lexicon:
    """Build a :class:`Lexicon` from parsed TOML documents, each with its source name."""
    sets: dict[str, WordSet] = {}
    raw_rules: list[tuple[str, int, object]] = []
    for source, data in documents:
        _check_keys(data, frozenset({"sets", "rules"}), source)
        set_tables = data.get("sets") or {}
        if not isinstance(set_tables, dict):
            raise LexiconError(f"{source}: 'sets' must be a table of [sets.NAME] tables")
        for name, table in set_tables.items():
            if name in sets:
                raise LexiconError(f"{source}: word set {name} is already defined in {sets[name].source}; "
                                   "define each set once")
            sets[name] = _parse_set(name, table, source)
        rule_tables = data.get("rules") or []
        if not isinstance(rule_tables, list):
            raise LexiconError(f"{source}: 'rules' must be an array of [[rules]] tables")
        raw_rules.extend((source, i, t) for i, t in enumerate(rule_tables))
    expanded = _expand_sets(sets)
    rules: dict[str, Rule] = {}
    for source, index, table in raw_rules:
        rule = _parse_rule(table, expanded, source, index)
        if rule.id in rules:
            raise LexiconError(f"{source}: rule id {rule.id!r} is already used in {rules[rule.id].source}")
        rules[rule.id] = rule
    return Lexicon(MappingProxyType(sets), MappingProxyType(rules), MappingProxyType(expanded))


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Every ``*.toml`` file in ``directory``, or the packaged ``data/lexicon/``."""
    documents: list[tuple[str, Mapping[str, object]]] = []
    if directory is None:
        root = importlib.resources.files("conflictwatch") / "data" / "lexicon"
        entries = sorted((e for e in root.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
        for entry in entries:
            documents.append((f"data/lexicon/{entry.name}", _loads(entry.read_text(encoding="utf-8"), entry.name)))
        return parse_lexicon(documents)
    try:
        paths = sorted(directory.glob("*.toml"))
        for path in paths:
            documents.append((str(path), _loads(path.read_text(encoding="utf-8"), str(path))))
    except OSError as exc:
        raise LexiconError(f"lexicon directory {directory} cannot be read ({exc.strerror})") from exc
    return parse_lexicon(documents)


def _loads(text: str, source: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon file {source} is not valid TOML: {exc}") from exc


@functools.cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once on first use (never at import)."""
    return load_lexicon()
