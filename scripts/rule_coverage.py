"""Which lexicon rules and word groups no test document exercises.

Usage: .venv/bin/python scripts/rule_coverage.py [--all]

Runs the extractor over every test document (the corpora of tests/snapshot_corpus.py)
with every lexicon rule counted as it is applied, and prints each rule with the
number of documents on which it found something, then the rules that found nothing
on any document and the word groups whose words no test document contains. A rule
or a group listed here is not wrong, but nothing tests what it does: add a test
sentence (in fresh words) that needs it, or ask whether it is needed.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from conflictwatch.lexicon import Lexicon, default_lexicon  # noqa: E402

_MODULES = ("conflictwatch.extract.triggers", "conflictwatch.extract.claims", "conflictwatch.extract.vocabulary",
            "conflictwatch.pipeline")
"""The modules that take the lexicon by name: they are handed the counting one."""
_CACHES = (("conflictwatch.extract.triggers", "_vetoes"), ("conflictwatch.extract.claims", "_rules"),
           ("conflictwatch.extract.vocabulary", "vocabulary"))
"""Patterns built once from the lexicon: rebuilt from the counting one, then again after."""


class _Counting:
    """A compiled pattern that records each time it finds something, under a rule id."""

    def __init__(self, key: str, regex: re.Pattern[str], hits: set[str]) -> None:
        self._key, self._re, self._hits = key, regex, hits
        self.pattern, self.flags = regex.pattern, regex.flags

    def _seen(self, result: object) -> object:
        if result:
            self._hits.add(self._key)
        return result

    def search(self, *args: object, **kwargs: object) -> re.Match[str] | None:
        return self._seen(self._re.search(*args, **kwargs))  # type: ignore[return-value,arg-type]

    def match(self, *args: object, **kwargs: object) -> re.Match[str] | None:
        return self._seen(self._re.match(*args, **kwargs))  # type: ignore[return-value,arg-type]

    def fullmatch(self, *args: object, **kwargs: object) -> re.Match[str] | None:
        return self._seen(self._re.fullmatch(*args, **kwargs))  # type: ignore[return-value,arg-type]

    def findall(self, *args: object, **kwargs: object) -> list[object]:
        return self._seen(self._re.findall(*args, **kwargs))  # type: ignore[return-value,arg-type]

    def finditer(self, *args: object, **kwargs: object) -> Iterator[re.Match[str]]:
        for m in self._re.finditer(*args, **kwargs):  # type: ignore[arg-type]
            self._hits.add(self._key)
            yield m

    def sub(self, repl: str, string: str, count: int = 0) -> str:
        text, n = self._re.subn(repl, string, count)
        self._seen(n)
        return text


class _Joined(_Counting):
    """Several rules tried as one pattern: a hit is credited to each rule that finds it alone."""

    def __init__(self, parts: list[tuple[str, re.Pattern[str]]], regex: re.Pattern[str], hits: set[str]) -> None:
        super().__init__("", regex, hits)
        self._parts = parts

    def _credit(self, method: str, args: tuple[object, ...], kwargs: dict[str, object], result: object) -> object:
        if result:
            for key, part in self._parts:
                if getattr(part, method)(*args, **kwargs):
                    self._hits.add(key)
        return result

    def search(self, *args: object, **kwargs: object) -> re.Match[str] | None:
        return self._credit("search", args, kwargs, self._re.search(*args, **kwargs))  # type: ignore[return-value,arg-type]

    def match(self, *args: object, **kwargs: object) -> re.Match[str] | None:
        return self._credit("match", args, kwargs, self._re.match(*args, **kwargs))  # type: ignore[return-value,arg-type]


@dataclass(frozen=True)
class _CountingLexicon(Lexicon):
    """The lexicon, handing out patterns that record their hits."""

    hits: set[str] = dataclasses.field(default_factory=set)

    def rule(self, rule_id: str) -> re.Pattern[str]:
        return _Counting(rule_id, super().rule(rule_id), self.hits)  # type: ignore[return-value]

    def joined(self, *rule_ids: str) -> re.Pattern[str]:
        parts = [(i, super(_CountingLexicon, self).rule(i)) for i in rule_ids]
        return _Joined(parts, super().joined(*rule_ids), self.hits)  # type: ignore[return-value]

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        names = "+".join(re.findall(r"\{([A-Z][A-Z0-9_]*)\}", pattern)) or pattern
        return _Counting(f"sets:{names}", super().compile(pattern, flags), self.hits)  # type: ignore[return-value]


@contextlib.contextmanager
def counting_lexicon() -> Iterator[_CountingLexicon]:
    """Within the block, the extractor applies a lexicon whose patterns record their hits."""
    import importlib

    base = default_lexicon()
    counting = _CountingLexicon(base.sets, base.rules, base.expanded)
    modules = [importlib.import_module(m) for m in _MODULES]
    saved = [(m, m.default_lexicon) for m in modules]
    caches = [getattr(importlib.import_module(m), name) for m, name in _CACHES]
    try:
        for m in modules:
            m.default_lexicon = lambda: counting  # type: ignore[attr-defined]
        for cache in caches:
            cache.cache_clear()
        yield counting
    finally:
        for m, original in saved:
            m.default_lexicon = original  # type: ignore[attr-defined]
        for cache in caches:
            cache.cache_clear()


@dataclass(frozen=True)
class Coverage:
    """How many test documents each rule found something on, and the unused word groups."""

    documents: int
    rule_documents: dict[str, int]
    """Rule id -> documents on which it found something (0: never)."""
    unused_groups: tuple[str, ...]
    """Word groups ("SET group N: words...") whose words no test document contains."""
    group_count: int

    @property
    def unexercised(self) -> list[str]:
        return sorted(r for r, n in self.rule_documents.items() if n == 0)


def measure(extract: Callable[[object], object],
            documents_of: Callable[[], Iterable[object]] | None = None) -> Coverage:
    """Run ``extract`` over every test document (or those ``documents_of()`` gives)
    with the counting lexicon."""
    from snapshot_corpus import corpora

    if documents_of is None:
        def documents_of() -> Iterable[object]:
            return (doc for corpus in corpora() for doc in corpus.documents)

    lexicon = default_lexicon()
    per_rule: Counter[str] = Counter()
    texts: list[str] = []
    documents = 0
    from conflictwatch.extract.triggers import scan_rules
    from conflictwatch.extract.typology import trigger_rules
    from conflictwatch.textutil import lower_keep_length

    # Triggers are run by one scanner over the text: a trigger is exercised where it finds a word
    # (the scanner numbers them in trigger_rules() order).
    trigger_ids = [r.id for r in trigger_rules()]
    with counting_lexicon() as counting:
        for doc in documents_of():
            counting.hits.clear()
            extract(doc)
            documents += 1
            per_rule.update(counting.hits)
            per_rule.update({trigger_ids[r] for r, _, _ in scan_rules(lower_keep_length(doc.text))})  # type: ignore[attr-defined]
            texts.append(doc.text)  # type: ignore[attr-defined]
    everything = "\n".join(texts)
    unused: list[str] = []
    groups = 0
    for ws in lexicon.sets.values():
        for i, group in enumerate(ws.groups):
            groups += 1
            words = lexicon.compile(r"\b(?:" + "|".join(group.alternatives()) + r")\b")
            if not words.search(everything):
                shown = ", ".join((group.words + group.patterns)[:4])
                unused.append(f"{ws.name} group {i + 1} ({shown}...)")
    rules = {r: per_rule.get(r, 0) for r in lexicon.rules}
    return Coverage(documents, rules, tuple(unused), groups)


def report(cov: Coverage, show_all: bool = False) -> str:
    """The coverage as text: counts per rule, the unexercised ones, and their share."""
    lines = [f"{cov.documents} test documents, {len(cov.rule_documents)} lexicon rules, "
             f"{cov.group_count} word groups", ""]
    if show_all:
        lines.append("documents on which each rule found something:")
        lines += [f"  {n:5d}  {r}" for r, n in sorted(cov.rule_documents.items(), key=lambda x: (-x[1], x[0]))]
        lines.append("")
    never = cov.unexercised
    lines.append(f"rules no test document exercises: {len(never)} of {len(cov.rule_documents)} "
                 f"({100 * len(never) / max(1, len(cov.rule_documents)):.0f}%)")
    lines += [f"      0  {r}" for r in never]
    lines.append("")
    lines.append(f"word groups no test document uses: {len(cov.unused_groups)} of {cov.group_count} "
                 f"({100 * len(cov.unused_groups) / max(1, cov.group_count):.0f}%)")
    lines += [f"  {g}" for g in cov.unused_groups]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also list the count of every rule")
    args = parser.parse_args()
    from conflictwatch import Pipeline, SharedResources, resolve_settings

    pipeline = Pipeline.from_config(None, SharedResources(resolve_settings().data_dir))
    print(report(measure(pipeline.extract), args.all))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
