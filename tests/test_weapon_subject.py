"""A weapon as the subject of a killing or wounding verb is remote violence (ACLED codes a
missile or shell that kills civilians as Explosions/Remote violence, not as an attack)."""

import pytest


@pytest.mark.parametrize("text,sub", [
    ("A rocket killed a shepherd near the border fence on Tuesday.", "Shelling/artillery/missile attack"),
    ("Shells wounded six people queuing for bread in Kostiantynivka.", "Shelling/artillery/missile attack"),
    ("Two mortar rounds injured a teacher and her pupils in Baidoa.", "Shelling/artillery/missile attack"),
    ("An armed drone killed three men riding a motorbike near Kidal.", "Air/drone strike"),
    ("Drones injured four farmers in a field outside Nikopol, the governor said.", "Air/drone strike"),
])
def test_weapon_subject_is_remote_violence(extract, text, sub):
    events = extract(text, "2025-06-02").events
    assert events and events[0].event_type == "Explosions/Remote violence" and events[0].sub_event_type == sub


@pytest.mark.parametrize("text", [
    "The film's opening shot killed the mood, critics said.",
    "Rising rents are killing small shops in the old town.",
])
def test_no_weapon_no_event(extract, text):
    assert not extract(text, "2025-06-02").events


@pytest.mark.parametrize("text", [
    # Armies' own words for their air arm.
    "An aerial vector of the armed forces carried out strikes on a terrorist camp near Boni on Friday.",
    "The air force conducted precision strikes on rebel positions outside Nasir, the army said.",
    "Air assets struck a convoy of fighters near Tessit late on Tuesday.",
])
def test_an_air_arm_carrying_out_strikes_is_an_air_strike(extract, text):
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == "Air/drone strike", events


def test_sorties_without_strikes_are_no_event(extract):
    assert not extract("The air force flew 40 training sorties last month, its chief said.", "2025-06-02").events


@pytest.mark.parametrize("text,sub", [
    # A bare strike on a building, a tent or a car that kills is a strike from the air ...
    ("A strike on a family home in Jabalia killed six people overnight, medics said.", "Air/drone strike"),
    ("Another strike hit a car on the coastal road, killing two men, the ministry said.", "Air/drone strike"),
    # ... unless the weapon is named.
    ("A missile strike on an apartment block in Dnipro killed four.", "Shelling/artillery/missile attack"),
])
def test_a_strike_on_a_building_that_kills(extract, text, sub):
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == sub, events


@pytest.mark.parametrize("text", [
    "Builders went on strike on a housing estate outside the city, demanding unpaid wages.",
    "A general strike on the market shut every stall for a day.",
])
def test_a_labour_strike_is_no_event(extract, text):
    assert not extract(text, "2025-06-02").events


@pytest.mark.parametrize("text,sub", [
    # A place hit by a weapon (the passive) is the strike itself ...
    ("A grain silo outside Odesa was hit by a Russian missile overnight, the governor said.",
     "Shelling/artillery/missile attack"),
    ("The district hospital in Kauda was struck by unmanned aerial vehicles on Sunday.", "Air/drone strike"),
    # ... as are projectiles that crash into a place, or aircraft named before an aside.
    ("Two mortar shells crashed into a schoolyard in Baidoa, wounding five pupils.",
     "Shelling/artillery/missile attack"),
    ("Rockets fell on a crowded bus station in Sderot on Friday evening.", "Shelling/artillery/missile attack"),
    ("Army helicopters, flying low over the river, struck a column of fighters near Ansongo.", "Air/drone strike"),
    ("The IDF struck three militants on a motorcycle near Khan Younis on Thursday.", "Air/drone strike"),
])
def test_a_place_hit_by_a_weapon(extract, text, sub):
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == sub, events


@pytest.mark.parametrize("text", [
    "Shell fell in early trading in London after the oil price slipped.",
    "The striker was hit by a wave of criticism after the final.",
    "The army's football team struck a rich vein of form this season.",
    "Snow fell on the hills above the town overnight.",
])
def test_no_weapon_hit_no_event(extract, text):
    assert not extract(text, "2025-06-02").events


def test_shells_falling_in_a_battle_stay_a_battle(extract):
    text = ("Heavy clashes pitted army troops against rebels around Kitchanga on Monday. The rebels answered "
            "with heavy weapons and several shells fell on homes near the market, killing two children.")
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == "Armed clash", events


@pytest.mark.parametrize("text,sub", [
    # Shooting at people, an armed incursion into a village: an attack on civilians.
    ("Armed men entered a hamlet near Kaya before dawn, shooting at residents and burning huts. "
     "Five people were killed.", "Attack"),
    ("Following an insurgent incursion into two villages of Muidumbe district on 3 May, families "
     "reported the burning of homes and three deaths.", "Attack"),
    # Heavy gunfire at an army post; a prison mutiny.
    ("Sustained gunfire was reported at an army outpost in Djibo early on Sunday.", "Armed clash"),
    ("The uprising on Sunday night at the central jail in Goma left six dead.", "Violent demonstration"),
])
def test_shooting_incursion_gunfire_mutiny(extract, text, sub):
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == sub, events


@pytest.mark.parametrize("text", [
    "The photographer spent the afternoon shooting at a wedding in Kaya.",
    "Celebratory gunfire rang out after the match in the capital.",
    "The mutiny of the palace guard in 1974 is the subject of a new film.",
])
def test_no_violence_in_these(extract, text):
    assert not extract(text, "2025-06-02").events


def test_a_blast_said_to_cause_casualties_late_in_its_sentence(extract):
    text = ("An explosion struck a church in the eastern town of Komanda during the Sunday service in Ituri "
            "province, causing many casualties, witnesses said.")
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == "Remote explosive/landmine/IED", events


@pytest.mark.parametrize("text", [
    "A blast was reported at a warehouse on the edge of the port on Sunday night, and no injuries were reported.",
    "An explosion at an unlicensed pyrotechnic workshop in the suburbs left three dead on Saturday, officials said.",
])
def test_no_casualty_or_an_accident_blast_is_no_event(extract, text):
    assert not extract(text, "2025-06-02").events


def test_a_drone_of_an_army_and_its_allies_that_struck(extract):
    text = ("A drone of the national army and its foreign allies struck the weekly market of Ber at midday "
            "on Sunday, killing nine traders, the rebel front said.")
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == "Air/drone strike", events
    assert events[0].fatalities is not None and events[0].fatalities.best == 9


@pytest.mark.parametrize("text", [
    "Gunmen torched dozens of homes in Kaura on Monday night; at least seven villagers were killed.",
    "Bandits looted shops and set houses ablaze in the village of Gidan Zaki, killing four residents.",
])
def test_destruction_that_kills_is_an_attack(extract, text):
    events = extract(text, "2025-06-02").events
    assert events and events[0].sub_event_type == "Attack", events


def test_destruction_without_deaths_stays_destruction(extract):
    events = extract("Gunmen torched dozens of homes in Kaura on Monday night, residents said.", "2025-06-02").events
    assert events and events[0].sub_event_type == "Looting/property destruction", events
