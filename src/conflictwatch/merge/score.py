"""Whether two reports can tell one incident, and how strongly they agree.

:func:`gate` applies the hard conditions (dates, places, types; never two reports
of one document); :func:`compare` adds up the evidence for and against, by the
weights of ``merge_rules.toml``, and says why in a few words per item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..geocode.gazetteer import distance_km
from ..model import Location, Range, Report
from ..textutil import name_key
from .features import similarity
from .rules import MergeRules

_NOT_ARMED = frozenset({"civilians", "protesters", "rioters"})


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two reports compared: ``score`` (points) and ``reasons`` (one short phrase each,
    with its points)."""

    score: float
    reasons: tuple[str, ...]


def _days_apart(a: Report, b: Report) -> int | None:
    if a.event.date is None or b.event.date is None:
        return None
    return abs((a.event.date - b.event.date).days)


def _distance(a: Location, b: Location) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _same_place(a: Location, b: Location) -> bool:
    """The same gazetteer entry, or names spelled alike in one country ("Kaura Namoda",
    "Kaura-Namoda"; "Deir ez-Zor", "Deir Ezzor"), at the same precision."""
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.precision != b.precision or a.country_code != b.country_code or not a.name or not b.name:
        return False
    from rapidfuzz.fuzz import ratio

    return ratio(name_key(a.name), name_key(b.name)) >= 90


def gate(a: Report, b: Report, rules: MergeRules, same_document: bool = False) -> str | None:
    """Why ``a`` and ``b`` cannot tell one incident, or ``None`` when they might.

    Two reports of one document never tell one incident (the extractor split them),
    unless ``same_document`` says they are two versions of the document's report.
    """
    if a.source.document_id == b.source.document_id and not same_document:
        return "same document (its events are distinct incidents)"
    if not rules.types_compatible(a.event.event_type, b.event.event_type):
        return f"types {a.event.event_type} / {b.event.event_type}"
    days = _days_apart(a, b)
    if days is not None:
        allowed = rules.date_days[a.event.date_precision] + rules.date_days[b.event.date_precision]
        if days > allowed:
            return f"{days} days apart (> {allowed})"
    la, lb = a.event.location, b.event.location
    if la is None or lb is None:
        if similarity(a.signature, b.signature) >= rules.weights.near_duplicate_at:
            return None
        return "no place to compare"
    if la.country_code and lb.country_code and la.country_code != lb.country_code:
        return f"countries {la.country_code} / {lb.country_code}"
    if max(la.precision, lb.precision) >= 3 and (la.admin1 is None or lb.admin1 is None or la.admin1 == lb.admin1):
        return None
    km = _distance(la, lb)
    if km is None:
        return None if la.country_code == lb.country_code else "no coordinates to compare"
    allowed_km = _allowed_km(la, lb, rules)
    if km > allowed_km:
        return f"{km:.0f} km apart (> {allowed_km:.0f})"
    return None


def _allowed_km(la: Location, lb: Location, rules: MergeRules) -> float:
    """How far apart two places of one incident may lie: the sum of their precisions'
    allowances, more when both lie in one district or one first-level region."""
    allowed_km = rules.place_km[la.precision] + rules.place_km[lb.precision]
    if la.admin1 and la.admin1 == lb.admin1 and la.country_code == lb.country_code:
        if la.admin2 and la.admin2 == lb.admin2:
            # One outlet names the district's seat, another the town in the district.
            allowed_km = max(allowed_km, rules.district_km)
        # One outlet names the provincial city it reports from, another the town hit.
        allowed_km = max(allowed_km, rules.admin1_km)
    return allowed_km


def _armed(report: Report) -> tuple[set[str], set[str]]:
    """Named non-state armed groups and named state forces of a report."""
    groups: set[str] = set()
    states: set[str] = set()
    for a in report.event.actors:
        if a.generic or a.kind in _NOT_ARMED:
            continue
        (states if a.kind == "state forces" else groups).add(a.id)
    return groups, states


def _figures(a: Report, b: Report) -> str | None:
    fa, fb = a.event.fatalities, b.event.fatalities
    if fa is None or fb is None:
        return None
    if fa.low == fa.high == fb.low == fb.high:
        return "equal"
    early, late = (fa, fb) if (a.source.published or dt.date.min) <= (b.source.published or dt.date.min) else (fb, fa)
    same_day = a.source.published == b.source.published
    if _overlap(early, late) or (late.best >= early.best and not same_day):
        return "agree"
    if same_day and max(early.best, late.best) >= 3 * max(1, min(early.best, late.best)):
        return "clash"
    if not same_day and late.high * 2 < early.low:
        return "clash"
    return None


def _overlap(a: Range, b: Range) -> bool:
    return a.low <= b.high and b.low <= a.high


def _times_clash(a: set[int], b: set[int]) -> bool:
    """Times of day clash when no pair of them is the same or next to each other."""
    return all(min((x - y) % 5, (y - x) % 5) >= 2 for x in a for y in b)


_NIGHT = frozenset({"time.night", "time.evening", "time.dawn"})


def _night_between(a: Report, b: Report) -> bool:
    """Two reports a day apart may tell one incident across midnight when either names
    the night, an evening or a dawn; not when the later-dated one names only an evening
    ("late on Friday" after "late on Thursday night"): that is its own day's evening."""
    if not _NIGHT & (set(a.details) | set(b.details)):
        return False
    later = b if (b.event.date or dt.date.min) > (a.event.date or dt.date.min) else a
    own = {d for d in later.details if d.startswith("time.")}
    return not ("time.evening" in own and not own & {"time.night", "time.dawn"})


def features(a: Report, b: Report, rules: MergeRules) -> dict[str, float]:
    """The evidence two reports give about telling one incident: feature name to
    value (1 for present; days for ``date.days_apart``), for pairs that passed :func:`gate`."""
    out: dict[str, float] = {}
    ea, eb = a.event, b.event
    days = _days_apart(a, b)
    if days is not None and ea.date_precision == 1 and eb.date_precision == 1:
        if days == 0:
            out["date.same_day"] = 1
        elif days == 1:
            out["date.next_day_night" if _night_between(a, b) else "date.next_day"] = 1
        else:
            out["date.days_apart"] = days - 1
    elif days == 0:
        out["date.same_rough"] = 1
    la, lb = ea.location, eb.location
    if la is not None and lb is not None:
        if max(la.precision, lb.precision) >= 3:
            if la.admin1 is None or lb.admin1 is None:
                out["place.country"] = 1
            elif la.admin1 == lb.admin1:
                out["place.region"] = 1
        elif _same_place(la, lb):
            out["place.same"] = 1
        else:
            km = _distance(la, lb)
            if km is not None and km <= 10:
                out["place.near"] = 1
            elif km is not None and km > rules.place_km[la.precision] + rules.place_km[lb.precision]:
                out["place.far"] = 1
    if ea.sub_event_type == eb.sub_event_type:
        out["type.same_subtype"] = 1
    elif ea.event_type == eb.event_type:
        out["type.same_type"] = 1
    else:
        out["type.compatible"] = 1
    groups_a, states_a = _armed(a)
    groups_b, states_b = _armed(b)
    if groups_a & groups_b:
        out["actor.shared_group"] = 1
    if states_a & states_b:
        out["actor.shared_state"] = 1
    figures = _figures(a, b)
    if figures is not None:
        out[f"figures.{figures}"] = 1
    sites_a = {d for d in a.details if d.startswith("site.")}
    sites_b = {d for d in b.details if d.startswith("site.")}
    times_a = {d for d in a.details if d.startswith("time.")}
    times_b = {d for d in b.details if d.startswith("time.")}
    if sites_a & sites_b:
        out["detail.shared_site"] = 1
    else:
        marked_a = {d for d in sites_a if rules.distinctive(d)}
        marked_b = {d for d in sites_b if rules.distinctive(d)}
        if marked_a and marked_b:
            out["detail.site_clash"] = 1
    if times_a & times_b:
        out["detail.shared_time"] = 1
    elif times_a and times_b and _times_clash({rules.detail_order(d) for d in times_a},
                                              {rules.detail_order(d) for d in times_b}):
        out["detail.time_clash"] = 1
    sim = similarity(a.signature, b.signature)
    if sim >= rules.weights.near_duplicate_at:
        out["text.near_duplicate"] = 1
    elif sim >= rules.weights.similar_at:
        out["text.similar"] = 1
    return out


def compare(a: Report, b: Report, rules: MergeRules) -> Comparison:
    """Points for and against ``a`` and ``b`` telling one incident (they passed :func:`gate`),
    with each feature's points as its reason."""
    found = features(a, b, rules)
    points = rules.weights.points
    reasons = tuple(f"{name}{'' if value == 1 else f' x{value:g}'} {points[name] * value:+g}"
                    for name, value in found.items())
    return Comparison(round(sum(points[n] * v for n, v in found.items()), 3), reasons)
