"""Casualty figures from claims: the one rule, used for one document's event and
for an incident merged from many documents.

Within one report (:func:`summarise`): ``low`` is the lowest figure any claim
gives, ``high`` the highest, ``best`` the lowest figure of the most credible
claimant; claims about different groups told together add up.

Across the reports of one incident (:func:`across_reports`): each report's own
figure is a rival statement about the same dead. ``low`` and ``high`` span them
all; ``best`` comes from the most credible reports and, among those, from the one
published last, because tolls are revised as the dead are counted ("rose to
seven") and a later figure from an equally credible source supersedes an earlier
one. Nothing is ever averaged, and every claim stays on the record.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .lexicon import default_lexicon
from .model import Claim, Range

CREDIBILITY = {"party": 0, "unattributed": 1, "independent": 2}
"""Claimant ranks: a party to the fighting < an unattributed report < anyone else."""


def credibility(claim: Claim, parties: set[str]) -> int:
    """How far ``claim``'s claimant can be trusted (:data:`CREDIBILITY`): ``parties``
    are the lower-cased names of the event's actors and their countries."""
    if claim.claimant is None:
        return CREDIBILITY["unattributed"]
    name = claim.claimant.lower()
    return CREDIBILITY["party"] if any(p and p in name for p in parties) else CREDIBILITY["independent"]


# Whose dead a claim counts, read from its own words: claims about different groups
# ("eight soldiers" and "30 assailants") add up; claims about one group are rival figures.
_VICTIM_GROUPS = (
    ("state forces", re.compile(
        r"\b(?:soldiers?|troops?|servicem[ae]n|service members|police(?:m[ae]n| officers?)?|gendarmes?|"
        r"officers?|guards?|paratroopers?|marines?|recruits?|conscripts?|personnel|sappers?|pilots?|rangers?|"
        r"border guards?)\b")),
    ("armed groups", re.compile(
        r"\b(?:militants?|rebels?|insurgents?|terrorists?|subversives?|guerrillas?|militiam[ae]n|gunmen|"
        r"attackers?|assailants?|jihadists?|separatists?|mercenaries|bandits?|gang members|fighters?|"
        r"combatants?|raiders?)\b")),
    ("civilians", re.compile(
        r"\b(?:civilians?|villagers?|residents?|children|child|women|woman|worshipp?ers?|passengers?|"
        r"farmers?|herders?|students?|pupils?|schoolchildren|shoppers?|traders?|pilgrims?|patients?|"
        r"journalists?|medics?|aid workers?|displaced|refugees?|family|families|fishermen|miners?|"
        r"motorists?|commuters?|mourners|guests|spectators?|headm[ae]n|teachers?|nurses?|doctors?)\b")),
)


@functools.cache
def _more_group_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The lexicon's further words for state forces and armed groups (data/lexicon/figures.toml):
    nouns ("constables", "khawarij") and phrases ("regime forces", "members of the X group")."""
    lexicon = default_lexicon()
    return (("state forces", lexicon.compile(r"\b(?:{STATE_FORCE_NOUNS}|{STATE_FORCE_NOUN})\b")),
            ("state forces", lexicon.rule("cue.victims-state-forces")),
            ("armed groups", lexicon.compile(r"\b(?:{ARMED_GROUP_NOUNS}|{ARMED_GROUP_NOUN})\b")),
            ("armed groups", lexicon.rule("cue.victims-armed-group")))


def victim_group(claim: Claim) -> str | None:
    """The group whose dead ``claim`` counts (state forces, armed groups, civilians), or
    None when its words name no one group ("12 people", "the toll", a mixed list)."""
    words = claim.span.text.lower()
    named = {name for name, pattern in _VICTIM_GROUPS + _more_group_words() if pattern.search(words)}
    return named.pop() if len(named) == 1 else None


def summarise(claims: list[Claim], figure: str, parties: set[str],
              paragraph_of: Callable[[int], int] | None = None) -> Range | None:
    """Event-level figure from claims (UCDP style).

    ``low`` is the lowest figure any claim gives ("up to N" only when nothing
    else is stated), ``high`` the highest figure
    stated, and ``best`` the lowest figure of the most credible claimant: a
    claimant not party to the fighting (``parties`` are the lower-cased names of
    the event's actors and their countries) outranks an unattributed report, which
    outranks a party. Conflicting claims stay in the claim list; they are never
    averaged.

    An event's dead are everyone's dead: when every claim names one group (state
    forces, armed groups, civilians) and they name more than one, each group's
    low/best/high is found as above and the groups are added ("killing eight soldiers
    ... 30 assailants were killed": 38). A claim that names no group ("12 people")
    may be the total, so then nothing is added. Nor is anything added across
    paragraphs (``paragraph_of`` maps an offset to its paragraph): a report that
    lists clash after clash may have been read as one incident, and its groups'
    dead are then each clash's. A toll that has risen replaces the lower counts told
    before it (:func:`latest_counts`).
    """
    relevant = latest_counts([c for c in claims if c.figure == figure and not c.part])
    if not relevant:
        return None
    groups: dict[str | None, list[Claim]] = {}
    for c in relevant:
        groups.setdefault(victim_group(c), []).append(c)
    together = paragraph_of is not None and len({paragraph_of(c.span.start) for c in relevant}) == 1
    if len(groups) > 1 and None not in groups and together:
        ranges = [over_rivals(members, parties) for members in groups.values()]
        return Range(sum(r.low for r in ranges), sum(r.best for r in ranges), sum(r.high for r in ranges))
    return over_rivals(relevant, parties)


def latest_counts(claims: list[Claim]) -> list[Claim]:
    """``claims`` without the figures a later update in the same report replaced: when
    "the toll has risen to four" follows "two were killed", four is the count, and two
    (an earlier, lower count) is neither the best figure nor the low one. An update
    stated by a source replaces only that source's earlier counts (another source's
    lower figure stays a rival figure); an unattributed one, the report's own voice,
    replaces every earlier count. An update is a
    claim whose words say the toll rose (rule ``claim.toll-update`` in
    data/lexicon/figures.toml); the replaced claims stay on the event's claim list."""
    update = default_lexicon().rule("claim.toll-update")
    updates = [c for c in claims if update.search(c.span.text.lower())]
    if not updates:
        return claims
    return [c for c in claims
            if not any(u is not c and c.span.start < u.span.start and c.top < u.low and
                       _same_claimant(c, u) for u in updates)]


def _same_claimant(earlier: Claim, update: Claim) -> bool:
    # An unattributed update is the report's own latest count ("11:45 The toll has risen
    # to five"); an attributed one revises only its own source's count.
    return update.claimant is None or (earlier.claimant or "").lower() == update.claimant.lower()


def over_rivals(relevant: list[Claim], parties: set[str]) -> Range:
    """low/best/high over claims that give rival figures for the same dead."""
    # "Dozens of bodies" beside "between 40 and 60 killed" agrees with the figure and adds
    # no bound of its own: a vague claim that spans every precise one is set aside.
    precise = [c for c in relevant if c.qualifier != "vague"]
    if precise and len(precise) < len(relevant):
        floor, top = min(c.low for c in precise), max(c.top for c in precise)
        relevant = precise + [c for c in relevant if c.qualifier == "vague" and not (c.low <= floor and c.top >= top)]
    # "As many as 17" bounds the figure from above; its floor of 1 is no one's claim
    # when another source gives a figure.
    stated = [c for c in relevant if c.qualifier != "up to"] or relevant
    low = min(c.low for c in stated)
    high = max(c.top for c in relevant)

    top = max(credibility(c, parties) for c in stated)
    best = min(c.low for c in stated if credibility(c, parties) == top)
    return Range(low, max(low, min(best, high)), high)


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """One report's figure for an incident: ``range`` (as :func:`summarise` gave it),
    ``credibility`` (of its most credible claim), ``published`` and ``order`` (the
    order reports were received: the tie-break)."""

    range: Range
    credibility: int
    published: dt.date | None
    order: int


def report_figure(claims: Sequence[Claim], figure: str, parties: set[str], range_: Range | None,
                  published: dt.date | None, order: int) -> ReportFigure | None:
    """``range_`` (a report's own figure) with the credibility of its claims, or None
    when the report gives no figure."""
    if range_ is None:
        return None
    relevant = [c for c in claims if c.figure == figure and not c.part]
    rank = max((credibility(c, parties) for c in relevant), default=CREDIBILITY["unattributed"])
    return ReportFigure(range_, rank, published, order)


def across_reports(figures: Sequence[ReportFigure]) -> Range | None:
    """An incident's figure from its reports' figures (see the module docstring)."""
    if not figures:
        return None
    low = min(f.range.low for f in figures)
    high = max(f.range.high for f in figures)
    top = max(f.credibility for f in figures)
    trusted = [f for f in figures if f.credibility == top]
    latest = max(trusted, key=lambda f: (f.published or dt.date.min, -f.range.best, f.order))
    return Range(low, min(max(latest.range.best, low), high), high)
