"""Helpers for tests of ConflictWatch and of plug-ins built on it: throw-away stores.

    with temporary_postgres(base_url) as url:   # a fresh schema, dropped afterwards
        store = Store.open(url)

A plug-in's tests can run against both backends the way ConflictWatch's own do.
"""

from __future__ import annotations

import os
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


def build_archive(rows: "list[dict[str, object]]", count: int, path: "str | os.PathLike[str]",
                  spacing_days: int = 41) -> int:
    """Write a JSONL archive of ``count`` documents made from ``rows`` (dicts with
    ``text`` and optionally ``published``, ``title``, ``url``), for tests and
    benchmarks of archive ingestion; returns the number of lines written.

    Round ``k`` through the rows (``count`` may exceed ``len(rows)``) gives each
    document a new id and URL and moves its publication date ``k * spacing_days``
    later, so every copy is a new document and its events fall outside the merge
    windows of the earlier copies; within a round, documents of one incident
    still merge.
    """
    import datetime as dt
    import json

    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            row = rows[i % len(rows)]
            k = i // len(rows)
            published = row.get("published")
            date = (dt.date.fromisoformat(str(published)[:10]) + dt.timedelta(days=k * spacing_days)
                    if published else None)
            record: dict[str, object] = {"id": f"archive-{i:06d}", "text": row["text"],
                                         "url": f"https://archive.test/{k}/{row.get('id', i)}"}
            if date is not None:
                record["published"] = date.isoformat()
            if isinstance(row.get("title"), str):
                record["title"] = row["title"]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written
