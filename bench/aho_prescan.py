"""Experiment: the trigger scanner's word-start search done by an Aho-Corasick automaton.

Usage: .venv/bin/python bench/aho_prescan.py   (needs ``pip install pyahocorasick``)

The trigger scanner (extract/prefixes.py) finds the word starts where some trigger's
literal prefix begins with one regular expression, then runs only the triggers that
prefix may begin. Here the same prefixes go into an Aho-Corasick automaton (one pass
over the text, in C); the result is checked to be identical on every benchmark
article, and both are timed in CPU time (the figures hold on a shared machine).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

_WORD = re.compile(r"\w")


def main() -> int:
    try:
        import ahocorasick  # type: ignore[import-not-found]
    except ImportError:
        print("pyahocorasick is not installed: pip install pyahocorasick")
        return 1
    from extract import article_sets  # bench/extract.py

    from conflictwatch.extract.typology import rule_scanner
    from conflictwatch.textutil import lower_keep_length

    scanner = rule_scanner()
    automaton = ahocorasick.Automaton()
    for key in scanner.table:
        automaton.add_word(key, (len(key), key))
    automaton.make_automaton()

    def aho_scan(text: str) -> list[tuple[int, int, int]]:
        longest: dict[int, tuple[int, str]] = {}  # the longest key at each word start
        for end, (n, key) in automaton.iter(text):
            pos = end - n + 1
            if (pos == 0 or not _WORD.match(text, pos - 1)) and _WORD.match(text, pos) and \
                    n > longest.get(pos, (0, ""))[0]:
                longest[pos] = (n, key)
        out = []
        last_end = [0] * len(scanner.patterns)
        for pos in sorted(longest):
            for i in scanner.table[longest[pos][1]]:
                if pos < last_end[i]:
                    continue
                hit = scanner.patterns[i].match(text, pos)
                if hit is not None:
                    last_end[i] = hit.end()
                    out.append((i, pos, hit.end()))
        out.sort()
        return out

    texts = [lower_keep_length(t) for stream in article_sets(300).values() for t, _ in stream]
    assert not scanner.everywhere, "a trigger without a prefix list: the automaton cannot stand in for it"
    differing = sum(aho_scan(t) != scanner.scan(t) for t in texts)
    print(f"{len(texts)} articles, {len(scanner.table)} prefixes of {len(scanner.patterns)} triggers; "
          f"results differ on {differing}")

    def cpu_ms(scan) -> float:  # best of five, per article
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            for t in texts:
                scan(t)
            best = min(best, time.process_time() - started)
        return 1000 * best / len(texts)

    print(f"trigger scan: regular expression {cpu_ms(scanner.scan):.3f} ms/article, "
          f"Aho-Corasick {cpu_ms(aho_scan):.3f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
