import datetime as dt

import pytest


def _actors(actors, text):
    return [(m.text, m.entry.id, m.needs_country) for m in actors.find(text, text.lower(), text.isupper())]


def test_state_forces_from_demonyms_and_names(actors):
    found = _actors(actors, "North Korean soldiers fought Ukraine's Special Operations Forces and the IDF.")
    ids = [f[1] for f in found]
    assert ids == ["military:KP", "military:UA", "military:IL"]


def test_named_groups_and_aliases(actors):
    found = {f[1] for f in _actors(actors, "RSF fighters, Daesh, al-Shabaab, JNIM, M23 rebels and Wagner clashed.")}
    assert {"rsf", "islamic-state", "al-shabaab", "jnim", "m23", "wagner"} <= found


def test_is_and_let_are_words(actors):
    assert not _actors(actors, "Let us see what is left of it.")


def test_generic_and_bare_forces(actors):
    found = _actors(actors, "Gunmen attacked civilians before the army arrived.")
    assert ("Gunmen", "unidentified armed group", False) in found
    assert any(f[1] == "civilians" for f in found)
    assert any(f[2] for f in found)  # "the army": its country comes from the event


def test_passive_voice_roles(extract):
    event = extract("Fifteen herders were killed by gunmen near the village of Mangu, officials said.",
                    "2024-05-02").events[0]
    roles = {a.id: a.role for a in event.actors}
    assert roles["unidentified armed group"] == "actor1"
    assert event.event_type == "Violence against civilians"


def test_foreign_force_side(extract):
    text = ("North Korean troops, fighting for Russia, attacked Ukrainian positions in the Kursk region on "
            "Saturday and eight of them were killed, Ukraine's army said.")
    event = extract(text, "2024-12-17").events[0]
    kp = next(a for a in event.actors if a.country_code == "KP")
    assert kp.side == "RU"


def test_one_word_strike_nouns_name_the_doer(actors):
    # Wire style writes "airstrike" as one word, others hyphenate: the demonym is the doer.
    for text in ("An Egyptian airstrike hit a convoy near Derna.", "Jordanian air-strikes hit a depot.",
                 "An Azerbaijani drone-strike destroyed a radar."):
        ids = [f[1] for f in _actors(actors, text)]
        assert ids and ids[0] in ("military:EG", "military:JO", "military:AZ"), (text, ids)


def test_press_idiom_is_read_by_the_story_country(extract, actors):
    event = extract("The occupiers shelled a water station in Orikhiv on Tuesday, wounding two workers.",
                    "2023-06-14").events[0]
    roles = {a.id: a.role for a in event.actors}
    assert roles.get("military:RU") == "actor1"
    # Another country's press does not use the idiom: it names no one there.
    assert actors.read_locally("occupiers", "FR", None, None, idiom=True) is None
    assert actors.read_locally("khawarij", "PK", None, dt.date(2025, 1, 9), idiom=True).id == "ttp"
    assert actors.read_locally("maoists", "NP", None, dt.date(2012, 1, 9), idiom=True) is None  # war over


@pytest.mark.parametrize(("text", "actor_id", "role"), [
    # Ukrainian press: "the Russians" are Russia's forces, "defenders" Ukraine's soldiers
    ("Overnight the Russians shelled a maternity ward in Kherson, wounding two nurses.", "military:RU", "actor1"),
    ("Two defenders were killed when a drone hit their dugout near Vuhledar on Friday.", "military:UA", "actor2"),
    ("Near Siversk our defenders repelled an assault and killed 30 Russians.", "military:RU", "actor2"),
])
def test_ukrainian_press_names_the_sides_by_their_people(extract, text, actor_id, role):
    events = extract(text, "2024-02-14").events
    assert events, text
    assert {a.id: a.role for a in events[0].actors}.get(actor_id) == role, events[0].actors


def test_generic_word_is_the_conflict_group_of_place_and_period(extract):
    def actor1(text, published):
        return [a.id for a in extract(text, published).events[0].actors if a.role == "actor1"]

    text = "Paramilitary fighters shelled a market in El Obeid on Monday, killing nine people."
    assert actor1(text, "2024-02-07") == ["rsf"]
    assert actor1(text, "2019-02-07") != ["rsf"]  # before the war with the army, no such reading
    # A story that names its group keeps it: the table is not used.
    named = ("Fighters of the Sudan Liberation Army shelled a market in El Fasher on Monday, killing nine "
             "people; paramilitaries were also seen in the area.")
    assert "rsf" not in [a.id for a in extract(named, "2024-02-07").events[0].actors]
    assert actor1("Separatists burned a school bus near Kumba on Wednesday, killing the driver.",
                  "2021-03-04") == ["ambazonian-separatists"]


def test_side_from_on_the_side_of(extract):
    text = ("Belarusian volunteers fighting on Ukraine's side attacked Russian positions near Bakhmut on "
            "Friday and killed six soldiers, the unit said.")
    event = extract(text, "2023-03-11").events[0]
    by = next(a for a in event.actors if a.country_code == "BY")
    assert by.side == "UA"


def _roles(event):
    return {a.id: a.role for a in event.actors}


def test_a_communique_gives_its_own_forces_as_actor1(extract):
    text = ("Assault troops repelled three attacks by the Armed Forces of Ukraine near Toretsk, killing 25 "
            "servicemen, Russia's Defence Ministry said on Sunday.")
    roles = _roles(extract(text, "2024-08-05").events[0])
    assert roles.get("military:RU") == "actor1" and roles.get("military:UA") == "actor2"
    text = ("Our units destroyed 12 tanks near Velyka Novosilka and killed 70 invaders, the General Staff "
            "of the Armed Forces of Ukraine said.")
    roles = _roles(extract(text, "2024-08-05").events[0])
    assert roles.get("military:UA") == "actor1" and roles.get("military:RU") == "actor2"
    # A voice telling of the other side's act is only the source.
    roles = _roles(extract("Ukraine's army said Russian forces shelled Kherson overnight, killing three "
                           "civilians.", "2024-08-05").events[0])
    assert roles.get("military:RU") == "actor1" and "military:UA" not in roles


def test_a_source_after_a_dash_is_no_party(extract):
    text = ("Gunmen kill 12 in raid on displacement camp in Central Darfur -- police\n"
            "Gunmen stormed the camp near Zalingei on Sunday night and opened fire on families, a police "
            "spokesman said.")
    event = extract(text, "2024-03-04").events[0]
    assert not any(a.id.startswith("police") for a in event.actors)
    assert event.fatalities is not None and event.claims[0].claimant == "police"


def test_the_group_claiming_the_attack_is_the_doer(extract):
    text = ("Gunmen attacked a police post near Menaka on Monday, killing four officers. Islamic State "
            "Sahel Province claimed the attack in a statement.")
    roles = _roles(extract(text, "2024-03-04").events[0])
    assert roles.get("is-sahel") == "actor1"


def _table(name):
    import csv
    from importlib.resources import files

    return list(csv.DictReader((files("conflictwatch") / "data" / name).read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize("name", ["press_idioms.csv", "conflict_groups.csv"])
def test_every_local_reading_reads_its_own_example(extract, actors, name):
    missed = []
    for row in _table(name):
        assert row["source"] and row["actor_id"] in actors.by_id, row
        start = dt.date.fromisoformat(row["start"])
        published = (start + dt.timedelta(days=400)).isoformat()
        if row["end"]:
            published = min(published, row["end"])
        events = extract(row["example"], published).events
        ids = {a.id for e in events for a in e.actors}
        if row["actor_id"] not in ids:
            missed.append((row["example"], sorted(ids)))
    assert not missed


def test_the_rebels_of_a_story_that_names_one_rebel_group_are_that_group(extract):
    text = ("The Tuareg-led Front for the Liberation of Azawad said it controls the road north of Kidal. "
            "On Thursday the rebels ambushed an army convoy near Anefis, killing seven soldiers.")
    ids = {a.id for e in extract(text, "2024-09-13").events for a in e.actors}
    assert "rebels" not in ids and any(i not in ("rebels", "military:ML") for i in ids), ids
    # Two rebel groups named: "the rebels" could be either and stay generic.
    text = ("The Kachin Independence Army and the Arakan Army both reject the junta's census. On Thursday "
            "the rebels ambushed an army convoy near Bhamo, killing seven soldiers.")
    ids = {a.id for e in extract(text, "2024-09-13").events for a in e.actors}
    assert "rebels" in ids and not {"kia", "arakan-army"} & ids, ids


def test_a_bare_force_is_not_the_side_it_acts_upon(extract):
    text = "Near Robotyne the paratroopers destroyed nine Russian armoured vehicles and killed 30 Russian soldiers."
    roles = _roles(extract(text, "2023-09-02").events[0])
    assert roles.get("military:UA") == "actor1" and roles.get("military:RU") == "actor2"
    text = "Syrian troops shelled the village near Idlib and killed 12 soldiers, Turkey's defence ministry said."
    roles = _roles(extract(text, "2020-02-28").events[0])
    assert roles.get("military:SY") == "actor1" and roles.get("military:TR") == "actor2"


def test_another_country_idiom_keeps_the_ordinary_reading(extract):
    # "the junta" is the TPLF in Ethiopian official usage of 2020-2022, Myanmar's army in Myanmar.
    text = "The junta shelled a village in Myanmar's Sagaing region on Monday, killing four villagers."
    roles = _roles(extract(text, "2021-06-08").events[0])
    assert roles.get("military:MM") == "actor1" and "tplf" not in roles


def test_a_force_telling_of_its_own_losses_is_not_the_doer(extract):
    text = "Two soldiers were killed when their vehicle hit a mine near Gao in northern Mali, the army said."
    actors = extract(text, "2024-05-10").events[0].actors
    assert not any(a.role == "actor1" and a.country_code == "ML" for a in actors), actors


def test_a_force_named_inside_the_act_is_acted_upon(extract):
    text = ("Fighters of the TNLA and the MNDAA attacked a military outpost in northern Shan State on Sunday, "
            "killing six soldiers.")
    roles = _roles(extract(text, "2023-11-06").events[0])
    assert roles.get("military:MM") == "actor2", roles
    assert roles.get("tnla") == "actor1" and roles.get("mndaa") == "actor1", roles


def test_a_foreign_force_of_an_earlier_paragraph_is_not_the_army_of_the_event(extract):
    text = ("American troops arrived in Colombia last month to train anti-narcotics units.\n\n"
            "On Sunday the army killed five guerrillas in a clash near Tame, in Arauca department.")
    events = extract(text, "2024-03-12").events
    ids = {a.id for e in events for a in e.actors}
    assert "military:CO" in ids and "military:US" not in ids, ids
    # In the same paragraph the named force is still the one meant.
    text = ("American troops arrived at a base near Tame in Arauca department last month. On Sunday the "
            "troops killed five guerrillas in a clash nearby.")
    ids = {a.id for e in extract(text, "2024-03-12").events for a in e.actors}
    assert "military:US" in ids, ids


def test_acronyms_that_spell_words_are_words_in_capitals(actors):
    # All-capital wire copy: "FACT" and "MEND" are the words, not the Chadian or Nigerian groups.
    assert not _actors(actors, "IT IS A PLAIN FACT THAT THE TALKS WILL MEND NOTHING.")
    # ... while the other acronyms still count in capitals, and these two in ordinary text.
    assert [f[1] for f in _actors(actors, "THE FMLN CLAIMED THE AMBUSH.")] == ["fmln"]
    assert "fact" in {f[1] for f in _actors(actors, "FACT rebels advanced on the town.")}


@pytest.mark.parametrize(("text", "country"), [
    # "Civil Guard" is a police force's name in several countries: the story says which
    ("Gunmen opened fire on a Civil Guard checkpoint outside Uruapan in Michoacan on Tuesday, "
     "killing two agents, state officials said.", "MX"),
    ("A Civil Guard officer was killed when smugglers rammed a patrol boat off Algeciras, Spain, on Sunday.",
     "ES"),
])
def test_a_force_named_in_several_countries_takes_the_storys(extract, text, country):
    events = extract(text, "2025-03-04").events
    police = [a for e in events for a in e.actors if a.kind == "state forces"]
    assert police and all(a.country_code == country for a in police), events
