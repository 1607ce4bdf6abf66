"""The store: open it, read from it, write to it one transaction at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..errors import StoreError
from . import migrate
from .dialect import create_engine, lock_writers, safe_url
from .reader import Reader, Statements
from .writer import Writer

if TYPE_CHECKING:
    from ..sources.cache import SourceState, UrlEntry


def utcnow() -> dt.datetime:
    """The time stored for changes: UTC, without a time zone, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class Store:
    """A ConflictWatch store at a database URL (SQLite file or PostgreSQL).

    Reads use :meth:`reading`; writes use :meth:`writing`, one writer at a time
    (SQLite's write lock, PostgreSQL's advisory lock), committed whole or not at all.

    It implements the fetching stage's two interfaces,
    :class:`~conflictwatch.sources.UrlCache` and
    :class:`~conflictwatch.sources.SourceStateStore` (each call its own
    transaction; safe from several threads), so what a poll fetched and how each
    source fared survive a restart.
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.upgraded_from: str | None = None
        self.statements = Statements()

    @classmethod
    def open(cls, url: str, auto_upgrade: bool = True, check: bool = True) -> "Store":
        """Open the store at ``url``, creating or upgrading its tables as needed (with
        ``auto_upgrade``), or refusing an outdated one. ``check=False`` skips the
        schema check: for ``conflictwatch store upgrade`` and ``info``."""
        engine = create_engine(url)
        store = cls(engine, url)
        try:
            store.upgraded_from = migrate.ensure_current(engine, auto_upgrade) if check else None
        except sa.exc.OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the store at {safe_url(url)}: {_reason(exc)}; check --db "
                             "or CONFLICTWATCH_DB") from exc
        except StoreError:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """A consistent read-only view (one transaction)."""
        try:
            with self.engine.connect() as conn:
                yield Reader(conn, self.statements)
        except sa.exc.OperationalError as exc:
            raise StoreError(f"reading the store at {safe_url(self.url)} failed: {_reason(exc)}") from exc

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """A write transaction: committed when the block ends, rolled back on an error."""
        try:
            with self.engine.connect().execution_options(writer=True) as conn:
                with conn.begin():
                    lock_writers(conn)
                    writer = Writer(conn, utcnow())
                    yield writer
                    writer.flush()
        except sa.exc.OperationalError as exc:
            raise StoreError(f"writing to the store at {safe_url(self.url)} failed: {_reason(exc)}; "
                             "nothing of this transaction was kept") from exc

    # -- the fetching stage's interfaces ----------------------------------------------------

    def get_url(self, url: str) -> "UrlEntry | None":
        """The cache entry for a canonical URL (:class:`~conflictwatch.sources.UrlCache`)."""
        with self.reading() as reader:
            return reader.url_entry(url)

    def put_url(self, entry: "UrlEntry") -> None:
        """Store a URL's cache entry, replacing the previous one."""
        with self.writing() as writer:
            writer.put_url_entry(entry)

    def get_source_state(self, name: str) -> "SourceState | None":
        """A source's state (:class:`~conflictwatch.sources.SourceStateStore`)."""
        with self.reading() as reader:
            return reader.source_state(name)

    def put_source_state(self, state: "SourceState") -> None:
        """Store a source's state, replacing the previous one."""
        with self.writing() as writer:
            writer.put_source_state(state)


def _reason(exc: sa.exc.DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
