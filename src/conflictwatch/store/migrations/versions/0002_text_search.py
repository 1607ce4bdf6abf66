"""Text search over report titles and evidence quotes.

SQLite: an FTS5 table ``report_search`` kept in step with ``reports.search_text`` by
triggers. PostgreSQL: a GIN index over ``to_tsvector('simple', search_text)``.
Existing reports are indexed on upgrade.

Revision ID: 0002
Revises: 0001
Created: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE report_search USING fts5("
    "report_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_search_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO report_search (report_id, body) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER reports_search_delete AFTER DELETE ON reports BEGIN "
    "DELETE FROM report_search WHERE report_id = old.id; END",
    "CREATE TRIGGER reports_search_update AFTER UPDATE OF search_text ON reports BEGIN "
    "UPDATE report_search SET body = new.search_text WHERE report_id = old.id; END",
    "INSERT INTO report_search (report_id, body) SELECT id, search_text FROM reports",
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS reports_search_update",
    "DROP TRIGGER IF EXISTS reports_search_delete",
    "DROP TRIGGER IF EXISTS reports_search_insert",
    "DROP TABLE IF EXISTS report_search",
)
_POSTGRES_UP = (
    "CREATE INDEX reports_search ON reports USING gin (to_tsvector('simple', search_text))",
)
_POSTGRES_DOWN = ("DROP INDEX IF EXISTS reports_search",)


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(_SQLITE_UP if op.get_bind().dialect.name == "sqlite" else _POSTGRES_UP)


def downgrade() -> None:
    _run(_SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else _POSTGRES_DOWN)
