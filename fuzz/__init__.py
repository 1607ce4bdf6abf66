"""Fuzzing harness for ConflictWatch's parsers (see targets.py and scripts/fuzz.sh)."""
