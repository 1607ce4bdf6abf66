#!/bin/sh
# Set up ConflictWatch in ./.venv, ingest the bundled sample articles into a fresh store
# and serve the map and API, printing the address (Ctrl-C stops it).
# Needs only Python 3.11+; the gazetteer index is compiled once (about 30 s) on first use.
# Extra arguments go to `conflictwatch serve` (e.g. --port 8080).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
mkdir -p .conflictwatch
rm -f .conflictwatch/samples.db .conflictwatch/samples.db-wal .conflictwatch/samples.db-shm
DB="sqlite:///$PWD/.conflictwatch/samples.db"
.venv/bin/conflictwatch ingest examples/ --published 2025-01-10 --db "$DB"
echo "the samples' events, merged across outlets: .venv/bin/conflictwatch events --db $DB" >&2
exec .venv/bin/conflictwatch serve --db "$DB" "$@"
