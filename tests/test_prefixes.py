"""The one-pass trigger scanner gives exactly what each rule's own scan gives."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_jsonl
from conflictwatch.prescan import PatternScanner, match_prefixes
from conflictwatch.extract.typology import RULE_SCANNER, RULES


def by_each_rule(text: str) -> list[tuple[int, int, int]]:
    return sorted((i, m.start(), m.end()) for i, rule in enumerate(RULES) for m in rule.pattern.finditer(text))


def test_prefixes_of_simple_patterns():
    assert match_prefixes(r"\bkill(?:ed|ing)\b", 3) == {"kil"}
    assert match_prefixes(r"\b(?:gang-?)?rap(?:e|ed)\b|\bsexual", 4) == {"gang", "rape", "sexu"}
    assert match_prefixes(r"\bieds?\b", 4) == {"ied", "ieds"}
    assert match_prefixes(r"\bair ?strikes?\b", 4) == {"air ", "airs"}
    assert match_prefixes(r"\b\w+ed\b", 3) is None  # any word: no list
    assert match_prefixes(r"\b[^.]{0,40}shot", 3) is None


def test_every_built_in_trigger_has_a_prefix_list():
    # Bulletin idioms that open on a count ("90 servicemen lost", "one KIA") are indexed by
    # their first digit: no trigger is tried at every word start.
    assert not RULE_SCANNER.everywhere, [RULES[i].id for i in RULE_SCANNER.everywhere]
    assert all(match_prefixes(rule.pattern.pattern, 4) is not None for rule in RULES)


    assert all(match_prefixes(rule.pattern.pattern, 4) is not None for rule in RULES
               if rule.id not in {"trigger.troops-lost", "trigger.in-action"})


def test_scanner_agrees_with_each_rule_on_the_corpora():
    texts = [r["text"].lower() for name in ("positive_texts.jsonl", "negative_texts.jsonl", "claims.jsonl",
                                            "non_event_sentences.jsonl", "gold/muc4_tst3.jsonl")
             for r in load_jsonl(name)]
    for text in texts:
        assert [tuple(x) for x in RULE_SCANNER.scan(text)] == by_each_rule(text)


WORDS = ["killed", "kill", "attack", "attacked", "air", "strike", "airstrike", "shelling", "shelled", "the",
         "army", "rebels", "clashes", "between", "suicide", "bomber", "protest", "protesters", "riot",
         "looted", "arrested", "drone", "drones", "ied", "roadside", "bomb", "fighting", "in", "near",
         "gunmen", "abducted", "raped", "shot", "dead", "down", "set", "fire", "to", "-", ",", ".", "s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.sampled_from([" ", "  ", "-", ", "]))
def test_scanner_agrees_with_each_rule_on_random_word_salad(words, sep):
    text = sep.join(words)
    assert [tuple(x) for x in RULE_SCANNER.scan(text)] == by_each_rule(text)


def test_scanner_on_overlapping_patterns():
    patterns = (re.compile(r"\bkill(?:ed)?\b"), re.compile(r"\bkilled (?:two|three)\b"), re.compile(r"\btwo\b"))
    scanner = PatternScanner.build(patterns)
    text = "they killed two and killed three, two more"
    expected = sorted((i, m.start(), m.end()) for i, p in enumerate(patterns) for m in p.finditer(text))
    assert scanner.scan(text) == expected


def test_scanner_with_a_pattern_it_cannot_index():
    patterns = (re.compile(r"\bkill(?:ed)?\b"), re.compile(r"\b\w+ed\b"), re.compile(r"\bair ?strikes?\b"))
    scanner = PatternScanner.build(patterns)
    assert scanner.everywhere == (1,)
    text = "jets killed two in an airstrike and strafed a village; air strikes continued"
    expected = sorted((i, m.start(), m.end()) for i, p in enumerate(patterns) for m in p.finditer(text))
    assert scanner.scan(text) == expected


def dates_the_plain_way(text, published):
    """find_dates as each date pattern's own finditer gives it, pattern by pattern."""
    from conflictwatch.extract import dates
    chunk = text.lower()
    found, taken = [], []
    for kind, pattern in dates._PATTERNS:
        for m in pattern.finditer(chunk):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = dates._mention(kind, m, 0, published)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def test_the_date_scan_agrees_with_each_pattern_on_the_corpora():
    import datetime as dt

    from conflictwatch.extract.dates import find_dates
    for name in ("positive_texts.jsonl", "long_reports.jsonl", "field_reports.jsonl", "gold/muc4_tst3.jsonl"):
        for row in load_jsonl(name):
            text = row["text"]
            published = dt.date.fromisoformat(row["published"][:10]) if row.get("published") else None
            assert find_dates(text, 0, len(text), published) == dates_the_plain_way(text, published), row["id"]


def regex_word_starts(scanner: PatternScanner, text: str, start: int = 0) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in scanner.starts.finditer(text, start)]


def test_the_automaton_finds_the_word_starts_the_alternation_finds():
    assert RULE_SCANNER.automaton is not None
    texts = [r["text"].lower() for name in ("positive_texts.jsonl", "negative_texts.jsonl", "claims.jsonl",
                                            "non_event_sentences.jsonl", "gold/muc4_tst3.jsonl")
             for r in load_jsonl(name)]
    for text in texts:
        assert RULE_SCANNER.word_starts(text) == regex_word_starts(RULE_SCANNER, text)
        middle = len(text) // 2
        assert RULE_SCANNER.word_starts(text, middle) == regex_word_starts(RULE_SCANNER, text, middle)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ki_lé2 -'.\u00e9\u0663", max_size=30), st.integers(0, 5))
def test_the_automaton_reads_word_boundaries_as_the_alternation_does(text, start):
    # Keys that open on a word character, on a digit, on an underscore and on punctuation.
    scanner = PatternScanner.build((re.compile(r"\bkil"), re.compile(r"\b_k"), re.compile(r"\b2 k"),
                                    re.compile(r"\b'k"), re.compile(r"\b-l"), re.compile(r"\bki")))
    assert scanner.automaton is not None
    assert scanner.word_starts(text, start) == regex_word_starts(scanner, text, start)


def test_a_scanner_with_a_pattern_it_cannot_index_uses_the_alternation():
    scanner = PatternScanner.build((re.compile(r"\bkill"), re.compile(r"\b\w+ed\b")))
    assert scanner.automaton is None
    assert scanner.word_starts("they killed") == [(0, "t"), (5, "kill")]


def corpus_texts() -> list[str]:
    return [r["text"].lower() for name in ("positive_texts.jsonl", "negative_texts.jsonl", "claims.jsonl",
                                           "non_event_sentences.jsonl", "gold/muc4_tst3.jsonl")
            for r in load_jsonl(name)]


def test_required_strings_of_simple_patterns():
    from conflictwatch.prescan import required_strings
    assert required_strings(re.compile(r"\bkill(?:ed|ing)\b")) == {"kill"}
    assert required_strings(re.compile(r"\b(?:on|in)\s+((?:19|20)\d\d)\b")) in ({"on", "in"}, {"19", "20"})
    assert required_strings(re.compile(r"\b(?:o|i)\s+((?:19|20)\d\d)\b")) == {"19", "20"}
    assert required_strings(re.compile(r"\b(?:air|drone) ?strikes?\b")) == {"strike"}
    assert required_strings(re.compile(r"\bkilled\b", re.IGNORECASE)) is None  # case folds: no literal
    assert required_strings(re.compile(r"\b(?i:killed)\b")) is None
    assert required_strings(re.compile(r"\b(?:kill|\w+ed)\b")) == {"kill", "ed"}
    assert required_strings(re.compile(r"\b(?:kill|\w+)\b")) is None  # an alternative without a literal
    assert required_strings(re.compile(r"(?=kill)\w+")) is None  # a lookahead may read past the match
    assert required_strings(re.compile(r"\b(?:shot )?dead\b")) == {"dead"}


def test_guarded_veto_patterns_agree_with_the_patterns_on_the_corpora():
    from conflictwatch.prescan import GuardedPattern
    from conflictwatch.extract.triggers import _vetoes
    guarded = [p for p in vars(_vetoes()).values() if isinstance(p, GuardedPattern)]
    assert guarded and all(p.needles for p in guarded[:5])
    for text in corpus_texts()[:400]:
        for p in guarded:
            assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.regex.finditer(text)]
            assert p.findall(text, 10, 200) == p.regex.findall(text, 10, 200)
            assert p.sub(" ", text) == p.regex.sub(" ", text)
            a, b = p.search(text, 5, 150), p.regex.search(text, 5, 150)
            assert (a and a.span()) == (b and b.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["kill", "killed", "in", "2019", "19", "since", "the", " ", ",", "é", "dead",
                                 "shot", "x"]), max_size=12), st.integers(0, 6), st.integers(0, 40))
def test_a_guarded_pattern_finds_what_the_pattern_finds(words, pos, endpos):
    from conflictwatch.prescan import GuardedPattern
    text = "".join(words)
    for regex in (re.compile(r"\bkill(?:ed)?\b"), re.compile(r"\b(?:in|since)\s*((?:19|20)\d\d)\b"),
                  re.compile(r"(?<=shot )dead|\bdead\b")):
        p = GuardedPattern(regex)
        assert p.needles
        for method in ("search", "match", "fullmatch"):
            got, want = getattr(p, method)(text, pos, endpos), getattr(regex, method)(text, pos, endpos)
            assert (got and got.span()) == (want and want.span())
        assert p.findall(text, pos, endpos) == regex.findall(text, pos, endpos)
        assert [m.span() for m in p.finditer(text, pos)] == [m.span() for m in regex.finditer(text, pos)]



def test_the_characters_an_ascii_letter_matches_without_case():
    import sys

    from conflictwatch.prescan import CASE_FOLDED_INTO_ASCII
    letter = re.compile("[a-z]", re.IGNORECASE)
    assert {chr(x) for x in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(x))} == \
        set(CASE_FOLDED_INTO_ASCII)
    # Nor does any other character lower-case to an ASCII letter.
    assert all(not any(c.isascii() and c.isalpha() for c in chr(x).lower())
               for x in range(128, sys.maxunicode + 1) if chr(x) not in CASE_FOLDED_INTO_ASCII)


def test_the_speech_words_stand_for_every_speaker_pattern():
    from conflictwatch.extract import claims
    from conflictwatch.prescan import CaselessNeedles
    assert claims._SPEECH_WORDS.needles and "said" in claims._SPEECH_WORDS.needles
    texts = [r["text"] for name in ("positive_texts.jsonl", "claims.jsonl", "gold/muc4_tst3.jsonl")
             for r in load_jsonl(name)]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t)]
    sentences += ["Officials SAID two were killed", "the ſaid mayor", "police ſtated", "ACCORDING TO police",
                  "Kelvin \u212aILLED", "Informed sources"]
    skipped = 0
    for s in sentences:
        if claims._SPEECH_WORDS.absent(s):
            skipped += 1
            assert not any(p.search(s) for p in claims._SPEAKER_PATTERNS), s
    assert 0 < skipped < len(sentences)
    assert CaselessNeedles((re.compile(r"\w+", re.IGNORECASE),)).automaton is None


def test_the_idiom_scanner_agrees_with_the_idiom_pattern_on_the_corpora():
    from conflictwatch.extract.actors import ActorDictionary
    d = ActorDictionary.load()
    assert d._idioms is not None and d._idiom_scanner is not None
    for text in corpus_texts() + ["the occupiers' shelling", "anti-occupiers", "occupiers-backed"]:
        assert [(s, e) for _, s, e in d._idiom_scanner.scan(text)] == [m.span() for m in d._idioms.finditer(text)]


def test_the_named_victim_verbs_stand_for_the_named_victim_rule():
    from conflictwatch.extract.claims import _vocabulary
    v = _vocabulary()
    texts = [r["text"] for name in ("positive_texts.jsonl", "claims.jsonl", "gold/muc4_tst3.jsonl")
             for r in load_jsonl(name)] + ["Gunmen SHOT DEAD Ahmed Rashid", "they ſhot dead Ahmed Rashid"]
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if v.named_victim_words.absent(sentence):
                assert v.named_victim.search(sentence) is None, sentence
