"""The web app's small parts: evidence cut into segments, reviewers' typed values,
query-string parsing, and the low-confidence rule."""

from __future__ import annotations

import pytest

from conflictwatch.confidence import low_confidence_reasons
from conflictwatch.errors import ReviewError
from conflictwatch.model import Incident, Location, Range, Span
from conflictwatch.serve.edits import parse_actors, parse_location, parse_range
from conflictwatch.serve.errors import HTTPProblem
from conflictwatch.serve.evidence import Mark, distinct, segments
from conflictwatch.serve.params import parse_bbox
from conflictwatch.serve.state import is_http_url


def test_overlapping_marks_cut_the_text_into_segments():
    body = "Shells killed five people in Kharkiv."
    marks = [Mark("c0", "claim", "killed 5", Span(7, 25, "killed five people")),
             Mark("e0", "field", "killed", Span(7, 25, "killed five people")),
             Mark("e1", "field", "type", Span(0, 6, "Shells")),
             Mark("e2", "field", "place", Span(14, 36, "five people in Kharkiv"))]
    out = segments(body, marks)
    assert "".join(s.text for s in out) == body
    by_text = {s.text: s for s in out}
    assert by_text["Shells"].anchors == ("e1",) and by_text["Shells"].starts == ("e1",)
    assert by_text["killed "].anchors == ("c0", "e0") and by_text["killed "].starts == ("c0", "e0")
    assert by_text["five people"].anchors == ("c0", "e0", "e2") and by_text["five people"].kinds == ("claim", "field")
    assert by_text[" in Kharkiv"].anchors == ("e2",) and by_text["."].anchors == ()
    assert [m.anchor for m in distinct(marks)] == ["c0", "e1", "e2"]


@pytest.mark.parametrize("text, expected", [
    ("9", Range(9, 9, 9)), (" 5 - 9 ", Range(5, 5, 9)), ("3,4,8", Range(3, 4, 8)), ("", None), ("none", None),
    ({"low": 1, "best": 2, "high": 3}, Range(1, 2, 3)), (12, Range(12, 12, 12)),
])
def test_figures_as_typed(text, expected):
    assert parse_range("fatalities", text) == expected


@pytest.mark.parametrize("text", ["nine", "-1", "5,3,4", "1,2", "99999999999", [1, 2], True, {"low": 1}])
def test_bad_figures_say_what_to_type(text):
    with pytest.raises(ReviewError, match="fatalities"):
        parse_range("fatalities", text)


def test_places_and_actors_as_typed():
    here = Location("Kharkiv", "Ukraine", "UA", "Kharkiv", None, 49.98, 36.25, 706483, 1)
    moved = parse_location("Saltivka; 50.02; 36.33; 2", here)
    assert (moved.name, moved.lat, moved.lon, moved.precision, moved.country_code, moved.geonames_id) == \
        ("Saltivka", 50.02, 36.33, 2, "UA", None)
    assert parse_location('{"lat": 50.1}', here).lat == 50.1
    for bad in ("Kharkiv; north; 36", "x; 95; 36; 1", '{"height": 3}', '{"precision": 7}', "just a name"):
        with pytest.raises(ReviewError, match="location"):
            parse_location(bad, here)
    actors = parse_actors('[{"name": "Wagner Group", "role": "actor1", "kind": "external/other forces", '
                          '"country_code": "ru"}]')
    assert actors[0].country_code == "RU" and actors[0].id == "reviewer:wagner group"
    for bad in ("{}", '[{"role": "actor1"}]', '[{"name": "x", "role": "boss"}]', '[{"name": "x", "kind": "aliens"}]'):
        with pytest.raises(ReviewError, match="actors"):
            parse_actors(bad)


def test_bbox_parsing():
    assert parse_bbox("30,45,40,52") == (30.0, 45.0, 40.0, 52.0)
    assert parse_bbox(None) is None and parse_bbox("  ") is None
    for bad in ("1,2,3", "a,b,c,d", "inf,0,1,1", "1,2,3,4,5"):
        with pytest.raises(HTTPProblem):
            parse_bbox(bad)


def test_only_web_addresses_become_links():
    assert is_http_url("https://example.test/a") and is_http_url("HTTP://x.test")
    assert not is_http_url("javascript:alert(1)") and not is_http_url(None) and not is_http_url("file:///etc")


def test_low_confidence_reasons():
    base = Incident("ev-1", 1, "active", "new", "Riots", "Mob violence", None, 1, None, (), None, None, None,
                    None, None)
    assert low_confidence_reasons(base) == ("vague place", "single report", "borderline type")
