"""Watching sources: poll the due ones, record what is new, fire alerts, and go on.

:func:`poll_source` reads one source (:func:`conflictwatch.sources.iter_documents_from_source`:
only new or changed items are fetched), records each document
(:class:`~conflictwatch.record.Recorder`, one transaction each), checks the
events it created or updated against the alert rules, and counts the events
made in the source's state. The ``ingest`` command calls it for URLs, feeds,
sitemaps, URL lists and sources files; :class:`Watcher` calls it on a schedule.

:class:`Watcher` is the ``watch`` command's loop. Each round it delivers alerts
left undelivered, then polls every source whose poll interval has passed since
its last poll (:func:`conflictwatch.sources.is_due`; the times are kept in the
store, so a restarted watcher resumes the schedule and fetches nothing it
already has), then sleeps until the next source is due. A source that fails (its
feed cannot be fetched, a page times out, the store is busy) is logged and
polled again at its next turn; it never stops the others. :meth:`Watcher.stop`
(the command calls it on Ctrl-C and SIGTERM) ends the loop after the document
being recorded: each document is one transaction, so nothing is left half done.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .alerts import Alerter
from .errors import ConflictWatchError, InputError
from .model import Document
from .record import Outcome, Recorder, Summary
from .sources import Fetcher, Source, SourceState, SourceStateStore, is_due, iter_documents_from_source

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll of one source did.

    Fields: ``source`` (its name); ``summary`` (documents new / unchanged /
    changed / skipped, reports, events new / updated); ``errors`` (pages or
    lines that failed, each reported as it happened); ``source_error`` (the
    message when the source itself could not be read, else ``None``);
    ``alerts`` (alerts fired); ``completed`` (``False`` when the poll was
    stopped before its end).
    """

    source: str
    summary: Summary
    errors: int = 0
    source_error: str | None = None
    alerts: int = 0
    completed: bool = True

    def line(self) -> str:
        """One line for a log."""
        s = self.summary
        if self.source_error and not (s.new or s.changed):
            return f"{self.source}: failed: {self.source_error}"
        head = f"{self.source}: {s.new} new, {s.changed} changed, {s.unchanged} unchanged documents"
        if self.source_error:
            head += f" before failing: {self.source_error}"
        tail = (f"; events: {s.events_new} new, {s.events_updated} updated"
                + (f"; {self.errors} errors" if self.errors else "")
                + (f"; {self.alerts} alerts" if self.alerts else "")
                + ("" if self.completed else "; stopped before the end"))
        return head + tail


def poll_source(source: Source, fetcher: Fetcher, recorder: Recorder, *, state: SourceStateStore | None = None,
                alerter: Alerter | None = None, on_error: Callable[[str], None] = LOGGER.warning,
                on_outcome: Callable[[Outcome | None], None] | None = None,
                should_stop: Callable[[], bool] = lambda: False) -> PollReport:
    """Read ``source`` once and record what is new (see the module docstring).

    Errors of single items go to ``on_error`` and the poll goes on; an error of
    the source itself (its feed, sitemap or list), or of the store, ends this
    source's poll and is returned in the report (and kept in its state), never
    raised. ``should_stop`` is asked between documents.
    """
    summary = Summary()
    errors = alerts = events = 0
    source_error: str | None = None
    completed = False
    items = iter_documents_from_source(source, fetcher, state=state)
    try:
        for item in items:
            if isinstance(item, InputError):
                errors += 1
                summary = dataclasses.replace(summary, skipped=summary.skipped + 1)
                on_error(str(item))
                if on_outcome:
                    on_outcome(None)
            else:
                outcome = _record(recorder, item, on_error)
                if outcome is None:
                    errors += 1
                    summary = dataclasses.replace(summary, skipped=summary.skipped + 1)
                else:
                    summary = summary.add(outcome)
                    events += len(outcome.created)
                    if alerter is not None and (outcome.created or outcome.updated):
                        alerts += len(alerter.check(outcome.created + outcome.updated))
                if on_outcome:
                    on_outcome(outcome)
            if should_stop():
                break
        else:
            completed = True
    except (ConflictWatchError, OSError) as exc:  # the store, or a failure outside one item
        source_error = f"{type(exc).__name__}: {exc}" if isinstance(exc, OSError) else str(exc)
    finally:
        try:
            items.close()  # the source's state is written as the generator closes
        except ConflictWatchError as exc:
            source_error = source_error or str(exc)
    if state is not None:
        source_error = _keep_state(state, source.name, events, source_error) or source_error
    return PollReport(source.name, summary, errors, source_error, alerts, completed and source_error is None)


def _record(recorder: Recorder, document: Document, on_error: Callable[[str], None]) -> Outcome | None:
    try:
        return recorder.record(document, document.url or document.id)
    except InputError as exc:
        on_error(f"{document.id}: {exc}")
        return None


def _keep_state(state: SourceStateStore, name: str, events: int, error: str | None) -> str | None:
    """Add the events made to the source's state, and an error its iterator did not
    see (the store's); returns this poll's source-level error, if any (the
    iterator writes ``last_error`` on every poll: ``None`` after a clean one)."""
    try:
        current = state.get_source_state(name)
        if current is None:
            return error
        if events or error is not None:
            now = dt.datetime.now(dt.timezone.utc)
            current = dataclasses.replace(current, events=current.events + events)
            if error is not None:
                current = dataclasses.replace(current, last_error=error, last_error_at=now)
            state.put_source_state(current)
        return current.last_error
    except ConflictWatchError as exc:
        LOGGER.warning("%s: the source's state could not be kept: %s", name, exc)
        return error


class Watcher:
    """Polls due sources until stopped (see the module docstring).

    ``every`` replaces every source's poll interval; ``log`` receives one line
    per poll and per problem; ``on_outcome`` each recorded document (a progress
    line); ``clock`` gives the time (UTC).
    """

    def __init__(self, sources: Sequence[Source], fetcher: Fetcher, recorder: Recorder, state: SourceStateStore,
                 *, alerter: Alerter | None = None, every: dt.timedelta | None = None,
                 log: Callable[[str], None] = LOGGER.info,
                 on_outcome: Callable[[Outcome | None], None] | None = None,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.sources = tuple(dataclasses.replace(s, poll_interval=every) if every else s for s in sources)
        self.fetcher = fetcher
        self.recorder = recorder
        self.state = state
        self.alerter = alerter
        self.log = log
        self.on_outcome = on_outcome
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
        self._stop = threading.Event()
        self._store_failed = False

    def stop(self) -> None:
        """Stop after the document being recorded (safe from a signal handler)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._stop.is_set()

    def due(self) -> list[Source]:
        """The sources due for a poll now, in file order."""
        now = self.clock()
        return [s for s in self.sources if is_due(s, self._state_of(s.name), now)]

    def next_due(self) -> dt.datetime:
        """When the next source is due."""
        times = []
        for source in self.sources:
            state = self._state_of(source.name)
            last = state.last_polled if state is not None else None
            times.append(last + source.poll_interval if last is not None else self.clock())
        return min(times)

    def poll_due(self) -> list[PollReport]:
        """One round: deliver alerts left undelivered, then poll each due source."""
        if self.alerter is not None:
            try:
                self.alerter.retry()
            except ConflictWatchError as exc:
                self.log(f"alerts: could not retry undelivered alerts: {exc}")
        reports = []
        for source in self.due():
            if self.stopped:
                break
            report = poll_source(source, self.fetcher, self.recorder, state=self.state, alerter=self.alerter,
                                 on_error=lambda message: self.log(f"{source.name}: {message}"),  # noqa: B023
                                 on_outcome=self.on_outcome, should_stop=lambda: self.stopped)
            self.log(report.line())
            reports.append(report)
        return reports

    def run(self, once: bool = False, max_sleep: float = 60.0) -> list[PollReport]:
        """Poll due sources until stopped (with ``once``: one round); returns every report."""
        reports: list[PollReport] = []
        while not self.stopped:
            self._store_failed = False
            reports.extend(self.poll_due())
            if once or self.stopped:
                break
            wait = (self.next_due() - self.clock()).total_seconds()
            if self._store_failed:  # the schedule is unknown: not every second
                wait = max_sleep
            self._stop.wait(min(max(wait, 1.0), max_sleep))
        return reports

    def _state_of(self, name: str) -> SourceState | None:
        try:
            return self.state.get_source_state(name)
        except ConflictWatchError as exc:
            if not self._store_failed:
                self.log(f"{name}: its state cannot be read ({exc}); polling it")
            self._store_failed = True
            return None
