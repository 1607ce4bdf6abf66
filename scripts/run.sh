#!/bin/sh
# Set up ConflictWatch in ./.venv and run the main job on the bundled sample articles.
# Needs only Python 3.11+; the gazetteer index is compiled once (about 30 s) on first use.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/conflictwatch extract examples/ --format jsonl "$@"
