"""Feeds, sitemaps, URL lists and canonical URLs, parsed offline."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from conflictwatch.errors import BadSource
from conflictwatch.sources import (
    canonical_link,
    canonical_url,
    parse_feed,
    parse_sitemap,
    parse_url_list,
    read_url_list,
    walk_sitemaps,
)
from conflictwatch.sources.sitemaps import gunzip

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Frontline News</title><link>https://news.example/</link>
<item><title>Strike on Kharkiv</title><link>https://news.example/a/1?utm_source=rss</link>
  <guid isPermaLink="false">a1</guid><pubDate>Fri, 10 Jan 2025 08:30:00 +0200</pubDate></item>
<item><title>Relative link</title><link>/a/2</link></item>
<item><title>No link at all</title><description>x</description></item>
<item><title>Not the web</title><link>mailto:desk@news.example</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title>
<entry><title>Clash in Sudan</title><id>urn:x:1</id>
  <link rel="alternate" href="https://atom.example/s/1"/><updated>2025-02-01T12:00:00Z</updated></entry>
</feed>"""


def test_rss_items():
    feed = parse_feed(RSS, "https://news.example/feed.xml")
    assert feed.title == "Frontline News"
    assert [i.url for i in feed.items] == ["https://news.example/a/1?utm_source=rss", "https://news.example/a/2"]
    first = feed.items[0]
    assert first.title == "Strike on Kharkiv" and first.id == "a1"
    assert first.published == dt.datetime(2025, 1, 10, 6, 30, tzinfo=dt.timezone.utc)
    assert feed.items[1].published is None


def test_atom_items():
    feed = parse_feed(ATOM, "https://atom.example/feed")
    assert [(i.url, i.title, i.id) for i in feed.items] == [("https://atom.example/s/1", "Clash in Sudan", "urn:x:1")]
    assert feed.items[0].published == dt.datetime(2025, 2, 1, 12, tzinfo=dt.timezone.utc)


def test_not_a_feed():
    with pytest.raises(BadSource, match="https://x.example/feed: not an RSS or Atom feed"):
        parse_feed(b"<html><body>Hello</body></html>", "https://x.example/feed")


def test_feed_bytes_are_never_read_as_a_path(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS)
    with pytest.raises(BadSource):
        parse_feed(str(secret).encode(), "https://x.example/feed")


URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://news.example/a/1</loc><lastmod>2025-01-10</lastmod></url>
  <url><loc>https://news.example/a/2</loc><lastmod>2025-01-11T09:00:00+02:00</lastmod></url>
  <url><loc>ftp://news.example/nope</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example/s1.xml</loc></sitemap>
  <sitemap><loc>https://news.example/s2.xml.gz</loc></sitemap>
  <sitemap><loc>https://news.example/broken.xml</loc></sitemap>
</sitemapindex>"""


def test_sitemap_urlset_and_index():
    sitemap = parse_sitemap(URLSET, "https://news.example/s1.xml")
    assert [e.url for e in sitemap.entries] == ["https://news.example/a/1", "https://news.example/a/2"]
    assert sitemap.entries[0].lastmod == dt.datetime(2025, 1, 10, tzinfo=dt.timezone.utc)
    assert sitemap.entries[1].lastmod == dt.datetime(2025, 1, 11, 7, tzinfo=dt.timezone.utc)
    index = parse_sitemap(INDEX, "https://news.example/index.xml")
    assert index.entries == () and len(index.sitemaps) == 3


def test_sitemap_gzip_and_text():
    assert len(parse_sitemap(gzip.compress(URLSET), "https://news.example/s.xml.gz").entries) == 2
    text = parse_sitemap(b"https://news.example/t/1\n\nhttps://news.example/t/2\n", "https://news.example/s.txt")
    assert [e.url for e in text.entries] == ["https://news.example/t/1", "https://news.example/t/2"]


def test_sitemap_refuses_entities_and_bombs():
    evil = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://news.example/&x;</loc></url></urlset>"""
    sitemap = parse_sitemap(evil, "https://news.example/evil.xml")
    assert all("root:" not in e.url for e in sitemap.entries)
    with pytest.raises(BadSource, match="more than 1 MiB once decompressed"):
        gunzip(gzip.compress(b" " * (3 * 1024 * 1024)), "https://news.example/bomb.xml.gz", limit=1024 * 1024)
    with pytest.raises(BadSource, match="not well-formed"):
        parse_sitemap(b"<urlset><url>", "https://news.example/bad.xml")


def test_walk_sitemaps_follows_an_index():
    files = {"https://news.example/index.xml": INDEX, "https://news.example/s1.xml": URLSET,
             "https://news.example/s2.xml.gz": gzip.compress(URLSET.replace(b"/a/", b"/b/")),
             "https://news.example/broken.xml": b"<urlset"}
    found = list(walk_sitemaps("https://news.example/index.xml", files.__getitem__))
    urls = [e.url for e in found if not isinstance(e, BadSource)]
    assert urls == ["https://news.example/a/1", "https://news.example/a/2",
                    "https://news.example/b/1", "https://news.example/b/2"]
    assert [str(e) for e in found if isinstance(e, BadSource)][0].startswith("https://news.example/broken.xml")


def test_walk_sitemaps_stops_at_depth():
    def deeper(url: str) -> bytes:  # each index lists one a level deeper
        return f"<sitemapindex><sitemap><loc>{url}.x</loc></sitemap></sitemapindex>".encode()

    found = list(walk_sitemaps("https://n.example/i.xml", deeper, max_depth=2))
    assert len(found) == 1 and "deeper than 2 levels" in str(found[0])


def test_url_lists(tmp_path):
    text = "# backfill\nhttps://news.example/a/1\n\nnot a url\nhttp://news.example/a/2  some note\nftp://x/y\n"
    found = list(parse_url_list(text, "list.txt"))
    assert found[0] == "https://news.example/a/1" and found[2] == "http://news.example/a/2"
    assert str(found[1]) == "list.txt:4: 'not' is not an http(s) URL; fix the line or start it with # to skip it"
    assert str(found[3]).startswith("list.txt:6:")
    (tmp_path / "l.txt").write_text("https://news.example/x\n", encoding="utf-8")
    assert list(read_url_list(tmp_path / "l.txt")) == ["https://news.example/x"]
    missing = list(read_url_list(tmp_path / "missing.txt"))
    assert isinstance(missing[0], BadSource) and "cannot read" in str(missing[0])


@pytest.mark.parametrize("url, canonical", [
    ("https://News.Example/a/1?utm_source=rss&utm_medium=feed", "https://news.example/a/1"),
    ("https://news.example/a/1#comments", "https://news.example/a/1"),
    ("HTTPS://news.example:443/a/./b/../1", "https://news.example/a/1"),
    ("https://news.example/a/1?b=2&a=1&fbclid=xyz", "https://news.example/a/1?a=1&b=2"),
    ("http://news.example", "http://news.example/"),
    ("http://news.example:8080/a/", "http://news.example:8080/a/"),
])
def test_canonical_urls(url, canonical):
    assert canonical_url(url) == canonical


def test_canonical_url_refuses_other_schemes():
    with pytest.raises(BadSource):
        canonical_url("javascript:alert(1)")


def test_canonical_link_stays_on_the_site():
    page = '<html><head><link rel="canonical" href="/a/1?utm_source=x"></head><body>x</body></html>'
    assert canonical_link(page, "https://www.news.example/amp/a/1") == "https://www.news.example/a/1"
    other = '<html><head><link rel="canonical" href="https://elsewhere.example/a/1"></head></html>'
    assert canonical_link(other, "https://news.example/a/1") is None
    assert canonical_link("<html><body>no link</body></html>", "https://news.example/a") is None
