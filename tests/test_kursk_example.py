"""The must-show example: a pasted web page about one clash in Kursk region."""

import datetime as dt

from conftest import DATA

from conflictwatch import document_from_text
from conflictwatch.geocode.gazetteer import distance_km

KURSK = (51.7373, 36.1874)


def _result(pipeline):
    text = (DATA / "kursk-sof-clash.txt").read_text(encoding="utf-8")
    return pipeline.extract(document_from_text(text, "kursk", dt.date(2025, 1, 10))), text


def test_exactly_one_battle_in_kursk(pipeline):
    result, _ = _result(pipeline)
    assert len(result.events) == 1
    event = result.events[0]
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    loc = event.location
    assert loc.country_code == "RU" and loc.country == "Russia"
    assert loc.admin1 == "Kursk"
    assert distance_km(loc.lat, loc.lon, *KURSK) < 100


def test_casualties_and_claimant(pipeline):
    event = _result(pipeline)[0].events[0]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (21, 21, 21)
    assert (event.wounded.low, event.wounded.best, event.wounded.high) == (40, 40, 40)
    figures = {(c.figure, c.low, c.high) for c in event.claims if not c.part}
    assert figures == {("killed", 21, 21), ("wounded", 40, 40)}
    for claim in event.claims:
        assert "Special Operations Forces" in claim.claimant
    # The troop deployment and the cumulative "thousand killed or wounded" are not this event's.
    assert all(c.low not in (1000, 10000, 10001) for c in event.claims)


def test_actors(pipeline):
    event = _result(pipeline)[0].events[0]
    ids = {a.id for a in event.actors}
    assert ids == {"military:UA", "military:KP"}
    north_korea = next(a for a in event.actors if a.id == "military:KP")
    assert north_korea.side == "RU"  # "sent ... troops to fight for Russia"
    assert {a.role for a in event.actors} == {"actor1", "actor2"}


def test_rights_reservation_and_boilerplate(pipeline):
    result, text = _result(pipeline)
    rights = result.document.rights
    assert rights.tdm_reserved and rights.source == "text"
    assert "2019/790" in rights.notice.text
    assert result.document.title == "Special forces repel North Korean assault in Kursk region: 21 killed"
    for span in result.document.boilerplate:
        assert text[span.start:span.end] == span.text
    captions = [s.text for s in result.document.boilerplate]
    assert "Photo: © SOF press service" in captions
    assert "Editorial desk" in captions and "Related articles" in captions


def test_every_field_has_evidence_pointing_into_the_text(pipeline):
    result, text = _result(pipeline)
    event = result.events[0]
    fields = {e.field for e in event.evidence}
    assert {"event_type", "location", "fatalities", "wounded"} <= fields
    assert any(f.startswith("actors[") for f in fields)
    for ev in event.evidence:
        assert text[ev.span.start:ev.span.end] == ev.span.text
