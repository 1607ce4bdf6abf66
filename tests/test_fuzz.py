"""Hostile input for every parser the outside world feeds: Hypothesis strategies
(text, HTML, JSONL, bytes, numbers, dates, quantities and claims, rights notices,
published dates), and a slow run of a million generated inputs.

A parser may refuse an input with an InputError; any other exception is a bug.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.targets import TARGET_NAMES, Harness, run_generated  # noqa: E402

from conflictwatch.errors import InputError  # noqa: E402

from conftest import load_jsonl  # noqa: E402

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ARTICLES = [r["text"] for r in load_jsonl("positive_texts.jsonl")[:20] + load_jsonl("negative_texts.jsonl")[:10]]
SENTENCES = [r["text"] for r in load_jsonl("claims.jsonl")[:40]]
HOSTILE = ["\x00", "\ufeff", "\u202e", "\u0301", "\U0001f4a5", "\r\n", "\n\n", "\ud800", "\x1b", "’", "—",
           "<script>", "]]>", "{", '"', "(" * 50, "9" * 60, "," * 40, "killed " * 20, "Mr. " * 10]
NUMBER_WORDS = ["one", "two", "twelve", "twenty", "twenty-one", "ninety", "hundred", "thousand", "million",
                "and", "a", "dozen", "dozens", "scores", "tens", "of", "several", "few", "couple", "at", "least",
                "more", "than", "up", "to", "as", "many", "between", "about", "nearly", "over", "some",
                "-", ",", "1,200", "3.5", "0", "007", "1e9", "½", "٣"]
DATE_WORDS = ["on", "last", "this", "next", "night", "of", "Monday", "Sunday", "January", "Feb.", "sept",
              "MAY", "2024", "1989", "29", "31", "0", "-", "/", "overnight", "yesterday", "week", "days",
              "ago", "later", "earlier", "the", "day", "before", "in", "early", "late", "mid"]
CLAIM_WORDS = ["killed", "wounded", "injured", "dead", "died", "captured", "missing", "at least", "more than",
               "soldiers", "civilians", "people", "including", "children", "police", "said", "according to",
               "the", "ministry", "claimed", "were", "was", "by", "gunmen", "a", "family", "of", "five",
               "12", "twenty", "toll", "rose", "to", "since", "war", ",", ".", ";", "and", "or"]
RIGHTS_WORDS = ["text", "and", "data", "mining", "TDM", "reserved", "rights", "all", "expressly", "Article",
                "4(3)", "of", "Directive", "(EU)", "2019/790", "AI", "training", "prohibited", "opt-out",
                "machine", "learning", "not", "permitted", "copying", "without", "permission"]


def words(vocabulary: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(vocabulary), st.sampled_from(HOSTILE), st.text(max_size=6))
    return st.lists(piece, max_size=max_size).map(" ".join)


def texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=400),
        st.builds(lambda a, b, c: a + b + c, st.sampled_from(ARTICLES), st.sampled_from(HOSTILE) | st.text(max_size=40),
                  st.sampled_from(ARTICLES + [""])),
        words(CLAIM_WORDS + DATE_WORDS + NUMBER_WORDS, 80),
    )


def html_pages() -> st.SearchStrategy[str]:
    tags = st.sampled_from(["p", "div", "article", "h1", "nav", "footer", "script", "style", "table", "td",
                            "figure", "figcaption", "meta", "br", "aside", "span", "a"])
    inner = st.recursive(st.one_of(st.text(max_size=30), st.sampled_from(SENTENCES), st.sampled_from(HOSTILE)),
                         lambda children: st.builds(lambda t, kids: f"<{t}>{''.join(kids)}</{t}>",
                                                    tags, st.lists(children, max_size=4)),
                         max_leaves=12)
    head = st.sampled_from(["", "<meta charset='utf-8'>", '<meta name="tdm-reservation" content="1">',
                            "<title>Strike kills 3</title>",
                            "<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>",
                            '<meta property="article:published_time" content="2025-13-45">'])
    return st.builds(lambda h, b, unclosed: f"<!doctype html><html><head>{h}</head><body>{b}"
                     + ("" if unclosed else "</body></html>"), head, inner, st.booleans())


def jsonl_streams() -> st.SearchStrategy[bytes]:
    record = st.fixed_dictionaries(
        {"id": st.one_of(st.text(max_size=10), st.integers(), st.none())},
        optional={"text": st.one_of(texts(), st.integers(), st.none(), st.lists(st.text(max_size=5))),
                  "html": st.one_of(html_pages(), st.none()),
                  "published": st.one_of(st.dates().map(str), st.text(max_size=12), st.integers(), st.none()),
                  "title": st.one_of(st.text(max_size=20), st.integers()),
                  "url": st.one_of(st.text(max_size=20), st.lists(st.integers(), max_size=2))})
    line = st.one_of(record.map(lambda r: json.dumps(r).encode()),
                     record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
                     st.binary(max_size=60), st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
                     st.just(b"[" * 3000), st.just(b'{"id": "x", "text": "' + b"\xe9t\xe9" + b'"}'))
    return st.builds(lambda lines, bom: (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines),
                     st.lists(line, max_size=6), st.booleans())


def raw_bytes() -> st.SearchStrategy[bytes]:
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
                                 "cp1252", "cp1251", "koi8-r", "shift_jis", "gb18030", "iso-8859-7"])
    encoded = st.builds(lambda t, e: t.encode(e, "replace"), texts(), encodings)
    declared = st.sampled_from([b"", b"<meta charset='latin1'>", b"<meta charset=utf-16>",
                                b"<?xml version='1.0' encoding='bogus'?>",
                                b"<meta http-equiv=Content-Type content='text/html; charset=shift_jis'>"])
    return st.builds(lambda d, body, first: bytes([first]) + d + body, declared,
                     st.one_of(encoded, st.binary(max_size=500)), st.integers(0, 255))


@pytest.fixture(scope="module")
def harness() -> Harness:
    h = Harness()
    h.pipeline  # noqa: B018 - build it once, before the examples run
    return h


def check(harness: Harness, name: str, data: bytes) -> None:
    try:
        harness.targets[name](data)
    except InputError:
        pass  # refusing bad input with a message is the documented answer


@PIPELINE
@given(texts())
def test_text_documents(harness, text):
    check(harness, "text", text.encode("utf-8", "surrogatepass"))


@PIPELINE
@given(html_pages())
def test_html_pages(harness, page):
    check(harness, "html", page.encode("utf-8", "surrogatepass"))


@FAST
@given(jsonl_streams())
def test_jsonl_streams(harness, data):
    check(harness, "jsonl", data)


@FAST
@given(raw_bytes())
def test_bytes_decoded_or_refused(harness, data):
    check(harness, "decode", data)


@FAST
@given(words(NUMBER_WORDS))
def test_numbers(harness, text):
    check(harness, "numbers", text.encode("utf-8", "surrogatepass"))


@FAST
@given(words(DATE_WORDS))
def test_dates(harness, text):
    check(harness, "dates", text.encode("utf-8", "surrogatepass"))


@FAST
@given(words(CLAIM_WORDS + NUMBER_WORDS))
def test_quantities_and_claims(harness, text):
    check(harness, "claims", text.encode("utf-8", "surrogatepass"))


@FAST
@given(words(RIGHTS_WORDS))
def test_rights_notices(harness, text):
    check(harness, "rights", text.encode("utf-8", "surrogatepass"))


@FAST
@given(texts())
def test_cleaning_language_and_sentences(harness, text):
    data = text.encode("utf-8", "surrogatepass")
    for name in ("clean", "language", "sentences"):
        check(harness, name, data)


@FAST
@given(st.one_of(st.text(max_size=30), st.dates().map(str), st.datetimes().map(lambda d: d.isoformat() + "Z")))
def test_published_dates(harness, text):
    check(harness, "published", text.encode("utf-8", "surrogatepass"))


def test_generated_inputs_reach_every_parser():
    stats = run_generated(2 * len(TARGET_NAMES), seed=1)
    assert set(stats.runs) == set(TARGET_NAMES)
    assert not stats.failures, stats.failures[0].error


@pytest.mark.slow
def test_a_million_generated_inputs():
    """The fuzzing run of record: a million generated inputs across the parsers, none
    raising, none taking more than a second per kilobyte."""
    stats = run_generated(1_000_000, seed=0)
    assert stats.total == 1_000_000
    assert not stats.failures, stats.failures[0].error
    name, per_kb, size = stats.worst_overall()
    assert per_kb < 1.0, (name, per_kb, size)
