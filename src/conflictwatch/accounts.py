"""Local accounts for the web app: users, logins (sessions) and API tokens.

* Passwords are hashed with argon2id (``argon2-cffi``); the store never sees one.
* A login gives a random session id (the cookie) and a CSRF token its forms carry;
  the store keeps the SHA-256 of the session id, so a copy of the database cannot
  be used to log in.
* An API token (``cw_`` and 43 random characters) is shown once, when issued, and
  kept as its SHA-256.

Each function is one store transaction; the web app and the ``user`` command call them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError, MissingDependency, NotFound
from .model import User
from .store import Store, utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

ROLES = ("reviewer", "admin")
"""Account roles (see :data:`conflictwatch.model.UserRole`)."""

MIN_PASSWORD = 8
"""Shortest password accepted, in characters."""

SESSION_DAYS = 14
"""How long a login lasts."""

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


def _hasher() -> "PasswordHasher":
    try:
        from argon2 import PasswordHasher
    except ModuleNotFoundError as exc:
        raise MissingDependency("argon2-cffi", "hashing passwords") from exc
    return PasswordHasher()


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """``name`` if it can name an account (letters, digits, ``._@-``; at most 64)."""
    if not _NAME.match(name):
        raise InputError(f"user name {name!r} is not usable: use 1 to 64 letters, digits or . _ @ -, "
                         "starting with a letter or digit")
    return name


def add_user(store: Store, name: str, password: str, role: str = "reviewer") -> User:
    """Create an account; raises :class:`InputError` when the name is taken or the
    password too short."""
    check_name(name)
    if role not in ROLES:
        raise InputError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password for {name} is too short: give at least {MIN_PASSWORD} characters")
    hashed = _hasher().hash(password)
    with store.writing() as w:
        if w.user(name) is not None:
            raise InputError(f"user {name!r} already exists; pick another name or use: "
                             f"conflictwatch user password {name}")
        user = User(name, role)  # type: ignore[arg-type]
        w.add_user(user, hashed)
    return User(name, role, w.now)  # type: ignore[arg-type]


def set_password(store: Store, name: str, password: str) -> None:
    """Give an account a new password (its browsers are logged out)."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password for {name} is too short: give at least {MIN_PASSWORD} characters")
    hashed = _hasher().hash(password)
    with store.writing() as w:
        if w.user(name) is None:
            raise NotFound(f"no user {name!r}; create one with: conflictwatch user add {name}")
        w.set_password(name, hashed)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The account if ``password`` is its password (``None`` otherwise, in about the
    same time whether or not the account exists)."""
    hasher = _hasher()
    from argon2.exceptions import InvalidHashError, VerificationError

    with store.reading() as r:
        found = r.user(name)
    if found is None:
        try:
            hasher.verify(_DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            pass
        return None
    user, hashed = found
    try:
        hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return None
    return None if user.disabled else user


_DUMMY_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$r5J2k2BZ21emF5uFiTFK8A$"
               "gTQ94vW2hx6TkQ/gQ7u8z9bK9OBr8OYD8KpVq1A5u4w")
"""Verified against when the user does not exist, so both cases take as long."""


@dataclass(frozen=True, slots=True)
class Login:
    """A new session: ``session_id`` (the cookie's value), ``csrf`` (the token forms
    carry) and ``expires``."""

    session_id: str
    csrf: str
    expires: dt.datetime


def open_session(store: Store, user: User, days: int = SESSION_DAYS) -> Login:
    """Log ``user`` in: a new session id and CSRF token."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = utcnow() + dt.timedelta(days=days)
    with store.writing() as w:
        w.add_session(_digest(session_id), user.name, csrf, expires)
    return Login(session_id, csrf, expires)


def session_user(store: Store, session_id: str) -> tuple[User, str] | None:
    """The user logged in with ``session_id`` and the session's CSRF token."""
    if not session_id:
        return None
    with store.reading() as r:
        return r.session(_digest(session_id), utcnow())


def close_session(store: Store, session_id: str) -> None:
    """Log a session out."""
    with store.writing() as w:
        w.remove_session(_digest(session_id))


def issue_token(store: Store, name: str, label: str = "") -> str:
    """A new API token for ``name`` (shown once: only its hash is kept)."""
    token = "cw_" + secrets.token_urlsafe(32)
    with store.writing() as w:
        if w.user(name) is None:
            raise NotFound(f"no user {name!r}; create one with: conflictwatch user add {name}")
        w.add_token(_digest(token), name, label or f"token of {name}")
    return token


def token_user(store: Store, token: str) -> User | None:
    """The user an API token speaks for (``None`` for an unknown token)."""
    if not token.startswith("cw_"):
        return None
    with store.reading() as r:
        return r.token_user(_digest(token))


def same_secret(a: str, b: str) -> bool:
    """Compare two secrets in constant time."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


__all__ = ["Login", "MIN_PASSWORD", "ROLES", "SESSION_DAYS", "add_user", "authenticate", "check_name",
           "close_session", "issue_token", "open_session", "same_secret", "session_user", "set_password",
           "token_user"]
