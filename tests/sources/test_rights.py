"""Rights at fetch time: the tdm-reservation header, the meta tag and a site's tdmrep.json."""

from __future__ import annotations

import json

import pytest
from fetchfixtures import _server, clock, make_fetcher, server, ssl_context  # noqa: F401 (fixtures)
from localserver import Reply

from conflictwatch.errors import BadSource
from conflictwatch.ingest.rights import TdmRule, declared, parse_tdmrep, tdmrep_rights
from conflictwatch.model import Rights
from conflictwatch.sources import page_to_document

STORY = ("<p>Two people were killed and five wounded when a drone struck a market in the town "
         "of Kupiansk on Tuesday morning, regional officials said.</p>"
         "<p>The governor said rescue teams were still searching the rubble of two shops, and that "
         "the town had been shelled several times this week.</p>"
         "<p>Ukraine's air force said it had shot down most of the drones launched overnight.</p>")


def article(meta: str = "") -> bytes:
    return (f"<!doctype html><html><head><title>Drone strikes market</title>{meta}</head>"
            f"<body><article><h1>Drone strikes market</h1>{STORY}</article></body></html>").encode()


RULES = [
    {"location": "/reserved/*", "tdm-reservation": 1, "tdm-policy": "https://news.test/tdm-policy.json"},
    {"location": "/exact$", "tdm-reservation": 1},
    {"location": "/", "tdm-reservation": 0},
]


def test_tdmrep_rules_first_match_wins():
    rules = parse_tdmrep(json.dumps(RULES), "tdmrep.json")
    assert rules[0] == TdmRule("/reserved/*", True, "https://news.test/tdm-policy.json")
    reserved = tdmrep_rights(rules, "https://news.test/reserved/2025/story?id=4")
    assert reserved == Rights(True, "tdmrep", None, "https://news.test/tdm-policy.json")
    assert tdmrep_rights(rules, "https://news.test/exact").tdm_reserved
    assert not tdmrep_rights(rules, "https://news.test/exact/more").tdm_reserved  # "$" ends it
    assert tdmrep_rights(rules, "https://news.test/open/1") == Rights(False, "tdmrep", None, None)
    assert tdmrep_rights(parse_tdmrep(json.dumps(RULES[:1]), "f"), "https://news.test/open") is None


def test_tdmrep_patterns():
    rule = TdmRule("/news/*/photos/*.jpg$", True)
    assert rule.matches("/news/2025/photos/a.jpg") and not rule.matches("/news/2025/photos/a.jpg.html")
    assert TdmRule("/Caf%65/", True).matches("/Cafe/1")  # unreserved escapes decoded on both sides
    assert TdmRule("/path/foo-%24", True).matches("/path/foo-%24")  # "$" escaped stays literal
    assert not TdmRule("/News/", True).matches("/news/1")  # case-sensitive


def test_tdmrep_bad_rules_are_left_out_and_bad_files_named():
    rules = parse_tdmrep(json.dumps([{"location": "/a", "tdm-reservation": 2},
                                     {"location": "/b", "tdm-reservation": True},
                                     {"tdm-reservation": 1},
                                     {"location": "/c", "tdm-reservation": "1"}]), "f")
    assert rules == (TdmRule("/c", True),)
    with pytest.raises(BadSource, match="tdmrep.json: not valid JSON"):
        parse_tdmrep(b"{nope", "tdmrep.json")
    with pytest.raises(BadSource, match="JSON array"):
        parse_tdmrep(b'{"location": "/"}', "tdmrep.json")


def test_precedence_meta_over_header_over_file():
    site = Rights(True, "tdmrep", None, "https://p")
    assert declared({}, {}, site) == site
    assert declared({}, {"tdm-reservation": "0"}, site) == Rights(False, "header", None, None)
    assert declared({"tdm-reservation": "1"}, {"tdm-reservation": "0"}, None).source == "meta"
    assert declared({"tdm-reservation": "yes"}, {}, site) == site  # not 0 or 1: undeclared
    assert declared({}, {}, None) is None


def test_header_reservation_reaches_the_document(server, make_fetcher):
    server.route("/story", Reply(200, {"Content-Type": "text/html; charset=utf-8", "TDM-Reservation": "1",
                                       "TDM-Policy": "https://news.test/policy"}, article()))
    page = make_fetcher().fetch(server.url("/story"))
    document = page_to_document(page)
    assert document.rights == Rights(True, "header", None, "https://news.test/policy")
    assert "Kupiansk" in document.text and document.url == server.url("/story")


def test_meta_reservation_reaches_the_document(server, make_fetcher):
    server.route("/story", Reply(200, {"Content-Type": "text/html"}, article(
        '<meta name="tdm-reservation" content="1">')))
    document = page_to_document(make_fetcher().fetch(server.url("/story")))
    assert document.rights.tdm_reserved and document.rights.source == "meta"


def test_site_file_reservation_reaches_the_document(server, make_fetcher):
    server.route("/.well-known/tdmrep.json", Reply(200, {"Content-Type": "application/json"},
                                                   json.dumps(RULES).encode()))
    html = {"Content-Type": "text/html"}
    server.route("/reserved/story", Reply(200, html, article()))
    server.route("/open/story", Reply(200, html, article()))
    server.route("/reserved/lifted", Reply(200, html, article('<meta name="tdm-reservation" content="0">')))
    fetcher = make_fetcher()
    documents = {}
    for path in ("/reserved/story", "/open/story", "/reserved/lifted"):
        page = fetcher.fetch(server.url(path))
        documents[path] = page_to_document(page, site_rights=fetcher.site_rights(page.final_url))
    assert documents["/reserved/story"].rights == Rights(True, "tdmrep", None, "https://news.test/tdm-policy.json")
    assert not documents["/open/story"].rights.tdm_reserved
    assert not documents["/reserved/lifted"].rights.tdm_reserved  # the page's meta tag supersedes the file
    assert server.paths().count("/.well-known/tdmrep.json") == 1  # once per site


@pytest.mark.parametrize("reply", [Reply(404), Reply(500), Reply(200, {}, b"<html>not json</html>")])
def test_site_without_a_usable_file_declares_nothing(server, make_fetcher, reply):
    server.route("/.well-known/tdmrep.json", reply)
    assert make_fetcher(retries=0).site_rights(server.url("/any/page")) is None


def test_notice_in_the_page_still_reserves(server, make_fetcher):
    notice = "<p>Text and data mining of this page is expressly reserved by the publisher.</p>"
    body = article().replace(b"</article>", notice.encode() + b"</article>")
    server.route("/story", Reply(200, {"Content-Type": "text/html", "tdm-reservation": "0"}, body))
    document = page_to_document(make_fetcher().fetch(server.url("/story")))
    assert document.rights.tdm_reserved and document.rights.source == "text"
