"""A small store for the web app's tests: the bundled examples plus documents written
for these tests (one strike told by two outlets, a look-alike the same day, a camp
shelled in Darfur from a publisher that reserved its rights, and a title with markup)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from conflictwatch import document_from_text
from conflictwatch.ingest.sources import documents_from_path
from conflictwatch.merge import load_rules
from conflictwatch.model import Rights
from conflictwatch.record import Recorder
from conflictwatch.store import Store

ROOT = Path(__file__).resolve().parents[1]

MARKET_WIRE = dict(
    url="https://wire.test/2025/03/04/kharkiv-market", site="Wire", published="2025-03-04",
    title="Russian missile hits Kharkiv market, killing five",
    text="Russian missile hits Kharkiv market, killing five\n\nKHARKIV, March 4 (Wire) - A Russian missile "
         "struck a crowded market in central Kharkiv on Tuesday morning, killing five people and wounding 14, "
         "the regional governor said.\n\nRescuers searched the stalls for survivors into the afternoon.")
MARKET_LOCAL = dict(
    url="https://local.test/news/market-toll", site="Local News", published="2025-03-05",
    title="Toll from Kharkiv market strike rises to seven",
    text="Toll from Kharkiv market strike rises to seven\n\nSeven people were killed when a Russian missile hit "
         "the central market in Kharkiv on Tuesday morning, the city's mayor said on Wednesday. Twenty people "
         "were wounded.")
BUS_STOP = dict(
    url="https://wire.test/2025/03/04/kharkiv-bus-stop", site="Wire", published="2025-03-04",
    title="Shelling hits Kharkiv bus stop <script>alert(1)</script>",
    text="Shelling hits Kharkiv bus stop\n\nRussian artillery shelled a bus stop in Kharkiv on Tuesday evening, "
         "killing two people, police said.")
CAMP = dict(
    url="https://sudan.test/el-fasher-camp", site="Sudan Desk", published="2025-05-13",
    title="RSF shells camp near El Fasher",
    text="RSF shells camp near El Fasher\n\nThe Rapid Support Forces shelled the Abu Shouk camp near El Fasher "
         "on Monday, killing 12 civilians, local volunteers said.")
WRITTEN = (MARKET_WIRE, MARKET_LOCAL, BUS_STOP, CAMP)


def document(spec: dict, reserved: bool = False):
    doc = document_from_text(spec["text"], spec["url"], dt.date.fromisoformat(spec["published"]), spec["url"],
                             spec["title"], site=spec["site"])
    return dataclasses.replace(doc, rights=Rights(True, "meta")) if reserved else doc


def fill(store: Store, pipeline, actors, examples: bool = True) -> Recorder:
    """Ingest the written documents (the camp's as rights-reserved) and, with
    ``examples``, the bundled examples (published 2025-01-10 where they give no date)."""
    recorder = Recorder(store, lambda d: pipeline.extract(d).events, load_rules(), actors.country_name)
    for spec in WRITTEN:
        recorder.record(document(spec, reserved=spec is CAMP))
    if examples:
        for item in documents_from_path(str(ROOT / "examples"), dt.date(2025, 1, 10)):
            recorder.record(item)
    return recorder
