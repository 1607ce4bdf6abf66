"""The commands that read the web on their own: ``watch`` and ``sources``, and what
``ingest`` needs to read URLs, feeds, sitemaps, URL lists and sources files.

Each parses and checks its arguments, then calls plain functions that the tests
call too (:class:`conflictwatch.watch.Watcher`, :func:`run_sources`).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from .errors import ConfigError, InputError
from .progress import Progress
from .settings import Settings
from .sources import Source, SourceState, is_due, load_sources
from .sources.config import parse_duration

if TYPE_CHECKING:
    from .alerts import Alerter
    from .record import Outcome, Recorder
    from .sources import Fetcher
    from .store import Store


def add_source_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                        add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``watch`` and ``sources`` to the ``conflictwatch`` parser."""
    p = sub.add_parser("watch", help="poll the sources of a sources file, record what is new, fire alerts",
                       description="Poll every source whose poll interval has passed, ingest only new or "
                                   "changed items, fire alerts, and wait for the next one, until Ctrl-C or "
                                   "SIGTERM. A failing source is logged and polled again at its next turn. The "
                                   "schedule and what was fetched are kept in the store: a restart resumes.")
    p.add_argument("sources_path", nargs="?", metavar="SOURCES.toml",
                   help="the sources file (default: the sources_file setting)")
    p.add_argument("--every", metavar="DURATION",
                   help="poll every source this often (\"15m\", \"1h\", \"30s\"), instead of each source's "
                        "poll_interval")
    p.add_argument("--once", action="store_true", help="one round: poll the due sources, then exit")
    add_settings(p)

    p = sub.add_parser("sources", help="each source's health: last success, last error, items, documents, events",
                       description="Show each source of a sources file (or, without one, every source the "
                                   "store knows) with its last poll, last success, last error, items seen, "
                                   "documents and events made.")
    p.add_argument("sources_path", nargs="?", metavar="SOURCES.toml",
                   help="the sources file (default: the sources_file setting; none: every source in the store)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    add_settings(p)


# -- what ingest reads from the web -----------------------------------------------------------------


def is_url(path: str) -> bool:
    """Whether a PATH argument is an http(s) URL."""
    return path.lower().startswith(("http://", "https://"))


def ingest_inputs(paths: Sequence[str], feeds: Sequence[str] = (), sitemaps: Sequence[str] = (),
                  url_lists: Sequence[str] = (), sources_file: str | None = None) -> list[str | Source]:
    """What ``ingest`` reads, in order: each PATH (an http(s) URL becomes a source
    read as article, feed or sitemap by what the server sends), then the feeds,
    sitemaps, URL lists and the sources file's sources."""
    inputs: list[str | Source] = [Source(p, "auto", p) if is_url(p) else p for p in paths]
    inputs += [Source(url, "feed", _url(url, "--feed")) for url in feeds]
    inputs += [Source(url, "sitemap", _url(url, "--sitemap")) for url in sitemaps]
    for item in url_lists:
        location = item if is_url(item) else str(Path(item).expanduser().resolve())
        inputs.append(Source(item, "urls", location))
    if sources_file:
        inputs += load_sources(sources_file).sources
    return inputs


def _url(value: str, option: str) -> str:
    if not is_url(value):
        raise InputError(f"{option} {value!r}: not an http(s) URL; give the feed's or sitemap's full address")
    return value


@contextlib.contextmanager
def web_tools(settings: Settings, store: "Store", need_fetcher: bool,
              log: Callable[[str], None]) -> Iterator[tuple["Fetcher | None", "Alerter | None"]]:
    """A fetcher (when ``need_fetcher``) whose cache is the store, and an alerter
    for the ``alerts`` setting's rules (``None`` without one); closed at the end."""
    from .alerts import Alerter, Deliverer, DeliveryPolicy, load_alert_rules
    from .sources import Fetcher

    with contextlib.ExitStack() as stack:
        fetcher = stack.enter_context(Fetcher.from_settings(settings, cache=store)) if need_fetcher else None
        alerter = None
        if settings.alerts is not None:
            rules = load_alert_rules(settings.alerts)
            deliverer = stack.enter_context(Deliverer(DeliveryPolicy.from_settings(settings)))
            alerter = Alerter(rules, store, deliverer, log)
        yield fetcher, alerter


# -- watch -----------------------------------------------------------------------------------------------


def sources_file_of(path: str | None, settings: Settings, command: str) -> Path:
    """The sources file named on the command line, else the ``sources_file`` setting."""
    if path:
        return Path(path)
    if settings.sources_file is not None:
        return settings.sources_file
    raise ConfigError(f"{command} needs a sources file: name it (conflictwatch {command} SOURCES.toml) or set "
                      "sources_file (--sources-file, CONFLICTWATCH_SOURCES_FILE)")


class Console:
    """Log lines on stderr (UTC time first), and a progress line on a terminal."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.progress = Progress(err, "recording")
        self._lock = threading.Lock()

    def log(self, message: str) -> None:
        with self._lock:
            self.progress.close()
            now = dt.datetime.now(dt.timezone.utc)
            print(f"{now:%Y-%m-%d %H:%M:%S}Z {message}", file=self.err, flush=True)

    def advance(self, outcome: "Outcome | None") -> None:
        with self._lock:
            self.progress.advance(getattr(outcome, "status", "skipped"))


def run_watch(recorder: "Recorder", settings: Settings, sources_path: str | None, every: str | None, once: bool,
              err: TextIO) -> int:
    """The ``watch`` command: poll due sources until stopped (Ctrl-C, SIGTERM) or, with
    ``once``, for one round. Returns 0 after a clean stop."""
    from .watch import Watcher

    path = sources_file_of(sources_path, settings, "watch")
    sources = load_sources(path).sources
    interval = parse_duration(every, "--every") if every else None
    if interval is not None and interval.total_seconds() <= 0:
        raise InputError(f"--every {every}: give a positive duration")
    console = Console(err)
    store = recorder.store
    with web_tools(settings, store, True, console.log) as (fetcher, alerter):
        if fetcher is None:
            raise ConfigError("watch: no fetcher could be made")
        watcher = Watcher(sources, fetcher, recorder, store, alerter=alerter, every=interval, log=console.log,
                          on_outcome=console.advance)
        console.log(f"watching {len(sources)} sources of {path}" + (" (one round)" if once else
                    "; Ctrl-C or SIGTERM stops after the document being recorded"))
        with _stop_on_signals(watcher.stop, console.log):
            watcher.run(once=once)
        console.log("stopped" if watcher.stopped else "done")
    return 0


@contextlib.contextmanager
def _stop_on_signals(stop: Callable[[], None], log: Callable[[str], None]) -> Iterator[None]:
    """Ctrl-C and SIGTERM call ``stop`` (a second Ctrl-C interrupts at once)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    asked: list[int] = []

    def handler(signum: int, _frame: FrameType | None) -> None:
        if asked and signum == signal.SIGINT:
            raise KeyboardInterrupt
        asked.append(signum)
        log(f"{signal.Signals(signum).name}: stopping after the document being recorded")
        stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


# -- sources ---------------------------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


def run_sources(store: "Store", settings: Settings, sources_path: str | None, fmt: str, out: TextIO) -> int:
    """The ``sources`` command: each source's health."""
    path = sources_path or (str(settings.sources_file) if settings.sources_file else None)
    with store.reading() as reader:
        if path:
            sources: list[Source | None] = list(load_sources(path).sources)
            states = [reader.source_state(s.name) for s in sources if s is not None]
        else:
            states_known = reader.source_states()
            sources = [None] * len(states_known)
            states = list(states_known)
    now = dt.datetime.now(dt.timezone.utc)
    rows: list[dict[str, Any]] = []
    for source, state in zip(sources, states, strict=True):
        name = source.name if source is not None else state.name if state is not None else "?"
        s = state or SourceState(name)
        rows.append({
            "name": name, "kind": source.kind if source else None,
            "location": source.location if source else None,
            "poll_interval_s": int(source.poll_interval.total_seconds()) if source else None,
            "due": is_due(source, state, now) if source else None,
            "last_polled": s.last_polled.isoformat() if s.last_polled else None,
            "last_success": s.last_success.isoformat() if s.last_success else None,
            "last_error": s.last_error,
            "last_error_at": s.last_error_at.isoformat() if s.last_error_at else None,
            "items_seen": s.items_seen, "documents": s.documents, "events": s.events,
            "_state": s})
    if fmt == "json":
        out.write(json.dumps([{k: v for k, v in r.items() if k != "_state"} for r in rows],
                             ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(f"{'source':<28} {'kind':<8} {'last success':<16} {'last polled':<16} {'items':>6} {'docs':>6} "
              f"{'events':>6}  last error\n")
    for r in rows:
        s = r["_state"]
        error = f"{_when(s.last_error_at)}: {s.last_error}" if s.last_error else "-"
        out.write(f"{r['name'][:28]:<28} {(r['kind'] or '-'):<8} {_when(s.last_success):<16} "
                  f"{_when(s.last_polled):<16} {s.items_seen:>6} {s.documents:>6} {s.events:>6}  {error}\n")
    if not rows:
        out.write("(no sources polled yet; run conflictwatch watch SOURCES.toml)\n")
    return 0
