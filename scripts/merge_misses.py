"""List the merge corpus's missed and wrong merges, each with its reason.

    .venv/bin/python scripts/merge_misses.py [tests/data/merge_corpus.jsonl] [--only a|b|even|odd]

Ingests the corpus into a temporary SQLite store in order of publication, exactly as
the quality gate does (``conflictwatch.evaluate.merge_corpus_score``), then compares
every pair of documents whose main reports the gold says tell one incident but the
store keeps apart (a miss), and every pair it joins that the gold keeps apart (a
wrong merge). A miss is put down to the first thing that stops it:

* ``no event``: a document gave no report (an extraction miss);
* ``gate: country`` / ``gate: distance`` / ``gate: date`` / ``gate: type`` /
  ``gate: no place``: the gate of ``conflictwatch.merge.score.gate``;
* ``score``: the pair passed the gates but its points stay below the threshold;
* ``decide``: the pair alone would join, but another report of the incident did not
  fit (no chaining) or the report joined a better-scoring incident first.

Each line shows both reports' type, date (precision, note), place (precision, admin1)
and, for ``score``, the points of each feature.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from conflictwatch import Pipeline, resolve_settings  # noqa: E402
from conflictwatch.ingest.sources import document_from_text, parse_date  # noqa: E402
from conflictwatch.merge import load_rules  # noqa: E402
from conflictwatch.merge.rules import MergeRules  # noqa: E402
from conflictwatch.merge.score import compare, gate  # noqa: E402
from conflictwatch.model import Report  # noqa: E402
from conflictwatch.record import Recorder  # noqa: E402
from conflictwatch.store import Store  # noqa: E402


def _selected(incident: str, only: str | None) -> bool:
    if only is None:
        return True
    if only in ("a", "b"):
        return incident.startswith(only)
    # Incidents 2k-1 and 2k fall on one side (k even or odd), so a look-alike pair is never split.
    digits = "".join(c for c in incident if c.isdigit())
    number = (int(digits) + 1) // 2 if digits else 0
    return (number % 2 == 0) == (only == "even")


def describe(report: Report) -> str:
    """One report's type, date and place in a few words."""
    e = report.event
    loc = e.location
    place = "no place" if loc is None else (
        f"{loc.name} p{loc.precision} {loc.country_code}/{loc.admin1 or '-'}/{loc.admin2 or '-'}")
    note = f" ({e.date_note})" if getattr(e, "date_note", None) else ""
    return (f"{e.event_type}/{e.sub_event_type}; {e.date} p{e.date_precision}{note}; {place}; "
            f"actors {','.join(a.id for a in e.actors) or '-'}; killed "
            f"{e.fatalities.best if e.fatalities else '-'}; details {','.join(report.details) or '-'}")


def reason_kind(why: str) -> str:
    """The class of a gate's reason."""
    if why.startswith("types"):
        return "gate: type"
    if why.startswith("countries"):
        return "gate: country"
    if "days apart" in why:
        return "gate: date"
    if "km apart" in why:
        return "gate: distance"
    return "gate: " + why.split(" (")[0]


def ingest(rows: list[dict], workdir: Path) -> tuple[dict[str, Report | None], dict[str, str | None]]:
    """Each document's main report and the incident it landed in."""
    pipeline = Pipeline.from_settings(resolve_settings())
    rules = load_rules()
    reports: dict[str, Report | None] = {}
    incident: dict[str, str | None] = {}
    with Store.open(f"sqlite:///{workdir / 'merge.db'}") as store:
        recorder = Recorder(store, lambda doc: pipeline.extract(doc).events, rules,
                            pipeline.resources.actors().country_name)
        stored = {}
        for row in rows:
            doc = document_from_text(row["text"], row["id"], parse_date(row["published"], row["id"]),
                                     row.get("url"), row.get("title"), site=row.get("site"))
            stored[row["id"]] = recorder.record(doc).document_id
        with store.reading() as reader:
            for row in rows:
                found = sorted(reader.reports_of_document(stored[row["id"]]), key=lambda r: r[0].index)
                reports[row["id"]] = found[0][0] if found else None
                incident[row["id"]] = found[0][1] if found else None
    return reports, incident


def explain(a: Report | None, b: Report | None, rules: MergeRules) -> tuple[str, str]:
    """Why two reports of one incident were kept apart: (class, detail)."""
    if a is None or b is None:
        return "no event", ""
    blocked = gate(a, b, rules)
    if blocked is not None:
        return reason_kind(blocked), blocked
    comparison = compare(a, b, rules)
    detail = f"score {comparison.score:g} vs {rules.weights.threshold:g}: " + ", ".join(comparison.reasons)
    if comparison.score < rules.weights.threshold:
        return "score", detail
    return "decide", detail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=ROOT / "tests" / "data" / "merge_corpus.jsonl")
    parser.add_argument("--only", choices=("a", "b", "even", "odd"), help="score only these incidents")
    parser.add_argument("--quiet", action="store_true", help="print only the counts")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r["published"], r["id"]))
    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        reports, incident = ingest(rows, Path(tmp))
    gold = {r["id"]: r["incident"] for r in rows}
    ids = sorted(i for i in gold if _selected(gold[i], args.only))
    misses: Counter[str] = Counter()
    gold_pairs = joined = right = 0
    lines = []
    for x, y in combinations(ids, 2):
        same_gold = gold[x] == gold[y]
        same_pred = incident[x] is not None and incident[x] == incident[y]
        gold_pairs += same_gold
        joined += same_pred
        right += same_gold and same_pred
        if same_gold and not same_pred:
            kind, detail = explain(reports[x], reports[y], rules)
            misses[kind] += 1
            lines.append(f"MISS {x} ~ {y} [{kind}] {detail}")
        elif same_pred and not same_gold:
            a, b = reports[x], reports[y]
            detail = ", ".join(compare(a, b, rules).reasons) if a is not None and b is not None else ""
            misses["wrong merge"] += 1
            lines.append(f"WRONG {x} ({gold[x]}) + {y} ({gold[y]}): {detail}")
        else:
            continue
        for doc in (x, y):
            report = reports[doc]
            lines.append(f"    {doc}: " + (describe(report) if report is not None else "no event"))
    if not args.quiet:
        print("\n".join(lines))
    precision = right / joined if joined else 1.0
    recall = right / gold_pairs if gold_pairs else 1.0
    print(f"\n{len(ids)} documents, {gold_pairs} gold pairs, {joined} joined, {right} right: "
          f"precision {precision:.3f}, recall {recall:.3f}")
    for kind, n in misses.most_common():
        print(f"  {kind}: {n}")


if __name__ == "__main__":
    main()
