"""The sources file: which feeds, sitemaps and URL lists to read, in TOML.

::

    [defaults]                 # optional, for every source
    language = "en"
    poll_interval = "15m"      # s, m, h or d; combined as in "1h30m"
    trust = "medium"           # low, medium or high: how far the outlet is trusted

    [[source]]
    name = "UN News"           # optional; unique; the location when left out
    feed = "https://news.un.org/feed/subscribe/en/news/all/rss.xml"
    trust = "high"

    [[source]]
    sitemap = "https://example.org/news-sitemap.xml"
    poll_interval = "1h"

    [[source]]
    urls = "lists/backfill.txt"   # a file of URLs, relative to this file, or an http(s) URL

    [[source]]
    url = "https://example.org/news/2025/01/10/kursk"   # one article

Each source has exactly one of ``feed``, ``sitemap``, ``urls`` and ``url``. Errors
name the file, the line of the source's ``[[source]]`` header or key, and the key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from ..errors import SourcesFileError

SourceKind = Literal["feed", "sitemap", "urls", "url", "auto"]
"""``auto`` (not written in a sources file): a URL given on the command line, read as
a feed, a sitemap or an article by what the server sends (see
:func:`conflictwatch.sources.documents.detect_kind`)."""
Trust = Literal["low", "medium", "high"]

KINDS: tuple[SourceKind, ...] = ("feed", "sitemap", "urls", "url")
TRUST_LEVELS: tuple[Trust, ...] = ("low", "medium", "high")
DEFAULT_POLL = dt.timedelta(minutes=15)
MIN_POLL = dt.timedelta(minutes=1)
_SETTING_KEYS = ("language", "poll_interval", "trust")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Source:
    """One source of articles.

    Fields: ``name`` (unique in its file; keys the source's state); ``kind``
    (``feed``, ``sitemap``, ``urls``: a list of URLs, ``url``: one article, or
    ``auto``: any of feed, sitemap or article, told by the response);
    ``location`` (an http(s) URL, or for ``urls`` an absolute path of a local
    file); ``language`` (ISO 639 code of the articles, or ``None``);
    ``poll_interval``; ``trust`` (``low``, ``medium`` or ``high``); ``origin``
    (``file:line`` where it is defined, for messages).
    """

    name: str
    kind: SourceKind
    location: str
    language: str | None = None
    poll_interval: dt.timedelta = DEFAULT_POLL
    trust: Trust = "medium"
    origin: str = ""


@dataclass(frozen=True, slots=True)
class SourcesFile:
    """A parsed sources file: ``path`` and its ``sources`` in file order."""

    path: Path
    sources: tuple[Source, ...]


def parse_duration(value: object, where: str) -> dt.timedelta:
    """A duration written like ``"15m"``, ``"2h"``, ``"1d"`` or ``"1h30m"``."""
    text = value.strip().lower() if isinstance(value, str) else ""
    pieces = _DURATION.findall(text)
    if not text or not pieces or _DURATION.sub("", text).strip():
        raise SourcesFileError(f"{where}: {value!r} is not a duration; write it like \"15m\", "
                               "\"2h\", \"1d\" or \"1h30m\"")
    seconds = sum(float(number) * _UNITS[unit] for number, unit in pieces)
    return dt.timedelta(seconds=seconds)


class _Lines:
    """Line numbers of ``[[source]]`` headers and keys, for messages."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers = [i for i, line in enumerate(self._lines)
                         if re.match(r"\s*\[\[\s*source\s*\]\]", line)]
        self._defaults = next((i for i, line in enumerate(self._lines)
                               if re.match(r"\s*\[\s*defaults\s*\]", line)), None)

    def _block(self, index: int | None) -> tuple[int, int] | None:
        if index is None:
            if self._defaults is None:
                return None
            start = self._defaults
        elif index < len(self._headers):
            start = self._headers[index]
        else:
            return None
        end = next((i for i in range(start + 1, len(self._lines))
                    if re.match(r"\s*\[", self._lines[i])), len(self._lines))
        return start, end

    def line(self, index: int | None, key: str | None = None) -> int | None:
        """1-based line of source ``index``'s header (``None``: ``[defaults]``) or its ``key``."""
        block = self._block(index)
        if block is None:
            return None
        if key is not None:
            pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
            for i in range(*block):
                if pattern.match(self._lines[i]):
                    return i + 1
        return block[0] + 1


def _settings(table: dict[str, object], place_of: Callable[[str], str],
              defaults: dict[str, object]) -> dict[str, object]:
    values = dict(defaults)
    for key in _SETTING_KEYS:
        if key not in table:
            continue
        value = table[key]
        place = place_of(key)
        if key == "language":
            if not isinstance(value, str) or not _LANGUAGE.match(value):
                raise SourcesFileError(f"{place}: {value!r} is not a language code; write it like \"en\" or \"uk\"")
            values[key] = value
        elif key == "poll_interval":
            duration = parse_duration(value, place)
            if duration < MIN_POLL:
                raise SourcesFileError(f"{place}: {value!r} is shorter than a minute; poll less often")
            values[key] = duration
        elif key == "trust":
            if value not in TRUST_LEVELS:
                raise SourcesFileError(f"{place}: {value!r} is not a trust level; give one of "
                                       + ", ".join(TRUST_LEVELS))
            values[key] = value
    return values


def parse_sources(text: str, path: str | Path) -> SourcesFile:
    """Parse the text of a sources file; ``path`` names it and anchors relative paths."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"{path}: not valid TOML: {exc}; fix the line it names") from None
    lines = _Lines(text)

    def at(index: int | None, key: str | None = None) -> str:
        line = lines.line(index, key)
        return f"{path}:{line}" if line else str(path)

    unknown = sorted(set(data) - {"defaults", "source"})
    if unknown:
        raise SourcesFileError(f"{path}: unknown table or key {unknown[0]!r}; a sources file has "
                               "[defaults] and [[source]] tables")
    defaults_table = data.get("defaults", {})
    if not isinstance(defaults_table, dict):
        raise SourcesFileError(f"{path}: 'defaults' must be a table: [defaults]")
    for key in defaults_table:
        if key not in _SETTING_KEYS:
            raise SourcesFileError(f"{at(None, key)}: [defaults] key '{key}' is unknown; known: "
                                   + ", ".join(_SETTING_KEYS))
    defaults = _settings(defaults_table, lambda key: f"{at(None, key)}: [defaults] key '{key}'",
                         {"language": None, "poll_interval": DEFAULT_POLL, "trust": "medium"})
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourcesFileError(f"{path}: no sources; add a [[source]] table with a feed, sitemap, "
                               "urls or url key")
    sources: list[Source] = []
    names: dict[str, str] = {}
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise SourcesFileError(f"{at(index)}: each source must be a [[source]] table")
        label = f"[[source]] #{index + 1}" + (f" ({table['name']!r})" if isinstance(table.get("name"), str) else "")
        for key in table:
            if key not in (*KINDS, "name", *_SETTING_KEYS):
                raise SourcesFileError(f"{at(index, key)}: {label} key '{key}' is unknown; known: "
                                       + ", ".join((*KINDS, "name", *_SETTING_KEYS)))
        kinds = [k for k in KINDS if k in table]
        if len(kinds) != 1:
            found = " and ".join(kinds) if kinds else "none"
            raise SourcesFileError(f"{at(index)}: {label} needs exactly one of feed, sitemap, urls, url "
                                   f"(found {found})")
        kind = kinds[0]
        location = table[kind]
        if not isinstance(location, str) or not location.strip():
            raise SourcesFileError(f"{at(index, kind)}: {label} key '{kind}' must be a non-empty string")
        location = location.strip()
        remote = location.lower().startswith(("http://", "https://"))
        if kind == "urls" and not remote:
            location = str((path.parent / location).resolve())
        elif not remote:
            raise SourcesFileError(f"{at(index, kind)}: {label} key '{kind}': {location!r} is not an "
                                   "http(s) URL")
        name = table.get("name", location)
        if not isinstance(name, str) or not name.strip():
            raise SourcesFileError(f"{at(index, 'name')}: {label} key 'name' must be a non-empty string")
        name = name.strip()
        if name in names:
            raise SourcesFileError(f"{at(index, 'name')}: {label} has the same name as the source at "
                                   f"{names[name]}; names must be unique")
        names[name] = at(index)
        def place_of(key: str, index: int = index, label: str = label) -> str:
            return f"{at(index, key)}: {label} key '{key}'"

        values = _settings(table, place_of, defaults)
        sources.append(Source(name, kind, location, cast("str | None", values["language"]),
                              cast(dt.timedelta, values["poll_interval"]), cast(Trust, values["trust"]),
                              at(index)))
    return SourcesFile(path, tuple(sources))


def load_sources(path: str | Path) -> SourcesFile:
    """Read and parse a sources file. Raises :class:`SourcesFileError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesFileError(f"{path}: cannot read the sources file ({exc.strerror}); check the path") from None
    except UnicodeDecodeError:
        raise SourcesFileError(f"{path}: not UTF-8 text; save the sources file as UTF-8") from None
    return parse_sources(text, path)
