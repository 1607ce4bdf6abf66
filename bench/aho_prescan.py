"""The trigger scanner's word-start search: the regular-expression alternation against the
Aho-Corasick automaton the scanner now uses.

Usage: .venv/bin/python bench/aho_prescan.py

The trigger scanner (prescan.py) finds the word starts where some trigger's
literal prefix begins, then runs only the triggers that prefix may begin. The word
starts come from an Aho-Corasick automaton (one pass over the text, in C); the
alternation ``\\b(?=(...))`` it replaced is kept on the scanner as ``starts``. Both
are checked to give the same word starts on every benchmark article and timed in CPU
time (the figures hold on a shared machine).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    from extract import article_sets  # bench/extract.py

    from conflictwatch.extract.typology import rule_scanner
    from conflictwatch.textutil import lower_keep_length

    scanner = rule_scanner()
    if scanner.automaton is None:
        print("the trigger scanner has no automaton (a trigger without a prefix list)")
        return 1

    def by_regex(text: str) -> list[tuple[int, str]]:
        return [(m.start(), m.group(1)) for m in scanner.starts.finditer(text)]

    texts = [lower_keep_length(t) for stream in article_sets(300).values() for t, _ in stream]
    differing = sum(scanner.word_starts(t) != by_regex(t) for t in texts)
    print(f"{len(texts)} articles, {len(scanner.table)} prefixes of {len(scanner.patterns)} triggers; "
          f"word starts differ on {differing}")

    def cpu_ms(scan: Callable[[str], object]) -> float:  # best of five, per article
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            for t in texts:
                scan(t)
            best = min(best, time.process_time() - started)
        return 1000 * best / len(texts)

    print(f"word starts: regular expression {cpu_ms(by_regex):.3f} ms/article, "
          f"Aho-Corasick {cpu_ms(scanner.word_starts):.3f} ms/article; "
          f"whole trigger scan {cpu_ms(scanner.scan):.3f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
