#!/bin/sh
# Set up ConflictWatch in ./.venv, ingest the bundled sample articles (examples/) into the
# store, and list the events they make, merged across outlets.
# Needs only Python 3.11+; the gazetteer index is compiled once (about 30 s) on first use.
# Extra arguments go to `conflictwatch events` (e.g. --format csv, --country Sudan).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/conflictwatch ingest examples/
.venv/bin/conflictwatch events "$@"
