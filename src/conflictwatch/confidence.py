"""What makes a stored event *low-confidence*: the review queue's rule, in one place.

An active event is low-confidence when any of these holds (each is one reason):

* **vague place** — no place, or a place of precision 3 (a first-level region or
  wider): the map point is a region's centroid, not where it happened;
* **single report** — one document tells it, so nothing corroborates it;
* **no claimant** — it has casualty figures and none of them says who gave it;
* **borderline type** — its sub-event type is one of :data:`BORDERLINE_SUB_TYPES`,
  whose line with a neighbouring type ACLED's codebook leaves to judgement.

:func:`low_confidence_reasons` applies the rule to an :class:`~conflictwatch.model.Incident`;
the store's reader applies the same rule in SQL (``EventQuery(low_confidence=True)``).
"""

from __future__ import annotations

from .model import Incident

BORDERLINE_SUB_TYPES: tuple[str, ...] = (
    "Mob violence", "Violent demonstration", "Protest with intervention", "Excessive force against protesters",
    "Looting/property destruction", "Disrupted weapons use", "Change to group/activity", "Other",
)
"""Sub-event types a reviewer should look at twice: mob violence or a violent
demonstration, intervention or excessive force, looting or an attack, and the
catch-alls."""

VAGUE_PLACE = 3
"""A place precision at or above this is too vague to stand unchecked."""

REASONS = ("vague place", "single report", "no claimant", "borderline type")
"""The reasons, in the order :func:`low_confidence_reasons` gives them."""


def low_confidence_reasons(incident: Incident) -> tuple[str, ...]:
    """Why ``incident`` is low-confidence (empty when it is not); see the module docstring."""
    out = []
    loc = incident.location
    if loc is None or loc.precision >= VAGUE_PLACE:
        out.append("vague place")
    if len(incident.reports) <= 1:
        out.append("single report")
    if incident.claims and not any(sc.claim.claimant for sc in incident.claims):
        out.append("no claimant")
    if incident.sub_event_type in BORDERLINE_SUB_TYPES:
        out.append("borderline type")
    return tuple(out)


__all__ = ["BORDERLINE_SUB_TYPES", "REASONS", "VAGUE_PLACE", "low_confidence_reasons"]
