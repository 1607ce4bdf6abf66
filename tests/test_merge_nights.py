"""Two reports a day apart: one incident across midnight, or two incidents on two days."""

import datetime as dt

import pytest

from conflictwatch import document_from_text
from conflictwatch.merge import load_rules, make_report
from conflictwatch.merge.score import features


def _report(pipeline, text, published, doc_id):
    doc = document_from_text(text, doc_id, dt.date.fromisoformat(published))
    event = pipeline.extract(doc).events[0]
    return make_report(doc, 1, 0, event, load_rules())


EARLIER = ("Gunmen attacked a police station in Lakki Marwat late on Monday night, killing three "
           "policemen, officials said.")


@pytest.mark.parametrize("later,feature", [
    # its own evening, the next day: two attacks
    ("Gunmen attacked a police station in Lakki Marwat late on Tuesday, killing three policemen, "
     "officials said.", "date.next_day"),
    # the early hours of the next day: the same night, told from the other side of midnight
    ("Gunmen attacked a police station in Lakki Marwat in the early hours of Tuesday, killing three "
     "policemen, officials said.", "date.next_day_night"),
])
def test_an_evening_on_the_later_day_is_that_days_own(pipeline, later, feature):
    a = _report(pipeline, EARLIER, "2025-03-04", "a")
    b = _report(pipeline, later, "2025-03-05", "b")
    assert a.event.date == dt.date(2025, 3, 3) and b.event.date == dt.date(2025, 3, 4)
    found = features(a, b, load_rules())
    assert feature in found and not ({"date.next_day", "date.next_day_night"} - {feature}) & set(found)
