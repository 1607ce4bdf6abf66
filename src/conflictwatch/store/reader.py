"""Reading the store: events (incidents) by filter, one event with its history,
documents. Every filter becomes a parameterised condition; nothing a user types is
pasted into SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..confidence import BORDERLINE_SUB_TYPES, VAGUE_PLACE
from ..errors import InputError
from ..model import (Actor, AlertFiring, Change, Claim, Event, Evidence, Incident, IncidentSummary,
                     IncidentVersion, MergeDecision, Report, Source, StoredDocument, User)
from . import codec
from . import schema as t
from .dialect import search_condition

if TYPE_CHECKING:
    from ..sources.cache import SourceState, UrlEntry

T = TypeVar("T")

REVIEW_STATES = ("new", "changed", "confirmed", "edited", "rejected")
STATUSES = ("active", "merged", "withdrawn", "rejected")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters over events; ``None`` means no filter.

    Fields: ``since`` and ``until`` (dates, inclusive); ``bbox`` (west, south, east,
    north in degrees); ``country`` (ISO code or name); ``admin1``; ``event_type`` (an
    event type or sub-event type); ``actor`` (part of an actor's name); ``min_fatalities``
    (best estimate at least); ``text`` (words in a report's title or quotes);
    ``review`` (review state); ``statuses`` (default: active events only);
    ``reviews`` (any of these review states: the review queue asks for new and
    changed); ``low_confidence`` (only events the rule of
    :mod:`conflictwatch.confidence` calls low-confidence).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    text: str | None = None
    review: str | None = None
    statuses: tuple[str, ...] = ("active",)
    reviews: tuple[str, ...] = ()
    low_confidence: bool = False

    def __post_init__(self) -> None:
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
                raise InputError(f"bbox {self.bbox} is not west,south,east,north in degrees "
                                 "(-180..180, -90..90, south <= north)")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"the date range {self.since}..{self.until} is empty: since is after until")
        for review in (self.review, *self.reviews):
            if review is not None and review not in REVIEW_STATES:
                raise InputError(f"review status {review!r} is not one of {', '.join(REVIEW_STATES)}")
        for status in self.statuses:
            if status not in STATUSES:
                raise InputError(f"status {status!r} is not one of {', '.join(STATUSES)}")
        if self.min_fatalities is not None and self.min_fatalities < 0:
            raise InputError(f"minimum fatalities {self.min_fatalities} is negative")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: ``items``, ``total`` (matching rows), ``limit`` and ``offset``."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Tally:
    """Events and their fatalities (sum of best estimates) in one group: ``key`` (a
    date, a country code, an event type), ``label`` (its name for people),
    ``events``, ``fatalities``."""

    key: str
    label: str
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Totals for a filter: ``events``, ``fatalities``, and tallies ``per_day`` (oldest
    first), ``per_country`` and ``per_type`` (most events first)."""

    events: int
    fatalities: int
    per_day: tuple[Tally, ...]
    per_country: tuple[Tally, ...]
    per_type: tuple[Tally, ...]


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A site that published stored documents: ``site`` (``None`` for documents with
    no site), ``documents``, ``reports``, ``first`` and ``last`` publication dates."""

    site: str | None
    documents: int
    reports: int
    first: dt.date | None
    last: dt.date | None


_SUMMARY_ACTOR_COLUMNS = ("name", "role", "country_code", "kind", "actor_key", "side", "generic")
"""The ``incident_actors`` columns of a summary's actors, in :class:`Actor`'s order."""

_DOC_COLUMNS = (t.documents.c.url, t.documents.c.title, t.documents.c.site, t.documents.c.published)


@functools.cache
def _rows_of(table: str, column: str, order: tuple[str, ...] = ()) -> sa.Select[Any]:
    """``SELECT * FROM table WHERE column IN :ids ORDER BY order``, built once (the
    values are an expanding parameter)."""
    tab = t.metadata.tables[table]
    statement = sa.select(tab).where(tab.c[column].in_(sa.bindparam("ids", expanding=True)))
    return statement.order_by(*(tab.c[c] for c in order)) if order else statement


@functools.cache
def _reports_where(column: str) -> sa.Select[Any]:
    """The reports (with their documents' columns) whose ``column`` is IN :ids, in the
    order received; built once."""
    r = t.reports.c
    return (sa.select(t.reports, *_DOC_COLUMNS)
            .select_from(t.reports.join(t.documents, t.documents.c.id == r.document_id))
            .where(r[column].in_(sa.bindparam("ids", expanding=True))).order_by(r.seq))


@functools.cache
def _merge_keys_statement() -> sa.Select[Any]:
    r = t.reports.c
    return sa.select(r.id, r.incident_id, r.document_id, r.document_version, r.idx, r.event_type, r.sub_event_type,
                     r.date, r.date_precision, r.place, r.country, r.country_code, r.admin1, r.admin2, r.lat, r.lon,
                     r.geonames_id, r.geo_precision).where(r.incident_id.in_(sa.bindparam("ids", expanding=True)))


class Reader:
    """Read statements over one connection."""

    def __init__(self, conn: Connection, statements: Statements | None = None) -> None:
        self.conn = conn
        self.statements = statements if statements is not None else Statements()

    # -- events ------------------------------------------------------------------------

    def _conditions(self, q: EventQuery) -> list[sa.ColumnElement[bool]]:
        """The conditions of ``q``, each value a bound parameter named as in
        :func:`filter_values` (so that a statement built once for a filter shape can run
        again with another query's values)."""
        i = t.incidents.c
        values = filter_values(q)

        def bound(name: str, column: sa.ColumnElement[Any] | None = None, expanding: bool = False
                  ) -> sa.BindParameter[Any]:
            return sa.bindparam(name, values[name], type_=None if column is None else column.type,
                                expanding=expanding)

        out: list[sa.ColumnElement[bool]] = [
            i.status == bound("status", i.status) if "status" in values
            else i.status.in_(bound("statuses", i.status, expanding=True))]
        if q.since:
            out.append(i.date >= bound("since", i.date))
        if q.until:
            out.append(i.date <= bound("until", i.date))
        if q.bbox:
            west, _, east, _ = q.bbox
            out.append(i.lat.between(bound("south", i.lat), bound("north", i.lat)))
            out.append(i.lon.between(bound("west", i.lon), bound("east", i.lon)) if west <= east
                       else sa.or_(i.lon >= bound("west", i.lon), i.lon <= bound("east", i.lon)))
        if q.country:
            out.append(sa.or_(i.country_code == bound("country_code", i.country_code),
                              sa.func.lower(i.country) == bound("country", i.country)))
        if q.admin1:
            out.append(sa.func.lower(i.admin1) == bound("admin1", i.admin1))
        if q.event_type:
            event_type = bound("event_type", i.event_type)
            out.append(sa.or_(sa.func.lower(i.event_type) == event_type, sa.func.lower(i.sub_event_type) == event_type))
        if q.actor:
            out.append(i.id.in_(sa.select(t.incident_actors.c.incident_id)
                                .where(sa.func.lower(t.incident_actors.c.name)
                                       .like(bound("actor", t.incident_actors.c.name), escape="\\"))))
        if q.min_fatalities is not None:
            out.append(i.killed_best >= bound("min_fatalities", i.killed_best))
        if q.text:
            out.append(i.id.in_(sa.select(t.reports.c.incident_id).where(
                search_condition(self.conn, t.reports.c.id, t.reports.c.search_text, q.text))))
        if q.review:
            out.append(i.review == bound("review", i.review))
        if q.reviews:
            out.append(i.review.in_(bound("reviews", i.review, expanding=True)))
        if q.low_confidence:
            out.append(_low_confidence())
        return out

    def count_events(self, q: EventQuery) -> int:
        """How many events match ``q``."""
        return int(self.conn.execute(sa.select(sa.func.count()).select_from(t.incidents)
                                     .where(*self._conditions(q))).scalar_one())

    def event_rows(self, q: EventQuery, limit: int, offset: int = 0) -> list[sa.Row[Any]]:
        """The incident rows matching ``q``, newest first (no reports or claims)."""
        i = t.incidents.c
        return list(self.conn.execute(sa.select(t.incidents).where(*self._conditions(q))
                                      .order_by(i.date.desc(), i.id).limit(limit).offset(offset)).all())

    def events(self, q: EventQuery, limit: int = 100, offset: int = 0) -> Page[Incident]:
        """A page of events matching ``q``, newest first, each with its reports and claims."""
        rows = self.event_rows(q, limit, offset)
        items = self._incidents(rows)
        return Page(tuple(items), self.count_events(q), limit, offset)

    def summaries(self, q: EventQuery, limit: int = 100, offset: int = 0) -> Page[IncidentSummary]:
        """A page of events matching ``q``, newest first, each with its own fields and
        actors only (no reports or claims): what a map or a list needs, in one statement
        (see :meth:`summary_rows`)."""
        rows, total = self.summary_rows(q, limit, offset)
        items = tuple(codec.summary_of_row(row, [Actor(a[0], a[1], a[2], a[3], a[4], a[5], bool(a[6])) for a in actors])
                      for row, actors in rows)
        return Page(items, total, limit, offset)

    def summary_dicts(self, q: EventQuery, limit: int = 100, offset: int = 0) -> Page[dict[str, Any]]:
        """:meth:`summaries` as JSON-ready data
        (:func:`~conflictwatch.output.summary_to_dict` of each), made straight from the rows."""
        rows, total = self.summary_rows(q, limit, offset)
        return Page(tuple(codec.summary_dict_of_row(row, actors) for row, actors in rows), total, limit, offset)

    def summary_rows(self, q: EventQuery, limit: int = 100, offset: int = 0
                     ) -> tuple[list[tuple[sa.Row[Any], list[Sequence[Any]]]], int]:
        """The rows of a page of summaries (columns :data:`~.codec.SUMMARY_COLUMNS`, in
        that order), each with its actors (``name, role, country_code, kind, actor_key,
        side, generic``), and how many events match ``q``.

        One round trip: the page (only the columns a summary needs) joined to its
        actors, with the count as a scalar subquery; the count is asked on its own only
        when the page is empty past the first row."""
        statement = self.statements.get(None if (shape := filter_shape(q)) is None else ("summaries", *shape),
                                        lambda: self._summary_statement(q))
        values = {**filter_values(q), "limit": limit, "offset": offset}
        width = len(codec.SUMMARY_COLUMNS)
        out: list[tuple[sa.Row[Any], list[Sequence[Any]]]] = []
        last = None
        for row in self.conn.execute(statement, values).all():
            if row[0] != last:
                last = row[0]
                out.append((row, []))
            if row[width + 1] is not None:  # name is NOT NULL: no actor row when it is missing
                out[-1][1].append(row[width + 1:])
        if out:
            return out, int(out[0][0][width])
        return out, (0 if offset == 0 else self.count_events(q))

    def _summary_statement(self, q: EventQuery) -> sa.Select[Any]:
        i, a = t.incidents.c, t.incident_actors.c
        where = self._conditions(q)
        page = (sa.select(*(i[name] for name in codec.SUMMARY_COLUMNS)).where(*where)
                .order_by(i.date.desc(), i.id).limit(sa.bindparam("limit", 100, type_=sa.Integer))
                .offset(sa.bindparam("offset", 0, type_=sa.Integer)).cte("page"))
        total = sa.select(sa.func.count()).select_from(t.incidents).where(*where).scalar_subquery()
        p = page.c
        return (sa.select(*p, total.label("total"), *(a[name] for name in _SUMMARY_ACTOR_COLUMNS))
                .select_from(page.outerjoin(t.incident_actors, a.incident_id == p.id))
                .order_by(p.date.desc(), p.id, a.pos))

    def iter_events(self, q: EventQuery, batch: int = 500) -> Iterable[Incident]:
        """Every event matching ``q``, newest first, a batch at a time."""
        offset = 0
        while True:
            rows = self.event_rows(q, batch, offset)
            yield from self._incidents(rows)
            if len(rows) < batch:
                return
            offset += batch

    def _incidents(self, rows: Sequence[sa.Row[Any]]) -> list[Incident]:
        ids = [r.id for r in rows]
        actors = self._actors(t.incident_actors, t.incident_actors.c.incident_id, ids)
        reports = self.reports_of_incidents(ids)
        return [codec.incident_of(r._mapping, actors.get(r.id, ()), reports.get(r.id, ())) for r in rows]

    def resolve(self, incident_id: str) -> str | None:
        """The id an event id stands for now: itself, or the event it was merged into."""
        seen = set()
        current: str | None = incident_id
        while current is not None and current not in seen:
            seen.add(current)
            row = self.conn.execute(sa.select(t.incidents.c.status, t.incidents.c.merged_into)
                                    .where(t.incidents.c.id == current)).first()
            if row is None:
                return None
            if row.status != "merged" or row.merged_into is None:
                return current
            current = row.merged_into
        return current

    def incident(self, incident_id: str, resolve: bool = True) -> Incident | None:
        """One event with its reports, claims and evidence (following merges when ``resolve``)."""
        target = self.resolve(incident_id) if resolve else incident_id
        if target is None:
            return None
        row = self.conn.execute(sa.select(t.incidents).where(t.incidents.c.id == target)).first()
        if row is None:
            return None
        return self._incidents([row])[0]

    def history(self, incident_id: str) -> list[IncidentVersion]:
        """Every version of an event, oldest first."""
        h = t.incident_history.c
        rows = self.conn.execute(sa.select(t.incident_history).where(h.incident_id == incident_id)
                                 .order_by(h.version)).all()
        return [IncidentVersion(r.incident_id, r.version, r.at, r.by, r.action, r.summary,
                                tuple(Change(*c) for c in json.loads(r.changes))) for r in rows]

    def snapshot(self, incident_id: str, version: int) -> dict[str, Any] | None:
        """An event as it stood at ``version`` (its history's snapshot)."""
        h = t.incident_history.c
        row = self.conn.execute(sa.select(h.snapshot).where(h.incident_id == incident_id, h.version == version)).first()
        return None if row is None else dict(json.loads(row.snapshot))

    def decisions(self, incident_id: str) -> list[MergeDecision]:
        """Why each report joined, started or left an event, oldest first."""
        d = t.merge_decisions.c
        rows = self.conn.execute(sa.select(t.merge_decisions).where(d.incident_id == incident_id)
                                 .order_by(d.id)).all()
        return [MergeDecision(r.report_id, r.incident_id, r.action, r.score, tuple(json.loads(r.reasons)),
                              r.candidates, r.at, r.by) for r in rows]

    def merged_ids(self, incident_id: str) -> list[str]:
        """Ids that were merged into this event (they resolve to it)."""
        rows = self.conn.execute(sa.select(t.incidents.c.id).where(t.incidents.c.merged_into == incident_id)
                                 .order_by(t.incidents.c.id)).scalars().all()
        return list(rows)

    def stats(self, q: EventQuery) -> Stats:
        """Events and fatalities per day, per country and per type for ``q``."""
        i = t.incidents.c
        where = self._conditions(q)
        killed = sa.func.coalesce(sa.func.sum(i.killed_best), 0)

        def tally(*columns: sa.ColumnElement[Any]) -> list[Any]:
            return list(self.conn.execute(sa.select(*columns, sa.func.count(), killed).select_from(t.incidents)
                                          .where(*where).group_by(*columns)).all())

        per_day = sorted((Tally(d.isoformat(), d.isoformat(), n, int(k)) for d, n, k in tally(i.date)
                          if d is not None), key=lambda x: x.key)
        countries: dict[str, list[Any]] = {}
        for code, name, n, k in tally(i.country_code, i.country):
            entry = countries.setdefault(code or "", [name or code or "unknown", 0, 0])
            entry[1] += n
            entry[2] += int(k)
        per_country = sorted((Tally(code, label, n, k) for code, (label, n, k) in countries.items()),
                             key=lambda x: (-x.events, x.key))
        per_type = sorted((Tally(typ, typ, n, int(k)) for typ, n, k in tally(i.event_type)),
                          key=lambda x: (-x.events, x.key))
        return Stats(sum(x.events for x in per_type), sum(x.fatalities for x in per_type), tuple(per_day),
                     tuple(per_country), tuple(per_type))

    # -- reports -------------------------------------------------------------------------

    def _actors(self, table: sa.Table, owner: sa.Column[Any], ids: Sequence[str]) -> dict[str, list[Actor]]:
        out: dict[str, list[Actor]] = defaultdict(list)
        statement = _rows_of(table.name, owner.name, (owner.name, "pos"))
        for chunk in _chunks(ids):
            for row in self.conn.execute(statement, {"ids": chunk}):
                out[row._mapping[owner.name]].append(codec.actor_of(row._mapping))
        return out

    def _reports(self, column: str, values: Sequence[str]) -> list[tuple[Report, str | None]]:
        """The reports whose ``column`` is one of ``values``, in the order received."""
        chunks = list(_chunks(values))
        rows = [row for chunk in chunks for row in self.conn.execute(_reports_where(column), {"ids": chunk})]
        if len(chunks) > 1:
            rows.sort(key=lambda row: row.seq)  # each chunk comes ordered; together they must be too
        ids = [row.id for row in rows]
        actors = self._actors(t.report_actors, t.report_actors.c.report_id, ids)
        claims: dict[str, list[Claim]] = defaultdict(list)
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for chunk in _chunks(ids):
            for row in self.conn.execute(_rows_of("claims", "report_id", ("report_id", "pos")), {"ids": chunk}):
                claims[row.report_id].append(codec.claim_of(row._mapping))
            for row in self.conn.execute(_rows_of("evidence", "report_id", ("report_id", "pos")), {"ids": chunk}):
                evidence[row.report_id].append(codec.evidence_of(row._mapping))
        return [(codec.report_of(row._mapping, actors.get(row.id, ()), claims.get(row.id, ()),
                                 evidence.get(row.id, ())), row.incident_id) for row in rows]

    def reports_of_incidents(self, incident_ids: Sequence[str]) -> dict[str, list[Report]]:
        """Each incident's reports, in the order received."""
        out: dict[str, list[Report]] = defaultdict(list)
        for report, incident_id in self._reports("incident_id", incident_ids):
            if incident_id is not None:
                out[incident_id].append(report)
        return out

    def merge_keys(self, incident_ids: Sequence[str]) -> dict[str, list[Report]]:
        """Each incident's reports with only what tells whether another report may join
        them (document, type, date, place): no actors, claims, evidence, signature or
        source details. Cheap to read; never to be taken for the reports themselves."""
        out: dict[str, list[Report]] = defaultdict(list)
        for chunk in _chunks(incident_ids):
            for row in self.conn.execute(_merge_keys_statement(), {"ids": chunk}):
                m = row._mapping
                event = Event(event_type=m["event_type"], sub_event_type=m["sub_event_type"], date=m["date"],
                              date_precision=m["date_precision"], location=codec.location_of(m), actors=(),
                              fatalities=None, wounded=None, claims=(), evidence=())
                out[m["incident_id"]].append(Report(m["id"], Source(m["document_id"]), m["document_version"],
                                                    m["idx"], event))
        return out

    def reports_of_document(self, document_id: str) -> list[tuple[Report, str | None]]:
        """A document's reports with the incident each belongs to."""
        return self._reports("document_id", [document_id])

    def report(self, report_id: str) -> tuple[Report, str | None] | None:
        """One report and its incident."""
        found = self._reports("id", [report_id])
        return found[0] if found else None

    # -- documents -------------------------------------------------------------------------

    def document(self, document_id: str) -> StoredDocument | None:
        """One stored document."""
        row = self.conn.execute(sa.select(t.documents).where(t.documents.c.id == document_id)).first()
        return None if row is None else codec.document_of(row._mapping)

    def document_by_key(self, key: str) -> StoredDocument | None:
        """The stored document with this identity key (canonical URL or content hash)."""
        row = self.conn.execute(sa.select(t.documents).where(t.documents.c.key == key)).first()
        return None if row is None else codec.document_of(row._mapping)

    def documents(self, limit: int = 100, offset: int = 0, site: str | None = None,
                  no_site: bool = False) -> Page[StoredDocument]:
        """A page of documents, most recently published first (only ``site``'s when
        given; only those with no site when ``no_site``)."""
        d = t.documents.c
        where = [d.site == site] if site is not None else ([d.site.is_(None)] if no_site else [])
        rows = self.conn.execute(sa.select(t.documents).where(*where).order_by(d.published.desc(), d.id)
                                 .limit(limit).offset(offset)).all()
        total = int(self.conn.execute(sa.select(sa.func.count()).select_from(t.documents).where(*where))
                    .scalar_one())
        return Page(tuple(codec.document_of(r._mapping) for r in rows), total, limit, offset)

    def sources(self) -> list[SourceSummary]:
        """Every site that published a stored document, most documents first."""
        d, r = t.documents.c, t.reports.c
        n_reports = (sa.select(r.document_id, sa.func.count().label("n")).group_by(r.document_id)
                     .subquery())
        rows = self.conn.execute(
            sa.select(d.site, sa.func.count(), sa.func.coalesce(sa.func.sum(n_reports.c.n), 0),
                      sa.func.min(d.published), sa.func.max(d.published))
            .select_from(t.documents.outerjoin(n_reports, n_reports.c.document_id == d.id))
            .group_by(d.site)).all()
        return sorted((SourceSummary(site, int(n), int(k), first, last) for site, n, k, first, last in rows),
                      key=lambda s: (-s.documents, s.site or ""))

    def iter_documents(self, batch: int = 200) -> Iterable[StoredDocument]:
        """Every document, in id order, a batch at a time."""
        last = ""
        while True:
            rows = self.conn.execute(sa.select(t.documents).where(t.documents.c.id > last)
                                     .order_by(t.documents.c.id).limit(batch)).all()
            for row in rows:
                yield codec.document_of(row._mapping)
            if len(rows) < batch:
                return
            last = rows[-1].id

    # -- accounts ------------------------------------------------------------------------

    def user(self, name: str) -> tuple[User, str] | None:
        """An account and its password hash."""
        row = self.conn.execute(sa.select(t.users).where(t.users.c.name == name)).first()
        if row is None:
            return None
        return User(row.name, row.role, row.created, bool(row.disabled)), row.password_hash

    def users(self) -> list[User]:
        """Every account, by name."""
        rows = self.conn.execute(sa.select(t.users).order_by(t.users.c.name)).all()
        return [User(r.name, r.role, r.created, bool(r.disabled)) for r in rows]

    def session(self, id_hash: str, now: dt.datetime) -> tuple[User, str] | None:
        """The user of an unexpired session (by the hash of its cookie) and its CSRF token."""
        s, u = t.sessions.c, t.users.c
        row = self.conn.execute(
            sa.select(u.name, u.role, u.created, u.disabled, s.csrf)
            .select_from(t.sessions.join(t.users, u.name == s.user_name))
            .where(s.id_hash == id_hash, s.expires > now)).first()
        if row is None or row.disabled:
            return None
        return User(row.name, row.role, row.created, False), row.csrf

    def token_user(self, token_hash: str) -> User | None:
        """The user an API token (by its hash) speaks for."""
        k, u = t.api_tokens.c, t.users.c
        row = self.conn.execute(sa.select(u.name, u.role, u.created, u.disabled)
                                .select_from(t.api_tokens.join(t.users, u.name == k.user_name))
                                .where(k.token_hash == token_hash)).first()
        if row is None or row.disabled:
            return None
        return User(row.name, row.role, row.created, False)

    def counts(self) -> dict[str, int]:
        """How many documents, reports, events (active) and history entries are stored."""
        out = {}
        for name, table, condition in (("documents", t.documents, None), ("reports", t.reports, None),
                                       ("events", t.incidents, t.incidents.c.status == "active"),
                                       ("history entries", t.incident_history, None)):
            query = sa.select(sa.func.count()).select_from(table)
            if condition is not None:
                query = query.where(condition)
            out[name] = int(self.conn.execute(query).scalar_one())
        return out

    # -- fetching, sources and alerts ---------------------------------------------------------

    def url_entry(self, url: str) -> "UrlEntry | None":
        """What was last fetched from a canonical URL, or ``None``."""
        from ..sources.cache import UrlEntry

        row = self.conn.execute(sa.select(t.url_cache).where(t.url_cache.c.url == url)).first()
        if row is None:
            return None
        return UrlEntry(row.url, row.etag, row.last_modified, row.content_hash, aware(row.fetched_at))

    def source_state(self, name: str) -> "SourceState | None":
        """A source's state, or ``None`` before its first poll."""
        row = self.conn.execute(sa.select(t.source_state).where(t.source_state.c.name == name)).first()
        return None if row is None else _source_state_of(row._mapping)

    def source_states(self) -> "list[SourceState]":
        """Every source's state, by name."""
        rows = self.conn.execute(sa.select(t.source_state).order_by(t.source_state.c.name)).all()
        return [_source_state_of(r._mapping) for r in rows]

    def last_firing(self, rule: str, event_id: str) -> AlertFiring | None:
        """The latest firing of ``rule`` for the event ``event_id``, or ``None``."""
        f = t.alert_firings.c
        row = self.conn.execute(sa.select(t.alert_firings).where(f.rule == rule, f.event_id == event_id)
                                .order_by(f.event_version.desc(), f.id.desc()).limit(1)).first()
        return None if row is None else _firing_of(row._mapping)

    def firings(self, statuses: Sequence[str] | None = None, rule: str | None = None,
                limit: int | None = None) -> list[AlertFiring]:
        """Firings, oldest first; only those of ``statuses`` or ``rule`` when given."""
        f = t.alert_firings.c
        query = sa.select(t.alert_firings).order_by(f.id)
        if statuses is not None:
            query = query.where(f.status.in_(list(statuses)))
        if rule is not None:
            query = query.where(f.rule == rule)
        if limit is not None:
            query = query.limit(limit)
        return [_firing_of(r._mapping) for r in self.conn.execute(query).all()]


def filter_values(q: EventQuery) -> dict[str, Any]:
    """The values of ``q``'s conditions by bound-parameter name (what
    :meth:`Reader._conditions` binds): the names present say which conditions there are."""
    out: dict[str, Any] = {}
    if len(q.statuses) == 1:
        out["status"] = q.statuses[0]
    else:
        out["statuses"] = list(q.statuses)
    if q.since:
        out["since"] = q.since
    if q.until:
        out["until"] = q.until
    if q.bbox:
        out["west"], out["south"], out["east"], out["north"] = q.bbox
    if q.country:
        value = q.country.strip()
        out["country_code"], out["country"] = value.upper(), value.lower()
    if q.admin1:
        out["admin1"] = q.admin1.strip().lower()
    if q.event_type:
        out["event_type"] = q.event_type.strip().lower()
    if q.actor:
        out["actor"] = "%" + q.actor.strip().lower().replace("\\", "\\\\").replace("%", "\\%") \
            .replace("_", "\\_") + "%"
    if q.min_fatalities is not None:
        out["min_fatalities"] = q.min_fatalities
    if q.review:
        out["review"] = q.review
    if q.reviews:
        out["reviews"] = list(q.reviews)
    return out


def filter_shape(q: EventQuery) -> tuple[Any, ...] | None:
    """What a statement built from ``q``'s conditions depends on besides their values:
    the same shape, the same SQL. ``None`` for a text search (its condition holds the
    words themselves)."""
    if q.text:
        return None
    wraps = q.bbox is not None and q.bbox[0] > q.bbox[2]
    return (tuple(filter_values(q)), wraps, q.low_confidence)


class Statements:
    """Statements built once per key (a filter shape and a use) and run again with other
    values: building and compiling a statement costs more than running a small one.
    A store keeps one, shared by its readers; the keys are few (one per filter shape)."""

    def __init__(self) -> None:
        self._built: dict[tuple[Any, ...], sa.Select[Any]] = {}

    def get(self, key: tuple[Any, ...] | None, build: Callable[[], sa.Select[Any]]) -> sa.Select[Any]:
        """The statement for ``key``, built by ``build`` the first time (every time for ``None``)."""
        if key is None:
            return build()
        found = self._built.get(key)
        if found is None:
            found = self._built.setdefault(key, build())
        return found


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time (UTC without a zone) as an aware UTC time."""
    return None if value is None else value.replace(tzinfo=dt.timezone.utc)


def naive(value: dt.datetime | None) -> dt.datetime | None:
    """A time as the store keeps it: UTC without a zone, to the microsecond."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


def _source_state_of(row: Any) -> "SourceState":
    from ..sources.cache import SourceState

    return SourceState(row["name"], aware(row["last_polled"]), aware(row["last_success"]), row["last_error"],
                       aware(row["last_error_at"]), row["items_seen"], row["documents"], row["events"])


def _firing_of(row: Any) -> AlertFiring:
    return AlertFiring(row["rule"], row["event_id"], row["event_version"], row["reason"], row["event_type"],
                       row["sub_event_type"], row["killed_best"], row["lat"], row["lon"], row["absorbed"],
                       row["target"], row["payload"], row["status"], row["attempts"], row["last_error"],
                       aware(row["fired_at"]), aware(row["delivered_at"]), row["id"])


def _low_confidence() -> sa.ColumnElement[bool]:
    """The rule of :mod:`conflictwatch.confidence` as a condition on ``incidents``."""
    i, r, c = t.incidents.c, t.reports.c, t.claims.c
    claims_of = sa.select(c.report_id).select_from(t.claims.join(t.reports, r.id == c.report_id)) \
        .where(r.incident_id == i.id)
    claimed = sa.exists(claims_of.where(c.claimant.is_not(None)))
    return sa.or_(i.geo_precision.is_(None), i.geo_precision >= VAGUE_PLACE, i.n_reports <= 1,
                  sa.and_(sa.exists(claims_of), ~claimed), i.sub_event_type.in_(BORDERLINE_SUB_TYPES))


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])
