"""The public names resolve, and importing the package loads nothing heavy."""

import subprocess
import sys

import conflictwatch


def test_every_public_name_resolves():
    for name in conflictwatch.__all__:
        assert getattr(conflictwatch, name) is not None, name


def test_import_has_no_side_effects():
    code = ("import sys, conflictwatch, conflictwatch.cli; "
            "print(sorted(m for m in sys.modules if m.startswith('conflictwatch.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "conflictwatch.pipeline" not in loaded and "conflictwatch.extract" not in loaded
