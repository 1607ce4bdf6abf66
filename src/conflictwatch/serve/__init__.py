"""The web app and JSON API over the store (FastAPI, uvicorn, Jinja2 templates).

    from conflictwatch.serve import create_app
    app = create_app(store)              # or create_app(resolve_settings())

* :mod:`.app` — :func:`create_app` and :func:`serve`;
* :mod:`.api` — ``/api/``: events, an event, history, documents, sources, stats,
  the review queue and review actions;
* :mod:`.pages` — the map, events, an event with its evidence, documents, sources,
  the review queue, logging in;
* :mod:`.params` — query-string filters to :class:`~conflictwatch.store.EventQuery`;
* :mod:`.evidence` — each field's evidence highlighted in its document's text;
* :mod:`.edits` — a reviewer's typed value to model values;
* :mod:`.state` — what the handlers share, and who is asking;
* :mod:`.errors` — every failure as a 4xx (or 503) with a message.
"""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
