"""Stored events written out: a table for people, JSON, JSON Lines, CSV, GeoJSON,
ACLED's and UCDP GED's own columns and codes, and Parquet.

Every writer streams: it takes an iterable of incidents and writes as it goes, so an
export of a million events needs no more memory than one batch. The ACLED and UCDP
layouts follow those datasets' codebooks (column names, actor-type codes, precision
codes, regions, Gleditsch & Ward country numbers from ``data/countries.csv``) so that
analysis scripts written for them read ConflictWatch's export unchanged; columns we
cannot know (ACLED's source scale, UCDP's conflict and dyad ids) are left empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.resources
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .model import Actor, Incident, IncidentSummary
from .output import incident_to_dict, summary_to_dict

FORMATS = ("table", "json", "jsonl", "csv", "geojson")
"""Formats of ``conflictwatch events``."""
EXPORT_FORMATS = ("csv", "acled-csv", "ucdp-csv", "geojson", "jsonl", "parquet")
"""Formats of ``conflictwatch export``."""

CSV_COLUMNS = (
    "event_id", "date", "date_precision", "event_type", "sub_event_type", "location", "admin1", "admin2",
    "country", "country_code", "latitude", "longitude", "geo_precision", "actor1", "actor2",
    "associated_actors", "fatalities_low", "fatalities_best", "fatalities_high", "wounded_low",
    "wounded_best", "wounded_high", "claims", "reports", "sources", "urls", "ucdp_type_of_violence",
    "review", "status", "version", "updated",
)

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
ACLED_INTER = {"state forces": 1, "rebels": 2, "political militia": 3, "identity militia": 4, "rioters": 5,
               "protesters": 6, "civilians": 7, "external/other forces": 8}
"""ACLED's actor-type codes (``inter1``/``inter2``)."""

UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
)


@dataclass(frozen=True, slots=True)
class Country:
    """One row of ``data/countries.csv``: ISO codes, ACLED and UCDP regions, and the
    Gleditsch & Ward number and name UCDP uses."""

    iso2: str
    iso3: str
    iso_numeric: str
    name: str
    acled_region: str
    ucdp_region: str
    gw_code: int | None


class Countries:
    """Country facts by ISO 3166-1 alpha-2 code (loaded once per export)."""

    def __init__(self, rows: Iterable[Country]) -> None:
        self.by_code = {c.iso2: c for c in rows}

    @classmethod
    def load(cls) -> "Countries":
        """The packaged ``data/countries.csv``."""
        text = (importlib.resources.files("conflictwatch") / "data" / "countries.csv").read_text(encoding="utf-8")
        rows = csv.DictReader(text.splitlines())
        return cls(Country(r["iso2"], r["iso3"], r["iso_numeric"], r["name"], r["acled_region"],
                           r["ucdp_region"], int(r["gw_code"]) if r["gw_code"] else None) for r in rows)

    def get(self, code: str | None) -> Country | None:
        """The country of an alpha-2 code, if known."""
        return self.by_code.get(code) if code else None


def _names(actors: Iterable[Actor], role: str) -> list[str]:
    return [a.name for a in actors if a.role == role]


def _claims_text(incident: Incident) -> str:
    out = []
    for sc in incident.claims:
        c = sc.claim
        numbers = f"{c.low}" + (f"-{c.high}" if c.high is not None and c.high != c.low
                                else ("+" if c.high is None else ""))
        who = f" ({c.claimant})" if c.claimant else ""
        out.append(f"{c.figure} {numbers}{who} [{sc.source.site or sc.source.document_id}]")
    return "; ".join(out)


def _csv_row(incident: Incident) -> list[Any]:
    loc = incident.location
    f, w = incident.fatalities, incident.wounded
    sources = incident.sources
    return [
        incident.id, incident.date.isoformat() if incident.date else "", incident.date_precision,
        incident.event_type, incident.sub_event_type, loc.name if loc else "", loc.admin1 if loc else "",
        loc.admin2 if loc else "", loc.country if loc else "", loc.country_code if loc else "",
        loc.lat if loc and loc.lat is not None else "", loc.lon if loc and loc.lon is not None else "",
        loc.precision if loc else "", "; ".join(_names(incident.actors, "actor1")),
        "; ".join(_names(incident.actors, "actor2")), "; ".join(_names(incident.actors, "associated")),
        f.low if f else "", f.best if f else "", f.high if f else "", w.low if w else "", w.best if w else "",
        w.high if w else "", _claims_text(incident), len(incident.reports),
        "; ".join(s.site or s.document_id for s in sources), "; ".join(s.url or "" for s in sources),
        incident.ucdp_type_of_violence or "", incident.review, incident.status, incident.version,
        incident.updated.isoformat() if incident.updated else "",
    ]


def write_csv(incidents: Iterable[Incident], out: TextIO) -> int:
    """One row per event (every actor of a role in one column, ``; ``-separated)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for incident in incidents:
        writer.writerow(_csv_row(incident))
        count += 1
    return count


def write_jsonl(incidents: Iterable[Incident], out: TextIO) -> int:
    """One JSON object per line per event."""
    count = 0
    for incident in incidents:
        out.write(json.dumps(incident_to_dict(incident), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_json(incidents: Iterable[Incident], out: TextIO) -> int:
    """A JSON array of events."""
    out.write("[")
    count = 0
    for incident in incidents:
        out.write(("\n" if count == 0 else ",\n") + json.dumps(incident_to_dict(incident), ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count


def geojson_feature(incident: Incident) -> dict[str, Any] | None:
    """A GeoJSON point feature of an event (``None`` when it has no coordinates)."""
    loc = incident.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    props = incident_to_dict(incident, evidence=False)
    return {"type": "Feature", "id": incident.id,
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]}, "properties": props}


def write_geojson(incidents: Iterable[Incident], out: TextIO) -> int:
    """A GeoJSON FeatureCollection (events without coordinates are left out)."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for incident in incidents:
        feature = geojson_feature(incident)
        if feature is None:
            continue
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def summary_feature(summary: IncidentSummary) -> dict[str, Any] | None:
    """A GeoJSON point feature of an event summary (``None`` without coordinates)."""
    loc = summary.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    return {"type": "Feature", "id": summary.id,
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]}, "properties": summary_to_dict(summary)}


def write_summary_geojson(summaries: Iterable[IncidentSummary], out: TextIO) -> int:
    """Event summaries as a GeoJSON FeatureCollection (those without coordinates left out)."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for summary in summaries:
        feature = summary_feature(summary)
        if feature is None:
            continue
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_table(incidents: Iterable[Incident], out: TextIO, width: int = 120) -> int:
    """A plain table for a terminal: id, date, type, place, killed, reports, title."""
    head = f"{'id':<19} {'date':<10} {'sub-event type':<26} {'place':<24} {'killed':>6} {'rep':>3}  title"
    out.write(head[:width] + "\n")
    count = 0
    for incident in incidents:
        loc = incident.location
        place = f"{loc.name}, {loc.country_code}" if loc and loc.name else (loc.country or "" if loc else "")
        killed = str(incident.fatalities.best) if incident.fatalities else "-"
        title = incident.reports[0].source.title if incident.reports and incident.reports[0].source.title else ""
        line = (f"{incident.id:<19} {incident.date.isoformat() if incident.date else '?':<10} "
                f"{incident.sub_event_type[:26]:<26} {place[:24]:<24} {killed:>6} {len(incident.reports):>3}  {title}")
        out.write(line[:width] + "\n")
        count += 1
    return count


# -- ACLED -----------------------------------------------------------------------------------

_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_DISORDER_SUB = {"Excessive force against protesters": "Political violence; Demonstrations",
                 "Mob violence": "Political violence"}


def acled_actor(actor: Actor, country: str | None) -> str:
    """An actor named in ACLED's style: "Military Forces of Ukraine", "Civilians (Sudan)"."""
    name = actor.name
    if name.startswith(("military forces of ", "police forces of ")):
        head, _, rest = name.partition(" of ")
        return f"{head.title()} of {rest}"
    if actor.generic and country:
        return f"{name[:1].upper()}{name[1:].title() if ' ' in name else name[1:]} ({country})"
    return name


def _acled_row(incident: Incident, countries: Countries) -> list[Any]:
    loc = incident.location
    country = countries.get(loc.country_code if loc else None)
    country_name = loc.country if loc and loc.country else (country.name if country else "")
    first = {role: [a for a in incident.actors if a.role == role] for role in ("actor1", "actor2", "associated")}
    a1 = first["actor1"][0] if first["actor1"] else None
    a2 = first["actor2"][0] if first["actor2"] else None
    assoc1 = [acled_actor(a, country_name) for a in first["actor1"][1:] + first["associated"]]
    assoc2 = [acled_actor(a, country_name) for a in first["actor2"][1:]]
    inter1 = ACLED_INTER.get(a1.kind, "") if a1 else ""
    inter2 = ACLED_INTER.get(a2.kind, "") if a2 else ""
    if isinstance(inter1, int) and isinstance(inter2, int):
        interaction: Any = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = inter1 * 10 if isinstance(inter1, int) else ""
    civilian = (any(a.kind == "civilians" for a in first["actor2"])
                or incident.event_type == "Violence against civilians")
    sources = incident.sources
    notes = (f"On {incident.date.isoformat() if incident.date else 'an unknown date'}, "
             f"{incident.sub_event_type.lower()} in {loc.name if loc and loc.name else country_name}. "
             f"Claims: {_claims_text(incident) or 'none'}.")
    updated = incident.updated or dt.datetime(1970, 1, 1)
    return [
        incident.id, incident.date.isoformat() if incident.date else "",
        incident.date.year if incident.date else "", incident.date_precision,
        _DISORDER_SUB.get(incident.sub_event_type, _DISORDER.get(incident.event_type, "")),
        incident.event_type, incident.sub_event_type, acled_actor(a1, country_name) if a1 else "",
        "; ".join(assoc1), inter1, acled_actor(a2, country_name) if a2 else "", "; ".join(assoc2), inter2,
        interaction, "Civilian targeting" if civilian else "", int(country.iso_numeric) if country and
        country.iso_numeric else "", country.acled_region if country else "", country_name,
        loc.admin1 or "" if loc else "", loc.admin2 or "" if loc else "", "", loc.name or "" if loc else "",
        loc.lat if loc and loc.lat is not None else "", loc.lon if loc and loc.lon is not None else "",
        loc.precision if loc else "", "; ".join(s.site or s.document_id for s in sources), "", notes,
        incident.fatalities.best if incident.fatalities else 0, "",
        int(updated.replace(tzinfo=dt.timezone.utc).timestamp()),
    ]


def write_acled_csv(incidents: Iterable[Incident], out: TextIO, countries: Countries | None = None) -> int:
    """Events in ACLED's export columns and codes (``inter1``/``inter2`` as numbers)."""
    countries = countries or Countries.load()
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    count = 0
    for incident in incidents:
        writer.writerow(_acled_row(incident, countries))
        count += 1
    return count


# -- UCDP GED ---------------------------------------------------------------------------------

def ucdp_side(actor: Actor, countries: Countries) -> str:
    """A side named as UCDP names it: "Government of Ukraine", else the actor's name."""
    if actor.kind == "state forces" and actor.country_code and not actor.generic:
        country = countries.get(actor.country_code)
        return f"Government of {country.name if country else actor.country_code}"
    return "Civilians" if actor.kind == "civilians" else actor.name


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (half-degree squares, numbered from the south-west)."""
    row = int(math.floor((lat + 90) / 0.5)) + 1
    col = int(math.floor((lon + 180) / 0.5)) + 1
    return (min(row, 360) - 1) * 720 + min(col, 720)


_UCDP_DATE_PREC = {1: 1, 2: 3, 3: 4}
_DATE_SPREAD = {1: 0, 2: 3, 3: 15}


def _ucdp_row(incident: Incident, countries: Countries) -> list[Any]:
    loc = incident.location
    country = countries.get(loc.country_code if loc else None)
    a = next((x for x in incident.actors if x.role == "actor1"), None)
    b = next((x for x in incident.actors if x.role == "actor2"), None)
    side_a = ucdp_side(a, countries) if a else ""
    side_b = ucdp_side(b, countries) if b else ""
    sources = incident.sources
    if loc is None:
        where_prec: Any = ""
    elif loc.precision <= 2:
        where_prec = loc.precision
    else:
        where_prec = 4 if loc.admin1 else 6
    spread = dt.timedelta(days=_DATE_SPREAD.get(incident.date_precision, 0))
    start = incident.date - spread if incident.date else None
    end = incident.date + spread if incident.date else None
    f = incident.fatalities
    has_point = loc is not None and loc.lat is not None and loc.lon is not None
    gw_a = countries.get(a.country_code).gw_code if a and countries.get(a.country_code) else None  # type: ignore[union-attr]
    gw_b = countries.get(b.country_code).gw_code if b and countries.get(b.country_code) else None  # type: ignore[union-attr]
    return [
        incident.id, incident.id, incident.date.year if incident.date else "", "", "",
        incident.ucdp_type_of_violence or "", "", "", "", "", "",
        f"{side_a} - {side_b}" if side_a and side_b else side_a, "", "", side_a, "", "", side_b,
        len(sources), "; ".join(s.url or s.document_id for s in sources), "; ".join(s.site or "" for s in sources),
        "; ".join(s.published.isoformat() if s.published else "" for s in sources),
        "; ".join(s.title or "" for s in sources),
        "; ".join(sorted({sc.claim.claimant for sc in incident.claims if sc.claim.claimant})),
        where_prec, loc.name or "" if loc else "", loc.name or "" if loc else "", loc.admin1 or "" if loc else "",
        loc.admin2 or "" if loc else "", loc.lat if has_point else "", loc.lon if has_point else "",  # type: ignore[union-attr]
        f"POINT ({loc.lon} {loc.lat})" if has_point else "",  # type: ignore[union-attr]
        priogrid_gid(loc.lat, loc.lon) if has_point else "",  # type: ignore[union-attr,arg-type]
        loc.country or "" if loc else "", country.gw_code if country and country.gw_code is not None else "",
        country.ucdp_region if country else "",
        1 if incident.date_precision == 1 and loc is not None and loc.precision <= 2 else 2,
        _UCDP_DATE_PREC.get(incident.date_precision, ""), start.isoformat() if start else "",
        end.isoformat() if end else "", 0, 0, 0, f.best if f else 0, f.best if f else 0,
        f.high if f else 0, f.low if f else 0, gw_a if gw_a is not None else "", gw_b if gw_b is not None else "",
    ]


def write_ucdp_csv(incidents: Iterable[Incident], out: TextIO, countries: Countries | None = None) -> int:
    """Events in UCDP GED's columns and codes (deaths not split by side: all in
    ``deaths_unknown``)."""
    countries = countries or Countries.load()
    writer = csv.writer(out)
    writer.writerow(UCDP_COLUMNS)
    count = 0
    for incident in incidents:
        writer.writerow(_ucdp_row(incident, countries))
        count += 1
    return count


# -- Parquet -----------------------------------------------------------------------------------

def _batches(incidents: Iterable[Incident], size: int) -> Iterator[list[Incident]]:
    batch: list[Incident] = []
    for incident in incidents:
        batch.append(incident)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(incidents: Iterable[Incident], path: Path, batch: int = 5000) -> int:
    """Events as a Parquet file (the CSV columns, typed; claims as JSON text)."""
    from .errors import MissingDependency

    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        raise MissingDependency("pyarrow", "Parquet export") from exc
    fields: list[tuple[str, pa.DataType]] = [
        ("event_id", pa.string()), ("date", pa.date32()), ("date_precision", pa.int8()),
        ("event_type", pa.string()), ("sub_event_type", pa.string()), ("location", pa.string()),
        ("admin1", pa.string()), ("admin2", pa.string()), ("country", pa.string()), ("country_code", pa.string()),
        ("latitude", pa.float64()), ("longitude", pa.float64()), ("geo_precision", pa.int8()),
        ("actor1", pa.list_(pa.string())), ("actor2", pa.list_(pa.string())),
        ("associated_actors", pa.list_(pa.string())), ("fatalities_low", pa.int32()),
        ("fatalities_best", pa.int32()), ("fatalities_high", pa.int32()), ("wounded_low", pa.int32()),
        ("wounded_best", pa.int32()), ("wounded_high", pa.int32()), ("claims", pa.string()),
        ("reports", pa.int32()), ("urls", pa.list_(pa.string())), ("ucdp_type_of_violence", pa.int8()),
        ("review", pa.string()), ("status", pa.string()), ("version", pa.int32()), ("updated", pa.timestamp("s")),
    ]
    schema = pa.schema(fields)
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _batches(incidents, batch):
            rows = []
            for i in chunk:
                loc, f, w = i.location, i.fatalities, i.wounded
                rows.append({
                    "event_id": i.id, "date": i.date, "date_precision": i.date_precision,
                    "event_type": i.event_type, "sub_event_type": i.sub_event_type,
                    "location": loc.name if loc else None, "admin1": loc.admin1 if loc else None,
                    "admin2": loc.admin2 if loc else None, "country": loc.country if loc else None,
                    "country_code": loc.country_code if loc else None, "latitude": loc.lat if loc else None,
                    "longitude": loc.lon if loc else None, "geo_precision": loc.precision if loc else None,
                    "actor1": _names(i.actors, "actor1"), "actor2": _names(i.actors, "actor2"),
                    "associated_actors": _names(i.actors, "associated"),
                    "fatalities_low": f.low if f else None, "fatalities_best": f.best if f else None,
                    "fatalities_high": f.high if f else None, "wounded_low": w.low if w else None,
                    "wounded_best": w.best if w else None, "wounded_high": w.high if w else None,
                    "claims": json.dumps(incident_to_dict(i, evidence=False)["claims"], ensure_ascii=False),
                    "reports": len(i.reports), "urls": [s.url or "" for s in i.sources],
                    "ucdp_type_of_violence": i.ucdp_type_of_violence, "review": i.review, "status": i.status,
                    "version": i.version, "updated": i.updated})
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
