"""Fast scans give exactly what the plain regular expressions give."""

from hypothesis import given, settings
from hypothesis import strategies as st

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
def test_titled_names_by_substring_search_match_finditer(words, sep):
    low = sep.join(words).lower()
    pattern = recognize._TITLED_NAME
    fast = [m.span() for m in finditer_from(pattern, recognize._TITLE_WORDS, low)]
    assert fast == [m.span() for m in pattern.finditer(low)]
