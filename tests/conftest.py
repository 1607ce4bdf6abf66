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
