"""The typed core model passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; none of them passes loose
dicts. Offsets (``start``/``end``) are always character offsets into
``Document.text``, the text as it was ingested, so any figure can be traced back
to the words it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Figure = Literal["killed", "wounded", "captured", "missing", "casualties"]
"""What a casualty claim counts. ``casualties`` is a combined "killed or wounded"
total: it is kept as a claim for the record but never counted as fatalities."""

Role = Literal["actor1", "actor2", "associated"]

ActorKind = Literal[
    "state forces",
    "rebels",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
]

FIGURES: tuple[str, ...] = ("killed", "wounded", "captured", "missing", "casualties")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text.

    Fields: ``start`` and ``end`` (character offsets into ``Document.text``,
    end exclusive) and ``text`` (the characters themselves).
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span offsets {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Which words support which output field.

    Fields: ``field`` (dotted name of the event field, e.g. ``location`` or
    ``fatalities``) and ``span`` (where the text says it).
    """

    field: str
    span: Span


@dataclass(frozen=True, slots=True)
class Rights:
    """What the publisher allows.

    Fields: ``tdm_reserved`` (a text-and-data-mining reservation was found),
    ``source`` (where it was found: ``text``, ``meta``, ``header``, ``robots``
    or ``None``), ``notice`` (the reservation's words when it is in the text)
    and ``policy`` (a TDM policy URL when the publisher gives one).
    """

    tdm_reserved: bool = False
    source: str | None = None
    notice: Span | None = None
    policy: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested news document.

    Fields: ``id``; ``text`` (the article text as ingested; offsets point here);
    ``title``; ``published`` (publication date, if known); ``url``; ``site``;
    ``language`` (the language the story is written in, as detected: a CLD2 code,
    ISO 639-1 where one exists, e.g. ``en``, ``fr``; ``None`` when not detected or
    the text is too short to tell); ``rights``; ``boilerplate`` (spans of ``text``
    that are not the story: captions, bylines, related-content blocks, legal
    notices, a repeated title; extraction never takes facts from boilerplate);
    ``encoding`` (the character encoding the input's bytes were read with, a
    Python codec name such as ``utf-8``, ``utf-16-le`` or ``cp1252``; ``None`` when
    the text was given as text, not bytes); and ``encoding_source`` (how that
    encoding was chosen: ``bom``, ``http``, ``html``, ``xml``, ``utf-8``,
    ``utf-16``, ``detected`` or ``fallback``; see
    :func:`conflictwatch.ingest.decode.decode_bytes`).
    """

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    site: str | None = None
    language: str | None = None
    rights: Rights = field(default_factory=Rights)
    boilerplate: tuple[Span, ...] = ()
    encoding: str | None = None
    encoding_source: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One casualty figure as somebody stated it.

    Fields: ``figure`` (killed, wounded, captured, missing or casualties);
    ``low`` and ``high`` (``high`` is ``None`` when the claim is open-ended,
    as in "at least 12"); ``qualifier`` (exact, at least, more than, up to,
    about, range or vague); ``claimant`` (who said it, as written, or ``None``);
    ``span`` (the number and its noun); ``claimant_span``; and ``part`` (true for
    "including five children": a part of another claim, never added to it).
    """

    figure: Figure
    low: int
    high: int | None
    qualifier: str
    claimant: str | None
    span: Span
    claimant_span: Span | None = None
    part: bool = False

    @property
    def top(self) -> int:
        """The largest number the claim states."""
        return self.high if self.high is not None else self.low


@dataclass(frozen=True, slots=True)
class Range:
    """An event-level figure: ``low`` <= ``best`` <= ``high``."""

    low: int
    best: int
    high: int


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened.

    Fields: ``name`` (as resolved), ``country``, ``country_code`` (ISO 3166-1
    alpha-2), ``admin1``, ``admin2``, ``lat``, ``lon``, ``geonames_id`` and
    ``precision`` (1 the town or village itself, 2 near it or a district,
    3 a first-level region or wider).
    """

    name: str | None
    country: str | None
    country_code: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: int = 3


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant in an event.

    Fields: ``name`` (normalised, e.g. "military forces of Ukraine"), ``role``
    (actor1 the side that acted, actor2 the side acted upon, associated),
    ``country_code``, ``kind`` (ACLED's actor categories), ``id`` (key in the
    actor dictionary) and ``side`` (the country a foreign or proxy force fights
    for, when the text says so).
    """

    name: str
    role: Role
    country_code: str | None
    kind: str
    id: str
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded incident.

    Fields: ACLED ``event_type`` and ``sub_event_type``; ``date`` and
    ``date_precision`` (1 day, 2 week or range, 3 month); ``date_note`` (why the
    date is what it is, e.g. "publication date"); ``location``; ``actors``;
    ``fatalities`` and ``wounded`` (``None`` when the text gives no figure);
    ``claims``; ``evidence``; crosswalk codes ``ucdp_type_of_violence``,
    ``plover`` and ``cameo``; and ``sentence`` (the span of the sentence that
    triggered the event).
    """

    event_type: str
    sub_event_type: str
    date: dt.date | None
    date_precision: int
    location: Location | None
    actors: tuple[Actor, ...]
    fatalities: Range | None
    wounded: Range | None
    claims: tuple[Claim, ...]
    evidence: tuple[Evidence, ...]
    date_note: str | None = None
    ucdp_type_of_violence: int | None = None
    plover: str | None = None
    cameo: str | None = None
    sentence: Span | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """What extraction returns for one document: the ``document`` and its ``events``."""

    document: Document
    events: tuple[Event, ...]
