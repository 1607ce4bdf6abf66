"""How triggers become incidents: what counts as an act, and when a sentence starts a new one."""


def test_subjected_to_is_a_preposition_not_an_intention(extract):
    text = "The village school was subjected to shelling on Monday, wounding two teachers."
    assert [e.sub_event_type for e in extract(text, "2024-05-07").events] == ["Shelling/artillery/missile attack"]


def test_a_new_paragraph_with_another_kind_of_act_and_its_own_figures_is_another_incident(extract):
    text = ("Heavy clashes between rebels and government troops shook the city centre on Sunday, "
            "witnesses said.\n\n"
            "The talks collapsed after a union office in the same city was hit by artillery fire, "
            "resulting in the deaths of at least 10 people.")
    events = extract(text, "2024-11-14").events
    assert [e.event_type for e in events] == ["Battles", "Explosions/Remote violence"]
    assert events[1].fatalities.low == 10


def test_where_talks_were_held_is_not_the_event_place(extract):
    text = ("Talks were due to be held in Geneva, but were cancelled after a drone strike "
            "killed six people in Hodeidah, Yemen.")
    event = extract(text, "2025-02-10").events[0]
    assert event.location.country_code == "YE"
    text = ("The ceasefire talks should have been held last week in Doha, but were called off after "
            "a market was subjected to shelling that killed five people.")
    event = extract(text, "2025-02-10").events[0]
    assert event.location is None or event.location.country_code != "QA"
