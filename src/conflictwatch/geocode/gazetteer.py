"""The offline gazetteer: look places up by name, fast, with no service behind it.

The index is compiled once (see :mod:`conflictwatch.geocode.build`) into the user's
data directory and loaded with ``marshal`` in well under a second.
"""

from __future__ import annotations

import gc
import marshal
from array import array
from bisect import bisect_left
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import DataError, GazetteerMissing
from .build import (INDEX_VERSION, KIND_ADMIN1, KIND_AREA, KIND_COUNTRY, KIND_FEATURE, KIND_PLACE, build_index,
                    source_fingerprint)

__all__ = ["Place", "Gazetteer", "PlaceLookup", "default_index_path", "open_gazetteer",
           "KIND_PLACE", "KIND_ADMIN1", "KIND_COUNTRY", "KIND_FEATURE", "KIND_AREA"]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Fields: ``index`` (position in the index), ``geonames_id`` (0 when the place
    is not a GeoNames populated place), ``name``, ``lat``, ``lon``,
    ``country_code``, ``admin1_code``, ``admin2`` (name), ``population``,
    ``kind`` (0 place, 1 admin1 region, 2 country, 3 curated feature, 4 curated
    area such as "Donbas", located at a point but only to precision 3) and
    ``primary`` (the looked-up name is the place's main name, not an alternate).
    """

    index: int
    geonames_id: int
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    admin2: str
    population: int
    kind: int
    primary: bool = True


class PlaceLookup(Protocol):
    """What the geocoder needs from a gazetteer (a real index or a test fake)."""

    def lookup(self, key: str) -> tuple[Place, ...]: ...

    def has(self, key: str) -> bool: ...

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None: ...

    def admin1_place(self, country_code: str, admin1_code: str) -> Place | None: ...

    def country_name(self, country_code: str) -> str | None: ...

    def country_place(self, country_code: str) -> Place | None: ...

    def admin1_seat(self, country_code: str, admin1_code: str) -> Place | None: ...

    def capital_key(self, country_code: str) -> str | None: ...

    def neighbours(self, country_code: str) -> tuple[str, ...]: ...

    def is_common_word(self, key: str) -> bool: ...

    def conflict_countries(self) -> frozenset[str]: ...


def default_index_path(data_dir: Path) -> Path:
    """Where the compiled index lives inside a data directory."""
    return data_dir / f"gazetteer-v{INDEX_VERSION}.marshal"


class Gazetteer:
    """A loaded gazetteer index. Build one with :func:`open_gazetteer`."""

    def __init__(self, payload: dict[str, Any], path: Path) -> None:
        try:
            # (Tuples, not lists: a tuple of strings is dropped from the garbage collector's
            # watch after its first pass, so full collections do not walk a million entries.)
            self._keys: tuple[str, ...] = tuple(payload["keys"].split("\n"))
            self._post_off = _array("I", payload["post_off"])
            self._post = _array("i", payload["post"])
            self._gid = _array("q", payload["gid"])
            self._lat = _array("d", payload["lat"])
            self._lon = _array("d", payload["lon"])
            self._pop = _array("q", payload["pop"])
            self._kind = _array("b", payload["kind"])
            self._name: tuple[str, ...] = tuple(payload["name"].split("\n"))
            self._cc: tuple[str, ...] = tuple(payload["cc"].split("\n"))
            self._a1: tuple[str, ...] = tuple(payload["a1"].split("\n"))
            self._a2: tuple[str, ...] = tuple(payload["a2"].split("\n"))
            self._admin1: dict[str, tuple[str, str, int, int]] = payload["admin1"]
            self._countries: dict[str, tuple[str, str, str, str, int]] = payload["countries"]
            self._common: frozenset[str] = frozenset(payload["common"].split("\n"))
            self._conflict: frozenset[str] = frozenset(payload["conflict"].split("\n"))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise DataError(f"gazetteer index {path} is corrupt ({exc}); delete it and run "
                            "'conflictwatch gazetteer build'") from exc
        if not (len(self._gid) == len(self._name) == len(self._lat) == len(self._cc)) or \
                len(self._post_off) != len(self._keys) + 1:
            raise DataError(f"gazetteer index {path} is inconsistent; delete it and run "
                            "'conflictwatch gazetteer build'")
        self.path = path
        # Per-instance memo of looked-up names; bounded so a long run cannot grow it forever.
        self._memo: dict[str, tuple[Place, ...]] = {}
        self._positions: dict[str, int] = {}  # key -> its row in the sorted keys, or -1

    def __len__(self) -> int:
        return len(self._gid)

    def place(self, index: int, primary: bool = True) -> Place:
        """The entry at ``index``."""
        return Place(index, self._gid[index], self._name[index], self._lat[index],
                     self._lon[index], self._cc[index], self._a1[index], self._a2[index],
                     self._pop[index], self._kind[index], primary)

    def lookup(self, key: str) -> tuple[Place, ...]:
        """Every entry named ``key`` (a :func:`~conflictwatch.textutil.name_key`),
        main names first, then by population."""
        found = self._memo.get(key)
        if found is not None:
            return found
        i = self._find(key)
        if i < 0:
            found = ()
        else:
            codes = self._post[self._post_off[i]:self._post_off[i + 1]]
            found = tuple(self.place(c) if c >= 0 else self.place(~c, False) for c in codes)
        if len(self._memo) >= 50_000:
            self._memo.clear()
        self._memo[key] = found
        return found

    def _find(self, key: str) -> int:
        found = self._positions.get(key)
        if found is None:
            i = bisect_left(self._keys, key)
            found = i if i < len(self._keys) and self._keys[i] == key else -1
            if len(self._positions) >= 200_000:
                self._positions.clear()
            self._positions[key] = found
        return found

    def has(self, key: str) -> bool:
        """True when some entry is named ``key``."""
        return self._find(key) >= 0

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """English name of a first-level region."""
        row = self._admin1.get(f"{country_code}.{admin1_code}")
        return row[0] if row else None

    def admin1_place(self, country_code: str, admin1_code: str) -> Place | None:
        """The region itself as an entry (its coordinates are a centroid)."""
        row = self._admin1.get(f"{country_code}.{admin1_code}")
        return self.place(row[2]) if row else None

    def admin1_seat(self, country_code: str, admin1_code: str) -> Place | None:
        """The region's main town (the one it is named after, else its biggest)."""
        row = self._admin1.get(f"{country_code}.{admin1_code}")
        return self.place(row[3]) if row and row[3] >= 0 else None

    def country_name(self, country_code: str) -> str | None:
        """English short name of a country."""
        row = self._countries.get(country_code)
        return row[0] if row else None

    def country_place(self, country_code: str) -> Place | None:
        """The country as an entry (its coordinates are a median of its places)."""
        row = self._countries.get(country_code)
        return self.place(row[4]) if row else None

    def capital_key(self, country_code: str) -> str | None:
        """Name key of a country's capital."""
        row = self._countries.get(country_code)
        return row[2] if row else None

    def neighbours(self, country_code: str) -> tuple[str, ...]:
        """Countries bordering ``country_code``."""
        row = self._countries.get(country_code)
        return tuple(c for c in row[3].split(",") if c) if row else ()

    def is_common_word(self, key: str) -> bool:
        """True when a place name is also a frequent English word ("nice")."""
        return key in self._common

    def conflict_countries(self) -> frozenset[str]:
        """Countries with an active armed conflict (``data/conflict_countries.csv``): with
        nothing else to go by, a name in conflict news is more likely there."""
        return self._conflict


def _array(typecode: str, data: bytes) -> array[Any]:
    values = array(typecode)
    values.frombytes(data)
    return values


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def open_gazetteer(data_dir: Path, build: bool = True) -> Gazetteer:
    """Load the index from ``data_dir``, compiling it first if it is missing or stale.

    With ``build=False`` a missing index raises :class:`GazetteerMissing` instead.
    """
    path = default_index_path(data_dir)
    if path.exists():
        try:
            payload = _load(path)
        except (EOFError, ValueError, TypeError) as exc:
            raise DataError(f"gazetteer index {path} cannot be read ({exc}); delete it and "
                            "run 'conflictwatch gazetteer build'") from exc
        if payload.get("fingerprint") == source_fingerprint():
            return Gazetteer(payload, path)
        if not build:
            raise GazetteerMissing(f"gazetteer index {path} is out of date; "
                                   "run 'conflictwatch gazetteer build'")
    elif not build:
        raise GazetteerMissing(f"no gazetteer index at {path}; run 'conflictwatch gazetteer build'")
    print(f"conflictwatch: building the gazetteer index at {path} (once, about 30 s)...",
          file=sys.stderr)
    build_index(path)
    return Gazetteer(_load(path), path)


def _load(path: Path) -> dict[str, Any]:
    # Pausing the cyclic collector while the index's objects are created makes loading
    # faster; none of them can form a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        payload: dict[str, Any] = marshal.loads(path.read_bytes())
        return payload
    finally:
        if enabled:
            gc.enable()
