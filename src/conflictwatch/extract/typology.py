"""ACLED's event typology, its crosswalks, and the words that trigger each type.

ACLED has 6 event types and 25 sub-event types (spelled here as ACLED spells
them). Each sub-type maps to UCDP's type of violence (1 state-based, 2 non-state,
3 one-sided; decided per event from its actors), to a PLOVER event type and to a
CAMEO root code.

A trigger is *strong* when it names political violence by itself ("airstrike",
"roadside bomb", "clashes between the army and rebels") and *weak* when it needs an
armed actor or weapon in the same sentence to count ("killed", "explosion",
"attack", "battle").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prefixes import PatternScanner

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


def _rule(sub: str, pattern: str, strong: bool) -> TriggerRule:
    return TriggerRule(sub, re.compile(pattern), strong)


RULES: tuple[TriggerRule, ...] = (
    _rule("Suicide bomb", r"\bsuicide[ -](?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|vests?|"
          r"car[ -]bomb(?:er|ing)?s?|truck[ -]bomb(?:er|ing)?s?)\b|\bblew (?:himself|herself|themselves) up\b|"
          r"\bself-detonat\w*|\bsuicide blast\b", True),
    _rule("Chemical weapon", r"\bchemical (?:weapons? (?:attack|strike)|attacks?|munitions)\b|"
          r"\b(?:chlorine|sarin|mustard|nerve|cs|toxic|poison) gas (?:attack|strike|munitions|grenades?|shells?)\b|"
          r"\bgrenades? containing (?:cs|tear|chlorine|toxic|poison)|\bsarin\b|\bnerve agents?\b", True),
    _rule("Air/drone strike", r"\bair ?strikes?\b|\bair[- ]raids?\b(?! (?:sirens?|alerts?|alarms?|warnings?|shelters?))|\baerial (?:bombardment|attacks?|strikes?|bombing)\b|"
          r"\bdrone (?:strikes?|attacks?|raids?)\b|\b(?:kamikaze|attack|shahed|suicide|fpv|loitering|"
          r"armed|israeli|russian|ukrainian|turkish|us|american|pakistani) drones?\b|\bdrones? (?:struck|hit|attacked|"
          r"targeted|slammed|crashed into|dropped|fired|damaged|killed|kills|killing|wounded|wounds|wounding|injured|"
          r"injures|injuring|destroyed)|\bdrones? (?:launched|fired) by\b|"
          r"\bdrones? of (?:an? )?(?:aircraft|copter|helicopter) type (?:attacked|struck|hit)\b|"
          r"\bstruck by (?:a |an )?drones?|\bwarplanes?\b|\bfighter jets?\b|"
          r"\b(?:used|using|use|flew|flying|sent) (?:\w+ )?drones? to (?:drop|attack|bomb|strike|hit)\b|"
          r"\bdrone-dropped\b|\bdropped (?:\w+ )?(?:explosives|bombs|grenades) from (?:a |an )?drones?\b|"
          r"\b(?:jets?|aircraft|helicopters?|gunships?|planes?) (?:struck|bombed|pounded|hit|attacked|fired|strafed)\b|"
          # Armies' own words for their air arm: "an aerial vector of the FAMa carried out strikes",
          # "the air force conducted precision strikes", "air assets struck".
          r"\b(?:air ?force|aerial vectors?|air assets?|air component|military aviation|combat aircraft)\b[^.;]{0,50}?"
          r"\b(?:carried out|conducted|launched|made) (?:\w+ ){0,2}(?:strikes?|raids?|sorties|bombings?)\b|"
          r"\b(?:aerial vectors?|air assets?|air component|combat aircraft) (?:struck|hit|bombed|pounded|targeted)\b|"
          r"\bbarrel bombs?\b|\bguided (?:aerial )?bombs?\b|\bglide bombs?\b|\bbombing raids?\b|\bair attacks?\b|"
          r"\bbombed from the air\b|\b(?:israeli|russian|us|american|saudi|coalition|syrian|sudanese|army|military|"
          r"junta|government) (?:air ?strikes?|strikes?)\b|\bstrikes? by (?:warplanes|jets|aircraft|drones)\b", True),
    _rule("Shelling/artillery/missile attack", r"\bshell(?:ing|ed)\b(?! (?:company|oil|out))|\bartillery (?:fire|"
          r"strikes?|attacks?|shells?|barrages?|rounds?|bombardment|hit|struck|pounded)\b|\b(?:fired|firing|pounded|"
          r"shelled with) (?:\w+ )?(?:artillery|mortars?)\b|"
          r"\bmortars? (?:fire|shells?|rounds?|attacks?|bombs?|hit|struck|landed|exploded)\b|\brockets?(?: fire| attacks?| strikes?| barrages?)\b|"
          r"\bfired (?:\w+ )?rockets?\b|\brockets? (?:hit|struck|landed|slammed)\b|\bmissiles? (?:strikes?|attacks?)\b|"
          r"\bmissiles? (?:hit|struck|slammed|landed|tore)\b|\bballistic missiles?\b|\bcruise missiles?\b|"
          # A weapon the subject of a killing or wounding verb: "a missile killed two people".
          r"\b(?:missiles?|rockets?|shells?|mortars?|mortar (?:rounds?|shells?|bombs?)|artillery) "
          r"(?:killed|kills|killing|wounded|wounds|wounding|injured|injures|injuring)\b|"
          r"\b(?:grad|himars|mlrs|iskander|katyusha|tochka|uragan|smerch|s-300|kinzhal|kalibr|qassam)\b|"
          r"\bmultiple[- ]rocket launchers?\b|\bbombard(?:ment|ed|ing)\b(?! (?:with|by) (?:questions|calls|messages|"
          r"complaints|emails|requests))|\b(?:artillery|rocket|missile|drone) barrages?\b|\btank fire\b|"
          r"\bhowitzers?\b|\bshells? (?:fired|landed|hit|struck|rained|slammed)\b", True),
    _rule("Remote explosive/landmine/IED", r"\b(?:roadside|car|truck|motorcycle|bicycle|parcel|magnetic|"
          r"sticky|remote[- ]controlled|planted|hidden) bombs?\b|\bimprovised explosive\b|\bieds?\b|\bvbieds?\b|"
          r"\blandmines?\b|\bland mines?\b|\b(?:anti-personnel|anti-tank|unexploded) (?:mines?|ordnance)\b|"
          r"\b(?:hit|struck|stepped on|ran over|triggered|detonated) (?:a |an )?(?:land ?)?mines?\b|"
          r"\bexplosive devices?\b|\bbooby[- ]trap\w*|\bbomb (?:blast|attack|explosion)s?\b|"
          r"\bbombs? (?:exploded|went off|detonated|blast)\b|\bcar[- ]bomb\w*|\bdynamit\w+|\b(?:blew|blown) up\b|"
          r"\bexplosive charges?\b|\bsabotag\w+|\b(?:threw|hurled|lobbed|tossed) (?:a |an )?(?:homemade |crude |"
          r"small |powerful )?(?:bombs?|explosives?|explosive devices?|dynamite)\b|"
          r"\b(?:drone|unmanned|explosive|sea drone|naval drone)[- ]boats?\b",
          True),
    _rule("Remote explosive/landmine/IED", r"\b(?:blast|explosion|exploded|detonat\w+|bombing|bombings)\b", False),
    _rule("Grenade", r"\bgrenades? (?:attacks?|was thrown|were thrown|exploded|hurled|lobbed|into)\b|"
          r"\b(?:threw|hurled|lobbed|tossed) (?:a |an )?(?:hand )?grenades?\b|\bgrenade blast\b|"
          r"\bhurled a grenade\b", True),
    # ("post-rape kits", "anti-rape campaign": care and campaigns, not an act.)
    _rule("Sexual violence", r"(?<!post-)(?<!anti-)\b(?:gang-?)?rap(?:e|ed|es|ing)\b(?!-)|"
          r"\bsexual(?:ly)? (?:violence|assault\w*|abuse\w*|enslave\w*)\b", True),
    _rule("Abduction/forced disappearance", r"\bkidnap\w*|\babduct\w*|\btaken hostage\b|\btook \w+ hostage\b|"
          r"\bhostages? (?:were )?taken\b|\bforcibly disappeared\b|\benforced disappearance\b", True),
    _rule("Excessive force against protesters", r"\b(?:opened fire|fired live|live (?:ammunition|rounds|fire)|"
          r"shot|killed|shot dead)\b[^.]{0,60}\b(?:protesters|protestors|demonstrators|marchers)\b|"
          r"\b(?:protesters|protestors|demonstrators|marchers)\b[^.]{0,40}\b(?:shot dead|were killed|killed by)\b", True),
    _rule("Protest with intervention", r"\b(?:tear ?gas|water cannons?|rubber bullets|stun grenades|batons?)\b[^.]{0,80}"
          r"\b(?:protest\w*|demonstrat\w*|march\w*|crowds?|rally|gathering|supporters|sit-in)\b|\b(?:protest\w*|demonstrat\w*|march\w*|rally)\b"
          r"[^.]{0,80}\b(?:tear ?gas|water cannons?|rubber bullets|dispersed|broke up|were arrested|detained)\b", True),
    _rule("Government regains territory", r"\b(?:recaptur\w+|retook|retaken|retakes?|regain(?:ed|s)? control|"
          r"liberat(?:ed|es|ion of)|back under (?:government|army) control)\b", False),
    _rule("Government regains territory", r"\b(?:entered|moved into|took over|retook|secured) (?:the )?(?:\w+ ){0,2}"
          r"(?:town|city|village|district|base)\b[^.]{0,60}\b(?:without (?:a fight|resistance)|after (?:the )?"
          r"(?:\w+ )?(?:withdr[ae]w|retreat|pulled out|fled))", False),
    _rule("Non-state actor overtakes territory", r"\b(?:seized control|took control|taken control|seized the town|"
          r"captured the (?:town|city|village|district|base)|overran|fell to|seiz(?:ed|es) (?:the )?(?:town|city|"
          r"village|district|base|capital)|take control of|took over the)\b", True),
    _rule("Armed clash", r"\bclash(?:es|ed|ing)? (?:between|with)\b|\barmed clash\w*|\bfirefights?\b|\bgun ?battles?\b|"
          r"\bskirmish(?:es)?\b|\bexchanges? of fire\b|\bexchanged (?:heavy )?fire\b|\btraded fire\b|\bambush\w*|"
          r"\bstorm(?:ed|ing) (?:\w+ ){0,3}(?:positions?|base|posts?|checkpoints?|outposts?|trenches|lines)\b|"
          r"\battack(?:ed|s)? (?:on )?(?:an? |the )?(?:\w+ ){0,2}(?:positions?|base|military post|checkpoint|outpost|"
          r"convoy|patrol|barracks|garrison|trenches)\b|\brepel(?:led|s)?\b|\bcounter-?attacks?\b|"
          r"\bcounter-?offensive\b|\bheavy fighting\b|\bfierce fighting\b|\bfighting (?:between|with|in|near|around|"
          r"erupted|broke out)\b|\bengaged in combat\b|"
          r"\bassault(?:ed)? (?:on )?(?:\w+ ){0,3}positions\b|\bclashes\b|"
          r"\bcombats? (?:against|with)\b|\bencounters? (?:with|between) (?:the )?(?:security|police|"
          r"government|army|troops|militants|maoists|rebels|insurgents)|\b(?:offered|put up|showed) (?:armed )?"
          r"resistance\b|\bgun ?fights?\b", True),  # (translated press: "engaged combats against the 3R")
    # The idiom of front-line reports: "inflicted fire damage on", "tried to break through",
    # "stopped the advance of", "forced Russian troops to withdraw".
    _rule("Armed clash", r"\binflicted (?:\w+ ){0,3}(?:fire damage|defeat|losses|casualties) on\b|"
          r"\b(?:tried|attempted|failed|attempts?|attempting) to (?:break through|make a breakthrough|storm|"
          r"advance)\b|\b(?:stopped|halted|repulsed) (?:the|an|their) (?:advance|assault|offensive|attack)\b|"
          r"\bforced (?:\w+ ){1,3}to (?:withdraw|retreat|pull back)\b|\bfired at\b|\bdefeated\b|\bliquidated\b|"
          r"\bsuffered (?:\w+ ){0,2}losses\b|\b(?:knocked|ousted|drove|driven|pushed) (?:out )?(?:the )?(?:enemy|\w+ "
          r"(?:troops|forces|units)) (?:out )?(?:from|of)\b|\bleft (?:its|their) positions\b", False),
    _rule("Armed clash", r"\b(?:clash(?:ed)?|fighting(?! (?:units?|forces?|force|men|spirit|season|chance|"
          r"capacity|capabilit\w+|abilit\w+|strength|fit|words|vehicles?|positions?|age))|fought|battles?|battled|"
          r"offensive(?! (?:weapons?|capabilit\w+|posture|operations? (?:will|would|could)))|assault|"
          r"attack(?:ed|s)?(?! (?:helicopters?|aircraft|submarines?|jets?|dogs?|ads?|lines?|surface|vectors?|"
          r"rate|mode|alert|on (?:the |our |their |its |his |her )?(?:government|opposition|president|minister|policy|plan|bill|"
          r"budget|decision|handling|record|media|press|critics|living standards|rights|wages|pensions|jobs|"
          r"democracy|freedoms?|values)))|stormed|opened fire|fired (?:up)?on|(?:came|come|comes|coming) under (?:\w+ )?(?:fire|attack)|killed|kills?|killing|shot(?! down)|dead|died|wounded|injured|"
          r"neutrali[sz]ed|destroyed|eliminated|advanced|pushed back|attacking|captured|"
          r"(?:took|taken|take) (?:[\w-]+ ){0,4}(?:prisoners?|captives?)|combat(?! (?:alert|readiness|"
          r"duty|training|aircraft|vehicles?|boots|uniforms?)))\b", False),
    _rule("Attack", r"\bmassacre[ds]?\b|\bassassinat\w+|\bmachine-?gunned\b", True),
    _rule("Attack", r"\bexecut(?:ed|ion|ions)\b|\bshot dead\b|\bgunned down\b|\bopened fire on\b|"
          r"\bstabbed\b|\bhacked to death\b|\b(?:beat|beaten|stoned|clubbed|bludgeoned|burned|burnt|tortured|"
          r"hacked)\s+(?:[\w-]+\s+){0,4}?to death\b|\bbeheaded\b|\blynched\b|\bburn(?:ed|t) alive\b|\bassassinat\w+|"
          r"\bmurder(?:ed|s)?\b|\bkilling spree\b|\bmachete\w*|\bhacked\b|\braid(?:ed)? (?:on )?(?:a |the )?"
          r"(?:village|town|camp|homes?|houses?|market|farm|settlement|mosque|church|school|hospital)s?\b", False),
    _rule("Mob violence", r"\bmobs?\b|\blynch\w*|\bvigilantes?\b", False),
    # Party supporters fighting each other: "hundreds of supporters ... confronted each other".
    _rule("Mob violence", r"\b(?:supporters|activists|cadres|partisans|youths|villagers)\b[^.]{0,100}?"
          r"\b(?:confronted|clashed with|attacked|fought) (?:each other|one another)\b", True),
    # "residents beat and burned to death three men they accused of ...": a crowd's killing.
    _rule("Mob violence", r"\b(?:crowds?|residents|youths|villagers|locals|angry (?:men|youths|residents))\b"
          r"[^.]{0,200}?\b(?:beat|stoned|burned|burnt|lynched|hacked|clubbed)\b[^.]{0,30}?\bto death\b", True),
    # ("riot police", "anti-riot squads" are police, not a riot.)
    _rule("Violent demonstration", r"(?<!anti-)\briot(?:s|ing|ers|ed)?\b(?! (?:police|gear|squads?|control|shields?|"
          r"units?|officers?|troops|act|charges?|vans?|trucks?))|\bviolent (?:protests?|demonstrations?)\b|"
          r"\b(?:protesters|demonstrators|rioters|youths|crowds?)\b[^.]{0,40}\b(?:torched|set fire|burn(?:ed|t)|"
          r"threw stones|hurled stones|(?:threw|hurled) (?:petrol bombs|molotov cocktails|firebombs|rocks|bottles)|"
          r"pelted|stormed|looted|ransacked|vandali[sz]ed)\b", True),
    _rule("Peaceful protest", r"\bprotest(?:s|ed|ers|ors|ing)?\b(?! (?:note|notes|letter))|\bdemonstrat(?:ion|ions|ors|ed|ing)\b|"
          r"\brall(?:y|ies|ied) (?:against|to (?:protest|demand|denounce|condemn))\b|"
          r"\bmarch(?:ed|es|ers)\b|\bmarching\b|\bsit-ins?\b|\btook to the streets\b|\bwent on strike\b|\bpicket\w*",
          False),
    _rule("Looting/property destruction", r"\bloot(?:ed|ing|ers)?\b|\btorched\b|\bset (?:fire|alight) to\b|\bset \w+ "
          r"(?:\w+ )?(?:alight|on fire|ablaze)\b|\bburn(?:ed|t) down\b|\bransacked\b|\bvandali[sz]ed\b|"
          r"\bdestroyed (?:homes|houses|villages|property|shops|crops)\b|\barson\b", False),
    _rule("Arrests", r"\barrest(?:ed|s)?\b|\bdetain(?:ed|s)?\b|\brounded up\b|\btaken into custody\b|\bapprehended\b", False),
    _rule("Disrupted weapons use", r"\bdefus(?:ed|ing)\b|\bshot down\b|\bintercepted\b|\bdowned\b|"
          r"\bair defen[cs]es? (?:destroyed|shot|intercepted|repelled|downed)\b|\bweapons? caches?\b|"
          r"\barms caches?\b|\bbomb disposal\b|\bneutrali[sz]ed (?:a |an )?(?:bomb|explosive|device|ied)\b", False),
    _rule("Agreement", r"\b(?:signed|agreed|reached|struck|sealed) (?:a |an )?(?:\w+ )?(?:ceasefire|truce|peace (?:deal|"
          r"agreement|accord)|agreement|deal)\b|\bprisoner (?:exchange|swap)s? (?:took place|was carried out|completed)\b|"
          r"\b(?:exchanged|swapped) (?:\d+ |\w+ )?(?:prisoners|detainees|bodies|pows)\b", False),
    _rule("Headquarters or base established", r"\b(?:set up|established|opened|built) (?:a |an )?(?:new )?"
          r"(?:military |forward )?(?:base|headquarters|outpost)\b", False),
    _rule("Non-violent transfer of territory", r"\bhanded (?:it |them )?over\b|\bhandover\b|\bhand(?:ed)? over control\b|"
          r"\bwithdr(?:ew|awn|aw) (?:from|its forces from)\b|\bmoved into the (?:camp|base)\b", False),
)

# Triggers kept as lexicon rules (data/lexicon/*.toml, kind "trigger"), with the sub-event
# type each names and whether it counts without an armed actor or weapon beside it.
LEXICON_TRIGGERS: tuple[tuple[str, str, bool], ...] = (
    ("trigger.rounds-fired", "Shelling/artillery/missile attack", False),
    ("trigger.struck-times", "Shelling/artillery/missile attack", False),
    ("trigger.losses-amounted", "Armed clash", False),
    ("trigger.troops-lost", "Armed clash", True),
    ("trigger.in-action", "Armed clash", True),
    ("trigger.headline-shells", "Shelling/artillery/missile attack", False),
    ("trigger.casualties-in-conflict", "Armed clash", False),
)

# Every rule's matches in one pass over the word starts (see prefixes.py).
RULE_SCANNER = PatternScanner.build(tuple(rule.pattern for rule in RULES))
