"""The watch loop against the local server: new items only, a restart resumes, alerts fire once,
and a failing source does not stop the others."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from fetchfixtures import _server, clock, make_fetcher, resolve, server, ssl_context  # noqa: F401 (fixtures)
from localserver import Reply, Seen
from test_documents import HTML, article, feed

from conflictwatch.alerts import Alerter, Deliverer, DeliveryPolicy, parse_alert_rules
from conflictwatch.sources import Source
from conflictwatch.store import Store
from conflictwatch.watch import Watcher, poll_source

ROOT = Path(__file__).resolve().parents[2]
TOWNS = [("Kupiansk", 3), ("Izium", 5), ("Lyman", 4), ("Vovchansk", 6)]


class Site:
    """news.test: a feed whose items can be added to (its ETag changes with them)."""

    def __init__(self, server, host: str = "news.test", count: int = 2) -> None:
        self.server, self.host, self.count = server, host, count
        base = server.url("", host=host) if host != "127.0.0.1" else server.url("")
        self.base = base
        for i, (town, killed) in enumerate(TOWNS):
            server.route(f"/news/{i}", Reply(200, HTML, article(town, killed)), host=self._route_host)
        server.route("/feed.xml", self._feed, host=self._route_host)

    @property
    def _route_host(self) -> str | None:
        return None if self.host == "127.0.0.1" else self.host

    def _feed(self, seen: Seen) -> Reply:
        etag = f'"v{self.count}"'
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, {"ETag": etag})
        items = [(TOWNS[i][0], f"{self.base}/news/{i}", None) for i in range(self.count)]
        return Reply(200, {"Content-Type": "application/rss+xml", "ETag": etag}, feed(self.server, items))

    def fetched(self) -> list[str]:
        return [p for p in self.server.paths(self._route_host) if p.startswith("/news/")]


def webhook(server, fail_first: int = 0) -> list[int]:
    """hooks.test/hook: answers 503 ``fail_first`` times, then 204; returns the statuses given."""
    statuses: list[int] = []

    def answer(seen: Seen) -> Reply:
        status = 503 if len(statuses) < fail_first else 204
        statuses.append(status)
        return Reply(status)

    server.route("/hook", answer, host="hooks.test")
    return statuses


def alert_rules(server, tmp_path: Path):
    text = f"""
[[rule]]
name = "deaths"
min_fatalities = 1
webhook = "{server.url('/hook', host='hooks.test')}"

[[rule]]
name = "deaths to file"
min_fatalities = 1
jsonl = "alerts.jsonl"
"""
    return parse_alert_rules(text, tmp_path / "alerts.toml")


@pytest.fixture
def store_url(tmp_path):
    return f"sqlite:///{tmp_path / 'watch.db'}"


def open_watcher(store_url, make_fetcher, recorder, sources, rules, clock_at, log):
    store = Store.open(store_url)
    deliverer = Deliverer(DeliveryPolicy(allowed_networks=("127.0.0.1/32",), backoff=0.01, retries=2),
                          resolver=resolve)
    alerter = Alerter(rules, store, deliverer, log=log)
    watcher = Watcher(sources, make_fetcher(cache=store), recorder(store), store, alerter=alerter, log=log,
                      clock=clock_at)
    return store, deliverer, watcher


def test_watch_polls_new_items_only_resumes_after_a_restart_and_alerts_once(server, make_fetcher, recorder,
                                                                           store_url, tmp_path):
    site = Site(server)
    webhook(server, fail_first=1)  # the first delivery is retried once
    server.route("/feed.xml", Reply(500, body=b"down"), host="broken.test")
    sources = [Source("broken", "feed", server.url("/feed.xml", host="broken.test")),
               Source("desk", "feed", site.base + "/feed.xml", language="en")]
    rules = alert_rules(server, tmp_path)
    start = dt.datetime.now(dt.timezone.utc)
    offset = [dt.timedelta(0)]
    lines: list[str] = []

    def now() -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc) + offset[0]

    store, deliverer, watcher = open_watcher(store_url, make_fetcher, recorder, sources, rules, now, lines.append)
    with store, deliverer:
        broken, desk = watcher.poll_due()
        assert broken.source_error and "server error (500)" in broken.source_error
        assert desk.source_error is None and desk.summary.new == 2 and desk.summary.events_new >= 2
        assert sorted(site.fetched()) == ["/news/0", "/news/1"]
        events = desk.summary.events_new
        assert desk.alerts == 2 * events                       # two rules, each event once
        assert watcher.poll_due() == []                        # nothing is due yet
        assert watcher.run(once=True) == []
    assert any("broken: failed" in line for line in lines) and any("desk: 2 new" in line for line in lines)
    assert len(server.posts("/hook")) == events + 1            # one 503 retried
    alerts_file = tmp_path / "alerts.jsonl"
    assert len(alerts_file.read_text().splitlines()) == events

    # A third article; a new process (new store handle, fetcher, watcher) 16 minutes later.
    site.count = 3
    server.requests.clear()
    offset[0] = dt.timedelta(minutes=16)
    store, deliverer, watcher = open_watcher(store_url, make_fetcher, recorder, sources, rules, now, lines.append)
    with store, deliverer:
        broken, desk = watcher.run(once=True)
        assert site.fetched() == ["/news/2"]                   # only the new item
        assert desk.summary.new == 1 and desk.summary.unchanged == 0
        new_events = desk.summary.events_new
        assert new_events >= 1 and desk.alerts == 2 * new_events
        with store.reading() as reader:
            state = {s.name: s for s in reader.source_states()}
            firings = reader.firings()
    assert len(server.posts("/hook")) == new_events            # earlier events are not alerted again
    payloads = [json.loads(line) for line in alerts_file.read_text().splitlines()]
    assert len(payloads) == events + new_events
    assert len({p["event"]["id"] for p in payloads}) == len(payloads)
    assert payloads[0]["alert"] == {"rule": "deaths to file", "reason": "new",
                                    "fired_at": payloads[0]["alert"]["fired_at"]}
    assert all(f.status == "delivered" for f in firings) and len(firings) == 2 * (events + new_events)
    assert state["desk"].documents == 3 and state["desk"].events == events + new_events
    assert state["desk"].items_seen == 5 and state["desk"].last_error is None
    assert state["broken"].last_error and state["broken"].last_success is None
    assert state["desk"].last_polled > start


def test_a_failing_source_or_page_never_stops_the_others(server, make_fetcher, recorder, store_url, tmp_path):
    site = Site(server)
    server.route("/news/1", Reply(404, body=b"gone"), host="news.test")
    server.route("/feed.xml", Reply(200, {"Content-Type": "application/rss+xml"}, b"<html>not a feed</html>"),
                 host="bad.test")
    sources = [Source("bad", "feed", server.url("/feed.xml", host="bad.test")),
               Source("nowhere", "feed", "http://nowhere.invalid/feed.xml"),
               Source("desk", "feed", site.base + "/feed.xml")]
    lines: list[str] = []
    with Store.open(store_url) as store:
        watcher = Watcher(sources, make_fetcher(cache=store), recorder(store), store, log=lines.append)
        bad, nowhere, desk = watcher.run(once=True)
        assert "not an RSS or Atom feed" in bad.source_error
        assert "nowhere.invalid" in nowhere.source_error
        assert desk.summary.new == 1 and desk.errors == 1 and desk.source_error is None
        assert any("desk: " in line and "not found (404)" in line for line in lines)
        # The page that failed is fetched again at the next poll (the feed's ETag was not kept).
        server.route("/news/1", Reply(200, HTML, article("Izium", 5)), host="news.test")
        assert poll_source(sources[2], watcher.fetcher, watcher.recorder, state=store).summary.new == 1


def test_stopping_ends_a_poll_between_documents(server, make_fetcher, recorder, store_url):
    site = Site(server, count=3)
    with Store.open(store_url) as store:
        watcher = Watcher([Source("desk", "feed", site.base + "/feed.xml")], make_fetcher(cache=store),
                          recorder(store), store, log=lambda line: None,
                          on_outcome=lambda outcome: watcher.stop())
        [report] = watcher.run()                               # not once: the stop ends the loop
        assert report.summary.new == 1 and not report.completed
        assert watcher.stopped
        with store.reading() as reader:
            assert reader.counts()["documents"] == 1


# -- the commands, as a user runs them ---------------------------------------------------------------


def cli(*args: str, db: str) -> tuple[int, str, str]:
    from conflictwatch.cli import main

    out, err = io.StringIO(), io.StringIO()
    env = {"CONFLICTWATCH_DB": db, "CONFLICTWATCH_ALLOW_PRIVATE_ADDRESSES": "1"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, out.getvalue(), err.getvalue()


def sources_file(tmp_path: Path, server) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nname = "desk"\nfeed = "{server.url("/feed.xml")}"\n\n'
                    f'[[source]]\nname = "down"\nfeed = "{server.url("/down.xml")}"\n', encoding="utf-8")
    (tmp_path / "alerts.toml").write_text('[[rule]]\nname = "all"\njsonl = "fired.jsonl"\n', encoding="utf-8")
    return path


def test_watch_once_and_sources_commands(server, tmp_path, store_url):
    Site(server, host="127.0.0.1")
    server.route("/down.xml", Reply(503, {"Retry-After": "3600"}))
    path = sources_file(tmp_path, server)
    alerts = str(tmp_path / "alerts.toml")
    code, _, err = cli("watch", str(path), "--once", "--alerts", alerts, db=store_url)
    assert code == 0, err
    assert "desk: 2 new, 0 changed, 0 unchanged documents" in err and "down: failed" in err
    fired = (tmp_path / "fired.jsonl").read_text().splitlines()
    assert len(fired) >= 2

    code, _, err = cli("watch", str(path), "--once", "--alerts", alerts, db=store_url)  # a restart: nothing due
    assert code == 0 and "desk:" not in err
    assert len((tmp_path / "fired.jsonl").read_text().splitlines()) == len(fired)

    code, out, _ = cli("sources", str(path), db=store_url)
    assert code == 0
    desk = next(line for line in out.splitlines() if line.startswith("desk"))
    down = next(line for line in out.splitlines() if line.startswith("down"))
    assert desk.split()[1] == "feed" and desk.split()[-4:] == ["2", "2", str(len(fired)), "-"]
    assert "(503)" in down
    code, out, _ = cli("sources", "--format", "json", db=store_url)  # no file: what the store knows
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["desk"]["documents"] == 2 and rows["desk"]["events"] == len(fired)
    assert rows["down"]["last_success"] is None and "503" in rows["down"]["last_error"]


def test_ingest_reads_urls_feeds_and_url_lists(server, tmp_path, store_url):
    site = Site(server, host="127.0.0.1")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site.base}/news/2\n# a comment\n", encoding="utf-8")
    code, out, err = cli("ingest", f"{site.base}/news/0", db=store_url)       # an article URL
    assert code == 0 and out.startswith("documents: 1 new"), err
    code, out, err = cli("ingest", f"{site.base}/feed.xml", db=store_url)     # a feed, told by its type
    assert code == 0 and out.startswith("documents: 1 new"), err              # /news/0 is known already
    code, out, err = cli("ingest", "--urls", str(listing), "--feed", f"{site.base}/feed.xml", db=store_url)
    assert code == 0 and out.startswith("documents: 1 new"), err
    code, out, err = cli("ingest", f"{site.base}/news/0", f"{site.base}/missing", db=store_url)
    assert code == 1 and out.startswith("documents: 0 new, 0 unchanged, 0 changed, 1 skipped")
    assert "not found (404)" in err


def test_ingest_refuses_a_private_address_unless_allowed(server, tmp_path, store_url):
    from conflictwatch.cli import main

    Site(server, host="127.0.0.1")
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        os.environ["CONFLICTWATCH_DB"] = store_url
        try:
            code = main(["ingest", server.url("/news/0")])
        finally:
            os.environ.pop("CONFLICTWATCH_DB", None)
    assert code == 1 and "set allow_private_addresses (--allow-private-addresses)" in err.getvalue()


def test_watch_stops_cleanly_on_sigterm(server, tmp_path, store_url):
    Site(server, host="127.0.0.1")
    path = sources_file(tmp_path, server)
    env = {**os.environ, "CONFLICTWATCH_DB": store_url, "CONFLICTWATCH_ALLOW_PRIVATE_ADDRESSES": "1"}
    process = subprocess.Popen([sys.executable, "-m", "conflictwatch.cli", "watch", str(path), "--every", "1h"],
                               stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "/news/1" not in server.paths():
            time.sleep(0.1)
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "SIGTERM: stopping after the document being recorded" in err and err.rstrip().endswith("stopped")
    assert "Traceback" not in err


def test_a_webhook_whose_name_resolves_to_a_private_address_is_refused(server):
    from conflictwatch.errors import AlertDeliveryError

    webhook(server)
    with Deliverer(resolver=resolve) as deliverer:               # 127.0.0.1 not allowed
        with pytest.raises(AlertDeliveryError, match="hooks.test .127.0.0.1. is .*allow_private_addresses"):
            deliverer.post(server.url("/hook", host="hooks.test"), "{}")
    assert server.posts("/hook") == []
    with Deliverer(DeliveryPolicy(allow_private_addresses=True), resolver=resolve) as deliverer:
        deliverer.post(server.url("/hook", host="hooks.test"), '{"a": 1}')
    assert [p.body for p in server.posts("/hook")] == [b'{"a": 1}']
    assert server.posts("/hook")[0].headers["content-type"] == "application/json"
