"""ACLED's event typology, its crosswalks, and the words that trigger each type.

ACLED has 6 event types and 25 sub-event types (spelled here as ACLED spells
them). Each sub-type maps to UCDP's type of violence (1 state-based, 2 non-state,
3 one-sided; decided per event from its actors), to a PLOVER event type and to a
CAMEO root code.

A trigger is *strong* when it names political violence by itself ("airstrike",
"roadside bomb", "clashes between the army and rebels") and *weak* when it needs an
armed actor or weapon in the same sentence to count ("killed", "explosion",
"attack", "battle"). The triggers are rules in data/lexicon/triggers.toml, each naming its
sub-event type, loaded on first use (:func:`trigger_rules`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import LexiconError, default_lexicon
from ..prescan import PatternScanner

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"),
}
TYPE_OF: dict[str, str] = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}

# PLOVER event type and CAMEO root code of each sub-event type.
CROSSWALK: dict[str, tuple[str | None, str | None]] = {
    "Armed clash": ("FIGHT", "19"),
    "Government regains territory": ("FIGHT", "19"),
    "Non-state actor overtakes territory": ("FIGHT", "19"),
    "Chemical weapon": ("FIGHT", "20"),
    "Air/drone strike": ("FIGHT", "19"),
    "Suicide bomb": ("ASSAULT", "18"),
    "Shelling/artillery/missile attack": ("FIGHT", "19"),
    "Remote explosive/landmine/IED": ("ASSAULT", "18"),
    "Grenade": ("ASSAULT", "18"),
    "Sexual violence": ("ASSAULT", "18"),
    "Attack": ("ASSAULT", "18"),
    "Abduction/forced disappearance": ("ASSAULT", "18"),
    "Peaceful protest": ("PROTEST", "14"),
    "Protest with intervention": ("PROTEST", "14"),
    "Excessive force against protesters": ("ASSAULT", "17"),
    "Violent demonstration": ("PROTEST", "14"),
    "Mob violence": ("ASSAULT", "18"),
    "Agreement": ("AGREE", "05"),
    "Arrests": ("COERCE", "17"),
    "Change to group/activity": (None, None),
    "Disrupted weapons use": ("COERCE", "17"),
    "Headquarters or base established": ("MOBILIZE", "15"),
    "Looting/property destruction": ("COERCE", "17"),
    "Non-violent transfer of territory": ("RETREAT", "08"),
    "Other": (None, None),
}

# When one incident has several triggers, the first in this list names it
# (ACLED codes remote violence over the clash it was part of).
PRIORITY: tuple[str, ...] = (
    "Suicide bomb", "Chemical weapon", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence",
    "Excessive force against protesters", "Abduction/forced disappearance",
    "Government regains territory", "Non-state actor overtakes territory", "Mob violence", "Armed clash",
    "Violent demonstration", "Protest with intervention", "Attack",
    "Peaceful protest", "Looting/property destruction", "Arrests", "Disrupted weapons use",
    "Non-violent transfer of territory", "Headquarters or base established", "Agreement",
    "Change to group/activity", "Other",
)
RANK = {sub: i for i, sub in enumerate(PRIORITY)}


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """A trigger: ``sub_event_type``, ``pattern`` (on lower-cased text) and
    ``strong`` (counts without further conflict evidence)."""

    sub_event_type: str
    pattern: re.Pattern[str]
    strong: bool
    id: str = ""
    """The lexicon rule id ("trigger.air-drone-strike")."""


_BUILT_IN = "triggers.toml"
"""The lexicon file of the general triggers; other files' triggers come after them."""


@functools.cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    """Every trigger, in order: the ``trigger`` rules of data/lexicon/triggers.toml, then
    those of the other lexicon files (terse.toml's bulletin idioms), each file in its own
    order, loaded on first use. Where two triggers cover the same words the earlier is kept."""
    built_in: list[TriggerRule] = []
    others: list[TriggerRule] = []
    for rule in default_lexicon().rules.values():
        if rule.kind != "trigger":
            continue
        if rule.event not in TYPE_OF:
            raise LexiconError(f"{rule.source} rule {rule.id!r}: event {rule.event!r} is not an ACLED sub-event "
                               f"type; use one of: {', '.join(sorted(TYPE_OF))}")
        (built_in if rule.source.endswith("/" + _BUILT_IN) else others).append(
            TriggerRule(rule.event, rule.regex, rule.strong, rule.id))
    return tuple(built_in + others)


@functools.cache
def rule_scanner() -> PatternScanner:
    """Every trigger's matches in one pass over the word starts (see prefixes.py)."""
    return PatternScanner.build(tuple(rule.pattern for rule in trigger_rules()))


def __getattr__(name: str) -> object:
    # RULES and RULE_SCANNER, read as module attributes, are built on first use.
    if name == "RULES":
        return trigger_rules()
    if name == "RULE_SCANNER":
        return rule_scanner()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
