"""API benchmark: a map view's request (a bbox and a 30-day range, a page of 100 events)
over 1,000,000 stored events, on SQLite and on PostgreSQL, with concurrent clients.

Usage: .venv/bin/python bench/api.py [--events N] [--backend sqlite|postgresql|both]
                                     [--clients 1,4] [--workers W] [--requests R]
                                     [--sqlite-file PATH] [--postgres URL]

The store is filled with synthetic incidents written straight to its tables on the
store's SQLAlchemy connection (executemany on SQLite, COPY on PostgreSQL; not through
extraction): each incident has one actor, one report from one of N/10 documents, a
claim and a piece of evidence, around twelve conflict hot spots over six years. The server runs
in its own processes (``conflictwatch
serve --workers W``: the app under uvicorn) on 127.0.0.1; C clients on loopback send R
requests of ``/api/events?bbox=...&since=...&until=...&limit=100`` (the map's
request: JSON summaries, each event's fields and actors, with the total) after a
warm-up. Prints p50 / p95 latency and requests
per second, and the load average (the machine may be shared). Target: p95 <= 50 ms.
The PostgreSQL store lives in a schema of its own, dropped at the end; the SQLite file
in a temporary folder, deleted at the end (or kept at ``--sqlite-file`` and reused).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HOT_SPOTS = [  # (lat, lon, country code, country, admin1)
    (48.0, 37.8, "UA", "Ukraine", "Donetsk"), (50.0, 36.2, "UA", "Ukraine", "Kharkiv"),
    (46.6, 32.6, "UA", "Ukraine", "Kherson"), (51.7, 36.2, "RU", "Russia", "Kursk"),
    (31.4, 34.4, "PS", "Palestine", "Gaza Strip"), (13.6, 25.3, "SD", "Sudan", "North Darfur"),
    (15.6, 32.5, "SD", "Sudan", "Khartoum"), (-1.7, 29.2, "CD", "DR Congo", "Nord Kivu"),
    (12.4, -1.5, "BF", "Burkina Faso", "Centre"), (2.0, 45.3, "SO", "Somalia", "Banaadir"),
    (21.9, 96.1, "MM", "Myanmar", "Mandalay"), (35.9, 36.6, "SY", "Syria", "Idlib"),
]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]
START = dt.date(2020, 1, 1)
DAYS = 6 * 365


def fill(url: str, events: int, batch: int = 20000) -> float:
    """Write ``events`` synthetic incidents to the store at ``url``; returns seconds."""
    import sqlalchemy as sa

    from conflictwatch.store import Store
    from conflictwatch.store import schema as t
    from conflictwatch.store.writer import grid_cell

    rng = random.Random(13)
    now = dt.datetime(2026, 1, 1)
    started = time.perf_counter()
    with Store.open(url) as store:
        with store.engine.begin() as conn:
            documents = max(1, events // 10)
            for lo in range(0, documents, batch):
                _write(conn, t.documents, [
                    {"id": f"doc-{i:016x}", "key": f"https://bench.test/{i}", "url": f"https://bench.test/{i}",
                     "title": f"Synthetic report {i}", "site": f"site{i % 50}.test",
                     "published": START + dt.timedelta(days=i % DAYS), "language": "en", "rights_reserved": False,
                     "body": None, "content_hash": f"{i:064x}", "version": 1, "extractor": "bench",
                     "first_seen": now, "updated": now} for i in range(lo, min(documents, lo + batch))])
            for lo in range(0, events, batch):
                incidents, actors, reports, report_actors, claims, evidence = [], [], [], [], [], []
                for i in range(lo, min(events, lo + batch)):
                    lat0, lon0, cc, country, admin1 = HOT_SPOTS[i % len(HOT_SPOTS)]
                    lat, lon = lat0 + rng.gauss(0, 1.2), lon0 + rng.gauss(0, 1.2)
                    typ, sub = TYPES[rng.randrange(len(TYPES))]
                    day = START + dt.timedelta(days=rng.randrange(DAYS))
                    killed = rng.choice((None, 0, 1, 2, 3, 5, 8, 12, 20, 40))
                    ev, rep = f"ev-{i:016x}", f"rep-{i:016x}"
                    place = {"place": f"Place {i % 997}", "country": country, "country_code": cc,
                             "admin1": admin1, "admin2": None, "lat": lat, "lon": lon, "geonames_id": None,
                             "geo_precision": 1 + i % 3}
                    figures = {"killed_low": killed, "killed_best": killed, "killed_high": killed,
                               "wounded_low": None, "wounded_best": None, "wounded_high": None}
                    incidents.append({"id": ev, "version": 1, "status": "active", "review": "new",
                                      "merged_into": None, "event_type": typ, "sub_event_type": sub, "date": day,
                                      "date_precision": 1, **place, **figures, "ucdp_type": 1, "plover": "FIGHT",
                                      "cameo": "19", "n_reports": 1, "n_sources": 1,
                                      "title": f"Synthetic report {i // 10}", "overridden": "[]",
                                      "created": now, "updated": now})
                    actor = {"pos": 0, "name": f"military forces of {country}", "role": "actor1",
                             "country_code": cc, "kind": "state forces", "actor_key": f"military:{cc}",
                             "side": None, "generic": False}
                    actors.append({"incident_id": ev, **actor})
                    report_actors.append({"report_id": rep, **actor})
                    reports.append({"id": rep, "incident_id": ev, "document_id": f"doc-{i // 10:016x}",
                                    "document_version": 1, "idx": i % 10, "seq": i + 1, "event_type": typ,
                                    "sub_event_type": sub, "date": day, "date_precision": 1, "date_note": None,
                                    **place, **figures, "ucdp_type": 1, "plover": "FIGHT", "cameo": "19",
                                    "sentence_start": 0, "sentence_end": 40, "sentence_quote": None,
                                    "details": "", "signature": None,
                                    "search_text": f"Synthetic report {i // 10} {place['place']}",
                                    "cell": grid_cell(lat, lon), "created": now})
                    if killed is not None:
                        claims.append({"report_id": rep, "pos": 0, "figure": "killed", "low": killed,
                                       "high": killed, "qualifier": "exact", "claimant": "officials",
                                       "span_start": 10, "span_end": 30, "quote": f"killing {killed} people",
                                       "claimant_start": None, "claimant_end": None, "claimant_quote": None,
                                       "part": False})
                    evidence.append({"report_id": rep, "pos": 0, "field": "location", "span_start": 0,
                                     "span_end": 9, "quote": place["place"]})
                for table, rows in ((t.incidents, incidents), (t.incident_actors, actors), (t.reports, reports),
                                    (t.report_actors, report_actors), (t.claims, claims), (t.evidence, evidence)):
                    _write(conn, table, rows)
                print(f"  {min(events, lo + batch):,} events written ({time.perf_counter() - started:.0f} s)",
                      file=sys.stderr, end="\r")
            if conn.dialect.name == "sqlite":
                conn.execute(sa.text("ANALYZE"))
        if store.dialect == "postgresql":  # statistics and the visibility map (index-only scans)
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE documents, incidents, incident_actors, reports, report_actors, "
                                     "claims, evidence")
    print(file=sys.stderr)
    return time.perf_counter() - started


def _write(conn, table, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Insert ``rows`` fast: one executemany of plain tuples on SQLite, COPY on PostgreSQL
    (both on the SQLAlchemy connection, inside its transaction)."""
    if not rows:
        return
    columns = [c.name for c in table.columns]
    names = ", ".join(f'"{c}"' for c in columns)
    if conn.dialect.name == "postgresql":
        with conn.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(tuple(row.get(c) for c in columns))
        return
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})',
                         [tuple(_sqlite(row.get(c)) for c in columns) for row in rows])


def _sqlite(value: object) -> object:
    """A value as SQLAlchemy's SQLite types store it (dates and times as text)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _count(url: str) -> int:
    """How many events the store at ``url`` holds (0 for a new one)."""
    from conflictwatch.store import EventQuery, Store

    with Store.open(url) as store:
        with store.reading() as r:
            return r.count_events(EventQuery())


def queries(count: int, seed: int = 7) -> list[str]:
    """``count`` map requests: a 6-by-6-degree box round a hot spot and a 30-day range."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        lat, lon = HOT_SPOTS[rng.randrange(len(HOT_SPOTS))][:2]
        since = START + dt.timedelta(days=rng.randrange(DAYS - 30))
        bbox = f"{lon - 3:.2f},{lat - 3:.2f},{lon + 3:.2f},{lat + 3:.2f}"
        out.append(f"/api/events?bbox={bbox}&since={since}&until={since + dt.timedelta(days=29)}&limit=100")
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int, workers: int) -> None:
    """Run the app over the store at ``url`` (the benchmark's server process), as
    ``conflictwatch serve --workers N`` does."""
    from conflictwatch.serve import serve as run
    from conflictwatch.settings import resolve_settings

    run(resolve_settings({"db": url}), "127.0.0.1", port, None, workers)


async def _load(base: str, paths: list[str], clients: int) -> tuple[list[float], float, int]:
    import httpx

    latencies: list[float] = []
    items = 0
    queue = list(reversed(paths))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal items
        while queue:
            path = queue.pop()
            t0 = time.perf_counter()
            response = await client.get(path)
            latencies.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
            items += len(response.json()["items"])

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        wall = time.perf_counter() - started
    return latencies, wall, items


def measure(url: str, clients: int, requests: int, workers: int = 1) -> dict[str, float]:
    """Start a server over ``url`` and time ``requests`` map requests from ``clients`` clients."""
    import httpx

    port = _free_port()
    server = subprocess.Popen([sys.executable, __file__, "serve", "--db", url, "--port", str(port),
                               "--workers", str(workers)],
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/me", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the benchmark's server did not start")
            time.sleep(0.2)
        asyncio.run(_load(base, queries(50, seed=1), clients))  # warm-up
        latencies, wall, items = asyncio.run(_load(base, queries(requests), clients))
    finally:
        server.terminate()
        server.wait(10)
    ordered = sorted(latencies)
    return {"p50_ms": 1000 * statistics.median(ordered), "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
            "requests_per_s": len(ordered) / wall, "events_per_page": items / len(ordered)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    s = sub.add_parser("serve", help=argparse.SUPPRESS)
    s.add_argument("--db", required=True)
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--workers", type=int, default=1)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--clients", default="1,4", help="concurrent clients, one run per number (default: 1,4)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default: 1)")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--sqlite-file", metavar="PATH",
                        help="keep the SQLite store here, and reuse it when it already holds the events")
    parser.add_argument("--postgres", default=os.environ.get("CONFLICTWATCH_TEST_POSTGRES",
                                                             "postgresql://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.db, args.port, args.workers)
        return 0
    from conflictwatch.testing import postgres_unavailable, temporary_postgres

    results = {}
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        print(f"{backend}: writing {args.events:,} synthetic events", file=sys.stderr)
        if backend == "sqlite":
            if args.sqlite_file:
                results[backend] = run_all(f"sqlite:///{Path(args.sqlite_file).resolve()}", args)
                continue
            with tempfile.TemporaryDirectory(prefix="cw-bench-") as folder:
                results[backend] = run_all(f"sqlite:///{folder}/bench.db", args)
        else:
            reason = postgres_unavailable(args.postgres)
            if reason:
                print(f"postgresql skipped: {reason}", file=sys.stderr)
                continue
            with temporary_postgres(args.postgres) as url:
                results[backend] = run_all(url, args)
    print(json.dumps({"machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
                      "load_average": os.getloadavg(), "events": args.events, "workers": args.workers,
                      "results": results}, indent=2))
    return 0


def run_all(url: str, args: argparse.Namespace) -> dict[str, object]:
    """Fill the store at ``url`` and measure each number of clients."""
    out: dict[str, object] = {"fill_s": round(fill(url, args.events), 1) if _count(url) != args.events else 0.0}
    backend = url.split(":")[0]
    for clients in (int(c) for c in str(args.clients).split(",")):
        r = measure(url, clients, args.requests, args.workers)
        out[f"{clients}_clients"] = {k: round(v, 1) for k, v in r.items()}
        print(f"{backend.split('+')[0]:<10} {args.events:,} events, {clients} client(s), {args.workers} worker(s): "
              f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, {r['requests_per_s']:.0f} requests/s "
              f"({args.requests} requests, {r['events_per_page']:.0f} events a page)", flush=True)
    return out


if __name__ == "__main__":
    sys.exit(main())
