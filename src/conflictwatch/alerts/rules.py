"""Alert rules: which events to tell whom, in TOML.

::

    [[rule]]
    name = "deadly in Kursk"        # unique; firings are recorded under it
    min_fatalities = 10             # best fatality estimate at least 10
    admin1 = "Kursk"                # first-level region as events name it (or a list)
    country = "RU"                  # ISO code or name (or a list)
    webhook = "https://hooks.example.org/conflictwatch"

    [[rule]]
    name = "near Pokrovsk"
    within = { km = 30, lat = 48.28, lon = 37.18 }
    jsonl = "alerts/pokrovsk.jsonl" # relative to this file

    [[rule]]
    name = "drones"
    type = ["Air/drone strike", "Shelling/artillery/missile attack"]  # event or sub-event type
    actor = "Wagner"                # part of an actor's name (or a list)
    jsonl = "alerts/all.jsonl"

A rule's conditions must all hold (a list within one key: any of its values); a
rule without conditions matches every event. Each rule has exactly one target,
``webhook`` (an http(s) URL: the event is POSTed as JSON) or ``jsonl`` (a file a
line is appended to). Only active events match (not withdrawn, rejected or
merged away). Errors name the file, the line of the rule's header or key, and
the key.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from ..errors import AlertRulesError
from ..model import Incident

TargetKind = Literal["webhook", "jsonl"]
_CONDITIONS = ("min_fatalities", "country", "admin1", "within", "actor", "type")
_TARGETS: tuple[TargetKind, ...] = ("webhook", "jsonl")
EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Near:
    """A circle: ``lat``, ``lon`` (degrees) and ``km`` (radius)."""

    lat: float
    lon: float
    km: float


@dataclass(frozen=True, slots=True)
class AlertTarget:
    """Where a rule's alerts go: ``kind`` (``webhook`` or ``jsonl``) and ``location``
    (the URL, or the file's absolute path)."""

    kind: TargetKind
    location: str


@dataclass(frozen=True, slots=True)
class AlertRule:
    """One rule.

    Fields: ``name``; the conditions, all of which must hold (``None`` or empty:
    no condition): ``min_fatalities`` (best estimate at least), ``countries``
    (ISO codes or names, lower case), ``admin1`` (names, lower case), ``near``,
    ``actors`` (parts of an actor's name, lower case), ``types`` (event or
    sub-event types, lower case); ``target``; ``origin`` (``file:line``).
    """

    name: str
    target: AlertTarget
    min_fatalities: int | None = None
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    near: Near | None = None
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    origin: str = ""

    def matches(self, incident: Incident) -> bool:
        """Whether an event meets every condition of this rule."""
        if incident.status != "active":
            return False
        if self.min_fatalities is not None:
            if incident.fatalities is None or incident.fatalities.best < self.min_fatalities:
                return False
        loc = incident.location
        if self.countries:
            if loc is None or not ({(loc.country_code or "").lower(), (loc.country or "").lower()}
                                   & set(self.countries)):
                return False
        if self.admin1 and (loc is None or (loc.admin1 or "").lower() not in self.admin1):
            return False
        if self.near is not None:
            if loc is None or loc.lat is None or loc.lon is None:
                return False
            if distance_km(loc.lat, loc.lon, self.near.lat, self.near.lon) > self.near.km:
                return False
        if self.actors and not any(part in actor.name.lower() for actor in incident.actors
                                   for part in self.actors):
            return False
        if self.types and not {incident.event_type.lower(), incident.sub_event_type.lower()} & set(self.types):
            return False
        return True


@dataclass(frozen=True, slots=True)
class AlertRules:
    """A parsed rules file: ``path`` and its ``rules`` in file order."""

    path: Path
    rules: tuple[AlertRule, ...]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


class _Lines:
    """Line numbers of ``[[rule]]`` headers and their keys, for messages."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers = [i for i, line in enumerate(self._lines) if re.match(r"\s*\[\[\s*rule\s*\]\]", line)]

    def line(self, index: int, key: str | None = None) -> int | None:
        if index >= len(self._headers):
            return None
        start = self._headers[index]
        end = next((i for i in range(start + 1, len(self._lines)) if re.match(r"\s*\[", self._lines[i])),
                   len(self._lines))
        if key is not None:
            pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
            for i in range(start, end):
                if pattern.match(self._lines[i]):
                    return i + 1
        return start + 1


def _strings(value: object, place: str, what: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise AlertRulesError(f"{place}: give {what} as a non-empty string or a list of them")
    return tuple(v.strip().lower() for v in values)


def _number(table: dict[str, object], key: str, place: str) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AlertRulesError(f"{place}: 'within' needs a number '{key}'; write it like "
                              "within = {{ km = 30, lat = 48.28, lon = 37.18 }}")
    return float(value)


def _near(value: object, place: str) -> Near:
    if not isinstance(value, dict) or set(value) != {"km", "lat", "lon"}:
        raise AlertRulesError(f"{place}: write 'within' like within = {{ km = 30, lat = 48.28, lon = 37.18 }}")
    near = Near(_number(value, "lat", place), _number(value, "lon", place), _number(value, "km", place))
    if not (-90 <= near.lat <= 90 and -180 <= near.lon <= 180):
        raise AlertRulesError(f"{place}: {near.lat}, {near.lon} is not a point (lat -90..90, lon -180..180)")
    if near.km <= 0:
        raise AlertRulesError(f"{place}: the radius {near.km:g} km must be positive")
    return near


def _target(table: dict[str, object], at: str, label: str, base: Path, where: dict[str, str]) -> AlertTarget:
    kinds = [k for k in _TARGETS if k in table]
    if len(kinds) != 1:
        found = " and ".join(kinds) if kinds else "none"
        raise AlertRulesError(f"{at}: {label} needs exactly one target, webhook or jsonl (found {found})")
    kind = kinds[0]
    value = table[kind]
    place = f"{where[kind]}: {label} key '{kind}'"
    if not isinstance(value, str) or not value.strip():
        raise AlertRulesError(f"{place} must be a non-empty string")
    value = value.strip()
    if kind == "webhook":
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise AlertRulesError(f"{place}: {value!r} is not an http(s) URL")
        return AlertTarget("webhook", value)
    return AlertTarget("jsonl", str((base / Path(value).expanduser()).resolve()))


def parse_alert_rules(text: str, path: str | Path) -> AlertRules:
    """Parse the text of an alert rules file; ``path`` names it and anchors relative paths."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AlertRulesError(f"{path}: not valid TOML: {exc}; fix the line it names") from None
    unknown = sorted(set(data) - {"rule"})
    if unknown:
        raise AlertRulesError(f"{path}: unknown table or key {unknown[0]!r}; an alert rules file has "
                              "[[rule]] tables")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise AlertRulesError(f"{path}: no rules; add a [[rule]] table with a name, conditions and a "
                              "webhook or jsonl target")
    lines = _Lines(text)
    rules: list[AlertRule] = []
    names: dict[str, str] = {}
    for index, table in enumerate(tables):
        def at(key: str | None = None, index: int = index) -> str:
            line = lines.line(index, key)
            return f"{path}:{line}" if line else str(path)

        if not isinstance(table, dict):
            raise AlertRulesError(f"{at()}: each rule must be a [[rule]] table")
        label = f"[[rule]] #{index + 1}" + (f" ({table['name']!r})" if isinstance(table.get("name"), str) else "")
        for key in table:
            if key not in (*_CONDITIONS, *_TARGETS, "name"):
                raise AlertRulesError(f"{at(key)}: {label} key '{key}' is unknown; known: "
                                      + ", ".join(("name", *_CONDITIONS, *_TARGETS)))
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise AlertRulesError(f"{at('name')}: {label} needs a name (a non-empty string): firings are "
                                  "recorded under it")
        name = name.strip()
        if name in names:
            raise AlertRulesError(f"{at('name')}: {label} has the same name as the rule at {names[name]}; "
                                  "names must be unique")
        names[name] = at()
        where = {key: at(key) for key in table}

        def place(key: str, label: str = label, where: dict[str, str] = where) -> str:
            return f"{where[key]}: {label} key '{key}'"

        minimum = table.get("min_fatalities")
        if minimum is not None and (isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0):
            raise AlertRulesError(f"{place('min_fatalities')} must be a whole number, 0 or more")
        rules.append(AlertRule(
            name=name, target=_target(table, at(), label, path.parent, where),
            min_fatalities=minimum,
            countries=_strings(table["country"], place("country"), "a country") if "country" in table else (),
            admin1=_strings(table["admin1"], place("admin1"), "a region") if "admin1" in table else (),
            near=_near(table["within"], place("within")) if "within" in table else None,
            actors=_strings(table["actor"], place("actor"), "an actor") if "actor" in table else (),
            types=_strings(table["type"], place("type"), "an event type") if "type" in table else (),
            origin=at()))
    return AlertRules(path, tuple(rules))


def load_alert_rules(path: str | Path) -> AlertRules:
    """Read and parse an alert rules file. Raises :class:`AlertRulesError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise AlertRulesError(f"{path}: cannot read the alert rules file ({exc.strerror}); check the path "
                              "given by --alerts or CONFLICTWATCH_ALERTS") from None
    except UnicodeDecodeError:
        raise AlertRulesError(f"{path}: not UTF-8 text; save the alert rules file as UTF-8") from None
    return parse_alert_rules(text, path)
