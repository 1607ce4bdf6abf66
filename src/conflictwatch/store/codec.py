"""Rows to model objects and back: the one place that knows both shapes.

A span read back from the store carries its quote (at most
:data:`~conflictwatch.output.MAX_QUOTE` characters) as its text; the offsets still
point into the document version the report was made from.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..model import (Actor, Claim, Event, Evidence, Incident, IncidentSummary, Location, Range, Report, Rights,
                     Source, Span, StoredDocument)
from ..output import quote

Row = Mapping[Any, Any]  # a SQLAlchemy RowMapping or a plain dict


def _range(row: Row, prefix: str) -> Range | None:
    low = row[f"{prefix}_low"]
    return None if low is None else Range(low, row[f"{prefix}_best"], row[f"{prefix}_high"])


def _range_columns(r: Range | None, prefix: str) -> dict[str, int | None]:
    return {f"{prefix}_low": r.low if r else None, f"{prefix}_best": r.best if r else None,
            f"{prefix}_high": r.high if r else None}


def location_columns(loc: Location | None) -> dict[str, Any]:
    """The place columns shared by ``reports`` and ``incidents``."""
    if loc is None:
        return {"place": None, "country": None, "country_code": None, "admin1": None, "admin2": None,
                "lat": None, "lon": None, "geonames_id": None, "geo_precision": None}
    return {"place": loc.name, "country": loc.country, "country_code": loc.country_code,
            "admin1": loc.admin1, "admin2": loc.admin2, "lat": loc.lat, "lon": loc.lon,
            "geonames_id": loc.geonames_id, "geo_precision": loc.precision}


def location_of(row: Row) -> Location | None:
    """The place columns of a row as a :class:`Location` (``None`` when unplaced)."""
    if row["geo_precision"] is None:
        return None
    return Location(row["place"], row["country"], row["country_code"], row["admin1"], row["admin2"],
                    row["lat"], row["lon"], row["geonames_id"], row["geo_precision"])


def pack_signature(signature: Sequence[int]) -> bytes | None:
    """A MinHash signature as bytes (32-bit values)."""
    return array("I", signature).tobytes() if signature else None


def unpack_signature(data: bytes | None) -> tuple[int, ...]:
    """The inverse of :func:`pack_signature`."""
    if not data:
        return ()
    values = array("I")
    values.frombytes(bytes(data))
    return tuple(values)


def search_text(report: Report) -> str:
    """What text search reads for a report: its document's title, place, actors and quotes."""
    event = report.event
    parts = [report.source.title or "", event.location.name or "" if event.location else ""]
    parts.extend(a.name for a in event.actors)
    parts.extend(quote(e.span) for e in event.evidence)
    return " ".join(dict.fromkeys(p for p in parts if p))


def report_row(report: Report, incident_id: str | None, seq: int, reserved: bool, now: dt.datetime) -> dict[str, Any]:
    """The ``reports`` row of ``report``; a reserved document's sentence is not kept."""
    e = report.event
    sentence = e.sentence
    return {
        "id": report.id, "incident_id": incident_id, "document_id": report.source.document_id,
        "document_version": report.document_version, "idx": report.index, "seq": seq,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "date": e.date,
        "date_precision": e.date_precision, "date_note": e.date_note, **location_columns(e.location),
        **_range_columns(e.fatalities, "killed"), **_range_columns(e.wounded, "wounded"),
        "ucdp_type": e.ucdp_type_of_violence, "plover": e.plover, "cameo": e.cameo,
        "sentence_start": sentence.start if sentence else None, "sentence_end": sentence.end if sentence else None,
        "sentence_quote": None if sentence is None or reserved else quote(sentence),
        "details": " ".join(report.details), "signature": pack_signature(report.signature),
        "search_text": search_text(report), "created": now,
    }


def actor_rows(owner: str, key: str, actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """Rows of ``report_actors`` or ``incident_actors`` (``key`` names the owner column)."""
    return [{key: owner, "pos": i, "name": a.name, "role": a.role, "country_code": a.country_code,
             "kind": a.kind, "actor_key": a.id, "side": a.side, "generic": a.generic}
            for i, a in enumerate(actors)]


def actor_of(row: Row) -> Actor:
    """An actor row as an :class:`Actor`."""
    return Actor(row["name"], row["role"], row["country_code"], row["kind"], row["actor_key"], row["side"],
                 bool(row["generic"]))


def claim_rows(report_id: str, claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """Rows of ``claims``."""
    out = []
    for i, c in enumerate(claims):
        cs = c.claimant_span
        out.append({"report_id": report_id, "pos": i, "figure": c.figure, "low": c.low, "high": c.high,
                    "qualifier": c.qualifier, "claimant": c.claimant, "span_start": c.span.start,
                    "span_end": c.span.end, "quote": quote(c.span),
                    "claimant_start": cs.start if cs else None, "claimant_end": cs.end if cs else None,
                    "claimant_quote": quote(cs) if cs else None, "part": c.part})
    return out


def claim_of(row: Row) -> Claim:
    """A claim row as a :class:`Claim`."""
    claimant_span = None
    if row["claimant_start"] is not None:
        claimant_span = Span(row["claimant_start"], row["claimant_end"], row["claimant_quote"] or "")
    return Claim(row["figure"], row["low"], row["high"], row["qualifier"], row["claimant"],
                 Span(row["span_start"], row["span_end"], row["quote"]), claimant_span, bool(row["part"]))


def evidence_rows(report_id: str, evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    """Rows of ``evidence``."""
    return [{"report_id": report_id, "pos": i, "field": e.field, "span_start": e.span.start,
             "span_end": e.span.end, "quote": quote(e.span)} for i, e in enumerate(evidence)]


def evidence_of(row: Row) -> Evidence:
    """An evidence row as :class:`Evidence`."""
    return Evidence(row["field"], Span(row["span_start"], row["span_end"], row["quote"]))


def source_of(row: Row) -> Source:
    """The document columns ``document_id, url, title, site, published`` as a :class:`Source`."""
    return Source(row["document_id"], row["url"], row["title"], row["site"], row["published"])


def report_of(row: Row, actors: Sequence[Actor], claims: Sequence[Claim], evidence: Sequence[Evidence]) -> Report:
    """A ``reports`` row (joined with its document's columns) as a :class:`Report`."""
    sentence = None
    if row["sentence_start"] is not None:
        sentence = Span(row["sentence_start"], row["sentence_end"], row["sentence_quote"] or "")
    event = Event(
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], date=row["date"],
        date_precision=row["date_precision"], location=location_of(row), actors=tuple(actors),
        fatalities=_range(row, "killed"), wounded=_range(row, "wounded"), claims=tuple(claims),
        evidence=tuple(evidence), date_note=row["date_note"], ucdp_type_of_violence=row["ucdp_type"],
        plover=row["plover"], cameo=row["cameo"], sentence=sentence)
    details = tuple(row["details"].split()) if row["details"] else ()
    return Report(row["id"], source_of(row), row["document_version"], row["idx"], event, details,
                  unpack_signature(row["signature"]))


def incident_row(incident: Incident) -> dict[str, Any]:
    """The ``incidents`` row of ``incident``."""
    first = incident.reports[0].source if incident.reports else None
    return {
        "id": incident.id, "version": incident.version, "status": incident.status, "review": incident.review,
        "merged_into": incident.merged_into, "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type, "date": incident.date,
        "date_precision": incident.date_precision, **location_columns(incident.location),
        **_range_columns(incident.fatalities, "killed"), **_range_columns(incident.wounded, "wounded"),
        "ucdp_type": incident.ucdp_type_of_violence, "plover": incident.plover, "cameo": incident.cameo,
        "n_reports": len(incident.reports), "n_sources": len(incident.sources),
        "title": first.title if first else None, "overridden": json.dumps(list(incident.overridden)),
        "created": incident.created, "updated": incident.updated,
    }


def incident_of(row: Row, actors: Sequence[Actor], reports: Sequence[Report]) -> Incident:
    """An ``incidents`` row with its actors and reports as an :class:`Incident`."""
    from ..model import SourcedClaim, SourcedEvidence

    claims = tuple(SourcedClaim(c, r.id, r.source) for r in reports for c in r.event.claims)
    evidence = tuple(SourcedEvidence(e, r.id, r.source) for r in reports for e in r.event.evidence)
    return Incident(
        id=row["id"], version=row["version"], status=row["status"], review=row["review"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], date=row["date"],
        date_precision=row["date_precision"], location=location_of(row), actors=tuple(actors),
        fatalities=_range(row, "killed"), wounded=_range(row, "wounded"), ucdp_type_of_violence=row["ucdp_type"],
        plover=row["plover"], cameo=row["cameo"], claims=claims, evidence=evidence, reports=tuple(reports),
        overridden=tuple(json.loads(row["overridden"])), merged_into=row["merged_into"],
        created=row["created"], updated=row["updated"])


def summary_of(row: Row, actors: Sequence[Actor]) -> IncidentSummary:
    """An ``incidents`` row with its actors as an :class:`IncidentSummary`."""
    return IncidentSummary(
        id=row["id"], version=row["version"], status=row["status"], review=row["review"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], date=row["date"],
        date_precision=row["date_precision"], location=location_of(row), actors=tuple(actors),
        fatalities=_range(row, "killed"), wounded=_range(row, "wounded"), n_reports=row["n_reports"],
        n_sources=row["n_sources"], title=row["title"], updated=row["updated"])


SUMMARY_COLUMNS = ("id", "version", "status", "review", "event_type", "sub_event_type", "date", "date_precision",
                   "place", "country", "country_code", "admin1", "admin2", "lat", "lon", "geonames_id",
                   "geo_precision", "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best",
                   "wounded_high", "n_reports", "n_sources", "title", "updated")
"""The ``incidents`` columns a summary reads, in the order :func:`summary_of_row` takes them."""


def summary_of_row(row: Sequence[Any], actors: Sequence[Actor]) -> IncidentSummary:
    """A row of :data:`SUMMARY_COLUMNS` (by position) with its actors as an
    :class:`IncidentSummary`."""
    (id_, version, status, review, event_type, sub_event_type, date, date_precision, place, country,
     country_code, admin1, admin2, lat, lon, geonames_id, geo_precision, killed_low, killed_best, killed_high,
     wounded_low, wounded_best, wounded_high, n_reports, n_sources, title, updated) = row[:27]
    location = None if geo_precision is None else Location(place, country, country_code, admin1, admin2, lat, lon,
                                                            geonames_id, geo_precision)
    return IncidentSummary(
        id_, version, status, review, event_type, sub_event_type, date, date_precision, location, tuple(actors),
        None if killed_low is None else Range(killed_low, killed_best, killed_high),
        None if wounded_low is None else Range(wounded_low, wounded_best, wounded_high), n_reports, n_sources,
        title, updated)


def summary_dict_of_row(row: Sequence[Any], actors: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """A row of :data:`SUMMARY_COLUMNS` with its actors (rows of ``name, role,
    country_code, kind, actor_key, side``) as JSON-ready data: the same as
    :func:`~conflictwatch.output.summary_to_dict` of :func:`summary_of_row`, without
    the objects in between (the map's request makes a hundred of these)."""
    (id_, version, status, review, event_type, sub_event_type, date, date_precision, place, country,
     country_code, admin1, admin2, lat, lon, geonames_id, geo_precision, killed_low, killed_best, killed_high,
     wounded_low, wounded_best, wounded_high, n_reports, n_sources, title, updated) = row[:27]
    return {"id": id_, "version": version, "status": status, "review": review, "event_type": event_type,
            "sub_event_type": sub_event_type, "date": None if date is None else date.isoformat(),
            "date_precision": date_precision,
            "location": None if geo_precision is None else {
                "name": place, "country": country, "country_code": country_code, "admin1": admin1,
                "admin2": admin2, "lat": lat, "lon": lon, "geonames_id": geonames_id, "precision": geo_precision},
            "actors": [{"name": a[0], "role": a[1], "country_code": a[2], "kind": a[3], "id": a[4], "side": a[5]}
                       for a in actors],
            "fatalities": None if killed_low is None else {"low": killed_low, "best": killed_best,
                                                           "high": killed_high},
            "wounded": None if wounded_low is None else {"low": wounded_low, "best": wounded_best,
                                                         "high": wounded_high},
            "n_reports": n_reports, "n_sources": n_sources, "title": title,
            "updated": None if updated is None else updated.isoformat()}


def document_row(doc: StoredDocument) -> dict[str, Any]:
    """The ``documents`` row of ``doc``."""
    r = doc.rights
    return {"id": doc.id, "key": doc.key, "url": doc.url, "title": doc.title, "site": doc.site,
            "published": doc.published, "language": doc.language, "rights_reserved": r.tdm_reserved,
            "rights_source": r.source, "rights_policy": r.policy,
            "rights_notice": quote(r.notice) if r.notice else None, "body": doc.body,
            "content_hash": doc.content_hash, "version": doc.version, "extractor": doc.extractor,
            "origin": doc.origin, "first_seen": doc.first_seen, "updated": doc.updated}


def document_of(row: Row) -> StoredDocument:
    """A ``documents`` row as a :class:`StoredDocument` (the notice keeps its quote only)."""
    notice = Span(0, 0, row["rights_notice"]) if row["rights_notice"] else None
    rights = Rights(bool(row["rights_reserved"]), row["rights_source"], notice, row["rights_policy"])
    return StoredDocument(row["id"], row["key"], row["url"], row["title"], row["site"], row["published"],
                          row["language"], rights, row["body"], row["content_hash"], row["version"],
                          row["extractor"], row["origin"], row["first_seen"], row["updated"])
