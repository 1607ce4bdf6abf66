"""Schema versions: the migrations in ``migrations/versions``, applied by Alembic.

A store made by an older version of ConflictWatch is upgraded when it is opened
(:func:`ensure_current`), or by ``conflictwatch store upgrade``; a store made by a
newer version is refused with a message saying so. Upgrades run under the writers'
lock, so two processes opening an old store upgrade it once.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreVersionError
from .dialect import WRITE_LOCK


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "conflictwatch.store:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest schema version this code knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    if revision is None:
        raise StoreVersionError("the package holds no store migrations; reinstall conflictwatch")
    return revision


def current(engine: Engine) -> str | None:
    """The store's schema version (``None`` for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known(revision: str) -> bool:
    """Whether ``revision`` is one of this code's migrations."""
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - Alembic raises several kinds for an unknown id
        return False


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Apply the migrations up to ``target``; returns (before, after) versions."""
    with engine.connect().execution_options(writer=True) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({WRITE_LOCK})")
        try:
            before = MigrationContext.configure(conn).get_current_revision()
            if before is not None and not known(before):
                raise StoreVersionError(
                    f"the store is at schema version {before}, which this version of conflictwatch "
                    "does not know: it was made by a newer version; upgrade conflictwatch")
            command.upgrade(_config(conn), target)
            conn.commit()
            after = MigrationContext.configure(conn).get_current_revision() or ""
        finally:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITE_LOCK})")
                conn.commit()
    return before, after


def ensure_current(engine: Engine, auto_upgrade: bool = True) -> str | None:
    """Bring the store to :func:`head`; returns the version it was upgraded from
    (``None`` when nothing was done). With ``auto_upgrade`` off, an outdated store
    is an error naming the command that upgrades it."""
    now = current(engine)
    if now == head():
        return None
    if now is not None and not known(now):
        raise StoreVersionError(
            f"the store is at schema version {now}, which this version of conflictwatch does not "
            "know: it was made by a newer version; upgrade conflictwatch")
    if not auto_upgrade:
        raise StoreVersionError(f"the store is at schema version {now or 'none'}, this version needs "
                                f"{head()}; run: conflictwatch store upgrade")
    before, _ = upgrade(engine)
    return before or "empty"
