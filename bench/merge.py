"""Storing and merging at scale: synthetic reports recorded into a fresh store.

Usage: .venv/bin/python bench/merge.py [--sizes 100000,300000,1000000] [--commit-every 500]
                                       [--db postgresql://USER@HOST/DB] [--seed 7]

Each size runs in its own process (so that its peak memory is its own) and records
that many synthetic reports the way ``conflictwatch ingest`` stores a document:
:meth:`conflictwatch.record.Recorder.record_events` in batched transactions, so
each report is stored, its merge candidates are found in the store, it joins an
incident or starts one, and the incident is recomposed and saved with its history.
Text extraction is bypassed: documents, events and reports are built directly as
the core model's objects, and each report is read once from the generator.

The synthetic world keeps its density constant as it grows, so that the cost per
report stays the same when merging finds candidates by index ranges (and would
grow with the store if it scanned): about ``DENSITY`` reports per country and day
over three years, in as many synthetic countries as the size needs (5 for
100,000, 15 for 300,000, 46 for 1,000,000), each a 4° square with 40 towns in
8 regions and 16 districts. An incident is told by 1 to 5 reports (1.6 on
average) from different outlets, published the same day or up to two days later;
its reports mostly name the town (precision 1), some only the district (2) or the
region (3), some the week or month (date precision 2, 3); a third are wire copies
(near-identical MinHash signatures); actors come from each country's state forces,
two named groups and generic terms; half give a death toll.

Printed per size: reports/s, CPU per report, peak memory (RSS), incidents made,
and the rate in each tenth of the run (flat when the cost per report does not grow
with the store).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DENSITY = 20
"""Reports per country and day."""
DAYS = 3 * 365
START = dt.date(2022, 1, 1)
TYPES = (("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Riots", "Mob violence"), ("Protests", "Peaceful protest"))
OUTLETS = tuple(f"outlet{i}.example" for i in range(40))


@dataclasses.dataclass(frozen=True, slots=True)
class Country:
    """A synthetic country: code, name, towns (name, admin1, admin2, lat, lon, id), actors."""

    code: str
    name: str
    towns: tuple[tuple[str, str, str, float, float, int], ...]
    regions: dict[str, tuple[float, float]]
    actors: tuple[tuple[str, str, bool], ...]


def world(countries: int, rng: random.Random) -> list[Country]:
    """``countries`` synthetic countries on a grid of 4° squares."""
    out = []
    for c in range(countries):
        lat0, lon0 = -28 + 4 * (c // 12) * 1.5, -15 + 4 * (c % 12) * 1.5
        code = f"Q{chr(65 + c // 26)}{chr(65 + c % 26)}"
        towns, regions = [], {}
        for t in range(40):
            admin1 = f"Region {code}-{t % 8}"
            lat, lon = lat0 + rng.uniform(0, 4), lon0 + rng.uniform(0, 4)
            regions.setdefault(admin1, (lat, lon))
            towns.append((f"Town {code}-{t}", admin1, f"District {code}-{t % 16}", round(lat, 5), round(lon, 5),
                          9_000_000 + c * 100 + t))
        actors = ((f"military forces of {code}", "state forces", False),
                  (f"{code} Liberation Front", "rebel group", False),
                  (f"{code} Volunteers", "political militia", False),
                  ("gunmen", "unidentified armed group", True), ("civilians", "civilians", True))
        out.append(Country(code, f"Country {code}", tuple(towns), regions, actors))
    return out


def synthetic(size: int, seed: int) -> Iterator[tuple[object, tuple[object, ...], tuple[object, ...]]]:
    """``size`` (document, events, reports) triples, in order of publication."""
    from conflictwatch.merge.features import SIGNATURE_SIZE, source_of
    from conflictwatch.merge.features import report_id as make_report_id
    from conflictwatch.model import Actor, Claim, Document, Event, Location, Range, Report, Span

    rng = random.Random(seed)
    countries = world(max(1, round(size / (DENSITY * DAYS))), rng)
    per_day = size / DAYS
    made = 0
    pending: list[tuple[dt.date, float, tuple]] = []
    day = 0
    while made < size:
        date = START + dt.timedelta(days=day)
        stories = []
        budget = per_day * rng.uniform(0.8, 1.2)
        while budget > 0:
            country = rng.choice(countries)
            town = rng.choice(country.towns)
            kind = rng.choice(TYPES)
            told = min(5, 1 + int(rng.expovariate(1 / 0.6)))
            base = tuple(rng.getrandbits(32) for _ in range(SIGNATURE_SIZE))
            named = [a for a in country.actors if not a[2]]
            actors = [rng.choice(named), rng.choice(country.actors)]
            killed = rng.choice((None, rng.randint(1, 30)))
            for copy in range(told):
                published = date + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
                stories.append((published, rng.random(), (country, town, kind, base, actors, killed, date, copy)))
            budget -= told
        pending.extend(stories)
        pending.sort(key=lambda s: (s[0], s[1]))
        ready = [s for s in pending if s[0] <= date]
        pending = [s for s in pending if s[0] > date]
        for published, _, (country, town, kind, base, actors, killed, when, copy) in ready:
            if made >= size:
                return
            name, admin1, admin2, lat, lon, gid = town
            roll = rng.random()
            if roll < 0.82:
                loc = Location(name, country.name, country.code, admin1, admin2, lat, lon, gid, 1)
            elif roll < 0.96:
                loc = Location(admin2, country.name, country.code, admin1, admin2,
                               round(lat + rng.uniform(-0.1, 0.1), 5), round(lon + rng.uniform(-0.1, 0.1), 5), None, 2)
            else:
                rlat, rlon = country.regions[admin1]
                loc = Location(admin1, country.name, country.code, admin1, None, rlat, rlon, None, 3)
            roll = rng.random()
            precision = 1 if roll < 0.9 else (2 if roll < 0.98 else 3)
            text = f"{actors[0][0]} attacked {name} on {when.isoformat()}, killing {killed or 'no'} people."
            doc = Document(id=f"syn-{made}", text=text, title=f"{kind[1]} in {name}", published=published,
                           url=f"https://{OUTLETS[made % len(OUTLETS)]}/{made}", site=OUTLETS[made % len(OUTLETS)],
                           language="en")
            from conflictwatch.identity import document_id, document_key

            doc = dataclasses.replace(doc, id=document_id(document_key(doc)))
            claims = ()
            if killed is not None:
                low = max(1, killed + rng.choice((0, 0, -1, 1, 2)))
                claims = (Claim("killed", low, low, "exact", rng.choice((None, "police", "officials")),
                                Span(0, len(text), text)),)
            event = Event(kind[0], kind[1], when, precision, loc,
                          tuple(Actor(a[0], role, country.code, a[1], a[0].lower(), None, a[2])
                                for a, role in zip(actors, ("actor1", "actor2"), strict=False)),
                          Range(claims[0].low, claims[0].low, claims[0].low) if claims else None, None, claims, (),
                          sentence=Span(0, len(text), text))
            if copy > 0 and rng.random() < 0.33:
                signature = tuple(v if rng.random() > 0.1 else rng.getrandbits(32) for v in base)
            else:
                signature = tuple(rng.getrandbits(32) for _ in range(SIGNATURE_SIZE))
            report = Report(make_report_id(doc.id, 1, 0), source_of(doc), 1, 0, event, (), signature)
            made += 1
            yield doc, (event,), (report,)
        day += 1


def one(size: int, url: str, commit_every: int, seed: int) -> dict[str, object]:
    """Record ``size`` synthetic reports into the store at ``url``; the figures."""
    from conflictwatch.merge import load_rules
    from conflictwatch.record import Recorder
    from conflictwatch.store import Store

    rules = load_rules()
    tenths: list[float] = []
    with Store.open(url) as store:
        recorder = Recorder(store, lambda doc: (), rules)
        started, cpu = time.perf_counter(), time.process_time()
        mark = started
        batched = getattr(recorder, "batched", None)  # absent before batched transactions
        with batched(commit_every, seconds=5.0) if batched else contextlib.nullcontext():
            for i, (doc, events, reports) in enumerate(synthetic(size, seed), 1):
                recorder.record_events(doc, events, doc.id, reports=reports)  # type: ignore[arg-type]
                if i % max(1, size // 10) == 0:
                    now = time.perf_counter()
                    tenths.append(round((size // 10) / (now - mark), 1))
                    mark = now
        elapsed, cpu_s = time.perf_counter() - started, time.process_time() - cpu
        with store.reading() as reader:
            counts = reader.counts()
    return {"size": size, "seconds": round(elapsed, 1), "reports_per_s": round(size / elapsed, 1),
            "cpu_ms_per_report": round(1000 * cpu_s / size, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "counts": counts, "rate_per_tenth": tenths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000", help="comma-separated report counts")
    parser.add_argument("--commit-every", type=int, default=500, help="documents per transaction (default 500)")
    parser.add_argument("--db", help="a PostgreSQL URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.db, args.commit_every, args.seed)))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="cw-merge-") as tmp:
            url = args.db or f"sqlite:///{Path(tmp) / 'merge.db'}"
            done = subprocess.run([sys.executable, __file__, "--one", str(size), "--db", url, "--commit-every",
                                   str(args.commit_every), "--seed", str(args.seed)],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{size:,} reports: failed\n{done.stderr[-2000:]}", flush=True)
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{size:,} reports: {r['seconds']} s, {r['reports_per_s']} reports/s, "
                  f"CPU {r['cpu_ms_per_report']} ms/report, peak RSS {r['peak_rss_mb']} MB; {r['counts']}; "
                  f"reports/s per tenth {r['rate_per_tenth']}; load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
