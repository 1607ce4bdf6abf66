"""The store's tables (SQLAlchemy Core), as the latest migration leaves them.

Queries are written against these objects; the tables themselves are created and
changed only by the migrations in ``migrations/versions`` (``conflictwatch store
upgrade``). Times are UTC. Text-search structures differ by database and are made
by the migrations: an FTS5 table ``report_search`` on SQLite, a GIN index over
``to_tsvector('simple', search_text)`` on PostgreSQL (see :mod:`.dialect`).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

store_info = sa.Table(
    "store_info", metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
"""Facts about the store: the version that created it, counters."""

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("site", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.Text),
    sa.Column("rights_reserved", sa.Boolean, nullable=False),
    sa.Column("rights_source", sa.Text),
    sa.Column("rights_policy", sa.Text),
    sa.Column("rights_notice", sa.Text),
    sa.Column("body", sa.Text),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("extractor", sa.Text, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
    sa.Index("documents_published", "published"),
)

document_versions = sa.Table(
    "document_versions", metadata,
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("body", sa.Text),
    sa.Column("extractor", sa.Text, nullable=False),
    sa.Column("change", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
)

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("review", sa.Text, nullable=False),
    sa.Column("merged_into", sa.Text, sa.ForeignKey("incidents.id", deferrable=True, initially="DEFERRED")),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.Integer, nullable=False),
    sa.Column("place", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("country_code", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("killed_low", sa.Integer),
    sa.Column("killed_best", sa.Integer),
    sa.Column("killed_high", sa.Integer),
    sa.Column("wounded_low", sa.Integer),
    sa.Column("wounded_best", sa.Integer),
    sa.Column("wounded_high", sa.Integer),
    sa.Column("ucdp_type", sa.Integer),
    sa.Column("plover", sa.Text),
    sa.Column("cameo", sa.Text),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("overridden", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
    sa.Index("incidents_status_date", "status", "date"),
    sa.Index("incidents_country_date", "country_code", "date"),
    sa.Index("incidents_date_lat_lon", "date", "lat", "lon"),
    sa.Index("incidents_review", "review"),
    sa.Index("incidents_status_date_lat_lon", "status", "date", "lat", "lon"),
)

incident_actors = sa.Table(
    "incident_actors", metadata,
    sa.Column("incident_id", sa.Text, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("pos", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("country_code", sa.Text),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("actor_key", sa.Text, nullable=False),
    sa.Column("side", sa.Text),
    sa.Column("generic", sa.Boolean, nullable=False),
    sa.Index("incident_actors_name", "name"),
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("incident_id", sa.Text, sa.ForeignKey("incidents.id", deferrable=True, initially="DEFERRED")),
    sa.Column("document_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("document_version", sa.Integer, nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.Integer, nullable=False),
    sa.Column("date_note", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("country_code", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("killed_low", sa.Integer),
    sa.Column("killed_best", sa.Integer),
    sa.Column("killed_high", sa.Integer),
    sa.Column("wounded_low", sa.Integer),
    sa.Column("wounded_best", sa.Integer),
    sa.Column("wounded_high", sa.Integer),
    sa.Column("ucdp_type", sa.Integer),
    sa.Column("plover", sa.Text),
    sa.Column("cameo", sa.Text),
    sa.Column("sentence_start", sa.Integer),
    sa.Column("sentence_end", sa.Integer),
    sa.Column("sentence_quote", sa.Text),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("signature", sa.LargeBinary),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("cell", sa.Integer),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Index("reports_incident", "incident_id"),
    sa.Index("reports_document", "document_id"),
    sa.Index("reports_cell_date", "cell", "date", "geo_precision", "incident_id"),
    sa.Index("reports_country_date", "country_code", "date", "geo_precision", "incident_id"),
)
"""``cell``: a half-degree grid square of the report's place (see
:func:`conflictwatch.store.writer.grid_cell`), so that the merge's candidates are
found by an index range per nearby square and date window; the two indexes also
hold the precision and incident the candidate query reads, so it never reads the
table."""

report_actors = sa.Table(
    "report_actors", metadata,
    sa.Column("report_id", sa.Text, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("pos", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("country_code", sa.Text),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("actor_key", sa.Text, nullable=False),
    sa.Column("side", sa.Text),
    sa.Column("generic", sa.Boolean, nullable=False),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("report_id", sa.Text, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("pos", sa.Integer, primary_key=True),
    sa.Column("figure", sa.Text, nullable=False),
    sa.Column("low", sa.Integer, nullable=False),
    sa.Column("high", sa.Integer),
    sa.Column("qualifier", sa.Text, nullable=False),
    sa.Column("claimant", sa.Text),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Column("claimant_start", sa.Integer),
    sa.Column("claimant_end", sa.Integer),
    sa.Column("claimant_quote", sa.Text),
    sa.Column("part", sa.Boolean, nullable=False),
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("report_id", sa.Text, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("pos", sa.Integer, primary_key=True),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
)

report_bands = sa.Table(
    "report_bands", metadata,
    sa.Column("bucket", sa.BigInteger, primary_key=True),
    sa.Column("report_id", sa.Text, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("report_bands_report", "report_id"),
)
"""MinHash LSH buckets: reports sharing a bucket are near-duplicate candidates."""

merge_decisions = sa.Table(
    "merge_decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("report_id", sa.Text, nullable=False),
    sa.Column("incident_id", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("reasons", sa.Text, nullable=False),
    sa.Column("candidates", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("by", sa.Text, nullable=False),
    sa.Index("merge_decisions_incident", "incident_id"),
    sa.Index("merge_decisions_report", "report_id"),
)

incident_history = sa.Table(
    "incident_history", metadata,
    sa.Column("incident_id", sa.Text, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("changes", sa.Text, nullable=False),
    sa.Column("snapshot", sa.Text, nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False),
)
"""Local accounts of the web app; ``password_hash`` is an argon2id hash."""

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id_hash", sa.Text, primary_key=True),
    sa.Column("user_name", sa.Text, sa.ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("expires", sa.DateTime, nullable=False),
    sa.Index("sessions_user", "user_name"),
)
"""Logged-in browsers: the SHA-256 of the session cookie (never the cookie itself)
and the CSRF token its forms must carry."""

api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("user_name", sa.Text, sa.ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Index("api_tokens_user", "user_name"),
)
"""Tokens for scripts (``Authorization: Bearer ...``), kept as SHA-256 hashes."""
url_cache = sa.Table(
    "url_cache", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("content_hash", sa.Text),
    sa.Column("fetched_at", sa.DateTime),
)
"""What fetching remembers per canonical URL (:class:`conflictwatch.sources.UrlEntry`):
the validators for conditional requests and the hash of the body last stored."""

source_state = sa.Table(
    "source_state", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("last_polled", sa.DateTime),
    sa.Column("last_success", sa.DateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.DateTime),
    sa.Column("items_seen", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
)
"""Each source's health between polls (:class:`conflictwatch.sources.SourceState`)."""

alert_firings = sa.Table(
    "alert_firings", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("event_version", sa.Integer, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("event_type", sa.Text),
    sa.Column("sub_event_type", sa.Text),
    sa.Column("killed_best", sa.Integer),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("absorbed", sa.Integer, nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("fired_at", sa.DateTime, nullable=False),
    sa.Column("delivered_at", sa.DateTime),
    sa.UniqueConstraint("rule", "event_id", "event_version", name="alert_firings_once"),
    sa.Index("alert_firings_rule_event", "rule", "event_id"),
    sa.Index("alert_firings_status", "status"),
)
"""Alerts fired (:class:`conflictwatch.model.AlertFiring`): one row per rule, event and
event version that fired, with the event's material fields at that moment (what a
later version is compared with), the payload sent, and whether it was delivered
(``pending``, ``delivered``, ``failed``)."""
