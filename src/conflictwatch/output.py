"""Serialise results: JSON, JSON Lines, CSV and GeoJSON.

The JSON shape is described by ``schema/result.schema.json``. A document whose
publisher reserved text-and-data-mining rights contributes no body text: only
facts, its URL and short evidence quotes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from typing import TYPE_CHECKING

from .model import Actor, Claim, Document, Event, Incident, Location, Range, Result, Source, Span

if TYPE_CHECKING:
    from .model import IncidentSummary, IncidentVersion, MergeDecision, StoredDocument, User

MAX_QUOTE = 200
"""Longest evidence quote written out, in characters."""

CSV_COLUMNS = (
    "document_id", "event_index", "event_type", "sub_event_type", "date", "date_precision",
    "date_note", "location", "country", "country_code", "admin1", "admin2", "latitude", "longitude",
    "geonames_id", "geo_precision", "actor1", "actor2", "associated_actors", "fatalities_low",
    "fatalities_best", "fatalities_high", "wounded_low", "wounded_best", "wounded_high",
    "claims", "ucdp_type_of_violence", "plover", "cameo", "url", "title", "published",
    "tdm_reserved",
)


ACTOR_SEPARATOR = "; "
"""Between the names of a CSV actor column (``actor1``, ``actor2``,
``associated_actors``): each column holds every actor of its role."""


def quote(span: Span) -> str:
    """A span's words as a quote: white space collapsed, at most :data:`MAX_QUOTE` characters."""
    text = " ".join(span.text.split())
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE - 1] + "…"


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": quote(span)}


def _range(r: Range | None) -> dict[str, int] | None:
    return None if r is None else {"low": r.low, "best": r.best, "high": r.high}


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"name": loc.name, "country": loc.country, "country_code": loc.country_code,
            "admin1": loc.admin1, "admin2": loc.admin2, "lat": loc.lat, "lon": loc.lon,
            "geonames_id": loc.geonames_id, "precision": loc.precision}


def _actor(a: Actor) -> dict[str, Any]:
    return {"name": a.name, "role": a.role, "country_code": a.country_code, "kind": a.kind,
            "id": a.id, "side": a.side}


def _claim(c: Claim) -> dict[str, Any]:
    return {"figure": c.figure, "low": c.low, "high": c.high, "qualifier": c.qualifier,
            "claimant": c.claimant, "span": _span(c.span), "claimant_span": _span(c.claimant_span),
            "part": c.part}


def event_to_dict(event: Event, reserved: bool = False) -> dict[str, Any]:
    """One event as plain JSON-ready data."""
    sentence = _span(event.sentence)
    if sentence is not None and reserved:
        sentence["text"] = None  # a reserved article's sentences are body text
    return {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "date_note": event.date_note,
        "location": _location(event.location),
        "actors": [_actor(a) for a in event.actors],
        "fatalities": _range(event.fatalities),
        "wounded": _range(event.wounded),
        "claims": [_claim(c) for c in event.claims],
        "evidence": [{"field": e.field, "start": e.span.start, "end": e.span.end,
                      "text": quote(e.span)} for e in event.evidence],
        "ucdp_type_of_violence": event.ucdp_type_of_violence,
        "plover": event.plover,
        "cameo": event.cameo,
        "sentence": sentence,
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Document metadata (never its body text)."""
    rights = doc.rights
    return {
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "site": doc.site,
        "language": doc.language,
        "encoding": doc.encoding,
        "encoding_source": doc.encoding_source,
        "rights": {"tdm_reserved": rights.tdm_reserved, "source": rights.source,
                   "policy": rights.policy,
                   "notice": _span(rights.notice)},
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """One document's output line: ``{id, document, events}``."""
    reserved = result.document.rights.tdm_reserved
    return {"id": result.document.id, "document": document_to_dict(result.document),
            "events": [event_to_dict(e, reserved) for e in result.events]}


def to_jsonl_line(result: Result) -> str:
    """One JSON Lines line (no trailing newline)."""
    return json.dumps(result_to_dict(result), ensure_ascii=False)


def _csv_row(result: Result, index: int, event: Event) -> list[Any]:
    loc = event.location
    doc = result.document
    # Every actor, in a column per role: names separated by "; ".
    actor1 = ACTOR_SEPARATOR.join(a.name for a in event.actors if a.role == "actor1")
    actor2 = ACTOR_SEPARATOR.join(a.name for a in event.actors if a.role == "actor2")
    associated = ACTOR_SEPARATOR.join(a.name for a in event.actors if a.role == "associated")
    f, w = event.fatalities, event.wounded
    claims = "; ".join(_claim_line(c) for c in event.claims)
    return [doc.id, index, event.event_type, event.sub_event_type,
            event.date.isoformat() if event.date else "", event.date_precision, event.date_note or "",
            loc.name if loc else "", loc.country if loc else "", loc.country_code if loc else "",
            loc.admin1 if loc and loc.admin1 else "", loc.admin2 if loc and loc.admin2 else "",
            loc.lat if loc and loc.lat is not None else "", loc.lon if loc and loc.lon is not None else "",
            loc.geonames_id if loc and loc.geonames_id else "", loc.precision if loc else "",
            actor1, actor2, associated,
            f.low if f else "", f.best if f else "", f.high if f else "",
            w.low if w else "", w.best if w else "", w.high if w else "",
            claims, event.ucdp_type_of_violence or "", event.plover or "", event.cameo or "",
            doc.url or "", doc.title or "", doc.published.isoformat() if doc.published else "",
            "yes" if doc.rights.tdm_reserved else "no"]


def write_csv(results: Iterable[Result], out: TextIO, header: bool = True) -> None:
    """One CSV row per event."""
    writer = csv.writer(out)
    if header:
        writer.writerow(CSV_COLUMNS)
    for result in results:
        for i, event in enumerate(result.events):
            writer.writerow(_csv_row(result, i, event))


def geojson_features(result: Result, first_index: int = 0) -> list[dict[str, Any]]:
    """GeoJSON features (one per event with coordinates); event indexes count from
    ``first_index`` (a window's events follow the windows before it)."""
    features = []
    for i, event in enumerate(result.events, start=first_index):
        loc = event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        props = event_to_dict(event, result.document.rights.tdm_reserved)
        props["document_id"] = result.document.id
        props["event_index"] = i
        props["url"] = result.document.url
        props["title"] = result.document.title
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                         "properties": props})
    return features


def _date(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def source_to_dict(source: Source) -> dict[str, Any]:
    """Which document: ``document_id, url, title, site, published``."""
    return {"document_id": source.document_id, "url": source.url, "title": source.title,
            "site": source.site, "published": _date(source.published)}


def incident_to_dict(incident: Incident, evidence: bool = True) -> dict[str, Any]:
    """One merged event as JSON-ready data: its fields, reports, every claim with its
    claimant and source document, and (with ``evidence``) every quote."""
    out: dict[str, Any] = {
        "id": incident.id, "version": incident.version, "status": incident.status,
        "review": incident.review, "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type, "date": _date(incident.date),
        "date_precision": incident.date_precision, "location": _location(incident.location),
        "actors": [_actor(a) for a in incident.actors], "fatalities": _range(incident.fatalities),
        "wounded": _range(incident.wounded), "ucdp_type_of_violence": incident.ucdp_type_of_violence,
        "plover": incident.plover, "cameo": incident.cameo,
        "reports": [{"report_id": r.id, **source_to_dict(r.source), "event_index": r.index,
                     "document_version": r.document_version} for r in incident.reports],
        "claims": [{**_claim(sc.claim), "report_id": sc.report_id, **source_to_dict(sc.source)}
                   for sc in incident.claims],
        "overridden": list(incident.overridden), "merged_into": incident.merged_into,
        "created": _date(incident.created), "updated": _date(incident.updated),
    }
    if evidence:
        out["evidence"] = [{"field": se.evidence.field, "start": se.evidence.span.start,
                            "end": se.evidence.span.end, "text": quote(se.evidence.span),
                            "report_id": se.report_id, "document_id": se.source.document_id}
                           for se in incident.evidence]
    return out


def incident_snapshot(incident: Incident) -> dict[str, Any]:
    """What an incident's history keeps of each version: its fields, its reports' ids
    and its claims in one line each (figure, numbers, claimant, document)."""
    data = incident_to_dict(incident, evidence=False)
    data["reports"] = [r.id for r in incident.reports]
    data["claims"] = [_claim_line(sc.claim) + f" [{sc.source.document_id}]" for sc in incident.claims]
    for key in ("version", "created", "updated"):
        data.pop(key)
    return data


def _claim_line(c: Claim) -> str:
    numbers = f"{c.low}" + (f"-{c.high}" if c.high is not None and c.high != c.low else ("+" if c.high is None else ""))
    return f"{c.figure} {numbers}" + (f" ({c.claimant})" if c.claimant else "")


# -- the store's other records, as the API gives them ----------------------------------------


def version_to_dict(version: "IncidentVersion") -> dict[str, Any]:
    """One history entry: version, when, by whom, what was done, what changed."""
    return {"version": version.version, "at": _date(version.at), "by": version.by, "action": version.action,
            "summary": version.summary,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in version.changes]}


def decision_to_dict(decision: "MergeDecision") -> dict[str, Any]:
    """Why a report joined, started or left an event."""
    return {"report_id": decision.report_id, "incident_id": decision.incident_id, "action": decision.action,
            "score": decision.score, "reasons": list(decision.reasons), "candidates": decision.candidates,
            "at": _date(decision.at), "by": decision.by}


def stored_document_to_dict(doc: "StoredDocument", with_text: bool = True) -> dict[str, Any]:
    """A stored document: metadata, rights, and its text when it was kept (a document
    whose publisher reserved text-and-data-mining rights has none)."""
    rights = doc.rights
    out: dict[str, Any] = {
        "id": doc.id, "url": doc.url, "title": doc.title, "site": doc.site, "published": _date(doc.published),
        "language": doc.language, "version": doc.version, "extractor": doc.extractor,
        "first_seen": _date(doc.first_seen), "updated": _date(doc.updated),
        "rights": {"tdm_reserved": rights.tdm_reserved, "source": rights.source, "policy": rights.policy,
                   "notice": rights.notice.text if rights.notice else None},
        "body_kept": doc.body_kept,
    }
    if with_text:
        out["text"] = doc.body
    return out


def user_to_dict(user: "User") -> dict[str, Any]:
    """An account (never its password hash)."""
    return {"name": user.name, "role": user.role, "created": _date(user.created), "disabled": user.disabled}


def summary_to_dict(summary: "IncidentSummary") -> dict[str, Any]:
    """An event's own fields (no reports, claims or evidence: see :func:`incident_to_dict`)."""
    return {"id": summary.id, "version": summary.version, "status": summary.status, "review": summary.review,
            "event_type": summary.event_type, "sub_event_type": summary.sub_event_type,
            "date": _date(summary.date), "date_precision": summary.date_precision,
            "location": _location(summary.location), "actors": [_actor(a) for a in summary.actors],
            "fatalities": _range(summary.fatalities), "wounded": _range(summary.wounded),
            "n_reports": summary.n_reports, "n_sources": summary.n_sources, "title": summary.title,
            "updated": _date(summary.updated)}


FORMATS = ("jsonl", "json", "csv", "geojson")
"""The output formats :class:`StreamWriter` writes."""


class StreamWriter:
    """Writes results as they come, keeping none of them.

    ``start()`` once, then ``document(parts)`` for each document (its parts as
    :meth:`~conflictwatch.pipeline.Pipeline.extract_parts` gives them, one per
    window of a long text), then ``finish()``. The output is the same as
    :func:`to_jsonl_line`, ``json.dumps(result_to_dict(...), indent=2)`` in a list,
    :func:`write_csv` or a FeatureCollection of :func:`geojson_features` would give.
    If a document's parts fail part-way, the events written so far stay and the
    document's JSON is still closed, so the output stays valid.
    """

    def __init__(self, out: TextIO, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
        self.out = out
        self.fmt = fmt
        self._first = True
        self._csv = csv.writer(out) if fmt == "csv" else None

    def start(self) -> None:
        if self.fmt == "json":
            self.out.write("[\n")
        elif self.fmt == "geojson":
            self.out.write('{"type": "FeatureCollection", "features": [\n')
        elif self._csv is not None:
            self._csv.writerow(CSV_COLUMNS)

    def finish(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n")
        elif self.fmt == "geojson":
            self.out.write("\n]}\n")
        self.out.flush()

    def document(self, parts: Iterable[Result],
                 explain: Callable[[], list[dict[str, Any]]] | None = None) -> int:
        """Write one document; returns how many events it had. ``explain`` (JSON and
        JSON lines only) gives the document's ``"explain"`` list once its parts are
        written (see :meth:`~conflictwatch.explain.Explanation.as_dicts`)."""
        if explain is not None and self.fmt not in ("jsonl", "json"):
            raise ValueError(f"an explanation is written only in JSON or JSON lines, not {self.fmt}")
        count = 0
        opened = False
        complete = False
        try:
            for part in parts:
                if not opened:
                    self._open(part)
                    opened = True
                self._events(part, count)
                count += len(part.events)
            complete = True
        finally:
            if opened:
                self._close(count, explain() if explain is not None and complete else None)
        return count

    def _open(self, part: Result) -> None:
        doc = part.document
        if self.fmt == "jsonl":
            self.out.write('{"id": ' + json.dumps(doc.id, ensure_ascii=False) + ', "document": '
                           + json.dumps(document_to_dict(doc), ensure_ascii=False) + ', "events": [')
        elif self.fmt == "json":
            head = json.dumps({"id": doc.id, "document": document_to_dict(doc)}, ensure_ascii=False, indent=2)
            self.out.write(("" if self._first else ",\n") + head[:-2] + ',\n  "events": [')
            self._first = False

    def _events(self, part: Result, before: int) -> None:
        reserved = part.document.rights.tdm_reserved
        if self.fmt == "jsonl":
            for i, event in enumerate(part.events, start=before):
                self.out.write(("" if i == 0 else ", ")
                               + json.dumps(event_to_dict(event, reserved), ensure_ascii=False))
        elif self.fmt == "json":
            for i, event in enumerate(part.events, start=before):
                body = json.dumps(event_to_dict(event, reserved), ensure_ascii=False, indent=2)
                self.out.write(("\n" if i == 0 else ",\n") + "\n".join("    " + line for line in body.split("\n")))
        elif self._csv is not None:
            for i, event in enumerate(part.events, start=before):
                self._csv.writerow(_csv_row(part, i, event))
        else:
            for feature in geojson_features(part, before):
                self.out.write(("" if self._first else ",\n") + json.dumps(feature, ensure_ascii=False))
                self._first = False

    def _close(self, count: int, explain: list[dict[str, Any]] | None = None) -> None:
        if self.fmt == "jsonl":
            tail = "" if explain is None else ', "explain": ' + json.dumps(explain, ensure_ascii=False)
            self.out.write("]" + tail + "}\n")
        elif self.fmt == "json":
            self.out.write("\n  ]" if count else "]")
            if explain is not None:
                body = json.dumps(explain, ensure_ascii=False, indent=2)
                self.out.write(',\n  "explain": ' + "\n".join(("  " if k else "") + line
                                                              for k, line in enumerate(body.split("\n"))))
            self.out.write("\n}")
        self.out.flush()
