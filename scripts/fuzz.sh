#!/bin/sh
# Fuzz every parser the outside world feeds (text, HTML, JSONL, bytes, numbers, dates,
# claims, rights notices, published dates).
#   scripts/fuzz.sh plain [RUNS]    generated inputs, RUNS of them (default 1,000,000)
#   scripts/fuzz.sh atheris [RUNS]  coverage-guided with atheris (default 1,000,000);
#                                   FUZZ_SECONDS=N stops it after N seconds
# Both report uncaught exceptions and the worst time per kilobyte; exit 1 on any crash.
set -eu
cd "$(dirname "$0")/.."
MODE="${1:-plain}"
RUNS="${2:-1000000}"
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,fuzz]'
case "$MODE" in
  plain)
    exec .venv/bin/python fuzz/run_plain.py --runs "$RUNS" --report fuzz/plain-report.json ;;
  atheris)
    CORPUS="$(mktemp -d)"
    trap 'rm -rf "$CORPUS"' EXIT
    .venv/bin/python -c "
import sys; sys.path.insert(0, '.')
from fuzz.targets import TARGET_NAMES, seeds
for name, items in seeds().items():
    k = TARGET_NAMES.index(name)
    for i, data in enumerate(items[:40]):
        open(f'$CORPUS/{name}-{i}', 'wb').write(bytes([k]) + data[:8192])
"
    mkdir -p fuzz/crashes
    .venv/bin/python fuzz/fuzz_parsers.py -runs="$RUNS" -max_total_time="${FUZZ_SECONDS:-0}" \
      -max_len=8192 -timeout=30 -rss_limit_mb=2048 \
      -artifact_prefix=fuzz/crashes/ -print_final_stats=1 "$CORPUS"
    .venv/bin/python -c "import json; s = json.load(open('fuzz/atheris-stats.json')); print(json.dumps(s, indent=2))" ;;
  *)
    echo "usage: scripts/fuzz.sh plain|atheris [RUNS]" >&2; exit 2 ;;
esac
