"""Score the extractor against human-coded gold (the format of ``data/dev/*.jsonl``).

Each gold line is ``{id, text, published, gold: {relevant, violent_text?, events:
[...]}}``. Predicted events are matched to a document's gold events one to one
(greedily, by how many fields agree). Then:

* detection: precision, recall and F1 over matched pairs;
* per field, over matched pairs, and only where the gold event's ``answerable``
  flags say the text states the field (a missing flag means it does): country,
  admin1 (``place``), within 50 km (``near_place``), date within a day of the
  gold range, killed and wounded range overlap (``killed``), actors, and type;
* the share of violence-free negatives (``violent_text: false``) given no event.

Actors are scored where the text names a gold actor at all (known to the actor
dictionary): the share of those named gold actors that the matched event lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BadDocument, InputError
from .extract.actors import ActorDictionary, ActorEntry
from .geocode.gazetteer import Gazetteer, distance_km
from .ingest.sources import document_from_text, parse_date
from .model import Event, Result
from .textutil import name_key

# MUC-4 incident types and the ACLED sub-event types that correspond to them.
MUC_TYPES: dict[str, tuple[str, ...]] = {
    "bombing": ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Air/drone strike",
                "Shelling/artillery/missile attack"),
    "kidnapping": ("Abduction/forced disappearance",),
    "arson": ("Looting/property destruction", "Violent demonstration"),
    "robbery": ("Looting/property destruction", "Attack"),
    "attack": ("Attack", "Armed clash", "Shelling/artillery/missile attack", "Air/drone strike",
               "Mob violence", "Excessive force against protesters", "Sexual violence",
               "Remote explosive/landmine/IED", "Grenade", "Government regains territory",
               "Non-state actor overtakes territory"),
}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One human-coded event (missing values are ``None``)."""

    date_start: dt.date | None
    date_end: dt.date | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    killed: tuple[int, int] | None
    wounded: tuple[int, int] | None
    actors: tuple[str, ...]
    type: str | None
    answerable: dict[str, bool]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """A gold line: the document and its events."""

    id: str
    text: str
    published: dt.date | None
    relevant: bool
    violent_text: bool | None
    events: tuple[GoldEvent, ...]


@dataclass
class Tally:
    """Right answers over scored cases for one field."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def score(self) -> float | None:
        return round(self.right / self.total, 4) if self.total else None


@dataclass
class Report:
    """Scores for one gold file."""

    name: str
    corpus_sha256: str
    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched: int = 0
    fields: dict[str, Tally] = field(default_factory=dict)
    negatives: Tally = field(default_factory=Tally)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return round(self.matched / self.predicted_events, 4) if self.predicted_events else 0.0

    @property
    def recall(self) -> float:
        return round(self.matched / self.gold_events, 4) if self.gold_events else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.name, "corpus_sha256": self.corpus_sha256, "documents": self.documents,
            "gold_events": self.gold_events, "predicted_events": self.predicted_events,
            "matched": self.matched, "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "fields": {k: {"score": t.score, "right": t.right, "scored": t.total}
                       for k, t in sorted(self.fields.items())},
            "negatives_without_event": {"score": self.negatives.score, "right": self.negatives.right,
                                        "scored": self.negatives.total},
            "seconds": round(self.seconds, 2),
        }
        return out


def _date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _pair(low: Any, high: Any) -> tuple[int, int] | None:
    if low is None and high is None:
        return None
    lo = int(low) if low is not None else int(high)
    hi = int(high) if high is not None else lo
    return (lo, hi)


def load_gold(path: Path) -> tuple[list[GoldDoc], str]:
    """Gold documents of a JSONL file and the file's SHA-256."""
    raw = path.read_bytes()
    docs = []
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = row["gold"]
            events = tuple(
                GoldEvent(_date(e.get("date_start")), _date(e.get("date_end")), e.get("country"),
                          e.get("admin1"), e.get("place"), e.get("lat"), e.get("lon"),
                          _pair(e.get("killed_low"), e.get("killed_high")),
                          _pair(e.get("wounded_low"), e.get("wounded_high")),
                          tuple(a for a in (e.get("actors") or []) if isinstance(a, str)),
                          e.get("type"), dict(e.get("answerable") or {}))
                for e in gold.get("events", []))
            docs.append(GoldDoc(str(row["id"]), row["text"], parse_date(row.get("published"), f"{path}:{number}"),
                                bool(gold.get("relevant")), gold.get("violent_text"), events))
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
            raise BadDocument(f"{path}:{number}: not a gold line ({exc}); expected "
                              "{id, text, published, gold: {relevant, events}}") from exc
    return docs, hashlib.sha256(raw).hexdigest()


class _Resolver:
    """Maps gold names (countries, regions, actors) onto the extractor's keys."""

    def __init__(self, gazetteer: Gazetteer, actors: ActorDictionary) -> None:
        self.gazetteer = gazetteer
        self.actors = actors

    def country(self, name: str | None) -> str | None:
        if not name:
            return None
        key = name_key(re.sub(r"\(.*?\)", "", name))
        if key in self.actors.country_keys:
            return self.actors.country_keys[key]
        for place in self.gazetteer.lookup(key):
            if place.kind == 2:
                return place.country_code
        return None

    def admin1(self, cc: str | None, name: str | None) -> set[str]:
        """Possible admin1 codes for a gold region name ("Kharkiv Oblast")."""
        if not cc or not name:
            return set()
        base = re.sub(r"\b(?:oblast|region|province|governorate|state|special republican city|city|"
                      r"department|district|republic)\b", " ", name, flags=re.IGNORECASE)
        codes = set()
        for key in {name_key(name), name_key(base)}:
            for place in self.gazetteer.lookup(key):
                if place.country_code == cc and place.kind in (0, 1):
                    if place.kind == 1:
                        codes.add(place.admin1_code)
                    else:
                        seat = self.gazetteer.admin1_seat(cc, place.admin1_code)
                        if seat is not None and seat.index == place.index:
                            codes.add(place.admin1_code)
        return codes

    def actor_keys(self, name: str, context_cc: str | None = None) -> set[str]:
        """Keys of a gold actor name: "state:UA", a group id and its parent, a generic id."""
        text = re.sub(r"\(.*?\)", "", name).strip().strip('"')
        m = re.match(r"(?i)government of (.+)$", text)
        if m:
            cc = self.country(m.group(1))
            return {f"state:{cc}"} if cc else set()
        return self.text_keys(text, context_cc)

    def text_keys(self, text: str, context_cc: str | None) -> set[str]:
        """Keys of every actor a text names."""
        keys: set[str] = set()
        for mention in self.actors.find(text, text.lower(), text.isupper(), context_cc=context_cc):
            if (mention.needs_country or mention.entry.generic) and mention.entry.kind == "state forces":
                # "ARMED FORCES" in a Salvadoran story are El Salvador's forces.
                if context_cc:
                    keys.add(f"state:{context_cc}")
                continue
            keys |= self.entry_keys(mention.entry)
        return keys

    def entry_keys(self, entry: ActorEntry) -> set[str]:
        if entry.kind == "state forces" and entry.country_code and not entry.generic:
            return {f"state:{entry.country_code}"}
        if entry.generic:
            # A generic term ("guerrillas", "gunmen") is matched by any actor of its kind.
            return {entry.id, f"kind:{entry.kind}"}
        keys = {entry.id}
        if entry.parent:
            keys.add(entry.parent)
        # A group's children share its key: "DPR" forces are "Novorossiya" forces.
        for other in self.actors.by_id.values():
            if other.parent == entry.id:
                keys.add(other.id)
        return keys


def _region_base(name: str) -> str:
    return name_key(re.sub(r"\b(?:oblast|region|province|governorate|state|city|department)\b", " ", name,
                           flags=re.IGNORECASE))


def _generic_only(keys: set[str]) -> bool:
    """True when a gold actor's keys come only from generic terms."""
    return all(k.startswith("kind:") or k in _GENERIC_IDS for k in keys)


_GENERIC_IDS = frozenset({"civilians", "protesters", "rioters", "unidentified armed group", "gangs", "rebels",
                          "militia", "communal militia", "police", "security forces", "soldiers",
                          "foreign forces", "prisoners", "prisoners of war", "settlers"})


def _overlap(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    return pred[0] <= gold[1] and gold[0] <= pred[1]


def _figure(r: Any) -> tuple[int, int]:
    return (r.low, r.high) if r is not None else (0, 0)


def _match_score(event: Event, gold: GoldEvent, cc: str | None) -> float:
    score = 0.0
    loc = event.location
    if cc and loc and loc.country_code == cc:
        score += 2
    if gold.date_start and event.date and \
            gold.date_start - dt.timedelta(days=1) <= event.date \
            <= (gold.date_end or gold.date_start) + dt.timedelta(days=1):
        score += 1
    if gold.lat is not None and loc and loc.lat is not None and \
            distance_km(gold.lat, gold.lon, loc.lat, loc.lon) < 100:  # type: ignore[arg-type]
        score += 1
    if gold.killed and _overlap(_figure(event.fatalities), gold.killed):
        score += 0.5
    return score


def evaluate(docs: list[GoldDoc], extract: Callable[[Any], Result], gazetteer: Gazetteer,
             actors: ActorDictionary, name: str = "gold", sha256: str = "") -> Report:
    """Run ``extract`` on each gold document and score it (see the module docstring)."""
    import time

    report = Report(name, sha256)
    resolver = _Resolver(gazetteer, actors)
    started = time.perf_counter()
    for gd in docs:
        report.documents += 1
        doc = document_from_text(gd.text, gd.id, gd.published)
        result = extract(doc)
        predicted = list(result.events)
        gold_events = list(gd.events) if gd.relevant else []
        if gd.violent_text is False:
            report.negatives.add(not predicted)
        report.gold_events += len(gold_events)
        report.predicted_events += len(predicted)
        ccs = [resolver.country(g.country) for g in gold_events]
        pairs = sorted(((_match_score(p, g, ccs[j]), i, j) for i, p in enumerate(predicted)
                        for j, g in enumerate(gold_events)), reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        named = resolver.text_keys(gd.text, ccs[0] if ccs else None)
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            report.matched += 1
            _score_pair(report, predicted[i], gold_events[j], ccs[j], resolver, named)
    report.seconds = time.perf_counter() - started
    return report


def _tally(report: Report, name: str) -> Tally:
    return report.fields.setdefault(name, Tally())


def _score_pair(report: Report, event: Event, gold: GoldEvent, cc: str | None, resolver: _Resolver,
                named: set[str]) -> None:
    ans = gold.answerable
    loc = event.location
    if cc and ans.get("country", True):
        _tally(report, "country").add(bool(loc and loc.country_code == cc))
    if gold.admin1 and ans.get("place", True):
        codes = resolver.admin1(cc, gold.admin1)
        pred_codes = resolver.admin1(loc.country_code, loc.admin1) if loc and loc.admin1 else set()
        ok = bool(codes & pred_codes) or bool(loc and loc.admin1
                                                and _region_base(loc.admin1) == _region_base(gold.admin1))
        _tally(report, "admin1").add(ok)
    if gold.lat is not None and gold.lon is not None and ans.get("near_place", True):
        ok = bool(loc and loc.lat is not None and distance_km(gold.lat, gold.lon, loc.lat, loc.lon) <= 50)  # type: ignore[arg-type]
        _tally(report, "within_50km").add(ok)
    if gold.date_start and ans.get("date", True):
        end = gold.date_end or gold.date_start
        ok = bool(event.date and gold.date_start - dt.timedelta(days=1) <= event.date <= end + dt.timedelta(days=1))
        _tally(report, "date_1day").add(ok)
    if gold.killed is not None and ans.get("killed", True):
        _tally(report, "killed").add(_overlap(_figure(event.fatalities), gold.killed))
    if gold.wounded is not None and ans.get("wounded", True):
        _tally(report, "wounded").add(_overlap(_figure(event.wounded), gold.wounded))
    if gold.type and ans.get("type", True):
        _tally(report, "type").add(event.sub_event_type in MUC_TYPES.get(gold.type.lower(), ()))
    # Actors: of the gold actors the text names, the share the event lists.
    pred_keys: set[str] = set()
    for actor in event.actors:
        entry = resolver.actors.by_id.get(actor.id)
        if entry is not None:
            pred_keys |= resolver.entry_keys(entry)
        elif actor.country_code and actor.kind == "state forces":
            pred_keys.add(f"state:{actor.country_code}")
        pred_keys.add(f"kind:{actor.kind}")
    # A named group says more than the generic word: it satisfies "rebels" too, never the reverse.
    gold_keys = [{k for k in keys if not k.startswith("kind:") or _generic_only(keys)}
                 for keys in (resolver.actor_keys(a, cc) for a in gold.actors)]
    stated = [k for k in gold_keys if k and k & named]
    if stated and ans.get("actors", True):
        tally = _tally(report, "actors")
        for keys in stated:
            tally.add(bool(keys & pred_keys))


def format_report(report: Report) -> str:
    """A human-readable block of scores."""
    lines = [f"{report.name}  ({report.documents} documents, {report.gold_events} gold events, "
             f"{report.predicted_events} predicted, {report.seconds:.1f} s)",
             f"  detection   precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}"]
    for name, tally in sorted(report.fields.items()):
        lines.append(f"  {name:<11} {tally.score if tally.score is not None else float('nan'):.3f}"
                     f"  ({tally.right}/{tally.total})")
    if report.negatives.total:
        lines.append(f"  negatives   {report.negatives.score:.3f}  ({report.negatives.right}/"
                     f"{report.negatives.total} violence-free texts without an event)")
    return "\n".join(lines)


def flat_scores(report: Report) -> dict[str, float]:
    """Scores as one flat mapping (what the quality gate pins)."""
    out = {"precision": report.precision, "recall": report.recall, "f1": report.f1}
    for name, tally in report.fields.items():
        if tally.score is not None:
            out[name] = tally.score
    if report.negatives.score is not None:
        out["negatives"] = report.negatives.score
    return out


def iter_reports(paths: Iterable[Path], extract: Callable[[Any], Result], gazetteer: Gazetteer,
                 actors: ActorDictionary) -> Iterable[Report]:
    """A report per gold file."""
    for path in paths:
        try:
            docs, sha = load_gold(path)
        except OSError as exc:
            raise InputError(f"{path}: cannot read the gold file ({exc.strerror})") from exc
        yield evaluate(docs, extract, gazetteer, actors, path.name, sha)


# -- merging ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeScore:
    """Pairwise merge quality over a corpus of reports with gold incident ids.

    Two documents form a gold pair when they tell the same incident, and a
    predicted pair when their main events (each document's first event) were
    merged into one stored event. ``precision`` is the share of predicted pairs that
    are gold pairs, ``recall`` the share of gold pairs predicted; a document with no
    event counts against recall. ``lookalikes`` counts look-alike pairs of different
    incidents (same day and place, say) and ``lookalikes_apart`` those kept apart.
    """

    documents: int
    gold_pairs: int
    predicted_pairs: int
    right_pairs: int
    lookalikes: int
    lookalikes_apart: int

    @property
    def precision(self) -> float:
        return self.right_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"documents": self.documents, "gold_pairs": self.gold_pairs,
                "predicted_pairs": self.predicted_pairs, "right_pairs": self.right_pairs,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "lookalikes": self.lookalikes, "lookalikes_apart": self.lookalikes_apart}


def score_merges(predicted: dict[str, str | None], gold: dict[str, str],
                 lookalikes: Iterable[tuple[str, str]] = ()) -> MergeScore:
    """Score ``predicted`` (document -> event of its main report, ``None`` for no
    event) against ``gold`` (document -> incident); ``lookalikes`` are pairs of gold
    incidents that must stay apart."""
    from itertools import combinations

    docs = sorted(gold)
    gold_pairs = predicted_pairs = right = 0
    for a, b in combinations(docs, 2):
        same_gold = gold[a] == gold[b]
        same_pred = predicted.get(a) is not None and predicted.get(a) == predicted.get(b)
        gold_pairs += same_gold
        predicted_pairs += same_pred
        right += same_gold and same_pred
    by_incident: dict[str, set[str | None]] = {}
    for doc, incident in gold.items():
        by_incident.setdefault(incident, set()).add(predicted.get(doc))
    pairs = {tuple(sorted(p)) for p in lookalikes}
    apart = sum(1 for x, y in pairs
                if not ((by_incident.get(x, set()) & by_incident.get(y, set())) - {None}))
    return MergeScore(len(docs), gold_pairs, predicted_pairs, right, len(pairs), apart)


def merge_corpus_score(path: Path, extract: Callable[[Any], Result], country_name: Callable[[str], str],
                       workdir: Path) -> tuple[MergeScore, str]:
    """Ingest a merge corpus (JSON Lines: ``id, incident, published, url, site, title,
    text``, optional ``lookalike``) into a fresh SQLite store under ``workdir``, in
    order of publication, and score the merges; returns the score and the corpus's
    SHA-256."""
    from .merge import load_rules
    from .record import Recorder
    from .store import Store

    raw = path.read_bytes()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r["published"], r["id"]))
    db = workdir / f"merge-{hashlib.sha256(raw).hexdigest()[:12]}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Store.open(f"sqlite:///{db}") as store:
        recorder = Recorder(store, lambda doc: extract(doc).events, load_rules(), country_name)
        stored: dict[str, str] = {}
        for row in rows:
            doc = document_from_text(row["text"], row["id"], parse_date(row["published"], row["id"]),
                                     row.get("url"), row.get("title"), site=row.get("site"))
            stored[row["id"]] = recorder.record(doc).document_id
        predicted: dict[str, str | None] = {}
        with store.reading() as reader:
            for row in rows:
                reports = sorted(reader.reports_of_document(stored[row["id"]]), key=lambda r: r[0].index)
                predicted[row["id"]] = reports[0][1] if reports else None
    gold = {row["id"]: row["incident"] for row in rows}
    lookalikes = [(row["incident"], row["lookalike"]) for row in rows if row.get("lookalike")]
    return score_merges(predicted, gold, lookalikes), hashlib.sha256(raw).hexdigest()


def merge_flat_scores(score: MergeScore) -> dict[str, float]:
    """The merge scores the quality gate pins: precision, recall and the share of
    look-alike pairs kept apart."""
    return {"merge_precision": score.precision, "merge_recall": score.recall,
            "lookalikes_apart": score.lookalikes_apart / score.lookalikes if score.lookalikes else 1.0}
