"""Close calls that report no conflict event, each rule tested in words of its own
(the rules live in data/lexicon/not_violence.toml and not_an_event.toml)."""

import pytest


@pytest.mark.parametrize("text", [
    # A match report: scorelines and players (SPORT_WORDS).
    "United hammered their neighbours 5-1, their wingers firing shot after shot in the second spell.",
    "A 3-0 win in the derby left the visitors' defence shot to pieces.",
    # A killing at home over a private quarrel (PRIVATE_MOTIVE_WORDS).
    "A labourer shot dead his brother over a domestic dispute about land in the village, police said.",
    "A retired teacher stabbed her husband to death in their flat, neighbours told police.",
    # Money, not war (MARKET_WORDS).
    "The central bank attacked currency speculators as the exchange rate collapsed on Tuesday.",
    # What a tracker or a dataset is about (veto.reports-of), and an indirect question (veto.how-many).
    "The new dashboard maps reports of shelling, raids and ambushes across the region every hour.",
    "Researchers asked officials how many civilians had been killed, but got no answer.",
    # An alliance described, not a fight told (veto.alongside).
    "The bill would pay local defence groups that fought alongside the army during the insurgency.",
    # A record of abuses held against a force (veto.habitual).
    "Rights groups said the militia had systematically killed men from the minority on an ethnic basis.",
])
def test_no_event(extract, text):
    assert not extract(text, "2025-05-05").events


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on fans leaving a football match in Jos on Sunday, killing three.",
    "Gunmen shot dead two players and a coach after a village football match in Zamfara on Sunday.",
    "Militiamen fighting with government troops killed four villagers near Kalehe on Friday.",
    "A man shot dead three soldiers at a checkpoint in Kidal on Monday, the army said.",
])
def test_still_an_event(extract, text):
    assert extract(text, "2025-05-05").events


@pytest.mark.parametrize("text", [
    # An incident named by its year, in a story of a later year, is history.
    "The 2016 siege of the town by jihadists left more than 300 people dead.",
    "The group is also blamed for a 2019 bombing of a hotel that killed 21 guests.",
])
def test_an_incident_named_by_an_old_year_is_history(extract, text):
    assert not extract(text, "2025-05-05").events
