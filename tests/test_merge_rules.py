"""The merge gates and features on reports built by hand: places of one region, regional
reports of a town in that region, reports dated only by their publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictwatch import document_from_text
from conflictwatch.merge import load_rules
from conflictwatch.merge.score import compare, features, gate
from conflictwatch.model import Actor, Event, Location, Range, Report, Source
from conflictwatch.record import Recorder
from conflictwatch.store import EventQuery

DAY = dt.date(2025, 6, 10)
KRAMATORSK = Location("Kramatorsk", "Ukraine", "UA", "Donetsk", None, 48.72, 37.56, 1, 1)
KOSTIANTYNIVKA = Location("Kostiantynivka", "Ukraine", "UA", "Donetsk", None, 48.53, 37.71, 2, 1)
BAKHMUT = Location("Bakhmut", "Ukraine", "UA", "Donetsk", None, 48.59, 38.0, 6, 1)
POKROVSK = Location("Pokrovsk", "Ukraine", "UA", "Donetsk", None, 48.28, 37.18, 3, 1)
DONETSK_REGION = Location("Donetsk", "Ukraine", "UA", "Donetsk", None, 48.0, 37.8, 4, 3)
LUHANSK_REGION = Location("Luhansk", "Ukraine", "UA", "Luhansk", None, 48.7, 39.2, 5, 3)
RUSSIA = Actor("military forces of Russia", "actor1", "RU", "state forces", "military:RU")


def report(doc: str, place: Location, day: dt.date = DAY, precision: int = 1, *, sub: str = "Air/drone strike",
           kind: str = "Explosions/Remote violence", killed: int | None = None, details: tuple[str, ...] = (),
           note: str | None = None) -> Report:
    event = Event(kind, sub, day, precision, place, (RUSSIA,),
                  Range(killed, killed, killed) if killed is not None else None, None, (), (), date_note=note)
    return Report(f"rep-{doc}", Source(doc, published=day), 1, 0, event, details)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_two_towns_of_one_region_may_be_one_incident_but_score_as_far(rules):
    # 24 km apart: beyond two town-level allowances, within one region's.
    a, b = report("d1", KRAMATORSK), report("d2", KOSTIANTYNIVKA)
    assert gate(a, b, rules) is None
    found = features(a, b, rules)
    assert found.get("place.far") == 1 and "place.same" not in found


def test_towns_of_different_regions_or_too_far_stay_apart(rules):
    elsewhere = Location("Kostiantynivka", "Ukraine", "UA", "Dnipropetrovsk", None, 48.53, 37.71, 2, 1)
    assert "km apart" in gate(report("d1", KRAMATORSK), report("d2", elsewhere), rules)
    assert "km apart" in gate(report("d1", KRAMATORSK), report("d2", POKROVSK), rules)  # 57 km


def test_a_region_scores_only_for_towns_inside_it(rules):
    town = report("d1", KRAMATORSK)
    assert features(town, report("d2", DONETSK_REGION), rules).get("place.region") == 1
    other = features(report("d1", DONETSK_REGION), report("d2", LUHANSK_REGION), rules)
    assert "place.region" not in other


def test_a_flash_dated_by_its_publication_joins_the_towns_report(rules):
    # One outlet dates the strike itself; a short item gives only its publication day,
    # calls it by a neighbouring type and names the same town.
    dated = report("d1", KRAMATORSK, sub="Shelling/artillery/missile attack", killed=3)
    flash = report("d2", KRAMATORSK, precision=2, kind="Violence against civilians", sub="Attack",
                   note="publication date (the text states no date)")
    assert gate(dated, flash, rules) is None
    assert compare(dated, flash, rules).score >= rules.weights.threshold


def test_a_flash_naming_only_the_region_joins_a_town_report_of_that_day(rules):
    town = report("d1", KRAMATORSK, killed=2)
    flash = report("d2", DONETSK_REGION, precision=2, note="publication date (the text states no date)")
    assert compare(town, flash, rules).score >= rules.weights.threshold
    # The next day's flash does not.
    later = report("d3", DONETSK_REGION, DAY + dt.timedelta(days=2), precision=2)
    assert compare(town, later, rules).score < rules.weights.threshold


def test_the_store_finds_a_town_of_the_region_as_a_candidate(open_store):
    store = open_store()
    recorder = Recorder(store, lambda doc: [], load_rules(), lambda code: code)
    # 35 km apart: farther than the store looked for two towns before the region's allowance.
    for name, place, killed in (("first", KRAMATORSK, 4), ("second", BAKHMUT, 4)):
        document = document_from_text(f"A drone struck {place.name}, killing {killed}.", f"https://t.test/{name}",
                                      DAY, f"https://t.test/{name}", name, site=name)
        event = report(name, place, killed=killed, details=("site.market",)).event
        recorder.record_events(document, [event])
    with store.reading() as reader:
        events = reader.events(EventQuery()).items
    # Same day, type, attacker, toll and site: one incident, though 35 km apart.
    assert len(events) == 1 and len(events[0].reports) == 2


def test_protesters_shot_by_police_may_be_told_as_an_attack_on_civilians(rules):
    town = KRAMATORSK
    crackdown = report("d1", town, kind="Protests", sub="Excessive force against protesters", killed=2)
    attack = report("d2", town, kind="Violence against civilians", sub="Attack", killed=2)
    riot = report("d3", town, kind="Riots", sub="Violent demonstration", killed=2)
    assert gate(crackdown, attack, rules) is None
    assert compare(crackdown, attack, rules).score >= rules.weights.threshold
    # A riot is not an attack on civilians: they stay apart.
    assert gate(riot, attack, rules) is not None


def test_a_site_victims_were_carried_to_is_not_the_incidents_site(rules):
    from conflictwatch.merge.features import details_in

    assert details_in("Four of the injured were airlifted to a military hospital in the capital.", rules) == ()
    assert details_in("A girl wounded in the raid later died at the regional clinic.", rules) == ()
    # Where the attack struck still counts, and so does a site after another phrase begins.
    assert details_in("Artillery hit the clinic, and nurses carried patients out.", rules) == ("site.hospital",)
    assert details_in("Three soldiers died at the roadblock when it was overrun.", rules) == ("site.checkpoint",)
    assert details_in("The wounded were taken to hospital after the bus station was shelled.",
                      rules) == ("site.bus",)


def test_detail_context_is_checked_on_load():
    import importlib.resources
    import tomllib

    from conflictwatch.errors import ConfigError
    from conflictwatch.merge.rules import parse_rules

    packaged = importlib.resources.files("conflictwatch") / "data" / "merge_rules.toml"
    data = tomllib.loads(packaged.read_text(encoding="utf-8"))
    data["detail_context"] = {**data["detail_context"], "nouns": ["ward"]}
    with pytest.raises(ConfigError, match="nouns"):
        parse_rules(data, "test.toml")
    data["detail_context"] = {"verbs": ["taken"], "prepositions": [], "examples": ["x"]}
    with pytest.raises(ConfigError, match="prepositions"):
        parse_rules(data, "test.toml")


def test_a_report_does_not_join_through_a_vaguer_one_an_incident_it_contradicts(rules):
    from conflictwatch.merge.decide import Candidate, decide

    # A morning strike on a car in Bakhmut, told by one outlet; a terse statement of the same
    # strike with no time of day; then an evening strike on a house in the same town.
    morning = report("m", BAKHMUT, killed=2, details=("site.transport", "time.morning"))
    terse = report("t", BAKHMUT)
    evening = report("e", BAKHMUT, killed=1, details=("time.evening",))
    assert compare(evening, terse, rules).score >= rules.weights.threshold  # alone, it would join
    assert decide(evening, [Candidate("inc-1", (morning, terse))], rules).incident_id is None
    # Without the contradicting report the vaguer one is still joined.
    assert decide(evening, [Candidate("inc-2", (terse,))], rules).incident_id == "inc-2"
