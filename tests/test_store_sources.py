"""The store keeps what fetching, watching and alerting need between runs, on both backends."""

from __future__ import annotations

import datetime as dt
import threading

import sqlalchemy as sa
from alembic import command

from conflictwatch.model import AlertFiring
from conflictwatch.sources import SourceState, SourceStateStore, UrlCache, UrlEntry
from conflictwatch.store import Store, migrate

NOW = dt.datetime(2026, 12, 1, 8, 30, 15, tzinfo=dt.timezone.utc)


def firing(version: int = 1, **changes) -> AlertFiring:
    values = dict(rule="deadly", event_id="ev-1", event_version=version, reason="new", event_type="Battles",
                  sub_event_type="Armed clash", killed_best=4, lat=48.5, lon=37.9, absorbed=0,
                  target="alerts.jsonl", payload='{"id": "ev-1"}')
    values.update(changes)
    return AlertFiring(**values)


def test_the_store_is_a_url_cache_and_a_source_state_store(open_store):
    store = open_store()
    assert isinstance(store, UrlCache) and isinstance(store, SourceStateStore)
    assert store.get_url("https://news.test/a") is None and store.get_source_state("desk") is None
    store.put_url(UrlEntry("https://news.test/a", '"e1"', None, "aa", NOW))
    store.put_url(UrlEntry("https://news.test/a", '"e2"', "Tue, 01 Dec 2026 08:00:00 GMT", "bb", NOW))
    assert store.get_url("https://news.test/a") == UrlEntry("https://news.test/a", '"e2"',
                                                            "Tue, 01 Dec 2026 08:00:00 GMT", "bb", NOW)
    state = SourceState("desk", NOW, NOW, None, None, 7, 3, 2)
    store.put_source_state(state)
    store.put_source_state(SourceState("other", NOW, None, "the feed is gone (404)", NOW, 0, 0, 0))
    assert store.get_source_state("desk") == state
    with store.reading() as r:
        assert [s.name for s in r.source_states()] == ["desk", "other"]
        assert r.source_state("other").last_error == "the feed is gone (404)"


def test_a_new_handle_sees_what_the_last_one_stored(open_store, store_url):
    open_store().put_url(UrlEntry("https://news.test/a", None, None, "aa", NOW))
    with Store.open(store_url) as again:
        assert again.get_url("https://news.test/a").content_hash == "aa"


def test_threads_read_the_cache_while_one_writes(open_store):
    store = open_store()
    store.put_url(UrlEntry("https://news.test/a", None, None, "aa", NOW))
    seen: list[str] = []

    def read() -> None:
        for _ in range(20):
            seen.append(store.get_url("https://news.test/a").content_hash)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for i in range(20):
        store.put_url(UrlEntry(f"https://news.test/{i}", None, None, "x", NOW))
    for thread in threads:
        thread.join()
    assert seen == ["aa"] * 80


def test_a_firing_is_recorded_once_per_rule_and_event_version(open_store):
    store = open_store()
    with store.writing() as w:
        first = w.add_firing(firing(1))
        assert first is not None and first.id is not None
        assert w.add_firing(firing(1, reason="again")) is None
        w.add_firing(firing(3, reason="fatalities 4 -> 9", killed_best=9))
        w.add_firing(firing(1, rule="other"))
    with store.writing() as w:
        w.set_firing_status(first.id, "delivered", 1, None)
    with store.reading() as r:
        last = r.last_firing("deadly", "ev-1")
        assert (last.event_version, last.reason, last.killed_best, last.status) \
            == (3, "fatalities 4 -> 9", 9, "pending")
        assert r.last_firing("deadly", "ev-2") is None
        assert [f.event_version for f in r.firings(("pending",))] == [3, 1]
        delivered = r.firings(("delivered",))
        assert len(delivered) == 1 and delivered[0].delivered_at is not None and delivered[0].attempts == 1


def test_the_migration_goes_down_and_up(store_url):
    with Store.open(store_url) as store:
        store.put_url(UrlEntry("https://news.test/a", None, None, "aa", NOW))
        with store.engine.connect().execution_options(writer=True) as conn:
            command.downgrade(migrate._config(conn), "0002")
            conn.commit()
        assert "url_cache" not in sa.inspect(store.engine).get_table_names()
    with Store.open(store_url) as store:
        assert store.upgraded_from == "0002"
        assert {"url_cache", "source_state", "alert_firings"} <= set(sa.inspect(store.engine).get_table_names())
        assert store.get_url("https://news.test/a") is None
