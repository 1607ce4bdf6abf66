"""The merge rules, loaded from ``data/merge_rules.toml`` and checked on load.

:func:`load_rules` returns a :class:`MergeRules`; nothing is read at import time.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

PRECISIONS = (1, 2, 3)


@dataclass(frozen=True, slots=True)
class Detail:
    """One detail group: ``id``, ``kind`` (site or time), ``words`` (lower-case
    words and phrases), ``order`` (a time of day's place around the clock),
    ``examples`` and ``distinctive`` (a site whose absence from another report's
    sites tells the two apart; homes and fields are not)."""

    id: str
    kind: str
    words: tuple[str, ...]
    order: int | None
    examples: tuple[str, ...]
    distinctive: bool = True


FEATURES = (
    "date.same_day", "date.next_day_night", "date.next_day", "date.days_apart", "date.same_rough",
    "place.same", "place.near", "place.far", "place.region", "place.country",
    "type.same_subtype", "type.same_type", "type.compatible",
    "actor.shared_group", "actor.shared_state",
    "figures.equal", "figures.agree", "figures.clash",
    "detail.shared_site", "detail.shared_time", "detail.site_clash", "detail.time_clash",
    "text.near_duplicate", "text.similar",
)
"""The evidence :func:`conflictwatch.merge.score.features` reads; each has a weight."""


@dataclass(frozen=True, slots=True)
class Weights:
    """The ``[score]`` table and the ``[weights]`` of every feature."""

    threshold: float
    member_floor: float
    near_duplicate_at: float
    similar_at: float
    points: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class MergeRules:
    """Gates, weights and details: ``date_days`` and ``place_km`` (allowance per
    precision), ``district_km`` (the allowance for two places of one district),
    ``admin1_km`` (the allowance for two places of one first-level region),
    ``compatible_types`` (unordered pairs), ``weights``, ``details``, and
    ``detail_pattern`` (one pattern finding every detail word, compiled on load)."""

    date_days: Mapping[int, int]
    place_km: Mapping[int, float]
    district_km: float
    admin1_km: float
    compatible_types: frozenset[frozenset[str]]
    weights: Weights
    details: tuple[Detail, ...]
    detail_pattern: re.Pattern[str]
    detail_of: Mapping[str, Detail]
    """Each detail word (lower case) to its group."""
    detail_by_id: Mapping[str, Detail]
    elsewhere: re.Pattern[str] | None = None
    """Matches the words just before a detail word that make it the place victims were
    taken to, treated or died in ("admitted to the district hospital"), not the
    incident's site (``[detail_context]``); ``None`` when the rules give none."""

    def distinctive(self, detail_id: str) -> bool:
        """Whether a site detail tells incidents apart when another report lacks it."""
        detail = self.detail_by_id.get(detail_id)
        return detail is not None and detail.distinctive

    def detail_order(self, detail_id: str) -> int:
        """A time of day's place around the clock (0 for anything else)."""
        detail = self.detail_by_id.get(detail_id)
        return detail.order if detail is not None and detail.order is not None else 0

    def types_compatible(self, a: str, b: str) -> bool:
        """Whether event types ``a`` and ``b`` can describe one incident."""
        return a == b or frozenset((a, b)) in self.compatible_types


_PHRASE_STARTS = ("after", "before", "and", "but", "when", "where", "while", "as", "following", "from", "of",
                  "on", "near", "during", "with", "which", "who", "that")
"""Words that start another phrase: a detail word past one of them is the incident's own."""


def _need(table: Mapping[str, Any], key: str, source: str, kind: type | tuple[type, ...]) -> Any:
    if key not in table:
        raise ConfigError(f"{source}: missing '{key}'")
    value = table[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ConfigError(f"{source}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _per_precision(table: Mapping[str, Any], key: str, source: str) -> dict[int, float]:
    raw = _need(table, key, source, dict)
    if sorted(raw) != [str(p) for p in PRECISIONS]:
        raise ConfigError(f"{source}: '{key}' needs exactly the keys \"1\", \"2\" and \"3\"")
    return {int(k): float(v) for k, v in raw.items()}


def parse_rules(data: Mapping[str, Any], source: str) -> MergeRules:
    """Check and compile rules read from TOML; errors name ``source`` and the key."""
    gates = _need(data, "gates", source, dict)
    score = _need(data, "score", source, dict)
    known = ("threshold", "member_floor", "near_duplicate_at", "similar_at")
    unknown = set(score) - set(known)
    if unknown:
        raise ConfigError(f"{source}: unknown [score] key(s) {', '.join(sorted(unknown))}; known: "
                          + ", ".join(known))
    table = _need(data, "weights", source, dict)
    strange = set(table) - set(FEATURES)
    missing = set(FEATURES) - set(table)
    if strange or missing:
        raise ConfigError(f"{source}: [weights] must give exactly the features "
                          + ", ".join(FEATURES) + (f"; unknown: {', '.join(sorted(strange))}" if strange else "")
                          + (f"; missing: {', '.join(sorted(missing))}" if missing else ""))
    threshold, member_floor, near_duplicate_at, similar_at = (
        float(_need(score, k, f"{source} [score]", (int, float))) for k in known)
    weights = Weights(threshold, member_floor, near_duplicate_at, similar_at,
                      points={f: float(_need(table, f, f"{source} [weights]", (int, float))) for f in FEATURES})
    pairs = _need(gates, "compatible_types", f"{source} [gates]", list)
    compatible = frozenset(frozenset(p) for p in pairs if isinstance(p, list) and len(p) == 2)
    if len(compatible) != len(pairs):
        raise ConfigError(f"{source}: each compatible_types entry must be a pair of event types")
    details = []
    detail_of: dict[str, Detail] = {}
    for i, raw in enumerate(_need(data, "details", source, list)):
        where = f"{source} details[{i}]"
        detail = Detail(_need(raw, "id", where, str), _need(raw, "kind", where, str),
                        tuple(w.lower() for w in _need(raw, "words", where, list)),
                        raw.get("order"), tuple(_need(raw, "examples", where, list)),
                        bool(raw.get("distinctive", True)))
        if detail.kind not in ("site", "time"):
            raise ConfigError(f"{where}: kind must be 'site' or 'time', not {detail.kind!r}")
        if detail.kind == "time" and not isinstance(detail.order, int):
            raise ConfigError(f"{where}: a time of day needs its 'order' around the clock")
        if not detail.examples:
            raise ConfigError(f"{where}: give at least one example sentence")
        for word in detail.words:
            if word in detail_of:
                raise ConfigError(f"{where}: {word!r} is already in {detail_of[word].id}")
            detail_of[word] = detail
        details.append(detail)
    words = sorted(detail_of, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:s|es)?\b")
    elsewhere = None
    if "detail_context" in data:
        context = _need(data, "detail_context", source, dict)
        where = f"{source} [detail_context]"
        unknown = set(context) - {"verbs", "prepositions", "examples"}
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: verbs, prepositions, "
                              "examples")
        verbs = [str(v).lower() for v in _need(context, "verbs", where, list)]
        preps = [str(v).lower() for v in _need(context, "prepositions", where, list)]
        if not verbs or not preps or not _need(context, "examples", where, list):
            raise ConfigError(f"{where}: give verbs, prepositions and at least one example")
        # The verb, up to two words ("by ambulance", "of wounds"), the preposition, then up
        # to three words ("the", "a nearby", "Erdogan") right up to the detail word; words
        # that start another phrase ("after", "in", "and") end the reach.
        stop = r"(?!(?:" + "|".join(re.escape(p) for p in _PHRASE_STARTS) + r")\b)"
        word = r"\s+" + stop + r"[\w'’.-]+"
        elsewhere = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")(?:" + word + r"){0,2}\s+(?:"
                               + "|".join(re.escape(p) for p in preps) + r")(?:" + word + r"){0,3}\s*$")
    return MergeRules(
        date_days={k: int(v) for k, v in _per_precision(gates, "date_days", source).items()},
        place_km=_per_precision(gates, "place_km", source),
        district_km=float(_need(gates, "district_km", f"{source} [gates]", (int, float))),
        admin1_km=float(_need(gates, "admin1_km", f"{source} [gates]", (int, float))),
        compatible_types=compatible, weights=weights, details=tuple(details),
        detail_pattern=pattern, detail_of=detail_of, detail_by_id={d.id: d for d in details},
        elsewhere=elsewhere)


def load_rules(path: Path | None = None) -> MergeRules:
    """The rules in ``path``, or the packaged ``merge_rules.toml``."""
    if path is None:
        resource = importlib.resources.files("conflictwatch") / "data" / "merge_rules.toml"
        return parse_rules(tomllib.loads(resource.read_text(encoding="utf-8")), "merge_rules.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"merge rules {path} cannot be read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"merge rules {path} are not valid TOML: {exc}") from exc
    return parse_rules(data, str(path))
