"""The ``conflictwatch`` command: a thin layer over the library.

Each subcommand parses and checks its arguments, then calls plain functions that
the tests call too. Failures are one line on stderr, never a traceback; the exit
codes are in :data:`EXIT_CODES` (and ``--help``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO, cast

from . import __version__
from .errors import ConfigError, ConflictWatchError, InputError
from .ingest.sources import parse_date
from .output import FORMATS
from .settings import SETTINGS, Settings, resolve_settings
from .cli_store import STORE_COMMANDS, add_store_commands

if TYPE_CHECKING:
    from .record import Recorder
    from .store import Store

if TYPE_CHECKING:
    from .pipeline import Pipeline

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_FAILED = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

EXIT_CODES = (
    (EXIT_OK, "every input was read and processed"),
    (EXIT_SKIPPED, "finished, but some inputs (a file, a JSONL line, a page) were skipped: "
                   "each is named on stderr, the rest is written"),
    (EXIT_FAILED, "nothing was done: bad arguments or settings, an input that cannot be opened, "
                  "or an output that cannot or may not be written (an existing output file is "
                  "left as it was)"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C); an existing output file is left as it was"),
    (EXIT_TERMINATED, "terminated (SIGTERM); an existing output file is left as it was"),
)
"""Exit codes of the ``conflictwatch`` command and what each means."""

_WARNINGS_SHOWN = 10  # non-English documents named one by one; the rest are counted


class _Terminated(BaseException):
    """SIGTERM arrived: stop as Ctrl-C does (a BaseException, like KeyboardInterrupt,
    so that nothing on the way mistakes it for an error in one document)."""


def _exit_codes_epilog() -> str:
    lines = ["exit codes:"]
    for code, meaning in EXIT_CODES:
        lines.append(textwrap.fill(meaning, width=78, initial_indent=f"  {code:<5}", subsequent_indent=" " * 7))
    return "\n".join(lines)


def _add_settings(parser: argparse.ArgumentParser) -> None:
    for s in SETTINGS:
        if s.kind == "switch":
            parser.add_argument(f"--{s.name.replace('_', '-')}", dest=s.name, default=None,
                                action="store_true", help=f"{s.help} [env {s.env}]")
            continue
        parser.add_argument(f"--{s.name.replace('_', '-')}", dest=s.name, default=None,
                            metavar=s.metavar, help=f"{s.help} [env {s.env}]")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test)."""
    parser = argparse.ArgumentParser(
        prog="conflictwatch",
        description="Turn news reports about armed conflict into structured, evidence-linked events.",
        epilog=_exit_codes_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"conflictwatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events from articles (text, HTML, JSONL, stdin)",
                       description="Extract events from article files, folders, JSONL dumps or - (stdin). "
                                   "The output is written in full or not at all: an existing file is "
                                   "replaced only when the run ends.",
                       epilog=_exit_codes_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a text or HTML file, a .jsonl file, a folder of them, or - for stdin")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none (relative dates resolve against it)")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write here instead of standard output (never one of the inputs)")
    p.add_argument("--explain", action="store_true",
                   help="add to each document an \"explain\" list: why each event is what it is and why each "
                        "trigger that became no event did not (jsonl and json only)")
    _add_settings(p)

    p = sub.add_parser("explain", help="explain the extraction of one article: every event and every non-event",
                       description="Print, for each event of an article and each trigger word that became no "
                                   "event, the rules that fired, the vetoes that stopped it, the claims "
                                   "considered and which were kept, and the places named and why one was "
                                   "chosen.",
                       epilog=_exit_codes_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path", metavar="PATH", help="a text or HTML file, a .jsonl file (every line), or - for stdin")
    p.add_argument("--sentence", type=int, metavar="N",
                   help="only the events told in sentence N (counted from 1) and its triggers")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none (relative dates resolve against it)")
    _add_settings(p)

    p = sub.add_parser("eval", help="score the extractor against gold JSONL files",
                       description="Score the extractor against human-coded gold lines.",
                       epilog=_exit_codes_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl", help="gold file(s) in the data/dev format")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    _add_settings(p)

    add_store_commands(sub, _add_settings)

    p = sub.add_parser("gazetteer", help="build or inspect the offline gazetteer index",
                       description="Build or inspect the compiled gazetteer index.",
                       epilog=_exit_codes_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=("build", "info"), help="build: compile the index now; info: show it")
    _add_settings(p)
    return parser


class _LanguageNotes:
    """Warnings for documents not in English: the first few by name, then a count."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.counts: Counter[str] = Counter()

    def see(self, doc_id: str, language: str | None) -> None:
        if language is None or language == "en":
            return
        from .ingest.language import language_name

        self.counts[language] += 1
        if sum(self.counts.values()) <= _WARNINGS_SHOWN:
            print(f"conflictwatch: warning: {doc_id}: the text is in {language_name(language)} ({language}), "
                  "not English; the extractor reads English only, so events may be missing "
                  f'(the output says "language": "{language}")', file=self.err)

    def summary(self) -> None:
        total = sum(self.counts.values())
        if total > _WARNINGS_SHOWN:
            from .ingest.language import language_name

            which = ", ".join(f"{language_name(code)} {n}" for code, n in self.counts.most_common())
            print(f"conflictwatch: warning: {total} documents in all are not in English ({which}); "
                  "events may be missing from them", file=self.err)


def run_extract(paths: Sequence[str], fmt: str, published: dt.date | None, pipeline: Pipeline,
                out: TextIO, err: TextIO, max_bytes: int | None = None, explain: bool = False) -> int:
    """Extract events from ``paths`` and write them to ``out`` as they come; returns
    an exit code.

    ``paths`` are files or ``-`` (see :func:`~conflictwatch.ingest.resolve_inputs`
    for folders). Results are written and dropped one document at a time (a long
    text a window at a time), so memory does not grow with the input. A bad file,
    line or page is reported on ``err`` and skipped; the others are still processed
    (exit code 1 tells that something was skipped). A document not in English is
    processed and warned about on ``err``. ``explain`` adds each document's
    explanation (JSON and JSON lines only; see :mod:`conflictwatch.explain`).
    """
    from .explain import Trace
    from .ingest.sources import DEFAULT_MAX_BYTES, documents_from_path
    from .output import StreamWriter

    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    failures = 0
    languages = _LanguageNotes(err)
    writer = StreamWriter(out, fmt)
    writer.start()
    for path in paths:
        for item in documents_from_path(path, published, limit):
            if isinstance(item, InputError):
                print(f"conflictwatch: {item}", file=err)
                failures += 1
                continue
            languages.see(item.id, item.language)
            try:
                if explain:
                    trace = Trace()
                    writer.document(pipeline.extract_parts(item, trace),
                                    lambda: trace.explanation(item.id).as_dicts())  # noqa: B023 - called at once
                else:
                    writer.document(pipeline.extract_parts(item))
            except ConflictWatchError as exc:
                print(f"conflictwatch: {item.id}: {exc}", file=err)
                failures += 1
            except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the others
                # A bug meets an input it was not written for: report it, keep the rest.
                print(f"conflictwatch: {item.id}: skipped after an internal error ({type(exc).__name__}: "
                      f"{_one_line(str(exc))}); please report it with the document", file=err)
                failures += 1
    writer.finish()
    languages.summary()
    return EXIT_SKIPPED if failures else EXIT_OK


def run_explain(path: str, sentence: int | None, published: dt.date | None, pipeline: Pipeline, out: TextIO,
                err: TextIO, max_bytes: int | None = None) -> int:
    """Print the explanation of each document of ``path``; returns an exit code."""
    from .ingest.sources import DEFAULT_MAX_BYTES, documents_from_path

    failures = 0
    for item in documents_from_path(path, published, DEFAULT_MAX_BYTES if max_bytes is None else max_bytes):
        if isinstance(item, InputError):
            print(f"conflictwatch: {item}", file=err)
            failures += 1
            continue
        _, explanation = pipeline.explain(item)
        if sentence is not None:
            explanation = explanation.for_sentence(sentence)
        out.write(explanation.text())
    return EXIT_SKIPPED if failures else EXIT_OK


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def run_eval(gold: Sequence[str], as_json: bool, pipeline: Pipeline, out: TextIO) -> int:
    """Score ``pipeline`` on gold files and print the scores."""
    from .evaluate import format_report, iter_reports

    reports = list(iter_reports([Path(g) for g in gold], pipeline.extract,
                                pipeline.resources.gazetteer(), pipeline.resources.actors()))
    if as_json:
        out.write(json.dumps([r.as_dict() for r in reports], indent=2) + "\n")
    else:
        out.write("\n\n".join(format_report(r) for r in reports) + "\n")
    return EXIT_OK


def run_gazetteer(action: str, data_dir: Path, out: TextIO) -> int:
    """Build or describe the gazetteer index."""
    from .geocode.build import build_index
    from .geocode.gazetteer import default_index_path, open_gazetteer

    path = default_index_path(data_dir)
    if action == "build":
        started = time.perf_counter()
        build_index(path)
        out.write(f"built {path} in {time.perf_counter() - started:.1f} s\n")
        return EXIT_OK
    started = time.perf_counter()
    gazetteer = open_gazetteer(data_dir, build=False)
    out.write(f"{path}\n  {len(gazetteer)} entries, loaded in {time.perf_counter() - started:.2f} s\n")
    return EXIT_OK


def _extract(args: argparse.Namespace, settings_flags: dict[str, str | None]) -> int:
    from .ingest.sources import parse_date, resolve_inputs
    from .safe_output import STDOUT, SafeOutput, check_output

    settings = resolve_settings(settings_flags)
    published = parse_date(args.published, "--published") if args.published else None
    if args.explain and args.format not in ("jsonl", "json"):
        raise ConfigError(f"--explain is written only with --format jsonl or json, not {args.format}; "
                          "drop --explain or change the format")
    # Every input must open, and the output be writable, before anything is read or written.
    inputs = resolve_inputs(args.paths)
    target = args.output or STDOUT
    check_output(target, inputs)
    output = SafeOutput(target)
    handle = cast(TextIO, output.open())  # text mode; a temporary file beside the target: the target is not touched yet
    try:
        from .pipeline import Pipeline  # the rules compile on import: only once the checks pass

        pipeline = Pipeline.from_settings(settings)
        code = run_extract(inputs, args.format, published, pipeline, handle, sys.stderr,
                           settings.max_document_bytes, args.explain)
    except BaseException:
        output.discard()
        raise
    output.commit()
    return code


def _interrupted(code: int, args: argparse.Namespace | None) -> int:
    what = "interrupted" if code == EXIT_INTERRUPTED else "terminated"
    target = getattr(args, "output", None)
    left = f"; {target} was left as it was" if target and target != "-" else ""
    print(f"conflictwatch: {what}{left}", file=sys.stderr)
    return code


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated()


def make_recorder(settings: Settings, store: "Store") -> "Recorder":
    """A :class:`~conflictwatch.record.Recorder` over the configured pipeline and ``store``."""
    from .merge import load_rules
    from .pipeline import Pipeline
    from .record import Recorder

    pipeline = Pipeline.from_settings(settings)
    return Recorder(store, lambda doc: pipeline.extract(doc).events, load_rules(),
                    pipeline.resources.actors().country_name)


def run_store_command(args: argparse.Namespace, settings: Settings) -> int:
    """Open the store and run one of its commands."""
    from . import cli_store as c
    from .store import Store

    with Store.open(settings.db, check=args.command != "store") as store:
        if store.upgraded_from:
            print(f"conflictwatch: upgraded the store from schema {store.upgraded_from}", file=sys.stderr)
        if args.command == "ingest":
            return _ingest(args, settings, store)
        if args.command == "watch":
            from .cli_sources import run_watch

            return run_watch(make_recorder(settings, store), settings, args.sources_path, args.every, args.once,
                             sys.stderr)
        if args.command == "sources":
            from .cli_sources import run_sources

            return run_sources(store, settings, args.sources_path, args.format, sys.stdout)
        if args.command == "reprocess":
            return c.run_reprocess(make_recorder(settings, store), sys.stdout, sys.stderr)
        if args.command == "events":
            return c.run_events(store, c.query_from_args(args), args.format, args.limit, args.offset, sys.stdout)
        if args.command == "event":
            return c.run_event(store, args.id, args.history, args.format, sys.stdout)
        if args.command == "documents":
            return c.run_documents(store, args.format, args.limit, args.offset, sys.stdout)
        if args.command == "export":
            return c.run_export(store, c.query_from_args(args), args.format, args.output, sys.stdout)
        if args.command == "user":
            return c.run_user(store, args.user_action, getattr(args, "name", None), getattr(args, "role", "reviewer"),
                              getattr(args, "label", ""), sys.stdin, sys.stdout, sys.stderr)
        return c.run_store(store, args.action, sys.stdout)


def _ingest(args: argparse.Namespace, settings: Settings, store: "Store") -> int:
    """The ``ingest`` command: files and archives, URLs, feeds, sitemaps, URL lists and
    sources files, in this process or (archives) on a Dask cluster."""
    from . import cli_store as c
    from .cli_sources import ingest_inputs, is_url, web_tools

    published = parse_date(args.published, "--published") if args.published else None
    if args.commit_every < 1:
        raise InputError(f"--commit-every {args.commit_every}: give at least one document per transaction")
    inputs = ingest_inputs(args.paths, args.feed, args.sitemap, args.urls, args.sources)
    if not inputs:
        raise InputError("ingest: nothing to read; give files, folders, JSONL dumps or URLs, or --feed, "
                         "--sitemap, --urls or --sources")
    web = any(not isinstance(i, str) for i in inputs)
    recorder = make_recorder(settings, store)

    def log(message: str) -> None:
        print(f"conflictwatch: {message}", file=sys.stderr)

    with web_tools(settings, store, web, log) as (fetcher, alerter):
        if args.engine == "dask":
            from .parallel import ClusterOptions

            if web or any(is_url(p) for p in args.paths):
                raise InputError("--engine dask reads files, folders and JSONL archives; ingest URLs, feeds, "
                                 "sitemaps and sources without it")
            options = ClusterOptions(args.scheduler, args.workers, args.batch)
            return c.run_ingest_dask(recorder, args.paths, published, options, str(settings.data_dir),
                                     str(settings.config) if settings.config else None, sys.stdout, sys.stderr,
                                     alerter, args.commit_every)
        return c.run_ingest(recorder, inputs, published, sys.stdout, sys.stderr, fetcher=fetcher, alerter=alerter,
                            commit_every=args.commit_every)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``conflictwatch`` command; returns the exit code."""
    args: argparse.Namespace | None = None
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        flags = {s.name: getattr(args, s.name, None) for s in SETTINGS}
        if args.command == "extract":
            return _extract(args, flags)
        settings = resolve_settings(flags)
        if args.command == "gazetteer":
            return run_gazetteer(args.action, settings.data_dir, sys.stdout)
        if args.command == "explain":
            from .ingest.sources import parse_date, resolve_inputs
            from .pipeline import Pipeline

            published = parse_date(args.published, "--published") if args.published else None
            if args.sentence is not None and args.sentence < 1:
                raise ConfigError(f"--sentence {args.sentence}: sentences are counted from 1")
            resolve_inputs([args.path])  # it must open before the gazetteer loads
            return run_explain(args.path, args.sentence, published, Pipeline.from_settings(settings), sys.stdout,
                               sys.stderr, settings.max_document_bytes)
        if args.command in STORE_COMMANDS:
            return run_store_command(args, settings)
        if args.command == "serve":
            from .cli_store import run_serve

            return run_serve(settings, args.host, args.port, sys.stdout, args.workers)
        from .pipeline import Pipeline

        pipeline = Pipeline.from_settings(settings)
        return run_eval(args.gold, args.json, pipeline, sys.stdout)
    except ConflictWatchError as exc:
        print(f"conflictwatch: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return _interrupted(EXIT_INTERRUPTED, args)
    except _Terminated:
        return _interrupted(EXIT_TERMINATED, args)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from
        # complaining when it flushes standard output at exit.
        _silence_stdout()
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
