"""Helpers for tests of ConflictWatch and of plug-ins built on it: throw-away stores.

    with temporary_postgres(base_url) as url:   # a fresh schema, dropped afterwards
        store = Store.open(url)

A plug-in's tests can run against both backends the way ConflictWatch's own do.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
"""The server tests use unless ``CONFLICTWATCH_TEST_POSTGRES`` names another."""


def postgres_unavailable(base_url: str) -> str | None:
    """Why no PostgreSQL server can be used at ``base_url`` (``None`` when one can)."""
    try:
        import psycopg
    except ModuleNotFoundError:
        return "psycopg is not installed (pip install 'psycopg[binary]')"
    from .store.dialect import parse_url

    url = parse_url(base_url).set(drivername="postgresql")
    try:
        with psycopg.connect(url.render_as_string(hide_password=False), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"no PostgreSQL server at {url.render_as_string(hide_password=True)} ({reason})"


@contextmanager
def temporary_postgres(base_url: str) -> Iterator[str]:
    """A database URL whose tables live in a new schema, dropped when the block ends."""
    import psycopg

    from .store.dialect import parse_url

    url = parse_url(base_url)
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    schema = f"cw_test_{secrets.token_hex(6)}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
