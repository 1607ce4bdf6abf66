"""Firing alerts: once per new event and once per material change, never twice.

:meth:`Alerter.check` is called after each recorded document with the events it
created or updated. For each event and each rule it matches, the rule's last
firing for that event (kept in the store) decides:

* no firing yet: the event is **new** to the rule, which fires;
* a firing: the rule fires again only when the event changed **materially**
  since (:func:`material_change`): its best fatality estimate changed, its event
  or sub-event type changed, its place moved more than :data:`MATERIAL_KM`, or
  another event was merged into it;
* the same event version never fires a rule twice (a unique key in the store).

A firing is recorded as ``pending`` before it is delivered and marked
``delivered`` or ``failed`` after: a crash in between, or a delivery that
failed, is delivered by :meth:`Alerter.retry` on the next poll (so an alert may
in rare cases arrive twice, never not at all), up to :data:`MAX_ATTEMPTS` tries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable

from ..errors import AlertDeliveryError
from ..model import AlertFiring, Incident
from ..output import incident_to_dict
from ..store import Store
from .rules import TargetKind
from .deliver import Deliverer
from .rules import AlertRule, AlertRules, AlertTarget, distance_km

LOGGER = logging.getLogger(__name__)

MATERIAL_KM = 10.0
"""A place that moved further than this is a material change."""
MAX_ATTEMPTS = 10
"""Deliveries tried for one firing before it is left as failed."""


def material_change(previous: AlertFiring, incident: Incident, absorbed: int) -> str | None:
    """What changed materially since ``previous`` fired (``None``: nothing did).

    Material: the best fatality estimate changed; the event type or sub-event type
    changed; the place moved more than :data:`MATERIAL_KM` (or gained or lost its
    coordinates); more events were merged into it (``absorbed``).
    """
    changes = []
    best = incident.fatalities.best if incident.fatalities else None
    if best != previous.killed_best:
        changes.append(f"fatalities {_shown(previous.killed_best)} -> {_shown(best)}")
    if (incident.event_type, incident.sub_event_type) != (previous.event_type, previous.sub_event_type):
        changes.append(f"type {previous.sub_event_type} -> {incident.sub_event_type}")
    lat, lon = _point(incident)
    if (lat is None) != (previous.lat is None):
        changes.append("place " + ("now located" if lat is not None else "no longer located"))
    elif lat is not None and lon is not None and previous.lat is not None and previous.lon is not None:
        moved = distance_km(previous.lat, previous.lon, lat, lon)
        if moved > MATERIAL_KM:
            changes.append(f"moved {moved:.0f} km")
    if absorbed > previous.absorbed:
        changes.append(f"merged with {absorbed - previous.absorbed} more event"
                       + ("s" if absorbed - previous.absorbed > 1 else ""))
    return "; ".join(changes) or None


def _shown(value: int | None) -> str:
    return "unknown" if value is None else str(value)


def _point(incident: Incident) -> tuple[float | None, float | None]:
    loc = incident.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None, None
    return loc.lat, loc.lon


def payload(rule: AlertRule, incident: Incident, reason: str, fired_at: dt.datetime) -> str:
    """The JSON delivered: ``{"alert": {rule, reason, fired_at}, "event": {...}}``."""
    return json.dumps({"alert": {"rule": rule.name, "reason": reason, "fired_at": fired_at.isoformat()},
                       "event": incident_to_dict(incident, evidence=False)}, ensure_ascii=False)


class Alerter:
    """Checks events against rules, records firings in ``store`` and delivers them.

    ``log`` receives one line per alert fired or failed (the command line prints
    them).
    """

    def __init__(self, rules: AlertRules, store: Store, deliverer: Deliverer,
                 log: Callable[[str], None] | None = None) -> None:
        self.rules = rules
        self.store = store
        self.deliverer = deliverer
        self.log = log or LOGGER.info
        self._targets: dict[str, AlertTarget] = {r.name: r.target for r in rules.rules}

    def check(self, event_ids: Iterable[str]) -> list[AlertFiring]:
        """Fire the rules for events just created or updated; returns the firings made."""
        fired: list[AlertFiring] = []
        for event_id in dict.fromkeys(event_ids):
            with self.store.reading() as reader:
                incident = reader.incident(event_id)
                if incident is None:
                    continue
                absorbed = len(reader.merged_ids(incident.id))
                due = []
                for rule in self.rules.rules:
                    if not rule.matches(incident):
                        continue
                    previous = reader.last_firing(rule.name, incident.id)
                    if previous is not None and previous.event_version >= incident.version:
                        continue
                    reason = "new" if previous is None else material_change(previous, incident, absorbed)
                    if reason is not None:
                        due.append((rule, reason))
            for rule, reason in due:
                firing = self._record(rule, incident, absorbed, reason)
                if firing is not None:
                    fired.append(self._deliver(firing))
        return fired

    def retry(self) -> list[AlertFiring]:
        """Deliver firings left pending or failed (a crash, a webhook down), oldest first."""
        with self.store.reading() as reader:
            waiting = [f for f in reader.firings(("pending", "failed")) if f.attempts < MAX_ATTEMPTS]
        return [self._deliver(f) for f in waiting if f.rule in self._targets]

    def _record(self, rule: AlertRule, incident: Incident, absorbed: int, reason: str) -> AlertFiring | None:
        lat, lon = _point(incident)
        with self.store.writing() as writer:
            now = writer.now.replace(tzinfo=dt.timezone.utc)
            return writer.add_firing(AlertFiring(
                rule.name, incident.id, incident.version, reason, incident.event_type, incident.sub_event_type,
                incident.fatalities.best if incident.fatalities else None, lat, lon, absorbed,
                rule.target.location, payload(rule, incident, reason, now), fired_at=now))

    def _deliver(self, firing: AlertFiring) -> AlertFiring:
        kind: TargetKind = "webhook" if firing.target.lower().startswith(("http://", "https://")) else "jsonl"
        attempts = firing.attempts + 1
        try:
            self.deliverer.deliver(AlertTarget(kind, firing.target), firing.payload)
        except AlertDeliveryError as exc:
            with self.store.writing() as writer:
                writer.set_firing_status(firing.id or 0, "failed", attempts, str(exc))
            self.log(f"alert {firing.rule!r} for {firing.event_id} not delivered: {exc}")
            return dataclasses.replace(firing, status="failed", attempts=attempts, last_error=str(exc))
        with self.store.writing() as writer:
            writer.set_firing_status(firing.id or 0, "delivered", attempts, None)
        self.log(f"alert {firing.rule!r}: {firing.event_id} ({firing.reason}) -> {firing.target}")
        return dataclasses.replace(firing, status="delivered", attempts=attempts, last_error=None)
