"""The store and the merge, on SQLite and on PostgreSQL (skipped with the reason when no
server is reachable): idempotent ingest, merging, corrections, history, rights,
filters, stable ids, schema upgrades."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa

from conflictwatch import document_from_text
from conflictwatch.errors import NotFound, ReviewError, StoreVersionError
from conflictwatch.model import Range, Rights
from conflictwatch.output import summary_to_dict
from conflictwatch.record import Recorder
from conflictwatch.review import edit_field, merge_incidents, release, set_review, split_report
from conflictwatch.store import EventQuery, Store, migrate
from conflictwatch.store import schema as t

# Reports written for these tests: one strike told twice (the toll rises), a different
# attack in the same city on the same day, and an unrelated attack elsewhere.
MARKET_WIRE = dict(
    url="https://wire.test/2025/03/04/kharkiv-market?utm_source=feed", site="Wire", published="2025-03-04",
    title="Russian missile hits Kharkiv market, killing five",
    text="Russian missile hits Kharkiv market, killing five\n\nKHARKIV, March 4 (Wire) - A Russian missile "
         "struck a crowded market in central Kharkiv on Tuesday morning, killing five people and wounding 14, "
         "the regional governor said.\n\nRescuers searched the stalls for survivors into the afternoon.")
MARKET_LOCAL = dict(
    url="https://local.test/news/market-toll", site="Local News", published="2025-03-05",
    title="Toll from Kharkiv market strike rises to seven",
    text="Toll from Kharkiv market strike rises to seven\n\nSeven people were killed when a Russian missile hit "
         "the central market in Kharkiv on Tuesday morning, the city's mayor said on Wednesday. Twenty people "
         "were wounded.")
BUS_STOP = dict(
    url="https://wire.test/2025/03/04/kharkiv-bus-stop", site="Wire", published="2025-03-04",
    title="Shelling hits Kharkiv bus stop",
    text="Shelling hits Kharkiv bus stop\n\nRussian artillery shelled a bus stop in Kharkiv on Tuesday evening, "
         "killing two people, police said.")
CAMP = dict(
    url="https://sudan.test/el-fasher-camp", site="Sudan Desk", published="2025-05-13",
    title="RSF shells camp near El Fasher",
    text="RSF shells camp near El Fasher\n\nThe Rapid Support Forces shelled the Abu Shouk camp near El Fasher "
         "on Monday, killing 12 civilians, local volunteers said.")
ALL = (MARKET_WIRE, MARKET_LOCAL, BUS_STOP, CAMP)


def doc(spec: dict, **changes):
    spec = {**spec, **changes}
    return document_from_text(spec["text"], spec["url"], dt.date.fromisoformat(spec["published"]), spec["url"],
                              spec["title"], site=spec["site"])


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (times included), sorted: what "unchanged" means."""
    out = {}
    with store.reading() as reader:
        for table in t.metadata.sorted_tables:
            rows = reader.conn.execute(sa.select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def ingest(store, recorder, specs=ALL):
    rec = recorder(store)
    return [rec.record(doc(s)) for s in specs]


def test_ingest_twice_changes_nothing(open_store, recorder):
    store = open_store()
    first = ingest(store, recorder)
    assert [o.status for o in first] == ["new"] * 4
    before = dump(store)
    again = ingest(store, recorder)
    assert [o.status for o in again] == ["unchanged"] * 4
    assert dump(store) == before


def test_one_incident_told_twice_is_one_event_with_every_claim(open_store, recorder):
    store = open_store()
    ingest(store, recorder)
    with store.reading() as reader:
        market = reader.events(EventQuery(text="market")).items
        assert len(market) == 1
        event = market[0]
        assert {r.source.site for r in event.reports} == {"Wire", "Local News"}
        assert event.fatalities == Range(5, 7, 7)  # the later, equally credible toll is best
        claimants = {(c.claim.figure, c.claim.low, c.claim.claimant, c.source.site) for c in event.claims}
        assert ("killed", 5, "regional governor", "Wire") in claimants
        assert ("killed", 7, "city's mayor", "Local News") in claimants
        decisions = reader.decisions(event.id)
        assert [d.action for d in decisions] == ["created", "joined"]
        assert decisions[1].score is not None and decisions[1].reasons
        history = reader.history(event.id)
        assert [h.action for h in history] == ["created", "report added"]
        assert any(c.field == "fatalities" for c in history[1].changes)


def test_lookalike_attack_same_day_same_city_stays_apart(open_store, recorder):
    store = open_store()
    ingest(store, recorder)
    with store.reading() as reader:
        kharkiv = reader.events(EventQuery(country="UA")).items
        assert len(kharkiv) == 2
        assert sorted(len(e.reports) for e in kharkiv) == [1, 2]
        assert reader.count_events(EventQuery()) == 3


def test_corrected_article_becomes_a_new_version_and_the_event_says_so(open_store, recorder):
    store = open_store()
    rec = recorder(store)
    first = rec.record(doc(MARKET_WIRE))
    event_id = first.created[0]
    corrected = MARKET_WIRE["text"].replace("killing five people", "killing six people")
    outcome = rec.record(doc(MARKET_WIRE, text=corrected))
    assert outcome.status == "changed" and outcome.document_id == first.document_id
    assert outcome.updated == (event_id,)  # same event id after the correction
    with store.reading() as reader:
        event = reader.incident(event_id)
        assert event.fatalities == Range(6, 6, 6)
        history = reader.history(event_id)
        assert [h.action for h in history] == ["created", "document corrected"]
        change = {c.field: (c.old, c.new) for c in history[1].changes}
        assert '"best": 5' in change["fatalities"][0] and '"best": 6' in change["fatalities"][1]
        document = reader.document(first.document_id)
        assert document.version == 2 and "six people" in document.body
        versions = reader.conn.execute(sa.select(t.document_versions.c.version, t.document_versions.c.change)
                                       .where(t.document_versions.c.document_id == first.document_id)).all()
        assert sorted(tuple(v) for v in versions) == [(1, "new"), (2, "changed")]


def test_an_event_no_report_tells_any_more_is_withdrawn_not_deleted(open_store, recorder):
    store = open_store()
    rec = recorder(store)
    event_id = rec.record(doc(CAMP)).created[0]
    rec.record(doc(CAMP, text="Aid reaches camp near El Fasher\n\nA convoy of twelve trucks reached the Abu Shouk "
                              "camp near El Fasher on Monday, local volunteers said."))
    with store.reading() as reader:
        assert reader.count_events(EventQuery()) == 0
        event = reader.incident(event_id)
        assert event.status == "withdrawn"
        assert reader.history(event_id)[-1].action == "withdrawn"


def test_reserved_document_keeps_facts_not_its_body(open_store, recorder):
    store = open_store()
    rec = recorder(store)
    reserved = doc(CAMP)
    reserved = dataclasses.replace(reserved, rights=Rights(True, "meta"))
    outcome = rec.record(reserved)
    with store.reading() as reader:
        stored = reader.document(outcome.document_id)
        assert stored.body is None and not stored.body_kept and stored.rights.tdm_reserved
        event = reader.incident(outcome.created[0])
        assert event.fatalities == Range(12, 12, 12)
        assert all(len(e.evidence.span.text) <= 200 for e in event.evidence)
        assert reader.conn.execute(sa.select(t.reports.c.sentence_quote)).scalar_one() is None
        versions = reader.conn.execute(sa.select(t.document_versions.c.body)).scalars().all()
        assert versions == [None]


def test_ids_are_stable_across_fresh_stores(tmp_path, recorder):
    ids = []
    for name in ("one", "two"):
        with Store.open(f"sqlite:///{tmp_path / name}.db") as store:
            ingest(store, recorder)
            with store.reading() as reader:
                ids.append(sorted(e.id for e in reader.iter_events(EventQuery())))
    assert ids[0] == ids[1]


def test_filters(open_store, recorder):
    store = open_store()
    ingest(store, recorder)
    with store.reading() as reader:
        def count(**kw):
            return reader.count_events(EventQuery(**kw))
        assert count() == 3
        assert count(since=dt.date(2025, 5, 1)) == 1
        assert count(until=dt.date(2025, 3, 31)) == 2
        assert count(bbox=(30.0, 45.0, 40.0, 52.0)) == 2  # Kharkiv
        assert count(bbox=(20.0, 10.0, 30.0, 16.0)) == 1  # Darfur
        assert count(country="Sudan") == 1 and count(country="ua") == 2
        assert count(event_type="Explosions/Remote violence") == 3
        assert count(event_type="shelling/artillery/missile attack") == 3
        assert count(actor="rapid support") == 1
        assert count(actor="%") == 0  # a LIKE wildcard is taken literally
        assert count(min_fatalities=7) == 2
        assert count(text="bus stop") == 1
        assert count(text="'; DROP TABLE reports; --") == 0
        assert count(review="new") == 3
    with pytest.raises(Exception, match="bbox"):
        EventQuery(bbox=(0, 10, 5, 5))


def test_summaries_agree_with_full_events_for_every_filter(open_store, recorder):
    """A page of summaries (one statement, built once per filter shape and run again with
    other values) holds the same events, fields, actors and total as the full events."""
    store = open_store()
    ingest(store, recorder)
    filters = [{}, {"since": dt.date(2025, 5, 1)}, {"since": dt.date(2025, 3, 1)}, {"until": dt.date(2025, 3, 31)},
               {"bbox": (30.0, 45.0, 40.0, 52.0)}, {"bbox": (20.0, 10.0, 30.0, 16.0)},
               {"bbox": (170.0, -10.0, -170.0, 10.0)}, {"country": "ua"}, {"country": "Sudan"},
               {"event_type": "shelling/artillery/missile attack"}, {"actor": "rapid support"}, {"actor": "%"},
               {"min_fatalities": 7}, {"min_fatalities": 100}, {"text": "bus stop"}, {"review": "new"},
               {"reviews": ("new", "changed")}, {"statuses": ("active", "withdrawn")}, {"low_confidence": True}]
    with store.reading() as reader:
        for kw in filters:
            q = EventQuery(**kw)
            for limit, offset in ((100, 0), (1, 1), (5, 10)):
                full, summaries = reader.events(q, limit, offset), reader.summaries(q, limit, offset)
                dicts = reader.summary_dicts(q, limit, offset)
                assert list(dicts.items) == [summary_to_dict(s) for s in summaries.items], kw
                assert summaries.total == full.total == dicts.total, kw
                assert len(summaries.items) == len(full.items), kw
                for s, e in zip(summaries.items, full.items, strict=True):
                    assert (s.id, s.version, s.status, s.review, s.event_type, s.sub_event_type, s.date,
                            s.date_precision, s.location, s.actors, s.fatalities, s.wounded, s.n_reports) == \
                        (e.id, e.version, e.status, e.review, e.event_type, e.sub_event_type, e.date,
                         e.date_precision, e.location, e.actors, e.fatalities, e.wounded, len(e.reports)), kw
        assert any(len(s.actors) > 1 for s in reader.summaries(EventQuery()).items)
        assert reader.summaries(EventQuery(), 10, 50).total == 3  # past the last page: the total still
        assert [s.id for s in reader.summaries(EventQuery(since=dt.date(2025, 5, 1))).items] == \
            [e.id for e in reader.events(EventQuery(since=dt.date(2025, 5, 1))).items]


def test_merge_and_split_keep_ids_and_history(open_store, recorder):
    store = open_store()
    ingest(store, recorder)
    with store.reading() as reader:
        market, bus = sorted(reader.events(EventQuery(country="UA")).items, key=lambda e: -len(e.reports))
    survivor = merge_incidents(store, market.id, bus.id, "alice", "the same strike, per the governor")
    assert len(survivor.reports) == 3 and survivor.id == market.id
    with store.reading() as reader:
        assert reader.incident(bus.id).id == market.id  # the other id resolves to the survivor
        assert reader.incident(bus.id, resolve=False).status == "merged"
        assert reader.history(market.id)[-1].by == "alice"
        assert bus.id in reader.merged_ids(market.id)
    bus_report = next(r for r in survivor.reports if r.source.title.startswith("Shelling"))
    split = split_report(store, bus_report.id, "bob", "a different attack after all")
    assert [r.id for r in split.reports] == [bus_report.id]
    with store.reading() as reader:
        assert len(reader.incident(market.id).reports) == 2
        assert reader.history(market.id)[-1].action == "split"
    with pytest.raises(ReviewError):
        merge_incidents(store, market.id, market.id, "alice", "no")
    with pytest.raises(NotFound):
        split_report(store, "rep-nope", "alice", "no")


def test_a_reviewers_edit_survives_recomputation_until_released(open_store, recorder):
    store = open_store()
    rec = recorder(store)
    event_id = rec.record(doc(MARKET_WIRE)).created[0]
    edit_field(store, event_id, "fatalities", Range(9, 9, 9), "carol", "the hospital's list has nine names")
    rec.record(doc(MARKET_LOCAL))  # a new report recomputes the event
    with store.reading() as reader:
        event = reader.incident(event_id)
        assert event.fatalities == Range(9, 9, 9) and event.overridden == ("fatalities",)
        assert len(event.reports) == 2 and event.review == "changed"
        assert [h.by for h in reader.history(event_id)] == ["system", "carol", "system"]
    released = release(store, event_id, "fatalities", "carol")
    assert released.fatalities == Range(5, 7, 7)
    confirmed = set_review(store, event_id, "confirmed", "dave")
    assert confirmed.review == "confirmed"
    with pytest.raises(ReviewError):
        edit_field(store, event_id, "fatalities", Range(1, 1, 1), "carol", " ")


def test_reprocess_records_the_extractor_and_changes_only_what_differs(open_store, recorder):
    store = open_store()
    rec = recorder(store)
    ingest(store, recorder)
    with store.reading() as reader:
        documents = list(reader.iter_documents())
    before = dump(store)
    assert {rec.reprocess(d).status for d in documents} == {"unchanged"}
    assert dump(store) == before
    same = Recorder(store, rec.extract, rec.rules, rec.country_name, extractor="conflictwatch 99")
    assert {same.reprocess(d).status for d in documents} == {"unchanged"}
    with store.reading() as reader:
        assert {d.extractor for d in reader.iter_documents()} == {"conflictwatch 99"}
        ids = sorted(e.id for e in reader.iter_events(EventQuery()))

    def no_wounded(document):  # a "newer extractor" that reads no wounded
        return [dataclasses.replace(e, wounded=None) for e in rec.extract(document)]

    newer = Recorder(store, no_wounded, rec.rules, rec.country_name, extractor="conflictwatch 100")
    outcomes = {d.title: newer.reprocess(d).status for d in documents}
    assert outcomes == {MARKET_WIRE["title"]: "reprocessed", MARKET_LOCAL["title"]: "reprocessed",
                        BUS_STOP["title"]: "unchanged", CAMP["title"]: "unchanged"}  # only these told wounded
    with store.reading() as reader:
        assert {d.extractor for d in reader.iter_documents()} == {"conflictwatch 100"}
        assert sorted(e.id for e in reader.iter_events(EventQuery())) == ids  # same events, same ids
        event = reader.events(EventQuery(text="market")).items[0]
        assert event.wounded is None
        last = reader.history(event.id)[-1]
        assert last.action == "reprocessed" and "conflictwatch 100" in last.summary


def test_a_store_from_an_older_version_upgrades_itself(store_url, recorder):
    with Store.open(store_url) as store:
        ingest(store, recorder)
    engine = sa.create_engine(Store.open(store_url).engine.url)  # the same database
    from alembic import command

    with engine.connect().execution_options(writer=True) as conn:
        command.downgrade(migrate._config(conn), "0001")
        conn.commit()
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.upgraded_from == "0001"
        assert migrate.current(store.engine) == migrate.head()
        with store.reading() as reader:  # text search works on reports stored before the upgrade
            assert reader.count_events(EventQuery(text="market")) == 1
    with pytest.raises(StoreVersionError, match="store upgrade"):
        engine = sa.create_engine(Store.open(store_url).engine.url)
        with engine.connect().execution_options(writer=True) as conn:
            command.downgrade(migrate._config(conn), "0001")
            conn.commit()
        Store.open(store_url, auto_upgrade=False)


def test_a_store_from_a_newer_version_is_refused(store_url):
    with Store.open(store_url) as store:
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreVersionError, match="newer version"):
        Store.open(store_url)
