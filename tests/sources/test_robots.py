"""robots.txt: rules for our agent, 4xx allows, 5xx forbids, one fetch per site, Crawl-delay."""

from __future__ import annotations

import pytest
from fetchfixtures import _server, clock, make_fetcher, server, ssl_context  # noqa: F401 (fixtures)
from localserver import Reply

from conflictwatch.errors import RobotsDisallowed
from conflictwatch.sources.robots import origin_of, robots_url, rules_from_response

HTML = b"<html><body><p>Hello</p></body></html>"
ROBOTS = b"""User-agent: *
Disallow: /everyone-out/

User-agent: ConflictWatch
Disallow: /private/
Allow: /private/press/
"""


def test_disallowed_paths_are_not_fetched(server, make_fetcher):
    server.route("/robots.txt", Reply(200, {"Content-Type": "text/plain"}, ROBOTS))
    for path in ("/public", "/private/x", "/private/press/1", "/everyone-out/x"):
        server.route(path, Reply(200, {}, HTML))
    fetcher = make_fetcher()
    assert fetcher.fetch(server.url("/public")).content == HTML
    assert fetcher.fetch(server.url("/private/press/1")).content == HTML
    # Our group replaces the * group: /everyone-out/ is not closed to us.
    assert fetcher.fetch(server.url("/everyone-out/x")).content == HTML
    with pytest.raises(RobotsDisallowed, match="robots.txt disallows it for ConflictWatch"):
        fetcher.fetch(server.url("/private/x"))
    assert "/private/x" not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # cached for the site


@pytest.mark.parametrize("status, allowed", [(404, True), (410, True), (403, True), (401, True),
                                             (500, False), (503, False), (429, False)])
def test_robots_status_conventions(server, make_fetcher, status, allowed):
    server.route("/robots.txt", Reply(status))
    server.route("/page", Reply(200, {}, HTML))
    fetcher = make_fetcher(retries=0)
    if allowed:
        assert fetcher.fetch(server.url("/page")).content == HTML
    else:
        with pytest.raises(RobotsDisallowed, match="cannot be read"):
            fetcher.fetch(server.url("/page"))
        assert "/page" not in server.paths()


def test_unreachable_robots_is_asked_again_later(server, make_fetcher, clock):
    server.route("/robots.txt", Reply(503))
    server.route("/page", Reply(200, {}, HTML))
    fetcher = make_fetcher(retries=0)
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/page"))
    server.route("/robots.txt", Reply(404))
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/page"))  # still the cached answer
    clock.now += 601
    assert fetcher.fetch(server.url("/page")).content == HTML


def test_robots_per_site_and_redirected(server, make_fetcher):
    server.route("/robots.txt", Reply(200, {}, b"User-agent: *\nDisallow: /\n"), host="closed.test")
    server.route("/robots.txt", Reply(301, {"Location": "/robots-real.txt"}), host="open.test")
    server.route("/robots-real.txt", Reply(200, {}, b"User-agent: *\nDisallow: /no/\n"), host="open.test")
    server.route("/a", Reply(200, {}, HTML))
    server.route("/no/a", Reply(200, {}, HTML))
    fetcher = make_fetcher()
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/a", host="closed.test"))
    assert fetcher.fetch(server.url("/a", host="open.test")).content == HTML
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/no/a", host="open.test"))


def test_crawl_delay_is_honoured(server, make_fetcher, clock):
    server.route("/robots.txt", Reply(200, {}, b"User-agent: ConflictWatch\nCrawl-delay: 3\n"))
    server.route("/a", Reply(200, {}, HTML))
    fetcher = make_fetcher(min_interval=0.5)
    for _ in range(3):
        fetcher.fetch(server.url("/a"))
    # robots.txt at once; then the first page 0.5 s after it (the delay was not known
    # yet), and 3 s between the pages.
    assert clock.slept == [0.5, 3.0, 3.0]


def test_crawl_delay_is_capped(server, make_fetcher, clock):
    server.route("/robots.txt", Reply(200, {}, b"User-agent: *\nCrawl-delay: 86400\n"))
    server.route("/a", Reply(200, {}, HTML))
    fetcher = make_fetcher(max_crawl_delay=30)
    fetcher.fetch(server.url("/a"))
    fetcher.fetch(server.url("/a"))
    assert clock.slept == [30.0]


def test_rules_from_response_and_urls():
    assert rules_from_response("https://a.example", None, b"").state == "unreachable"
    assert rules_from_response("https://a.example", 404, b"").allows("https://a.example/x", "ConflictWatch")
    parsed = rules_from_response("https://a.example", 200,
                                 b"\xef\xbb\xbfUser-agent: *\nDisallow: /x\nSitemap: https://a.example/s.xml\n")
    assert not parsed.allows("https://a.example/x", "ConflictWatch")
    assert parsed.sitemaps() == ("https://a.example/s.xml",)
    rate = rules_from_response("https://a.example", 200, b"User-agent: *\nRequest-rate: 1/5\n")
    assert rate.crawl_delay("ConflictWatch") == 5.0
    assert origin_of("HTTPS://User@News.Example:8443/a?b") == "https://news.example:8443"
    assert robots_url("http://news.example/a/b?c") == "http://news.example/robots.txt"
