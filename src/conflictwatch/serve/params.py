"""Query-string filters, as the API and the pages take them, mapped to
:class:`~conflictwatch.store.EventQuery` (whose conditions are parameterised SQL).

Every parameter is checked here or by the query itself; a bad one is a 400 that
names it (never a 500).
"""


import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query, Request

from ..errors import InputError
from ..store import EventQuery
from ..store.reader import REVIEW_STATES, STATUSES
from .errors import HTTPProblem

MAX_LIMIT = 5000
"""Most events one request returns (the map asks for up to this many)."""
MAX_NUMBER = 1_000_000_000
"""Largest offset or figure a parameter takes."""

Format = Literal["json", "geojson", "csv"]

_ACCEPT = {"application/geo+json": "geojson", "text/csv": "csv", "application/json": "json"}


def _text(name: str, value: str | None, longest: int = 500) -> str | None:
    if value is None:
        return None
    if "\x00" in value:
        raise HTTPProblem(400, f"parameter {name} holds a NUL character; remove it")
    if len(value) > longest:
        raise HTTPProblem(400, f"parameter {name} is {len(value)} characters long; give at most {longest}")
    value = value.strip()
    return value or None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``W,S,E,N`` as four floats (``None`` for none); a 400 when malformed."""
    value = _text("bbox", value, 200)
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise HTTPProblem(400, f"bbox {value!r} is not WEST,SOUTH,EAST,NORTH (four numbers in degrees, "
                               "e.g. 30,45,40,52)") from None
    if any(v != v or v in (float("inf"), float("-inf")) for v in (west, south, east, north)):
        raise HTTPProblem(400, f"bbox {value!r} holds a number that is not finite")
    return west, south, east, north


@dataclass(frozen=True, slots=True)
class Filters:
    """The filter parameters of a request, as given (for links and the page's form)
    and as an :class:`EventQuery` (``query``)."""

    query: EventQuery
    given: tuple[tuple[str, str], ...]


async def event_filters(
    request: Request,
    since: Annotated[dt.date | None, Query(description="events on or after this date (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="events on or before this date (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(description="WEST,SOUTH,EAST,NORTH in degrees", max_length=200)] = None,
    country: Annotated[str | None, Query(description="country name or ISO 3166-1 alpha-2 code",
                                         max_length=200)] = None,
    admin1: Annotated[str | None, Query(description="first-level region, as the events name it",
                                        max_length=200)] = None,
    type: Annotated[str | None, Query(description="ACLED event type or sub-event type",
                                      max_length=200)] = None,
    actor: Annotated[str | None, Query(description="part of an actor's name", max_length=200)] = None,
    min_fatalities: Annotated[int | None, Query(description="best fatality estimate at least this",
                                                ge=0, le=MAX_NUMBER)] = None,
    text: Annotated[str | None, Query(description="words in a report's title or quotes", max_length=500)] = None,
    review: Annotated[Literal["new", "changed", "confirmed", "edited", "rejected"] | None,
                      Query(description="review state")] = None,
    status: Annotated[list[Literal["active", "merged", "withdrawn", "rejected"]] | None,
                      Query(description="event status, repeatable (default: active)")] = None,
    low_confidence: Annotated[bool, Query(description="only low-confidence events (vague place, single "
                                                      "report, no claimant or a borderline type)")] = False,
) -> Filters:
    """The event filters of a request (a FastAPI dependency)."""
    values = {"country": _text("country", country), "admin1": _text("admin1", admin1),
              "type": _text("type", type), "actor": _text("actor", actor), "text": _text("text", text)}
    try:
        query = EventQuery(since=since, until=until, bbox=parse_bbox(bbox), country=values["country"],
                           admin1=values["admin1"], event_type=values["type"], actor=values["actor"],
                           min_fatalities=min_fatalities, text=values["text"], review=review,
                           statuses=tuple(dict.fromkeys(status)) if status else ("active",),
                           low_confidence=low_confidence)
    except InputError as exc:
        raise HTTPProblem(400, str(exc)) from exc
    names = ("since", "until", "bbox", "country", "admin1", "type", "actor", "min_fatalities", "text",
             "review", "status", "low_confidence")
    given = tuple((k, v) for k, v in request.query_params.multi_items() if k in names and v != "")
    return Filters(query, given)


def choose_format(request: Request, fmt: str | None) -> str:
    """``json``, ``geojson`` or ``csv``: the ``format`` parameter, else the Accept header."""
    if fmt:
        return fmt
    accept = request.headers.get("accept", "")
    for part in accept.split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in _ACCEPT:
            return _ACCEPT[kind]
    return "json"


__all__ = ["Filters", "Format", "MAX_LIMIT", "MAX_NUMBER", "REVIEW_STATES", "STATUSES", "choose_format",
           "event_filters", "parse_bbox"]
