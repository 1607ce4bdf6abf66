"""Casualty claims, checked on hand-written sentences (tests/data/claims.jsonl: one
line per pattern, each with the figures and claimant a careful coder would give)."""

import re

import pytest

from conftest import load_jsonl

CLAIMS = load_jsonl("claims.jsonl")
NON_EVENTS = load_jsonl("non_event_sentences.jsonl")


def _norm(name):
    return re.sub(r"^(?:the|a|an)\s+", "", (name or "").strip().lower())


def _same_claimant(expected, got):
    if expected is None:
        return True  # unattributed figures may still inherit a claimant from context
    e, g = _norm(expected), _norm(got)
    return bool(g) and (e in g or g in e)


def _claims_of(pipeline, row):
    from conflictwatch import document_from_text
    import datetime as dt

    doc = document_from_text(row["text"], row["id"], dt.date.fromisoformat(row["published"]))
    ann = pipeline.annotate(doc)
    return [c.claim for c in ann.claims if c.claim.figure != "casualties" and not c.claim.part
            and not c.cumulative and not c.hypothetical]


def _claims_in(pipeline, text, published):
    """The claims of one text, as :func:`_claims_of` reads them."""
    return _claims_of(pipeline, {"id": "sentence", "published": published, "text": text})


def test_corpus_size():
    assert len(CLAIMS) >= 60
    assert len(NON_EVENTS) >= 20


@pytest.mark.parametrize("row", CLAIMS, ids=[r["id"] for r in CLAIMS])
def test_claim_sentence(pipeline, row):
    got = _claims_of(pipeline, row)
    distinct = {}
    for c in got:
        distinct.setdefault((c.figure, c.low, c.high), c)
    expected = {(c["figure"], c["low"], c["high"]): c for c in row["claims"]}
    assert set(distinct) == set(expected), row["text"]
    for key, claim in expected.items():
        assert _same_claimant(claim["claimant"], distinct[key].claimant), (key, distinct[key].claimant)


def test_claim_spans_point_at_the_words(pipeline):
    row = next(r for r in CLAIMS if r["id"] == "claim-001")
    for claim in _claims_of(pipeline, row):
        assert row["text"][claim.span.start:claim.span.end] == claim.span.text
        assert claim.claimant_span is not None
        assert row["text"][claim.claimant_span.start:claim.claimant_span.end] == claim.claimant_span.text


@pytest.mark.parametrize("row", [r for r in CLAIMS if r.get("fatalities") or r.get("wounded")],
                         ids=lambda r: r["id"])
def test_event_level_figures(extract, row):
    result = extract(row["text"], row["published"])
    assert result.events, row["text"]
    event = result.events[0]
    for name, attr in (("fatalities", "fatalities"), ("wounded", "wounded")):
        want = row.get(name)
        got = getattr(event, attr)
        if want is None:
            continue
        assert got is not None, (name, row["text"])
        assert (got.low, got.high) == (want["low"], want["high"]), (name, row["text"])
        assert got.low <= got.best <= got.high


@pytest.mark.parametrize("row", NON_EVENTS, ids=[r["id"] for r in NON_EVENTS])
def test_non_event_sentence(extract, row):
    assert extract(row["text"], row["published"]).events == (), row["reason"]


def test_conflicting_claims_are_kept_not_averaged(extract):
    text = ("Police said 12 people died in the gun attack on a church in Owo; "
            "local medics put the toll at 15.")
    event = extract(text, "2022-06-06").events[0]
    assert [(c.low, c.claimant) for c in event.claims if c.figure == "killed"] == [(12, "Police"), (15, "local medics")]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (12, 12, 15)


def test_best_prefers_a_claimant_who_is_not_a_party(extract):
    text = ("A suicide bomber blew himself up outside a bank in Kandahar on Thursday, a Taliban police "
            "spokesman said, putting the toll at three dead. A doctor at Mirwais Regional Hospital said "
            "21 bodies had been brought in.")
    event = extract(text, "2024-03-22").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (3, 21)


@pytest.mark.parametrize("text", [
    "A train derailed near Balasore, killing 11 passengers; the railway minister announced 1 million rupees "
    "for the families of the dead.",
    "Gunmen killed 11 people in Kivu on Monday; armed groups caused nearly 80% of recorded deaths this year.",
    "Militants killed 11 villagers on Monday, and the state paid $500,000 to the families of the dead.",
])
def test_sums_of_money_and_shares_are_no_head_counts(pipeline, text):
    assert {(c.figure, c.low) for c in _claims_in(pipeline, text, "2025-01-10")} == {("killed", 11)}


@pytest.mark.parametrize("text,killed", [
    ("South: AFU destroyed more than 100 invaders, an ammunition depot and a pontoon ferry.", 101),
    ("In the south, the Defense Forces destroyed 16 Russian soldiers and two drones.", 16),
    ("Border guards prevented the enemy from breaking into Donetsk region; they eliminated 60 invaders.", 60),
])
def test_destroyed_people_are_killed_destroyed_things_are_not(pipeline, text, killed):
    assert [(c.figure, c.low) for c in _claims_in(pipeline, text, "2022-09-10")] == [("killed", killed)]


def test_destroyed_tanks_are_no_casualties(pipeline):
    assert _claims_in(pipeline, "Paratroopers destroyed two Russian tanks near Kherson.", "2022-09-10") == []


@pytest.mark.parametrize("text,expected", [
    ("Shelling by Ukrainian military leaves one killed, another injured in Donbass.", {("killed", 1), ("wounded", 1)}),
    ("Ukrainian military fire on bus at checkpoint, killing one - command.", {("killed", 1)}),
    ("One woman dies, another injured in shelling of Lugansk.", {("killed", 1), ("wounded", 1)}),
    ("No one was killed in the shelling of Lugansk, officials said.", {("killed", 0)}),
])
def test_one_alone_is_a_person_when_a_casualty_word_says_so(pipeline, text, expected):
    assert {(c.figure, c.low) for c in _claims_in(pipeline, text, "2015-06-14")} == expected


@pytest.mark.parametrize("text,expected", [
    ("Residents said six or eight people were dead. Later, two more bodies were found in a ditch.", {("killed", 6)}),
    ("Gunmen killed nine civilians, said a relief worker who helped bury the dead.", {("killed", 9)}),
    ("Insurgents beheaded at least six villagers, who were killed a short distance away from the village.",
     {("killed", 6)}),
    ("Four gang members were killed on Sunday; the area saw the massacre of October 2024, when the same gang "
     "killed more than 100 people.", {("killed", 4)}),
])
def test_more_bodies_mourners_distances_and_old_massacres_add_no_figure(pipeline, text, expected):
    assert {(c.figure, c.low) for c in _claims_in(pipeline, text, "2025-08-05") if not c.part} == expected


def test_rival_figures_for_one_group_stay_a_range_but_groups_add_up(extract):
    text = ("Gunmen attacked a police post in Bannu on Friday, killing four policemen, officials said. "
            "The army said six attackers were killed, while local elders said nine attackers had died.")
    event = extract(text, "2025-02-14").events[0]
    # policemen 4, attackers 6 to 9 (two rival claims): 10 to 13, never 4 to 9.
    assert (event.fatalities.low, event.fatalities.high) == (10, 13)


def test_a_figure_naming_no_group_may_be_the_total_so_nothing_is_added(extract):
    text = ("Ten people were killed when militants attacked a checkpoint near Bannu on Friday, police said. "
            "Four policemen and six attackers were among the dead.")
    event = extract(text, "2025-02-14").events[0]
    assert event.fatalities.high <= 10


def test_groups_told_in_different_paragraphs_are_not_added(extract):
    # A bulletin of clashes read as one incident must not add up every clash's dead.
    text = ("Two soldiers were killed in a clash with rebels near Comasagua on Sunday, the army said.\n\n"
            "A civilian was killed in the crossfire during the fighting near Comasagua, it said.")
    event = extract(text, "1990-01-08").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (1, 2)


def test_a_vague_figure_that_spans_the_precise_ones_adds_no_bound(extract):
    text = ("Jihadists attacked army positions in Djibo on Sunday, killing between 40 and 60 people, "
            "security sources said. A resident said he had seen dozens of bodies.")
    event = extract(text, "2025-05-12").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (40, 60)
    text = ("Jihadists attacked army positions in Djibo on Sunday, killing five soldiers, security sources "
            "said. A resident said dozens of soldiers had been killed.")
    event = extract(text, "2025-05-12").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (5, 99)  # a rival claim, kept


def test_a_sentence_with_a_long_blank_run_reads_in_linear_time():
    """Found by fuzzing: hundreds of commas and blanks made the speaker patterns try every
    split of the run (half a second for 600 characters)."""
    import time

    from conflictwatch.extract.claims import find_claims

    sentence = "The government sent 2,000 troops to t" + "," * 300 + " " * 400 + "he state, officials said."
    started = time.process_time()
    find_claims(sentence, 0, len(sentence), 0)
    assert time.process_time() - started < 0.05


def test_the_group_said_is_the_group_named_before(extract):
    text = ("Fighters of the Kachin Independence Army overran a junta outpost near Waingmaw on Friday. "
            "The group said 14 soldiers were killed and 9 captured.")
    claims = extract(text, "2024-05-11").events[0].claims
    killed = next(c for c in claims if c.figure == "killed")
    assert killed.claimant == "Kachin Independence Army"
    assert killed.claimant_span.text.endswith("group")  # the words that speak stay the evidence


def test_a_speaker_in_the_next_sentence_of_the_paragraph_is_the_claimant(extract):
    text = ("A roadside bomb killed seven soldiers near Bama on Tuesday. A military spokesman said the "
            "convoy was escorting traders.\n\nIn another attack, two herders died near Dikwa.")
    claims = extract(text, "2024-05-08").events[0].claims
    assert any(c.claimant and "military spokesman" in c.claimant for c in claims if c.low == 7)
    # Not across a paragraph break.
    text = "A roadside bomb killed seven soldiers near Bama on Tuesday.\n\nA military spokesman said it was quiet."
    claims = extract(text, "2024-05-08").events[0].claims
    assert all(c.claimant is None for c in claims if c.low == 7)


def test_a_speaker_at_the_end_of_the_paragraph_is_the_claimant(extract):
    text = ("A car bomb killed eleven people at a market in Afgoye on Friday. The blast destroyed several "
            "stalls. Ambulances took the wounded to Mogadishu, a district commissioner told reporters.")
    claims = extract(text, "2024-05-11").events[0].claims
    assert any(c.claimant and "district commissioner" in c.claimant for c in claims if c.low == 11)


def test_martyred_and_killed_on_two_sides_add_up(extract):
    text = ("Eleven paramilitary soldiers were martyred when militants ambushed their convoy in Kurram on "
            "Tuesday, while seven militants were killed in the return fire, officials said.")
    event = extract(text, "2025-04-08").events[0]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (18, 18, 18)


def test_a_toll_that_has_risen_replaces_the_earlier_count(extract):
    text = ("Three people were killed when a drone hit a bus station in Sumy on Monday morning.\n\n"
            "Update 14:10: the toll has risen to seven, with more feared trapped under the rubble.")
    event = extract(text, "2025-04-14").events[0]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (7, 7, 7)
    # the earlier count stays on the record
    assert {c.low for c in event.claims if c.figure == "killed"} == {3, 7}


def test_another_sources_lower_figure_stays_a_rival_when_the_toll_rises(extract):
    text = ("Police said four people were killed when gunmen attacked a wedding in Kauru. "
            "A community leader later said the toll had risen to nine.")
    event = extract(text, "2025-04-14").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (4, 9)


@pytest.mark.parametrize("text", [
    "Gunmen killed two traders in Gusau on Friday. Scores of people have been abducted or killed in "
    "the state in recent years, Katsina is one of the states most affected.",
    "Gunmen killed two traders in Gusau on Friday. So far in 2025, 140 people have been killed in such raids.",
])
def test_a_periods_total_is_never_the_events_figure_nor_a_fragment_its_claimant(extract, text):
    event = extract(text, "2025-06-06").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (2, 2)
    assert all(c.claimant is None or " is " not in c.claimant for c in event.claims)


@pytest.mark.parametrize("text,killed", [
    ("Gunmen shot dead the assistant commissioner of police outside his home in Jos.", 1),
    ("The town's deputy mayor was subsequently murdered by the same gang in Uruapan.", 1),
    ("An elderly tailor was killed when a mortar round hit his shop in Goma.", 1),
    ("Militants beheaded all the nine hostages in Cabo Delgado, a local official said.", 9),
])
def test_a_named_or_single_victim_counts_one_and_the_n_counts_n(pipeline, text, killed):
    assert [(c.figure, c.low) for c in _claims_in(pipeline, text, "2025-06-06")] == [("killed", killed)]


@pytest.mark.parametrize("text,expected", [
    ("A mine on the Ghazni road martyred two policemen and wounded a third.", {("killed", 2), ("wounded", 1)}),
    ("Gunmen attacked the village mosque after the evening prayer and martyred the imam.", {("killed", 1)}),
    ("The observatory recorded the death of a shepherd of his wounds sustained in the shelling.", {("killed", 1)}),
])
def test_active_martyred_and_death_of_wounds_are_killed(pipeline, text, expected):
    assert {(c.figure, c.low) for c in _claims_in(pipeline, text, "2025-06-06")} == expected


def test_a_toll_that_claimed_lives_names_no_claimant(pipeline):
    text = "Clan fighting claimed the lives of five herders near Baidoa on Sunday."
    claims = _claims_in(pipeline, text, "2025-06-06")
    assert [(c.figure, c.low, c.claimant) for c in claims] == [("killed", 5, None)]


def test_members_of_state_forces_and_of_a_group_add_up(extract):
    text = ("Nine members of government forces were killed in the clashes near Palmyra, and six members of "
            "the Islamic State group were also killed, the monitor said.")
    event = extract(text, "2025-06-06").events[0]
    assert (event.fatalities.low, event.fatalities.high) == (15, 15)


@pytest.mark.parametrize("text,claimant", [
    ("Eastern sector: border sources have said that seven smugglers were killed in the ambush.", "border sources"),
    ("The provincial radio station also reported that 11 guards were killed in the raid on the prison.",
     "provincial radio station"),
    ("Gunmen killed two guards at the depot, though medics at the district hospital said three had died.",
     "medics at the district hospital"),
])
def test_a_claimant_is_the_speaker_without_labels_links_or_auxiliaries(pipeline, text, claimant):
    claims = _claims_in(pipeline, text, "2025-06-06")
    assert claims and claimant in {_norm(c.claimant) for c in claims}, [c.claimant for c in claims]
    assert all(c.claimant is None or not re.search(r"\b(?:have|also|though)\b|:", c.claimant) for c in claims)


@pytest.mark.parametrize("text,killed,victims", [
    ("Gunmen shot dead Tariq Mehmood near his shop in Mardan on Sunday.", 1, "Tariq Mehmood"),
    ("Unknown attackers killed local councillor Rosa Elena Duarte and her driver in Tumaco.", 2,
     "local councillor Rosa Elena Duarte and her driver"),
    ("Troops killed seven separatist fighters near Batibo, the army said.", 7, "separatist fighters"),
])
def test_named_victims_count_one_and_a_noun_phrase_ends_at_its_head(pipeline, text, killed, victims):
    from conflictwatch import document_from_text
    import datetime as dt

    ann = pipeline.annotate(document_from_text(text, "t", dt.date(2025, 6, 6)))
    found = [(c.claim.figure, c.claim.low, c.victims.text if c.victims else None) for c in ann.claims]
    assert found == [("killed", killed, victims)], found


@pytest.mark.parametrize("text,expected", [
    ("Gunmen killed Boko Haram fighters near Bama.", []),
    ("Two soldiers were killed in North Waziristan.", [2]),
    ("GUNMEN KILLED TARIQ MEHMOOD IN MARDAN.", []),
])
def test_groups_places_and_capital_copy_are_no_named_victims(pipeline, text, expected):
    assert [c.low for c in _claims_in(pipeline, text, "2025-06-06")] == expected


def test_a_speaker_before_a_trailing_phrase_of_circumstance_is_the_claimant(pipeline):
    text = ("Gunmen killed six miners at a gold pit near Kidal, a local official said, adding that "
            "four others were missing.")
    claims = _claims_in(pipeline, text, "2025-06-06")
    assert {(c.figure, c.low, _norm(c.claimant)) for c in claims} == {
        ("killed", 6, "local official"), ("missing", 4, "local official")}


def test_an_unattributed_risen_toll_is_the_reports_latest_count(extract):
    text = ("08:20 Two people were killed when a missile hit a warehouse in Kryvyi Rih, the mayor said.\n\n"
            "10:05 Update: the number of dead has risen to six.")
    event = extract(text, "2025-06-06").events[0]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (6, 6, 6)


@pytest.mark.parametrize("text,expected", [
    ("Three herders said killed as raiders torched a camp near Ngala.", {("killed", 3, None)}),
    ("Four miners were feared dead after gunmen stormed the pit at Kayes.", {("killed", 4, None)}),
    ("One Malian killed, two hurt in a mortar attack on the Gao camp.", {("killed", 1, None), ("wounded", 2, None)}),
    ("The number of villagers who died in the shelling of Horlivka on Monday rose to 5.", {("killed", 5, None)}),
    ("Rescuers recovered the body of the fourth victim of the shelling of Sumy from the rubble.",
     {("killed", 4, None)}),
])
def test_hedged_and_told_tolls(pipeline, text, expected):
    assert {(c.figure, c.low, c.claimant) for c in _claims_in(pipeline, text, "2025-06-06")} == expected


@pytest.mark.parametrize("text,expected", [
    ("North: the brigade destroyed a bridge, two fuel depots, 48 invaders and an armoured train.", [48]),
    ("Gunners destroyed three tanks, two radar stations and 6 artillery pieces near Kupiansk.", []),
    ("Gunners destroyed more than 30 occupiers and two tanks of the invaders near Kupiansk.", [31]),
])
def test_people_among_the_objects_of_a_front_line_verb(pipeline, text, expected):
    assert [c.low for c in _claims_in(pipeline, text, "2023-03-03") if c.figure == "killed"] == expected


@pytest.mark.parametrize(("text", "killed"), [
    # a rank word used as an adjective is not the person counted
    ("A private security guard and a soldier were killed when gunmen attacked a checkpoint on Sunday.", 2),
    ("A major general and two bodyguards were shot dead by gunmen in the market on Friday.", 3),
    # ... but a rank alone is one person, and ranks join a list of people
    ("A private and a sergeant were killed when rebels ambushed the convoy on Monday.", 2),
    # every word for people counts a toll, whichever list it was first written in
    ("At least nine mourners were killed when a drone struck the funeral on Saturday.", 9),
])
def test_people_nouns_come_from_one_word_set(extract, text, killed):
    events = extract(text, "2025-03-04").events
    assert events and events[0].fatalities is not None and events[0].fatalities.best == killed


@pytest.mark.parametrize("text", [
    "Several trucks belonging to herders were destroyed in the raid, residents said.",
    "Soldiers destroyed four vehicles of the insurgents near the river.",
])
def test_things_owned_by_people_are_no_dead(extract, text):
    for event in extract(text, "2025-06-02").events:
        assert event.fatalities is None, event.fatalities


@pytest.mark.parametrize(("text", "killed"), [
    # a listed person named by two words counts once: the head is the last word
    ("Three militiamen and a border guard died when the outpost was overrun near Kidal on Tuesday.", 4),
    ("Rebels killed two farmers and a local teacher outside Beni on Wednesday, the mayor said.", 3),
    ("Five fishermen and one coast guard officer were killed in the shelling of the port on Friday.", 6),
    # "her 7-year-old daughter" is one person, whatever her age
    ("A sniper killed a man and his 7-year-old daughter in the old city on Sunday, medics said.", 2),
    # who speak after a comma are not victims, whether or not their noun names a person
    ("The bomb killed eleven worshippers, a hospital director and two relatives told reporters on Friday.", 11),
    ("Gunmen killed four herders, a village head and a police source said on Monday.", 4),
    # "and N others" after the killing verb's object counts them too, unless a verb of their own follows
    ("Soldiers shot dead a militia leader and three others near Bunia on Thursday.", 4),
    ("An airstrike killed two fighters and five others at a checkpoint outside Marib.", 7),
    ("A roadside bomb killed two soldiers and four others were wounded near Mir Ali.", 2),
    ("A roadside bomb killed two soldiers and four others injured near Mir Ali.", 2),
])
def test_lists_of_people_count_each_person(extract, text, killed):
    events = extract(text, "2025-03-04").events
    assert events and events[0].fatalities is not None and events[0].fatalities.best == killed


@pytest.mark.parametrize(("text", "killed"), [
    # a day of the month beside its month's name is no head count
    ("Relatives said the trader was led away on the evening of October 9 by armed men and was found dead "
     "two days later.", 1),
    ("On 21 June gunmen shot a farmer dead at his gate, police said.", 1),
    # ... but a count that follows a month's name still counts what comes next
    ("In April 11 villagers were killed in a raid on the same settlement, police said.", 11),
    ("In June 9 Malian soldiers were killed in the ambush, the army said.", 9),
    # "may" after a number is the verb
    ("At least 14 may have died when militants attacked the convoy near the border, officials said.", 14),
])
def test_a_day_of_the_month_is_not_a_count(extract, text, killed):
    events = extract(text, "2024-10-12").events
    assert events and events[0].fatalities is not None and events[0].fatalities.best == killed, events
