"""The JSON API under ``/api/``: events (JSON, GeoJSON or CSV), one event with its
evidence and history, documents, sources, statistics, the review queue, and the
review actions (which need a login: an API token or a session with its CSRF token).
"""


import dataclasses
import io
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from .. import review
from ..accounts import same_secret
from ..confidence import low_confidence_reasons
from ..errors import NotFound
from ..exports import write_csv, write_geojson, write_summary_geojson
from ..model import Claim, Incident
from ..output import (decision_to_dict, incident_to_dict, stored_document_to_dict, user_to_dict,
                      version_to_dict)
from ..store import EventQuery, Page
from ..store.reader import SourceSummary, Stats, Tally
from .edits import parse_edit
from .errors import HTTPProblem
from .params import MAX_LIMIT, MAX_NUMBER, Filters, choose_format, event_filters
from .state import CSRF_HEADER, AppState, Viewer, viewer, viewer_async

ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$"
"""What an event, report or document id looks like (anything else is a 400)."""

EventId = Annotated[str, Path(description="an event id (ev-...); a merged event's id gives the survivor",
                              pattern=ID)]
Limit = Annotated[int, Query(description=f"at most this many (1 to {MAX_LIMIT})", ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(description="skip this many", ge=0, le=MAX_NUMBER)]
Reason = Annotated[str, Field(description="why (kept in the event's history)", max_length=2000)]


class ReasonBody(BaseModel):
    """A review action's reason."""

    reason: Reason = ""


class EditBody(BaseModel):
    """An edit: the field, its new value and why."""

    field: Literal["event_type", "sub_event_type", "date", "date_precision", "location", "actors",
                   "fatalities", "wounded"]
    value: str | int | dict[str, Any] | list[Any] | None = Field(
        description="see the edit formats in conflictwatch.serve.edits: e.g. 12, '5-9', '2025-03-04', "
                    "'Kharkiv; 49.99; 36.23; 1'")
    reason: Reason


class ReleaseBody(BaseModel):
    """Give a field back to automatic coding."""

    field: Literal["event_type", "sub_event_type", "date", "date_precision", "location", "actors",
                   "fatalities", "wounded"]


class MergeBody(BaseModel):
    """Fold another event into this one."""

    other: str = Field(description="the id of the event to fold into this one", pattern=ID)
    reason: Reason


def _page_json(page: Page[Any], items: list[Any], request: Request) -> dict[str, Any]:
    nxt = None
    if page.offset + len(page.items) < page.total:
        nxt = str(request.url.include_query_params(offset=page.offset + page.limit))
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "next": nxt, "items": items}


def json_response(data: dict[str, Any], headers: dict[str, str]) -> Response:
    """``data`` as an ``application/json`` response, serialised by orjson."""
    return Response(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS), media_type="application/json",
                    headers=headers)


def event_json(incident: Incident, evidence: bool = False) -> dict[str, Any]:
    """An event for the API: :func:`~conflictwatch.output.incident_to_dict` and its
    low-confidence reasons."""
    data = incident_to_dict(incident, evidence=evidence)
    data["low_confidence"] = list(low_confidence_reasons(incident))
    return data


def tally_json(t: Tally) -> dict[str, Any]:
    """A tally as JSON."""
    return {"key": t.key, "label": t.label, "events": t.events, "fatalities": t.fatalities}


def stats_json(stats: Stats) -> dict[str, Any]:
    """Statistics as JSON."""
    return {"events": stats.events, "fatalities": stats.fatalities,
            "per_day": [{"date": t.key, "events": t.events, "fatalities": t.fatalities} for t in stats.per_day],
            "per_country": [tally_json(t) for t in stats.per_country],
            "per_type": [tally_json(t) for t in stats.per_type]}


def source_json(s: SourceSummary) -> dict[str, Any]:
    """A source (site) as JSON."""
    return {"site": s.site, "documents": s.documents, "reports": s.reports,
            "first": s.first.isoformat() if s.first else None, "last": s.last.isoformat() if s.last else None}


def router(state: AppState) -> APIRouter:
    """The API's routes over ``state``."""
    api = APIRouter(prefix="/api")
    _add_read_routes(api, state)
    _add_account_routes(api, state)
    _add_review_routes(api, state)
    return api


def _reader(state: AppState) -> Callable[[Request], Awaitable[Viewer]]:
    """The dependency of every read: the viewer, refused when records are not public."""

    async def reading(request: Request) -> Viewer:
        who = await viewer_async(state, request)
        if who.user is None and not state.public_reads:
            raise HTTPProblem(401, "this server's records are not public: send an API token "
                                   "(Authorization: Bearer cw_...; see conflictwatch user token)",
                              {"WWW-Authenticate": "Bearer"})
        return who

    return reading


def _writer(state: AppState) -> Callable[[Request], Viewer]:
    """The dependency of every write: a logged-in viewer, with the CSRF token of a browser session."""

    def writing(request: Request) -> Viewer:
        who = viewer(state, request)
        if who.user is None:
            raise HTTPProblem(401, "review actions need a login: send an API token (Authorization: Bearer "
                                   "cw_...; made with conflictwatch user token NAME)",
                              {"WWW-Authenticate": "Bearer"})
        if who.via == "session":
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or who.csrf is None or not _same(sent, who.csrf):
                raise HTTPProblem(403, f"a browser session's write needs its CSRF token in the {CSRF_HEADER} header")
        return who

    return writing


def _add_read_routes(api: APIRouter, state: AppState) -> None:
    """Events, documents, sources, statistics and the review queue."""
    Reads = Annotated[Viewer, Depends(_reader(state))]
    Query_ = Annotated[Filters, Depends(event_filters)]

    @api.get("/events", summary="events matching filters, newest first",
             responses={200: {"content": {"application/json": {}, "application/geo+json": {}, "text/csv": {}}}})
    def events(request: Request, who: Reads, filters: Query_, limit: Limit = 100, offset: Offset = 0,
               format: Annotated[Literal["json", "geojson", "csv"] | None,
                                 Query(description="json (default), geojson or csv; or send an Accept "
                                                   "header (application/geo+json, text/csv)")] = None,
               detail: Annotated[Literal["summary", "full"],
                                 Query(description="summary (default): each event's own fields and actors; "
                                                   "full: with its reports, claims and low-confidence reasons. "
                                                   "CSV is always full")] = "summary"
               ) -> Response:
        fmt = choose_format(request, format)
        full = detail == "full" or fmt == "csv"
        if fmt == "json" and not full:
            with state.store.reading() as r:
                dicts = r.summary_dicts(filters.query, limit, offset)
            return json_response(_page_json(dicts, list(dicts.items), request), {"X-Total-Count": str(dicts.total)})
        with state.store.reading() as r:
            page: Page[Any] = r.events(filters.query, limit, offset) if full else r.summaries(filters.query, limit,
                                                                                                offset)
        headers = {"X-Total-Count": str(page.total)}
        if fmt == "json":
            return json_response(_page_json(page, [event_json(i) for i in page.items], request), headers)
        out = io.StringIO()
        if fmt == "csv":
            write_csv(iter(page.items), out)
            return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
        (write_geojson if full else write_summary_geojson)(iter(page.items), out)
        return Response(out.getvalue(), media_type="application/geo+json", headers=headers)

    @api.get("/events/{event_id}", summary="one event: fields, reports, claims, evidence, history")
    def event(event_id: EventId, who: Reads) -> dict[str, Any]:
        with state.store.reading() as r:
            incident = r.incident(event_id)
            if incident is None:
                raise NotFound(f"no event {event_id!r}; list events at /api/events")
            data = event_json(incident, evidence=True)
            data["requested_id"] = event_id
            data["aliases"] = r.merged_ids(incident.id)
            data["history"] = [version_to_dict(v) for v in r.history(incident.id)]
            data["merge_decisions"] = [decision_to_dict(d) for d in r.decisions(incident.id)]
        return data

    @api.get("/events/{event_id}/history", summary="every version of an event and every merge decision")
    def history(event_id: EventId, who: Reads) -> dict[str, Any]:
        with state.store.reading() as r:
            target = r.resolve(event_id)
            if target is None:
                raise NotFound(f"no event {event_id!r}; list events at /api/events")
            return {"id": target, "requested_id": event_id,
                    "history": [version_to_dict(v) for v in r.history(target)],
                    "merge_decisions": [decision_to_dict(d) for d in r.decisions(target)]}

    @api.get("/documents", summary="stored documents, most recently published first")
    def documents(request: Request, who: Reads, limit: Limit = 100, offset: Offset = 0,
                  site: Annotated[str | None, Query(description="only this site's documents", max_length=500)] = None
                  ) -> dict[str, Any]:
        if site is not None and "\x00" in site:
            raise HTTPProblem(400, "parameter site holds a NUL character; remove it")
        with state.store.reading() as r:
            page = r.documents(limit, offset, site=site)
        return _page_json(page, [stored_document_to_dict(d, with_text=False) for d in page.items], request)

    @api.get("/documents/{document_id}", summary="one document: metadata, rights, text (if kept), reports")
    def document(document_id: Annotated[str, Path(description="a document id (doc-...)", pattern=ID)],
                 who: Reads) -> dict[str, Any]:
        with state.store.reading() as r:
            doc = r.document(document_id)
            if doc is None:
                raise NotFound(f"no document {document_id!r}; list them at /api/documents")
            reports = r.reports_of_document(document_id)
        data = stored_document_to_dict(doc)
        data["reports"] = [{"report_id": rep.id, "event_id": incident, "event_index": rep.index,
                            "document_version": rep.document_version,
                            "claims": [claim_json(c) for c in rep.event.claims],
                            "evidence": [{"field": e.field, "start": e.span.start, "end": e.span.end,
                                          "text": e.span.text} for e in rep.event.evidence]}
                           for rep, incident in reports]
        return data

    @api.get("/sources", summary="sites that published stored documents")
    def sources(who: Reads) -> dict[str, Any]:
        with state.store.reading() as r:
            return {"items": [source_json(s) for s in r.sources()]}

    @api.get("/stats", summary="events and fatalities per day, country and type, for the filters")
    def stats(who: Reads, filters: Query_) -> dict[str, Any]:
        with state.store.reading() as r:
            return stats_json(r.stats(filters.query))

    @api.get("/review/queue", summary="events waiting for review: new and changed, low-confidence flagged")
    def queue(request: Request, who: Reads, filters: Query_, limit: Limit = 100, offset: Offset = 0
              ) -> dict[str, Any]:
        q = queue_query(filters.query)
        with state.store.reading() as r:
            page = r.events(q, limit, offset)
        return _page_json(page, [event_json(i) for i in page.items], request)


def _add_account_routes(api: APIRouter, state: AppState) -> None:
    """Who is asking, and the accounts."""
    Writes = Annotated[Viewer, Depends(_writer(state))]

    @api.get("/me", summary="who the request is logged in as")
    def me(request: Request) -> dict[str, Any]:
        who = viewer(state, request)
        return {"user": user_to_dict(who.user) if who.user else None, "via": who.via,
                "public_reads": state.public_reads}

    @api.get("/users", summary="the accounts (admins only)")
    def users(who: Writes) -> dict[str, Any]:
        if who.user is None or who.user.role != "admin":
            raise HTTPProblem(403, "only an admin may list the accounts")
        with state.store.reading() as r:
            return {"items": [user_to_dict(u) for u in r.users()]}


def _add_review_routes(api: APIRouter, state: AppState) -> None:
    """Review actions: confirm, reject, edit, release, merge, split."""
    Writes = Annotated[Viewer, Depends(_writer(state))]

    def _event(event_id: str) -> tuple[Incident, list[str]]:
        with state.store.reading() as r:
            incident = r.incident(event_id)
            if incident is None:
                raise NotFound(f"no event {event_id!r}; list events at /api/events")
            return incident, r.merged_ids(incident.id)

    def _acted(incident: Incident) -> dict[str, Any]:
        return event_json(incident)

    @api.post("/events/{event_id}/confirm", summary="confirm an event")
    def confirm(event_id: EventId, who: Writes, body: Annotated[ReasonBody | None, Body()] = None) -> dict[str, Any]:
        reason = body.reason if body else ""
        return _acted(review.set_review(state.store, _resolve(event_id), "confirmed", _name(who), reason))

    @api.post("/events/{event_id}/reject", summary="reject an event (it stays on record)")
    def reject(event_id: EventId, who: Writes, body: ReasonBody) -> dict[str, Any]:
        if not body.reason.strip():
            raise HTTPProblem(400, "a rejection needs a reason; say why this is not an event")
        return _acted(review.set_review(state.store, _resolve(event_id), "rejected", _name(who), body.reason))

    @api.post("/events/{event_id}/edit", summary="set a field by hand (kept through recomputation)")
    def edit(event_id: EventId, who: Writes, body: EditBody) -> dict[str, Any]:
        incident, _ = _event(event_id)
        values = parse_edit(body.field, body.value, incident)
        return _acted(review.edit_fields(state.store, incident.id, values, _name(who), body.reason,
                                         state.country_name()))

    @api.post("/events/{event_id}/release", summary="give a field back to automatic coding")
    def release(event_id: EventId, who: Writes, body: ReleaseBody) -> dict[str, Any]:
        return _acted(review.release(state.store, _resolve(event_id), body.field, _name(who), state.country_name()))

    @api.post("/events/{event_id}/merge", summary="fold another event into this one")
    def merge(event_id: EventId, who: Writes, body: MergeBody) -> dict[str, Any]:
        if not body.reason.strip():
            raise HTTPProblem(400, "a merge needs a reason; say why these are one incident")
        return _acted(review.merge_incidents(state.store, _resolve(event_id), _resolve(body.other), _name(who),
                                             body.reason, state.country_name()))

    @api.post("/reports/{report_id}/split", summary="move a report out of its event into a new one")
    def split(report_id: Annotated[str, Path(description="a report id", pattern=ID)], who: Writes,
              body: ReasonBody) -> dict[str, Any]:
        if not body.reason.strip():
            raise HTTPProblem(400, "a split needs a reason; say why this report tells another incident")
        return _acted(review.split_report(state.store, report_id, _name(who), body.reason, state.country_name()))

    def _resolve(event_id: str) -> str:
        with state.store.reading() as r:
            target = r.resolve(event_id)
        if target is None:
            raise NotFound(f"no event {event_id!r}; list events at /api/events")
        return target


def claim_json(c: Claim) -> dict[str, Any]:
    """A claim of a report (its figure, numbers, claimant and words)."""
    return {"figure": c.figure, "low": c.low, "high": c.high, "qualifier": c.qualifier, "claimant": c.claimant,
            "part": c.part, "start": c.span.start, "end": c.span.end, "text": c.span.text}


def queue_query(q: EventQuery) -> EventQuery:
    """The review queue: ``q`` narrowed to events waiting for review (new or changed)."""
    return dataclasses.replace(q, reviews=("new", "changed")) if not q.review else q


def _name(who: Viewer) -> str:
    return who.user.name if who.user else "anonymous"


def _same(a: str, b: str) -> bool:
    return same_secret(a, b)

