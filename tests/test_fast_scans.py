"""Fast scans give exactly what the plain regular expressions give."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictwatch.extract import actors
from conflictwatch.geocode import recognize
from conflictwatch.textutil import finditer_from

WORDS = ["Governor", "governor", "President", "Mr.", "Dr", "Antonio", "Roldan", "of", "Antioquia", ",", "the",
         "Deir", "al-Balah", "al", "Balah", "U.S.", "U.S", "É.S.", "ash-Sham", "xal-Qaeda", "said", "-", "Tal",
         "Abyad", "in", "Kharkiv", "region", "gen", "agency", "former", "a", "\n", "'s", "’s", "Kyiv's"]


def plain_runs(view):
    """Runs as the plain pattern finds them (the tokens are cut the same way)."""
    runs = (recognize.run_tokens(view, m.start(), m.end()) for m in recognize._RUN.finditer(view))
    return [part for run in runs for part in recognize.split_at_dashes(view, run)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.sampled_from([" ", "  ", "", "-", ", ", " - "]))
def test_runs_from_capitals_match_the_plain_pattern(words, sep):
    text = sep.join(words)
    assert recognize._runs(text) == plain_runs(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.sampled_from([" ", "  ", ""]))
def test_titled_names_by_literal_search_match_finditer(words, sep):
    low = sep.join(words).lower()
    pattern = recognize._TITLED_NAME
    fast = [m.span() for m in finditer_from(pattern, recognize._TITLE_WORDS, low)]
    assert fast == [m.span() for m in pattern.finditer(low)]


QUOTED = ["the", "gang", "cartel", "group", "called", "known as", "\"", "“", "‘", "'", "«", " ", "\n", ",", "La",
          "Bandera", "Los", "Zetas", "in", "Gao", "x"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(QUOTED), min_size=1, max_size=14), st.sampled_from([" ", ""]))
def test_quote_check_never_hides_a_group_name(words, sep):
    """The cheap check before the group-name pattern holds wherever the pattern matches."""
    view = sep.join(words)
    for at in range(len(view) + 1):
        if recognize._GROUP_NAME_BEFORE.search(view, max(0, at - 60), at):
            assert recognize._opens_quote(view, at), (view, at)


AGENTS = ["russia", "russians", "the", "has", "also", "shelled", "attacked", "strike", "kharkiv", "al-qaeda",
          "russia's", "fired", "s", "ss", "  ", "\n", ",", "1"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(AGENTS), min_size=1, max_size=20), st.sampled_from([" ", "  ", "\t", "-"]))
def test_possessive_state_agent_matches_the_plain_pattern(words, sep):
    """"++" in the state-agent pattern changes its speed, never its matches."""
    low = sep.join(words)
    plain = re.compile(actors._STATE_AGENT.pattern.replace("++", "+"))
    assert [m.span("who") for m in actors._STATE_AGENT.finditer(low)] == [m.span("who") for m in plain.finditer(low)]


SPEECH = ["the governor", "police", "said", "says", "told reporters", "has said", ",", ", ", ";", "\"", "“", "”",
          "as", "while", "adding", "with", "rescuers searched", "five were killed", ".", "  ", "\n", "said.", "lives"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SPEECH), min_size=1, max_size=18), st.sampled_from([" ", ""]))
def test_trailing_speaker_found_from_its_first_possible_start(words, sep):
    """Searching for a trailing "..., the governor said" from the last comma and quotation
    mark it can follow finds what searching the whole sentence finds."""
    from conflictwatch.extract import claims

    sentence = sep.join(words)
    start = claims._trailing_say_start(sentence)
    assert [m.span("c") for m in claims._TRAILING_SAY.finditer(sentence, start)] == \
        [m.span("c") for m in claims._TRAILING_SAY.finditer(sentence)]


DOERS = ["russians", "the", "ukrainians", "shelled", "have", "also", "russia", "struck", "united", "states", "sudan",
         "south", "attacked", "x", "'s", "-", ",", "  ", "\n", "pro-russians", "israelis", "israel", "fired", "2", "é",
         "us", "k", "korea", "north"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(DOERS), min_size=1, max_size=14), st.sampled_from([" ", "", "-"]))
def test_agents_tried_where_their_doer_stands_match_finditer(actors, words, sep):
    """"Russians shelled", "South Sudan struck": the agent patterns tried only where a plural
    demonym or the last word of a country's name begins give the doers that ``finditer`` over
    every word gives (a state acts under its own name: the word before may complete it)."""
    from conflictwatch.extract import actors as actors_mod
    from conflictwatch.textutil import name_key

    def state_doer(low, m):
        before = actors_mod._WORD_BEFORE.search(low, max(0, m.start("who") - 20), m.start("who"))
        two = f"{before.group(1)} {m.group('who')}" if before else ""
        key = two if two and two in actors.country_keys else m.group("who")
        cc = actors.country_keys.get(key)
        return bool(cc) and key == name_key(actors.country_name(cc))

    low = sep.join(words)
    for pattern, scanner, doer in (
            (actors_mod._PLURAL_AGENT, actors._plural_scanner, lambda low, m: m.group("who") in actors.plural_demonyms),
            (actors_mod._STATE_AGENT, actors._state_scanner, state_doer)):
        for start, end in ((0, len(low)), (min(2, len(low)), max(0, len(low) - 3))):
            fast = [m.span("who") for m in actors._agents(pattern, scanner, low, start, end) if doer(low, m)]
            plain = [m.span("who") for m in pattern.finditer(low, start, end) if doer(low, m)]
            assert fast == plain, (low, start, end)
