#!/bin/sh
# Set up ConflictWatch with its test dependencies in ./.venv and run the test suite.
# Extra arguments go to pytest (e.g. scripts/test.sh -m slow, or -k claims).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
