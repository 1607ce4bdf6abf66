"""What runs on a Dask worker: read raw inputs into documents and extract their events.

This module is imported by worker processes (and by the driver, which only
refers to its functions). Each worker process builds one
:class:`~conflictwatch.pipeline.Pipeline` and keeps it for every task it runs:
:func:`worker_pipeline` is a :func:`functools.cache` on a factory, keyed by the
settings that shape the pipeline (data directory, configuration file). That
cache is the only state kept between tasks, and only in worker processes: the
driver never calls it (it records, it does not extract). Tasks take a
partition (a list of :class:`~conflictwatch.ingest.sources.RawInput`) and
return one :class:`Extracted` per input, in the same order.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest.sources import RawInput, document_from_raw
from ..model import Document, Event
from ..pipeline import Pipeline, SharedResources


@dataclass(frozen=True, slots=True)
class Extracted:
    """One raw input, read and extracted on a worker.

    Fields: ``name`` (the input's name, ``file:line``); ``document`` (``None``
    when the input could not be read); ``events``; ``error`` (the message when
    the input could not be read, else ``None``).
    """

    name: str
    document: Document | None
    events: tuple[Event, ...] = ()
    error: str | None = None


@functools.cache
def worker_pipeline(data_dir: str, config: str | None) -> Pipeline:
    """The pipeline of this worker process, built on first use and kept (one per
    process and settings; the gazetteer and actor dictionary are loaded once)."""
    pipeline = Pipeline.from_config(Path(config) if config else None, SharedResources(Path(data_dir)))
    pipeline.resources.gazetteer()
    pipeline.resources.actors()
    return pipeline


def warm_up(data_dir: str, config: str | None) -> float:
    """Load this worker's pipeline now; returns the seconds it took (0 when loaded)."""
    started = time.perf_counter()
    worker_pipeline(data_dir, config)
    return time.perf_counter() - started


def extract_partition(raws: Sequence[RawInput], data_dir: str, config: str | None) -> list[Extracted]:
    """Read and extract a partition of raw inputs, in order. An input that cannot
    be read comes back with its error; any other failure fails the task."""
    pipeline = worker_pipeline(data_dir, config)
    out: list[Extracted] = []
    for raw in raws:
        try:
            document = document_from_raw(raw)
            events = pipeline.extract(document).events
        except InputError as exc:
            out.append(Extracted(raw.name, None, (), str(exc)))
            continue
        out.append(Extracted(raw.name, document, events))
    return out
