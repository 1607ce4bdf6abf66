"""The web app in a real browser: Debian's headless Chromium driven by Playwright
against a server this test starts on loopback. Skipped, with the reason, where
/usr/bin/chromium or the playwright package is missing (``.ci/run`` installs Chromium).

Set CONFLICTWATCH_UPDATE_SCREENSHOTS=1 to write the README's screenshots
(docs/screenshots/map.png and event.png) from this run.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from conflictwatch import accounts
from conflictwatch.serve import create_app
from conflictwatch.store import EventQuery, Store
from serve_data import fill

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
PASSWORD = "correct horse battery"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests skipped: {CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests skipped: pip install playwright")
uvicorn = pytest.importorskip("uvicorn")

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory, pipeline, actors):
    """A store with the examples and the test documents, served on loopback."""
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}") as store:
        fill(store, pipeline, actors)
        accounts.add_user(store, "rita", PASSWORD)
        port = _free_port()
        app = create_app(store, country_names=lambda: actors.country_name)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the test server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", store
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def _events(store, **filters):
    with store.reading() as r:
        return r.events(EventQuery(**filters), 1000).items


def _markers(page) -> int:
    """Markers drawn: single event markers plus the events counted in cluster icons."""
    return page.evaluate("""() => document.querySelectorAll('path.event-marker').length +
        Array.from(document.querySelectorAll('.marker-cluster')).reduce((s, n) => s + Number(n.textContent), 0)""")


def _screenshot(page, name: str, tmp_path: Path) -> None:
    target = DOCS if os.environ.get("CONFLICTWATCH_UPDATE_SCREENSHOTS") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / name))


def test_the_map_draws_a_marker_per_event(site, page, tmp_path):
    url, store = site
    placed = [e for e in _events(store) if e.location and e.location.lat is not None]
    page.goto(url + "/")
    page.wait_for_selector("body[data-state=ready]")
    page.wait_for_function("() => Number(document.getElementById('map').dataset.borders) > 200")
    assert page.get_attribute("#map", "data-markers") == str(len(placed))
    page.wait_for_function(f"() => document.querySelectorAll('path.event-marker').length + "
                           "Array.from(document.querySelectorAll('.marker-cluster'))"
                           f".reduce((s, n) => s + Number(n.textContent), 0) === {len(placed)}")
    # (The count is read inside the page once the clusters have settled: read again from here
    # while Leaflet animates a zoom, it can catch markers and their clusters both.)
    assert page.locator("#list li").count() == len(_events(store))
    assert page.locator("#timeline rect.bar").count() > 0
    _screenshot(page, "map.png", tmp_path)
    marker = page.locator("path.event-marker").first  # a popup links to its event
    marker.click(force=True)
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert re.match(r"/events/ev-[0-9a-f]{16}$", link.get_attribute("href"))


def test_a_filter_changes_map_timeline_and_list_together_and_lives_in_the_url(site, page):
    url, store = site
    page.goto(url + "/")
    page.wait_for_selector("body[data-state=ready]")
    every = int(page.get_attribute("#timeline", "data-events"))
    ukraine = _events(store, country="UA")
    page.fill("input[name=country]", "UA")
    page.press("input[name=country]", "Enter")
    page.wait_for_url(re.compile(r"country=UA"))
    page.wait_for_function(f"() => document.querySelectorAll('#list li').length === {len(ukraine)}")
    page.wait_for_selector("body[data-state=ready]")
    placed = [e for e in ukraine if e.location and e.location.lat is not None]
    assert page.get_attribute("#map", "data-markers") == str(len(placed))
    page.wait_for_function(f"() => document.querySelectorAll('path.event-marker').length + "
                           "Array.from(document.querySelectorAll('.marker-cluster'))"
                           f".reduce((s, n) => s + Number(n.textContent), 0) === {len(placed)}")
    dated = sum(1 for e in ukraine if e.date)
    assert int(page.get_attribute("#timeline", "data-events")) == dated < every
    shared = page.url
    page.select_option("select[name=type]", "Explosions/Remote violence")
    page.wait_for_url(re.compile(r"type=Explosions"))
    strikes = _events(store, country="UA", event_type="Explosions/Remote violence")
    page.wait_for_function(f"() => document.querySelectorAll('#list li').length === {len(strikes)}")
    page.goto(shared)  # a shared link opens the same view
    page.wait_for_selector("body[data-state=ready]")
    assert page.input_value("input[name=country]") == "UA"
    assert page.locator("#list li").count() == len(ukraine)


def test_the_event_page_highlights_the_evidence_of_a_figure(site, page, tmp_path):
    url, store = site
    [market] = _events(store, text="market", country="UA")
    page.goto(f"{url}/events/{market.id}")
    row = page.locator("tr.claim-row", has_text="regional governor").filter(has_text="killed")
    link = row.locator("a.show-evidence")
    assert link.inner_text() == "“killing five people”"
    link.click()
    mark = page.locator("mark.focus")
    mark.first.wait_for()
    # (Other evidence may overlap the figure's words, "people" for the victims: the focused
    # marks together read the claim.)
    assert "".join(mark.all_inner_texts()) == "killing five people" and mark.first.is_visible()
    assert "claim" in mark.first.get_attribute("class")
    assert page.evaluate("() => getComputedStyle(document.querySelector('mark.focus')).outlineStyle") == "solid"
    _screenshot(page, "event.png", tmp_path)


def test_a_reviewers_edit_appears_in_the_history(site, page):
    url, store = site
    [camp] = _events(store, country="SD", text="camp")
    page.goto(f"{url}/login?next=/events/{camp.id}")
    page.fill("input[name=name]", "rita")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(f"/events/{camp.id}"))
    page.select_option(".edit-form select[name=field]", "fatalities")
    page.fill(".edit-form input[name=value]", "14")
    page.fill(".edit-form input[name=reason]", "the camp's clinic counted fourteen")
    page.click(".edit-form button[type=submit]")
    page.wait_for_url(re.compile(r"done=saved"))
    latest = page.locator("table.history tr.version").first
    assert latest.get_attribute("data-by") == "rita"
    assert "fatalities set by rita: the camp's clinic counted fourteen" in latest.inner_text()
    assert page.locator("td.fatalities").inner_text().startswith("14")
    with store.reading() as r:
        assert r.history(camp.id)[-1].by == "rita"


def test_an_anonymous_visitor_cannot_edit(site, page):
    url, store = site
    [market] = _events(store, text="market", country="UA")
    page.goto(f"{url}/events/{market.id}")
    assert page.locator("form.edit-form").count() == 0
    assert page.locator(".login-to-review a").inner_text() == "Log in"
    statuses = page.evaluate(f"""async () => {{
        const api = await fetch('/api/events/{market.id}/edit', {{method: 'POST',
            headers: {{'Content-Type': 'application/json'}},
            body: JSON.stringify({{field: 'fatalities', value: 1, reason: 'vandal'}})}});
        const form = await fetch('/events/{market.id}/edit', {{method: 'POST',
            body: new URLSearchParams({{csrf: 'x', field: 'fatalities', value: '1', reason: 'vandal'}}),
            redirect: 'manual'}});
        return [api.status, form.status];
    }}""")
    assert statuses == [401, 401]
    with store.reading() as r:
        assert all(v.by == "system" for v in r.history(market.id))
