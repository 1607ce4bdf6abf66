"""Errors at the web edge: every failure becomes a 4xx (or 503) with a message.

* :class:`HTTPProblem` — raised by handlers with a status and a message;
* a bad parameter (FastAPI's validation, or :class:`~conflictwatch.errors.InputError`
  from the library) is a 400 naming the parameter;
* :class:`~conflictwatch.errors.NotFound` is a 404; a store that cannot be read, a 503.

API paths get ``{"error": {"status", "message"}}``; pages get an HTML page.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConflictWatchError, InputError, NotFound, StoreError
from .state import AppState


class HTTPProblem(Exception):
    """A request that cannot be served as asked: ``status`` and ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _describe(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body", "header", "cookie")]
        where = ".".join(loc) or "request"
        value = e.get("input")
        shown = f" (got {value!r})" if isinstance(value, (str, int, float)) and len(repr(value)) < 80 else ""
        parts.append(f"{where}: {e.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) + "; see /api/docs for the parameters"


def status_of(exc: ConflictWatchError) -> int:
    """The HTTP status for a library error."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, StoreError):
        return 503
    return 400


def install(app: FastAPI, state: AppState) -> None:
    """Register the handlers that turn errors into responses."""

    def respond(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"status": status, "message": message}}, status, headers=headers)
        return state.templates.TemplateResponse(request, "error.html", {"status": status, "message": message,
                                                                         "viewer": None},
                                                status_code=status, headers=headers)

    @app.exception_handler(HTTPProblem)
    def _problem(request: Request, exc: HTTPProblem) -> Response:
        return respond(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 400, _describe(list(exc.errors())))

    @app.exception_handler(ConflictWatchError)
    def _library(request: Request, exc: ConflictWatchError) -> Response:
        return respond(request, status_of(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}; the API is described at /api/docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        headers = dict(exc.headers) if exc.headers else None
        return respond(request, exc.status_code, message, headers)


__all__ = ["HTTPProblem", "install", "status_of"]
