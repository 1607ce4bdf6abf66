"""A comparison with the past ("the deadliest attack since 2019") is no running total, no
general sentence about a period, and the places it names are history, not the event's place
(lexicon rule cue.comparison-with-past)."""

import pytest


@pytest.mark.parametrize("text,killed,place", [
    ("Gunmen killed seven traders at a market in Dori on Friday, the bloodiest attack on the town "
     "since jihadists overran Djibo in 2022.", 7, "Dori"),
    ("A suicide bomber killed 14 worshippers in Maiduguri on Sunday, one of the worst bombings in the "
     "city since January, police said.", 14, "Maiduguri"),
    ("Air strikes killed 11 people in Idlib on Tuesday in the fiercest bombardment since the truce of "
     "March in Aleppo.", 11, "Idlib"),
])
def test_a_comparison_with_the_past_keeps_the_event_and_its_figure(extract, text, killed, place):
    events = extract(text, "2025-06-10").events
    assert len(events) == 1
    assert events[0].fatalities is not None and events[0].fatalities.best == killed
    assert events[0].location is not None and events[0].location.name.startswith(place[:3])


@pytest.mark.parametrize("text", [
    "More than 2,000 people have been killed in the region since January, the UN said.",
    "Fighting has killed hundreds of people since 2023, according to local groups.",
])
def test_a_total_since_a_date_is_still_no_event(extract, text):
    assert not extract(text, "2025-06-10").events


def test_a_figure_of_history_is_never_the_events(extract):
    # The sentence about an old incident gives no figure to the news of the day.
    text = ("Gunmen killed three farmers near Kilifi on Sunday, police said. The group is blamed for "
            "a 2015 raid on a university that killed 148 students.")
    events = extract(text, "2025-06-10").events
    assert events and all(e.fatalities is None or e.fatalities.high < 100 for e in events), \
        [(e.fatalities, e.location) for e in events]
