"""The pages: the map (with its timeline, filters and list), the events table, an
event with its evidence in context and its history, documents, sources, the review
queue, and the login form. Review forms post here with the session's CSRF token
and come back to the event page.
"""


import secrets
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import accounts, review
from ..confidence import BORDERLINE_SUB_TYPES, low_confidence_reasons
from ..errors import ConflictWatchError, NotFound
from ..extract.typology import EVENT_TYPES
from ..model import Incident
from .api import ID, queue_query
from .edits import parse_edit
from .errors import HTTPProblem, status_of
from .evidence import Mark, context, document_contexts, report_marks
from .params import MAX_LIMIT, MAX_NUMBER, Filters, event_filters
from .state import LOGIN_CSRF_COOKIE, SESSION_COOKIE, AppState, Viewer, viewer

PAGE = 50
"""Rows per page in the tables."""

TYPE_COLOURS = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22",
                "Violence against civilians": "#8e44ad", "Protests": "#2980b9", "Riots": "#b7950b",
                "Strategic developments": "#5d6d7e"}
"""Marker colour of each ACLED event type (the map's legend)."""

EDIT_ORDER = ("fatalities", "wounded", "sub_event_type", "date", "date_precision", "location", "actors", "event_type")
"""The editable fields (:data:`~conflictwatch.merge.compose.OVERRIDABLE`) in the edit form's order."""


def router(state: AppState) -> APIRouter:
    """The pages' routes over ``state``."""
    pages = APIRouter(include_in_schema=False)
    _add_reading_pages(pages, state)
    _add_login_pages(pages, state)
    _add_review_forms(pages, state)
    return pages


def _reader(state: AppState) -> Callable[[Request], Viewer]:
    """The dependency of every page that reads: the viewer, or a redirect to log in."""

    def reading(request: Request) -> Viewer:
        who = viewer(state, request)
        if who.user is None and not state.public_reads:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise HTTPProblem(303, "log in to read", {"Location": "/login?" + urlencode({"next": target})})
        return who

    return reading


def _renderer(state: AppState) -> Callable[..., Response]:
    """``render(request, template, viewer, status=200, **context)``: a page from its template."""

    def render(request: Request, name: str, who: Viewer, status: int = 200, **context_: Any) -> Response:
        data = {"viewer": who, "type_colours": TYPE_COLOURS, "event_types": EVENT_TYPES, **context_}
        return state.templates.TemplateResponse(request, name, data, status_code=status)

    return render


def _add_reading_pages(pages: APIRouter, state: AppState) -> None:
    """The map, events, an event, documents, sources and the review queue."""
    Reads = Annotated[Viewer, Depends(_reader(state))]
    render = _renderer(state)

    @pages.get("/", response_class=HTMLResponse)
    def map_page(request: Request, who: Reads, filters: Annotated[Filters, Depends(event_filters)]) -> Response:
        return render(request, "map.html", who, given=dict(filters.given), map_limit=MAX_LIMIT)

    @pages.get("/events", response_class=HTMLResponse)
    def events_page(request: Request, who: Reads, filters: Annotated[Filters, Depends(event_filters)],
                    offset: Annotated[int, Query(ge=0, le=MAX_NUMBER)] = 0) -> Response:
        with state.store.reading() as r:
            page = r.events(filters.query, PAGE, offset)
        return render(request, "events.html", who, page=page, given=filters.given,
                      query_string=urlencode(filters.given), reasons=low_confidence_reasons,
                      title="Events")

    @pages.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(request: Request, who: Reads, event_id: Annotated[str, Path(pattern=ID)],
                   done: Annotated[str | None, Query(max_length=200)] = None,
                   error: Annotated[str | None, Query(max_length=2000)] = None) -> Response:
        with state.store.reading() as r:
            incident = r.incident(event_id)
            if incident is None:
                raise NotFound(f"no event {event_id!r}; find events on the map or at /events")
            if incident.id != event_id:
                return RedirectResponse(f"/events/{quote(incident.id)}?{urlencode({'done': 'merged id ' + event_id})}",
                                        303)
            contexts = [context(rep, r.document(rep.source.document_id), f"r{i}")
                        for i, rep in enumerate(incident.reports)]
            field_links = _field_links(incident)
            history = r.history(incident.id)
            decisions = r.decisions(incident.id)
            aliases = r.merged_ids(incident.id)
        return render(request, "event.html", who, event=incident, contexts=contexts, history=history,
                      decisions=decisions, aliases=aliases, reasons=low_confidence_reasons(incident),
                      editable=EDIT_ORDER, field_links=field_links, done=done, error=error, title=_title(incident),
                      report_index={rep.id: i for i, rep in enumerate(incident.reports)})

    @pages.get("/documents", response_class=HTMLResponse)
    def documents_page(request: Request, who: Reads,
                       offset: Annotated[int, Query(ge=0, le=MAX_NUMBER)] = 0) -> Response:
        with state.store.reading() as r:
            page = r.documents(PAGE, offset)
        return render(request, "documents.html", who, page=page, site=None, title="Documents")

    @pages.get("/documents/{document_id}", response_class=HTMLResponse)
    def document_page(request: Request, who: Reads, document_id: Annotated[str, Path(pattern=ID)]) -> Response:
        with state.store.reading() as r:
            doc = r.document(document_id)
            if doc is None:
                raise NotFound(f"no document {document_id!r}; see /documents")
            reports = r.reports_of_document(document_id)
        ctx = document_contexts(doc, [rep for rep, _ in reports])
        return render(request, "document.html", who, doc=doc, reports=reports, ctx=ctx,
                      title=doc.title or doc.url or doc.id)

    @pages.get("/sources", response_class=HTMLResponse)
    def sources_page(request: Request, who: Reads) -> Response:
        with state.store.reading() as r:
            sources = r.sources()
        return render(request, "sources.html", who, sources=sources, title="Sources")

    @pages.get("/sources/{site}", response_class=HTMLResponse)
    def source_page(request: Request, who: Reads, site: Annotated[str, Path(max_length=500)],
                    offset: Annotated[int, Query(ge=0, le=MAX_NUMBER)] = 0) -> Response:
        if "\x00" in site:
            raise HTTPProblem(400, "the site name holds a NUL character")
        with state.store.reading() as r:
            page = r.documents(PAGE, offset, site=None if site == "-" else site, no_site=site == "-")
        if page.total == 0:
            raise NotFound(f"no documents from {site!r}; see /sources")
        return render(request, "documents.html", who, page=page, site=site, title=f"Source: {site}")

    @pages.get("/review", response_class=HTMLResponse)
    def review_page(request: Request, who: Reads, filters: Annotated[Filters, Depends(event_filters)],
                    offset: Annotated[int, Query(ge=0, le=MAX_NUMBER)] = 0) -> Response:
        q = queue_query(filters.query)
        with state.store.reading() as r:
            page = r.events(q, PAGE, offset)
        return render(request, "review.html", who, page=page, given=filters.given,
                      query_string=urlencode(filters.given), reasons=low_confidence_reasons,
                      borderline=BORDERLINE_SUB_TYPES, title="Review queue")


def _add_login_pages(pages: APIRouter, state: AppState) -> None:
    """Logging in and out."""
    render = _renderer(state)

    @pages.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/",
                   error: Annotated[str | None, Query(max_length=200)] = None) -> Response:
        token = secrets.token_urlsafe(32)
        response = render(request, "login.html", viewer(state, request), login_csrf=token, next=_local(next),
                          error=error, title="Log in")
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", max_age=3600)
        return response

    @pages.post("/login")
    def login(request: Request, name: Annotated[str, Form(max_length=64)],
              password: Annotated[str, Form(max_length=1000)], csrf: Annotated[str, Form(max_length=100)],
              next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not cookie or not accounts.same_secret(cookie, csrf):
            raise HTTPProblem(403, "the login form has expired or was not sent by this site; open /login again")
        user = accounts.authenticate(state.store, name, password)
        if user is None:
            return RedirectResponse("/login?" + urlencode({"next": _local(next), "error": "wrong name or password"}),
                                    303)
        login_ = accounts.open_session(state.store, user)
        response = RedirectResponse(_local(next), 303)
        response.set_cookie(SESSION_COOKIE, login_.session_id, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https", max_age=accounts.SESSION_DAYS * 86400)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    @pages.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form(max_length=100)]) -> Response:
        who = viewer(state, request)
        if who.via == "session" and who.csrf and accounts.same_secret(who.csrf, csrf):
            accounts.close_session(state.store, request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse("/", 303)
        response.delete_cookie(SESSION_COOKIE)
        return response


def _add_review_forms(pages: APIRouter, state: AppState) -> None:
    """The review forms: each posts with the session's CSRF token and returns to the event page."""

    def reviewer(request: Request, csrf: str) -> str:
        who = viewer(state, request)
        if who.user is None or who.via != "session":
            raise HTTPProblem(401, "log in to review events (/login)")
        if who.csrf is None or not accounts.same_secret(who.csrf, csrf):
            raise HTTPProblem(403, "this form has expired or was not sent by this site; reload the page")
        return who.user.name

    def act(event_id: str, action: Any) -> Response:
        try:
            incident = action()
        except NotFound:
            raise
        except ConflictWatchError as exc:
            if status_of(exc) != 400:
                raise
            return RedirectResponse(f"/events/{quote(event_id)}?{urlencode({'error': str(exc)})}#review", 303)
        return RedirectResponse(f"/events/{quote(incident.id)}?{urlencode({'done': 'saved'})}#history", 303)

    Csrf = Annotated[str, Form(max_length=100)]
    Why = Annotated[str, Form(max_length=2000)]
    EvId = Annotated[str, Path(pattern=ID)]

    def resolved(event_id: str) -> Incident:
        with state.store.reading() as r:
            incident = r.incident(event_id)
        if incident is None:
            raise NotFound(f"no event {event_id!r}")
        return incident

    @pages.post("/events/{event_id}/confirm")
    def confirm(request: Request, event_id: EvId, csrf: Csrf, reason: Why = "") -> Response:
        by = reviewer(request, csrf)
        return act(event_id, lambda: review.set_review(state.store, resolved(event_id).id, "confirmed", by, reason))

    @pages.post("/events/{event_id}/reject")
    def reject(request: Request, event_id: EvId, csrf: Csrf, reason: Why = "") -> Response:
        by = reviewer(request, csrf)

        def run() -> Incident:
            if not reason.strip():
                raise review.ReviewError("a rejection needs a reason; say why this is not an event")
            return review.set_review(state.store, resolved(event_id).id, "rejected", by, reason)
        return act(event_id, run)

    @pages.post("/events/{event_id}/edit")
    def edit(request: Request, event_id: EvId, csrf: Csrf, field: Annotated[str, Form(max_length=40)],
             value: Annotated[str, Form(max_length=5000)] = "", reason: Why = "") -> Response:
        by = reviewer(request, csrf)

        def run() -> Incident:
            incident = resolved(event_id)
            values = parse_edit(field, value, incident)
            return review.edit_fields(state.store, incident.id, values, by, reason, state.country_name())
        return act(event_id, run)

    @pages.post("/events/{event_id}/release")
    def release(request: Request, event_id: EvId, csrf: Csrf, field: Annotated[str, Form(max_length=40)]) -> Response:
        by = reviewer(request, csrf)
        return act(event_id, lambda: review.release(state.store, resolved(event_id).id, field, by,
                                                    state.country_name()))

    @pages.post("/events/{event_id}/merge")
    def merge(request: Request, event_id: EvId, csrf: Csrf, other: Annotated[str, Form(max_length=200)],
              reason: Why = "") -> Response:
        by = reviewer(request, csrf)

        def run() -> Incident:
            if not reason.strip():
                raise review.ReviewError("a merge needs a reason; say why these are one incident")
            other_id = other.strip()
            return review.merge_incidents(state.store, resolved(event_id).id, resolved(other_id).id, by, reason,
                                          state.country_name())
        return act(event_id, run)

    @pages.post("/reports/{report_id}/split")
    def split(request: Request, report_id: Annotated[str, Path(pattern=ID)], csrf: Csrf,
              event_id: Annotated[str, Form(max_length=200)], reason: Why = "") -> Response:
        by = reviewer(request, csrf)

        def run() -> Incident:
            if not reason.strip():
                raise review.ReviewError("a split needs a reason; say why this report tells another incident")
            return review.split_report(state.store, report_id, by, reason, state.country_name())
        return act(event_id, run)


def _local(target: str) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirects)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _title(incident: Incident) -> str:
    loc = incident.location
    where = loc.name or loc.country if loc else None
    when = incident.date.isoformat() if incident.date else "date unknown"
    return f"{incident.sub_event_type}" + (f" in {where}" if where else "") + f", {when}"


def _field_links(incident: Incident) -> dict[str, list[Mark]]:
    """Each field's evidence marks (by label: type, date, place, actor, killed...),
    one per distinct stretch of text."""
    out: dict[str, list[Mark]] = {}
    seen: set[tuple[str, str, int, int]] = set()
    for i, rep in enumerate(incident.reports):
        for mark in report_marks(rep, f"r{i}"):
            label = mark.label.split()[0] if mark.kind == "claim" else mark.label
            label = "actor" if label == "actors" else label
            key = (label, f"r{i}", mark.span.start, mark.span.end)
            if label == "claim" or key in seen:
                continue
            seen.add(key)
            out.setdefault(label, []).append(mark)
    return out
