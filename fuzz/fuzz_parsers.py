"""Coverage-guided fuzzing of every parser with atheris (libFuzzer).

Usage: .venv/bin/python fuzz/fuzz_parsers.py [libFuzzer options] [CORPUS_DIR...]
(scripts/fuzz.sh atheris RUNS sets the options and a seed corpus.)

The first byte of each input picks the parser (fuzz/targets.py, TARGET_NAMES);
the rest is its input. Any exception but an InputError stops the run with the
input that raised it. Every 1,000 inputs, and at each new worst time per
kilobyte, the figures are written to the file named by CONFLICTWATCH_FUZZ_STATS
(default fuzz/atheris-stats.json).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Instrument ConflictWatch's own modules (the targets import them lazily, so name them here).
with atheris.instrument_imports(include=["conflictwatch"]):
    import conflictwatch.extract.claims  # noqa: E402, F401
    import conflictwatch.extract.dates  # noqa: E402, F401
    import conflictwatch.extract.numbers  # noqa: E402, F401
    import conflictwatch.extract.sentences  # noqa: E402, F401
    import conflictwatch.ingest.clean  # noqa: E402, F401
    import conflictwatch.ingest.decode  # noqa: E402, F401
    import conflictwatch.ingest.html  # noqa: E402, F401
    import conflictwatch.ingest.language  # noqa: E402, F401
    import conflictwatch.ingest.rights  # noqa: E402, F401
    import conflictwatch.ingest.sources  # noqa: E402, F401
    import conflictwatch.pipeline  # noqa: E402, F401

from fuzz.targets import Harness  # noqa: E402

STATS = Path(os.environ.get("CONFLICTWATCH_FUZZ_STATS", Path(__file__).with_name("atheris-stats.json")))
HARNESS = Harness()
HARNESS.warm_up()  # build the pipeline and load every parser before the timed inputs


def save() -> None:
    STATS.write_text(json.dumps(HARNESS.stats.as_dict(), indent=2) + "\n", encoding="utf-8")


def test_one_input(data: bytes) -> None:
    worst = HARNESS.stats.worst_overall()[1]
    HARNESS.dispatch(data)
    if HARNESS.stats.total % 1_000 == 0 or HARNESS.stats.worst_overall()[1] > worst:
        save()


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
