"""Terse reports (headlines, flashes, bulletins, communiqués, live-blog entries) tell an act
in a noun phrase or a figure; each must still give its event, and its near misses none."""

import pytest


def _events(extract, text, published="2024-06-12"):
    return extract(text, published).events


@pytest.mark.parametrize("text", [
    "Nine dead in southern Lebanon as ceasefire unravels.",
    "Fresh fighting kills eight in northern Mozambique.",
    "Eleven reported dead in western Myanmar confrontation.",
    "Two shepherds killed in renewed hostilities near Kadugli.",
])
def test_a_toll_tied_to_the_fighting_is_an_event(extract, text):
    events = _events(extract, text)
    assert len(events) == 1, text
    assert events[0].event_type in ("Battles", "Violence against civilians"), text


@pytest.mark.parametrize("text", [
    "Three dead in house fire in Lviv.",
    "She died after years of fighting cancer, her family said.",
    "A man was killed in a domestic violence case in Odesa.",
    "Talks on a ceasefire resumed in Doha on Monday.",
    "The company lost 40 workers to a rival in May.",
])
def test_close_calls_give_no_event(extract, text):
    assert _events(extract, text) == (), text


def test_a_bulletin_counting_rounds_fired_is_shelling(extract):
    events = _events(extract, "The occupiers fired 25 rounds of mortar at the Nikopol community; "
                              "there were casualties.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]
    assert events[0].location.name == "Nikopol"


def test_tear_gas_fired_at_a_crowd_is_no_shelling(extract):
    events = _events(extract, "Police fired 20 rounds of tear gas at the crowd.")
    assert "Shelling/artillery/missile attack" not in {e.sub_event_type for e in events}


def test_strikes_counted_by_the_day_are_shelling(extract):
    events = _events(extract, "Russian troops struck Sumy Oblast 31 times in a day, there were injured.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize("text", [
    "Losses of the enemy in the Pokrovsk direction amounted to 340 people over the day - General Staff.",
    "Russian forces lost up to 120 servicemen in the Siversk direction in a day.",
    "Over 90 servicemen lost in the Siversk direction in 24 hours - ministry.",
])
def test_a_communique_of_losses_on_a_direction_is_fighting_there_at_precision_2(extract, text):
    events = _events(extract, text)
    assert [e.sub_event_type for e in events] == ["Armed clash"], text
    assert events[0].location.precision == 2, text


def test_a_town_not_named_as_a_direction_keeps_precision_1(extract):
    events = _events(extract, "Gunmen attacked a checkpoint in Bakhmut, killing two.")
    assert events[0].location.name == "Bakhmut" and events[0].location.precision == 1


def test_two_events_in_one_headline_are_two_events(extract):
    events = _events(extract, "Shelling kills two in Kherson; drone strike wounds five in Sumy.")
    assert sorted(e.location.name for e in events) == ["Kherson", "Sumy"]
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack", "Air/drone strike"}


def test_an_interception_that_harmed_nobody_is_disrupted_weapons_use(extract):
    for text in ("The air force said it shot down 31 of 40 drones overnight.",
                 "Air defence destroyed 14 drones over the Belgorod region, the ministry said."):
        events = _events(extract, text)
        assert [(e.event_type, e.sub_event_type) for e in events] == \
            [("Strategic developments", "Disrupted weapons use")], text


def test_an_interception_that_did_harm_is_the_strike_it_was(extract):
    events = _events(extract, "Debris from a downed drone damaged a house in Bucha and injured a woman, "
                              "the governor said.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    events = _events(extract, "Air defences shot down 12 missiles over Kyiv; falling debris injured two people.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_a_wire_dateline_is_the_day_relative_dates_count_from(extract):
    # Filed Wednesday 5 June, published the next Tuesday: "on Monday" is 3 June.
    events = _events(extract, "ZALINGEI, June 5 (Wire) - An air strike on a market in Zalingei killed 12 "
                              "people on Monday, witnesses said.", "2024-06-11")
    assert [str(e.date) for e in events] == ["2024-06-03"]


def test_a_live_blog_entry_is_dated_by_its_own_stamp_not_the_title(pipeline):
    import datetime as dt

    from conflictwatch import document_from_text

    title = "War live: Russian drones hit Odesa overnight"
    text = (title + "\n\n14:05 – A missile strike on a warehouse in Dnipro killed three workers, the regional "
            "governor said.\n\nUpdated 16:20 GMT\nShelling of Nikopol wounded two women, officials said.")
    events = pipeline.extract(document_from_text(text, "blog", dt.date(2024, 6, 12), title=title)).events
    dated = {e.location.name: (str(e.date), e.date_precision) for e in events}
    assert dated["Odesa"] == ("2024-06-11", 1)
    assert dated["Dnipro"] == ("2024-06-12", 1)
    assert dated["Nikopol"] == ("2024-06-12", 1)
    # Without time stamps the entry is the title's story, and the title's day stands.
    plain = title + "\n\nA missile strike on a warehouse in Dnipro killed three workers, the governor said."
    events = pipeline.extract(document_from_text(plain, "page", dt.date(2024, 6, 12), title=title)).events
    assert {str(e.date) for e in events} == {"2024-06-11"}


def test_a_capital_that_closes_a_headline_is_its_source_not_its_place(extract):
    events = _events(extract, "Three soldiers killed in frontline fighting: Kiev. Toll in Horlivka rises to 11.")
    assert [e.location.name for e in events] == ["Horlivka"]


def test_a_news_digest_title_tells_no_incident(extract):
    assert _events(extract, "MAIN: Talks in Ankara and a new offensive near Idlib: events around Syria.") == ()
    assert _events(extract, "TOP STORIES: Truce talks stall, port shelled, new envoy named") == ()


def test_a_label_before_a_whole_sentence_of_report_is_no_digest_title(extract):
    # Humanitarian flash updates open on "HIGHLIGHTS:" and then tell the incident in full.
    text = ("Chad: Ouaddai - Situation Report No. 7 (12 March 2024)\n\n"
            "HIGHLIGHTS: On 10 March, an armed group attacked a water point near Adre, Ouaddai "
            "province, reportedly killing six herders and wounding 11 others, according to "
            "local authorities.")
    events = _events(extract, text, "2024-03-12")
    assert len(events) == 1
    assert str(events[0].date) == "2024-03-10" and events[0].fatalities.best == 6


def test_a_region_alone_is_placed_at_its_capital(extract):
    # ACLED codes an event known only to a region at the region's capital.
    events = _events(extract, "Russian troops shelled the Kherson region 40 times in a day, killing two people.")
    location = events[0].location
    assert location.precision == 3 and location.admin1
    assert abs(location.lat - 46.64) < 0.1 and abs(location.lon - 32.61) < 0.1  # Kherson city


@pytest.mark.parametrize("text", [
    "Heavy casualties reported in escalating violence in northern Burkina Faso.",
    "Death toll mounts in Sudan despite truce.",
    "One KIA, two WIA near Avdiivka on Tuesday - task force.",
    "Government forces shell rebel-held Kadugli three times in 24 hours - rebels.",
])
def test_headline_idioms_of_losses_and_shelling_are_events(extract, text):
    assert len(_events(extract, text)) == 1, text


@pytest.mark.parametrize("text", [
    "The death toll rose to 12 after the bus crash on the highway.",
    "He drove a Kia to the checkpoint.",
    "Army shell production rose by a third this year.",
])
def test_headline_idioms_have_near_misses(extract, text):
    assert _events(extract, text) == (), text


@pytest.mark.parametrize("text", [
    "Three dead in Kharkiv region as bus overturns.",
    "Car plunges into river in Sumy region, two dead, as fighting rages nearby.",
])
def test_an_accident_told_in_the_present_tense_is_no_event(extract, text):
    assert _events(extract, text) == (), text


def test_a_command_named_after_a_town_in_a_closing_source_tag_is_no_place(extract):
    events = _events(extract, "Enemy assault repulsed near Robotyne - Tavria operational command.")
    assert [e.location.name for e in events] == ["Robotyne"]
    events = _events(extract, "Enemy attack repulsed - Khortytsia group of forces.")
    assert len(events) == 1
    assert events[0].location is None or events[0].location.precision == 3  # the country at most


def test_a_flash_opening_on_a_count_is_no_dateline(extract):
    events = _events(extract, "Two KIA, three WIA near Toretsk on Friday - task force.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert str(events[0].date) == "2024-06-07"


def test_talks_named_as_the_backdrop_of_a_toll(extract):
    events = _events(extract, "Six killed in Kassala ahead of planned peace talks in Jeddah.")
    assert len(events) == 1
    assert events[0].location is None or events[0].location.name != "Jeddah"  # the talks' venue
    assert _events(extract, "The minister visited wounded soldiers ahead of talks in Geneva.") == ()


def test_a_lexicon_trigger_is_named_by_its_rule_id_in_the_explanation(pipeline):
    import datetime as dt

    from conflictwatch import document_from_text

    text = "The occupiers fired 25 rounds of mortar at the Nikopol community; there were casualties."
    result, explanation = pipeline.explain(document_from_text(text, "t", dt.date(2024, 6, 12)))
    assert [e.sub_event_type for e in result.events] == ["Shelling/artillery/missile attack"]
    assert "trigger.rounds-fired" in repr(explanation)


@pytest.mark.parametrize("text", [
    "BREAKING: Apartment block struck in Odesa as explosions shake the port city. Casualties reported.",
    "Energy infrastructure was hit in Dnipro overnight, with a series of blasts heard across the city, "
    "the regional governor said.",
])
def test_a_building_hit_amid_explosions_is_a_strike(extract, text):
    events = _events(extract, text)
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"], text


@pytest.mark.parametrize("text", [
    "Several explosions at a fireworks warehouse damaged nearby houses in Naples.",
    "Explosions were heard near the border on Tuesday night, residents said.",
])
def test_explosions_without_a_building_hit_are_no_strike(extract, text):
    assert _events(extract, text) == (), text


@pytest.mark.parametrize(("text", "events"), [
    # "storm" followed by a building or a settlement is the verb: an assault, not the weather
    ("Bandits storm police post in Katsina, kill three officers", 1),
    ("Insurgents storm a girls' school near Chibok, kill a guard", 1),
    # the weather still vetoes a weak trigger
    ("Storm kills three in coastal villages as roofs collapse", 0),
])
def test_storm_the_verb_and_storm_the_weather(extract, text, events):
    assert len(extract(text, "2025-03-04").events) == events


@pytest.mark.parametrize("text, sub", [
    ("Sudanese army gunners hit a column of RSF vehicles near El Obeid, the army said.",
     "Shelling/artillery/missile attack"),
    ("Coalition gunners carried out strikes on three Houthi ammunition depots near Hodeidah overnight.",
     "Shelling/artillery/missile attack"),
    ("Government artillery dealt a heavy blow to rebel positions outside Goma on Monday.",
     "Shelling/artillery/missile attack"),
    ("Paratroopers destroy an enemy command post near Bakhmut - defence ministry.", "Armed clash"),
])
def test_a_communique_tells_a_strike_by_what_it_hit(extract, text, sub):
    events = _events(extract, text)
    assert [e.sub_event_type for e in events] == [sub], text


@pytest.mark.parametrize("text", [
    "The storm hit a column of cars stuck on the motorway near Lviv.",
    "A fishing boat sank off the coast of Cabo Delgado in heavy seas.",
    "Strikes of the dockers' union hit the port's equipment orders in March.",
])
def test_what_hit_a_column_or_a_boat_needs_an_armed_side(extract, text):
    assert _events(extract, text) == ()


def test_a_states_secret_services_are_its_forces(extract):
    events = _events(extract, "Opposition activist shot dead by Belarusian secret services near Minsk -- source.")
    assert len(events) == 1
    assert any(a.name == "military forces of Belarus" for a in events[0].actors)


@pytest.mark.parametrize("text", [
    'Troops fired "Tornado" rockets at the outskirts of Donetsk: two people died.',
    "Rebels fired 'Hail' rockets at the town overnight, one civilian was killed.",
])
def test_a_weapon_named_after_the_weather_in_quotes_is_no_disaster(extract, text):
    assert len(_events(extract, text)) == 1, text


def test_the_ukrainian_forces_under_their_transliterated_acronym(extract):
    events = _events(extract, "APU repelled an assault near Kupiansk, killing 12 attackers.", "2023-03-02")
    assert events and any(a.name == "military forces of Ukraine" for a in events[0].actors)


@pytest.mark.parametrize("text", [
    "Pakistani troops violated the ceasefire four times along the Line of Control in Poonch overnight, "
    "the Indian army said.",
    "The monitoring mission counted 11 truce violations by government forces around Kadugli on Sunday.",
])
def test_a_counted_ceasefire_violation_is_the_firing(extract, text):
    events = _events(extract, text)
    assert [e.sub_event_type for e in events] == ["Armed clash"], text


@pytest.mark.parametrize("text", [
    "No ceasefire violations were reported along the Line of Control this week, officials said.",
    "Both armies accused each other of violating the ceasefire, but monitors found no evidence.",
])
def test_a_ceasefire_violation_without_a_count_is_no_event(extract, text):
    assert _events(extract, text) == (), text
