"""A reviewer's edit as typed into a form or sent as JSON, turned into model values
for :func:`conflictwatch.review.edit_fields`.

=================  ===========================================================
field              value
=================  ===========================================================
sub_event_type     an ACLED sub-event type (its event type is set with it)
event_type         an ACLED event type (must hold the current sub-event type)
date               ``YYYY-MM-DD``
date_precision     1 (day), 2 (week or range) or 3 (month)
fatalities,        ``N``, ``LOW-HIGH``, ``LOW,BEST,HIGH``, ``{"low", "best",
wounded            "high"}``, or empty for no figure
location           ``NAME; LAT; LON; PRECISION`` (the country stays), or a JSON
                   object with the fields of a location
actors             a JSON list of ``{"name", "role", "country_code", "kind"}``
=================  ===========================================================
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from ..errors import ReviewError
from ..extract.typology import EVENT_TYPES, TYPE_OF
from ..merge.compose import OVERRIDABLE
from ..model import Actor, Incident, Location, Range

MAX_FIGURE = 10_000_000
ROLES = ("actor1", "actor2", "associated")
KINDS = ("state forces", "rebels", "political militia", "identity militia", "rioters", "protesters", "civilians",
         "external/other forces")


def _number(field: str, text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ReviewError(f"{field}: {text.strip()!r} is not a whole number") from None
    if not 0 <= value <= MAX_FIGURE:
        raise ReviewError(f"{field}: {value} is out of range (0 to {MAX_FIGURE:,})")
    return value


def parse_range(field: str, value: Any) -> Range | None:
    """A figure: ``N``, ``LOW-HIGH``, ``LOW,BEST,HIGH``, a mapping, or empty (none)."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "-")):
        return None
    if isinstance(value, dict):
        try:
            low, best, high = (_number(field, str(value[k])) for k in ("low", "best", "high"))
        except KeyError:
            raise ReviewError(f"{field}: give low, best and high") from None
    elif isinstance(value, (int, str)) and not isinstance(value, bool):
        text = str(value).strip()
        if "," in text:
            parts = text.split(",")
            if len(parts) != 3:
                raise ReviewError(f"{field}: {text!r} is not LOW,BEST,HIGH")
            low, best, high = (_number(field, p) for p in parts)
        elif re.fullmatch(r"\s*\d+\s*-\s*\d+\s*", text):
            low, high = (_number(field, p) for p in text.split("-"))
            best = low
        else:
            low = best = high = _number(field, text)
    else:
        raise ReviewError(f"{field}: give a number, LOW-HIGH or LOW,BEST,HIGH")
    if not low <= best <= high:
        raise ReviewError(f"{field}: need low <= best <= high (got {low}, {best}, {high})")
    return Range(low, best, high)


def _float(field: str, value: Any, lo: float, hi: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(f"location: {field} {value!r} is not a number") from None
    if not lo <= number <= hi:
        raise ReviewError(f"location: {field} {number} is outside {lo}..{hi}")
    return number


def parse_location(value: Any, current: Location | None) -> Location:
    """A place: ``NAME; LAT; LON; PRECISION`` (country kept) or a JSON object."""
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ReviewError(f"location: not JSON ({exc.msg})") from None
    base = current or Location(None, None, None)
    if isinstance(value, dict):
        allowed = {f.name for f in dataclasses.fields(Location)}
        unknown = set(value) - allowed
        if unknown:
            raise ReviewError(f"location: unknown key(s) {', '.join(sorted(unknown))}; "
                              f"use {', '.join(sorted(allowed))}")
        changes = dict(value)
        for key in ("name", "country", "country_code", "admin1", "admin2"):
            if key in changes and changes[key] is not None and not isinstance(changes[key], str):
                raise ReviewError(f"location: {key} must be text")
        if "lat" in changes and changes["lat"] is not None:
            changes["lat"] = _float("lat", changes["lat"], -90, 90)
        if "lon" in changes and changes["lon"] is not None:
            changes["lon"] = _float("lon", changes["lon"], -180, 180)
        if "precision" in changes:
            changes["precision"] = _precision("location precision", changes["precision"])
        if "geonames_id" in changes and changes["geonames_id"] is not None:
            changes["geonames_id"] = _number("location geonames_id", str(changes["geonames_id"]))
        return dataclasses.replace(base, **changes)
    if not isinstance(value, str):
        raise ReviewError("location: give NAME; LAT; LON; PRECISION or a JSON object")
    parts = [p.strip() for p in value.split(";")]
    if len(parts) not in (3, 4):
        raise ReviewError(f"location: {value!r} is not NAME; LAT; LON; PRECISION")
    name = parts[0] or base.name
    lat = _float("lat", parts[1], -90, 90)
    lon = _float("lon", parts[2], -180, 180)
    precision = _precision("location precision", parts[3]) if len(parts) == 4 and parts[3] else 1
    return dataclasses.replace(base, name=name, lat=lat, lon=lon, precision=precision, geonames_id=None)


def _precision(field: str, value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ReviewError(f"{field}: {value!r} is not 1, 2 or 3") from None
    if number not in (1, 2, 3):
        raise ReviewError(f"{field}: {number} is not 1, 2 or 3")
    return number


def parse_actors(value: Any) -> tuple[Actor, ...]:
    """Actors: a JSON list of ``{"name", "role", "country_code", "kind"}``."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ReviewError(f"actors: not a JSON list ({exc.msg})") from None
    if not isinstance(value, list):
        raise ReviewError('actors: give a JSON list of {"name", "role", "country_code", "kind"}')
    out = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise ReviewError("actors: each actor needs a name")
        role = item.get("role", "actor1")
        kind = item.get("kind", "external/other forces")
        if role not in ROLES:
            raise ReviewError(f"actors: role {role!r} is not one of {', '.join(ROLES)}")
        if kind not in KINDS:
            raise ReviewError(f"actors: kind {kind!r} is not one of {', '.join(KINDS)}")
        code = item.get("country_code")
        if code is not None and (not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2}", code)):
            raise ReviewError(f"actors: country_code {code!r} is not a two-letter code")
        name = item["name"].strip()
        out.append(Actor(name, role, code.upper() if code else None, kind,
                         str(item.get("id") or "reviewer:" + name.lower())))
    return tuple(out)


def parse_edit(field: str, value: Any, current: Incident) -> dict[str, Any]:
    """The fields to set for ``field = value`` (a sub-event type sets its type too)."""
    if field not in OVERRIDABLE:
        raise ReviewError(f"field {field!r} cannot be edited; editable fields: {', '.join(OVERRIDABLE)}")
    if field == "sub_event_type":
        sub = str(value).strip() if value is not None else ""
        if sub not in TYPE_OF:
            raise ReviewError(f"sub_event_type {sub!r} is not an ACLED sub-event type")
        return {"event_type": TYPE_OF[sub], "sub_event_type": sub}
    if field == "event_type":
        typ = str(value).strip() if value is not None else ""
        if typ not in EVENT_TYPES:
            raise ReviewError(f"event_type {typ!r} is not one of {', '.join(EVENT_TYPES)}")
        if current.sub_event_type not in EVENT_TYPES[typ]:
            raise ReviewError(f"{current.sub_event_type} is not a kind of {typ}: edit sub_event_type instead")
        return {"event_type": typ}
    if field == "date":
        try:
            return {"date": dt.date.fromisoformat(str(value).strip())}
        except ValueError:
            raise ReviewError(f"date {value!r} is not YYYY-MM-DD") from None
    if field == "date_precision":
        return {"date_precision": _precision("date_precision", value)}
    if field in ("fatalities", "wounded"):
        return {field: parse_range(field, value)}
    if field == "location":
        return {"location": parse_location(value, current.location)}
    return {"actors": parse_actors(value)}


__all__ = ["parse_actors", "parse_edit", "parse_location", "parse_range"]
