"""Ingesting archives on a Dask cluster: extraction in partitions, recording in one place.

:func:`ingest_on_cluster` reads the inputs lazily (:func:`conflictwatch.ingest.sources.iter_raw_inputs`:
a JSONL archive line by line), cuts them into partitions of ``batch`` inputs and
submits each partition as one task (:func:`.worker.extract_partition`: parse
JSON/HTML and extract on the worker, with the worker's own pipeline, loaded once
per process). At most ``in_flight`` partitions are out at a time, so memory stays
bounded however large the archive. Results are taken back **in input order** and
recorded by the driver alone (:meth:`conflictwatch.record.Recorder.record_events`;
in batched transactions when the caller opens :meth:`~conflictwatch.record.Recorder.batched`,
as ``conflictwatch ingest --engine dask`` does): merging sees the reports in
the same order as a single-process run, so the store ends up the same — the same
documents, the same events with the same ids, the same report groupings.

:func:`open_client` gives a client of the scheduler at ``--scheduler`` or of a
:class:`~distributed.LocalCluster` of ``workers`` processes (one thread each:
extraction is pure Python and holds the GIL), and shuts it down quietly.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ClusterError, InputError, MissingDependency
from ..ingest.sources import RawInput, iter_raw_inputs
from ..record import Outcome, Recorder, Summary
from .worker import Extracted, extract_partition, warm_up

if TYPE_CHECKING:
    import datetime as dt

    from distributed import Client

LOGGER = logging.getLogger(__name__)
_QUIET = ("distributed", "tornado", "asyncio")


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """How to run on Dask: ``scheduler`` (an address such as ``tcp://host:8786``;
    ``None`` starts a local cluster), ``workers`` (local worker processes),
    ``batch`` (inputs per task) and ``in_flight`` (tasks out at once; ``None``:
    three per worker thread)."""

    scheduler: str | None = None
    workers: int = 2
    batch: int = 200
    in_flight: int | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise InputError(f"--workers {self.workers}: give at least one worker")
        if self.batch < 1:
            raise InputError(f"--batch {self.batch}: give at least one document per task")


@contextlib.contextmanager
def _quiet_logs(level: int = logging.CRITICAL) -> Iterator[None]:
    """Dask's loggers silenced: closing a cluster logs harmless CommClosedError tracebacks."""
    loggers = [logging.getLogger(name) for name in _QUIET]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in zip(loggers, levels, strict=True):
            logger.setLevel(old)


@contextlib.contextmanager
def open_client(options: ClusterOptions) -> Iterator[Client]:
    """A Dask client (see the module docstring); closed, with its local cluster, at the end."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingDependency("dask[distributed]", "--engine dask") from None
    stack = contextlib.ExitStack()
    with stack:
        stack.enter_context(_quiet_logs())
        try:
            if options.scheduler:
                client = Client(options.scheduler, timeout="30s")
            else:
                cluster = stack.enter_context(_closing(LocalCluster(
                    n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=logging.CRITICAL)))
                client = Client(cluster)
        except (OSError, TimeoutError) as exc:
            where = options.scheduler or "a local cluster"
            raise ClusterError(f"cannot start or reach the Dask scheduler at {where} ({exc}); check "
                               "--scheduler, or leave it out to start a local cluster") from None
        stack.enter_context(_closing(client))
        yield client


@contextlib.contextmanager
def _closing(thing: Any) -> Iterator[Any]:
    try:
        yield thing
    finally:
        with _quiet_logs():
            thing.close()


def _partitions(items: Iterable[RawInput | InputError], size: int,
                taper: int = 0) -> Iterator[list[RawInput | InputError]]:
    """Consecutive inputs, ``size`` raw inputs a partition (errors ride along in
    place); the last ``taper`` raw inputs in partitions of an eighth of ``size``.

    The one writer records a partition only when it has come back, so at the
    end of the input it would record the last whole partition with every worker
    idle; small last partitions keep that tail short.
    """
    buffer: deque[RawInput | InputError] = deque()
    count = 0
    for item in items:
        buffer.append(item)
        if isinstance(item, RawInput):
            count += 1
            if count >= size + taper:
                yield _take(buffer, size)
                count -= size
    small = max(1, size // 8) if taper else size
    while buffer:
        yield _take(buffer, small)


def _take(buffer: deque[RawInput | InputError], size: int) -> list[RawInput | InputError]:
    """The first ``size`` raw inputs of ``buffer`` and the errors among them, taken off it."""
    part: list[RawInput | InputError] = []
    count = 0
    while buffer and count < size:
        item = buffer.popleft()
        part.append(item)
        count += isinstance(item, RawInput)
    return part


def iter_extracted(paths: Sequence[str], published: dt.date | None, client: Client, options: ClusterOptions,
                   data_dir: str, config: str | None) -> Iterator[Extracted | InputError]:
    """The inputs of ``paths`` read and extracted on ``client``'s workers, in input
    order (an input that cannot be read even as a line or file comes as its error).

    At most ``options.in_flight`` partitions are out at once: the next is
    submitted when the oldest comes back, so a partition is computing while the
    caller records the one before it.
    """
    threads = sum(client.nthreads().values()) or options.workers
    in_flight = options.in_flight or 3 * threads
    try:
        client.run(warm_up, data_dir, config)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"the Dask workers could not load the pipeline ({exc}); check that conflictwatch "
                           f"and its data directory {data_dir} are there on every worker") from None
    raws = itertools.chain.from_iterable(iter_raw_inputs(path, published) for path in paths)
    parts = _partitions(raws, options.batch, taper=threads * options.batch)
    pending: deque[tuple[list[RawInput | InputError], Any]] = deque()

    def submit() -> bool:
        part = next(parts, None)
        if part is None:
            return False
        todo = [item for item in part if isinstance(item, RawInput)]
        future = client.submit(extract_partition, todo, data_dir, config, pure=False) if todo else None
        pending.append((part, future))
        return True

    try:
        while len(pending) < in_flight and submit():
            pass
        while pending:
            part, future = pending.popleft()
            results = iter(_result(future))
            submit()
            for item in part:
                yield item if isinstance(item, InputError) else next(results)
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()


def ingest_on_cluster(recorder: Recorder, paths: Sequence[str], published: dt.date | None, client: Client,
                      options: ClusterOptions, data_dir: str, config: str | None,
                      on_error: Callable[[str], None],
                      on_progress: Callable[[Outcome | None], None] | None = None) -> Summary:
    """Ingest ``paths`` with extraction on ``client``'s workers (see the module docstring).

    ``data_dir`` and ``config`` shape the workers' pipelines (the same as the
    driver's settings). Errors of single inputs go to ``on_error`` and count as
    skipped; a task that fails on the cluster raises :class:`ClusterError`.
    """
    summary = Summary()
    for item in iter_extracted(paths, published, client, options, data_dir, config):
        if isinstance(item, InputError):
            summary = _skip(summary, str(item), on_error, on_progress)
        else:
            summary = _record(recorder, item, summary, on_error, on_progress)
    return summary


def _result(future: Any) -> list[Extracted]:
    from asyncio import CancelledError

    from distributed.scheduler import KilledWorker

    if future is None:
        return []
    try:
        return list(future.result())
    except (OSError, TimeoutError, KilledWorker, CancelledError) as exc:
        raise ClusterError(f"a task failed on the Dask cluster ({type(exc).__name__}: {exc}); check the "
                           "workers' logs, then run the command again: documents already stored are kept") from None
    finally:
        future.release()


def _skip(summary: Summary, message: str, on_error: Callable[[str], None],
          on_progress: Callable[[Outcome | None], None] | None) -> Summary:
    on_error(message)
    if on_progress:
        on_progress(None)
    return dataclasses.replace(summary, skipped=summary.skipped + 1)


def _record(recorder: Recorder, extracted: Extracted, summary: Summary, on_error: Callable[[str], None],
            on_progress: Callable[[Outcome | None], None] | None) -> Summary:
    if extracted.document is None:
        return _skip(summary, extracted.error or f"{extracted.name}: cannot be read", on_error, on_progress)
    document = extracted.document
    try:
        outcome = recorder.record_events(document, extracted.events, document.id, key=extracted.key,
                                         reports=extracted.full_reports())
    except InputError as exc:
        return _skip(summary, f"{document.id}: {exc}", on_error, on_progress)
    if on_progress:
        on_progress(outcome)
    return summary.add(outcome)
