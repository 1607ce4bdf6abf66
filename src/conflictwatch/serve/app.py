"""The web app: :func:`create_app` builds it over a store; ``conflictwatch serve``
runs it with uvicorn.

Routes: the JSON API under ``/api/`` (:mod:`.api`, OpenAPI at ``/api/openapi.json``,
docs at ``/api/docs``), the pages (:mod:`.pages`) and the static assets under
``/static/`` (Leaflet, markercluster, the world-atlas borders and Swagger UI are
served from the package: nothing is fetched from elsewhere at run time).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..merge.compose import CountryNames
from ..settings import Settings
from ..store import Store
from . import api, errors, pages
from .state import HERE, AppState, default_country_names, make_templates

DESCRIPTION = """Stored conflict events with every claim and its source, the evidence in
each document, and their review history. Reads are public unless the server says
otherwise; review actions need `Authorization: Bearer cw_...` (an API token from
`conflictwatch user token NAME`). Bad parameters get a 400 with a message."""


def create_app(source: Store | Settings, *, public_reads: bool | None = None,
               country_names: Callable[[], CountryNames | None] | None = None) -> FastAPI:
    """The ASGI app over ``source``: an open :class:`Store` (the caller closes it), or
    :class:`Settings` (the app opens ``settings.db`` and closes it at shutdown).

    ``public_reads`` overrides the setting (``private_reads`` off: public by default);
    ``country_names`` loads the country namer review actions compose events with
    (default: the actor dictionary's).
    """
    if isinstance(source, Settings):
        store = Store.open(source.db)
        owned = True
        public = (not source.private_reads) if public_reads is None else public_reads
    else:
        store = source
        owned = False
        public = True if public_reads is None else public_reads
    state = AppState(store, public, make_templates(), country_names or default_country_names)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="ConflictWatch", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.conflictwatch = state
    errors.install(app, state)
    app.include_router(api.router(state))
    app.include_router(pages.router(state))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/api/openapi.json", title="ConflictWatch API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    return app


def from_environment() -> FastAPI:
    """The app over the settings the environment gives (``CONFLICTWATCH_DB``...): the
    factory each uvicorn worker process calls when :func:`serve` runs several."""
    from ..settings import resolve_settings

    return create_app(resolve_settings())


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000,
          on_ready: Callable[[str], None] | None = None, workers: int = 1) -> None:
    """Run the app with uvicorn until interrupted (Ctrl-C); ``workers`` > 1 runs that
    many processes (each opens the store itself)."""
    import os

    import uvicorn

    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    if workers > 1:
        os.environ.update({"CONFLICTWATCH_DB": settings.db, "CONFLICTWATCH_DATA_DIR": str(settings.data_dir),
                           "CONFLICTWATCH_PRIVATE_READS": "true" if settings.private_reads else "false"})
        if settings.config is not None:
            os.environ["CONFLICTWATCH_CONFIG"] = str(settings.config)
        Store.open(settings.db).close()  # create or upgrade the store once, before the workers start
        if on_ready is not None:
            on_ready(url)
        uvicorn.run("conflictwatch.serve.app:from_environment", factory=True, host=host, port=port,
                    workers=workers, log_level="warning", access_log=False)
        return
    app = create_app(settings)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if on_ready is not None:
        on_ready(url)
    server.run()
