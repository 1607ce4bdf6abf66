"""Model -> store -> model: what goes into the store comes back out, field for field
(property-based, on SQLite; span texts come back as their quotes)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictwatch.merge.compose import compose
from conflictwatch.model import Actor, Claim, Event, Evidence, Location, Range, Report, Source, Span
from conflictwatch.store import Store

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60) \
    .map(lambda s: " ".join(s.split()) or "x")
NAME = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs", "Pd")), min_size=1, max_size=30) \
    .map(lambda s: " ".join(s.split()) or "x")


@st.composite
def spans(draw: st.DrawFn) -> Span:
    start = draw(st.integers(0, 10_000))
    text = draw(TEXT)
    return Span(start, start + len(text), text)


@st.composite
def ranges(draw: st.DrawFn) -> Range:
    low = draw(st.integers(0, 5000))
    best = draw(st.integers(low, low + 100))
    return Range(low, best, draw(st.integers(best, best + 100)))


@st.composite
def locations(draw: st.DrawFn) -> Location:
    return Location(draw(NAME), draw(NAME), draw(st.sampled_from(["UA", "SD", "CD", "NG", "MM"])),
                    draw(st.none() | NAME), draw(st.none() | NAME),
                    draw(st.floats(-89, 89, allow_nan=False)), draw(st.floats(-179, 179, allow_nan=False)),
                    draw(st.none() | st.integers(1, 10_000_000)), draw(st.integers(1, 3)))


@st.composite
def actors(draw: st.DrawFn) -> Actor:
    return Actor(draw(NAME), draw(st.sampled_from(["actor1", "actor2", "associated"])),
                 draw(st.none() | st.sampled_from(["UA", "RU", "SD"])),
                 draw(st.sampled_from(["state forces", "rebels", "civilians"])), draw(NAME),
                 draw(st.none() | st.sampled_from(["RU", "UA"])), draw(st.booleans()))


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    low = draw(st.integers(0, 1000))
    return Claim(draw(st.sampled_from(["killed", "wounded", "captured", "missing", "casualties"])), low,
                 draw(st.none() | st.integers(low, low + 50)), draw(st.sampled_from(["exact", "at least", "about"])),
                 draw(st.none() | NAME), draw(spans()), draw(st.none() | spans()), draw(st.booleans()))


@st.composite
def events(draw: st.DrawFn) -> Event:
    return Event(
        event_type="Battles", sub_event_type="Armed clash",
        date=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))),
        date_precision=draw(st.integers(1, 3)), location=draw(st.none() | locations()),
        actors=tuple(draw(st.lists(actors(), max_size=4, unique_by=lambda a: a.id))),
        fatalities=draw(st.none() | ranges()), wounded=draw(st.none() | ranges()),
        claims=tuple(draw(st.lists(claims(), max_size=4))),
        evidence=tuple(Evidence(draw(st.sampled_from(["location", "date", "event_type"])), draw(spans()))
                       for _ in range(draw(st.integers(0, 3)))),
        date_note=draw(st.none() | TEXT), ucdp_type_of_violence=draw(st.none() | st.integers(1, 3)),
        plover=draw(st.none() | st.just("FIGHT")), cameo=draw(st.none() | st.just("19")),
        sentence=draw(st.none() | spans()))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=events(), details=st.lists(st.sampled_from(["site.market", "time.night"]), unique=True),
       signature=st.lists(st.integers(0, 2**32 - 1), min_size=64, max_size=64) | st.just([]))
def test_reports_come_back_as_they_went_in(tmp_path_factory, event, details, signature):
    path = tmp_path_factory.mktemp("roundtrip") / "store.db"
    with Store.open(f"sqlite:///{path}") as store:
        from conflictwatch.model import Rights, StoredDocument

        source = Source("doc-1", "https://x.test/1", "A title", "Site", dt.date(2025, 1, 2))
        report = Report("rep-1", source, 1, 0, event, tuple(sorted(details)), tuple(signature))
        with store.writing() as w:
            w.put_document(StoredDocument("doc-1", "https://x.test/1", source.url, source.title, source.site,
                                          source.published, "en", Rights(), "body", "hash", 1, "test",
                                          first_seen=w.now, updated=w.now), "new")
            incident = compose("ev-1", [report], None, w.now)
            w.add_reports([(report, "ev-1")], reserved=False)
            w.save_incident(incident, None, "created", "test")
        with store.reading() as reader:
            back, incident_id = reader.reports_of_document("doc-1")[0]
            stored = reader.incident("ev-1")
    assert incident_id == "ev-1"
    assert back == report
    assert stored is not None and stored.fatalities == incident.fatalities and stored.location == incident.location
    assert stored.actors == incident.actors and stored.date == incident.date
