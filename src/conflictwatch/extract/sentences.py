"""Split the story into sentences and find the dateline, with plain regular expressions.

Handles wire text with hard line wraps (MUC-4), pasted web text with one paragraph
per line, headlines without a full stop, and abbreviations ("Gen.", "U.S.", "Jan.").
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .vocabulary import vocabulary

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt cpl pvt adm gov sen rep st mt ft no nos jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m e.g i.e vs etc approx est dept govt "
    "inc corp ltd co jr sr prof rev gen.-maj lt.-col brig cmdr cdr fr msgr".split()
)
_CLOSERS = "\"”’)]"
_WORD_CHARS = string.ascii_letters + "."
_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“(\[]?[A-Z0-9])")
_TERMINAL = re.compile(r"[.!?:\"”’)]\s*$")
_SECOND_INCIDENT = re.compile(
    r",(?=\s+(?:and|as|while|whereas)\s+[^.;]{0,90}?\bin (?:a|an|another) (?:separate|second|different|"
    r"unrelated)\b)|,(?=\s+as\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}\s+(?:reported|said|claimed|announced)\s+"
    r"(?:killing|having killed|it had killed|it killed)\b)"
    # "..., police said, and on Monday evening gunmen shot dead a headman": another day, another act.
    r"|,(?=\s+and\s+(?:(?:late|early|later)\s+)?on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"[^.;]{0,60}?\b(?:killed|shot|attacked|struck|hit|bombed|stormed|abducted|kidnapped|opened fire)\b)"
    # "..., officials said, and fighting between X and Y in Marib province killed eight".
    r"|,(?=\s+and\s+(?:heavy\s+|fierce\s+|renewed\s+)?(?:fighting|clashes|shelling)\s+(?:between|in|near|around)\b"
    r"[^.;]{0,120}?\b(?:killed|killing|left)\b)",
    re.IGNORECASE)
# A first paragraph this short, with no title known, is read as a headline or a flash,
# unless it attributes its words as a story's sentence does ("..., the army said; ...").
_HEADLINE_CHARS = 160
_ATTRIBUTION = re.compile(r"\b(?:said|told|added|according to)\b", re.IGNORECASE)
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozens scores "
                         "hundreds thousands several".split())
_RUNNING_WORD = re.compile(r"\b(?!(?:january|february|march|april|june|july|august|september|october|"
                           r"november|december|sept)\b)[a-z]{4,}\b")
_DATELINE = re.compile(
    # (Letters with accents too: "BOGOTÁ", "TUXTLA GUTIÉRREZ".)
    r"\s*(?P<place>[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’.\- ]{1,40}?(?:/[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’.\- ]{1,30}?)?"
    r"(?:\s*\((?:[A-Za-zÀ-ÖØ-öø-ÿĀ-ž .'-]{2,30})\))?)"
    r"(?:\s*,\s*(?P<rest>[^\n]{0,60}?))?\s*(?P<sep>--|—|–|-|:|(?<=\)))\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the story: ``index``, ``start``/``end`` offsets, ``paragraph``
    number and ``headline`` (it is the title)."""

    index: int
    start: int
    end: int
    paragraph: int
    headline: bool = False


@dataclass(frozen=True, slots=True)
class Dateline:
    """The "KYIV, March 5 (Wire) -" opening of a wire story: where and when it was
    filed, which is not where the events happened."""

    start: int
    end: int
    place: str
    place_start: int
    rest: str


def _paragraphs(view: str, upper: bool, title_end: int | None) -> list[tuple[int, int]]:
    """Paragraph spans; a single line break inside a wrapped paragraph is not a break."""
    spans: list[tuple[int, int]] = []
    start = None
    pos = 0
    prev_end = 0
    lines = view.split("\n")
    for i, line in enumerate(lines):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            if start is not None:
                spans.append((start, prev_end))
                start = None
            continue
        if start is None:
            start = line_start + (len(line) - len(line.lstrip()))
        else:
            prev = lines[i - 1]
            wrapped = len(prev.rstrip()) >= 55 and not _TERMINAL.search(prev) and \
                (upper or line.lstrip()[:1].islower() or len(prev.rstrip()) >= 65)
            if not wrapped or (title_end is not None and prev_end == title_end):
                spans.append((start, prev_end))
                start = line_start + (len(line) - len(line.lstrip()))
        prev_end = line_start + len(line.rstrip())
    if start is not None:
        spans.append((start, prev_end))
    return spans


def split(view: str, upper: bool = False, title_start: int | None = None,
          title_end: int | None = None) -> list[Sentence]:
    """Sentences of ``view`` (the story with boilerplate blanked out)."""
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(_paragraphs(view, upper, title_end)):
        cursor = p_start
        text = view[p_start:p_end]
        boundaries = list(_BOUNDARY.finditer(text))
        if (title_start is not None and p_start <= title_start < p_end) or \
                (title_start is None and p_index == 0 and p_end - p_start <= _HEADLINE_CHARS and
                 not _ATTRIBUTION.search(text)):
            # A headline listing two incidents: "Strike kills 3 in X; clashes in Y" (the
            # title, or with none known, a short first paragraph: a headline or a flash).
            boundaries += list(re.finditer(r";(?=\s+\S)", text))
        # "..., and a soldier was killed in a separate shooting in Ilaga": a second
        # incident told in the same sentence is read as a sentence of its own.
        boundaries += list(_SECOND_INCIDENT.finditer(text))
        boundaries.sort(key=lambda b: b.end())
        for m in boundaries:
            end = p_start + m.end()
            # The word before the stop ("Gen.", "U.S."): its letters and dots, read back
            # from the end with string operations (a pattern anchored at the end would try
            # every start in a run of letters, and a long run made that quadratic).
            word = _last_word(view, cursor, end)
            if word:
                token = word.lower().rstrip(".")
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
            if view[cursor:end].strip():
                out.append(_make(view, len(out), cursor, end, p_index, title_start, title_end))
            cursor = end
        if view[cursor:p_end].strip():
            out.append(_make(view, len(out), cursor, p_end, p_index, title_start, title_end))
    return out


def _last_word(view: str, start: int, end: int) -> str:
    r"""The letters and dots of the word that ends ``view[start:end]`` before its closing
    quotes and brackets ("" when none): what ``([A-Za-z][A-Za-z.]*)\.*["”’)\]]*$``
    captures. The last 64 characters are read unless the word reaches past them."""
    for lo in (max(start, end - 64), start):
        tail = view[lo:end].rstrip(_CLOSERS)
        letters = tail.rstrip(_WORD_CHARS)
        if letters or lo == start:
            return tail[len(letters):].lstrip(".")
    return ""  # pragma: no cover - the loop's last round returns


def _make(view: str, index: int, start: int, end: int, paragraph: int,
          title_start: int | None, title_end: int | None) -> Sentence:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    headline = title_start is not None and (start <= title_start < end or
                                            (title_end is not None and title_start <= start < title_end))
    return Sentence(index, start, end, paragraph, headline)


def find_dateline(view: str, sentence: Sentence) -> Dateline | None:
    """The dateline at the start of ``sentence`` ("GILGIT, Pakistan - ", "LIMA, 10 JAN 90 (EFE) -- ")."""
    m = _DATELINE.match(view, sentence.start, sentence.end)
    if not m:
        return None
    place = re.sub(r"\s*\([^)]*\)\s*$", "", m.group("place")).split("/")[0].strip()  # "GAZA/RAMALLAH": the first
    rest = (m.group("rest") or "").strip()
    words = place.split()
    # A dateline place is short and in capitals ("KYIV") or a title-case city followed
    # by a date or agency; a sentence opening such as "Police said - " is not.
    # A title-case town with its agency in brackets ("Mogadishu (SONNA) -") is a dateline too;
    # so is a town and a date before a colon ("Rawalpindi, 15 August 2025:"), as press
    # services write them.
    agency = re.search(r"\(\s*([A-Z][A-Za-z]*[A-Z][A-Za-z]*|Reuters|Xinhua|Anadolu)\s*\)\s*$", m.group("place"))
    if not m.group("sep") and not (agency and len(words) <= 3
                                   and agency.group(1).lower() in vocabulary().news_agencies):
        return None  # a wire service in brackets ends a dateline without a dash: "Kabul (BNA) A bomb ..."
    if m.group("sep") == ":" and not re.search(r"\d", rest) and not (
            place.isupper() and not rest and not sentence.headline and len(words) <= 3
            and len(place.replace(" ", "")) >= 5 and place.lower() not in vocabulary().headline_labels):
        # A colon follows a date ("Rawalpindi, 15 August 2025:") or a town in capitals that opens
        # the story ("QUETTA: ..."), not a label ("BREAKING:") or an acronym ("FSB:", "ISPR:").
        return None
    # A town in title case, alone before a long dash, opens the story as agencies and papers
    # write it ("Maputo — The defence forces ...", "Goma – Rebels ..."): a sentence starts after
    # the dash. (A hyphen is too common inside sentences, a label ("Analysis —") is no place, and
    # "Soldiers — backed by drones — stormed" goes on in small letters.)
    dashed_town = m.group("sep") in ("—", "–") and not rest and not agency and not sentence.headline and \
        (view[m.end():m.end() + 1].isupper() or view[m.end():m.end() + 1].isdigit()) and \
        len(words) <= 3 and all(w[:1].isupper() and w[1:].replace("-", "").islower() for w in words) and \
        place.lower() not in vocabulary().headline_labels
    if len(words) > 4 or not (place.isupper() or rest or agency or dashed_town):
        return None
    if not place.isupper() and not agency and not dashed_town and not re.search(r"\d|\(|[A-Z]{2,}", rest):
        return None
    # "Two people, including a WWII veteran, died ... - VGA": a sentence with a source
    # after the dash, not a dateline. A place is capitalised word by word; the rest is
    # a date, an agency or a country, with no running words.
    bare = re.sub(r"\([^)]*\)", " ", rest)  # "(INRAVISION TELEVISION CADENA 1)": the agency
    if not all(w[:1].isupper() for w in words) or len(bare.split()) > 7 or _RUNNING_WORD.search(bare):
        return None
    # "One KIA, two WIA in the east - HQ": a count opens a flash, never a place's name.
    if words[0].lower() in _COUNT_WORDS:
        return None
    return Dateline(sentence.start, m.end(), place, m.start("place"), rest)
