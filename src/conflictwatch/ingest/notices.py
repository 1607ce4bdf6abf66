"""Page notices and page furniture, told by position and form.

The knowledge (notice phrases per language, furniture phrases, section labels)
lives in ``data/page_notices.toml`` with examples; this module applies it to the
lines of a page:

- a **reservation notice** is a sentence that reserves, prohibits or requires
  consent for automated use, storage, scraping, mining, machine learning or AI
  training, in a line that is not reported speech, standing where notices stand:
  the page's closing or opening block (with rights vocabulary or words about the
  page itself), or a short standalone line with both;
- **furniture** is a line made mostly of menu, prompt or legal phrases, a
  copyright line, a menu of short items, a short label repeated on the page, or a
  short line holding such a phrase at the page's ends. A line is never furniture
  for its first word alone.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

__all__ = ["NoticeRule", "PageNotices", "Lines", "Scan", "page_notices", "scan_lines", "split_section"]

# A sentence ends at . ! ? or ; before a capital (so "L. 122-5" or "art. 4" go on).
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[\"“«¿¡]?[A-ZÀ-ÖØ-Þ])")
_SENTENCE_END = re.compile(r"[.!?\"”’]\s*$")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MENU_SEPARATOR = re.compile(r"\s[|·•»/]\s|\s\|\s?|\s?\|\s")
_SHORT_LABEL_WORDS = 14
_STANDALONE_WORDS = 60
_BLOCK_NOTICE_WORDS = 120
_FURNITURE_AT_END_WORDS = 40
_LONGEST_FURNITURE = 80
_BLOCK_LINES = 60  # the most lines a page's opening or closing block holds


@dataclass(frozen=True, slots=True)
class NoticeRule:
    """One set of notice phrases: ``id``, ``language``, ``meaning``; a sentence
    holding one of ``actions`` and one of ``objects`` matches; ``positive`` and
    ``negative`` are the examples the tests run; ``anywhere``: a line matching it is
    a notice wherever it stands (it cites the law that makes it one)."""

    id: str
    language: str
    meaning: str
    actions: re.Pattern[str]
    objects: re.Pattern[str]
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    anywhere: bool = False

    def matches(self, sentence: str) -> bool:
        """Does ``sentence`` hold one of the actions and one of the objects?"""
        return self.objects.search(sentence) is not None and self.actions.search(sentence) is not None


@dataclass(frozen=True, slots=True)
class PageNotices:
    """The rules of ``data/page_notices.toml`` (see that file for their meaning)."""

    reservations: tuple[NoticeRule, ...]
    copy_notices: tuple[NoticeRule, ...]
    self_reference: re.Pattern[str]
    rights_vocabulary: re.Pattern[str]
    reporting: re.Pattern[str]
    furniture: re.Pattern[str]
    copyright: re.Pattern[str]
    any_object: re.Pattern[str]
    section_labels: tuple[str, ...]
    spaced_upper: bool
    examples_furniture: tuple[str, ...]
    examples_story: tuple[str, ...]
    examples_split: tuple[tuple[str, str, str], ...]
    examples_kept: tuple[str, ...]

    def reported(self, line: str) -> bool:
        """Is ``line`` reported speech (a story telling what someone said)?"""
        return self.reporting.search(line) is not None

    def _matches(self, rules: tuple[NoticeRule, ...], line: str) -> bool:
        if self.reported(line):
            return False
        return any(rule.matches(sentence) for sentence in _SENTENCE.split(line) for rule in rules)

    def reserves(self, line: str) -> bool:
        """Does ``line`` word a reservation (whatever its position)?"""
        if self.any_object.search(line) is None:
            return False
        return self._matches(self.reservations, line)

    def reserves_anywhere(self, line: str) -> bool:
        """Does ``line`` word a reservation that counts wherever it stands?"""
        return self._matches(tuple(r for r in self.reservations if r.anywhere), line)

    def copy_notice(self, line: str) -> bool:
        """Does ``line`` word a plain copyright notice (reproduction needs consent)?"""
        return self._matches(self.copy_notices, line)

    def speaks_of_rights(self, line: str) -> bool:
        """Rights vocabulary or words about the page itself: a notice's voice."""
        return self.rights_vocabulary.search(line) is not None or self.self_reference.search(line) is not None

    def is_furniture(self, line: str, at_end: bool = False) -> bool:
        """Is ``line`` page furniture by its form (``at_end``: it stands in the
        page's opening or closing block, where a short line with one furniture
        phrase is enough)?"""
        stripped = line.strip()
        words = _WORD.findall(stripped)
        if not words:
            return False
        n = len(words)
        if n > _LONGEST_FURNITURE:
            return False
        if n <= 25 and self.copyright.search(stripped):
            return True
        if _is_menu(stripped):
            return True
        covered = sum(len(_WORD.findall(m.group(0))) for m in self.furniture.finditer(stripped))
        if covered and (covered * 2 >= n or (n <= 10 and _short_label(stripped) and covered * 3 >= n)):
            # Made mostly of furniture phrases, or a short label (no sentence) a third
            # made of them: "Sign up for our newsletter to get the latest".
            return True
        if at_end and covered and n <= _FURNITURE_AT_END_WORDS and not self.reported(stripped):
            # At the page's ends: a short label holding a furniture phrase ("Follow us
            # on Telegram"), or a sentence a quarter made of them (a cookie banner).
            return _short_label(stripped) or covered * 4 >= n
        return False


def _is_menu(line: str) -> bool:
    """A run of three or more short items apart by separators: "Home | World | Sport".
    A line giving a year is a dateline or byline ("By X | 2 May 2024 | 5 min"), kept
    for the date it gives."""
    if _YEAR.search(line):
        return False
    parts = [p for p in _MENU_SEPARATOR.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    return all(len(p.split()) <= 4 for p in parts)


def _union(patterns: Iterable[str], where: str) -> re.Pattern[str]:
    try:
        # Every pattern starts at a word's start (or at a sign): the guard rejects the
        # positions inside a word at once, which keeps long unions fast.
        return re.compile("(?!(?<=\\w)\\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)
    except re.error as exc:
        raise DataError(f"{where}: bad regular expression ({exc}); fix data/page_notices.toml") from exc


def _rules(items: object, kind: str) -> tuple[NoticeRule, ...]:
    if not isinstance(items, list):
        raise DataError(f"page_notices.toml: [[{kind}]] must be a list of tables; fix the data file")
    rules = []
    for item in items:
        where = f"page_notices.toml [[{kind}]] {item.get('id', '?')}"
        rules.append(NoticeRule(str(item["id"]), str(item["language"]), str(item["meaning"]),
                                _union(item["actions"], where), _union(item["objects"], where),
                                tuple(item.get("positive", ())), tuple(item.get("negative", ())),
                                bool(item.get("anywhere", False))))
    return tuple(rules)


def load_page_notices(path: Path | None = None) -> PageNotices:
    """Read ``data/page_notices.toml`` (or ``path``). Raises :class:`DataError`
    naming the file when it cannot be read or holds a bad pattern."""
    if path is None:
        path = Path(str(importlib.resources.files("conflictwatch") / "data" / "page_notices.toml"))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"page notices {path} cannot be read ({exc}); reinstall conflictwatch or fix the file") from exc
    try:
        form, furniture, sections = data["form"], data["furniture"], data["sections"]
        reservations = _rules(data["reservation"], "reservation")
        copy_notices = _rules(data["copy_notice"], "copy_notice")
        objects = [p for item in data["reservation"] for p in item["objects"]]
        return PageNotices(
            reservations=reservations,
            copy_notices=copy_notices,
            self_reference=_union(form["self_reference"], "[form] self_reference"),
            rights_vocabulary=_union(form["rights_vocabulary"], "[form] rights_vocabulary"),
            reporting=_union(form["reporting"], "[form] reporting"),
            furniture=_union((rf"\b{p}" for p in furniture["phrases"]), "[furniture] phrases"),
            copyright=_union([furniture["copyright"]], "[furniture] copyright"),
            any_object=_union(objects, "[[reservation]] objects"),
            section_labels=tuple(sorted(sections["labels"], key=len, reverse=True)),
            spaced_upper=bool(sections.get("spaced_upper", True)),
            examples_furniture=tuple(furniture.get("examples_furniture", ())),
            examples_story=tuple(furniture.get("examples_story", ())),
            examples_split=tuple(tuple(x) for x in sections.get("examples_split", ())),
            examples_kept=tuple(sections.get("examples_kept", ())),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"page notices {path}: missing or malformed entry ({exc!r}); fix the data file") from exc


@functools.cache
def page_notices() -> PageNotices:
    """The packaged page-notice rules, read once."""
    return load_page_notices()


class Lines:
    """The lines of a text as (start, end, line), the line read from the text when
    asked for: a long text's lines are never all copied at once."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> tuple[int, int, str]:
        start = self.starts[i]
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return start, end, self.text[start:end]


@dataclass(frozen=True, slots=True)
class Scan:
    """What :func:`scan_lines` finds: ``furniture`` (indices of furniture lines,
    those given as known included) and ``notice`` (the index of the first line
    holding a reservation notice, or ``None``)."""

    furniture: frozenset[int]
    notice: int | None


def _short_label(line: str) -> bool:
    n = len(line.split())
    return 0 < n <= _SHORT_LABEL_WORDS and not _SENTENCE_END.search(line)


def scan_lines(lines: Lines, known: Iterable[int] = (), skip: Iterable[int] = (),
               rules: PageNotices | None = None) -> Scan:
    """Find the furniture and the reservation notice among ``lines``.

    ``known``: lines already known to be furniture (captions, bylines...);
    ``skip``: lines never to call furniture or notice (the title).
    """
    rules = rules or page_notices()
    skipped = set(skip)
    content = [i for i in range(len(lines)) if i not in skipped and lines[i][2].strip()]
    furniture = set(known) - skipped

    # Form alone: copyright lines, menus, lines made of furniture phrases, and short
    # labels shown more than once (site furniture repeated around the story).
    first_seen: dict[str, int] = {}
    for i in content:
        line = lines[i][2].strip()
        if rules.is_furniture(line):
            furniture.add(i)
        if _short_label(line):
            j = first_seen.setdefault(line, i)
            if j != i:
                furniture.update((j, i))

    voices: dict[int, bool] = {}

    def voice(i: int) -> bool:
        if i not in voices:
            line = lines[i][2].strip()
            voices[i] = _voice(rules, line)
        return voices[i]

    def in_block(i: int) -> bool:
        return i in furniture or _short_label(lines[i][2].strip()) or voice(i)

    # The page's ends: the closing block runs back from the last line while lines
    # are furniture, short labels or notices; the opening block likewise forwards
    # (the title, skipped, does not break it).
    ends: list[int] = []
    for i in reversed(content[-_BLOCK_LINES:]):
        if not in_block(i):
            break
        ends.append(i)
    closing = set(ends)
    for i in content[:_BLOCK_LINES]:
        if i in closing or not in_block(i):
            break
        ends.append(i)

    notice: int | None = None
    for i in ends:
        line = lines[i][2].strip()
        if voice(i) and rules.reserves(line):
            furniture.add(i)
            if notice is None or i < notice:
                notice = i
        elif i not in furniture and ((voice(i) and rules.copy_notice(line)) or rules.is_furniture(line, at_end=True)):
            furniture.add(i)
    if notice is None:
        # A short standalone line anywhere that speaks of the page in rights words.
        for i in content:
            line = lines[i][2].strip()
            if len(line.split()) <= _STANDALONE_WORDS and rules.rights_vocabulary.search(line) \
                    and (rules.self_reference.search(line) and rules.reserves(line)
                         or rules.reserves_anywhere(line)):
                notice = i
                furniture.add(i)
                break
    return Scan(frozenset(furniture), notice)


def _voice(rules: PageNotices, line: str) -> bool:
    """A notice's voice: rights words about the page, or notice phrases, not reported."""
    if len(line.split()) > _BLOCK_NOTICE_WORDS:
        return False
    vocabulary = rules.rights_vocabulary.search(line) is not None
    own = rules.self_reference.search(line) is not None
    if not (own or vocabulary) or rules.reported(line):
        return False
    return (own and vocabulary) or rules.reserves(line) or rules.copy_notice(line)


def split_section(title: str, rules: PageNotices | None = None) -> tuple[str, str] | None:
    """``(label, rest)`` when ``title`` opens with a section label from the data
    list glued to it ("WorldRebels shell..."), set off by a bar or a dash
    ("Europe | Rebels...", "Europe - Rebels..."), or, written in capitals, by a
    space ("LIVE Rebels..."); ``None`` otherwise. ``rest`` is the title proper."""
    rules = rules or page_notices()
    stripped = title.strip()
    for label in rules.section_labels:
        n = len(label)
        head = stripped[:n]
        if head.lower() != label.lower() or len(stripped) <= n + 1:
            continue
        rest = stripped[n:]
        glued = re.match(r"[A-Z0-9\"“‘'«][^\s]", rest)
        barred = re.match(r"\s*[|–—-]\s+(?=\S)|\s*[|]\s*(?=\S)", rest)
        spaced = rules.spaced_upper and head.isupper() and len(head) > 1 and re.match(r" +(?=[A-Z0-9\"“‘'«])", rest) \
            and any(c.islower() for c in rest)
        if glued and head[:1].isupper():
            return head, rest.strip()
        if barred:
            return head, rest[barred.end():].strip()
        if spaced:
            return head, rest.strip()
    return None


def sentences_of(line: str) -> Sequence[str]:
    """The sentences of one line (as the notice rules read them)."""
    return _SENTENCE.split(line)
