"""The pages, through the test client: every page renders, user text is escaped, the
login form and review forms check their CSRF tokens, an anonymous visitor cannot
edit, and the assets are all served from the package (no CDN)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictwatch import accounts
from conflictwatch.serve import create_app
from conflictwatch.store import EventQuery, Store
from serve_data import fill

PASSWORD = "correct horse battery"
STATIC = Path(__file__).resolve().parents[1] / "src" / "conflictwatch" / "serve" / "static"


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline, actors):
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'store.db'}") as opened:
        fill(opened, pipeline, actors)
        accounts.add_user(opened, "bob", PASSWORD)
        yield opened


@pytest.fixture(scope="module")
def client(store, actors):
    return TestClient(create_app(store, country_names=lambda: actors.country_name))


def event_ids(store, **filters) -> list[str]:
    with store.reading() as r:
        return [e.id for e in r.events(EventQuery(**filters), 1000).items]


def log_in(client, name="bob", password=PASSWORD, follow=False):
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf, "next": "/review"},
                       follow_redirects=follow)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_every_page_renders(client, store):
    [market] = event_ids(store, text="market", country="UA")
    doc_ids = [d.id for d in store_documents(store)]
    for path in ["/", "/?country=UA&type=Battles", "/events", "/events?country=SD", "/review",
                 "/review?low_confidence=true", "/documents", "/sources", "/sources/Wire", "/sources/-", "/login",
                 f"/events/{market}", *(f"/documents/{d}" for d in doc_ids), "/api/docs"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "text/html" in response.headers["content-type"]


def store_documents(store):
    with store.reading() as r:
        return list(r.iter_documents())


def test_missing_things_and_bad_parameters_are_pages_with_a_message(client):
    for path, status in (("/events/ev-0000000000000000", 404), ("/documents/doc-0000000000000000", 404),
                         ("/sources/Nobody", 404), ("/nowhere", 404), ("/?since=soon", 400),
                         ("/events?bbox=1,2", 400)):
        response = client.get(path)
        assert response.status_code == status and 'class="error"' in response.text, path


def test_user_text_is_escaped(client, store):
    [bus] = event_ids(store, text="bus stop")
    page = client.get(f"/events/{bus}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in client.get("/events").text
    assert "<script>alert" not in client.get("/documents").text


def test_event_page_shows_claims_evidence_and_history(client, store):
    [market] = event_ids(store, text="market", country="UA")
    page = client.get(f"/events/{market}").text
    assert "regional governor" in page and "city&#39;s mayor" in page
    # The claim's words are marked as a claim (other evidence may cover part of them too,
    # "people" for the victims, which cuts the words into runs).
    claim_runs = re.findall(r'<mark class="ev claim[^"]*"[^>]*>([^<]*)</mark>', page)
    assert "killing five people" in "".join(claim_runs)
    assert 'href="#r0-c0"' in page
    assert "report added" in page and "Merge decisions" in page
    assert "Log in</a> to confirm" in page and "edit-form" not in page


def test_reserved_document_shows_quotes_only(client, store):
    [camp] = event_ids(store, country="SD", text="camp")
    page = client.get(f"/events/{camp}").text
    [reserved] = [part for part in page.split('<div class="report"')[1:] if "Sudan Desk" in part.split("</p>")[0]]
    assert "only the stored quotes are shown" in reserved
    assert 'class="doc-text"' not in reserved and "killing 12 civilians" in reserved


def test_an_anonymous_visitor_cannot_edit(client, store):
    [market] = event_ids(store, text="market", country="UA")
    before = client.get(f"/api/events/{market}/history").json()["history"]
    for action, data in (("confirm", {}), ("edit", {"field": "fatalities", "value": "1", "reason": "x"}),
                         ("reject", {"reason": "x"}), ("merge", {"other": market, "reason": "x"})):
        response = client.post(f"/events/{market}/{action}", data={"csrf": "forged", **data}, follow_redirects=False)
        assert response.status_code in (401, 403), action
    assert client.get(f"/api/events/{market}/history").json()["history"] == before


def test_login_and_a_reviewers_edit_through_the_form(store, actors):
    browser = TestClient(create_app(store, country_names=lambda: actors.country_name))
    assert log_in(browser, password="wrong").headers["location"].startswith("/login?")
    no_cookie = TestClient(browser.app)
    assert no_cookie.post("/login", data={"name": "bob", "password": PASSWORD, "csrf": "x"}).status_code == 403
    done = log_in(browser)
    assert done.status_code == 303 and done.headers["location"] == "/review"
    [camp] = event_ids(store, country="SD", text="camp")
    page = browser.get(f"/events/{camp}").text
    assert "edit-form" in page and "bob (reviewer)" in page
    csrf = csrf_of(page)
    forged = browser.post(f"/events/{camp}/edit", data={"csrf": "forged", "field": "wounded", "value": "3",
                                                        "reason": "x"}, follow_redirects=False)
    assert forged.status_code == 403
    bad = browser.post(f"/events/{camp}/edit", data={"csrf": csrf, "field": "wounded", "value": "three",
                                                     "reason": "x"}, follow_redirects=False)
    assert bad.status_code == 303 and "error=" in bad.headers["location"]
    saved = browser.post(f"/events/{camp}/edit", data={"csrf": csrf, "field": "wounded", "value": "3",
                                                       "reason": "the clinic counted three"})
    assert saved.status_code == 200
    assert re.search(r'data-by="bob"[^>]*>\s*<td>\d+</td><td>[^<]+</td><td class="by">bob</td><td><b>edited</b>: '
                     r'wounded set by bob: the clinic counted three', saved.text)
    logout = browser.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert logout.status_code == 303
    assert "edit-form" not in browser.get(f"/events/{camp}").text


def test_assets_are_served_from_the_package(client):
    page = client.get("/").text
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/static/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    for script in STATIC.glob("*.js"):
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", script.read_text()), script
    versions = (STATIC / "vendor" / "VERSIONS.txt").read_text()
    assert "leaflet 1.9.4" in versions and "world-atlas 2.0.2" in versions
