"""The working state that pipeline components pass along for one document.

Each component takes an :class:`Annotated` and returns a new one with its own
layer filled in (``dataclasses.replace``); nothing is mutated in place.
"""

from __future__ import annotations

import dataclasses

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .extract.actors import ActorMention
from .extract.claims import ClaimMention
from .extract.dates import DateMention
from .extract.sentences import Dateline, Sentence
from .geocode.resolve import ResolvedPlace
from .model import Document, Event

if TYPE_CHECKING:
    from .explain import Trace


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase naming an event: ``sub_event_type``, ``start``/``end``,
    ``strong`` and ``sentence`` (index)."""

    sub_event_type: str
    start: int
    end: int
    strong: bool
    sentence: int


@dataclass(frozen=True, slots=True)
class Annotated:
    """A document and every layer found in it so far.

    Fields: ``document``; ``view`` (its text with boilerplate blanked out, same
    length); ``low`` (``view`` lower-cased, line breaks as spaces); ``upper``
    (wire text in capitals);
    ``sentences``; ``dateline``; ``dateline_country``; ``places`` (resolved);
    ``actors``; ``claims``; ``speakers`` (sentence index -> who the sentence says
    stated it, as :func:`~conflictwatch.extract.claims.speaker_span` gives it, for
    the sentences the claims reader read whole); ``dates`` (by sentence); ``triggers``; ``sides``
    (country a foreign force fights for); ``events``; ``candidates`` (every trigger
    word before filtering); ``relevant`` (the sentences worth reading closely:
    those with a trigger word, their neighbours and the headline; ``None`` = all);
    and ``window_start`` (where the text starts in its document: 0 for a whole
    document, more for a window of a long one after the first, which continues the
    document and so has no headline or lead of its own); ``layers`` (layers a
    plug-in component adds, by name: see :meth:`with_layer`); and ``trace`` (where
    stages note why they decided what they did, only when an explanation is asked
    for: see :mod:`conflictwatch.explain`; ``None`` otherwise).
    """

    document: Document
    view: str
    low: str
    upper: bool = False
    sentences: tuple[Sentence, ...] = ()
    dateline: Dateline | None = None
    dateline_country: str | None = None
    places: tuple[ResolvedPlace, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    claims: tuple[ClaimMention, ...] = ()
    speakers: tuple[tuple[int, tuple[int, int] | None], ...] = ()
    dates: tuple[tuple[DateMention, ...], ...] = ()
    triggers: tuple[Trigger, ...] = ()
    sides: tuple[tuple[str, str], ...] = ()
    events: tuple[Event, ...] = ()
    candidates: tuple[tuple[int, int, int], ...] | None = None
    relevant: frozenset[int] | None = None
    window_start: int = 0
    layers: tuple[tuple[str, object], ...] = ()
    trace: "Trace | None" = field(default=None, compare=False)

    def with_layer(self, name: str, value: object) -> "Annotated":
        """A copy with a plug-in's layer ``name`` set to ``value`` (replacing any before)."""
        return dataclasses.replace(self, layers=tuple((n, v) for n, v in self.layers if n != name) + ((name, value),))

    def layer(self, name: str) -> object:
        """A plug-in's layer by name; a ``KeyError`` names the layers there are."""
        for n, v in self.layers:
            if n == name:
                return v
        raise KeyError(f"no layer {name!r} in this document's annotations; layers added: "
                       f"{', '.join(n for n, _ in self.layers) or 'none'}")
