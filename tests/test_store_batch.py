"""Several documents to a transaction (``Recorder.batched``) on SQLite and PostgreSQL:
the same store as one document per transaction, a failing document rolled back
alone, and the writer's remembered reports equal to what a fresh read gives."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from conflictwatch import document_from_text
from conflictwatch.errors import InputError
from conflictwatch.record import ingest
from conflictwatch.store import Reader
from conflictwatch.store import schema as t

from conftest import load_jsonl


def _documents(count: int) -> list:
    rows = load_jsonl("merge_corpus.jsonl")[:count]
    return [document_from_text(r["text"], r["id"], dt.date.fromisoformat(r["published"]) if r.get("published")
                               else None, r.get("url"), r.get("title"), site=r.get("site")) for r in rows]


@pytest.fixture
def two_urls(store_url, request, tmp_path):
    """Two fresh, empty stores on the same backend."""
    if store_url.startswith("sqlite"):
        yield store_url, f"sqlite:///{tmp_path / 'other.db'}"
        return
    from conflictwatch.testing import temporary_postgres

    with temporary_postgres(request.getfixturevalue("postgres_base")) as other:
        yield store_url, other


def _record(store) -> dict[str, list]:
    """What merging decided and kept, times left out."""
    d, h, r = t.merge_decisions.c, t.incident_history.c, t.reports.c
    with store.reading() as reader:
        conn = reader.conn
        return {
            "decisions": [tuple(x) for x in conn.execute(sa.select(d.report_id, d.incident_id, d.action, d.score,
                                                                   d.reasons, d.candidates).order_by(d.id))],
            "history": [tuple(x) for x in conn.execute(
                sa.select(h.incident_id, h.version, h.action, h.summary, h.changes, h.snapshot)
                .order_by(h.incident_id, h.version))],
            "reports": [tuple(x) for x in conn.execute(sa.select(r.id, r.incident_id, r.seq).order_by(r.id))],
        }


def test_batches_store_what_one_document_per_transaction_stores(two_urls, open_store, recorder):
    docs = _documents(40)
    one_by_one, batched = (open_store(url) for url in two_urls)
    ingest(recorder(one_by_one), docs, pytest.fail)
    rec = recorder(batched)
    with rec.batched(7):
        summary = ingest(rec, docs + docs[:3], pytest.fail)  # repeats inside the batch are unchanged
    assert summary.unchanged == 3
    expected = _record(one_by_one)
    assert expected["decisions"] and _record(batched) == expected


def test_a_document_failing_in_a_batch_is_rolled_back_alone(store_url, open_store, recorder):
    docs = _documents(12)
    store = open_store(store_url)
    rec = recorder(store)
    extract = rec.extract
    bad = docs[5].id

    def failing(doc):
        events = extract(doc)
        if doc.id == bad:
            raise InputError(f"{doc.id}: cannot be read")
        return events

    rec.extract = failing
    errors: list[str] = []
    with rec.batched(100, seconds=3600):
        summary = ingest(rec, docs, errors.append)
    assert summary.skipped == 1 and summary.new == 11 and errors == [f"{bad}: {bad}: cannot be read"]
    with store.reading() as reader:
        assert reader.counts()["documents"] == 11
        assert reader.conn.execute(sa.select(sa.func.count()).select_from(t.documents)
                                   .where(t.documents.c.origin == bad)).scalar_one() == 0


def test_a_crash_inside_a_batch_keeps_the_documents_before_it(store_url, open_store, recorder):
    docs = _documents(6)
    store = open_store(store_url)
    rec = recorder(store)
    extract = rec.extract

    def crashing(doc):
        if doc.id == docs[4].id:
            raise RuntimeError("the extractor broke")
        return extract(doc)

    rec.extract = crashing
    with pytest.raises(RuntimeError), rec.batched(100, seconds=3600):
        ingest(rec, docs, pytest.fail)
    with store.reading() as reader:
        assert reader.counts()["documents"] == 4


def test_what_the_writer_remembers_is_what_a_read_gives(store_url, open_store, recorder):
    docs = _documents(30)
    store = open_store(store_url)
    rec = recorder(store)
    with rec.batched(100, seconds=3600):
        ingest(rec, docs, pytest.fail)
        writer = rec._batch.open()  # the open transaction, before its commit
        ids = sorted(writer._members)
        assert len(ids) > 10 and writer._saved
        fresh = Reader(writer.conn)
        assert writer.reports_of_incidents(ids) == fresh.reports_of_incidents(ids)
        for incident_id in writer._saved:
            remembered = writer.incident(incident_id, resolve=False)
            read = fresh.incident(incident_id, resolve=False)
            assert remembered == read, incident_id


def test_commit_every_is_checked(tmp_path, capsys):
    from conflictwatch.cli import main

    code = main(["ingest", "--db", f"sqlite:///{tmp_path / 's.db'}", "--commit-every", "0", str(tmp_path)])
    assert code != 0 and "--commit-every 0: give at least one document" in capsys.readouterr().err


def test_a_document_failing_after_its_rows_were_kept_leaves_none_of_them(two_urls, open_store, recorder):
    # Versions, history entries and merge decisions wait in the writer until the
    # commit: a document that fails inside its savepoint takes its share with it.
    docs = _documents(12)
    bad = docs[5]
    expected_store, store = (open_store(url) for url in two_urls)
    ingest(recorder(expected_store), [d for d in docs if d is not bad], pytest.fail)
    rec = recorder(store)
    recompute = rec._recompute

    def failing(w, incident, why, correction, new_reports):
        if any(r.source.document_id != new_reports[0].source.document_id for r in new_reports):
            raise AssertionError("one document's reports at a time")
        if new_reports and new_reports[0].source.url == bad.url:
            raise InputError(f"{bad.id}: cannot be merged")
        return recompute(w, incident, why, correction, new_reports)

    rec._recompute = failing  # type: ignore[method-assign]
    errors: list[str] = []
    with rec.batched(100, seconds=3600):
        summary = ingest(rec, docs, errors.append)
    assert summary.skipped == 1 and summary.new == 11 and len(errors) == 1
    got, expected = _record(store), _record(expected_store)
    assert got["decisions"] == expected["decisions"] and got["history"] == expected["history"]
    seqs = [seq for _, _, seq in got["reports"]]
    assert len(set(seqs)) == len(seqs)  # numbers taken in the failed savepoint are skipped, not reused
    with store.reading() as reader:
        counts = reader.counts()
        versions = reader.conn.execute(sa.select(sa.func.count()).select_from(t.document_versions)).scalar_one()
    assert counts["documents"] == versions == 11


def test_incidents_a_report_may_not_join_are_decided_alike_unread(store_url, open_store, recorder):
    # The writer reads only the merge keys of an incident that one of whose reports is
    # surely incompatible with the new report; the merge must decide as with every report read.
    from conflictwatch.merge import load_rules, make_reports
    from conflictwatch.merge.decide import Candidate, decide

    docs = _documents(230)
    store = open_store(store_url)
    rec = recorder(store)
    ingest(rec, docs[:150], pytest.fail)
    rules = load_rules()
    blocked_seen = 0
    with store.writing() as writer:
        for doc in docs[150:]:
            for report in make_reports(doc, 1, rec.extract(doc), rules):
                candidates = writer.candidates(report, rules)
                full = Reader(writer.conn).reports_of_incidents([c.incident_id for c in candidates])
                complete = [Candidate(c.incident_id, tuple(full.get(c.incident_id, ()))) for c in candidates]
                blocked_seen += sum(1 for c, f in zip(candidates, complete, strict=True) if c.reports != f.reports)
                assert decide(report, candidates, rules) == decide(report, complete, rules)
    assert blocked_seen > 0  # the check was exercised
