"""The JSON API, on SQLite and on PostgreSQL: every endpoint, its filters and formats,
bad parameters (a 400 with a message, never a 500), logins, tokens and CSRF, and the
review actions recorded in the history under the reviewer's name."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from conflictwatch import accounts
from conflictwatch.confidence import low_confidence_reasons
from conflictwatch.serve import create_app
from conflictwatch.store import EventQuery, Store
from serve_data import fill

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory, pipeline, actors):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}"
        with Store.open(url) as opened:
            fill(opened, pipeline, actors)
            yield opened
        return
    from conflictwatch.testing import temporary_postgres

    with temporary_postgres(request.getfixturevalue("postgres_base")) as url:
        with Store.open(url) as opened:
            fill(opened, pipeline, actors)
            yield opened


@pytest.fixture(scope="module")
def users(store):
    accounts.add_user(store, "alice", PASSWORD, "reviewer")
    accounts.add_user(store, "root", PASSWORD, "admin")
    return {"alice": accounts.issue_token(store, "alice"), "root": accounts.issue_token(store, "root")}


@pytest.fixture(scope="module")
def client(store, actors):
    return TestClient(create_app(store, country_names=lambda: actors.country_name))


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["items"]]


def market_id(client) -> str:
    [found] = ids(client.get("/api/events", params={"text": "market", "country": "UA"}))
    return found


# -- reads ------------------------------------------------------------------------------------


def test_events_page_with_total_and_next(client):
    every = client.get("/api/events", params={"limit": 1000}).json()
    assert every["total"] == len(every["items"]) >= 10
    first = client.get("/api/events", params={"limit": 2})
    body = first.json()
    assert first.headers["x-total-count"] == str(every["total"])
    assert [e["id"] for e in body["items"]] == [e["id"] for e in every["items"][:2]]
    assert "offset=2" in body["next"]
    second = client.get(body["next"]).json()
    assert [e["id"] for e in second["items"]] == [e["id"] for e in every["items"][2:4]]
    last = client.get("/api/events", params={"limit": 5, "offset": every["total"] - 1}).json()
    assert len(last["items"]) == 1 and last["next"] is None
    dates = [e["date"] for e in every["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)


def test_every_filter_maps_to_the_store_query(client, store):
    cases = [({"country": "UA"}, EventQuery(country="UA")), ({"country": "sudan"}, EventQuery(country="sudan")),
             ({"type": "Battles"}, EventQuery(event_type="Battles")),
             ({"type": "air/drone strike"}, EventQuery(event_type="air/drone strike")),
             ({"actor": "rapid support"}, EventQuery(actor="rapid support")),
             ({"min_fatalities": 7}, EventQuery(min_fatalities=7)),
             ({"text": "bus stop"}, EventQuery(text="bus stop")),
             ({"since": "2025-01-01", "until": "2025-03-31"},
              EventQuery(since=__import__("datetime").date(2025, 1, 1),
                         until=__import__("datetime").date(2025, 3, 31))),
             ({"bbox": "30,45,40,52"}, EventQuery(bbox=(30, 45, 40, 52))),
             ({"admin1": "Kharkiv"}, EventQuery(admin1="Kharkiv")),
             ({"review": "new"}, EventQuery(review="new")),
             ({"low_confidence": "true"}, EventQuery(low_confidence=True)),
             ({"status": ["active", "rejected"]}, EventQuery(statuses=("active", "rejected")))]
    with store.reading() as r:
        for params, query in cases:
            expected = [e.id for e in r.events(query, 1000).items]
            assert ids(client.get("/api/events", params={**params, "limit": 1000})) == expected, params
    assert ids(client.get("/api/events", params={"text": "bus stop"}))
    assert ids(client.get("/api/events", params={"actor": "%"})) == []


def test_low_confidence_in_sql_agrees_with_the_rule(client, store):
    with store.reading() as r:
        every = r.events(EventQuery(), 1000).items
        flagged = {e.id for e in r.events(EventQuery(low_confidence=True), 1000).items}
    assert flagged == {e.id for e in every if low_confidence_reasons(e)}
    assert flagged and flagged != {e.id for e in every}
    data = client.get("/api/events", params={"limit": 1000, "detail": "full"}).json()["items"]
    assert {e["id"] for e in data if e["low_confidence"]} == flagged


def test_summaries_and_full_records(client, store):
    summary = client.get("/api/events", params={"country": "UA", "text": "market"}).json()["items"][0]
    full = client.get("/api/events", params={"country": "UA", "text": "market", "detail": "full"}).json()["items"][0]
    assert summary["n_reports"] == len(full["reports"]) == 2 and "claims" not in summary
    for key in ("id", "event_type", "sub_event_type", "date", "location", "actors", "fatalities", "wounded", "review"):
        assert summary[key] == full[key], key
    assert summary["title"] == full["reports"][0]["title"]
    geo = client.get("/api/events", params={"format": "geojson", "detail": "full", "country": "UA"}).json()
    assert geo["features"][0]["properties"]["claims"]


def test_geojson_and_csv_by_parameter_or_accept_header(client):
    total = client.get("/api/events").json()["total"]
    geo = client.get("/api/events", params={"format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    assert geo.headers["x-total-count"] == str(total)
    by_accept = client.get("/api/events", headers={"Accept": "application/geo+json"})
    assert by_accept.json() == geo.json()
    text = client.get("/api/events", headers={"Accept": "text/csv"})
    assert text.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert len(rows) == total and rows[0]["event_id"].startswith("ev-")
    assert client.get("/api/events", params={"format": "csv", "country": "SD"}).text.count("\n") == 1 + sum(
        1 for _ in client.get("/api/events", params={"country": "SD"}).json()["items"])


@pytest.mark.parametrize("params, words", [
    ({"since": "yesterday"}, "since"), ({"until": "2025-13-01"}, "until"), ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"), ({"bbox": "0,10,5,5"}, "bbox"), ({"bbox": "0,0,200,10"}, "bbox"),
    ({"bbox": "nan,0,1,1"}, "bbox"), ({"limit": 0}, "limit"), ({"limit": 100000}, "limit"),
    ({"offset": -1}, "offset"), ({"offset": 10**12}, "offset"), ({"min_fatalities": -3}, "min_fatalities"),
    ({"min_fatalities": "many"}, "min_fatalities"), ({"review": "maybe"}, "review"), ({"status": "gone"}, "status"),
    ({"since": "2025-05-01", "until": "2025-01-01"}, "since is after until"), ({"text": "a\x00b"}, "NUL"),
    ({"format": "xml"}, "format"), ({"low_confidence": "perhaps"}, "low_confidence"), ({"text": "x" * 600}, "text"),
])
def test_bad_parameters_are_400_with_a_message(client, params, words):
    for path in ("/api/events", "/api/stats", "/api/review/queue"):
        if path == "/api/stats" and {"format", "limit", "offset"} & set(params):
            continue
        if path == "/api/review/queue" and "format" in params:
            continue
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, params, response.text)
        message = response.json()["error"]["message"]
        assert words in message, message


def test_unknown_ids_and_paths(client):
    for path in ("/api/events/ev-0000000000000000", "/api/events/ev-0000000000000000/history",
                 "/api/documents/doc-0000000000000000", "/api/nothing"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"]["message"], path
    assert client.get("/api/events/%20bad%20id%3B").status_code == 400
    assert client.delete("/api/events").status_code == 405


def test_one_event_with_claims_sources_evidence_and_history(client):
    event = client.get(f"/api/events/{market_id(client)}").json()
    assert {r["site"] for r in event["reports"]} == {"Wire", "Local News"}
    claims = {(c["figure"], c["low"], c["claimant"], c["site"]) for c in event["claims"]}
    assert ("killed", 5, "regional governor", "Wire") in claims
    assert ("killed", 7, "city's mayor", "Local News") in claims
    assert event["fatalities"] == {"low": 5, "best": 7, "high": 7}
    assert {e["field"] for e in event["evidence"]} >= {"location", "fatalities"}
    assert [h["action"] for h in event["history"]][:2] == ["created", "report added"]
    assert [d["action"] for d in event["merge_decisions"]] == ["created", "joined"]
    history = client.get(f"/api/events/{event['id']}/history").json()
    assert history["history"] == event["history"] and history["merge_decisions"] == event["merge_decisions"]


def test_documents_sources_and_rights(client, store):
    docs = client.get("/api/documents", params={"limit": 1000}).json()
    with store.reading() as r:
        stored = len(list(r.iter_documents()))
    assert docs["total"] == len(docs["items"]) == stored > 10 and all("text" not in d for d in docs["items"])
    by_title = {d["title"]: d for d in docs["items"]}
    camp = client.get(f"/api/documents/{by_title['RSF shells camp near El Fasher']['id']}").json()
    assert camp["rights"]["tdm_reserved"] and camp["text"] is None and not camp["body_kept"]
    assert camp["reports"] and camp["reports"][0]["claims"][0]["text"]
    wire = client.get(f"/api/documents/{by_title['Russian missile hits Kharkiv market, killing five']['id']}").json()
    assert "crowded market" in wire["text"] and wire["reports"][0]["event_id"].startswith("ev-")
    span = wire["reports"][0]["claims"][0]
    assert wire["text"][span["start"]:span["end"]] == span["text"]
    sources = {s["site"]: s for s in client.get("/api/sources").json()["items"]}
    assert sources["Wire"]["documents"] == 2 and sources["Wire"]["reports"] == 2
    assert client.get("/api/documents", params={"site": "Wire"}).json()["total"] == 2


def test_stats_follow_the_filters(client):
    stats = client.get("/api/stats").json()
    events = client.get("/api/events", params={"limit": 1000}).json()["items"]
    assert stats["events"] == len(events)
    assert stats["fatalities"] == sum(e["fatalities"]["best"] for e in events if e["fatalities"])
    assert sum(d["events"] for d in stats["per_day"]) == sum(1 for e in events if e["date"])
    assert sum(c["events"] for c in stats["per_country"]) == stats["events"]
    assert {t["key"] for t in stats["per_type"]} == {e["event_type"] for e in events}
    ukraine = client.get("/api/stats", params={"country": "UA"}).json()
    assert [c["key"] for c in ukraine["per_country"]] == ["UA"] and ukraine["events"] < stats["events"]
    assert client.get("/api/stats", params={"text": "nothing-matches-this"}).json()["per_day"] == []


def test_the_review_queue(client):
    queue = client.get("/api/review/queue", params={"limit": 1000}).json()
    assert queue["total"] >= 10 and all(e["review"] in ("new", "changed") for e in queue["items"])
    low = client.get("/api/review/queue", params={"low_confidence": True, "limit": 1000}).json()
    assert 0 < low["total"] < queue["total"] and all(e["low_confidence"] for e in low["items"])


# -- writes -----------------------------------------------------------------------------------


def test_writes_need_a_login_and_a_valid_token(client, users):
    target = market_id(client)
    for headers in ({}, auth("cw_not-a-real-token"), auth("garbage")):
        response = client.post(f"/api/events/{target}/confirm", json={"reason": "x"}, headers=headers)
        assert response.status_code == 401 and "token" in response.json()["error"]["message"]
    assert client.get("/api/users", headers=auth(users["alice"])).status_code == 403
    names = [u["name"] for u in client.get("/api/users", headers=auth(users["root"])).json()["items"]]
    assert names == ["alice", "root"]
    assert client.get("/api/me", headers=auth(users["alice"])).json()["user"]["name"] == "alice"


def test_a_session_must_send_its_csrf_token(client, store, users):
    user = accounts.authenticate(store, "alice", PASSWORD)
    login = accounts.open_session(store, user)
    browser = TestClient(client.app, cookies={"cw_session": login.session_id})
    target = market_id(client)
    assert browser.post(f"/api/events/{target}/confirm").status_code == 403
    assert browser.post(f"/api/events/{target}/confirm", headers={"X-CSRF-Token": "wrong"}).status_code == 403
    done = browser.post(f"/api/events/{target}/confirm", headers={"X-CSRF-Token": login.csrf})
    assert done.status_code == 200 and done.json()["review"] == "confirmed"
    assert client.get(f"/api/events/{target}/history").json()["history"][-1]["by"] == "alice"
    accounts.close_session(store, login.session_id)
    assert browser.post(f"/api/events/{target}/confirm", headers={"X-CSRF-Token": login.csrf}).status_code == 401


def test_review_actions_are_versions_with_the_reviewers_name(client, users):
    token = auth(users["alice"])
    market = market_id(client)
    [bus] = ids(client.get("/api/events", params={"text": "bus stop"}))

    edited = client.post(f"/api/events/{market}/edit", headers=token,
                         json={"field": "fatalities", "value": "9", "reason": "the hospital lists nine"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["fatalities"] == {"low": 9, "best": 9, "high": 9}
    assert edited.json()["overridden"] == ["fatalities"] and edited.json()["review"] == "edited"
    typed = client.post(f"/api/events/{market}/edit", headers=token,
                        json={"field": "sub_event_type", "value": "Air/drone strike", "reason": "a drone"})
    assert typed.json()["event_type"] == "Explosions/Remote violence"
    for body in ({"field": "fatalities", "value": "nine", "reason": "x"},
                 {"field": "fatalities", "value": "5,3,4", "reason": "x"},
                 {"field": "fatalities", "value": "9", "reason": " "},
                 {"field": "sub_event_type", "value": "Picnic", "reason": "x"},
                 {"field": "date", "value": "31/12/2025", "reason": "x"},
                 {"field": "location", "value": "Kharkiv; 99; 36; 1", "reason": "x"},
                 {"field": "colour", "value": "red", "reason": "x"}):
        response = client.post(f"/api/events/{market}/edit", headers=token, json=body)
        assert response.status_code == 400 and response.json()["error"]["message"], body
    moved = client.post(f"/api/events/{market}/edit", headers=token,
                        json={"field": "location", "value": "Kharkiv centre; 49.99; 36.23; 1", "reason": "map"})
    assert moved.json()["location"]["lat"] == 49.99 and moved.json()["location"]["country_code"] == "UA"
    released = client.post(f"/api/events/{market}/release", headers=token, json={"field": "fatalities"})
    assert released.json()["fatalities"] == {"low": 5, "best": 7, "high": 7}

    assert client.post(f"/api/events/{market}/merge", headers=token,
                       json={"other": bus, "reason": ""}).status_code == 400
    merged = client.post(f"/api/events/{market}/merge", headers=token, json={"other": bus, "reason": "one strike"})
    assert merged.status_code == 200 and len(merged.json()["reports"]) == 3
    assert client.get(f"/api/events/{bus}").json()["id"] == market  # the merged id resolves
    bus_report = next(r for r in merged.json()["reports"] if r["title"].startswith("Shelling"))
    split = client.post(f"/api/reports/{bus_report['report_id']}/split", headers=token,
                        json={"reason": "a different attack"})
    assert split.status_code == 200 and [r["report_id"] for r in split.json()["reports"]] == [bus_report["report_id"]]
    assert client.post(f"/api/reports/{bus_report['report_id']}/split", headers=token,
                       json={"reason": "again"}).status_code == 400  # now alone in its event
    assert client.post(f"/api/events/{market}/merge", headers=token,
                       json={"other": market, "reason": "self"}).status_code == 400

    new_id = split.json()["id"]
    assert client.post(f"/api/events/{new_id}/reject", headers=token, json={"reason": ""}).status_code == 400
    rejected = client.post(f"/api/events/{new_id}/reject", headers=token, json={"reason": "not an attack"})
    assert rejected.json()["status"] == "rejected"
    assert new_id not in ids(client.get("/api/events", params={"limit": 1000}))
    assert new_id in ids(client.get("/api/events", params={"status": "rejected"}))

    history = client.get(f"/api/events/{market}/history").json()["history"]
    mine = [(h["action"], h["by"]) for h in history if h["by"] != "system"]
    assert ("edited", "alice") in mine and ("merged", "alice") in mine and ("split", "alice") in mine
    assert any("the hospital lists nine" in h["summary"] for h in history)
    assert client.post("/api/events/ev-0000000000000000/confirm", headers=token).status_code == 404


def test_private_reads_need_a_login(store, users, actors):
    private = TestClient(create_app(store, public_reads=False, country_names=lambda: actors.country_name))
    assert private.get("/api/events").status_code == 401
    assert private.get("/api/events", headers=auth(users["alice"])).status_code == 200
    page = private.get("/events", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
    assert private.get("/login").status_code == 200
