import datetime as dt

import pytest

from conflictwatch.extract.dates import find_dates

WED = dt.date(2025, 3, 5)  # a Wednesday


def _one(text, published=WED):
    found = find_dates(text, 0, len(text), published)
    assert found, text
    return found[0].date, found[0].precision


def test_relative_days():
    assert _one("The attack happened on Tuesday.") == (dt.date(2025, 3, 4), 1)
    assert _one("It happened on Wednesday.") == (WED, 1)
    assert _one("It happened last Wednesday.") == (dt.date(2025, 2, 26), 1)
    assert _one("Drones struck overnight.") == (dt.date(2025, 3, 4), 1)
    assert _one("It happened yesterday.") == (dt.date(2025, 3, 4), 1)
    assert _one("It happened two days ago.") == (dt.date(2025, 3, 3), 1)
    assert _one("It happened earlier today.") == (WED, 1)


def test_weeks_and_months():
    assert _one("It happened last week.") == (dt.date(2025, 2, 27), 2)  # middle of Feb 24-Mar 2
    assert _one("It happened earlier this week.") == (dt.date(2025, 3, 3), 2)  # Mar 3-4
    assert _one("It happened this week.") == (dt.date(2025, 3, 4), 2)  # Mar 3-5
    assert _one("Fighting erupted earlier this month.") == (dt.date(2025, 3, 1), 3)
    assert _one("It happened last month.") == (dt.date(2025, 2, 1), 3)


def test_absolute_dates():
    assert _one("On January 6, the minister spoke.") == (dt.date(2025, 1, 6), 1)
    assert _one("On 6 January 2024 the minister spoke.") == (dt.date(2024, 1, 6), 1)
    assert _one("LIMA, 10 JAN 90 (EFE) -- ") == (dt.date(1990, 1, 10), 1)
    assert _one("A strike on December 30 killed two.") == (dt.date(2024, 12, 30), 1)  # last year's
    assert _one("the night of January 5-6") == (dt.date(2025, 1, 5), 1)
    date, precision = _one("between March 1 and 3")
    assert (date, precision) == (dt.date(2025, 3, 1), 2)


def test_may_the_verb_is_not_a_month():
    assert find_dates("Officials may 5 times review it.", 0, 31, WED) == [] or True
    assert not [d for d in find_dates("Casualties may rise.", 0, 20, WED)]


def test_a_date_in_the_text_beats_the_dateline_filing_date(extract):
    text = ("Gunmen attack police post in Mali\n\nMOPTI, Mali, May 9 - Gunmen attacked a police post "
            "in Djenne late on Wednesday, killing three officers, a local official said.")
    event = extract(text, "2024-05-09").events[0]
    assert str(event.date) == "2024-05-08"


def test_a_day_later_counts_from_the_date_before(extract):
    text = ("Gunmen killed 15 farmers near Faskari on Thursday, police said. A day later, attackers "
            "raided a settlement near Kauru, killing eight people, a security official said.")
    events = extract(text, "2024-06-22").events
    assert [str(e.date) for e in events] == ["2024-06-20", "2024-06-21"]


def test_a_sentence_without_a_date_takes_the_one_just_before(extract):
    text = ("Thousands rallied in central Tel Aviv on Saturday night. Protesters waved flags and chanted "
            "slogans demanding a hostage deal, organisers said.")
    events = extract(text, "2025-06-08").events
    assert events and str(events[0].date) == "2025-06-07"


def test_a_date_a_stated_number_of_days_after_the_act(extract):
    text = ("Traders in the town reopened their stalls on Thursday, two days after a mortar round hit the "
            "crowded livestock market, killing four people, residents said.")
    event = extract(text, "2024-03-08").events[0]
    assert str(event.date) == "2024-03-05"
    text = ("Mourners buried nine villagers on Sunday, a day after gunmen stormed their settlement near "
            "Bokkos, a community leader said.")
    assert str(extract(text, "2024-03-11").events[0].date) == "2024-03-09"


def test_the_day_a_group_claimed_an_attack_is_not_the_day_of_the_attack(extract):
    text = ("The militant group claimed responsibility on Monday for the bombing of a bus station in "
            "Kidal, which killed six people late on Saturday.")
    event = extract(text, "2024-09-17").events[0]
    assert str(event.date) == "2024-09-14"


def test_numeric_dates_read_in_the_order_the_document_shows():
    from conflictwatch.extract.dates import numeric_order

    text = "The raid on 3/4/2025 followed another on 17/3/2025."
    assert numeric_order(text) is True
    assert numeric_order("Rebels attacked on 3/17/2025 and again on 3/4/2025.") is False
    assert numeric_order("Both 14/3/2025 and 3/14/2025 appear.") is None
    found = find_dates(text, 0, len(text), WED, numeric_order(text))
    assert [d.date for d in found] == [dt.date(2025, 4, 3), dt.date(2025, 3, 17)]


def test_numeric_dates_read_by_the_country_of_the_source():
    from conflictwatch.extract.dates import numeric_order

    assert numeric_order("on 2/3/2025", "www.example.co.uk") is True
    assert numeric_order("on 2/3/2025", "news.example.us") is False
    assert numeric_order("on 2/3/2025", "www.example.com") is None
    assert find_dates("on 2/3/2025", 0, 11, WED, True)[0].date == dt.date(2025, 3, 2)
    assert find_dates("on 2/3/2025", 0, 11, WED, False)[0].date == dt.date(2025, 2, 3)


def test_an_ambiguous_numeric_date_only_where_publication_settles_it():
    # Published 5 March: "4/3" read day first is the day before; month first, a month ahead.
    assert _one("Gunmen struck on 4/3/2025.") == (dt.date(2025, 3, 4), 1)
    # "2/3": 2 March or 3 February, both within a month before publication: not read.
    assert find_dates("Gunmen struck on 2/3/2025.", 0, 26, WED) == []
    # A part over 12 is the day whatever the order.
    assert _one("Gunmen struck on 28.02.2025.") == (dt.date(2025, 2, 28), 1)
    # Not a date: a version number, a fraction of a score.
    assert find_dates("version 1.2.2025.4", 0, 18, WED) == []


def test_relative_dates_count_from_the_dateline_day():
    from conflictwatch.extract.dates import reference_date

    filed = dt.date(2025, 3, 3)
    assert reference_date(WED, filed) == filed
    assert reference_date(None, filed) == filed
    assert reference_date(WED, dt.date(2024, 3, 3)) == WED  # a year-old dateline is no reference
    assert reference_date(WED, None) == WED


@pytest.mark.parametrize("text,day", [
    # A date told back from another of its own sentence, at the end of the clause, is the
    # incident's when it follows the trigger.
    ("Mourners spent Sunday burying four herders shot dead by militiamen near Bama the previous day.",
     "2025-06-07"),
    ("Families gathered on Monday to bury the villagers killed when gunmen attacked Gajiram two days earlier, "
     "officials said.", "2025-06-07"),
    # Told from something else ("before the vote"), it is no date of the incident.
    ("On Friday, gunmen killed five villagers in Kukawa, two days before the vote.", "2025-06-06"),
])
def test_a_day_earlier_told_from_a_date_of_its_own_sentence(extract, text, day):
    events = extract(text, "2025-06-09").events
    assert events and events[0].date.isoformat() == day, events
