"""Write the extractor's output on every test document to tests/snapshot/.

Usage: .venv/bin/python scripts/update_snapshot.py

Run it on purpose, when a change is meant to change the extractor's output, and say
in the commit why the snapshot changed; tests/test_snapshot.py fails on any change
it was not told of.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    from snapshot_corpus import SNAPSHOT, corpora, path_of, render

    from conflictwatch import Pipeline, SharedResources, resolve_settings

    pipeline = Pipeline.from_config(None, SharedResources(resolve_settings().data_dir))
    SNAPSHOT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    written = set()
    changed = 0
    for corpus in corpora():
        path = path_of(corpus.name)
        text = "\n".join(render(corpus, pipeline.extract)) + "\n"
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
        written.add(path)
        print(f"{corpus.name}: {len(corpus.documents)} documents{'' if old == text else ' (changed)'}")
    for stale in sorted(set(SNAPSHOT.glob("*.jsonl")) - written):
        stale.unlink()
        print(f"removed {stale.name} (no such corpus any more)")
    print(f"{changed} snapshot file(s) changed, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
