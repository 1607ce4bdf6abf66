"""What differs between SQLite and PostgreSQL, in one place.

* connecting: SQLite gets WAL, foreign keys, a busy timeout and ``BEGIN IMMEDIATE``
  for writers (one writer at a time, readers never blocked); PostgreSQL URLs are
  given the psycopg 3 driver;
* serialising writers: SQLite's write lock, PostgreSQL's transaction-level
  advisory lock (:func:`lock_writers`), so that several ``ingest`` processes merge
  one at a time and never make the same incident twice;
* text search: FTS5 ``MATCH`` or ``to_tsvector(...) @@ plainto_tsquery(...)``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from ..errors import StoreError

WRITE_LOCK = 0x636F6E666C696374
"""The advisory-lock key writers take on PostgreSQL ("conflict" in ASCII)."""

_FTS_TERM = re.compile(r"[\w'’-]+", re.UNICODE)


def parse_url(url: str) -> URL:
    """A database URL, checked: ``sqlite:///PATH`` or ``postgresql://...``."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"database URL {url!r} is not a URL; give sqlite:///PATH or "
                         "postgresql://USER@HOST:PORT/DATABASE") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError(f"database URL {url!r} names no file; give sqlite:///PATH "
                             "(an in-memory database would be lost at exit)")
        return parsed
    raise StoreError(f"database URL {url!r}: {backend} is not supported; use sqlite:///PATH or "
                     "postgresql://USER@HOST:PORT/DATABASE")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is switched off; the "begin" hook below says BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


def create_engine(url: str) -> Engine:
    """An engine for ``url``, set up for this store's habits."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "").expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {path.parent} for the store ({exc.strerror}); "
                             "give --db or --data-dir a writable place") from exc
        engine = sa.create_engine(parsed.set(database=str(path)), connect_args={"timeout": 60})
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(parsed, pool_pre_ping=True)


def lock_writers(conn: Connection) -> None:
    """Make this transaction the only writer (PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
    has already done it). Released at commit or rollback."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def search_condition(conn: Connection, report_id: sa.ColumnElement[Any], search_text: sa.ColumnElement[Any],
                     query: str) -> sa.ColumnElement[bool]:
    """A condition true for reports whose text matches every word of ``query``."""
    terms = _FTS_TERM.findall(query)
    if not terms:
        return sa.false()
    if conn.dialect.name == "sqlite":
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return report_id.in_(sa.text("SELECT report_id FROM report_search WHERE report_search MATCH :fts")
                             .bindparams(fts=match).columns(report_id=sa.Text))
    return sa.func.to_tsvector("simple", search_text).op("@@")(
        sa.func.plainto_tsquery("simple", " ".join(terms)))


def safe_url(url: str) -> str:
    """``url`` with any password hidden, for messages."""
    try:
        return parse_url(url).render_as_string(hide_password=True)
    except StoreError:
        return url
