"""Find event triggers and throw out the ones that do not report a new event.

A trigger does not count when its sentence is about something else:

* not violence: sport, films and games, markets, accidents and disasters,
  disease, court cases, exercises and parades, visits, talks, anniversaries;
* not an event: a threat, a forecast, a plan, a denial, a hypothetical, a hoax,
  a general statement ("regularly shelled", "fighting continues"), history
  ("in 1944"), a running total ("since the war began").

A weak trigger ("killed", "explosion", "attack") also needs an armed actor or a
weapon in the same sentence.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from ..annotations import Annotated, Trigger
from ..explain import TriggerNote
from ..intervals import PointIndex, SpanIndex
from ..lexicon import default_lexicon
from ..prescan import GuardedPattern
from ..textutil import blank_matches
from .typology import rule_scanner, trigger_rules


@dataclass(frozen=True)
class _Vetoes:
    """The veto and cue rules of data/lexicon/*.toml that this module applies, compiled
    once on first use; checks read at the same place are joined into one pattern. Those
    read on whole sentences and stories stand behind a literal prescan
    (:class:`~conflictwatch.prescan.GuardedPattern`): a sentence with none of
    the words a rule's every match contains is not searched."""

    not_violence: GuardedPattern
    venues: frozenset[str]
    armed_doer_acts: GuardedPattern
    depiction: GuardedPattern
    soft_not_violence: GuardedPattern
    disaster: GuardedPattern
    not_event: re.Pattern[str]
    no_act_after: re.Pattern[str]
    """Words right after the trigger: a sound heard, commentary, an animal, a figure of
    speech, a childhood, a duration, a fire, wounds, the sea."""
    no_act_before_40: GuardedPattern
    """The last 40 characters of the clause: heard, denied, the end of."""
    animal_before: GuardedPattern
    animal_subject: re.Pattern[str]
    likeness: re.Pattern[str]
    life_story: re.Pattern[str]
    counted: GuardedPattern
    no_one: re.Pattern[str]
    figurative_fight: GuardedPattern
    since: re.Pattern[str]
    this_week_after: re.Pattern[str]
    found_damage: GuardedPattern
    casualty_noun: re.Pattern[str]
    scare_quoted: re.Pattern[str]
    weapon_word: re.Pattern[str]
    weapons_traded: re.Pattern[str]
    label: re.Pattern[str]
    quoted_label: re.Pattern[str]
    quoted_phrase: re.Pattern[str]
    cause: re.Pattern[str]
    statistic: re.Pattern[str]
    other_events: re.Pattern[str]
    condemned: re.Pattern[str]
    intercepted: re.Pattern[str]
    running_total: GuardedPattern
    """A sentence that sums up a period, a trend, a quarrel or a campaign."""
    topics: tuple[GuardedPattern, ...]
    """What a whole story may be about instead of political violence."""
    conflict_cue: GuardedPattern
    political_victim: GuardedPattern
    the_story_attack: re.Pattern[str]
    intent_killing: re.Pattern[str]
    deadly: re.Pattern[str]
    attack_word: re.Pattern[str]
    speech_date: GuardedPattern
    protest_context: GuardedPattern
    diplomatic_protest: re.Pattern[str]
    political_arrest: GuardedPattern
    disrupted_general: GuardedPattern
    background: GuardedPattern
    described: GuardedPattern
    said_on_day: GuardedPattern
    old_year_number: re.Pattern[str]
    old_year_before: re.Pattern[str]
    past_year: GuardedPattern
    year_when: GuardedPattern
    year_named_event: GuardedPattern
    recent_day: GuardedPattern
    mob_act: GuardedPattern
    weapon_beside: GuardedPattern
    explosive_trigger: re.Pattern[str]
    any_before: re.Pattern[str]
    talks_as_setting: GuardedPattern
    """Talks named as the backdrop of a toll ("six killed ahead of peace talks")."""
    comparison_with_past: GuardedPattern
    """"The deadliest attack since 2023": a comparison, not a period."""
    digest_title: GuardedPattern
    toll_in_conflict: GuardedPattern
    relative_aside: re.Pattern[str]
    """", who have terrorised the area since 2019,": the subject's past, not the act told."""


@functools.cache
def _vetoes() -> _Vetoes:
    lx = default_lexicon()
    rule, joined, guard = lx.rule, lx.joined, GuardedPattern

    return _Vetoes(
        not_violence=guard(rule("veto.not-violence")), venues=lx.words("VENUES"),
        armed_doer_acts=guard(rule("cue.armed-doer-acts")), depiction=guard(rule("cue.depiction")),
        soft_not_violence=guard(rule("veto.soft-context")), disaster=guard(rule("veto.disaster")),
        not_event=joined("veto.threat-or-plan", "veto.forecast", "veto.denied", "veto.habitual", "veto.purpose",
                         "veto.no-before", "veto.infinitive"),
        no_act_after=joined("veto.heard", "veto.commentary", "veto.animal-after", "veto.figurative-with",
                            "veto.childhood", "veto.duration", "veto.fire-object", "veto.wounds-noun",
                            "veto.into-sea", "veto.alongside"),
        no_act_before_40=guard(joined("veto.heard-before", "veto.denied-act", "veto.end-of", "veto.reports-of",
                                      "veto.how-many")),
        animal_before=guard(rule("veto.animal-before")), animal_subject=rule("veto.animal-subject"),
        likeness=rule("veto.likeness"), life_story=rule("veto.life-story"), counted=guard(rule("veto.counted")),
        no_one=rule("veto.no-one"), figurative_fight=guard(rule("veto.figurative-fight")), since=rule("veto.since"),
        this_week_after=rule("cue.this-week"), found_damage=guard(rule("veto.found-damage")),
        casualty_noun=rule("veto.casualty-noun"), scare_quoted=rule("veto.scare-quoted"),
        weapon_word=rule("veto.weapon-word"), weapons_traded=rule("veto.weapons-traded"),
        label=rule("veto.label"), quoted_label=rule("veto.quoted-label"), quoted_phrase=rule("veto.quoted-phrase"),
        cause=rule("veto.cause"), statistic=rule("veto.statistic"), other_events=rule("veto.other-events"),
        condemned=rule("veto.condemned"), intercepted=rule("veto.intercepted"),
        running_total=guard(joined("total.perfect-since", "total.began-this-year", "total.since-date",
                                   "total.habit", "total.trend", "total.record", "total.accusation", "veto.quarrel",
                                   "veto.war-on")),
        topics=tuple(guard(rule(i)) for i in _TOPIC_RULES),
        conflict_cue=guard(rule("cue.conflict")),
        political_victim=guard(rule("cue.political-victim")),
        the_story_attack=rule("cue.the-story-attack"),
        intent_killing=rule("cue.intent-killing"),
        deadly=rule("cue.deadly"),
        attack_word=rule("cue.attack-word"),
        speech_date=guard(rule("cue.speech-date")),
        protest_context=guard(rule("cue.protest-context")),
        diplomatic_protest=rule("veto.diplomatic-protest"),
        political_arrest=guard(rule("cue.political-arrest")),
        disrupted_general=guard(rule("veto.disrupted-general")),
        background=guard(rule("cue.background")),
        described=guard(rule("cue.described")),
        said_on_day=guard(rule("cue.said-on-day")),
        old_year_number=rule("history.old-year-number"),
        old_year_before=rule("history.old-year-before"),
        past_year=guard(rule("history.past-year")),
        year_when=guard(rule("history.year-when")), year_named_event=guard(rule("history.year-named-event")),
        recent_day=guard(rule("cue.recent-day")),
        mob_act=guard(rule("cue.mob-act")),
        weapon_beside=guard(rule("cue.weapon-beside")),
        explosive_trigger=rule("cue.explosive-trigger"),
        any_before=rule("cue.any-before"),
        talks_as_setting=guard(rule("cue.talks-as-setting")),
        comparison_with_past=guard(rule("cue.comparison-with-past")),
        relative_aside=rule("cue.relative-aside"),
        digest_title=guard(rule("veto.digest-title")),
        toll_in_conflict=guard(rule("cue.toll-in-conflict")),
    )


_TOPIC_RULES = ("topic.sport", "topic.screen", "topic.remembrance", "topic.obituary", "topic.business", "topic.drill",
                "topic.disaster", "topic.hunting", "topic.weapon-test", "topic.justice", "topic.hoax", "topic.demining",
                "topic.tally", "topic.cyber", "topic.fact-check", "topic.books", "topic.robbery")
"""The story topics of data/lexicon/topics.toml, in the order they are tried."""






def _old_year(text: str) -> bool:
    """True when ``text`` dates something before 1900 ("on Palm Sunday 1461")."""
    v = _vetoes()
    return any(v.old_year_before.search(text, max(0, m.start() - 20), m.start())
               for m in v.old_year_number.finditer(text))




def off_topic(ann: Annotated) -> bool:
    """True when the document is about sport, film, history, business, a parade or a
    disaster rather than political violence (judged from its headline or lead).
    A window that continues a long document has no lead of its own: never off topic."""
    if not ann.sentences or ann.window_start:
        return False
    # The headline and the first sentence of the story.
    lead = ann.sentences[0]
    last = ann.sentences[1] if lead.headline and len(ann.sentences) > 1 else lead
    lead_text = ann.low[lead.start:last.end]
    body = ann.low
    for topic in _vetoes().topics:
        if topic.search(lead_text) and len({m.group(0) for m in topic.finditer(body)}) >= 3:
            return True
    return False


def _recent(ann: Annotated, sentence: int) -> bool:
    published = ann.document.published
    if published is None or sentence >= len(ann.dates):
        return False
    return any(d.precision == 1 and 0 <= (published - d.date).days <= 7 for d in ann.dates[sentence])




def sub_is_remote(sub: str) -> bool:
    """True for air, drone, missile and artillery strikes."""
    return sub in ("Air/drone strike", "Shelling/artillery/missile attack")


class _Span:
    """The start and end of a candidate, read like a match object."""

    __slots__ = ("_s", "_e")

    def __init__(self, start: int, end: int) -> None:
        self._s, self._e = start, end

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


# "..., and her brother was later murdered": a coordinated clause whose trigger is the
# participle of its own passive verb (a threat or a denial before it is another clause's).
_OWN_PASSIVE = re.compile(r"\b(?:was|were|(?:has|have|had) been)\s+(?:(?:\w+ly|later|then|also)\s+)?$")


def _clause_before(low: str, sentence_start: int, pos: int) -> str:
    """The part of the sentence's clause before ``pos``."""
    text = low[sentence_start:pos]
    if ", " in text:
        # A relative aside closed before ``pos`` is not the trigger's clause: "Gunmen, who
        # have terrorised the area since 2019, shot dead five".
        text = blank_matches(_vetoes().relative_aside, text)
    cut = max(text.rfind(";"), text.rfind(" but "), text.rfind(" while "), text.rfind(" as "),
              text.rfind(" because "), text.rfind(" when "), text.rfind(" after "), text.rfind(" since "),
              text.rfind(", who "), text.rfind(", which "), text.rfind(", whose "))
    joined = text.rfind(", and ")
    if joined > cut and _OWN_PASSIVE.search(text, joined):
        cut = joined
    return text[cut + 1:] if cut >= 0 else text


def find_candidates(ann: Annotated) -> tuple[tuple[int, int, int], ...]:
    """Every trigger word in the story, before any filtering: (rule index, start, end)."""
    found = scan_rules(ann.low)
    if ann.dateline is None:
        return found
    # Not inside the dateline ("LIMA, 10 JAN 90 (EFE) --"); the headline above it counts.
    return tuple(c for c in found if not ann.dateline.start <= c[1] < ann.dateline.end)


def scan_rules(low: str, start: int = 0) -> tuple[tuple[int, int, int], ...]:
    """(rule index, start, end) of each rule's matches in ``low[start:]``, as every rule's
    own ``finditer`` would give them (ordered by rule, then position)."""
    return tuple(rule_scanner().scan(low, start))


def detect(ann: Annotated) -> tuple[Trigger, ...]:
    """Triggers of ``ann`` that report new events (see the module docstring)."""
    low = ann.low
    sentences = ann.sentences
    starts = [s.start for s in sentences]
    candidates = ann.candidates if ann.candidates is not None else find_candidates(ann)
    # The casualty words of running totals and threats, each claimant's words by sentence,
    # and where armed actors stand: indexed once, so each candidate costs a look-up.
    told_claims = SpanIndex((c.claim.span.start, c.claim.span.end) for c in ann.claims
                            if c.cumulative or c.hypothetical)
    claimant_spans: dict[int, list[tuple[int, int]]] = {}
    for cs, ce in {(c.claim.claimant_span.start, c.claim.claimant_span.end)
                   for c in ann.claims if c.claim.claimant_span}:
        j = bisect_right(starts, cs) - 1
        if j >= 0 and cs < sentences[j].end:
            claimant_spans.setdefault(j, []).append((cs, ce))
    armed = PointIndex(a.start for a in ann.actors
                       if a.entry.kind in ("state forces", "rebels", "political militia", "identity militia",
                                           "external/other forces") or a.needs_country)
    # A paragraph naming an armed group ("M-19", "the FMLN") puts its killings in the conflict.
    group_paragraphs = set()
    for a in ann.actors:
        if a.entry.kind in ("rebels", "political militia", "identity militia") and not a.entry.generic:
            j = bisect_right(starts, a.start) - 1
            if j >= 0:
                group_paragraphs.add(sentences[j].paragraph)
    year = ann.document.published.year if ann.document.published else None
    out_of_scope = off_topic(ann)
    v = _vetoes()
    accident_story = bool(v.disaster.search(low))
    rules = trigger_rules()
    out: list[Trigger] = []
    deferred: list[tuple[Trigger, str]] = []  # the casualty words of "... in the attack"
    toll_sentences = {c.sentence for c in ann.claims if not (c.cumulative or c.hypothetical)}
    verdicts: dict[int, tuple[bool, bool, bool]] = {}
    # Sentences whose only running total lies in a relative aside: the asides' spans.
    aside_totals: dict[int, list[tuple[int, int]]] = {}
    trace = ann.trace

    def veto(name: str) -> None:  # only called when a trace is asked for
        assert trace is not None
        trace.trigger(TriggerNote(ann.document.text[m_start:m_end], rule.sub_event_type, i + 1, m_start, m_end,
                                  rule.strong, rule_name(r), (name,), "vetoed"))

    for r, m_start, m_end in candidates:
        rule = rules[r]
        m = _Span(m_start, m_end)
        if True:
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.start() >= sentences[i].end:
                continue
            s = sentences[i]
            if ann.dateline and ann.dateline.start <= m.start() < ann.dateline.end:
                if trace is not None:
                    veto("in the dateline (where and when the report was filed)")
                continue
            if i not in verdicts:
                text = low[s.start:s.end]
                # Talks, visits, courts and the like count in the sentence, but not inside a
                # claimant's title ("according to the peace process ombudsman").
                own = text
                for cs, ce in claimant_spans.get(i, ()):
                    own = own[:cs - s.start] + " " * (ce - cs) + own[ce - s.start:]
                # ... nor talks named as the backdrop ("six killed ahead of peace talks").
                own = blank_matches(v.talks_as_setting, own)
                # (A comparison with the past, "the deadliest attack since 2023", is no period.)
                general = v.comparison_with_past.sub(" ", text)
                total = v.running_total.search(general) is not None
                if total:
                    # (Spans read off ``text``: ``general`` is shorter where a comparison was cut.)
                    asides = [(a.start() + s.start, a.end() + s.start) for a in v.relative_aside.finditer(text)]
                    if asides and not v.running_total.search(blank_matches(v.relative_aside, general)):
                        # "Gunmen, who have terrorised the area since 2019, killed five": the
                        # period belongs to the aside; only a trigger inside it is vetoed.
                        aside_totals[i] = asides
                        total = False
                verdicts[i] = (bool(_not_violence(text) or total or
                                    v.digest_title.search(text) or
                                    _old_year(text) or v.statistic.search(text)),
                               bool(v.disaster.search(text) or _soft_context(v, own, text)),
                               _historical(text, year) or _background(ann, i))
            not_violence, disaster, historical = verdicts[i]
            if not not_violence and any(a <= m.start() < b for a, b in aside_totals.get(i, ())):
                not_violence = True  # a trigger inside the aside that sums up a period
            if not_violence or historical:
                if trace is not None:
                    veto(_sentence_veto(ann, i, year))
                continue
            if told_claims.covers(m.start()):
                if trace is not None:
                    veto("veto.told-claim (the casualty words of a running total or a threat)")
                continue  # the casualty words of a running total or a threat
            clause = _clause_before(low, s.start, m.start())
            if sub_is_remote(rule.sub_event_type) and v.intercepted.search(clause[-50:]):
                if trace is not None:
                    veto("veto.intercepted (shot down or intercepted: nothing struck)")
                continue  # "air defences shot down 14 attack drones": nothing struck
            if (low[m.end() - 1] == "s" or low.endswith("ing", m.start(), m.end()) or
                    v.any_before.search(clause[-10:])) and v.other_events.search(clause[-40:]):
                if trace is not None:
                    veto("veto.other-events (past, future or repeated acts: \"recent attacks\")")
                continue
            if low[m.end() - 1] == "s" and v.condemned.search(clause[-60:]) and \
                    not (i < len(ann.dates) and ann.dates[i]):
                # "rejects the terrorist attacks committed against our soldiers": a statement on
                # acts told elsewhere (but "condemns the attacks carried out today" tells them).
                if trace is not None:
                    veto("veto.condemned (a statement on acts told elsewhere)")
                continue
            if _told_as_no_act(ann, m.start(), m.end(), s.end, clause):
                if trace is not None:
                    veto(no_act_reason(ann, m.start(), m.end(), s.end, clause) or "veto.told-as-no-act")
                continue
            sub = rule.sub_event_type
            text = low[s.start:s.end]
            if out_of_scope and not ((rule.strong or v.armed_doer_acts.search(text)) and _recent(ann, i)):
                if trace is not None:
                    veto("veto.off-topic (the story is not about armed conflict, and this is no clear, "
                         "recent act)")
                continue
            support = ""
            if not rule.strong:
                if disaster and sub not in ("Peaceful protest",):
                    if trace is not None:
                        veto("veto.disaster" if v.disaster.search(text) else "veto.soft-context")
                    continue
                if sub == "Peaceful protest":
                    if not v.protest_context.search(text) or \
                            v.diplomatic_protest.search(low, max(s.start, m.start() - 50), m.start()):
                        if trace is not None:
                            veto("needs.protest-context (cue.protest-context: no crowd in the sentence, or "
                                 "veto.diplomatic-protest)")
                        continue
                    support = "needs.protest-context: a crowd in the sentence"
                elif sub == "Arrests":
                    if not v.political_arrest.search(text):
                        if trace is not None:
                            veto("needs.political-arrest (cue.political-arrest: no political or armed suspects "
                                 "named)")
                        continue
                    support = "needs.political-arrest: political or armed suspects named"
                elif sub in ("Mob violence",):
                    if not v.mob_act.search(text):
                        if trace is not None:
                            veto("needs.mob-act (cue.mob-act: no beating, burning or killing named)")
                        continue
                    support = "needs.mob-act: a beating, burning or killing named"
                else:
                    armed_here = armed.count(s.start, s.end) > armed.count(
                        max(s.start, m.start()), min(s.end, m.end()))
                    cue = v.conflict_cue.search(text[:m.start() - s.start] + " " + text[m.end() - s.start:]) or (
                        v.attack_word.match(low, m.start()) and
                        v.political_victim.search(low, max(s.start, m.start() - 45), min(s.end, m.end() + 45)))
                    named_group = s.paragraph in group_paragraphs and v.intent_killing.match(low, m.start())
                    # "Nine dead in the south as truce frays": a toll tied to the fighting.
                    cue = cue or v.toll_in_conflict.search(text)
                    # "Blast in Balochistan kills four": one explosion said to kill or wound, in a
                    # story with no word of an accident anywhere, is an attack.
                    deadly_blast = sub == "Remote explosive/landmine/IED" and low[m.end() - 1] != "s" and \
                        bool(v.deadly.search(low, m.end(), s.end)) and not accident_story
                    if not (armed_here or cue or named_group or deadly_blast):
                        if i in toll_sentences and _CASUALTY_WORD.match(low, m.start()) and \
                                v.the_story_attack.search(text):
                            # "Two were killed as a result of the attack": the toll of the attack
                            # its paragraph tells in so many words, if it does (decided below).
                            deferred.append((Trigger(sub, m.start(), m.end(), rule.strong, i), rule_name(r)))
                            continue
                        if trace is not None:
                            veto("needs.conflict-cue (a weak trigger with no armed actor or weapon in its "
                                 "sentence)")
                        continue
                    if trace is not None:
                        support = _support(armed_here, cue, bool(named_group), deadly_blast)
                    # The weapon is named beside the trigger ("bomb disposal experts examined the
                    # site" disrupted nothing).
                    if sub == "Disrupted weapons use" and (
                            not v.weapon_beside.search(text[:m.start() - s.start] + " " + text[m.end() - s.start:])
                            or v.disrupted_general.search(text)):
                        if trace is not None:
                            veto("needs.weapon-named (cue.weapon-beside: no weapon beside the trigger, or "
                                 "veto.disrupted-general)")
                        continue
            elif disaster and sub in ("Remote explosive/landmine/IED",) and \
                    not v.explosive_trigger.search(low[m.start():m.end()]):
                if trace is not None:
                    veto("veto.disaster (an explosion in an accident story)")
                continue
            if trace is not None:
                trace.trigger(TriggerNote(ann.document.text[m_start:m_end], sub, i + 1, m_start, m_end,
                                          rule.strong, rule_name(r), support=support))
            out.append(Trigger(sub, m.start(), m.end(), rule.strong, i))
    # "The attack" is the paragraph's own when the paragraph names a clear act of violence
    # elsewhere ("the car bomb went off"): its killed and wounded count.
    told_in = {sentences[t.sentence].paragraph for t in out if t.strong and t.sub_event_type in _VIOLENT_ACTS}
    for t, name in deferred:
        told = sentences[t.sentence].paragraph in told_in
        if told:
            out.append(t)
        if trace is not None:
            word = ann.document.text[t.start:t.end]
            if told:
                trace.trigger(TriggerNote(word, t.sub_event_type, t.sentence + 1, t.start, t.end, t.strong, name,
                                          support="needs.conflict-cue: \"the attack\" is the one its paragraph tells "
                                                  "(cue.the-story-attack)"))
            else:
                trace.trigger(TriggerNote(word, t.sub_event_type, t.sentence + 1, t.start, t.end, t.strong, name,
                                          ("needs.conflict-cue (a weak trigger with no armed actor or weapon in "
                                           "its sentence; \"the attack\", but its paragraph tells no clear act)",),
                                          "vetoed"))
    # "Air defence destroyed 14 drones": a word inside an interception's words is the
    # interception's, not a clash of its own.
    caught = [(t.start, t.end) for t in out if t.sub_event_type == "Disrupted weapons use"]
    if caught:
        out = [t for t in out if t.sub_event_type == "Disrupted weapons use" or
               not any(s <= t.start and t.end <= e for s, e in caught)]
    out.sort(key=lambda t: (t.start, -t.end))
    return tuple(out)




_CASUALTY_WORD = re.compile(r"kill|dead|died|wound|injur")
# The acts whose strong trigger makes "the attack" of another sentence the paragraph's own.
_VIOLENT_ACTS = frozenset({"Attack", "Armed clash", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                           "Air/drone strike", "Shelling/artillery/missile attack", "Abduction/forced disappearance",
                           "Chemical weapon"})


def _background(ann: Annotated, i: int) -> bool:
    """True when a sentence tells of an earlier month ("In August, a suicide attack ...")
    and names no day of the last fortnight, or carries a background cue."""
    s = ann.sentences[i]
    v = _vetoes()
    if v.background.search(ann.low, s.start, s.end):
        return True
    published = ann.document.published
    if published is None or i >= len(ann.dates):
        return False
    dates = ann.dates[i]
    recent = any(d.precision == 1 and (published - d.date).days <= 14 for d in dates)
    if not recent and v.described.search(ann.low, s.start, s.end):
        return True
    earlier_month = any(d.precision == 3 and (d.date.year, d.date.month) < (published.year, published.month)
                        for d in dates)
    return earlier_month and not recent




def _told_as_no_act(ann: Annotated, start: int, end: int, sentence_end: int, clause: str) -> bool:
    """True when the words around a trigger at ``start:end`` say no act happened there: a
    threat or denial, a sound heard, a likeness, an animal, a figure of speech, a period's
    start, an aftermath, the casualties themselves, a word in quotation marks, or weapons
    traded. ``clause`` is the clause up to the trigger."""
    low = ann.low
    v = _vetoes()
    return bool(
        v.not_event.search(clause[-120:]) or v.not_event.match(low, end, min(sentence_end, end + 20)) or
        v.no_act_after.match(low, end, sentence_end) or v.no_act_before_40.search(clause[-40:]) or
        v.animal_before.search(clause[-40:]) or
        v.likeness.search(clause[-25:]) or
        v.life_story.search(clause[-100:]) or v.counted.search(clause[-60:]) or
        v.no_one.search(clause[-30:]) or
        (v.figurative_fight.search(clause[-30:]) and low.startswith(("battle", "fight", "war"), start)) or
        (v.since.search(clause[-50:]) and not v.this_week_after.match(low, end, sentence_end)) or
        v.found_damage.search(clause[-60:]) or
        v.casualty_noun.search(low, max(0, start - 4), end) or
        (v.scare_quoted.match(low, start - 1, end + 1) and ann.view[start].islower()) or
        (v.weapon_word.fullmatch(low, start, end) and v.weapons_traded.search(clause[-100:])) or
        v.label.search(low, max(0, start - 60), start) or
        (low[start - 1:start] in ('"', "“") and ann.view[start].islower() and
         v.quoted_label.search(low, max(0, start - 13), start - 1) and
         v.quoted_phrase.match(low, end, sentence_end)) or
        (low.startswith(("fight", "battl", "war"), start) and v.cause.match(low, end, sentence_end)) or
        v.animal_subject.match(clause))


def _not_violence(text: str) -> bool:
    """True when a sentence's words make its violence words figurative or beside the point
    (sport, films, drills, trials, markets): rule veto.not-violence, save for a venue
    where an armed doer acts."""
    v = _vetoes()
    if not v.not_violence.search(text):
        return False
    venue_only = all(m.group(0) in v.venues for m in v.not_violence.finditer(text))
    return not (venue_only and v.armed_doer_acts.search(text) and not v.depiction.search(text))


def _soft_context(v: _Vetoes, own: str, text: str) -> bool:
    """True when visits, talks, trials or games make a sentence's weak triggers beside the
    point (rule veto.soft-context), unless its only such words are a game's people or venue
    and an armed doer acts ("gunmen shot dead two players")."""
    found = [m.group(0) for m in v.soft_not_violence.finditer(own)]
    if not found:
        return False
    return not (all(w in v.venues for w in found) and v.armed_doer_acts.search(text))


def historical(text: str, year: int | None) -> bool:
    """True when a lower-cased sentence tells of a year before ``year`` (the report's) and
    names no recent day: history, not news (rules history.* in data/lexicon/history.toml)."""
    return _historical(text, year)


def _historical(text: str, year: int | None) -> bool:
    """True when a sentence is about the past beyond the news (an old war, a year long gone)."""
    if year is None:
        return False
    v = _vetoes()
    years = [int(y) for y in v.past_year.findall(text)] + [int(y) for y in v.year_when.findall(text)] + \
        [int(y) for y in v.year_named_event.findall(text)]
    # The day a report was published or a statement made is no sign of a recent act.
    return bool(years) and max(years) < year and not v.recent_day.search(v.said_on_day.sub(" ", text))




def speech_date(low: str, start: int) -> bool:
    """True when a date at ``start`` belongs to a speech verb ("said on Tuesday"): it is
    when something was said, not when it happened."""
    return bool(_vetoes().speech_date.search(low[max(0, start - 40):start]))


# -- names for the explanation (see conflictwatch.explain) ---------------------------------


def rule_name(index: int) -> str:
    """The lexicon rule id of trigger rule ``index`` ("trigger.armed-clash-weak")."""
    return trigger_rules()[index].id


def _support(armed_here: bool, cue: re.Match[str] | bool | None, named_group: bool, deadly_blast: bool) -> str:
    """What let a weak trigger count (the first of the reasons :func:`detect` accepts)."""
    if armed_here:
        return "needs.conflict-cue: an armed actor in the sentence"
    if isinstance(cue, re.Match):
        return f"needs.conflict-cue: \"{cue.group(0)}\" in the sentence"
    if cue:
        return "needs.conflict-cue: a political victim beside the killing word"
    if named_group:
        return "needs.conflict-cue: an armed group named in the paragraph"
    return "needs.conflict-cue: one explosion said to kill or wound, in a story with no accident"


def _first_rule(rule_ids: tuple[str, ...], found: Callable[[re.Pattern[str]], object]) -> str | None:
    """The first of lexicon rules ``rule_ids`` whose pattern ``found`` accepts."""
    rules = default_lexicon()
    return next((i for i in rule_ids if found(rules.rule(i))), None)


_RUNNING_TOTAL_RULES = ("total.perfect-since", "total.began-this-year", "total.since-date", "total.habit",
                        "total.trend", "total.record", "total.accusation", "veto.quarrel", "veto.war-on")
"""The rules joined in :attr:`_Vetoes.running_total`, in the same order."""
_NOT_EVENT_RULES = ("veto.threat-or-plan", "veto.forecast", "veto.denied", "veto.habitual", "veto.purpose",
                    "veto.no-before", "veto.infinitive")
"""The rules joined in :attr:`_Vetoes.not_event`, in the same order."""
_NO_ACT_AFTER_RULES = ("veto.heard", "veto.commentary", "veto.animal-after", "veto.figurative-with",
                       "veto.childhood", "veto.duration", "veto.fire-object", "veto.wounds-noun", "veto.into-sea")
"""The rules joined in :attr:`_Vetoes.no_act_after`, in the same order."""
_NO_ACT_BEFORE_40_RULES = ("veto.heard-before", "veto.denied-act", "veto.end-of")
"""The rules joined in :attr:`_Vetoes.no_act_before_40`, in the same order."""


def _sentence_veto(ann: Annotated, i: int, year: int | None) -> str:
    """Which whole-sentence check stopped the triggers of sentence ``i`` (the first, in
    the order :func:`detect` tries them), by lexicon rule id where it is one rule."""
    s = ann.sentences[i]
    text = ann.low[s.start:s.end]
    v = _vetoes()
    if _not_violence(text):
        m = v.not_violence.search(text)
        return f"veto.not-violence (\"{m.group(0) if m else ''}\": sport, films, drills, trials, markets ...)"
    general = v.comparison_with_past.sub(" ", text)
    total = _first_rule(_RUNNING_TOTAL_RULES, lambda p: p.search(general))
    if total:
        return f"{total} (a running total, a trend or a habit, not one incident)"
    if v.digest_title.search(text):
        return "veto.digest-title (a digest's title, not one incident)"
    if _old_year(text):
        return "history.old-year (the sentence names a year long gone)"
    if v.statistic.search(text):
        return "veto.statistic (a report's figures, not an incident)"
    if _historical(text, year):
        return "history.past-year (dated in a year before the report's)"
    return "cue.background (told as background: an earlier month, \"at the time\", \"last year\")"


def no_act_reason(ann: Annotated, start: int, end: int, sentence_end: int, clause: str) -> str | None:
    """The lexicon rule id of the first check of :func:`_told_as_no_act` that says no act
    happened at ``start:end``, or None. It tries the same checks in the same order (a
    joined check, rule by rule): the tests hold the two together."""
    low = ann.low
    v = _vetoes()
    before_120, before_40 = clause[-120:], clause[-40:]
    first = (
        _first_rule(_NOT_EVENT_RULES, lambda p: p.search(before_120)) or
        _first_rule(_NOT_EVENT_RULES, lambda p: p.match(low, end, min(sentence_end, end + 20))) or
        _first_rule(_NO_ACT_AFTER_RULES, lambda p: p.match(low, end, sentence_end)) or
        _first_rule(_NO_ACT_BEFORE_40_RULES, lambda p: p.search(before_40))
    )
    if first:
        return first
    for name, check in (
        ("veto.animal-before", lambda: v.animal_before.search(clause[-40:])),
        ("veto.likeness", lambda: v.likeness.search(clause[-25:])),
        ("veto.life-story", lambda: v.life_story.search(clause[-100:])),
        ("veto.counted", lambda: v.counted.search(clause[-60:])),
        ("veto.no-one", lambda: v.no_one.search(clause[-30:])),
        ("veto.figurative-fight",
         lambda: v.figurative_fight.search(clause[-30:]) and low.startswith(("battle", "fight", "war"), start)),
        ("veto.since", lambda: v.since.search(clause[-50:]) and not v.this_week_after.match(low, end, sentence_end)),
        ("veto.found-damage", lambda: v.found_damage.search(clause[-60:])),
        ("veto.casualty-noun", lambda: v.casualty_noun.search(low, max(0, start - 4), end)),
        ("veto.scare-quoted", lambda: v.scare_quoted.match(low, start - 1, end + 1) and ann.view[start].islower()),
        ("veto.weapons-traded",
         lambda: v.weapon_word.fullmatch(low, start, end) and v.weapons_traded.search(clause[-100:])),
        ("veto.label", lambda: v.label.search(low, max(0, start - 60), start)),
        ("veto.quoted-label",
         lambda: low[start - 1:start] in ('"', "“") and ann.view[start].islower() and
         v.quoted_label.search(low, max(0, start - 13), start - 1) and v.quoted_phrase.match(low, end, sentence_end)),
        ("veto.cause",
         lambda: low.startswith(("fight", "battl", "war"), start) and v.cause.match(low, end, sentence_end)),
        ("veto.animal-subject", lambda: v.animal_subject.match(clause)),
    ):
        if check():
            return name
    return None
