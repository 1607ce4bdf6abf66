"""What every request handler shares: the store, the read policy, and who is asking.

:class:`AppState` is made once per app by :func:`conflictwatch.serve.create_app`
and handed to the routers (no module-level state). :func:`viewer` reads who is
asking from an ``Authorization: Bearer`` API token or the session cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from .. import accounts
from ..merge.compose import CountryNames
from ..model import User
from ..store import Store

SESSION_COOKIE = "cw_session"
"""The session cookie (HttpOnly, SameSite=Lax)."""
LOGIN_CSRF_COOKIE = "cw_login_csrf"
"""The login form's CSRF cookie (double submit: before a login there is no session)."""
CSRF_HEADER = "X-CSRF-Token"
"""The header a browser's script sends with a session's CSRF token on API writes."""

HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: ``user`` (``None`` when nobody logged in), ``csrf`` (the
    session's CSRF token) and ``via`` (``token``, ``session`` or ``None``)."""

    user: User | None = None
    csrf: str | None = None
    via: str | None = None


@dataclass
class AppState:
    """Shared by one app's handlers: ``store``, ``public_reads`` (visitors may read
    without logging in), ``templates`` and the country namer review actions use.
    The only mutable part is a lazily loaded country namer."""

    store: Store
    public_reads: bool
    templates: Jinja2Templates
    country_names: Callable[[], CountryNames | None]
    _country_name: list[CountryNames | None] = field(default_factory=list)

    def country_name(self) -> CountryNames | None:
        """The country namer (loaded once, on the first review action)."""
        if not self._country_name:
            self._country_name.append(self.country_names())
        return self._country_name[0]


def default_country_names() -> CountryNames | None:
    """The actor dictionary's country names (what ingest uses to compose events)."""
    from ..extract.actors import ActorDictionary

    return ActorDictionary.load().country_name


def make_templates() -> Jinja2Templates:
    """The page templates, autoescaped (every ``.html`` template escapes what it prints)."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.tests["http_url"] = is_http_url
    return templates


def is_http_url(value: object) -> bool:
    """Whether ``value`` is an http(s) address (only those become links: no ``javascript:``)."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def has_credentials(request: Request) -> bool:
    """Whether ``request`` carries a token or a session cookie (anything to look up)."""
    return request.headers.get("authorization", "").lower().startswith("bearer ") or \
        bool(request.cookies.get(SESSION_COOKIE))


async def viewer_async(state: AppState, request: Request) -> Viewer:
    """:func:`viewer` for async handlers: the store is asked in a worker thread, and
    only when the request carries credentials."""
    if not has_credentials(request):
        return Viewer()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(viewer, state, request)


def viewer(state: AppState, request: Request) -> Viewer:
    """Who sent ``request``: an API token's user, a session's user, or nobody."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = accounts.token_user(state.store, auth[7:].strip())
        return Viewer(user, None, "token") if user else Viewer()
    session_id = request.cookies.get(SESSION_COOKIE, "")
    if session_id:
        found = accounts.session_user(state.store, session_id)
        if found is not None:
            return Viewer(found[0], found[1], "session")
    return Viewer()
