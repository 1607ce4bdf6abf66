"""Which incident a new report joins, if any, and why.

A report is compared with each candidate incident's reports. It may join an
incident only when it passes :func:`~conflictwatch.merge.score.gate` with every one
of them and scores at least ``member_floor`` with each (no chaining: being close to
one report of an incident is not enough; with a report that names another time of day
or another site, at least ``threshold``), and when its best score there reaches
``threshold``. Of the incidents it may join it joins the best-scoring one; with none,
it starts an incident of its own. The decision keeps the reasons either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Report
from .rules import MergeRules
from .score import compare, gate


@dataclass(frozen=True, slots=True)
class Candidate:
    """An incident a report might join: ``incident_id`` and its ``reports``."""

    incident_id: str
    reports: tuple[Report, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """``incident_id`` to join (``None``: start a new incident), the ``score`` of the
    best candidate, the ``reasons`` and how many ``candidates`` were compared."""

    incident_id: str | None
    score: float | None
    reasons: tuple[str, ...]
    candidates: int


_CLASHES = ("detail.time_clash ", "detail.site_clash ")
"""The reasons of :func:`~conflictwatch.merge.score.compare` that say two reports name
different details of the same kind."""


def assess(report: Report, candidate: Candidate, rules: MergeRules) -> tuple[float | None, tuple[str, ...]]:
    """``report``'s score with ``candidate`` (``None`` when it may not join) and why."""
    best: float | None = None
    best_reasons: tuple[str, ...] = ()
    for member in candidate.reports:
        blocked = gate(report, member, rules)
        if blocked is not None:
            return None, (f"not with {member.id}: {blocked}",)
        comparison = compare(report, member, rules)
        floor = rules.weights.member_floor
        if any(r.startswith(_CLASHES) for r in comparison.reasons):
            # A report of the incident names another time of day or another site: the two
            # must be close enough to join on their own, not through a vaguer third report
            # (a morning strike on a car and an evening strike on a house, the same town).
            floor = max(floor, rules.weights.threshold)
        if comparison.score < floor:
            return None, (f"not with {member.id}: score {comparison.score:g}",) + comparison.reasons
        if best is None or comparison.score > best:
            best, best_reasons = comparison.score, (f"best match {member.id}",) + comparison.reasons
    return best, best_reasons


def decide(report: Report, candidates: Sequence[Candidate], rules: MergeRules) -> Decision:
    """Join the best incident ``report`` may join, or start a new one."""
    scored = []
    rejected: tuple[float, str, tuple[str, ...]] | None = None
    for candidate in candidates:
        score, reasons = assess(report, candidate, rules)
        if score is not None and score >= rules.weights.threshold:
            scored.append((score, candidate.incident_id, reasons))
        elif score is not None and (rejected is None or score > rejected[0]):
            rejected = (score, candidate.incident_id, (f"below threshold {rules.weights.threshold:g}",) + reasons)
    if scored:
        score, incident_id, reasons = max(scored, key=lambda s: (s[0], s[1]))
        return Decision(incident_id, score, reasons, len(candidates))
    if rejected is not None:
        return Decision(None, rejected[0], (f"closest {rejected[1]}",) + rejected[2], len(candidates))
    return Decision(None, None, ("no compatible incident",) if candidates else ("no candidate incident",),
                    len(candidates))
