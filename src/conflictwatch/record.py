"""Recording documents: extract their events, store them, merge them into incidents.

:class:`Recorder` runs the stages for one document at a time, each in one write
transaction, so a crash loses at most the document being written and a re-run
finishes the rest (documents already stored are recognised and skipped):

1. the document's identity key (canonical URL, else its text's hash) and content
   hash are looked up: the same text again is *unchanged* and is not even extracted;
2. the extractor makes the document's events;
3. in one transaction: the document is stored (a new version when its text changed;
   without its body when the publisher reserved text-and-data-mining rights), its
   old reports leave their incidents, each new report joins an incident or starts
   one (:func:`conflictwatch.merge.decide`), and every incident touched is
   recomputed (:func:`conflictwatch.merge.compose`) and saved as a new version with
   what changed and why.

A corrected article's report keeps its incident when it still tells the same
incident (its *successor*), so ids stay stable; an incident left with no report is
*withdrawn*, never deleted.

Inside :meth:`Recorder.batched` several documents share one transaction (each in
its own savepoint), committed every ``documents`` documents or ``seconds`` seconds,
whichever comes first, and when the block ends: fewer commits, and the writer
reads once what several documents touch. A crash then loses at most the documents
of the batch not yet committed, which a re-run records (nothing committed is
lost, nothing is recorded twice). A document that fails inside a batch is rolled
back to its savepoint alone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from . import __version__
from .errors import ConflictWatchError, InputError
from .identity import content_hash, document_id, document_key, incident_id
from .merge import Candidate, MergeRules, assess, compose, decide, make_reports
from .merge.compose import CountryNames
from .merge.decide import Decision
from .merge.score import compare, gate
from .model import Document, Event, MergeDecision, Report, StoredDocument
from .store import Store, Writer, utcnow

EXTRACTOR = f"conflictwatch {__version__}"
"""The extractor version recorded with every document's reports."""

Extract = Callable[[Document], Sequence[Event]]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What recording one document did: ``status`` (new, unchanged, changed,
    reprocessed, kept), ``document_id``, ``reports`` (made), ``created`` and
    ``updated`` (incident ids)."""

    status: str
    document_id: str
    reports: int = 0
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals of a run: documents new / unchanged / changed / skipped, reports made,
    events new / updated."""

    new: int = 0
    unchanged: int = 0
    changed: int = 0
    skipped: int = 0
    reports: int = 0
    events_new: int = 0
    events_updated: int = 0

    def add(self, outcome: Outcome) -> "Summary":
        """This summary with one more document's outcome."""
        field = {"new": "new", "unchanged": "unchanged", "changed": "changed", "reprocessed": "changed",
                 "kept": "unchanged"}[outcome.status]
        return dataclasses.replace(self, **{field: getattr(self, field) + 1},
                                   reports=self.reports + outcome.reports,
                                   events_new=self.events_new + len(outcome.created),
                                   events_updated=self.events_updated + len(outcome.updated))

    def plus(self, other: "Summary") -> "Summary":
        """The totals of this summary and ``other``."""
        return Summary(*(getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(self)))

    def line(self) -> str:
        """The one-line summary the ``ingest`` command prints."""
        return (f"documents: {self.new} new, {self.unchanged} unchanged, {self.changed} changed, "
                f"{self.skipped} skipped; reports: {self.reports}; "
                f"events: {self.events_new} new, {self.events_updated} updated")


class _Batch:
    """One open write transaction shared by several documents (see :meth:`Recorder.batched`)."""

    def __init__(self, store: Store, documents: int, seconds: float) -> None:
        self.store = store
        self.documents = documents
        self.seconds = seconds
        self.stack: contextlib.ExitStack | None = None
        self.writer: Writer | None = None
        self.count = 0
        self.opened = 0.0

    def open(self) -> Writer:
        """The batch's writer, beginning a transaction when none is open."""
        if self.writer is None:
            stack = contextlib.ExitStack()
            self.writer = stack.enter_context(self.store.writing())
            self.stack, self.count, self.opened = stack, 0, time.monotonic()
        return self.writer

    def done(self) -> None:
        """One more document recorded: commit when the batch is full or old enough."""
        self.count += 1
        if self.count >= self.documents or time.monotonic() - self.opened >= self.seconds:
            self.commit()

    def commit(self) -> None:
        """Commit what the open transaction holds (nothing to do when none is open)."""
        stack, self.stack, self.writer = self.stack, None, None
        if stack is not None:
            stack.close()

    def abort(self, exc: BaseException) -> None:
        """Roll the open transaction back, raising what the store makes of ``exc``."""
        stack, self.stack, self.writer = self.stack, None, None
        if stack is not None:
            stack.__exit__(type(exc), exc, exc.__traceback__)


class Recorder:
    """Extract, store and merge: one document per transaction, or a batch of them
    (:meth:`batched`)."""

    def __init__(self, store: Store, extract: Extract, rules: MergeRules,
                 country_name: CountryNames | None = None, extractor: str = EXTRACTOR) -> None:
        self.store = store
        self.extract = extract
        self.rules = rules
        self.country_name = country_name
        self.extractor = extractor
        self._batch: _Batch | None = None

    @contextlib.contextmanager
    def batched(self, documents: int, seconds: float = 2.0) -> Iterator[None]:
        """Record the documents of this block ``documents`` to a transaction (at most
        ``seconds`` apart; see the module docstring). Nothing else may write to the
        store from this process meanwhile (the writers' lock is held): fetching state,
        alerts and reviews use their own transactions, so batch local inputs only.
        ``documents`` of 1 (or less) records one document per transaction."""
        if documents <= 1 or self._batch is not None:
            yield
            return
        batch = _Batch(self.store, documents, seconds)
        self._batch = batch
        try:
            yield
        finally:
            self._batch = None
            batch.commit()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Writer]:
        """A writer for one document: its own transaction, or a savepoint of the batch's."""
        batch = self._batch
        if batch is None:
            with self.store.writing() as w:
                yield w
            return
        w = batch.open()
        w.now = utcnow()
        mark = w.mark()
        try:
            with w.conn.begin_nested():
                yield w
        except Exception as exc:
            # The savepoint is rolled back: the batch holds the documents before this one.
            w.forget(mark)
            if isinstance(exc, sa.exc.OperationalError):
                batch.abort(exc)  # the database failed: the transaction is lost (raises StoreError)
            elif not isinstance(exc, ConflictWatchError):
                batch.commit()  # keep the documents recorded before this one, as without batches
            raise
        batch.done()

    # -- one document --------------------------------------------------------------------

    def record(self, document: Document, origin: str | None = None) -> Outcome:
        """Store ``document`` and merge its events (see the module docstring)."""
        key = document_key(document)
        digest = content_hash(document)
        if self._batch is not None:
            known = self._batch.open().document_by_key(key)
            if known is not None and known.content_hash == digest:
                self._batch.done()  # counted, so that a run of unchanged documents still commits in time
                return Outcome("unchanged", known.id)
        else:
            with self.store.reading() as reader:
                known = reader.document_by_key(key)
        if known is not None and known.content_hash == digest:
            return Outcome("unchanged", known.id)
        events = self.extract(document)
        return self.record_events(document, events, origin, key, digest)

    def record_events(self, document: Document, events: Sequence[Event], origin: str | None = None,
                      key: str | None = None, digest: str | None = None,
                      reports: Sequence[Report] | None = None) -> Outcome:
        """Store ``document`` with events already extracted (a distributed run extracts
        elsewhere and records here, in input order). ``reports``: the events' reports,
        also made elsewhere (:func:`conflictwatch.merge.make_reports`) for the
        document's first version under its id; used when that is what is stored,
        else made here."""
        key = key or document_key(document)
        digest = digest or content_hash(document)
        with self._transaction() as w:
            known = w.document_by_key(key)
            if known is not None and known.content_hash == digest:
                return Outcome("unchanged", known.id)
            doc_id = known.id if known else document_id(key)
            version = known.version + 1 if known else 1
            reserved = document.rights.tdm_reserved
            stored = StoredDocument(
                id=doc_id, key=key, url=document.url, title=document.title, site=document.site,
                published=document.published, language=document.language, rights=document.rights,
                body=None if reserved else document.text, content_hash=digest, version=version,
                extractor=self.extractor, origin=origin, first_seen=known.first_seen if known else w.now,
                updated=w.now)
            # A key not stored names an id not stored (the id is the key's hash).
            w.put_document(stored, "changed" if known else "new", new=True if known is None else None)
            doc = dataclasses.replace(document, id=doc_id)
            if (reports is None or len(reports) != len(events)
                    or any(r.source.document_id != doc_id or r.document_version != version for r in reports)):
                reports = make_reports(doc, version, events, self.rules)
            cause = "document corrected" if known else "report added"
            created, updated = self._apply(w, doc_id, reports, reserved, cause,
                                           f"{_outlet(doc)} corrected its article" if known else None,
                                           fresh=known is None)
        return Outcome("changed" if known else "new", doc_id, len(reports), created, updated)

    # -- reprocessing -----------------------------------------------------------------------

    def reprocess(self, document: StoredDocument) -> Outcome:
        """Re-read a stored document with this extractor; its reports are replaced when
        they differ. A document whose body was not kept (rights reserved) is ``kept``
        as it is."""
        if document.body is None:
            return Outcome("kept", document.id)
        from .ingest import document_from_text

        doc = document_from_text(document.body, document.id, document.published, document.url,
                                 document.title, document.rights, document.site)
        doc = dataclasses.replace(doc, language=document.language)
        events = self.extract(doc)
        with self._transaction() as w:
            old = [r for r, _ in w.reports_of_document(document.id)]
            if [r.event for r in old] == [_comparable(e, doc) for e in events]:
                if document.extractor != self.extractor:
                    w.set_extractor(document.id, self.extractor)
                return Outcome("unchanged", document.id)
            version = document.version + 1
            w.put_document(dataclasses.replace(document, version=version, extractor=self.extractor,
                                               updated=w.now), "reprocessed")
            reports = make_reports(doc, version, events, self.rules)
            created, updated = self._apply(w, document.id, reports, False, "reprocessed",
                                           f"re-read with {self.extractor}")
        return Outcome("reprocessed", document.id, len(reports), created, updated)

    # -- merging -------------------------------------------------------------------------------

    def _apply(self, w: Writer, doc_id: str, reports: Sequence[Report], reserved: bool, cause: str,
               correction: str | None, fresh: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Replace document ``doc_id``'s reports with ``reports`` and merge them;
        returns the incidents created and updated. ``fresh``: the document was not
        stored before (it has no old reports)."""
        old = [] if fresh else w.reports_of_document(doc_id)
        touched: dict[str, str] = {}
        if old:
            w.remove_reports([r.id for r, _ in old])
            for report, incident in old:
                if incident is not None:
                    touched[incident] = "reprocessed" if cause == "reprocessed" else "document corrected"
                    w.record_decision(MergeDecision(report.id, incident, "left", None,
                                                    (correction or "its document changed",), 0, w.now))
        inherited: set[str] = set()
        created: list[str] = []
        for report in reports:
            target, decision = self._place(w, report, old, inherited)
            action = "created" if target is None else "joined"
            if target is None:
                target = incident_id(report.id)
                created.append(target)
                w.new_incident(target)
            w.add_reports([(report, target)], reserved)
            touched.setdefault(target, cause)
            w.record_decision(MergeDecision(report.id, target, action, decision.score, decision.reasons,
                                            decision.candidates, w.now))
        updated = []
        for incident, why in touched.items():
            if self._recompute(w, incident, why, correction, reports) and incident not in created:
                updated.append(incident)
        return tuple(created), tuple(updated)

    def _place(self, w: Writer, report: Report, old: Sequence[tuple[Report, str | None]],
               inherited: set[str]) -> tuple[str | None, Decision]:
        """The incident ``report`` belongs in (``None``: a new one) and the decision."""
        # A corrected document's report that still tells what its old report told keeps
        # that incident, if it fits with the incident's other reports.
        for previous, incident in old:
            if incident is None or incident in inherited:
                continue
            if gate(report, previous, self.rules, same_document=True) is not None:
                continue
            if previous.index != report.index \
                    and compare(report, previous, self.rules).score < self.rules.weights.threshold:
                continue
            members = w.reports_of_incidents([incident]).get(incident, [])
            score, reasons = assess(report, Candidate(incident, tuple(members)), self.rules)
            if members and score is None:
                continue
            inherited.add(incident)
            return incident, Decision(incident, score, ("successor of " + previous.id,) + reasons, 1)
        decision = decide(report, w.candidates(report, self.rules), self.rules)
        return decision.incident_id, decision

    def _recompute(self, w: Writer, incident_id_: str, why: str, correction: str | None,
                   new_reports: Sequence[Report]) -> bool:
        """Recompose an incident from its reports and save a version; False when nothing changed."""
        previous = w.incident(incident_id_, resolve=False)
        reports = w.reports_of_incidents([incident_id_]).get(incident_id_, [])
        if not reports:
            if previous is None or previous.status == "withdrawn":
                return False
            w.save_incident(dataclasses.replace(previous, status="withdrawn", reports=(), claims=(), evidence=()),
                            previous, "withdrawn", "no report tells this event any more"
                            + (f" ({correction})" if correction else ""))
            return True
        composed = compose(incident_id_, reports, previous, w.now, self.country_name)
        if previous is not None and previous.review in ("confirmed", "edited"):
            composed = dataclasses.replace(composed, review="changed")
        if previous is None:
            first = reports[0]
            w.save_incident(composed, None, "created", f"created from {_outlet_of(first)}")
            return True
        mine = [r for r in reports if r.id in {n.id for n in new_reports}]
        if why == "report added" and mine:
            summary = "report added from " + ", ".join(_outlet_of(r) for r in mine)
        elif why == "reprocessed":
            summary = correction or "reprocessed"
        else:
            summary = correction or why
        w.save_incident(composed, previous, why, summary)
        return True


def _outlet(doc: Document) -> str:
    return doc.site or doc.url or doc.title or doc.id


def _outlet_of(report: Report) -> str:
    s = report.source
    name = s.site or s.url or s.document_id
    return f"{name} ({s.title})" if s.title and s.site else name


def _comparable(event: Event, doc: Document) -> Event:
    """``event`` as it reads back from the store (quotes in place of span texts)."""
    from .store.codec import claim_of, claim_rows, evidence_of, evidence_rows

    claims = tuple(claim_of(r) for r in claim_rows("", event.claims))
    evidence = tuple(evidence_of(r) for r in evidence_rows("", event.evidence))
    sentence = event.sentence
    if sentence is not None:
        from .output import quote

        sentence = dataclasses.replace(sentence, text=quote(sentence) if not doc.rights.tdm_reserved else "")
    return dataclasses.replace(event, claims=claims, evidence=evidence, sentence=sentence)


def ingest(recorder: Recorder, items: Iterable[Document | InputError],
           on_error: Callable[[str], None], on_progress: Callable[[Outcome | None], None] | None = None) -> Summary:
    """Record every document of ``items``; an input error (or a document that fails)
    is reported through ``on_error`` and counted as skipped."""
    summary = Summary()
    for item in items:
        if isinstance(item, InputError):
            on_error(str(item))
            summary = dataclasses.replace(summary, skipped=summary.skipped + 1)
            if on_progress:
                on_progress(None)
            continue
        try:
            outcome = recorder.record(item, item.id)
        except ConflictWatchError as exc:
            if not isinstance(exc, InputError):
                raise
            on_error(f"{item.id}: {exc}")
            summary = dataclasses.replace(summary, skipped=summary.skipped + 1)
            if on_progress:
                on_progress(None)
            continue
        summary = summary.add(outcome)
        if on_progress:
            on_progress(outcome)
    return summary


__all__ = ["EXTRACTOR", "Outcome", "Recorder", "Summary", "ingest"]
