"""The README tells the truth: its commands exist, its settings are the real ones."""

import re
from pathlib import Path

from conflictwatch.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_first_screen_has_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:20])
    assert "./scripts/run.sh" in first_screen and "./scripts/test.sh" in first_screen
    for script in ("scripts/run.sh", "scripts/test.sh"):
        assert (ROOT / script).stat().st_mode & 0o111, script


def test_ci_runs_the_readme_test_command():
    """CI runs scripts/check: ruff, mypy, then the README's test command with its arguments."""
    assert "./scripts/check" in (ROOT / ".ci" / "run").read_text()
    assert "./scripts/check" in README
    check = ROOT / "scripts" / "check"
    assert check.stat().st_mode & 0o111
    assert 'exec ./scripts/test.sh "$@"' in check.read_text()


def test_settings_table_matches_the_code():
    rows = re.findall(r"^\| `(\w+)` \| `(--[\w-]+)` \| `(\w+)` \|", README, re.MULTILINE)
    assert rows == [(s.name, f"--{s.name.replace('_', '-')}", s.env) for s in SETTINGS]
