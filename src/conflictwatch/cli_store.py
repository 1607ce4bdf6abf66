"""The store's commands: ``ingest``, ``events``, ``event``, ``documents``, ``export``,
``reprocess``, ``store``, ``user`` and ``serve``. Each parses and checks its arguments, then calls plain
functions (``run_*``) that the tests call too.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import InputError, NotFound
from .exports import (EXPORT_FORMATS, FORMATS, write_acled_csv, write_csv, write_geojson, write_json, write_jsonl,
                      write_parquet, write_table, write_ucdp_csv)
from .model import Incident
from .output import document_to_dict, incident_to_dict
from .progress import Progress
from .store import EventQuery, Store
from .store.dialect import safe_url
from .store.reader import REVIEW_STATES, STATUSES

if TYPE_CHECKING:
    from .alerts import Alerter
    from .model import StoredDocument
    from .parallel import ClusterOptions
    from .record import Outcome, Recorder
    from .settings import Settings
    from .sources import Fetcher, Source

STORE_COMMANDS = ("ingest", "events", "event", "documents", "export", "reprocess", "store", "user", "watch",
                  "sources")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not WEST,SOUTH,EAST,NORTH (four numbers)") from None
    return west, south, east, north


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"port {port} is not between 1 and 65535")
    return port


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="events on or after this date")
    g.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="events on or before this date")
    g.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="events inside this box (degrees)")
    g.add_argument("--country", metavar="NAME|CODE", help="country name or ISO code")
    g.add_argument("--admin1", metavar="NAME", help="first-level region, as the events name it")
    g.add_argument("--type", dest="event_type", metavar="TYPE", help="ACLED event type or sub-event type")
    g.add_argument("--actor", metavar="TEXT", help="part of an actor's name")
    g.add_argument("--min-fatalities", type=int, metavar="N", help="best fatality estimate at least N")
    g.add_argument("--text", metavar="WORDS", help="words in a report's title or quotes")
    g.add_argument("--review", choices=REVIEW_STATES, help="review state")
    g.add_argument("--status", choices=STATUSES, action="append",
                   help="event status (repeatable; default: active)")


def query_from_args(args: argparse.Namespace) -> EventQuery:
    """The :class:`EventQuery` the filter options describe."""
    return EventQuery(since=args.since, until=args.until, bbox=args.bbox, country=args.country,
                      admin1=args.admin1, event_type=args.event_type, actor=args.actor,
                      min_fatalities=args.min_fatalities, text=args.text, review=args.review,
                      statuses=tuple(args.status) if args.status else ("active",))


def add_store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                       add_settings: Callable[[argparse.ArgumentParser], None]
                       ) -> None:
    """Add the store's subcommands to the ``conflictwatch`` parser."""
    _add_ingest_command(sub, add_settings)

    p = sub.add_parser("events", help="list stored events, filtered",
                       description="List stored events (newest first) with their reports and claims.")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N events")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N events")
    _add_filters(p)
    add_settings(p)

    p = sub.add_parser("event", help="one event: fields, reports, claims, evidence, history",
                       description="Show one event. An id merged into another event shows the survivor.")
    p.add_argument("id", metavar="ID", help="the event id (ev-...)")
    p.add_argument("--history", action="store_true", help="also show every version and merge decision")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_settings(p)

    p = sub.add_parser("documents", help="list stored documents",
                       description="List stored documents: id, url, title, site, published, rights, body kept.")
    p.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table",
                   help="output format (default: table)")
    p.add_argument("--limit", type=int, default=1000, metavar="N", help="at most N documents (default 1000)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N documents")
    add_settings(p)

    p = sub.add_parser("export", help="export stored events (CSV, ACLED, UCDP, GeoJSON, JSONL, Parquet)",
                       description="Write stored events in a format other tools read: ACLED's and UCDP GED's "
                                   "column names and codes, GeoJSON, JSON Lines or Parquet.")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="export format")
    p.add_argument("--output", "-o", metavar="FILE", help="write here (required for parquet; default: stdout)")
    _add_filters(p)
    add_settings(p)

    p = sub.add_parser("reprocess", help="re-read stored documents with this version of the extractor",
                       description="Re-extract every stored document whose text is kept; events change only "
                                   "where the new extraction differs, each change recorded in their history.")
    add_settings(p)

    p = sub.add_parser("store", help="show or upgrade the store", description="Show or upgrade the store.")
    p.add_argument("action", choices=("info", "upgrade"),
                   help="info: where it is and what it holds; upgrade: apply pending schema migrations")
    add_settings(p)

    p = sub.add_parser("serve", help="run the web app and JSON API over the store",
                       description="Serve the map, the event pages, the review queue and the JSON API "
                                   "(/api/, documented at /api/docs) until Ctrl-C.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--workers", type=int, default=1, choices=range(1, 65), metavar="N",
                   help="server processes (default: 1; more serve more requests at once)")
    add_settings(p)

    p = sub.add_parser("user", help="manage reviewers' accounts and API tokens",
                       description="Accounts of the web app. Passwords are read from a prompt, or from the "
                                   "first line of standard input when it is not a terminal.")
    users = p.add_subparsers(dest="user_action", required=True)
    q = users.add_parser("add", help="create an account")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--role", choices=("reviewer", "admin"), default="reviewer", help="default: reviewer")
    add_settings(q)
    q = users.add_parser("password", help="set an account's password (logs its browsers out)")
    q.add_argument("name", metavar="NAME")
    add_settings(q)
    q = users.add_parser("token", help="issue an API token for scripts (printed once)")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--label", default="", help="what the token is for")
    add_settings(q)
    q = users.add_parser("list", help="list the accounts")
    add_settings(q)
    from .cli_sources import add_source_commands

    add_source_commands(sub, add_settings)


def _add_ingest_command(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                        add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``ingest`` subcommand: files, URLs, feeds, sitemaps, sources files, and Dask."""
    p = sub.add_parser("ingest", help="extract events and store them, merged across documents",
                       description="Extract events from articles, web pages, feeds and sitemaps and store them: "
                                   "reports of one incident from several documents become one event. Ingesting "
                                   "the same input again changes nothing; a changed article becomes a new "
                                   "version. Exit code 1 if any input was skipped.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="a text or HTML file, a .jsonl file, a directory, -, or an http(s) URL (an article; "
                        "a feed or sitemap when the server says so)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none (relative dates resolve against it)")
    g = p.add_argument_group("from the web")
    g.add_argument("--feed", action="append", default=[], metavar="URL", help="an RSS or Atom feed (repeatable)")
    g.add_argument("--sitemap", action="append", default=[], metavar="URL",
                   help="a sitemap or sitemap index (repeatable)")
    g.add_argument("--urls", action="append", default=[], metavar="FILE|URL",
                   help="a list of article URLs, one a line (repeatable)")
    g.add_argument("--sources", metavar="FILE.toml", help="every source of a sources file, once")
    g = p.add_argument_group("archives on Dask")
    g.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this process (default); dask: extract in partitions on a Dask cluster")
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="the Dask scheduler to use (default: start a local cluster)")
    g.add_argument("--workers", type=int, default=2, metavar="N",
                   help="worker processes of the local cluster (default 2)")
    g.add_argument("--batch", type=int, default=200, metavar="N", help="documents per Dask task (default 200)")
    p.add_argument("--commit-every", type=int, default=50, metavar="N",
                   help="documents of files and archives stored per transaction (default 50; 1: each "
                        "document on its own). A crash loses at most the documents not yet committed, "
                        "which running the command again records. Inputs from the web, and runs that "
                        "fire alerts, commit each document")
    add_settings(p)


# -- commands ------------------------------------------------------------------------------------


def run_ingest(recorder: "Recorder", paths: Sequence[str | Source], published: dt.date | None, out: TextIO,
               err: TextIO, *, fetcher: "Fetcher | None" = None, alerter: "Alerter | None" = None,
               commit_every: int = 1) -> int:
    """Ingest ``paths``: files, directories, JSONL dumps, ``-``, and web sources
    (read through ``fetcher``, their state kept in the store); extract, store,
    merge, fire alerts; prints a one-line summary. Files are stored
    ``commit_every`` documents to a transaction when no alerts are fired
    (:meth:`~conflictwatch.record.Recorder.batched`)."""
    from .ingest.sources import documents_from_path
    from .record import Summary, ingest
    from .watch import poll_source

    progress = Progress(err, "ingesting")
    alerts = 0

    def on_error(message: str) -> None:
        progress.close()
        print(f"conflictwatch: {message}", file=err)

    def on_progress(outcome: "Outcome | None") -> None:
        nonlocal alerts
        progress.advance(getattr(outcome, "status", "skipped"))
        if alerter is not None and outcome is not None and (outcome.created or outcome.updated):
            alerts += len(alerter.check(outcome.created + outcome.updated))

    summary = Summary()
    try:
        for path in paths:
            if isinstance(path, str):
                with recorder.batched(commit_every if alerter is None else 1):
                    summary = summary.plus(ingest(recorder, documents_from_path(path, published), on_error,
                                                  on_progress))
                continue
            if fetcher is None:
                raise InputError(f"{path.location}: a web source needs a fetcher")
            report = poll_source(path, fetcher, recorder, state=recorder.store, alerter=alerter, on_error=on_error,
                                 on_outcome=lambda outcome: progress.advance(getattr(outcome, "status", "skipped")))
            alerts += report.alerts
            summary = summary.plus(report.summary)
            if report.source_error and not report.errors:
                on_error(f"{path.name}: {report.source_error}")
                summary = dataclasses.replace(summary, skipped=summary.skipped + 1)
    finally:
        progress.close()
    out.write(summary.line() + (f"; alerts: {alerts}" if alerter is not None else "") + "\n")
    return 1 if summary.skipped else 0


def run_ingest_dask(recorder: "Recorder", paths: Sequence[str], published: dt.date | None, options: "ClusterOptions",
                    data_dir: str, config: str | None, out: TextIO, err: TextIO,
                    alerter: "Alerter | None" = None, commit_every: int = 1) -> int:
    """Ingest files and archives with extraction on a Dask cluster; prints a one-line
    summary. Documents are stored ``commit_every`` to a transaction when no alerts are fired."""
    from .parallel import ingest_on_cluster, open_client

    progress = Progress(err, "ingesting on dask")
    alerts = 0

    def on_error(message: str) -> None:
        progress.close()
        print(f"conflictwatch: {message}", file=err)

    def on_progress(outcome: "Outcome | None") -> None:
        nonlocal alerts
        progress.advance(getattr(outcome, "status", "skipped"))
        if alerter is not None and outcome is not None and (outcome.created or outcome.updated):
            alerts += len(alerter.check(outcome.created + outcome.updated))

    try:
        with open_client(options) as client, recorder.batched(commit_every if alerter is None else 1):
            summary = ingest_on_cluster(recorder, paths, published, client, options, data_dir, config,
                                        on_error, on_progress)
    finally:
        progress.close()
    out.write(summary.line() + (f"; alerts: {alerts}" if alerter is not None else "") + "\n")
    return 1 if summary.skipped else 0


def run_events(store: Store, query: EventQuery, fmt: str, limit: int | None, offset: int, out: TextIO) -> int:
    """List events matching ``query``."""
    writers = {"table": lambda it: write_table(it, out, shutil.get_terminal_size((160, 24)).columns),
               "json": lambda it: write_json(it, out), "jsonl": lambda it: write_jsonl(it, out),
               "csv": lambda it: write_csv(it, out), "geojson": lambda it: write_geojson(it, out)}
    with store.reading() as reader:
        if limit is not None:
            incidents = reader.events(query, limit, offset).items
            writers[fmt](iter(incidents))
        else:
            writers[fmt](_skip(reader.iter_events(query), offset))
    return 0


def _skip(items: Iterable[Incident], count: int) -> Iterator[Incident]:
    for i, item in enumerate(items):
        if i >= count:
            yield item


def run_event(store: Store, event_id: str, history: bool, fmt: str, out: TextIO) -> int:
    """Show one event (and its history)."""
    with store.reading() as reader:
        incident = reader.incident(event_id)
        if incident is None:
            raise NotFound(f"no event {event_id!r} in the store; list them with: conflictwatch events")
        versions = reader.history(incident.id) if history else []
        decisions = reader.decisions(incident.id) if history else []
        aliases = reader.merged_ids(incident.id)
    if fmt == "json":
        data = incident_to_dict(incident)
        data["aliases"] = aliases
        if history:
            data["history"] = [{"version": v.version, "at": v.at.isoformat(), "by": v.by, "action": v.action,
                                "summary": v.summary, "changes": [[c.field, c.old, c.new] for c in v.changes]}
                               for v in versions]
            data["merge_decisions"] = [{"report_id": d.report_id, "action": d.action, "score": d.score,
                                        "reasons": list(d.reasons), "candidates": d.candidates,
                                        "at": d.at.isoformat(), "by": d.by} for d in decisions]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(describe(incident, aliases))
    if history:
        out.write("\nhistory:\n")
        for v in versions:
            out.write(f"  v{v.version}  {v.at.isoformat(sep=' ')}  {v.by}  {v.action}: {v.summary}\n")
            for c in v.changes if v.version > 1 else ():
                out.write(f"        {c.field}: {_short(c.old)} -> {_short(c.new)}\n")
        out.write("\nmerge decisions:\n")
        for d in decisions:
            score = f"{d.score:g}" if d.score is not None else "-"
            out.write(f"  {d.at.isoformat(sep=' ')}  {d.report_id} {d.action} (score {score}, "
                      f"{d.candidates} candidates): {'; '.join(d.reasons)}\n")
    return 0


def _short(value: str | None, limit: int = 90) -> str:
    if value is None:
        return "-"
    return value if len(value) <= limit else value[:limit - 1] + "…"


def describe(incident: Incident, aliases: Sequence[str] = ()) -> str:
    """An event as text for a terminal."""
    loc = incident.location
    lines = [f"{incident.id}  (version {incident.version}, {incident.status}, review: {incident.review})"]
    if aliases:
        lines.append(f"  also known as: {', '.join(aliases)}")
    lines.append(f"  {incident.event_type} / {incident.sub_event_type}")
    lines.append(f"  date: {incident.date.isoformat() if incident.date else 'unknown'} "
                 f"(precision {incident.date_precision})")
    if loc is not None:
        where = ", ".join(x for x in (loc.name, loc.admin1, loc.country) if x)
        lines.append(f"  place: {where} (precision {loc.precision}"
                     + (f"; {loc.lat}, {loc.lon}" if loc.lat is not None else "") + ")")
    for a in incident.actors:
        lines.append(f"  {a.role}: {a.name}" + (f" (fighting for {a.side})" if a.side else ""))
    for label, r in (("fatalities", incident.fatalities), ("wounded", incident.wounded)):
        if r is not None:
            lines.append(f"  {label}: low {r.low}, best {r.best}, high {r.high}")
    if incident.overridden:
        lines.append(f"  set by a reviewer: {', '.join(incident.overridden)}")
    lines.append("  reports:")
    for report in incident.reports:
        s = report.source
        lines.append(f"    {s.published.isoformat() if s.published else '?'}  {s.site or '-'}  {s.title or ''}"
                     f"  [{s.document_id}]" + (f" {s.url}" if s.url else ""))
    if incident.claims:
        lines.append("  claims:")
        for sc in incident.claims:
            c = sc.claim
            numbers = f"{c.low}" + (f"-{c.high}" if c.high is not None and c.high != c.low else
                                    ("+" if c.high is None else ""))
            lines.append(f"    {c.figure} {numbers}" + (" (part)" if c.part else "")
                         + f"  claimant: {c.claimant or 'not named'}  source: {sc.source.site or sc.source.document_id}"
                         + f"  \"{c.span.text}\"")
    return "\n".join(lines) + "\n"


def run_documents(store: Store, fmt: str, limit: int, offset: int, out: TextIO) -> int:
    """List stored documents."""
    import csv

    with store.reading() as reader:
        page = reader.documents(limit, offset)
    rows = []
    for d in page.items:
        data: dict[str, Any] = {"id": d.id, "version": d.version, **document_to_dict_stored(d)}
        rows.append(data)
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        columns = ("id", "url", "title", "site", "published", "language", "tdm_reserved", "body_kept", "version")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] if row[c] is not None else "" for c in columns])
    else:
        out.write(f"{'id':<20} {'published':<10} {'site':<22} {'rights':<8} title\n")
        for row in rows:
            rights = "reserved" if row["tdm_reserved"] else "-"
            out.write(f"{row['id']:<20} {row['published'] or '?':<10} {(row['site'] or '-')[:22]:<22} "
                      f"{rights:<8} {row['title'] or row['url'] or ''}\n")
        out.write(f"({len(rows)} of {page.total} documents)\n")
    return 0


def document_to_dict_stored(d: "StoredDocument") -> dict[str, object]:
    """A stored document's metadata (never its body): url, title, site, published, rights."""
    from .model import Document

    data = document_to_dict(Document(d.id, "", d.title, d.published, d.url, d.site, d.language, d.rights))
    flat = {k: v for k, v in data.items() if k != "rights"}
    flat["tdm_reserved"] = d.rights.tdm_reserved
    flat["rights_source"] = d.rights.source
    flat["body_kept"] = d.body_kept
    return flat


def run_export(store: Store, query: EventQuery, fmt: str, output: str | None, out: TextIO) -> int:
    """Export events matching ``query`` in ``fmt`` to ``output`` (or ``out``)."""
    if fmt == "parquet" and not output:
        raise InputError("--format parquet writes a binary file: give it with -o FILE")
    with store.reading() as reader:
        incidents = reader.iter_events(query)
        if output is None:
            _export_to(fmt, incidents, out, None)
            return 0
        target = Path(output)
        if target.is_dir():
            raise InputError(f"{output} is a directory; give a file name with -o")
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(f"cannot write {output}: the folder {folder} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            if fmt == "parquet":
                os.close(fd)
                write_parquet(incidents, Path(tmp))
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    _export_to(fmt, incidents, handle, None)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return 0


def _export_to(fmt: str, incidents: Iterable[Incident], out: TextIO, _path: Path | None) -> None:
    {"csv": write_csv, "acled-csv": write_acled_csv, "ucdp-csv": write_ucdp_csv, "geojson": write_geojson,
     "jsonl": write_jsonl}[fmt](incidents, out)


def run_reprocess(recorder: "Recorder", out: TextIO, err: TextIO) -> int:
    """Re-extract every stored document whose body is kept."""
    from .record import Summary

    summary = Summary()
    kept = 0
    progress = Progress(err, "reprocessing")
    with recorder.store.reading() as reader:
        ids = [d.id for d in reader.iter_documents()]
    for doc_id in ids:
        with recorder.store.reading() as reader:
            document = reader.document(doc_id)
        if document is None:
            continue
        outcome = recorder.reprocess(document)
        kept += outcome.status == "kept"
        summary = summary.add(outcome)
        progress.advance(outcome.status)
    progress.close()
    out.write(f"reprocessed with {recorder.extractor}: " + summary.line()
              + (f"; {kept} kept as they were (rights reserved: no text stored)" if kept else "") + "\n")
    return 0


def run_store(store: Store, action: str, out: TextIO) -> int:
    """Describe the store, or upgrade its schema."""
    from .store import migrate

    if action == "upgrade":
        before, after = migrate.upgrade(store.engine)
        out.write(f"{safe_url(store.url)}: schema {before or 'none'} -> {after}\n")
        return 0
    revision = migrate.current(store.engine)
    out.write(f"{safe_url(store.url)}\n  {store.dialect}, schema {revision or 'none (empty)'}"
              + ("" if revision == migrate.head() else f"; this version needs {migrate.head()}: "
                 "run conflictwatch store upgrade") + "\n")
    if revision is None:
        return 0
    with store.reading() as reader:
        counts = reader.counts()
    for name, count in counts.items():
        out.write(f"  {count} {name}\n")
    return 0



def read_password(stdin: TextIO, err: TextIO, confirm: bool = True) -> str:
    """A password from a prompt (typed twice), or the first line of ``stdin`` when it
    is not a terminal."""
    import getpass

    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ", stream=err)
    if confirm and getpass.getpass("again: ", stream=err) != first:
        raise InputError("the two passwords differ; run the command again")
    return first


def run_user(store: Store, action: str, name: str | None, role: str, label: str, stdin: TextIO, out: TextIO,
             err: TextIO) -> int:
    """Add an account, set its password, issue it an API token, or list the accounts."""
    from . import accounts

    if action == "list":
        with store.reading() as reader:
            for user in reader.users():
                out.write(f"{user.name}\t{user.role}\t{user.created.isoformat(sep=' ') if user.created else ''}"
                          + ("\tdisabled" if user.disabled else "") + "\n")
        return 0
    if not name:
        raise InputError(f"conflictwatch user {action} needs a NAME")
    if action == "add":
        accounts.check_name(name)
        user = accounts.add_user(store, name, read_password(stdin, err), role)
        out.write(f"added {user.role} {user.name}; log in at /login, or get an API token with: "
                  f"conflictwatch user token {user.name}\n")
        return 0
    if action == "password":
        accounts.set_password(store, name, read_password(stdin, err))
        out.write(f"password of {name} changed; its browsers were logged out\n")
        return 0
    token = accounts.issue_token(store, name, label)
    out.write(token + "\n")
    err.write(f"conflictwatch: API token for {name}, shown once; send it as 'Authorization: Bearer <token>'\n")
    return 0


def run_serve(settings: "Settings", host: str, port: int, out: TextIO, workers: int = 1) -> int:
    """Run the web app until Ctrl-C, printing its address."""
    from .serve import serve

    def ready(url: str) -> None:
        out.write(f"ConflictWatch is serving {safe_url(settings.db)} at {url} (Ctrl-C stops it)\n")
        out.flush()

    try:
        serve(settings, host, port, ready, workers)
    except KeyboardInterrupt:
        pass
    return 0
