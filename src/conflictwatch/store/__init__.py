"""Store stage: documents, reports, merged events, their claims, evidence, merge
decisions and history, in SQLite (default) or PostgreSQL.

* :mod:`.schema` — the tables (SQLAlchemy Core); :mod:`.migrate` — schema versions
  (Alembic migrations in ``migrations/versions``);
* :mod:`.dialect` — everything that differs between SQLite and PostgreSQL;
* :mod:`.codec` — rows to model objects and back;
* :mod:`.reader` and :mod:`.writer` — the statements; :mod:`.store` — opening,
  reading, writing one transaction at a time.

The stage takes and gives the core model (:class:`~conflictwatch.model.Report`,
:class:`~conflictwatch.model.Incident`, :class:`~conflictwatch.model.StoredDocument`);
deciding what to merge is the merge stage's job.
"""

from .reader import EventQuery, Page, Reader, SourceSummary, Stats, Tally
from .store import Store, utcnow
from .writer import Writer

__all__ = ["EventQuery", "Page", "Reader", "SourceSummary", "Stats", "Store", "Tally", "Writer", "utcnow"]
