"""Alembic's environment for the store's migrations.

The store runs migrations itself (:func:`conflictwatch.store.database.upgrade`) and
hands Alembic an open connection; nothing here reads a configuration file.
"""

from __future__ import annotations

from alembic import context

from conflictwatch.store.schema import metadata


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the store's migrations with `conflictwatch store upgrade`, "
                           "which passes the database connection")
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


_run()
