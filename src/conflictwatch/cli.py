"""The ``conflictwatch`` command: a thin layer over the library.

Each subcommand parses and checks its arguments, then calls plain functions that
the tests call too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .errors import ConflictWatchError, InputError
from .ingest.sources import documents_from_path, parse_date
from .model import Result
from .output import geojson_features, result_to_dict, to_jsonl_line, write_csv
from .pipeline import Pipeline
from .settings import SETTINGS, Settings, resolve_settings
from .cli_store import STORE_COMMANDS, add_store_commands

if TYPE_CHECKING:
    from .record import Recorder
    from .store import Store

FORMATS = ("jsonl", "json", "csv", "geojson")


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
        description="Turn news reports about armed conflict into structured, evidence-linked events.")
    parser.add_argument("--version", action="version", version=f"conflictwatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events from articles (text, HTML, JSONL, stdin)",
                       description="Extract events from article files, directories, JSONL dumps or - (stdin).")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a text or HTML file, a .jsonl file, a directory, or -")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none (relative dates resolve against it)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    _add_settings(p)

    p = sub.add_parser("eval", help="score the extractor against gold JSONL files",
                       description="Score the extractor against human-coded gold lines.")
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl", help="gold file(s) in the data/dev format")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    _add_settings(p)

    add_store_commands(sub, _add_settings)

    p = sub.add_parser("gazetteer", help="build or inspect the offline gazetteer index",
                       description="Build or inspect the compiled gazetteer index.")
    p.add_argument("action", choices=("build", "info"), help="build: compile the index now; info: show it")
    _add_settings(p)
    return parser


def run_extract(paths: Sequence[str], fmt: str, published: dt.date | None, pipeline: Pipeline,
                out: TextIO, err: TextIO) -> int:
    """Extract events from ``paths`` and write them to ``out``; returns an exit code.

    A bad file or line is reported on ``err`` and skipped; the others are still
    processed (exit code 1 tells that something was skipped).
    """
    failures = 0
    results: list[Result] = []
    first_json = True
    if fmt == "json":
        out.write("[\n")
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [\n')
    elif fmt == "csv":
        write_csv([], out, header=True)
    for path in paths:
        for item in documents_from_path(path, published):
            if isinstance(item, InputError):
                print(f"conflictwatch: {item}", file=err)
                failures += 1
                continue
            try:
                result = pipeline.extract(item)
            except ConflictWatchError as exc:
                print(f"conflictwatch: {item.id}: {exc}", file=err)
                failures += 1
                continue
            if fmt == "jsonl":
                out.write(to_jsonl_line(result) + "\n")
            elif fmt == "csv":
                write_csv([result], out, header=False)
            elif fmt == "json":
                out.write(("" if first_json else ",\n") + json.dumps(result_to_dict(result), ensure_ascii=False, indent=2))
                first_json = False
            else:
                for feature in geojson_features(result):
                    out.write(("" if first_json else ",\n") + json.dumps(feature, ensure_ascii=False))
                    first_json = False
            results.append(result)
            out.flush()
    if fmt == "json":
        out.write("\n]\n")
    elif fmt == "geojson":
        out.write("\n]}\n")
    return 1 if failures else 0


def run_eval(gold: Sequence[str], as_json: bool, pipeline: Pipeline, out: TextIO) -> int:
    """Score ``pipeline`` on gold files and print the scores."""
    from .evaluate import format_report, iter_reports

    reports = list(iter_reports([Path(g) for g in gold], pipeline.extract,
                                pipeline.resources.gazetteer(), pipeline.resources.actors()))
    if as_json:
        out.write(json.dumps([r.as_dict() for r in reports], indent=2) + "\n")
    else:
        out.write("\n\n".join(format_report(r) for r in reports) + "\n")
    return 0


def run_gazetteer(action: str, data_dir: Path, out: TextIO) -> int:
    """Build or describe the gazetteer index."""
    from .geocode.build import build_index
    from .geocode.gazetteer import default_index_path, open_gazetteer

    path = default_index_path(data_dir)
    if action == "build":
        started = time.perf_counter()
        build_index(path)
        out.write(f"built {path} in {time.perf_counter() - started:.1f} s\n")
        return 0
    started = time.perf_counter()
    gazetteer = open_gazetteer(data_dir, build=False)
    out.write(f"{path}\n  {len(gazetteer)} entries, loaded in {time.perf_counter() - started:.2f} s\n")
    return 0


def make_recorder(settings: Settings, store: "Store") -> "Recorder":
    """A :class:`~conflictwatch.record.Recorder` over the configured pipeline and ``store``."""
    from .merge import load_rules
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
                                     alerter)
        return c.run_ingest(recorder, inputs, published, sys.stdout, sys.stderr, fetcher=fetcher, alerter=alerter)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``conflictwatch`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = resolve_settings({s.name: getattr(args, s.name, None) for s in SETTINGS})
        if args.command == "gazetteer":
            return run_gazetteer(args.action, settings.data_dir, sys.stdout)
        if args.command in STORE_COMMANDS:
            return run_store_command(args, settings)
        if args.command == "serve":
            from .cli_store import run_serve

            return run_serve(settings, args.host, args.port, sys.stdout, args.workers)
        pipeline = Pipeline.from_settings(settings)
        if args.command == "extract":
            published = parse_date(args.published, "--published") if args.published else None
            if args.output:
                with open(args.output, "w", encoding="utf-8", newline="") as handle:
                    return run_extract(args.paths, args.format, published, pipeline, handle, sys.stderr)
            return run_extract(args.paths, args.format, published, pipeline, sys.stdout, sys.stderr)
        if args.command == "eval":
            return run_eval(args.gold, args.json, pipeline, sys.stdout)
    except ConflictWatchError as exc:
        print(f"conflictwatch: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
