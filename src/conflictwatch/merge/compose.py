"""An incident's fields from all its reports: the documented rule.

* **type**: the (type, sub-type) most reports give; on a tie, that of the report
  with the most precise place, then the most claims, then the earliest received.
* **date**: from the reports with the most precise date, the date most of them
  give; on a tie, the earliest. Its precision and note come with it.
* **place**: from the reports with the most precise place, the place most of them
  name; on a tie, the earliest received report's.
* **actors**: every actor any report names, once (by dictionary id), in the order
  first named, each with the role most reports give it.
* **fatalities** and **wounded**: :func:`conflictwatch.figures.across_reports`
  over the reports' own figures: low and high span them, best comes from the most
  credible and, among those, the latest report. Rival claims stay side by side.
* **claims** and **evidence**: every report's, each with its source document; the
  type, date and place evidence points into the report each field was taken from.

A field a reviewer set (``Incident.overridden``) keeps the reviewer's value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence

from ..figures import across_reports, report_figure
from ..model import Actor, Incident, Location, Report, Role, SourcedClaim, SourcedEvidence

OVERRIDABLE = ("event_type", "sub_event_type", "date", "date_precision", "location", "actors",
               "fatalities", "wounded")
"""Fields a reviewer may set; recomputation leaves a set field alone."""


def _place_key(loc: Location) -> tuple[object, ...]:
    return (loc.geonames_id,) if loc.geonames_id is not None else (loc.name, loc.country_code, loc.admin1)


CountryNames = Callable[[str], str]
"""A country's short English name from its ISO code (``ActorDictionary.country_name``)."""


def _parties(actors: Sequence[Actor], country_name: CountryNames | None) -> set[str]:
    parties = {a.name.lower() for a in actors}
    for a in actors:
        if a.country_code and country_name is not None:
            parties.add(country_name(a.country_code).lower())
    return parties


def _actors(reports: Sequence[Report]) -> tuple[tuple[Actor, ...], dict[str, str]]:
    roles: dict[str, Counter[Role]] = {}
    first: dict[str, Actor] = {}
    origin: dict[str, str] = {}
    for report in reports:
        for actor in report.event.actors:
            roles.setdefault(actor.id, Counter())[actor.role] += 1
            if actor.id not in first:
                first[actor.id] = actor
                origin[actor.id] = report.id
    out = []
    for actor_id, actor in first.items():
        counts = roles[actor_id]
        role = max(counts, key=lambda r: (counts[r], r == actor.role))
        out.append(dataclasses.replace(actor, role=role) if role != actor.role else actor)
    return tuple(out), origin


def compose(incident_id: str, reports: Sequence[Report], previous: Incident | None = None,
            now: dt.datetime | None = None, country_name: CountryNames | None = None) -> Incident:
    """The incident ``incident_id`` as its ``reports`` (in the order received) tell it.

    ``country_name`` names the actors' countries, so that a claim by a party's own
    government counts as a party's claim.

    ``previous`` is the incident's last version: its status, review state, creation
    time and reviewer-set fields carry over. Raises ``ValueError`` for no reports.
    """
    if not reports:
        raise ValueError(f"incident {incident_id} has no reports to compose")
    order = {r.id: i for i, r in enumerate(reports)}

    def place_precision(r: Report) -> int:
        return r.event.location.precision if r.event.location is not None else 9

    types = Counter((r.event.event_type, r.event.sub_event_type) for r in reports)
    type_report = min(reports, key=lambda r: (-types[(r.event.event_type, r.event.sub_event_type)],
                                              place_precision(r), -len(r.event.claims), order[r.id]))
    dated = [r for r in reports if r.event.date is not None]
    if dated:
        finest = min(r.event.date_precision for r in dated)
        dated = [r for r in dated if r.event.date_precision == finest]
        dates = Counter(r.event.date for r in dated)
        date_report = min(dated, key=lambda r: (-dates[r.event.date], r.event.date, order[r.id]))
    else:
        date_report = reports[0]
    placed = [r for r in reports if r.event.location is not None]
    place_report: Report | None = None
    if placed:
        finest = min(place_precision(r) for r in placed)
        placed = [r for r in placed if place_precision(r) == finest]
        places = Counter(_place_key(r.event.location) for r in placed if r.event.location is not None)
        place_report = min(placed, key=lambda r: (-places[_place_key(r.event.location)]  # type: ignore[arg-type]
                                                  , order[r.id]))
    actors, actor_origin = _actors(reports)
    parties = _parties(actors, country_name)
    published = {r.id: r.source.published for r in reports}
    figures = {}
    for figure, attr in (("killed", "fatalities"), ("wounded", "wounded")):
        per_report = [report_figure(r.event.claims, figure, parties, getattr(r.event, attr), published[r.id],
                                    order[r.id])
                      for r in reports]
        figures[attr] = across_reports([f for f in per_report if f is not None])
    claims = tuple(SourcedClaim(c, r.id, r.source) for r in reports for c in r.event.claims)
    evidence = _evidence(reports, type_report, date_report, place_report, actors, actor_origin)
    te = type_report.event
    de = date_report.event
    incident = Incident(
        id=incident_id, version=previous.version if previous else 0,
        status=previous.status if previous else "active",
        review=previous.review if previous else "new",
        event_type=te.event_type, sub_event_type=te.sub_event_type,
        date=de.date, date_precision=de.date_precision,
        location=place_report.event.location if place_report else None,
        actors=actors, fatalities=figures["fatalities"], wounded=figures["wounded"],
        ucdp_type_of_violence=te.ucdp_type_of_violence, plover=te.plover, cameo=te.cameo,
        claims=claims, evidence=evidence, reports=tuple(reports),
        overridden=previous.overridden if previous else (),
        merged_into=None, created=previous.created if previous and previous.created else now,
        updated=now)
    if previous is not None and previous.overridden:
        incident = dataclasses.replace(incident, **{f: getattr(previous, f) for f in previous.overridden})
    return incident


def _evidence(reports: Sequence[Report], type_report: Report, date_report: Report,
              place_report: Report | None, actors: Sequence[Actor],
              actor_origin: dict[str, str]) -> tuple[SourcedEvidence, ...]:
    out: list[SourcedEvidence] = []
    by_id = {r.id: r for r in reports}
    index_of = {a.id: i for i, a in enumerate(actors)}
    claim_no = 0
    taken = {"event_type": type_report, "sub_event_type": type_report, "date": date_report,
             "location": place_report}
    for report in reports:
        local_actors = {f"actors[{i}]": a.id for i, a in enumerate(report.event.actors)}
        claim_base = claim_no
        for ev in report.event.evidence:
            name = ev.field
            if name in taken:
                if taken[name] is not report:
                    continue
            elif name.startswith("actors["):
                actor_id = local_actors.get(name)
                if actor_id is None or actor_origin.get(actor_id) != report.id:
                    continue
                name = f"actors[{index_of[actor_id]}]"
            elif name.startswith("claims["):
                name = f"claims[{claim_base + int(name[7:-1])}]"
            out.append(SourcedEvidence(dataclasses.replace(ev, field=name), report.id, by_id[report.id].source))
        claim_no += len(report.event.claims)
    return tuple(out)
