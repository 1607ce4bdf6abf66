"""Alert rules: the file, what a rule matches, what counts as a material change, firing once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from conflictwatch.alerts import (
    AlertRules,
    AlertTarget,
    Alerter,
    Deliverer,
    load_alert_rules,
    material_change,
    parse_alert_rules,
)
from conflictwatch.errors import AlertDeliveryError, AlertRulesError
from conflictwatch.model import Actor, AlertFiring, Incident, Location, Range

KURSK = Location("Sudzha", "Russia", "RU", "Kursk", None, 51.19, 35.27, None, 1)


def incident(**changes) -> Incident:
    base = Incident(
        id="ev-1", version=1, status="active", review="new", event_type="Battles", sub_event_type="Armed clash",
        date=dt.date(2025, 1, 10), date_precision=1, location=KURSK,
        actors=(Actor("military forces of Ukraine", "actor1", "UA", "state forces", "ua-mil"),
                Actor("Wagner Group", "actor2", "RU", "political militia", "wagner")),
        fatalities=Range(12, 12, 15), wounded=None, ucdp_type_of_violence=1, plover="FIGHT", cameo="19")
    return dataclasses.replace(base, **changes)


RULES = """
[[rule]]
name = "deadly in Kursk"
min_fatalities = 10
admin1 = "Kursk"
country = ["RU", "Ukraine"]
jsonl = "out/kursk.jsonl"

[[rule]]
name = "near Sudzha"
within = { km = 30, lat = 51.2, lon = 35.5 }
webhook = "https://hooks.example.org/cw"

[[rule]]
name = "wagner clashes"
actor = "wagner"
type = ["armed clash", "Air/drone strike"]
jsonl = "/tmp/all.jsonl"
"""


def test_a_rules_file_is_read_with_relative_paths_from_its_folder(tmp_path):
    rules = parse_alert_rules(RULES, tmp_path / "alerts.toml")
    kursk, near, wagner = rules.rules
    assert kursk.min_fatalities == 10 and kursk.admin1 == ("kursk",) and kursk.countries == ("ru", "ukraine")
    assert kursk.target == AlertTarget("jsonl", str(tmp_path / "out" / "kursk.jsonl"))
    assert near.near.km == 30 and near.target == AlertTarget("webhook", "https://hooks.example.org/cw")
    assert wagner.actors == ("wagner",) and wagner.types == ("armed clash", "air/drone strike")
    assert kursk.origin == f"{tmp_path / 'alerts.toml'}:2"


@pytest.mark.parametrize("text, message", [
    ("[[rule]]\nname = 'a'\n", "needs exactly one target, webhook or jsonl (found none)"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\nwebhook = 'https://h.test/'\n", "found webhook and jsonl"),
    ("[[rule]]\njsonl = 'x'\n", "alerts.toml:1: [[rule]] #1 needs a name"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\nfatalities = 3\n",
     "alerts.toml:4: [[rule]] #1 ('a') key 'fatalities' is unknown"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\nmin_fatalities = -1\n",
     "alerts.toml:4: [[rule]] #1 ('a') key 'min_fatalities' must be"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\nwithin = { km = 30 }\n", "write 'within' like within"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\nwithin = { km = 30, lat = 95, lon = 0 }\n", "is not a point"),
    ("[[rule]]\nname = 'a'\nwebhook = 'ftp://h.test/'\n", "is not an http(s) URL"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\n[[rule]]\nname = 'a'\njsonl = 'y'\n",
     "alerts.toml:5: [[rule]] #2 ('a') has the same name as the rule at"),
    ("[[rule]]\nname = 'a'\njsonl = 'x'\nactor = []\n", "give an actor as a non-empty string"),
    ("rule = 3\n", "no rules"),
    ("[rules]\n", "unknown table or key 'rules'"),
    ("[[rule]\n", "not valid TOML"),
])
def test_a_bad_rules_file_is_refused_naming_the_line_and_key(text, message, tmp_path):
    with pytest.raises(AlertRulesError, match=None) as info:
        parse_alert_rules(text, tmp_path / "alerts.toml")
    assert message in str(info.value)


def test_a_missing_rules_file_says_where_it_was_named(tmp_path):
    with pytest.raises(AlertRulesError, match="--alerts or CONFLICTWATCH_ALERTS"):
        load_alert_rules(tmp_path / "missing.toml")


def test_what_each_rule_matches(tmp_path):
    kursk, near, wagner = parse_alert_rules(RULES, tmp_path / "a.toml").rules
    event = incident()
    assert kursk.matches(event) and near.matches(event) and wagner.matches(event)
    assert not kursk.matches(incident(fatalities=Range(3, 9, 9)))       # best under 10
    assert not kursk.matches(incident(fatalities=None))
    assert not kursk.matches(incident(location=dataclasses.replace(KURSK, admin1="Belgorod")))
    assert kursk.matches(incident(location=dataclasses.replace(KURSK, country_code="UA", country="Ukraine")))
    far = dataclasses.replace(KURSK, lat=51.2, lon=36.1)                 # ~42 km east of the point
    assert not near.matches(incident(location=far))
    assert not near.matches(incident(location=dataclasses.replace(KURSK, lat=None, lon=None)))
    assert not wagner.matches(incident(actors=(Actor("military forces of Russia", "actor1", "RU", "state forces",
                                                     "ru-mil"),)))
    assert wagner.matches(incident(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"))
    assert not wagner.matches(incident(event_type="Violence against civilians", sub_event_type="Attack"))
    for status in ("withdrawn", "merged", "rejected"):
        assert not wagner.matches(incident(status=status))


def fired(**changes) -> AlertFiring:
    values = dict(rule="r", event_id="ev-1", event_version=1, reason="new", event_type="Battles",
                  sub_event_type="Armed clash", killed_best=12, lat=51.19, lon=35.27, absorbed=0, target="x",
                  payload="{}")
    values.update(changes)
    return AlertFiring(**values)


def test_material_changes():
    assert material_change(fired(), incident(version=2, wounded=Range(4, 4, 4)), 0) is None  # wounded: not material
    assert material_change(fired(), incident(fatalities=Range(12, 14, 14)), 0) == "fatalities 12 -> 14"
    assert material_change(fired(), incident(sub_event_type="Air/drone strike",
                                             event_type="Explosions/Remote violence"), 0) == \
        "type Armed clash -> Air/drone strike"
    nearby = dataclasses.replace(KURSK, lat=51.23, lon=35.33)            # ~6 km
    assert material_change(fired(), incident(location=nearby), 0) is None
    moved = dataclasses.replace(KURSK, lat=51.4, lon=35.27)              # ~23 km
    assert material_change(fired(), incident(location=moved), 0) == "moved 23 km"
    assert material_change(fired(), incident(), 1) == "merged with 1 more event"
    assert material_change(fired(lat=None, lon=None), incident(), 0) == "place now located"
    assert material_change(fired(), incident(fatalities=None), 2) \
        == "fatalities 12 -> unknown; merged with 2 more events"


class FakeStore:
    """What the Alerter needs of a store: incidents to read, firings to keep."""

    def __init__(self, incidents: dict[str, Incident]) -> None:
        self.incidents = incidents
        self.firings: list[AlertFiring] = []
        self.now = dt.datetime(2026, 12, 1, 9, 0)

    def reading(self):
        return _Context(self)

    writing = reading


class _Context:
    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.now = store.now

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def incident(self, event_id):
        return self.store.incidents.get(event_id)

    def merged_ids(self, event_id):
        return []

    def last_firing(self, rule, event_id):
        mine = [f for f in self.store.firings if f.rule == rule and f.event_id == event_id]
        return mine[-1] if mine else None

    def firings(self, statuses):
        return [f for f in self.store.firings if f.status in statuses]

    def add_firing(self, firing):
        if any((f.rule, f.event_id, f.event_version) == (firing.rule, firing.event_id, firing.event_version)
               for f in self.store.firings):
            return None
        firing = dataclasses.replace(firing, id=len(self.store.firings) + 1)
        self.store.firings.append(firing)
        return firing

    def set_firing_status(self, firing_id, status, attempts, error):
        self.store.firings = [dataclasses.replace(f, status=status, attempts=attempts, last_error=error)
                              if f.id == firing_id else f for f in self.store.firings]


def test_a_rule_fires_once_per_new_or_materially_changed_event(tmp_path):
    rules = parse_alert_rules(RULES.replace("/tmp/all.jsonl", str(tmp_path / "all.jsonl")), tmp_path / "a.toml")
    only_jsonl = AlertRules(rules.path, (rules.rules[0], rules.rules[2]))
    store = FakeStore({"ev-1": incident()})
    alerter = Alerter(only_jsonl, store, Deliverer(), log=lambda line: None)
    assert [f.reason for f in alerter.check(["ev-1", "ev-1"])] == ["new", "new"]       # two rules, once each
    assert alerter.check(["ev-1"]) == []                                               # the same version
    store.incidents["ev-1"] = incident(version=2, wounded=Range(3, 3, 3))
    assert alerter.check(["ev-1"]) == []                                               # not material
    store.incidents["ev-1"] = incident(version=3, fatalities=Range(12, 20, 20))
    assert {f.reason for f in alerter.check(["ev-1"])} == {"fatalities 12 -> 20"}
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert [(x["alert"]["rule"], x["alert"]["reason"], x["event"]["fatalities"]["best"]) for x in lines] == [
        ("wagner clashes", "new", 12), ("wagner clashes", "fatalities 12 -> 20", 20)]
    assert all(f.status == "delivered" for f in store.firings)


def test_a_failed_delivery_is_kept_and_retried(tmp_path):
    folder = tmp_path / "later"
    folder.write_text("a file where the folder should be")
    rules = parse_alert_rules(f"[[rule]]\nname = 'all'\njsonl = '{folder / 'a.jsonl'}'\n", tmp_path / "a.toml")
    store = FakeStore({"ev-1": incident()})
    logged: list[str] = []
    alerter = Alerter(rules, store, Deliverer(), log=logged.append)
    [firing] = alerter.check(["ev-1"])
    assert firing.status == "failed" and "check that it is a file in a folder" in firing.last_error
    assert "not delivered" in logged[0]
    folder.unlink()
    [again] = alerter.retry()
    assert again.status == "delivered" and again.attempts == 2
    assert alerter.retry() == []
    assert len((folder / "a.jsonl").read_text().splitlines()) == 1


def test_a_jsonl_target_is_appended_to_and_its_folder_made(tmp_path):
    target = AlertTarget("jsonl", str(tmp_path / "new" / "a.jsonl"))
    Deliverer().deliver(target, '{"a": 1}')
    Deliverer().deliver(target, '{"a": 2}')
    assert (tmp_path / "new" / "a.jsonl").read_text() == '{"a": 1}\n{"a": 2}\n'
    with pytest.raises(AlertDeliveryError, match="check that it is a file"):
        Deliverer().deliver(AlertTarget("jsonl", str(tmp_path)), '{"a": 1}')


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:9/hook", "set allow_private_addresses (--allow-private-addresses)"),
    ("http://10.0.0.7/hook", "set allow_private_addresses"),
    ("http://169.254.169.254/latest", "this kind of address is never fetched"),
    ("http://localhost/hook", "a name for this machine"),
    ("file:///etc/passwd", "only http and https URLs"),
])
def test_a_webhook_behind_the_address_guard_is_refused(url, expected):
    with Deliverer() as deliverer, pytest.raises(AlertDeliveryError, match=None) as info:
        deliverer.post(url, "{}")
    assert str(info.value).startswith("webhook ") and expected in str(info.value)


def test_metadata_addresses_stay_refused_when_private_ones_are_allowed():
    from conflictwatch.alerts import DeliveryPolicy

    with Deliverer(DeliveryPolicy(allow_private_addresses=True)) as deliverer:
        with pytest.raises(AlertDeliveryError, match="never fetched"):
            deliverer.post("http://169.254.169.254/latest", "{}")
