"""The lexicon (src/conflictwatch/data/lexicon/*.toml): every rule's examples and every
word group's examples are run, and a broken file is refused with a message naming it."""

import re

import pytest

from conflictwatch.lexicon import LexiconError, default_lexicon, parse_lexicon

LEXICON = default_lexicon()
RULES = sorted(LEXICON.rules.values(), key=lambda r: r.id)
GROUPS = [(ws.name, i, g) for ws in LEXICON.sets.values() for i, g in enumerate(ws.groups)]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    # Rules whose flags leave out IGNORECASE are applied to lower-cased text, as here.
    lower = not rule.regex.flags & re.IGNORECASE
    for text in rule.match:
        assert rule.regex.search(text.lower() if lower else text), f"{rule.id} misses its example {text!r}"
    for text in rule.no_match:
        assert not rule.regex.search(text.lower() if lower else text), f"{rule.id} wrongly finds {text!r}"


@pytest.mark.parametrize(("name", "index", "group"), GROUPS, ids=[f"{n}-{i + 1}" for n, i, _ in GROUPS])
def test_every_word_group_has_an_example_that_uses_it(name, index, group):
    # (a group may name other sets, "{ARMED_PERSONS}": they are expanded as in a rule)
    words = LEXICON.compile(r"\b(?:" + "|".join(group.alternatives()) + r")\b")
    assert any(words.search(e) for e in group.examples), f"{name} group {index + 1}: no example uses its words"


def _one(sets=None, rules=None):
    return parse_lexicon([("test.toml", {"sets": sets or {}, "rules": rules or []})])


def test_sets_expand_longest_first_and_nest():
    lx = _one({"A": {"meaning": "m", "groups": [{"words": ["car", "car bomb"], "examples": ["a car bomb"]}]},
               "B": {"meaning": "m", "groups": [{"patterns": ["{A}s?"], "examples": ["car"]}]}},
              [{"id": "t.one", "kind": "cue", "scope": "sentence", "pattern": r"\b{B}\b", "rationale": "r",
                "match": ["A CAR BOMB"]}])
    assert lx.rule("t.one").search("a car bomb").group(0) == "car bomb"
    assert lx.words("A") == frozenset({"car", "car bomb"})


@pytest.mark.parametrize(("sets", "rules", "message"), [
    ({}, [{"id": "t.x", "kind": "cue", "scope": "sentence", "pattern": "{NOPE}", "rationale": "r",
           "match": ["x"]}], "NOPE"),
    ({"A": {"meaning": "m", "groups": [{"words": ["x"]}]}}, [], "example"),
    ({"A": {"meaning": "m", "groups": [{"words": ["x"], "examples": ["x"], "colour": "red"}]}}, [], "colour"),
    ({}, [{"id": "t.x", "kind": "wish", "scope": "sentence", "pattern": "x", "rationale": "r",
           "match": ["x"]}], "kind"),
    ({}, [{"id": "t.x", "kind": "cue", "scope": "sentence", "pattern": "(", "rationale": "r",
           "match": ["x"]}], "not a valid regular expression"),
    ({}, [{"id": "t.x", "kind": "cue", "scope": "sentence", "pattern": "x", "rationale": "r"}], "match"),
    ({}, [{"id": "t.x", "kind": "trigger", "scope": "sentence", "pattern": "x", "rationale": "r",
           "match": ["x"]}], "event"),
    ({}, [{"id": "t.x", "kind": "veto", "scope": "sentence", "pattern": "x", "rationale": "r",
           "match": ["x"], "strong": True}], "only triggers"),
    ({"A": {"meaning": "m", "groups": [{"patterns": ["{B}"], "examples": ["x"]}]},
      "B": {"meaning": "m", "groups": [{"patterns": ["{A}"], "examples": ["x"]}]}}, [], "cycle"),
])
def test_bad_lexicon_is_refused_with_a_message(sets, rules, message):
    with pytest.raises(LexiconError, match=message):
        _one(sets, rules)


def test_unknown_rule_id_says_where_to_add_it():
    with pytest.raises(LexiconError, match="data/lexicon"):
        LEXICON.rule("veto.no-such-rule")


def test_a_set_of_sets_is_one_flat_alternation_and_joined_rules_find_what_each_finds():
    lx = _one({"A": {"meaning": "m", "groups": [{"words": ["mortar"], "examples": ["a mortar"]}]},
               "B": {"meaning": "m", "groups": [{"patterns": ["rockets?"], "examples": ["rockets"]}]},
               "C": {"meaning": "m",
                     "groups": [{"patterns": ["{A}", "{B}", "{A} fire"], "examples": ["mortar fire"]}]}},
              [{"id": "t.one", "kind": "cue", "scope": "sentence", "pattern": r"\b{C}\b", "rationale": "r",
                "match": ["x"]},
               {"id": "t.two", "kind": "cue", "scope": "sentence", "pattern": r"\bshell(?:s|ing)\b|\bbarrage\b",
                "rationale": "r", "match": ["x"]}])
    assert lx.expanded["C"] == "(?:(?:mortar) fire|rockets?|mortar)"
    both = lx.joined("t.one", "t.two")
    for text, found in [("rocket fire", True), ("the barrage", True), ("shelling", True), ("mortars", False)]:
        assert bool(both.search(text)) is found
        assert found is bool(lx.rule("t.one").search(text) or lx.rule("t.two").search(text))
