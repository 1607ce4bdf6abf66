"""Alerts stage: rules over events, fired once per new or materially changed event.

* :mod:`.rules` — the rules file (TOML) and what a rule matches;
* :mod:`.engine` — :class:`Alerter`: which events fire which rules, recorded in
  the store so a restart repeats none;
* :mod:`.deliver` — webhooks (JSON POST, retried, behind the fetching stage's
  address guard) and JSONL files.

::

    from conflictwatch.alerts import Alerter, Deliverer, load_alert_rules
    with Deliverer() as deliverer:
        alerter = Alerter(load_alert_rules("alerts.toml"), store, deliverer)
        alerter.check(outcome.created + outcome.updated)
"""

from .deliver import Deliverer, DeliveryPolicy, append_line
from .engine import MATERIAL_KM, MAX_ATTEMPTS, Alerter, material_change, payload
from .rules import AlertRule, AlertRules, AlertTarget, Near, distance_km, load_alert_rules, parse_alert_rules

__all__ = [
    "MATERIAL_KM",
    "MAX_ATTEMPTS",
    "AlertRule",
    "AlertRules",
    "AlertTarget",
    "Alerter",
    "Deliverer",
    "DeliveryPolicy",
    "Near",
    "append_line",
    "distance_km",
    "load_alert_rules",
    "material_change",
    "parse_alert_rules",
    "payload",
]
