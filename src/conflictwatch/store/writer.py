"""Writing to the store: one :class:`Writer` per write transaction.

A writer is obtained from :meth:`conflictwatch.store.Store.writing`, which begins
the transaction, takes the writers' lock and commits at the end (or rolls back on
an error: nothing half-written is ever committed). Every method is a small,
parameterised statement or a few; deciding what to write is the caller's job.

Holding the writers' lock, a writer knows that nobody else changes the store
while its transaction lasts, so it remembers what it read and wrote: each
incident's reports (read once, then kept up to date as reports join), the
incidents it saved and the report counter. Reading them again gives the same
objects a fresh read would give (they are decoded from the very rows written),
without a round trip. :meth:`Writer.forget` drops all of it (after rolling back
to a savepoint).

Rows that nothing reads while the transaction lasts (document versions, history
entries, merge decisions) and the report counter are kept in the writer and
written together, one statement per table, by :meth:`Writer.flush`, which
:meth:`~conflictwatch.store.Store.writing` calls before it commits (and the
writer's own readers of those tables call first). A savepoint's share of them
goes with the savepoint when it is rolled back (:meth:`Writer.mark`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..merge.decide import Candidate
from ..merge.features import bands
from ..merge.score import gate
from ..merge.rules import MergeRules
from ..model import Actor, AlertFiring, Change, Incident, IncidentVersion, MergeDecision, Report, StoredDocument, User
from ..output import incident_snapshot
from . import codec
from . import schema as t
from .reader import Reader, _chunks, naive

if TYPE_CHECKING:
    from ..sources.cache import SourceState, UrlEntry

CELL_DEGREES = 0.5
"""Side of a grid square, in degrees (about 55 km north to south)."""

_SEQ_KEY = "report_seq"
"""The ``store_info`` key of the report counter."""

TRACKED = ("status", "review", "event_type", "sub_event_type", "date", "date_precision", "location",
           "actors", "fatalities", "wounded", "reports", "claims")
"""Incident fields whose changes a history entry lists."""


def grid_cell(lat: float | None, lon: float | None) -> int | None:
    """The grid square of a point: row and column of :data:`CELL_DEGREES` squares."""
    if lat is None or lon is None:
        return None
    return int(math.floor((lat + 90) / CELL_DEGREES)) * 1000 + int(math.floor((lon + 180) / CELL_DEGREES))


def cells_around(lat: float, lon: float, km: float) -> list[int]:
    """Every grid square within ``km`` of a point (a square's worth of margin)."""
    dlat = km / 111.0
    dlon = km / max(1.0, 111.0 * math.cos(math.radians(min(abs(lat), 89.0))))
    rows = range(int(math.floor((lat - dlat + 90) / CELL_DEGREES)),
                 int(math.floor((lat + dlat + 90) / CELL_DEGREES)) + 1)
    cols = range(int(math.floor((lon - dlon + 180) / CELL_DEGREES)),
                 int(math.floor((lon + dlon + 180) / CELL_DEGREES)) + 1)
    return [r * 1000 + (c % int(360 / CELL_DEGREES)) for r in rows for c in cols]


def _update_by(table: sa.Table, key: str) -> sa.Update:
    """``UPDATE table SET ... WHERE key = :b_key``: the columns set are the parameters'
    other keys (one statement shape per set of columns, compiled once)."""
    return table.update().where(table.c[key] == sa.bindparam(f"b_{key}"))


@functools.cache
def _candidate_statement(dated: bool, shape: str, buckets: bool) -> sa.Select[tuple[str]]:
    """The query for the incidents a report might join, for one shape of report
    (``shape``: ``near`` a point, ``near+country`` a point in a known country,
    ``country`` a country or region only, ``none``; ``dated``; LSH ``buckets``). Its
    values are parameters: ``first`` and ``last`` (the date window), ``cells`` and
    ``region_cells`` (grid squares), ``country``, ``keys`` (buckets).

    Each branch is one index range (grid squares or a country, with the date
    window; buckets); the branches' incidents are united first and only then
    checked for status, so that the database never walks all incidents or reports.
    Built once per shape."""
    r = t.reports.c
    when = r.date.between(sa.bindparam("first"), sa.bindparam("last")) if dated else sa.true()
    conditions: list[sa.ColumnElement[bool]] = []
    if shape == "country":
        conditions.append(sa.and_(r.country_code == sa.bindparam("country"), when))
    elif shape in ("near", "near+country"):
        conditions.append(sa.and_(r.cell.in_(sa.bindparam("cells", expanding=True)), when))
        if shape == "near+country":
            conditions.append(sa.and_(r.country_code == sa.bindparam("country"), r.geo_precision >= 3, when))
        conditions.append(sa.and_(r.cell.in_(sa.bindparam("region_cells", expanding=True)), r.geo_precision >= 3,
                                  when))
    branches = [sa.select(r.incident_id).where(condition) for condition in conditions]
    if buckets:
        b = t.report_bands.c
        branches.append(sa.select(r.incident_id).select_from(t.report_bands.join(t.reports, r.id == b.report_id))
                        .where(b.bucket.in_(sa.bindparam("keys", expanding=True))))
    near = sa.union(*branches).subquery("near")
    i = t.incidents.c
    return (sa.select(near.c.incident_id).select_from(near.join(t.incidents, i.id == near.c.incident_id))
            .where(i.status.in_(("active", "rejected"))))


class Writer(Reader):
    """Statements of one write transaction (reads included: they see its writes)."""

    def __init__(self, conn: Connection, now: dt.datetime) -> None:
        super().__init__(conn)
        self.now = now
        self._members: dict[str, list[Report]] = {}
        self._saved: dict[str, tuple[dict[str, object], tuple[Actor, ...]]] = {}
        self._absent: set[str] = set()
        self._sources: dict[str, dict[str, object]] = {}
        self._seq: int | None = None
        self._seq_written: int | None = None
        self._pending: list[tuple[sa.Table, dict[str, object]]] = []
        self._bands: dict[str, list[int]] = {}  # a report's LSH buckets, from its candidates to its rows
        self._keys: dict[str, list[Report]] = {}  # incidents' merge keys (Reader.merge_keys), kept up to date

    def mark(self) -> int:
        """Where the rows waiting to be written stand (before a savepoint opens), for
        :meth:`forget`."""
        return len(self._pending)

    def forget(self, mark: int | None = None) -> None:
        """Drop what this writer remembers of its transaction (after a rollback to a
        savepoint: what it remembered may have been undone), and the rows waiting to
        be written since ``mark`` (all of them when ``None``). The report counter
        keeps its place: numbers taken in the savepoint are skipped, never reused."""
        self._members.clear()
        self._saved.clear()
        self._absent.clear()
        self._sources.clear()
        self._bands.clear()
        self._keys.clear()
        del self._pending[0 if mark is None else mark:]

    def flush(self) -> None:
        """Write the rows kept for the end of the transaction (see the module docstring)."""
        pending, self._pending = self._pending, []
        by_table: dict[sa.Table, list[dict[str, object]]] = {}
        for table, row in pending:
            by_table.setdefault(table, []).append(row)
        for table, rows in by_table.items():
            self.conn.execute(table.insert(), rows)
        if self._seq is not None and self._seq != self._seq_written:
            value = str(self._seq)
            if self.conn.execute(_update_by(t.store_info, "key"), {"b_key": _SEQ_KEY, "value": value}).rowcount == 0:
                self.conn.execute(t.store_info.insert(), {"key": _SEQ_KEY, "value": value})
            self._seq_written = self._seq

    def history(self, incident_id: str) -> list[IncidentVersion]:
        self.flush()
        return super().history(incident_id)

    def snapshot(self, incident_id: str, version: int) -> dict[str, Any] | None:
        self.flush()
        return super().snapshot(incident_id, version)

    def decisions(self, incident_id: str) -> list[MergeDecision]:
        self.flush()
        return super().decisions(incident_id)

    def counts(self) -> dict[str, int]:
        self.flush()
        return super().counts()

    # -- documents -----------------------------------------------------------------

    def put_document(self, doc: StoredDocument, change: str, new: bool | None = None) -> None:
        """Insert ``doc``, or replace the stored one of the same id, and record the version.
        ``new``: whether the caller knows the id is not stored yet (``None``: look)."""
        row = codec.document_row(doc)
        if new is None:
            new = self.conn.execute(sa.select(t.documents.c.id).where(t.documents.c.id == doc.id)).first() is None
        if new:
            self.conn.execute(t.documents.insert(), row)
        else:
            values = {k: v for k, v in row.items() if k not in ("id", "first_seen")}
            self.conn.execute(_update_by(t.documents, "id"), {"b_id": doc.id, **values})
        self._pending.append((t.document_versions, {
            "document_id": doc.id, "version": doc.version, "content_hash": doc.content_hash, "title": doc.title,
            "published": doc.published, "body": doc.body, "extractor": doc.extractor, "change": change,
            "at": self.now}))
        self._sources[doc.id] = {"url": doc.url, "title": doc.title, "site": doc.site, "published": doc.published}

    def set_extractor(self, document_id: str, extractor: str) -> None:
        """Record that ``extractor`` read the document (its output unchanged)."""
        self.conn.execute(t.documents.update().where(t.documents.c.id == document_id)
                          .values(extractor=extractor, updated=self.now))

    # -- reports ---------------------------------------------------------------------

    def next_seq(self, count: int = 1) -> int:
        """Reserve ``count`` report sequence numbers; returns the first (the counter
        is stored by :meth:`flush`)."""
        if self._seq is None:
            row = self.conn.execute(sa.select(t.store_info.c.value).where(t.store_info.c.key == _SEQ_KEY)).first()
            self._seq = self._seq_written = int(row[0]) if row else 0
        first = self._seq + 1
        self._seq += count
        return first

    def add_reports(self, reports: Sequence[tuple[Report, str]], reserved: bool) -> None:
        """Store ``reports``, each with the incident it belongs to."""
        if not reports:
            return
        seq = self.next_seq(len(reports))
        rows, actors, claims, evidence = [], [], [], []
        buckets: list[dict[str, object]] = []
        for i, (report, incident_id) in enumerate(reports):
            row = codec.report_row(report, incident_id, seq + i, reserved, self.now)
            loc = report.event.location
            row["cell"] = grid_cell(loc.lat, loc.lon) if loc is not None else None
            rows.append(row)
            actors.extend(codec.actor_rows(report.id, "report_id", report.event.actors))
            claims.extend(codec.claim_rows(report.id, report.event.claims))
            evidence.extend(codec.evidence_rows(report.id, report.event.evidence))
            keys = self._bands.pop(report.id, None)
            buckets.extend({"bucket": b, "report_id": report.id}
                           for b in set(bands(report.signature) if keys is None else keys))
        self.conn.execute(t.reports.insert(), rows)
        for table, values in ((t.report_actors, actors), (t.claims, claims), (t.evidence, evidence),
                              (t.report_bands, buckets)):
            if values:
                self.conn.execute(table.insert(), values)
        self._remember(reports, rows, actors, claims, evidence)

    def _remember(self, reports: Sequence[tuple[Report, str]], rows: list[dict[str, object]],
                  actors: list[dict[str, object]], claims: list[dict[str, object]],
                  evidence: list[dict[str, object]]) -> None:
        """Add reports just written to the incidents whose reports this writer keeps,
        decoded from the rows written (what reading them back would give)."""
        for report, incident_id in reports:
            if incident_id in self._keys:
                self._keys[incident_id].append(report)
        if not any(incident_id in self._members for _, incident_id in reports):
            return
        by_report: dict[str, tuple[list[Actor], list[object], list[object]]] = {
            row["id"]: ([], [], []) for row in rows}  # type: ignore[misc]
        for a in actors:
            by_report[a["report_id"]][0].append(codec.actor_of(a))  # type: ignore[index]
        for c in claims:
            by_report[c["report_id"]][1].append(codec.claim_of(c))  # type: ignore[index]
        for e in evidence:
            by_report[e["report_id"]][2].append(codec.evidence_of(e))  # type: ignore[index]
        for (report, incident_id), row in zip(reports, rows, strict=True):
            members = self._members.get(incident_id)
            if members is None:
                continue
            source = self._sources.get(report.source.document_id)
            if source is None:  # the document was not written here: read its reports again
                del self._members[incident_id]
                continue
            a, c, e = by_report[report.id]
            members.append(codec.report_of({**row, **source}, a, c, e))  # type: ignore[arg-type]

    def new_incident(self, incident_id: str) -> None:
        """Note that ``incident_id`` is not stored and has no report yet (a report is
        about to start it), so that reading it needs no round trip."""
        if incident_id not in self._saved:
            self._members.setdefault(incident_id, [])
            self._absent.add(incident_id)

    def reports_of_incidents(self, incident_ids: Sequence[str]) -> dict[str, list[Report]]:
        """Each incident's reports, in the order received (read once per transaction)."""
        missing = [i for i in incident_ids if i not in self._members]
        if missing:
            found = super().reports_of_incidents(missing)
            for incident_id in missing:
                self._members[incident_id] = list(found.get(incident_id, ()))
        out: dict[str, list[Report]] = defaultdict(list)
        for incident_id in incident_ids:
            if self._members[incident_id]:
                out[incident_id] = list(self._members[incident_id])
        return out

    def incident(self, incident_id: str, resolve: bool = True) -> Incident | None:
        """One event with its reports, claims and evidence (following merges when
        ``resolve``); without ``resolve``, an incident this writer saved or started is
        not read again."""
        if not resolve:
            if incident_id in self._saved:
                row, actors = self._saved[incident_id]
                return codec.incident_of(row, actors, self.reports_of_incidents([incident_id]).get(incident_id, ()))
            if incident_id in self._absent:
                return None
        return super().incident(incident_id, resolve)

    def move_report(self, report_id: str, incident_id: str) -> None:
        """File a stored report under another incident."""
        self.conn.execute(_update_by(t.reports, "id"), {"b_id": report_id, "incident_id": incident_id})
        self._members.clear()
        self._keys.clear()

    def remove_reports(self, report_ids: Iterable[str]) -> None:
        """Delete reports (their claims, actors, evidence and buckets go with them)."""
        self._members.clear()
        self._keys.clear()
        for chunk in _chunks(list(report_ids)):
            for table in (t.report_actors, t.claims, t.evidence, t.report_bands):
                self.conn.execute(table.delete().where(table.c.report_id.in_(chunk)))
            self.conn.execute(t.reports.delete().where(t.reports.c.id.in_(chunk)))

    # -- merge candidates ------------------------------------------------------------

    def candidates(self, report: Report, rules: MergeRules) -> list[Candidate]:
        """Incidents ``report`` might join: stored reports within the widest date window
        and place allowance the rules could accept, plus near-duplicate texts (LSH)."""
        event = report.event
        params: dict[str, object] = {}
        if event.date is not None:
            reach = rules.date_days[event.date_precision] + max(rules.date_days.values())
            params["first"] = event.date - dt.timedelta(days=reach)
            params["last"] = event.date + dt.timedelta(days=reach)
        loc = event.location
        shape = "none"
        if loc is not None:
            if loc.precision >= 3 or loc.lat is None or loc.lon is None:
                if loc.country_code:
                    shape = "country"
            else:
                shape = "near+country" if loc.country_code else "near"
                # (Two places of one region may be admin1_km apart: the merge rules' allowance.)
                params["cells"] = cells_around(loc.lat, loc.lon, max(rules.place_km[loc.precision] + rules.place_km[2],
                                                                     rules.district_km, rules.admin1_km))
                params["region_cells"] = cells_around(loc.lat, loc.lon,
                                                      rules.place_km[loc.precision] + rules.place_km[3])
            if loc.country_code:
                params["country"] = loc.country_code
        keys = self._bands[report.id] = bands(report.signature)
        if keys:
            params["keys"] = keys
        if shape == "none" and not keys:
            return []
        statement = _candidate_statement(event.date is not None, shape, bool(keys))
        found = sorted(cast(str, row[0]) for row in self.conn.execute(statement, params))
        blocked = self._blocked(report, [i for i in found if i not in self._members], rules)
        grouped = self.reports_of_incidents([i for i in found if i not in blocked])
        # A blocked incident stays a candidate with no reports: the merge reads it as one the
        # report may not join, as it would with its reports (so decisions and counts are the same).
        return [Candidate(incident_id, tuple(grouped.get(incident_id, ()))) for incident_id in found]

    def _blocked(self, report: Report, incident_ids: Sequence[str], rules: MergeRules) -> set[str]:
        """Of ``incident_ids`` (not read in this transaction yet), those ``report`` may not
        join because one of their reports is surely incompatible with it (the merge's
        gate on document, type, date and place): their reports need not be read. A member
        without a place is never held against an incident (the gate would compare
        signatures, which the merge keys leave out)."""
        if not incident_ids or report.event.location is None:
            return set()
        unread = [i for i in incident_ids if i not in self._keys]
        if unread:
            read = self.merge_keys(unread)
            for incident_id in unread:
                self._keys[incident_id] = read.get(incident_id, [])
        return {incident_id for incident_id in incident_ids
                if any(m.event.location is not None and gate(report, m, rules) is not None
                       for m in self._keys[incident_id])}

    # -- incidents -------------------------------------------------------------------

    def save_incident(self, incident: Incident, previous: Incident | None, action: str, summary: str,
                      by: str = "system") -> Incident:
        """Write a new version of ``incident`` (the first when ``previous`` is None) with
        a history entry listing what changed; returns the incident as saved."""
        version = (previous.version if previous else 0) + 1
        saved = _with_version(incident, version, self.now, previous)
        row = codec.incident_row(saved)
        actor_rows = codec.actor_rows(saved.id, "incident_id", saved.actors)
        actors = tuple(codec.actor_of(a) for a in actor_rows)
        if previous is None:
            self.conn.execute(t.incidents.insert(), row)
        else:
            values = {k: v for k, v in row.items() if k not in ("id", "created")}
            self.conn.execute(_update_by(t.incidents, "id"), {"b_id": saved.id, **values})
        if previous is None or actors != previous.actors:  # rewritten only when they changed
            if previous is not None:
                self.conn.execute(t.incident_actors.delete().where(t.incident_actors.c.incident_id == saved.id))
            if actor_rows:
                self.conn.execute(t.incident_actors.insert(), actor_rows)
        if previous is not None:
            # The row as stored: an update leaves the first version's creation time.
            row = {**row, "created": previous.created}
        self._saved[saved.id] = (row, actors)
        self._absent.discard(saved.id)
        new_snapshot = incident_snapshot(saved)
        old_snapshot = incident_snapshot(previous) if previous is not None else {}
        changes = [Change(f, _json(old_snapshot.get(f)), _json(new_snapshot.get(f)))
                   for f in TRACKED if old_snapshot.get(f) != new_snapshot.get(f)]
        self._pending.append((t.incident_history, {
            "incident_id": saved.id, "version": version, "at": self.now, "by": by, "action": action,
            "summary": summary, "changes": json.dumps([[c.field, c.old, c.new] for c in changes], ensure_ascii=False),
            "snapshot": json.dumps(new_snapshot, ensure_ascii=False, default=str)}))
        return saved

    def record_decision(self, decision: MergeDecision) -> None:
        """Keep why a report joined, started or left an incident."""
        self._pending.append((t.merge_decisions, {
            "report_id": decision.report_id, "incident_id": decision.incident_id, "action": decision.action,
            "score": decision.score, "reasons": json.dumps(list(decision.reasons), ensure_ascii=False),
            "candidates": decision.candidates, "at": decision.at, "by": decision.by}))

    # -- fetching, sources and alerts -----------------------------------------------------

    def _upsert(self, table: sa.Table, key: str, values: dict[str, object]) -> None:
        """Insert a row, or update the row with the same primary key ``key`` (writers
        are serialised, so select-then-write cannot race)."""
        column = table.c[key]
        if self.conn.execute(sa.select(column).where(column == values[key])).first() is None:
            self.conn.execute(table.insert().values(values))
        else:
            self.conn.execute(table.update().where(column == values[key])
                              .values({k: v for k, v in values.items() if k != key}))

    def put_url_entry(self, entry: "UrlEntry") -> None:
        """Store what was fetched from a URL, replacing the previous entry."""
        self._upsert(t.url_cache, "url", {"url": entry.url, "etag": entry.etag,
                                          "last_modified": entry.last_modified,
                                          "content_hash": entry.content_hash,
                                          "fetched_at": naive(entry.fetched_at)})

    def put_source_state(self, state: "SourceState") -> None:
        """Store a source's state, replacing the previous one."""
        self._upsert(t.source_state, "name", {
            "name": state.name, "last_polled": naive(state.last_polled),
            "last_success": naive(state.last_success), "last_error": state.last_error,
            "last_error_at": naive(state.last_error_at), "items_seen": state.items_seen,
            "documents": state.documents, "events": state.events})

    def add_firing(self, firing: AlertFiring) -> AlertFiring | None:
        """Record a firing; ``None`` when this rule already fired for this event version."""
        f = t.alert_firings.c
        if self.conn.execute(sa.select(f.id).where(f.rule == firing.rule, f.event_id == firing.event_id,
                                                   f.event_version == firing.event_version)).first():
            return None
        fired_at = naive(firing.fired_at) or self.now
        result = self.conn.execute(t.alert_firings.insert().values(
            rule=firing.rule, event_id=firing.event_id, event_version=firing.event_version, reason=firing.reason,
            event_type=firing.event_type, sub_event_type=firing.sub_event_type, killed_best=firing.killed_best,
            lat=firing.lat, lon=firing.lon, absorbed=firing.absorbed, target=firing.target,
            payload=firing.payload, status=firing.status, attempts=firing.attempts, last_error=firing.last_error,
            fired_at=fired_at, delivered_at=naive(firing.delivered_at)).returning(f.id))
        from dataclasses import replace

        return replace(firing, id=int(result.scalar_one()), fired_at=fired_at.replace(tzinfo=dt.timezone.utc))

    def set_firing_status(self, firing_id: int, status: str, attempts: int, error: str | None) -> None:
        """Record a delivery's outcome."""
        self.conn.execute(t.alert_firings.update().where(t.alert_firings.c.id == firing_id).values(
            status=status, attempts=attempts, last_error=error,
            delivered_at=self.now if status == "delivered" else None))


    # -- accounts ------------------------------------------------------------------------

    def add_user(self, user: User, password_hash: str) -> None:
        """Create an account."""
        self.conn.execute(t.users.insert().values(name=user.name, role=user.role, password_hash=password_hash,
                                                  created=self.now, disabled=user.disabled))

    def set_password(self, name: str, password_hash: str) -> None:
        """Replace an account's password hash and end its sessions."""
        self.conn.execute(t.users.update().where(t.users.c.name == name).values(password_hash=password_hash))
        self.conn.execute(t.sessions.delete().where(t.sessions.c.user_name == name))

    def add_session(self, id_hash: str, name: str, csrf: str, expires: dt.datetime) -> None:
        """Record a login (and forget sessions that have expired)."""
        self.conn.execute(t.sessions.delete().where(t.sessions.c.expires <= self.now))
        self.conn.execute(t.sessions.insert().values(id_hash=id_hash, user_name=name, csrf=csrf,
                                                     created=self.now, expires=expires))

    def remove_session(self, id_hash: str) -> None:
        """Log a session out."""
        self.conn.execute(t.sessions.delete().where(t.sessions.c.id_hash == id_hash))

    def add_token(self, token_hash: str, name: str, label: str) -> None:
        """Record an API token."""
        self.conn.execute(t.api_tokens.insert().values(token_hash=token_hash, user_name=name, label=label,
                                                       created=self.now))


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _with_version(incident: Incident, version: int, now: dt.datetime, previous: Incident | None) -> Incident:
    from dataclasses import replace

    created = previous.created if previous is not None and previous.created else (incident.created or now)
    return replace(incident, version=version, updated=now, created=created)
