"""Scoring hand-coded conflict reports: shared by the corpora tests."""

import datetime as dt

from conflictwatch import document_from_text
from conflictwatch.textutil import name_key


def _similar(a, b):
    a, b = name_key(a or ""), name_key(b or "")
    return bool(a and b) and (a[:4] == b[:4] or a in b or b in a)


def score(pipeline, rows):
    """Share of hand-coded events a pipeline gets right, per field, and the misses."""
    tally = {k: [0, 0] for k in ("detected", "extra", "type", "sub", "country", "place", "date", "killed", "wounded")}
    problems = []
    for row in rows:
        result = pipeline.extract(document_from_text(row["text"], row["id"],
                                                     dt.date.fromisoformat(row["published"])))
        events = list(result.events)
        tally["extra"][1] += 1
        tally["extra"][0] += int(len(events) <= len(row["events"]))
        for gold in row["events"]:
            tally["detected"][1] += 1
            candidates = [e for e in events if e.location and e.location.country_code == gold["country_code"]]
            # Place first; the kind of act and the day break ties, so that one event's
            # match does not take the event another gold line describes.
            day = dt.date.fromisoformat(gold["date"])
            best = max(candidates or events, key=lambda e: (
                _similar(e.location.name if e.location else None, gold["place"]) +
                _similar(e.location.admin1 if e.location else None, gold["admin1"]),
                (e.event_type == gold["event_type"]) + bool(e.date and abs((e.date - day).days) <= 1)), default=None)
            if best is None:
                problems.append((row["id"], "missed", gold["place"]))
                continue
            events.remove(best)
            tally["detected"][0] += 1
            loc = best.location
            checks = {
                "type": best.event_type == gold["event_type"],
                "sub": best.sub_event_type == gold["sub_event_type"],
                "country": bool(loc and loc.country_code == gold["country_code"]),
                # (A homonym abroad, "Bambuí" in Brazil for Bambui in Cameroon, is no right place.)
                "place": bool(loc and loc.country_code == gold["country_code"] and
                              (_similar(loc.name, gold["place"]) or
                               (gold["place"] is None and _similar(loc.admin1, gold["admin1"])))),
                "date": bool(best.date and abs((best.date - dt.date.fromisoformat(gold["date"])).days) <= 1),
            }
            if gold["killed"]:
                checks["killed"] = bool(best.fatalities) \
                    and [best.fatalities.low, best.fatalities.high] == gold["killed"]
            if gold["wounded"]:
                checks["wounded"] = bool(best.wounded) and [best.wounded.low, best.wounded.high] == gold["wounded"]
            for key, ok in checks.items():
                tally[key][1] += 1
                tally[key][0] += int(ok)
                if not ok:
                    problems.append((row["id"], key, gold["place"]))
    return {k: (right / total if total else 1.0) for k, (right, total) in tally.items()}, problems


def check_floor(scores, floors: dict, field: str) -> None:
    """Fail when ``field`` scores under its floor, listing the rows behind it."""
    values, problems = scores
    assert values[field] >= floors[field], [p for p in problems if p[1] in (field, "missed")]
