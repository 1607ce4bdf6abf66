"""The sources file (TOML): frozen sources, defaults, and errors naming file, line and key."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conflictwatch.errors import SourcesFileError
from conflictwatch.sources import Source, load_sources, parse_sources
from conflictwatch.sources.config import parse_duration

GOOD = """\
[defaults]
language = "en"
poll_interval = "30m"

[[source]]
name = "UN News"
feed = "https://news.un.org/feed/rss.xml"
trust = "high"

[[source]]
sitemap = "https://news.example/news-sitemap.xml"
poll_interval = "1h30m"
language = "uk"

[[source]]
name = "backfill"
urls = "lists/backfill.txt"
trust = "low"

[[source]]
url = "https://news.example/a/1"
"""


def test_a_good_file(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD, encoding="utf-8")
    sources = load_sources(path)
    assert sources.path == path and len(sources.sources) == 4
    un, sitemap, backfill, single = sources.sources
    assert un == Source("UN News", "feed", "https://news.un.org/feed/rss.xml", "en", dt.timedelta(minutes=30),
                        "high", f"{path}:5")
    assert sitemap.name == "https://news.example/news-sitemap.xml" and sitemap.language == "uk"
    assert sitemap.poll_interval == dt.timedelta(hours=1, minutes=30) and sitemap.trust == "medium"
    assert backfill.kind == "urls" and backfill.location == str(tmp_path / "lists" / "backfill.txt")
    assert single.kind == "url"
    with pytest.raises(dataclasses.FrozenInstanceError):
        un.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("text, message", [
    ('[[source]]\nfeed = "https://a.example/f"\nfeed = "x"\n', r"sources.toml: not valid TOML: .*line 3"),
    ('[[source]]\nfeed = "https://a.example/f"\ninterval = "5m"\n',
     r"sources.toml:3: \[\[source\]\] #1 key 'interval' is unknown; known: feed, sitemap"),
    ('[[source]]\nname = "A"\nfeed = "https://a.example/f"\nsitemap = "https://a.example/s"\n',
     r"sources.toml:1: \[\[source\]\] #1 \('A'\) needs exactly one of feed, sitemap, urls, url "
     r"\(found feed and sitemap\)"),
    ('[[source]]\nname = "A"\n', r"sources.toml:1: .* \(found none\)"),
    ('[[source]]\nfeed = "https://a.example/f"\n\n[[source]]\nfeed = "https://b.example/f"\n'
     'poll_interval = "15 minutes"\n',
     r"sources.toml:6: \[\[source\]\] #2 key 'poll_interval': '15 minutes' is not a duration"),
    ('[[source]]\nfeed = "https://a.example/f"\npoll_interval = "10s"\n', r"sources.toml:3: .*shorter than a minute"),
    ('[[source]]\nfeed = "https://a.example/f"\ntrust = "total"\n',
     r"sources.toml:3: .*'total' is not a trust level; give one of low, medium, high"),
    ('[[source]]\nfeed = "https://a.example/f"\nlanguage = "English"\n', r"sources.toml:3: .*not a language code"),
    ('[[source]]\nfeed = "ftp://a.example/f"\n', r"sources.toml:2: .*'ftp://a.example/f' is not an http\(s\) URL"),
    ('[[source]]\nname = "A"\nfeed = "https://a.example/f"\n[[source]]\nname = "A"\nurl = "https://a.example/1"\n',
     r"sources.toml:5: .*same name as the source at sources.toml:1"),
    ('[defaults]\ntrust = "high"\nwhen = "now"\n[[source]]\nurl = "https://a.example/1"\n',
     r"sources.toml:3: \[defaults\] key 'when' is unknown"),
    ('[defaults]\ntrust = "odd"\n[[source]]\nurl = "https://a.example/1"\n',
     r"sources.toml:2: \[defaults\] key 'trust'"),
    ('title = "x"\n', r"unknown table or key 'title'"),
    ('[defaults]\nlanguage = "en"\n', r"no sources; add a \[\[source\]\] table"),
])
def test_errors_name_file_line_and_key(text, message):
    with pytest.raises(SourcesFileError, match=message):
        parse_sources(text, "sources.toml")


def test_unreadable_file(tmp_path):
    with pytest.raises(SourcesFileError, match="cannot read the sources file"):
        load_sources(tmp_path / "missing.toml")
    (tmp_path / "latin.toml").write_bytes('[[source]]\nname = "Caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(SourcesFileError, match="not UTF-8"):
        load_sources(tmp_path / "latin.toml")


@pytest.mark.parametrize("text, seconds", [("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400),
                                           ("90s", 90), ("0.5h", 1800)])
def test_durations(text, seconds):
    assert parse_duration(text, "x").total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "15", "m", "15 minutes", "1h 30x", 15])
def test_bad_durations(text):
    with pytest.raises(SourcesFileError):
        parse_duration(text, "x")
