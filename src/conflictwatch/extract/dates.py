"""Dates of events, absolute or relative to the publication date.

Precision codes follow ACLED: 1 the day is known, 2 the week (or a range of a few
days) is known, 3 only the month is known. A date the text does not state is not
invented here; the event stage falls back to the publication date and says so.

Relative expressions resolve against the publication date: "on Tuesday" is the
latest Tuesday on or before it, "overnight" and "last night" the evening before,
"last week" the middle of the previous week and "this week" the middle of the days
of this week up to publication (precision 2: the error is then at most three or four
days), "earlier this month" the first of the month (precision 3).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..lexicon import default_lexicon
from ..textutil import lower_keep_length
from ..prescan import PatternScanner, match_prefixes

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "a": 1, "an": 1, "several": 3, "a few": 3}

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?P<year>(?:19|20)\d\d|'\d\d|\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    # "on 5/6/2024", "14.06.2024": day and month in an order the source's convention decides.
    ("numeric", re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d)(?P=sep)"
                           r"(?P<year>(?:19|20)\d\d)\b(?![/.]\d)")),
    ("night", re.compile(
        rf"\b(?:the )?night of {_MONTH}\s+{_DAY}\s*(?:-|–|to|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?:,?\s+{_YEAR})?\b")),
    ("night_dmy", re.compile(
        rf"\b(?:the )?night of (?:the )?{_DAY}\s*(?:-|–|to|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
        rf"(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("range_mdy", re.compile(
        rf"\b(?:between\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?:,?\s+{_YEAR})?\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:-|–|to)\s*\d)")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("month", re.compile(
        rf"\b(?:in|during|since|early|late|mid-?|throughout|earlier in|later in|(?:much|most|all|part|the end|"
        rf"the start|the beginning|the middle) of)\s+(?:early\s+|late\s+|mid-?)?"
        rf"{_MONTH}(?:\s+{_YEAR})?\b(?!\s+\d)")),
    ("relative", re.compile(
        r"\b(?P<rel>today|this (?:morning|afternoon|evening)|earlier today|tonight|yesterday|"
        r"the day before yesterday|last night|overnight|late (?:on )?yesterday|"
        r"(?:early|late) (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"(?:on |last |this past |early on |late on )?(?:monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday)(?:'s)?(?: (?:morning|afternoon|evening|night))?|"
        r"(?:(?:one|two|three|four|five|six|seven|a|an|several|a few|\d+) days? ago)|"
        r"(?:earlier|late|later) (?:this|last) week|last week|this week|last weekend|this weekend|"
        r"over the weekend|at the weekend|earlier this month|this month|last month|"
        r"(?:a|one|two|three) weeks? ago)\b")),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date stated in the text: ``date``, ``precision`` (1-3), ``start``/``end``
    offsets and ``relative`` (resolved against the publication date)."""

    date: dt.date
    precision: int
    start: int
    end: int
    relative: bool = False
    end_date: dt.date | None = None
    back_from: int | None = None
    """For "a day earlier" told back from a date of its own sentence ("spent Friday burying
    those killed a day earlier"): where that date starts."""


def _year(raw: str | None, month: int, day: int, published: dt.date | None) -> int | None:
    if raw:
        raw = raw.lstrip("'")
        value = int(raw)
        if value < 100:
            value += 1900 if value > 40 else 2000
        return value
    if published is None:
        return None
    # No year given: the latest such date not far after publication.
    year = published.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return year
    if candidate > published + dt.timedelta(days=7):
        return year - 1
    return year


def _safe(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_before(published: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    delta = (published.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def _middle(first: dt.date, last: dt.date) -> dt.date:
    """The middle day of a range: a week-level date errs least there."""
    return first + dt.timedelta(days=(last - first).days // 2)


def _relative(phrase: str, published: dt.date) -> tuple[dt.date, int] | None:
    p = phrase.lower().replace("'s", "")
    if p in ("today", "this morning", "this afternoon", "this evening", "earlier today", "tonight"):
        return published, 1
    if p in ("yesterday", "last night", "overnight", "late yesterday", "late on yesterday"):
        return published - dt.timedelta(days=1), 1
    if p == "the day before yesterday":
        return published - dt.timedelta(days=2), 1
    m = re.match(r"(\w+(?: few)?) days? ago", p)
    if m:
        n = _NUMBER_WORDS.get(m.group(1))
        n = n if n is not None else (int(m.group(1)) if m.group(1).isdigit() else None)
        return (published - dt.timedelta(days=n), 1 if m.group(1) not in ("several", "a few") else 2) \
            if n is not None else None
    m = re.match(r"(\w+) weeks? ago", p)
    if m:
        n = _NUMBER_WORDS.get(m.group(1), 1)
        return published - dt.timedelta(days=7 * n), 2
    for name, wd in WEEKDAYS.items():
        if name in p:
            return _weekday_before(published, wd, strictly=p.startswith("last ")), 1
    monday = published - dt.timedelta(days=published.weekday())
    if p in ("last week", "earlier last week", "late last week", "later last week"):
        return _middle(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)), 2
    if p in ("this week", "earlier this week", "later this week", "late this week"):
        last = published - dt.timedelta(days=1) if p == "earlier this week" and published > monday else published
        return _middle(monday, last), 2
    if p in ("last weekend", "over the weekend", "this weekend", "at the weekend"):
        saturday = _weekday_before(published, 5, strictly=p == "last weekend")
        return saturday, 2
    if p in ("earlier this month", "this month"):
        return published.replace(day=1), 3
    if p == "last month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), 3
    return None


def find_dates(text: str, start: int, end: int, published: dt.date | None,
               day_first: bool | None = None) -> list[DateMention]:
    """Dates stated in ``text[start:end]``, left to right, without overlaps.

    ``day_first`` says how to read a numeric date whose day and month could be either
    ("5/6/2024"): day first, month first, or ``None`` when the document does not say
    (see :func:`numeric_order`); such a date is then read only where one reading falls
    in the month before publication and the other does not."""
    chunk = lower_keep_length(text[start:end])  # the patterns are written in lower case
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Every pattern's matches, pattern by pattern as its own finditer would give them: the
    # patterns that open on known words come from one scan, the two others from finditer.
    hits = [(_INDEXED[j], s, e) for j, s, e in _SCANNER.scan(chunk)]
    hits.extend((i, m.start(), m.end()) for i in _UNINDEXED for m in _PATTERNS[i][1].finditer(chunk))
    hits.sort()
    for i, m_start, m_end in hits:
        if any(m_start < e and s < m_end for s, e in taken):
            continue
        kind, pattern = _PATTERNS[i]
        m = pattern.match(chunk, m_start)
        mention = _mention(kind, m, start, published, day_first) if m is not None else None
        if mention is not None:
            found.append(mention)
            taken.append((m_start, m_end))
    found.sort(key=lambda d: d.start)
    return found


# The patterns that open on known words ("night of", month names) go to one scanner; the
# day-first and relative ones (a digit, "3 days ago") have no word list and keep finditer.
_INDEXED = tuple(i for i, (_, p) in enumerate(_PATTERNS) if match_prefixes(p.pattern, 4) is not None)
_UNINDEXED = tuple(i for i in range(len(_PATTERNS)) if i not in _INDEXED)
_SCANNER = PatternScanner.build(tuple(_PATTERNS[i][1] for i in _INDEXED))


def _mention(kind: str, m: re.Match[str], offset: int, published: dt.date | None,
             day_first: bool | None = None) -> DateMention | None:
    s, e = offset + m.start(), offset + m.end()
    if kind == "numeric":
        date = _numeric(int(m.group("a")), int(m.group("b")), int(m.group("year")), published, day_first)
        return DateMention(date, 1, s, e) if date else None
    if kind == "relative":
        if published is None:
            return None
        resolved = _relative(m.group("rel"), published)
        if resolved is None:
            return None
        return DateMention(resolved[0], resolved[1], s, e, relative=True)
    if kind == "iso":
        date = _safe(int(m.group("year")), int(m.group("m")), int(m.group("day")))
        return DateMention(date, 1, s, e) if date else None
    month = MONTHS.get(m.group("month").lower().rstrip("."))
    if month is None:
        return None
    if kind == "month":
        year = _year(m.group("year"), month, 1, published)
        date = _safe(year, month, 1)
        return DateMention(date, 3, s, e) if date else None
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    if kind == "mdy" and m.group("month").lower() == "may" and not m.group("year") and \
            not re.match(r"\s*\d", m.string[m.end("month"):m.end("month") + 3]):
        return None
    year = _year(m.groupdict().get("year"), month, day, published)
    date = _safe(year, month, day)
    if date is None:
        return None
    if kind in ("night", "night_dmy"):
        return DateMention(date, 1, s, e)
    if kind == "range_mdy":
        day2 = int(m.group("day2"))
        end_date = _safe(year, month, day2) if day2 > day else None
        if end_date is None:
            return DateMention(date, 1, s, e)
        return DateMention(date, 2 if (end_date - date).days <= 7 else 3, s, e, end_date=end_date)
    return DateMention(date, 1, s, e)


def _numeric(a: int, b: int, year: int, published: dt.date | None, day_first: bool | None) -> dt.date | None:
    """The date "a/b/year" stands for: a part over 12 is the day; otherwise the order
    ``day_first`` gives; otherwise the one reading that falls from a month before
    publication to a day after it (``None`` when both or neither do)."""
    if a > 12 or b > 12:
        return _safe(year, b, a) if b <= 12 else (_safe(year, a, b) if a <= 12 else None)
    if a == b or day_first is not None:
        return _safe(year, b, a) if day_first or a == b else _safe(year, a, b)
    if published is None:
        return None
    near = [d for d in (_safe(year, b, a), _safe(year, a, b))
            if d is not None and -1 <= (published - d).days <= 31]
    return near[0] if len(near) == 1 else None


_NUMERIC = dict(_PATTERNS)["numeric"]
_DIGIT_SEPARATOR_DIGIT = re.compile(r"\d[/.]\d")


def numeric_order(text: str, host: str | None = None) -> bool | None:
    """How a document writes numeric dates: ``True`` day first ("14/6/2024"), ``False``
    month first ("6/14/2024"), ``None`` when it cannot be told. Read from the document's
    own dates where a part over 12 settles it (all of them agreeing), else from the
    country of the source's web address (lexicon rules ``date.month-first-host`` and
    ``date.day-first-host``)."""
    votes = set()
    # (Every numeric date holds a digit, a separator and a digit: most texts hold none.)
    for m in _NUMERIC.finditer(text) if _DIGIT_SEPARATOR_DIGIT.search(text) else ():
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 and b <= 12:
            votes.add(True)
        elif b > 12 and a <= 12:
            votes.add(False)
    if len(votes) == 1:
        return votes.pop()
    if votes or not host:
        return None
    host = host.lower().rstrip(".")
    rules = default_lexicon()
    if rules.rule("date.month-first-host").search(host):
        return False
    if rules.rule("date.day-first-host").search(host):
        return True
    return None


def reference_date(published: dt.date | None, filed: dt.date | None) -> dt.date | None:
    """The day relative dates ("on Monday", "yesterday") count from: the day a wire
    story was filed, from its dateline ("KHARTOUM, June 5 (Reuters) -"), when that is
    the publication date or up to a fortnight before it; else the publication date."""
    if filed is None:
        return published
    if published is None or 0 <= (published - filed).days <= 14:
        return filed
    return published


# Dates told from the one before: "a day later", "the next day", "two days earlier".
# Found from the words after the count (a literal the engine skips to), then read back.
_CHAINED_TAIL = re.compile(r"days? (?:later|after|earlier|before)\b|(?:next|following|previous) day\b|day before\b")
_CHAINED = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|\d) days? (?P<dir>later|after|earlier|before)|"
    r"the (?P<next>next|following) day|the (?P<prev>day before|previous day))\b"
)
_BACK_AT_CLAUSE_END = re.compile(
    r"(?:a|one|two|three|\d) days? (?:earlier|before)(?=\s*(?:[,.;:)]|$|and\b|as\b|when\b))|"
    r"the (?:day before|previous day)(?=\s*(?:[,.;:)]|$|and\b|as\b|when\b))")
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def chain_dates(low: str, buckets: list[list[DateMention]], spans: list[tuple[int, int]]) -> None:
    """Add, in place, the dates each sentence tells from the last day-precise date
    stated before it ("A day later, attackers raided ..."). ``buckets`` hold each
    sentence's dates; ``spans`` are the sentences' (start, end) in ``low``."""
    phrases = []
    for tail in _CHAINED_TAIL.finditer(low):
        m = _CHAINED.search(low, max(0, tail.start() - 6), tail.end())
        if m is not None and m.end() == tail.end():
            phrases.append(m)
    if not phrases:
        return
    last: DateMention | None = None
    k = 0
    for i, (start, end) in enumerate(spans):
        while k < len(phrases) and phrases[k].start() < end:
            m = phrases[k]
            k += 1
            if m.start() < start:
                continue
            # From the last day-precise date stated before it; a clause-final "a day earlier"
            # also from one of its own sentence ("spent Friday burying those killed a day
            # earlier"; not "two days before the vote", told from something else).
            here = [d for d in buckets[i] if d.precision == 1 and d.start < m.start()] \
                if _BACK_AT_CLAUSE_END.match(low, m.start(), end) else []
            base = max(here, key=lambda d: d.start) if here else last
            if base is None:
                continue
            if m.group("n"):
                days = _SMALL.get(m.group("n")) or int(m.group("n"))
                days = days if m.group("dir") in ("later", "after") else -days
            else:
                days = 1 if m.group("next") else -1
            buckets[i].append(DateMention(base.date + dt.timedelta(days=days), base.precision, m.start(),
                                          m.end(), relative=True, back_from=base.start if here else None))
        dated = [d for d in buckets[i] if d.precision == 1]
        if dated:
            last = max(dated, key=lambda d: d.start)


def dateline_date(rest: str, published: dt.date | None) -> dt.date | None:
    """The date in a wire dateline ("10 JAN 90 (EFE)", "March 5 (Wire)")."""
    for kind in ("dmy", "mdy"):
        pattern = dict(_PATTERNS)[kind]
        m = pattern.search(lower_keep_length(rest))
        if m:
            mention = _mention(kind, m, 0, published)
            if mention:
                return mention.date
    return None
