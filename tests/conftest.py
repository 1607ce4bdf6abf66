"""Shared fixtures: one pipeline (and gazetteer) for the whole session."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conflictwatch import Pipeline, SharedResources, document_from_text, resolve_settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def resources() -> SharedResources:
    # The user's data directory (or CONFLICTWATCH_DATA_DIR): the index built by the
    # README's first command is reused, and built here once if it is missing.
    return SharedResources(resolve_settings().data_dir)


@pytest.fixture(scope="session")
def pipeline(resources: SharedResources) -> Pipeline:
    return Pipeline.from_config(None, resources)


@pytest.fixture(scope="session")
def gazetteer(resources: SharedResources):
    return resources.gazetteer()


@pytest.fixture(scope="session")
def actors(resources: SharedResources):
    return resources.actors()


@pytest.fixture(scope="session")
def extract(pipeline: Pipeline):
    """Extract events from a text: ``extract(text, "2025-01-10")``."""

    def run(text: str, published: str | None = None, doc_id: str = "test"):
        date = dt.date.fromisoformat(published) if published else None
        return pipeline.extract(document_from_text(text, doc_id, date))

    return run


def load_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


# -- stores ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def postgres_base() -> str:
    """The PostgreSQL server store tests use (skipped, with the reason, when there is none)."""
    import os

    from conflictwatch.testing import DEFAULT_POSTGRES, postgres_unavailable

    base = os.environ.get("CONFLICTWATCH_TEST_POSTGRES", DEFAULT_POSTGRES)
    reason = postgres_unavailable(base)
    if reason:
        pytest.skip(f"PostgreSQL store tests skipped: {reason}; set CONFLICTWATCH_TEST_POSTGRES to a server URL")
    return base


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty store's URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from conflictwatch.testing import temporary_postgres

    with temporary_postgres(request.getfixturevalue("postgres_base")) as url:
        yield url


@pytest.fixture
def open_store(store_url):
    """Open stores at ``store_url`` and close them at the end of the test."""
    from conflictwatch.store import Store

    opened = []

    def run(url: str | None = None):
        store = Store.open(url or store_url)
        opened.append(store)
        return store

    yield run
    for store in opened:
        store.close()


@pytest.fixture
def recorder(pipeline, actors):
    """A Recorder over ``store`` with the session's pipeline: ``recorder(store)``."""
    from conflictwatch.merge import load_rules
    from conflictwatch.record import Recorder

    rules = load_rules()

    def make(store):
        return Recorder(store, lambda doc: pipeline.extract(doc).events, rules, actors.country_name)

    return make
