"""What people do to stored events: merge two, split a report off, edit a field,
confirm, reject. Each is one transaction and one new version in the history of
every event it touches, with the person's name and reason.

* **merge**: the survivor keeps its id and takes every report; the other event
  becomes ``merged`` and its id resolves to the survivor from then on.
* **split**: a report leaves its event and starts one of its own.
* **edit**: a reviewer sets a field (:data:`~conflictwatch.merge.compose.OVERRIDABLE`);
  automatic recomputation (a new report, a corrected article, reprocessing) leaves
  it alone until a reviewer :func:`release`\\ s it.
* **confirm** / **reject**: the review state (a rejected event stays on record).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .errors import NotFound, ReviewError
from .identity import incident_id
from .merge.compose import OVERRIDABLE, CountryNames, compose
from .model import Incident, MergeDecision
from .store import Store, Writer


def _load(w: Writer, event_id: str) -> Incident:
    incident = w.incident(event_id, resolve=False)
    if incident is None:
        raise NotFound(f"no event {event_id!r} in the store")
    return incident


def _recompose(w: Writer, incident: Incident, country_name: CountryNames | None,
               **changes: Any) -> Incident:
    reports = w.reports_of_incidents([incident.id]).get(incident.id, [])
    base = dataclasses.replace(incident, **changes) if changes else incident
    if not reports:
        return dataclasses.replace(base, reports=(), claims=(), evidence=())
    return compose(incident.id, reports, base, w.now, country_name)


def merge_incidents(store: Store, survivor_id: str, other_id: str, by: str, reason: str,
                    country_name: CountryNames | None = None) -> Incident:
    """Fold ``other_id`` into ``survivor_id``; returns the survivor as saved."""
    if survivor_id == other_id:
        raise ReviewError(f"cannot merge event {survivor_id} with itself")
    with store.writing() as w:
        survivor = _load(w, survivor_id)
        other = _load(w, other_id)
        for event in (survivor, other):
            if event.status not in ("active", "rejected"):
                raise ReviewError(f"event {event.id} is {event.status}; only active events can be merged")
        clash = {r.source.document_id for r in survivor.reports} & {r.source.document_id for r in other.reports}
        if clash:
            raise ReviewError(f"events {survivor_id} and {other_id} both hold reports of document "
                              f"{sorted(clash)[0]}; split one of them off first")
        for report in other.reports:
            w.move_report(report.id, survivor.id)
            w.record_decision(MergeDecision(report.id, survivor.id, "joined", None,
                                            (f"merged by {by}: {reason}",), 1, w.now, by))
        merged = dataclasses.replace(other, status="merged", merged_into=survivor.id, reports=(), claims=(),
                                     evidence=())
        w.save_incident(merged, other, "merged", f"merged into {survivor.id} by {by}: {reason}", by)
        updated = _recompose(w, survivor, country_name, review="edited")
        return w.save_incident(updated, survivor, "merged", f"{other.id} merged in by {by}: {reason}", by)


def split_report(store: Store, report_id: str, by: str, reason: str,
                 country_name: CountryNames | None = None) -> Incident:
    """Move one report out of its event into a new event of its own; returns the new event."""
    with store.writing() as w:
        found = w.report(report_id)
        report, old_id = found or (None, None)
        if report is None or old_id is None:
            raise NotFound(f"no report {report_id!r} filed under an event")
        old = _load(w, old_id)
        if len(old.reports) < 2:
            raise ReviewError(f"report {report_id} is the only report of event {old_id}; nothing to split")
        new_id = incident_id(f"{report_id}/split/{old.version}")
        w.move_report(report_id, new_id)
        w.record_decision(MergeDecision(report_id, old_id, "left", None, (f"split off by {by}: {reason}",), 0,
                                        w.now, by))
        w.record_decision(MergeDecision(report_id, new_id, "created", None, (f"split off by {by}: {reason}",), 0,
                                        w.now, by))
        remaining = _recompose(w, old, country_name, review="edited")
        w.save_incident(remaining, old, "split", f"report {report_id} split off to {new_id} by {by}: {reason}", by)
        created = compose(new_id, [report], None, w.now, country_name)
        return w.save_incident(dataclasses.replace(created, review="edited"), None, "split",
                               f"split off {old_id} by {by}: {reason}", by)


def edit_field(store: Store, event_id: str, field: str, value: Any, by: str, reason: str,
               country_name: CountryNames | None = None) -> Incident:
    """Set one field of an event by hand; it then stays as set (see :func:`release`)."""
    return edit_fields(store, event_id, {field: value}, by, reason, country_name)


def edit_fields(store: Store, event_id: str, values: Mapping[str, Any], by: str, reason: str,
                country_name: CountryNames | None = None) -> Incident:
    """Set several fields of an event by hand in one version (a sub-event type and
    its type, say); each then stays as set (see :func:`release`)."""
    for field in values:
        if field not in OVERRIDABLE:
            raise ReviewError(f"field {field!r} cannot be edited; editable fields: {', '.join(OVERRIDABLE)}")
    if not values:
        raise ReviewError("an edit needs a field to set")
    if not reason.strip():
        raise ReviewError("an edit needs a reason; say why the field is wrong")
    with store.writing() as w:
        incident = _load(w, event_id)
        if incident.status not in ("active", "rejected"):
            raise ReviewError(f"event {event_id} is {incident.status}; edit the event it became instead")
        overridden = incident.overridden + tuple(f for f in values if f not in incident.overridden)
        updated = _recompose(w, incident, country_name, overridden=overridden, review="edited", **dict(values))
        names = ", ".join(values)
        return w.save_incident(updated, incident, "edited", f"{names} set by {by}: {reason}", by)


def release(store: Store, event_id: str, field: str, by: str, country_name: CountryNames | None = None) -> Incident:
    """Let automatic recomputation set ``field`` again (undoing a reviewer's hold on it)."""
    with store.writing() as w:
        incident = _load(w, event_id)
        if field not in incident.overridden:
            raise ReviewError(f"{field} of event {event_id} is not set by a reviewer")
        overridden = tuple(f for f in incident.overridden if f != field)
        updated = _recompose(w, dataclasses.replace(incident, overridden=overridden), country_name)
        return w.save_incident(updated, incident, "edited", f"{field} released to automatic coding by {by}", by)


def set_review(store: Store, event_id: str, state: str, by: str, reason: str = "") -> Incident:
    """Confirm or reject an event (``state``: confirmed or rejected)."""
    if state not in ("confirmed", "rejected"):
        raise ReviewError(f"review state {state!r}: use confirmed or rejected")
    with store.writing() as w:
        incident = _load(w, event_id)
        status = "rejected" if state == "rejected" else ("active" if incident.status == "rejected" else incident.status)
        updated = dataclasses.replace(incident, review=state, status=status)  # type: ignore[arg-type]
        summary = f"{state} by {by}" + (f": {reason}" if reason else "")
        return w.save_incident(updated, incident, state, summary, by)


__all__ = ["ReviewError", "edit_field", "edit_fields", "merge_incidents", "release", "set_review", "split_report"]
