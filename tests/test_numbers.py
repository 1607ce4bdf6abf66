from hypothesis import given
from hypothesis import strategies as st

from conflictwatch.extract.numbers import find_quantities, words_to_int


def test_number_words():
    assert words_to_int("twenty-one") == 21
    assert words_to_int("forty five") == 45
    assert words_to_int("one hundred and twelve") == 112
    assert words_to_int("two hundred and fifty") == 250
    assert words_to_int("1,200") == 1200
    assert words_to_int("one million two hundred thousand") == 1_200_000
    assert words_to_int("banana") is None


def _first(text):
    q = find_quantities(text)[0]
    return q.low, q.high, q.qualifier


def test_qualifiers_and_vague_quantities():
    assert _first("at least 12 people") == (12, None, "at least")
    assert _first("more than 90 people") == (91, None, "more than")
    assert _first("more than a dozen") == (13, None, "more than")
    assert _first("up to 40 people") == (1, 40, "up to")
    assert _first("about 50 people") == (50, 50, "about")
    assert _first("between 10 and 15") == (10, 15, "range")
    assert _first("10-15 killed") == (10, 15, "range")
    assert _first("dozens of people") == (24, 99, "vague")
    assert _first("tens of thousands") == (20000, 99999, "vague")
    assert _first("12 or more") == (12, None, "at least")


def test_year_ranges_are_not_casualty_ranges():
    q = find_quantities("in 2014-15")[0]
    assert (q.low, q.high) == (2014, 2014)


@given(st.integers(min_value=0, max_value=999_999))
def test_digits_round_trip(n):
    text = f"{n:,} people"
    q = find_quantities(text)[0]
    assert q.low == n and q.high == n


@given(st.integers(min_value=1, max_value=99_999))
def test_qualifier_bounds(n):
    assert _first(f"at least {n} people")[:2] == (n, None)
    assert _first(f"more than {n} people")[:2] == (n + 1, None)
    assert _first(f"up to {n} people")[:2] == (1, n)


def test_hundreds_of_digits_are_no_count():
    from conflictwatch.extract.numbers import find_quantities, words_to_int

    assert words_to_int("9" * 400) is None
    find_quantities("9" * 400 + " people were killed")  # found by fuzzing: raised OverflowError
