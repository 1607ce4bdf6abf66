"""Why the extractor coded what it coded: a trace of every event and every non-event.

The trace is collected only when asked for (``conflictwatch explain``, ``extract
--explain``, :meth:`conflictwatch.pipeline.Pipeline.explain`): a :class:`Trace` is
handed to the pipeline and each stage notes its decisions in it; without one (the
default) nothing is recorded. The result is an :class:`Explanation` of frozen notes:

* each **event**: the trigger that names it (words, sentence, offsets, the rule that
  found it), the other triggers of its incident, every claim considered (figure,
  range, claimant, span) and whether it was kept for the event's figures and why,
  numbers that were not read as casualty figures and why, and the places named
  with the reason the chosen one was chosen;
* each **trigger that did not become an event**: the vetoes that stopped it (rule
  ids of the lexicon, or the name of the check in the code), or why its incident
  was dropped.

Sentences are counted from 1 (the headline, when there is one, is sentence 1). A
long document is read in windows (:mod:`conflictwatch.windows`): offsets are always
the whole document's, sentence numbers count within each window.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .model import Event, Range


@dataclass(frozen=True, slots=True)
class TriggerNote:
    """A trigger word: ``text``, ``sub_event_type``, ``sentence`` (from 1),
    ``start``/``end`` offsets, ``strong``, ``rule`` (the rule that found it),
    ``support`` (for a weak trigger that was kept: what in its sentence let it count),
    ``vetoes`` (what stopped it; empty when it was kept) and ``outcome``."""

    text: str
    sub_event_type: str
    sentence: int
    start: int
    end: int
    strong: bool
    rule: str
    vetoes: tuple[str, ...] = ()
    outcome: str = ""
    support: str = ""


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """A claim (or a bare number) considered for an event's figures: ``text``,
    ``start``/``end``, ``sentence``; ``figure`` (killed, wounded, ...; ``None`` for a
    number not read as a casualty claim), ``low``/``high``/``qualifier``,
    ``claimant``; ``kept`` (counted in the event's fatalities or wounded) and
    ``reason``."""

    text: str
    start: int
    end: int
    sentence: int
    figure: str | None
    low: int | None
    high: int | None
    qualifier: str | None
    claimant: str | None
    kept: bool
    reason: str


@dataclass(frozen=True, slots=True)
class PlaceNote:
    """A place named near an event: the words (``text``, ``start``/``end``,
    ``sentence``), what they were resolved to (``name``, ``country_code``,
    ``kind``), ``chosen`` and ``reason``."""

    text: str
    start: int
    end: int
    sentence: int
    name: str
    country_code: str
    kind: str
    chosen: bool
    reason: str


@dataclass(frozen=True, slots=True)
class EventNote:
    """Why one event is what it is: ``number`` (its place in the output, from 1),
    ``event_type``/``sub_event_type``, ``trigger`` (the one naming it) and
    ``triggers`` (the others of its incident), ``type_reason`` (why the type is
    not the trigger's own, when it is not), ``sentences``, ``fatalities`` and
    ``wounded`` with ``figures`` (how they were found), ``claims``, ``location``
    (the name, or None), ``location_reason`` and ``places``."""

    number: int
    event_type: str
    sub_event_type: str
    trigger: TriggerNote
    triggers: tuple[TriggerNote, ...]
    type_reason: str
    sentences: tuple[int, ...]
    fatalities: Range | None
    wounded: Range | None
    figures: tuple[str, ...]
    claims: tuple[ClaimNote, ...]
    location: str | None
    location_reason: str
    places: tuple[PlaceNote, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every event of a document and every trigger that did not become one;
    ``windows``: how many windows the document was read in (1 but for long ones)."""

    document_id: str
    events: tuple[EventNote, ...]
    not_events: tuple[TriggerNote, ...]
    windows: int = 1

    def for_sentence(self, sentence: int) -> "Explanation":
        """Only the events told in ``sentence`` (from 1) and its triggers that became none."""
        return Explanation(self.document_id,
                           tuple(e for e in self.events if sentence in e.sentences),
                           tuple(t for t in self.not_events if t.sentence == sentence), self.windows)

    def as_dicts(self) -> list[dict[str, Any]]:
        """The JSON form: one object per event (``"kind": "event"``), then one per
        trigger that became none (``"kind": "not-event"``)."""
        out: list[dict[str, Any]] = []
        for e in self.events:
            item = dataclasses.asdict(e)
            item = {"kind": "event", **item}
            out.append(item)
        for t in self.not_events:
            out.append({"kind": "not-event", **dataclasses.asdict(t)})
        return out

    def text(self) -> str:
        """The explanation as readable text."""
        lines = [f"{self.document_id}: {len(self.events)} event(s), "
                 f"{len(self.not_events)} trigger(s) that became no event"]
        if self.windows > 1:
            lines.append(f"(a long text, read in {self.windows} windows: sentence numbers count within each window)")
        for e in self.events:
            lines.append("")
            lines.append(f"EVENT {e.number}: {e.event_type} / {e.sub_event_type}  (sentences "
                         f"{', '.join(str(s) for s in e.sentences)})")
            lines.append(f"  trigger: {_trigger_line(e.trigger)}")
            for t in e.triggers:
                lines.append(f"    also: {_trigger_line(t)}")
            if e.type_reason:
                lines.append(f"  type: {e.type_reason}")
            lines.append(f"  fatalities: {_range(e.fatalities)}   wounded: {_range(e.wounded)}")
            for why in e.figures:
                lines.append(f"    {why}")
            if e.claims:
                lines.append("  claims considered:")
                for c in e.claims:
                    mark = "KEPT" if c.kept else "not kept"
                    lines.append(f"    [{mark}] {_claim_line(c)}: {c.reason}")
            lines.append(f"  place: {e.location or 'none'}: {e.location_reason}")
            for p in e.places:
                mark = "CHOSEN" if p.chosen else "not chosen"
                lines.append(f"    [{mark}] \"{p.text}\" (sentence {p.sentence}, {p.start}-{p.end}) -> "
                             f"{p.name}, {p.country_code} ({p.kind}): {p.reason}")
        if self.not_events:
            lines.append("")
            lines.append("TRIGGERS THAT BECAME NO EVENT:")
            for t in self.not_events:
                why = ", ".join(t.vetoes) if t.vetoes else t.outcome
                lines.append(f"  {_trigger_line(t)}")
                lines.append(f"    stopped by: {why}")
        return "\n".join(lines) + "\n"


def _trigger_line(t: TriggerNote) -> str:
    strength = "strong" if t.strong else "weak"
    support = f", because {t.support}" if t.support else ""
    return (f"\"{t.text}\" (sentence {t.sentence}, {t.start}-{t.end}) {t.sub_event_type}, {strength}, "
            f"rule {t.rule}{support}")


def _range(r: Range | None) -> str:
    return "none" if r is None else f"{r.low}/{r.best}/{r.high} (low/best/high)"


def _claim_line(c: ClaimNote) -> str:
    where = f"sentence {c.sentence}, {c.start}-{c.end}"
    if c.figure is None:
        return f"\"{c.text}\" ({where}) a number"
    if c.high is None:
        amount = f"{c.low}+"
    elif c.high == c.low:
        amount = str(c.low)
    else:
        amount = f"{c.low}-{c.high}"
    who = f", claimant {c.claimant}" if c.claimant else ", no claimant"
    return f"\"{c.text}\" ({where}) {c.figure} {amount} [{c.qualifier}]{who}"


def _shift(note: Any, delta: int) -> Any:
    """``note`` with every offset moved by ``delta`` (a window's start in its document)."""
    if not delta:
        return note
    if isinstance(note, TriggerNote | ClaimNote | PlaceNote):
        return dataclasses.replace(note, start=note.start + delta, end=note.end + delta)
    if isinstance(note, EventNote):
        return dataclasses.replace(note, trigger=_shift(note.trigger, delta),
                                   triggers=tuple(_shift(t, delta) for t in note.triggers),
                                   claims=tuple(_shift(c, delta) for c in note.claims),
                                   places=tuple(_shift(p, delta) for p in note.places))
    return note


class Trace:
    """Collects one document's decisions while the pipeline runs (one object per
    explained document; never shared). Stages call :meth:`trigger`,
    :meth:`event` and :meth:`dropped`; the pipeline calls :meth:`close_window`
    after each window and :meth:`explanation` at the end."""

    def __init__(self) -> None:
        self._triggers: dict[tuple[int, int, str], TriggerNote] = {}
        self._events: list[tuple[Event, EventNote]] = []
        self._dropped: dict[tuple[int, int, str], str] = {}
        self._final_events: list[EventNote] = []
        self._final_not: list[TriggerNote] = []
        self._windows = 0

    def trigger(self, note: TriggerNote) -> None:
        """A trigger word found, kept (no vetoes) or stopped (vetoes named)."""
        key = (note.start, note.end, note.sub_event_type)
        old = self._triggers.get(key)
        if old is None or (old.vetoes and not note.vetoes):
            self._triggers[key] = note

    def note_for(self, start: int, end: int, sub_event_type: str) -> TriggerNote | None:
        """The note of a trigger recorded so far in this window."""
        return self._triggers.get((start, end, sub_event_type))

    def event(self, event: Event, note: EventNote) -> None:
        """An event coded, with why (its ``number`` is set when the document is done)."""
        self._events.append((event, note))

    def dropped(self, start: int, end: int, sub_event_type: str, reason: str) -> None:
        """A kept trigger whose incident was coded but not reported, and why."""
        self._dropped[(start, end, sub_event_type)] = reason

    def close_window(self, kept: tuple[Event, ...], own_start: int, own_end: int, shift: int) -> None:
        """The events of a window that were reported (``kept``, offsets in the window)
        and the window's own stretch of the document; notes move into the whole
        document's offsets."""
        self._windows += 1
        kept_ids = {id(e) for e in kept}
        in_event: set[tuple[int, int, str]] = set()
        for event, note in self._events:
            if id(event) not in kept_ids:
                continue
            number = len(self._final_events) + 1
            note = dataclasses.replace(note, number=number)
            for t in (note.trigger, *note.triggers):
                in_event.add((t.start, t.end, t.sub_event_type))
            self._final_events.append(_shift(note, shift))
        for key, t in sorted(self._triggers.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if key in in_event or not own_start <= shift + t.start < own_end:
                continue
            if not t.vetoes:
                reason = self._dropped.get(key, "its incident was reported from another window")
                t = dataclasses.replace(t, outcome=reason)
            self._final_not.append(_shift(t, shift))
        self._triggers.clear()
        self._events.clear()
        self._dropped.clear()

    def explanation(self, document_id: str) -> Explanation:
        """Everything recorded, as frozen notes."""
        return Explanation(document_id, tuple(self._final_events), tuple(self._final_not), max(1, self._windows))
