"""The fetcher against a local server: limits, retries, redirects, conditional requests, SSRF."""

from __future__ import annotations

import gzip
import threading
import time

import pytest
from fetchfixtures import _server, clock, make_fetcher, server, ssl_context  # noqa: F401 (fixtures)
from localserver import Reply, Seen

from conflictwatch import __version__
from conflictwatch.errors import (
    AddressRefused,
    ConfigError,
    FetchTimeout,
    HTTPStatusError,
    RedirectLoop,
    ResponseTooLarge,
    TooManyRedirects,
    URLRefused,
)
from conflictwatch.settings import resolve_settings
from conflictwatch.sources import Fetcher, FetchPolicy, MemoryStore, default_user_agent
from conflictwatch.sources.fetch import _decode_bytes, retry_after_seconds

HTML = b"<html><head><title>T</title></head><body><p>Hello</p></body></html>"
MB = 1024 * 1024


def sequence(*replies: Reply):
    """A route answering each request with the next reply (the last one repeats)."""
    queue = list(replies)
    lock = threading.Lock()

    def answer(seen: Seen) -> Reply:
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return answer


def test_fetches_a_page_with_our_user_agent(server, make_fetcher):
    server.route("/a", Reply(200, {"Content-Type": "text/html; charset=ISO-8859-1"}, "Café".encode("latin-1")))
    page = make_fetcher().fetch(server.url("/a"))
    assert page.status == 200 and page.content == "Café".encode("latin-1")
    assert page.charset == "iso-8859-1" and page.content_type == "text/html" and page.text() == "Café"
    assert page.final_url == page.url == server.url("/a") and page.redirects == ()
    agents = {r.path: r.headers["user-agent"] for r in server.requests}
    assert set(agents) == {"/robots.txt", "/a"}
    assert all(a == default_user_agent() for a in agents.values())
    assert default_user_agent().startswith(f"ConflictWatch/{__version__} (+http")


def test_declared_size_over_the_limit_is_refused_unread(server, make_fetcher):
    fifty = 50 * MB
    server.route("/big", Reply(200, {"Content-Length": str(fifty)}, (b"x" * 65536 for _ in range(fifty // 65536))))
    started = time.monotonic()
    with pytest.raises(ResponseTooLarge, match="announces 52,428,800 bytes"):
        make_fetcher(max_bytes=MB).fetch(server.url("/big"))
    assert time.monotonic() - started < 2
    assert server.wait_finished("/big")
    assert server.bytes_sent["/big"] < fifty // 4  # the server gave up when we hung up


def test_streamed_body_stops_at_the_limit(server, make_fetcher):
    fifty = 50 * MB
    server.route("/stream", Reply(200, {}, (b"x" * 65536 for _ in range(fifty // 65536))))  # chunked, no length
    with pytest.raises(ResponseTooLarge, match="reading stopped"):
        make_fetcher(max_bytes=MB).fetch(server.url("/stream"))
    assert server.wait_finished("/stream")
    assert server.bytes_sent["/stream"] < fifty // 4


def test_the_limit_holds_after_decompression(server, make_fetcher):
    bomb = gzip.compress(b"\0" * (5 * MB), compresslevel=9)
    assert len(bomb) < MB // 10
    server.route("/bomb", Reply(200, {"Content-Encoding": "gzip"}, bomb))
    with pytest.raises(ResponseTooLarge):
        make_fetcher(max_bytes=MB).fetch(server.url("/bomb"))


def test_slow_host_times_out(server, make_fetcher, clock):
    server.route("/slow", Reply(200, {}, HTML, delay=1.0))
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="try later"):
        make_fetcher(read_timeout=0.2, retries=1).fetch(server.url("/slow"))
    assert time.monotonic() - started < 0.9
    assert server.paths().count("/slow") == 2  # one retry
    assert clock.slept == [0.5]


def test_server_error_then_success_is_retried_with_backoff(server, make_fetcher, clock):
    server.route("/flaky", sequence(Reply(500), Reply(503), Reply(200, {}, HTML)))
    page = make_fetcher().fetch(server.url("/flaky"))
    assert page.content == HTML
    assert server.paths().count("/flaky") == 3
    assert clock.slept == [0.5, 1.0]  # backoff doubles


def test_429_honours_retry_after(server, make_fetcher, clock):
    server.route("/busy", sequence(Reply(429, {"Retry-After": "7"}), Reply(200, {}, HTML)))
    assert make_fetcher().fetch(server.url("/busy")).content == HTML
    assert clock.slept == [7.0]


def test_retry_after_beyond_the_limit_gives_up_at_once(server, make_fetcher, clock):
    server.route("/later", Reply(429, {"Retry-After": "3600"}))
    with pytest.raises(HTTPStatusError, match="asks to wait 3600 s") as caught:
        make_fetcher(max_retry_after=60).fetch(server.url("/later"))
    assert caught.value.status == 429 and server.paths().count("/later") == 1 and clock.slept == []


def test_errors_after_the_retries(server, make_fetcher):
    server.route("/down", Reply(503))
    server.route("/gone", Reply(404))
    fetcher = make_fetcher()
    with pytest.raises(HTTPStatusError, match=r"server error \(503\) after 3 tries; try later"):
        fetcher.fetch(server.url("/down"))
    with pytest.raises(HTTPStatusError, match="not found") as caught:
        fetcher.fetch(server.url("/gone"))
    assert caught.value.status == 404 and server.paths().count("/gone") == 1  # 404 is not retried


def test_retry_after_forms():
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_redirects_are_followed_and_recorded(server, make_fetcher):
    server.route("/old", Reply(301, {"Location": "/moved"}))
    server.route("/moved", Reply(302, {"Location": server.url("/new", host="other.test")}))
    server.route("/new", Reply(200, {}, HTML), host="other.test")
    page = make_fetcher().fetch(server.url("/old"))
    assert page.final_url == server.url("/new", host="other.test")
    assert page.redirects == (server.url("/old"), server.url("/moved"))
    # the other site's robots.txt was asked before its page
    assert server.paths("other.test") == ["/robots.txt", "/new"]


def test_redirect_loop_and_limit(server, make_fetcher):
    server.route("/a", Reply(302, {"Location": "/b"}))
    server.route("/b", Reply(302, {"Location": "/a"}))
    for n in range(10):
        server.route(f"/hop{n}", Reply(302, {"Location": f"/hop{n + 1}"}))
    fetcher = make_fetcher(max_redirects=3)
    with pytest.raises(RedirectLoop, match="loop"):
        fetcher.fetch(server.url("/a"))
    with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
        fetcher.fetch(server.url("/hop0"))
    assert server.paths().count("/hop4") == 0


def test_redirect_to_metadata_address_is_refused_even_with_private_allowed(server, make_fetcher):
    server.route("/meta", Reply(302, {"Location": "http://169.254.169.254/latest/meta-data/"}))
    server.route("/meta-name", Reply(302, {"Location": server.url("/x", host="metadata-alias.test")}))
    fetcher = make_fetcher(allow_private_addresses=True)
    with pytest.raises(AddressRefused, match="redirects to http://169.254.169.254/.*cloud metadata") as caught:
        fetcher.fetch(server.url("/meta"))
    assert caught.value.url == server.url("/meta")
    # A name that resolves to the metadata address: refused after resolution.
    with pytest.raises(AddressRefused, match="metadata-alias.test \\(169.254.169.254\\)"):
        fetcher.fetch(server.url("/meta-name"))


def test_redirect_to_other_private_addresses_is_refused(server, make_fetcher):
    server.route("/to-lan", Reply(302, {"Location": "http://10.0.0.1/admin"}))
    server.route("/to-localhost", Reply(302, {"Location": f"http://localhost:{server.port}/x"}))
    server.route("/to-ten", Reply(302, {"Location": server.url("/x", host="ten.test")}))
    server.route("/to-file", Reply(302, {"Location": "file:///etc/passwd"}))
    fetcher = make_fetcher()  # only 127.0.0.1/32 is allowed
    for path in ("/to-lan", "/to-localhost", "/to-ten"):
        with pytest.raises(AddressRefused, match="allow_private_addresses"):
            fetcher.fetch(server.url(path))
    with pytest.raises(URLRefused, match="only http and https"):
        fetcher.fetch(server.url("/to-file"))
    assert "/x" not in server.paths()


def test_private_address_refused_without_the_setting(server, make_fetcher):
    server.route("/a", Reply(200, {}, HTML))
    strict = make_fetcher(allowed_networks=())
    with pytest.raises(AddressRefused, match="127.0.0.1 is a loopback address; set allow_private_addresses"):
        strict.fetch(server.url("/a"))
    with pytest.raises(AddressRefused, match=r"intranet.test \(127.0.0.1\)"):
        strict.fetch(server.url("/a", host="intranet.test"))
    assert server.requests == []  # nothing was sent
    opened = make_fetcher(allowed_networks=(), allow_private_addresses=True)
    assert opened.fetch(server.url("/a", host="intranet.test")).content == HTML


def test_the_setting_reaches_the_policy():
    on = resolve_settings({}, environ={"CONFLICTWATCH_ALLOW_PRIVATE_ADDRESSES": "yes"})
    assert FetchPolicy.from_settings(on).allow_private_addresses
    assert resolve_settings({"allow_private_addresses": True}, environ={}).allow_private_addresses
    assert not FetchPolicy.from_settings(resolve_settings({}, environ={})).allow_private_addresses
    with pytest.raises(ConfigError, match="CONFLICTWATCH_ALLOW_PRIVATE_ADDRESSES"):
        resolve_settings({}, environ={"CONFLICTWATCH_ALLOW_PRIVATE_ADDRESSES": "maybe"})


def test_the_setting_from_a_file_and_the_command_line(tmp_path):
    from conflictwatch.cli import build_parser

    ini = tmp_path / "settings.ini"
    ini.write_text("[conflictwatch]\nallow_private_addresses = on\n", encoding="utf-8")
    assert resolve_settings({"settings_file": str(ini)}, environ={}).allow_private_addresses
    ini.write_text("[conflictwatch]\nallow_private_addresses = sometimes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="settings.ini: allow_private_addresses is 'sometimes'"):
        resolve_settings({"settings_file": str(ini)}, environ={})
    args = build_parser().parse_args(["extract", "a.txt", "--allow-private-addresses"])
    assert args.allow_private_addresses is True
    assert build_parser().parse_args(["extract", "a.txt"]).allow_private_addresses is None


def test_rebinding_between_connections_is_caught(server, make_fetcher):
    server.route("/a", Reply(200, {"Connection": "close"}, HTML))
    answers = iter([["127.0.0.1"], ["127.0.0.1"], ["169.254.169.254"]])
    fetcher = make_fetcher(resolver=lambda host, port: next(answers))
    assert fetcher.fetch(server.url("/a", host="rebind.test")).content == HTML  # robots.txt, then /a
    with pytest.raises(AddressRefused, match="cloud metadata"):
        fetcher.fetch(server.url("/a", host="rebind.test"))


def test_https_only_and_schemes(server, make_fetcher):
    server.route("/a", Reply(200, {}, HTML))
    with pytest.raises(URLRefused, match="https is required"):
        make_fetcher(https_only=True).fetch(server.url("/a"))
    for url in ("ftp://127.0.0.1/a", "file:///etc/passwd", "gopher://127.0.0.1:70/"):
        with pytest.raises(URLRefused, match="only http and https"):
            make_fetcher().fetch(url)
    server.route("/down", Reply(302, {"Location": server.url("/a")}))
    assert server.requests == []


def test_etag_and_last_modified_give_304(server, make_fetcher):
    def conditional(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'})
        return Reply(200, {"ETag": '"v1"', "Last-Modified": "Wed, 08 Jan 2025 10:00:00 GMT"}, HTML)

    server.route("/c", conditional)
    store = MemoryStore()
    fetcher = make_fetcher(cache=store)
    first = fetcher.fetch(server.url("/c"))
    assert first.status == 200 and not first.not_modified
    entry = store.get_url(server.url("/c"))
    assert entry is not None and entry.etag == '"v1"' and entry.content_hash == first.content_hash
    second = fetcher.fetch(server.url("/c"))
    assert second.not_modified and second.content == b""
    sent = [r.headers for r in server.requests if r.path == "/c"][1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Wed, 08 Jan 2025 10:00:00 GMT"
    assert fetcher.fetch(server.url("/c"), conditional=False).status == 200


def test_min_interval_spaces_requests_per_host(server, make_fetcher, clock):
    server.route("/a", Reply(200, {}, HTML))
    fetcher = make_fetcher(min_interval=2.0)
    for _ in range(3):
        fetcher.fetch(server.url("/a", host="one.test"))
    assert clock.slept == [2.0, 2.0, 2.0]  # robots.txt, then three pages
    fetcher.fetch(server.url("/a", host="two.test"))
    # another host: its robots.txt went at once, its page waited for that request only
    assert clock.slept == [2.0, 2.0, 2.0, 2.0]


def test_concurrency_caps(server, make_fetcher):
    lock = threading.Lock()
    active = {"now": 0, "most": 0}

    def slow(seen: Seen) -> Reply:
        with lock:
            active["now"] += 1
            active["most"] = max(active["most"], active["now"])
        time.sleep(0.05)
        with lock:
            active["now"] -= 1  # before the answer is sent, so the client cannot be ahead
        return Reply(200, {}, HTML)

    server.route("/s1", slow)
    server.route("/s2", slow)
    urls = [server.url(p, host=h) for h in ("a.test", "b.test") for p in ("/s1", "/s2")]
    fetcher = make_fetcher(per_host_concurrency=1, max_concurrency=4)
    results = list(fetcher.fetch_many(urls))
    assert [u for u, _ in results] == urls and all(p.content == HTML for _, p in results)
    assert active["most"] == 2  # one per host, both hosts at once
    active["most"] = 0
    capped = make_fetcher(per_host_concurrency=4, max_concurrency=1)
    list(capped.fetch_many(urls))
    assert active["most"] == 1


def test_policy_is_checked():
    with pytest.raises(ConfigError, match="max_bytes"):
        FetchPolicy(max_bytes=0)
    with pytest.raises(ConfigError, match="retries"):
        FetchPolicy(retries=-1)


def test_decoding_prefers_bom_then_declared_then_meta():
    assert _decode_bytes("\ufeffé".encode("utf-8"), "x", "latin-1") == "é"
    assert _decode_bytes("é".encode("latin-1"), "x", "latin-1") == "é"
    assert _decode_bytes(b'<meta charset="windows-1251">' + "Київ".encode("cp1251"), "x", None).endswith("Київ")
    assert _decode_bytes("é".encode("latin-1"), "x", None) == "é"  # not UTF-8: Windows-1252
    assert _decode_bytes(b"ok", "x", "no-such-charset") == "ok"


def test_fetcher_is_a_context_manager(server):
    with Fetcher(FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0)) as fetcher:
        server.route("/a", Reply(200, {}, HTML))
        assert fetcher.fetch(server.url("/a")).content == HTML


def test_a_mock_transport_stands_in_for_the_network(clock):
    """A test's own transport (httpx.MockTransport) replaces the network; the URL
    checks still run before it is asked."""
    import httpx

    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=HTML)

    fetcher = Fetcher(FetchPolicy(min_interval=0), transport=httpx.MockTransport(handler), sleep=clock.sleep)
    assert fetcher.fetch("https://news.example/a").content == HTML
    with pytest.raises(AddressRefused):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert asked == ["https://news.example/robots.txt", "https://news.example/a"]
