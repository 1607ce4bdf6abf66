"""The core model crosses process boundaries (Dask workers send results to the
writer) by pickling: every class rebuilds from its field values, unchanged."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

import pytest

from conflictwatch import model
from conflictwatch.ingest.sources import RawInput, document_from_raw, iter_raw_inputs
from conflictwatch.merge import load_rules, make_reports
from conflictwatch.model import Span, pickles_by_fields
from conflictwatch.parallel.worker import Extracted
from conflictwatch.testing import build_archive

DATA = Path(__file__).parent / "data"


def test_extracted_documents_events_and_reports_come_back_equal(pipeline, tmp_path):
    lines = (DATA / "wire_reports.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()][:15]
    archive = tmp_path / "archive.jsonl"
    build_archive(rows, len(rows), archive)
    raws = [raw for raw in iter_raw_inputs(str(archive), None) if isinstance(raw, RawInput)]
    assert len(raws) == len(rows)
    rules = load_rules()
    sent = []
    for raw in raws:
        document = document_from_raw(raw)
        events = pipeline.extract(document).events
        sent.append(Extracted(raw.name, document, events, make_reports(document, 1, events, rules)))
    assert sum(len(item.events) for item in sent) >= 10
    received = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert received == sent
    assert pickle.loads(pickle.dumps(raws)) == raws
    first = next(item for item in received if item.events)
    assert type(first.events[0].evidence[0].span) is Span


def test_every_model_class_pickles_by_its_fields():
    classes = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)
               and c.__module__ == model.__name__]
    assert len(classes) >= 20
    for cls in classes:
        assert "__reduce__" in vars(cls), f"{cls.__name__} lacks @pickles_by_fields"
    assert Span(3, 7, "dead").__reduce__() == (Span, (3, 7, "dead"))


def test_a_single_field_class_and_the_checks_on_rebuilding():
    @pickles_by_fields
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        value: int

    assert One(5).__reduce__() == (One, (5,))
    # Rebuilding calls the class, so its own checks run on what arrives (here an
    # end before the start, written into the pickle's bytes: BININT1 7 -> 1).
    data = pickle.dumps(Span(3, 7, "dead"), protocol=2)
    assert data.count(b"K\x07") == 1
    with pytest.raises(ValueError, match="invalid span"):
        pickle.loads(data.replace(b"K\x07", b"K\x01"))


def test_a_field_outside_init_is_refused():
    with pytest.raises(TypeError, match="every field must be an __init__ argument"):
        @pickles_by_fields
        @dataclasses.dataclass(frozen=True)
        class Computed:
            value: int
            twice: int = dataclasses.field(init=False, default=0)
