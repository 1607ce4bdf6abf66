"""One version string: conflictwatch.__version__, read by the package metadata and used by
--version, the store's extractor records, the API and the fetchers' user agent."""

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import conflictwatch
from conflictwatch.record import EXTRACTOR
from conflictwatch.sources import default_user_agent

ROOT = Path(__file__).resolve().parent.parent


def test_the_metadata_reads_the_package_version():
    assert importlib.metadata.version("conflictwatch") == conflictwatch.__version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'version = {attr = "conflictwatch.__version__"}' in pyproject


def test_every_user_of_the_version_shows_the_same_one():
    version = conflictwatch.__version__
    shown = subprocess.run([sys.executable, "-m", "conflictwatch.cli", "--version"], capture_output=True,
                           text=True, check=True).stdout.strip()
    assert shown == f"conflictwatch {version}"
    assert EXTRACTOR == f"conflictwatch {version}"
    assert f"/{version} " in default_user_agent()


def test_the_api_reports_the_version(tmp_path):
    from fastapi.testclient import TestClient

    from conflictwatch.serve import create_app
    from conflictwatch.settings import resolve_settings

    app = create_app(resolve_settings({"db": f"sqlite:///{tmp_path / 'v.db'}"}, {}))
    try:
        info = TestClient(app).get("/api/openapi.json").json()["info"]
    finally:
        app.state.conflictwatch.store.close()
    assert info["version"] == conflictwatch.__version__
