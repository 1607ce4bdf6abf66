"""ConflictWatch's built-in pipeline components.

Each is a small class wrapping one stage's functions; :func:`register_builtin`
registers them under versioned names, the same way a plug-in would.
"""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from bisect import bisect_right
from collections import Counter

from .annotations import Annotated
from .extract import claims as claims_mod
from .extract import dates as dates_mod
from .extract import events as events_mod
from .extract import sentences as sentences_mod
from .extract import triggers as triggers_mod
from .geocode.gazetteer import KIND_AREA, KIND_COUNTRY
from .geocode.recognize import PlaceMention, find_places
from .geocode.refine import refine
from .geocode.resolve import build_context, resolve, resolve_all
from .intervals import SpanIndex
from .registry import Registry, Resources
from .textutil import name_key


class Sentences:
    """``conflictwatch.sentences.v1``: sentences, headline and dateline."""

    def __call__(self, ann: Annotated) -> Annotated:
        doc = ann.document
        title_start = title_end = None
        if doc.title:
            pos = ann.view.find(doc.title)
            if pos >= 0:
                title_start, title_end = pos, pos + len(doc.title)
        sentences = sentences_mod.split(ann.view, ann.upper, title_start, title_end)
        dateline = None
        for s in sentences:
            dateline = sentences_mod.find_dateline(ann.view, s)
            if dateline is not None and s.headline:
                # "SAN SALVADOR, 25 MAY 89 (EFE) -- ..." opens the story; it is no headline.
                sentences = [dataclasses.replace(x, headline=False) for x in sentences]
            if not s.headline or dateline is not None:
                break
        ann = dataclasses.replace(ann, sentences=tuple(sentences), dateline=dateline)
        # Which sentences can hold an event: those with a trigger word and their
        # neighbours. The rest only give context, so the costly readers skip them.
        candidates = triggers_mod.find_candidates(ann)
        starts = [s.start for s in ann.sentences]
        hit = {bisect_right(starts, c[1]) - 1 for c in candidates}
        relevant = {j for i in hit for j in (i - 1, i, i + 1) if 0 <= j < len(ann.sentences)}
        relevant |= {s.index for s in ann.sentences if s.headline} if hit else set()
        return dataclasses.replace(ann, candidates=candidates, relevant=frozenset(relevant))


_WORDS = re.compile(r"[a-z][a-z'-]+")


class Actors:
    """``conflictwatch.actors.v1``: actor mentions from the actor dictionary."""

    def __init__(self, resources: Resources) -> None:
        self.dictionary = resources.actors()
        self.capitals: dict[str, str] | None = None
        self.resources = resources

    def __call__(self, ann: Annotated) -> Annotated:
        if ann.relevant is not None and not ann.relevant:
            return ann  # no trigger word anywhere: nothing to code
        start = ann.dateline.end if ann.dateline else 0
        # The country the text names most helps read "Sudanese army" and "occupiers".
        context: Counter[str] = Counter()
        country_keys, demonyms = self.dictionary.country_keys, self.dictionary.demonyms
        # (Each distinct word looked up once, in the order it first appears: a tie goes to
        # the country named first.)
        for w, times in Counter(_WORDS.findall(ann.low)).items():
            word = w[:-2] if w.endswith("'s") else w  # "myanmar's"
            cc = country_keys.get(word)
            if cc is None:
                ccs = demonyms.get(word)
                cc = ccs[0] if ccs and len(ccs) == 1 else None
            if cc:
                context[cc] += times
        context_cc = context.most_common(1)[0][0] if context else None
        mentions = self.dictionary.find(ann.view, ann.low, ann.upper, 0, len(ann.view), context_cc)
        mentions = [m for m in mentions if m.start >= start or m.end <= (ann.dateline.start if ann.dateline else 0)]
        if self.capitals is None:
            gazetteer = self.resources.gazetteer()
            self.capitals = {}
            for cc in self.dictionary.countries:
                key = gazetteer.capital_key(cc)
                if key:
                    self.capitals.setdefault(key, cc)
        sides = events_mod.sides_in(ann.low, self.dictionary, self.capitals)
        return dataclasses.replace(ann, actors=tuple(mentions), sides=tuple(sides.items()))


class Places:
    """``conflictwatch.places.v1``: place mentions resolved against the gazetteer."""

    def __init__(self, resources: Resources) -> None:
        self.gazetteer = resources.gazetteer()
        self.dictionary = resources.actors()
        self.known: dict[str, str | None] = {}  # names looked up so far, kept between documents

    def __call__(self, ann: Annotated) -> Annotated:
        if ann.relevant is not None and not ann.relevant:
            return ann
        uninformative = tuple((s.start, s.end) for s in ann.sentences
                              if s.headline and _title_case(ann.view[s.start:s.end]))
        mentions = find_places(ann.view, self.gazetteer, ann.upper, uninformative, self.known)
        # "Somali National Army", "Boko Haram": names of actors are not places.
        named = SpanIndex((a.start, a.end) for a in ann.actors if not a.entry.generic)
        generic = SpanIndex((a.start, a.end) for a in ann.actors if a.entry.generic or a.needs_country)
        mentions = [m for m in mentions if not (named.covers(m.start) and not self._territorial(m))
                    and not (m.weak and generic.covers(m.start))]
        dateline_cc = None
        if ann.dateline is not None:
            mentions = [m for m in mentions if not (ann.dateline.start <= m.start < ann.dateline.end)]
            key = name_key(ann.dateline.place.split("(")[0])
            rest = name_key(ann.dateline.rest.split("(")[0]) if ann.dateline.rest else ""
            probe = PlaceMention(ann.dateline.place_start, ann.dateline.place_start + len(key), key, key)
            context = build_context([PlaceMention(0, 0, rest, rest)] if rest else [], self.gazetteer)
            found = resolve(probe, self.gazetteer, context)
            if found is not None:
                dateline_cc = found.place.country_code
            elif rest and rest in self.dictionary.country_keys:
                dateline_cc = self.dictionary.country_keys[rest]
        # (What demonym_country() says of each word, the look-up inline: a story has many words.)
        demonyms = self.dictionary.demonyms
        demonym_ccs = set()
        for w in {w.strip(".,;:'\"()“”‘’") for w in ann.view.split()}:
            if ann.upper or w[:1].isupper():
                ccs = demonyms.get(w.lower())
                if ccs and len(ccs) == 1 and ccs[0]:
                    demonym_ccs.add(ccs[0])
        # Named armed groups say where the story is: the FMLN fights in El Salvador.
        demonym_ccs |= {a.entry.country_code for a in ann.actors
                        if not a.entry.generic and a.entry.country_code and
                        not a.entry.id.startswith(("military:", "police:"))}
        weak = demonym_ccs | ({dateline_cc} if dateline_cc else set()) | self._title_countries(ann)
        if dateline_cc and ann.upper:
            # Wire copy: the dateline country is where most of the story happens.
            mentions = [PlaceMention(0, 0, "", name_key(self.gazetteer.country_name(dateline_cc) or "")),
                        *mentions]
        resolved = resolve_all(mentions, self.gazetteer, weak)
        resolved = [r for r in resolved if r.mention.end > 0]
        resolved = refine(ann.view, mentions, resolved)
        return dataclasses.replace(ann, places=tuple(resolved), dateline_country=dateline_cc)


    def _title_countries(self, ann: Annotated) -> set[str]:
        """Countries a title kept apart from the text names ("South Sudan: Jonglei -
        inter-communal violence, update"): they say where the story is, as a dateline does."""
        title = ann.document.title
        if not title or title in ann.view:
            return set()
        words = name_key(title).split()
        keys = self.dictionary.country_keys
        found: set[str] = set()
        i = 0
        while i < len(words):
            for n in (3, 2, 1):  # the longest name first: "South Sudan", not "Sudan"
                key = " ".join(words[i:i + n])
                if len(words[i:i + n]) == n and key in keys and key not in _AMBIGUOUS_TITLE_WORDS:
                    found.add(keys[key])
                    i += n
                    break
            else:
                i += 1
        return found

    def _territorial(self, mention: PlaceMention) -> bool:
        """Country and region names inside an actor's name still name a territory
        ("Ukraine's Special Operations Forces", "DPR")."""
        return any(p.kind in (KIND_COUNTRY, KIND_AREA) and p.primary for p in self.gazetteer.lookup(mention.key))


# Country names that are also names or words in a title ("Jordan", "Chad", "Niger Delta").
_AMBIGUOUS_TITLE_WORDS = frozenset({"us", "u s", "chad", "jordan", "georgia", "guinea", "niger", "turkey"})


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


class Claims:
    """``conflictwatch.claims.v1``: casualty claims per sentence."""

    def __call__(self, ann: Annotated) -> Annotated:
        out = []
        previous = None
        text = ann.view
        if ann.relevant is not None and not ann.relevant:
            return ann  # no trigger word anywhere: no event to give figures to
        year = ann.document.published.year if ann.document.published else None
        # Each sentence read whole: who it says stated it, for the event builder.
        speakers: list[tuple[int, tuple[int, int] | None]] = []
        for s in ann.sentences:
            if not claims_mod.MAY_HAVE_CLAIM.search(ann.low, s.start, s.end):
                continue  # most sentences give no figure; skip the expensive reading
            start = ann.dateline.end if ann.dateline and s.start == ann.dateline.start else s.start
            # A line without a full stop reads as a headline ("... kills 5 - police").
            headline = s.headline or text[s.end - 1] not in ".!?\"”'’"
            found, previous, attr = claims_mod.read_sentence(text, start, s.end, s.index, headline, previous)
            if start == s.start:
                speakers.append((s.index, claims_mod.speaker_of(text, attr)))
            if found and year is not None and triggers_mod.historical(ann.low[s.start:s.end], year):
                # "the 2013 Westgate mall siege that killed 67 people": a figure of history,
                # never the event's (the sentence is history to the trigger check too).
                found = [dataclasses.replace(cm, cumulative=True) for cm in found]
            out.extend(found)
        groups = [(a.start, a.end) for a in ann.actors if not a.entry.generic
                  and a.entry.kind in ("rebels", "political militia", "identity militia")]
        out = claims_mod.resolve_claimants(text, ann.sentences, out, groups)
        # Claims carry the document's own characters, not the blanked view's.
        fixed = []
        doc_text = ann.document.text
        if doc_text == text:
            return dataclasses.replace(ann, claims=tuple(out), speakers=tuple(speakers))  # nothing was blanked out
        for cm in out:
            c = cm.claim
            span = dataclasses.replace(c.span, text=doc_text[c.span.start:c.span.end])
            cspan = dataclasses.replace(c.claimant_span, text=doc_text[c.claimant_span.start:c.claimant_span.end]) \
                if c.claimant_span else None
            victims = dataclasses.replace(cm.victims, text=doc_text[cm.victims.start:cm.victims.end]) \
                if cm.victims else None
            fixed.append(dataclasses.replace(cm, claim=dataclasses.replace(c, span=span, claimant_span=cspan),
                                             victims=victims))
        return dataclasses.replace(ann, claims=tuple(fixed), speakers=tuple(speakers))


class Dates:
    """``conflictwatch.dates.v1``: stated dates per sentence."""

    def __call__(self, ann: Annotated) -> Annotated:
        published = ann.document.published
        filed = dates_mod.dateline_date(ann.dateline.rest, published) if ann.dateline is not None else None
        if published is None and filed is not None:
            published = filed
            ann = dataclasses.replace(ann, document=dataclasses.replace(ann.document, published=published))
        # "On Monday" in a story filed "KHARTOUM, June 5 (Reuters) -" counts from June 5.
        published = dates_mod.reference_date(published, filed)
        day_first = dates_mod.numeric_order(ann.view, _host(ann.document.url, ann.document.site))
        # One pass over the whole text, then each date goes to the sentence it starts in.
        buckets: list[list[dates_mod.DateMention]] = [[] for _ in ann.sentences]
        starts = [s.start for s in ann.sentences]
        # Dates matter only where an event can be: read the relevant sentences, in runs.
        indices = sorted(ann.relevant) if ann.relevant is not None else range(len(ann.sentences))
        runs: list[list[int]] = []
        for i in indices:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            first, last = ann.sentences[run[0]], ann.sentences[run[-1]]
            for mention in dates_mod.find_dates(ann.view, first.start, last.end, published, day_first):
                i = bisect_right(starts, mention.start) - 1
                if i >= 0 and mention.start < ann.sentences[i].end:
                    buckets[i].append(mention)
        if ann.dateline is not None:
            # The day the report was filed is the event's only when its sentence gives no other.
            for bucket in buckets:
                filed = [d for d in bucket if ann.dateline.start <= d.start < ann.dateline.end]
                if filed and len(filed) < len(bucket):
                    bucket[:] = [d for d in bucket if d not in filed]
        dates_mod.chain_dates(ann.low, buckets, [(s.start, s.end) for s in ann.sentences])
        return dataclasses.replace(ann, dates=tuple(tuple(b) for b in buckets))


def _host(url: str | None, site: str | None) -> str | None:
    """The host name of a source's web address, else its site when that is a host name."""
    if url:
        host = urllib.parse.urlsplit(url).hostname
        if host:
            return host
    return site if site and re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", site) else None


class Triggers:
    """``conflictwatch.triggers.v1``: event triggers that report new events."""

    def __call__(self, ann: Annotated) -> Annotated:
        return dataclasses.replace(ann, triggers=triggers_mod.detect(ann))


class Events:
    """``conflictwatch.events.v1``: incidents coded as events."""

    def __init__(self, resources: Resources) -> None:
        self.builder = events_mod.EventBuilder(resources.gazetteer(), resources.actors())

    def __call__(self, ann: Annotated) -> Annotated:
        return dataclasses.replace(ann, events=self.builder(ann))


def _plain(cls: type) -> object:
    return lambda settings, resources: cls()


def _with_resources(cls: type) -> object:
    return lambda settings, resources: cls(resources)


def register_builtin(registry: Registry) -> Registry:
    """Register every built-in component in ``registry``, each with the layers it
    requires and assigns (none takes options), and return it."""
    registry.register("conflictwatch.sentences.v1", _plain(Sentences),  # type: ignore[arg-type]
                      assigns=("sentences", "dateline", "candidates", "relevant"))
    registry.register("conflictwatch.places.v1", _with_resources(Places),  # type: ignore[arg-type]
                      requires=("sentences", "dateline", "relevant", "actors"),
                      assigns=("places", "dateline_country"))
    registry.register("conflictwatch.actors.v1", _with_resources(Actors),  # type: ignore[arg-type]
                      requires=("sentences", "dateline", "relevant"), assigns=("actors", "sides"))
    registry.register("conflictwatch.claims.v1", _plain(Claims),  # type: ignore[arg-type]
                      requires=("sentences", "dateline", "relevant"), assigns=("claims", "speakers"))
    registry.register("conflictwatch.dates.v1", _plain(Dates),  # type: ignore[arg-type]
                      requires=("sentences", "dateline", "relevant"), assigns=("dates",))
    registry.register("conflictwatch.triggers.v1", _plain(Triggers),  # type: ignore[arg-type]
                      requires=("sentences", "dateline", "candidates", "actors", "claims", "dates"),
                      assigns=("triggers",))
    registry.register("conflictwatch.events.v1", _with_resources(Events),  # type: ignore[arg-type]
                      requires=("sentences", "dateline", "dateline_country", "places", "actors", "sides", "claims",
                                "dates", "triggers"),
                      assigns=("events",))
    return registry
