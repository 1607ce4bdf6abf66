"""From a source to documents against the local server: new items only, once each, with rights and dates."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from fetchfixtures import _server, clock, make_fetcher, server, ssl_context  # noqa: F401 (fixtures)
from localserver import Reply, Seen

from conflictwatch.errors import BadSource, HTTPStatusError, InputError, RobotsDisallowed
from conflictwatch.model import Document
from conflictwatch.sources import (
    MemoryStore,
    Source,
    SourceState,
    is_due,
    iter_documents_from_source,
    page_to_document,
)

HTML = {"Content-Type": "text/html; charset=utf-8"}


def article(town: str, killed: int, date: str | None = "2025-01-09", extra_head: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}T08:00:00Z">' if date else ""
    return f"""<!doctype html><html><head><title>Shelling in {town}</title>{meta}{extra_head}</head>
<body><nav>Home | World</nav><article><h1>Shelling in {town}</h1>
<p>{killed} civilians were killed and several others wounded when artillery shells hit a residential
district of {town} early on Thursday, the regional governor said.</p>
<p>Emergency workers pulled survivors from two damaged apartment blocks, and the power supply to
the district was cut for several hours, local officials told reporters.</p>
<p>The town lies a few kilometres from the front line and has been hit repeatedly this winter.</p>
</article><footer>Copyright News Example</footer></body></html>""".encode()


def feed(server, items: list[tuple[str, str, str | None]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>"
        for title, link, date in items)
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{entries}</channel></rss>""".encode()


def feed_source(server, name: str = "desk") -> Source:
    return Source(name, "feed", server.url("/feed.xml", host="news.test"), language="en")


def documents(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def with_etag(etag: str, body: bytes):
    """A feed route that answers 304 to a request carrying its ETag."""
    def answer(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, {"ETag": etag})
        return Reply(200, {"Content-Type": "application/rss+xml", "ETag": etag}, body)

    return answer


@pytest.fixture
def site(server):
    """news.test: a feed of four links to three articles, one reserved by header, one undated."""
    base = server.url("", host="news.test")
    server.route("/feed.xml", with_etag('"f1"', feed(server, [
        ("Kupiansk", f"{base}/news/1?utm_source=rss&utm_medium=feed", "Thu, 09 Jan 2025 10:00:00 GMT"),
        ("Kupiansk again", f"{base}/news/1#comments", None),
        ("Izium", "/news/2", "Thu, 09 Jan 2025 11:00:00 GMT"),
        ("Lyman", f"{base}/news/3", "Wed, 08 Jan 2025 09:00:00 GMT"),
    ])), host="news.test")
    server.route("/news/1", Reply(200, HTML, article("Kupiansk", 3)), host="news.test")
    server.route("/news/2", Reply(200, {**HTML, "tdm-reservation": "1"}, article("Izium", 2)), host="news.test")
    server.route("/news/3", Reply(200, HTML, article("Lyman", 4, date=None)), host="news.test")
    return server


def test_feed_to_documents_once_each(site, make_fetcher):
    store = MemoryStore()
    fetcher = make_fetcher(cache=store)
    source = feed_source(site)
    found = list(iter_documents_from_source(source, fetcher, state=store))
    assert errors(found) == []
    docs = {d.id: d for d in documents(found)}
    base = site.url("", host="news.test")
    assert set(docs) == {f"{base}/news/1", f"{base}/news/2", f"{base}/news/3"}
    assert site.paths("news.test").count("/news/1") == 1  # four links, three articles, fetched once each
    one, two, three = docs[f"{base}/news/1"], docs[f"{base}/news/2"], docs[f"{base}/news/3"]
    assert "Kupiansk" in one.text and one.title == "Shelling in Kupiansk" and one.language == "en"
    assert one.published == dt.date(2025, 1, 9)                     # from the page (htmldate)
    assert three.published == dt.date(2025, 1, 8)                   # the page has none: the feed's
    assert two.rights.tdm_reserved and two.rights.source == "header"
    assert not one.rights.tdm_reserved
    state = store.get_source_state("desk")
    assert state.items_seen == 4 and state.documents == 3 and state.last_error is None
    assert state.last_success is not None


def test_second_poll_reads_nothing_new(site, make_fetcher):
    store = MemoryStore()
    source = feed_source(site)
    list(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    site.requests.clear()
    again = list(iter_documents_from_source(source, make_fetcher(cache=store), state=store))  # a restart
    assert again == [] and site.paths("news.test") == ["/robots.txt", "/feed.xml"]
    assert [r.headers.get("if-none-match") for r in site.requests if r.path == "/feed.xml"] == ['"f1"']
    assert store.get_source_state("desk").documents == 3


def test_a_changed_feed_gives_only_its_new_items(site, make_fetcher):
    store = MemoryStore()
    source = feed_source(site)
    list(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    base = site.url("", host="news.test")
    site.route("/feed.xml", Reply(200, {"ETag": '"f2"'}, feed(site, [
        ("Kupiansk", f"{base}/news/1", None), ("Kherson", f"{base}/news/4", None)])), host="news.test")
    site.route("/news/4", Reply(200, HTML, article("Kherson", 5)), host="news.test")
    site.requests.clear()
    new = documents(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    assert [d.id for d in new] == [f"{base}/news/4"]
    assert "/news/1" not in site.paths("news.test")
    assert store.get_source_state("desk").documents == 4


def test_recheck_keeps_only_changed_pages(site, make_fetcher):
    store = MemoryStore()
    source = feed_source(site)
    list(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    site.route("/news/3", Reply(200, HTML, article("Lyman", 6, date=None)), host="news.test")  # updated toll
    site.route("/feed.xml", Reply(200, {"ETag": '"f3"'}, feed(site, [
        ("Kupiansk", site.url("/news/1", host="news.test"), None),
        ("Lyman", site.url("/news/3", host="news.test"), None)])), host="news.test")
    changed = documents(iter_documents_from_source(source, make_fetcher(cache=store), state=store, recheck=True))
    assert [d.id for d in changed] == [site.url("/news/3", host="news.test")]
    assert "6 civilians" in changed[0].text


def test_a_crash_before_the_next_item_fetches_it_again(site, make_fetcher):
    store = MemoryStore()
    source = feed_source(site)
    stream = iter_documents_from_source(source, make_fetcher(cache=store), state=store)
    first = next(stream)
    stream.close()  # the consumer died while handling the first document
    assert store.get_url(first.id) is None
    # The feed's ETag was not kept either: the next poll reads the whole feed again.
    again = documents(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    assert sorted(d.id for d in again) == sorted(
        site.url(p, host="news.test") for p in ("/news/1", "/news/2", "/news/3"))


def test_pages_that_failed_are_tried_again_next_poll(site, make_fetcher):
    store = MemoryStore()
    source = feed_source(site)
    site.route("/news/3", Reply(503), host="news.test")
    first = list(iter_documents_from_source(source, make_fetcher(cache=store, retries=0), state=store))
    assert len(documents(first)) == 2 and isinstance(errors(first)[0], HTTPStatusError)
    site.route("/news/3", Reply(200, HTML, article("Lyman", 4, date=None)), host="news.test")
    second = documents(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    assert [d.id for d in second] == [site.url("/news/3", host="news.test")]
    third = list(iter_documents_from_source(source, make_fetcher(cache=store), state=store))
    assert third == []  # now the feed's ETag is kept: 304


def test_feed_errors_are_reported_and_recorded(server, make_fetcher):
    store = MemoryStore()
    server.route("/feed.xml", Reply(500), host="news.test")
    found = list(iter_documents_from_source(feed_source(server), make_fetcher(cache=store, retries=0), state=store))
    assert len(found) == 1 and isinstance(found[0], HTTPStatusError)
    state = store.get_source_state("desk")
    assert "server error (500)" in state.last_error and state.last_success is None
    server.route("/feed.xml", Reply(200, {}, b"<html>moved</html>"), host="news.test")
    found = list(iter_documents_from_source(feed_source(server), make_fetcher(cache=store), state=store))
    assert isinstance(found[0], BadSource) and "not an RSS or Atom feed" in str(found[0])


def test_url_list_with_bad_lines_and_pages(server, make_fetcher, tmp_path):
    base = server.url("", host="list.test")
    server.route("/robots.txt", Reply(200, {}, b"User-agent: *\nDisallow: /private/\n"), host="list.test")
    server.route("/ok", Reply(200, HTML, article("Avdiivka", 7)), host="list.test")
    amp = article("Avdiivka", 7, extra_head=f'<link rel="canonical" href="{base}/ok">')
    server.route("/amp/ok", Reply(200, HTML, amp), host="list.test")
    server.route("/pdf", Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"), host="list.test")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# test list\n{base}/ok\n{base}/amp/ok\nnonsense\n{base}/missing\n{base}/private/x\n"
                       f"{base}/pdf\n", encoding="utf-8")
    source = Source("list", "urls", str(listing))
    found = list(iter_documents_from_source(source, make_fetcher(cache=MemoryStore())))
    assert [d.id for d in documents(found)] == [f"{base}/ok"]  # the AMP copy names the same article
    messages = [str(e) for e in errors(found)]
    assert messages[0].startswith(f"{listing}:4: 'nonsense' is not an http(s) URL")
    assert any(isinstance(e, HTTPStatusError) and e.status == 404 for e in errors(found))
    assert any(isinstance(e, RobotsDisallowed) for e in errors(found))
    assert any("application/pdf" in m for m in messages)
    assert "/private/x" not in server.paths("list.test")


def test_sitemap_source(server, make_fetcher):
    base = server.url("", host="maps.test")
    index = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/s1.xml</loc></sitemap><sitemap><loc>{base}/s2.xml.gz</loc></sitemap></sitemapindex>"""
    server.route("/index.xml", Reply(200, {"Content-Type": "application/xml"}, index.encode()), host="maps.test")
    server.route("/s1.xml", Reply(200, {}, f"""<urlset><url><loc>{base}/a</loc><lastmod>2025-01-05</lastmod></url>
</urlset>""".encode()), host="maps.test")
    server.route("/s2.xml.gz", Reply(200, {"Content-Type": "application/gzip"}, gzip.compress(
        f"<urlset><url><loc>{base}/b</loc></url><url><loc>{base}/a</loc></url></urlset>".encode())), host="maps.test")
    server.route("/a", Reply(200, HTML, article("Pokrovsk", 2, date=None)), host="maps.test")
    server.route("/b", Reply(200, HTML, article("Toretsk", 1)), host="maps.test")
    source = Source("maps", "sitemap", f"{base}/index.xml")
    docs = documents(iter_documents_from_source(source, make_fetcher(cache=MemoryStore())))
    assert [d.id for d in docs] == [f"{base}/a", f"{base}/b"]
    assert docs[0].published == dt.date(2025, 1, 5)  # lastmod, the page having no date


def test_a_url_is_read_as_what_the_server_sends(server, make_fetcher):
    base = server.url("", host="auto.test")
    server.route("/feed", Reply(200, {"Content-Type": "text/xml"}, feed(server, [("Kupiansk", f"{base}/a", None)])),
                 host="auto.test")
    server.route("/map", Reply(200, {}, f"<?xml version='1.0'?><urlset><url><loc>{base}/b</loc></url></urlset>"
                                       .encode()), host="auto.test")
    server.route("/a", Reply(200, HTML, article("Kupiansk", 3)), host="auto.test")
    server.route("/b", Reply(200, HTML, article("Izium", 2)), host="auto.test")
    server.route("/c", Reply(200, HTML, article("Lyman", 4)), host="auto.test")
    server.route("/pdf", Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"), host="auto.test")
    store = MemoryStore()
    fetcher = make_fetcher(cache=store)

    def read(path: str) -> list:
        return list(iter_documents_from_source(Source(path, "auto", base + path), fetcher, state=store))

    assert [d.id for d in read("/feed")] == [f"{base}/a"]              # a feed, by its root element
    assert [d.id for d in read("/map")] == [f"{base}/b"]               # a sitemap
    assert [d.id for d in read("/c")] == [f"{base}/c"]                 # an article
    assert server.paths("auto.test").count("/c") == 1                  # fetched once, not twice
    assert read("/c") == [] and read("/a") == []                       # known: nothing new
    [error] = read("/pdf")
    assert "application/pdf document that is neither an article, a feed nor a sitemap" in str(error)
    assert store.get_source_state("/pdf").last_error == str(error)


def test_remote_url_list_and_single_url(server, make_fetcher):
    base = server.url("", host="one.test")
    server.route("/list.txt", Reply(200, {"Content-Type": "text/plain"}, f"{base}/x\n".encode()), host="one.test")
    server.route("/x", Reply(200, HTML, article("Bakhmut", 9)), host="one.test")
    fetcher = make_fetcher(cache=MemoryStore())
    assert [d.id for d in documents(iter_documents_from_source(Source("l", "urls", f"{base}/list.txt"), fetcher))] \
        == [f"{base}/x"]
    # the same article as a single-URL source: already stored, so nothing new
    assert list(iter_documents_from_source(Source("u", "url", f"{base}/x"), fetcher)) == []


def test_page_to_document_plain_text(server, make_fetcher):
    server.route("/t.txt", Reply(200, {"Content-Type": "text/plain; charset=utf-8"},
                                 "Five soldiers were killed near Kreminna on Monday.".encode()))
    document = page_to_document(make_fetcher().fetch(server.url("/t.txt")), published=dt.date(2025, 1, 6))
    assert document.text.startswith("Five soldiers") and document.published == dt.date(2025, 1, 6)
    assert document.id == server.url("/t.txt")


def test_is_due():
    source = Source("s", "feed", "https://news.example/feed", poll_interval=dt.timedelta(minutes=15))
    now = dt.datetime(2025, 1, 10, 12, 0, tzinfo=dt.timezone.utc)
    assert is_due(source, None, now) and is_due(source, SourceState("s"), now)
    polled = SourceState("s", last_polled=now - dt.timedelta(minutes=10))
    assert not is_due(source, polled, now)
    assert is_due(source, polled, now + dt.timedelta(minutes=5))
