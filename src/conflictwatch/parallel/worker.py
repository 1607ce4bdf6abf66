"""What runs on a Dask worker: read raw inputs into documents and extract their events.

This module is imported by worker processes (and by the driver, which only
refers to its functions). Each worker process builds one
:class:`~conflictwatch.pipeline.Pipeline` and keeps it for every task it runs:
:func:`worker_pipeline` is a :func:`functools.cache` on a factory, keyed by the
settings that shape the pipeline (data directory, configuration file). That
cache is the only state kept between tasks, and only in worker processes: the
driver never calls it (it records, it does not extract); :func:`worker_rules`
keeps the merge rules the same way. Tasks take a partition (a list of
:class:`~conflictwatch.ingest.sources.RawInput`) and return one
:class:`Extracted` per input, in the same order, with the reports the recorder
would make (their MinHash signatures are the costly part), so that the driver,
the one writer, does as little as it can.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..identity import document_id, document_key
from ..ingest.sources import RawInput, document_from_raw
from ..merge import MergeRules, load_rules, make_reports
from ..model import Document, Event, Report, pickles_by_fields
from ..pipeline import Pipeline, SharedResources


@pickles_by_fields
@dataclass(frozen=True, slots=True)
class Extracted:
    """One raw input, read and extracted on a worker.

    Fields: ``name`` (the input's name, ``file:line``); ``document`` (``None``
    when the input could not be read); ``events``; ``reports`` (the events as
    reports of the document's first version under its store id, with their
    merge features: the recorder uses them when the document is new), sent
    without their MinHash signatures, which travel packed in ``signatures``
    (128 integers pickle slowly; :meth:`full_reports` puts them back); ``error``
    (the message when the input could not be read, else ``None``); ``key`` (the
    document's store key, :func:`~conflictwatch.identity.document_key`, so that
    the driver need not work it out again).
    """

    name: str
    document: Document | None
    events: tuple[Event, ...] = ()
    reports: tuple[Report, ...] = ()
    signatures: tuple[bytes, ...] = ()
    error: str | None = None
    key: str | None = None

    def full_reports(self) -> tuple[Report, ...]:
        """The reports with their signatures."""
        return tuple(dataclasses.replace(r, signature=_unpack(s)) if s else r
                     for r, s in zip(self.reports, self.signatures, strict=False))


def _pack(signature: tuple[int, ...]) -> bytes:
    return array("I", signature).tobytes() if signature else b""


def _unpack(data: bytes) -> tuple[int, ...]:
    values = array("I")
    values.frombytes(data)
    return tuple(values)


@functools.cache
def worker_pipeline(data_dir: str, config: str | None) -> Pipeline:
    """The pipeline of this worker process, built on first use and kept (one per
    process and settings; the gazetteer and actor dictionary are loaded once)."""
    pipeline = Pipeline.from_config(Path(config) if config else None, SharedResources(Path(data_dir)))
    pipeline.resources.gazetteer()
    pipeline.resources.actors()
    return pipeline


@functools.cache
def worker_rules() -> MergeRules:
    """The merge rules, read once per worker process."""
    return load_rules()


def warm_up(data_dir: str, config: str | None) -> float:
    """Load this worker's pipeline now; returns the seconds it took (0 when loaded)."""
    started = time.perf_counter()
    worker_pipeline(data_dir, config)
    worker_rules()
    return time.perf_counter() - started


def extract_partition(raws: Sequence[RawInput], data_dir: str, config: str | None) -> list[Extracted]:
    """Read and extract a partition of raw inputs, in order. An input that cannot
    be read comes back with its error; any other failure fails the task."""
    pipeline = worker_pipeline(data_dir, config)
    rules = worker_rules()
    out: list[Extracted] = []
    for raw in raws:
        try:
            document = document_from_raw(raw)
            events = pipeline.extract(document).events
        except InputError as exc:
            out.append(Extracted(raw.name, None, error=str(exc)))
            continue
        key = document_key(document)
        stored = dataclasses.replace(document, id=document_id(key))
        reports = make_reports(stored, 1, events, rules)
        out.append(Extracted(raw.name, document, events, tuple(dataclasses.replace(r, signature=()) for r in reports),
                             tuple(_pack(r.signature) for r in reports), key=key))
    return out
