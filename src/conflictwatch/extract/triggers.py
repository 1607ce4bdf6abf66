"""Find event triggers and throw out the ones that do not report a new event.

A trigger does not count when its sentence is about something else:

* not violence: sport, films and games, markets, accidents and disasters,
  disease, court cases, exercises and parades, visits, talks, anniversaries;
* not an event: a threat, a forecast, a plan, a denial, a hypothetical, a hoax,
  a general statement ("regularly shelled", "fighting continues"), history
  ("in 1944"), a running total ("since the war began").

A weak trigger ("killed", "explosion", "attack") also needs an armed actor or a
weapon in the same sentence.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from ..annotations import Annotated, Trigger
from ..explain import TriggerNote
from ..intervals import PointIndex, SpanIndex
from ..lexicon import default_lexicon
from .typology import LEXICON_TRIGGERS, RULE_SCANNER, RULES, TriggerRule

_NOT_VIOLENCE = re.compile(
    r"\b(?:football|soccer|basketball|cricket|rugby|tennis|golf|hockey|baseball|boxing|match(?:es)?|"
    r"premier league|champions league|championship|tournament|world cup|olympics?|striker|"
    r"goalkeeper|midfielder|penalty|referee|head coach|innings|wicket|scored|playoffs?|fixture|"
    r"quarter-?final|semi-?final|final whistle|half-?time|(?:first|second) half|equali[sz]er|"
    r"stoppage time|extra time|kick-?off|box office|box-office|film|movie|sequel|television (?:drama|series)|"
    r"drama series|premiered|fictional|screenplay|flew overhead|fly-?past|contaminat\w+|(?:best|good|great) shot|"
    r"fact[- ]check\w*|does not show|misleading|fabricated|doctored|old footage|debunk\w*|crossbar|goalpost|"
    r"woodwork|free kick|corner kick|"
    r"(?:straight|consecutive) (?:games|matches|defeats|wins)|relegation|got killed on|"
    r"trailer|episode|season finale|tv show|novel|album|video ?game|gamers?|shares (?:fell|rose|"
    r"plunged|slumped|were|jumped)|stocks|investors|market(?:s)? (?:fell|plunged|crashed|rallied|surged)|"
    r"nasdaq|dow jones|ftse|killed off|killed it|bombed at|bombed in cinemas|shot (?:a |an )?\d+|"
    # (A victim may be "a WWII veteran": commemorations speak of veterans, or of the war.)
    r"birdie|bogey|anniversary|commemorat\w+|memorial|wreaths?|remembrance|veterans|veteran of|"
    r"centenary|centennial|\d+ years (?:ago|since)|decades ago|(?:world war|wwii|ww2)(?! veteran)|cold war|"
    r"exercises?|drills?|manoeuvres|maneuvers|war games|parade|rehearsal|simulat\w+|decommission\w*|"
    r"training (?:exercise|mission|course)|hoax|false alarm|bomb threats?|suspicious package|"
    r"all[- ]clear|evacuated as a precaution|found nothing|nothing suspicious|court (?:sentenced|convicted|ruled|heard)|on trial|"
    r"sentenced|convicted|jailed|verdict|acquitted|pleaded|lawsuit|indicted|"
    r"obituary|died peacefully|passed away|purchased|bought|deals? worth|arms sales?|"
    r"(?:life|prison|jail|maximum|death|suspended) sentences?|"
    r"shipments? of|were sold|(?:were|was) acquired|heart attacks?|cardiac arrest|in (?:tight )?formation|"
    r"roared overhead|convictions|found guilty|upheld the|during training|"
    r"practice (?:grenades?|rounds?|bombs?|shells?))\b"
)
# Where violence can happen, not what makes it a game: "gunmen opened fire during a football
# match" is an attack. These words veto a sentence only when no armed doer acts in it.
_VENUE_WORDS = frozenset(["football", "soccer", "basketball", "cricket", "rugby", "hockey", "baseball", "match",
                          "matches", "tournament", "championship", "world cup", "film", "movie"])
_ARMED_DOER_ACTS = re.compile(
    r"\b(?:gunmen|militants|insurgents|jihadists|bandits|attackers|assailants|terrorists|armed men|"
    r"fighters|rebels)\s+(?:[\w-]+\s+){0,2}?(?:opened fire|stormed|attacked|shot|killed|detonated|hurled|"
    r"threw|abducted|kidnapped|raided|set off)\b|"
    r"\b(?:bomb|explosive device|explosive|grenade|ied|car bomb)\s+(?:[\w-]+\s+){0,2}?(?:exploded|went off|"
    r"detonated|ripped through)\b|\bsuicide bomber\b")
# ... but a film or a book about an attack tells no new one.
# ("about 30 people" and "police told AFP" report an act; "a film about" and "tells how" tell one.)
_DEPICTION = re.compile(r"\b(?:(?:film|movie|series|drama|play|novel|book|story|show|episode)s?\s+about|"
                        r"(?:is|was)\s+about|depict\w*|(?:tells?|told)\s+(?:the\s+story|of|how)|recount\w*|"
                        r"portray\w*|story of|based on|documentary|dramati[sz]\w*)\b")
# Subjects that make a weak trigger ("killed", "fighting") figurative or beside the point.
_SOFT_NOT_VIOLENCE = re.compile(
    r"\b(?:visit(?:ed|s|ing)?|toured|inspected|talks|negotiat\w+|summit|mediat\w+|peace process|"
    r"budget|procurement|arms deal|to buy|purchase|billion|contract|deal worth|trial|jury|court (?:heard|"
    r"ruled|hearing|case)|league|season|coach|players?|gameplay|multiplayer)\b"
)
_DISASTER = re.compile(
    r"\b(?:accident\w*|crash(?:ed|es)?|collid\w+|collision|derail\w*|capsiz\w+|sank|drown\w*|plunge[ds]|"
    r"plunging|gorge|veered off|chemicals?|manufacturing unit|"
    r"earthquakes?|quakes?|tremors?|floods?|flooding|flash floods?|landslides?|mudslides?|storms?|"
    r"hurricanes?|cyclones?|typhoons?|tornado\w*|blaze|wildfires?|bushfires?|fire broke out|caught fire|"
    r"gas (?:leak|explosion|cylinder|tanker)|leak(?:ing|ed|s)?|cylinders?|refill\w*|boiler|short circuit|"
    r"electrocut\w*|heatwave|epidemic|"
    r"outbreak|cholera|disease|virus|infections?|illness|stampede|avalanche|volcan\w+|lightning|"
    r"poisoning|overdose|mine collapse|collapsed|rescue (?:teams|workers) (?:searched|pulled)|"
    r"pile-?up|brakes?|skidded|overturn(?:ed|s|ing)?|fell into|ravine|lost control|wreckage|torrents?|swept away|"
    r"washed away|downpours?|heavy rains?|rainfall|fireworks?|firecrackers?|"
    # industrial blasts: "fuel tanker explosion", "blast at a textile mill", "mine explosion"
    r"(?:(?:fuel|oil|petrol|gasoline|diesel|gas)[- ])?tanker(?: truck)? (?:explosion|blast|fire)s?|"
    r"(?:explosion|blast|fire)s? (?:of|involving) an? (?:[\w-]+ )?tanker|transformers?|"
    # (a "mine explosion" alone is a landmine's: only a coal or gold mine is a pit)
    r"(?:factory|plant|mill|refinery|warehouse|(?:coal|gold|copper|platinum|salt|tin) mine|methane|"
    r"firedamp) (?:explosion|blast)s?|"
    r"(?:explosion|blast)s? (?:at|in|ripped through|tore through) (?:an? |the )?(?:[\w-]+ ){0,2}"
    r"(?:factory|plant|mill|refinery|warehouse|workshop|(?:coal|gold|copper|platinum|salt|tin) mine))\b"
)
_NOT_EVENT = re.compile(
    r"\b(?:threaten\w*|warn(?:ed|s|ing)?|vow(?:ed|s)?|pledg\w+|promis\w+|plans? to|planning|"
    r"intends? to|intention|would|could(?! not)|will|shall|might(?! have)|must(?! have)|should|expect(?:s|ed)?|"
    r"forecast\w*|predict\w*|likely to|fears? (?:of|that)|feared (?:that|a)|risk of|prepar\w+ (?:for|to|a|an|the|its|their)|"
    r"ready to|to plan|to plot|plotting|if|unless|"
    r"no (?:evidence|signs?|indications?|suggestion|proof) (?:of|that)|used (?:in|for)|"
    r"for use in|denied|denies|deny|rejected (?:claims|reports|allegations)|dismissed (?:claims|"
    r"reports)|did not|didn't|never|no (?:attack|strike|clash|fighting|shelling|bombing)|"
    r"regularly|routinely|frequently|repeatedly|often|daily|continues|continuing|continued to|continue to|"
    r"ongoing|remains? fluid|has been (?:under|hit)|have been (?:under|hit)|since (?:the (?:(?:end|start|"
    r"beginning|outbreak) of the )?(?:\d{4} )?(?:war|conflict|invasion)|\d{4}|it began)|years? of|months of|"
    r"throughout|so far this year|"
    r"historically|used to|in the past|aimed at|in order to|(?:to|would|could) (?:deter|prevent|avoid)|"
    r"deterr\w+|such as)\b"
    # "easy for them to kill": an infinitive names no act, unless it was tried ("attempts to attack").
    r"|\bno\s+$"  # "there is no liberated territory", "no killings"
    # (The look-behinds come after "to" so they are only tried where "to" is.)
    r"|\bto(?<!\battempts to)(?<!\battempt to)(?<!\battempted to)(?<!\battempting to)(?<!\btried to)"
    r"(?<!\btrying to)(?<!\btry to)(?<!\bsought to)(?<!\bfailed to)(?<!\bmanaged to)"
    # ... but "subjected to shelling", "due to the attacks": there "to" is a preposition.
    r"(?<!\bsubjected to)(?<!\bexposed to)(?<!\bdue to)(?<!\bowing to)(?<!\bresponse to)(?<!\bprior to)"
    r"(?<!\bthanks to)(?<!\bcontrary to)\s+$"
)
_CONFLICT_CUE = re.compile(
    r"\b(?:gun(?:s|fire|men|man|shots?)?|shot|shooting|rifles?|weapons?|bullets?|machetes?|bombs?|"
    r"explosives?|ieds?|grenades?|rockets?|missiles?|drones?|artillery|mortars?|shells?|shelling|"
    r"tanks?|snipers?|militants?|insurgents?|rebels?|jihadists?|terrorists?|guerrillas?|militia\w*|armed|"
    r"soldiers?|troops?|army|military|forces|paramilitar\w+|fighters?|combatants?|ambush\w*|raid\w*|"
    r"offensive|front ?line|frontline|combat|war|warplanes?|airstrikes?|air strikes?|battalion|"
    r"brigade|regiment|checkpoint|positions|assault|invaders|occupiers|separatists?|subversives?|"
    r"extremists?|bandits?|gangs?|cartel|insurgency|hostilities|siege|besieged|enemy|"
    r"hitm[ae]n|sicarios?|traffickers|extraditables|death squads?|kidnappers|urban commandos?|assassins?|"
    r"bodies|corpses|howitzers?|artillerym[ae]n|gunners|paratroopers?|marines|servicem[ae]n|defenders|"
    r"aggression|saboteurs?|shellings|"
    r"security forces|police|gendarmes?|shelled|bombed|struck|strike|strikes|clash\w*)\b"
)
# Killing a judge, a candidate or a journalist is political violence, not a common crime.
_POLITICAL_VICTIM = re.compile(
    r"\b(?:judges?|justices?|magistrates?|mayors?|candidates?|politicians?|journalists?|priests?|jesuits?|"
    r"union leaders?|labor leaders?|activists?|councilm[ae]n|senators?|congressm[ae]n|deputies|governors?|"
    r"diplomats?|ambassadors?|presidential|ministers?|officials?|leaders?)\b(?!\s+(?:said|says|told|stated|"
    r"added|warned|announced|reported))")
_INTENT_KILLING = re.compile(r"murder|assassinat|massacre|execut")
_DEADLY = re.compile(r"\b(?:kill(?:s|ed|ing)?|dead|died|deaths?|casualties|wound(?:s|ed|ing)?|"
                     r"injur(?:es|ed|ing|y|ies))\b")
_ATTACK_WORDS = re.compile(r"murder|assassinat|kill|shot|gunned|execut|slain|massacre")
_SPEECH_DATE = re.compile(r"\b(?:(?:said|says|told|reported|announced|added|claimed|confirmed|stated)|"
                          # "claimed responsibility on Saturday for the bombing": when it was claimed
                          r"(?:claimed|claims|denied|denies|admitted) responsibility)\s+"
                          r"(?:late |early )?(?:on )?$")
_NEEDS_PROTEST_CONTEXT = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers|rall(?:y|ies)|took to the streets|sit-in|"
    r"gathered|crowds?|(?:hundreds|thousands|dozens) of (?:people|residents|students|workers|women|mothers|"
    r"relatives|supporters|farmers|families)|peacefully|"
    r"demonstrations? (?:in|against|over|outside)|protests? (?:in|against|over|outside|erupted|broke out|"
    r"spread|continued)|chanting|placards|banners|strikers)\b"
)
# "Expressed our strong protest": a government's objection, not a street protest.
_DIPLOMATIC_PROTEST = re.compile(
    r"\b(?:express\w*|lodg\w+|fil\w+|register\w*|deliver\w*|sen[dt]\w*|issu\w+)\s+(?:a |an |our |its |their |his |her )?"
    r"(?:(?:strong|formal|official|diplomatic|vigorous|energetic|firm|surprise and)\s+)*$|"
    r"\b(?:formal|official|diplomatic|strong|energetic)\s+$")
_POLITICAL_ARREST = re.compile(
    r"\b(?:militants?|insurgents?|terrorists?|rebels?|jihadists?|extremists?|fighters?|separatists?|"
    r"collaborators?|saboteurs?|spies|protesters|demonstrators|activists?|opposition|journalists?|"
    r"members of (?:the |an? )?(?:armed|rebel|terrorist|militant|guerrilla|insurgent|extremist|jihadist|"
    r"separatist|outlawed|banned|opposition|paramilitary)|suspects?|suspected (?:members|militants|rebels|jihadists|"
    r"insurgents|terrorists)|dissidents?|blasphemy|leaflets|critics?|party|secretary-general|union leaders?|"
    r"opposing the|organi[sz]ers?|instigating|conscription|sweeps?|draft dodgers|deserters)\b"
)
_DISRUPTED_GENERAL = re.compile(r"\bacross (?:the country|ukraine|russia|several regions)\b|\bnationwide\b|"
                                r"\bother drones\b")


# "rejects the terrorist attacks committed against our soldiers": a statement on acts.
_CONDEMNED = re.compile(r"\b(?:condemn|reject|denounc|deplor|repudiat)\w*\s+(?:the\s+|these\s+|all\s+)?"
                        r"(?:[\w-]+\s+){0,2}$")
# Plural triggers about past or other events: "last month's attacks", "such strikes".
_OTHER_EVENTS = re.compile(
    r"\b(?:(?:last|past|previous) (?:week|month|year|weekend)['’]s|recent|previous|past|earlier|such|"
    r"similar|those|these|future|further|more|any|frequent|repeated|regular|daily|nightly|"
    r"several|many|multiple|numerous)\s+(?:\w+\s+)?$"
)
# An act dated this week, within the clause: "since gunmen attacked the village on Sunday" is news.
_THIS_WEEK_AFTER_PATTERN = (r"[^.;]{0,80}?\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                            r"yesterday|last night|overnight)\b")
# Running totals told in the present perfect: "fighting has forced 400,000 from their homes this year".
_GENERAL_SENTENCE = re.compile(
    r"\b(?:has|have)\s+(?:been\s+)?(?:\w+ed|driven|forced|killed|left|claimed|displaced|uprooted|"
    r"made|taken|cost)\b.*\b(?:this year|so far|to date|since(?! (?:the )?(?:beginning|start) of the day|"
    r" (?:this )?morning| midnight| dawn|" + _THIS_WEEK_AFTER_PATTERN + r")|in recent (?:weeks|months|years))\b|"
    r"\b(?:this year|so far|to date|in recent (?:weeks|months|years))\b.*\b(?:has|have)\s+(?:been\s+)?"
    r"(?:\w+ed|driven|forced|killed|left|claimed|displaced)\b|"
    r"\b(?:erupted|began|started|broke out|escalated|intensified|flared)\b[^.]{0,40}\b(?:this|last|earlier this) "
    r"(?:month|year|week|spring|summer|autumn|winter)\b|\bsince (?:early |late )?(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december|last year|\d{4})\b|"
    r"\b(?:last|this) year\b[^.;]{0,60}\b(?:erupted|began|started|broke out|escalated|intensified|flared)\b|"
    # Habits and trends, not incidents: "raids kill hundreds every year", "attacks have continued".
    r"\b(?:every|each) (?:year|month|week)\b|"
    r"\b(?:in|over|during|for) the (?:past|last) (?:few |several |two |three |four |five |\d+ )?(?:years|months|decades)\b|"
    r"\bin recent (?:months|years)\b|"
    r"\b(?:has|have) (?:suffered|endured|seen|witnessed|faced|been (?:the )?scene of) (?:[\w-]+ ){0,3}"
    r"(?:killings|strikes|attacks|raids|abductions|kidnappings|violence|displacement|clashes|fighting|shelling)\b|"
    r"\b(?:attacks|violence|fighting|killings|clashes|raids|abductions|kidnappings|strikes)\b[^.;]{0,80}"
    r"\b(?:have|has) (?:continued|persisted|increased|intensified|escalated|risen|grown|surged|spread|multiplied|"
    r"doubled|tripled|soared|declined|fallen|dropped)\b|\b(?:has|have) (?:stepped|ramped) up\b|"
    r"\b(?:has|have) been (?:conducting|carrying out|waging|pursuing)\b|"
    r"\baccus(?:es|ed|ing) [\w' -]{1,40}? of (?:sheltering|harbou?ring|backing|supporting|arming|funding|sponsoring)\b|"
    # Accusations of a record, and quarrels: "rights groups have accused the army of abuses,
    # including killings", "has clashed with Pakistan over accusations".
    r"\b(?:has|have) (?:long |repeatedly |also )?accused\b|\bfought in (?:the|a|two|both) (?:[\w-]+ )?wars?\b|"
    # "More than 400 people have been killed in Lebanon": a toll in the hundreds, told in the
    # present perfect, is a running total; so is what "has become" a habit.
    r"\b\d{1,3}(?:,\d{3})+\s+(?:\w+\s+){0,2}(?:have|has) been (?:killed|wounded|injured)\b|"
    r"\b\d{3,}\s+(?:\w+\s+){0,2}(?:have|has) been (?:killed|wounded|injured)\b|"
    r"\b(?:kidnappings?|abductions?|violence|attacks|killings|raids|banditry|extortion|shelling)\b[^.;]{0,40}"
    r"\b(?:has|have) become\b|"
    r"\bsince the (?:beginning|start) of (?:the|this) (?:year|month|war|conflict|offensive)\b|"
    r"\b(?:highest|lowest|record|worst) (?:levels?|numbers?|tolls?|figures?)\b|"
    r"\bfor (?:more than |over |nearly |almost )?(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|many) "
    r"(?:years|months|decades)\b|"
    r"\bclash(?:ed|es)? (?:verbally )?with (?:the )?(?:management|employers|board|executives|bosses|colleagues|"
    r"lawmakers)\b|\b(?:heated|angry|stormy) (?:meeting|debate|session|exchange)s?\b|"
    # Tallies and campaigns: "recorded 1,800 cases of ...", "a war on poverty".
    r"\b(?:recorded|documented|registered|verified|reported)\b[^.;]{0,40}\bcases of\b|\bduring the year\b|"
    r"\b(?:wage|waging|waged|fight|fighting|fought|declared?|declaring) (?:an? |the )?(?:[\w-]+ ){0,2}war "
    r"(?:on|against)\b|\bwar on (?:poverty|hunger|drugs|corruption|crime|inflation|poaching|poachers)\b|"
    r"\bclash(?:ed|es)? (?:with [\w' -]{2,40}? )?over (?:accusations|allegations|claims|remarks|comments|"
    r"polic(?:y|ies)|plans|the (?:issue|question|budget|bill|law))\b"
)
# "The attack comes as ...", "the attack was the latest in ...": comment on a known event.
_COMMENTARY_AFTER = re.compile(r"\s+(?:comes?|came) (?:as|amid|after|at a time|days after|weeks after)\b|"
                               r"\s+(?:is|was) the latest\b|\s+(?:is|was) (?:part|one) of (?:a|the) (?:series|wave|string)\b")
# "Artillery fire could be heard in Goma": the sound of fighting elsewhere.
_HEARD_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:could|can|was|were)\s+(?:be\s+|still\s+)?heard\b")
# The drones "attack" the crowd: a word in quotation marks of its own is a figure of speech
# (a name in quotation marks, the "Grad" launcher, is not).
_SCARE_QUOTED = re.compile(r"[\"“'‘][\w -]+[\"”'’]$")
# "Gendarmes shot the bear": an animal is no victim of political violence.
_ANIMAL_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|two|three|four|\d+)\s+)?(?:[\w-]+\s+)?(?:bears?|wolf|wolves|dogs?|elephants?|"
    r"leopards?|lions?|tigers?|crocodiles?|snakes?|hippos?|cattle|cows?|goats?|camels?|animals?)\b")
# "campaigns have bombarded voters with radio adverts": a figure of speech.
_FIGURATIVE_AFTER = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}with\s+(?:[\w-]+\s+){0,2}(?:adverts?|ads|advertisements|messages|questions|calls|"
    r"e-?mails|texts|leaflets|requests|complaints|offers|criticism|praise|propaganda|posts)\b")
# "many found homes looted": what returning people found, not an act told as news.
_FOUND_BEFORE = re.compile(r"\bfound\s+(?:[\w'’-]+\s+){0,2}(?:homes?|houses?|shops?|property|properties|"
                           r"villages?|buildings?|offices?|businesses|crops|schools?|fields)\s+$")
# "since the army regained control": the act marks when a period began.
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){0,4}$")
# ... unless the act is dated this week.
_THIS_WEEK_AFTER = re.compile(_THIS_WEEK_AFTER_PATTERN)
# A life story, not news: "a commander who once led ambushes against army patrols", "he
# survived ambushes".
_LIFE_STORY_BEFORE = re.compile(
    r"\b(?:who|which)\s+(?:once\s+|had\s+|later\s+|previously\s+)?(?:led|commanded|survived|fought|planned|"
    r"organi[sz]ed|directed|masterminded|oversaw|witnessed|covered)\s+(?:[\w'’,-]+\s+){0,8}$|"
    r"\bsurvived\s+(?:[\w'’,-]+\s+){0,3}$")
# "No one else was injured": the casualty word is denied.
_NO_ONE_BEFORE = re.compile(r"\b(?:no one|nobody|none)(?: else)?\s+(?:was|were|had been|has been|got)\s+$")
# "It was not a terrorist attack", "ruled out sabotage": the act is denied.
_DENIED_BEFORE = re.compile(r"\b(?:was|is|were|are) not (?:an?|the) (?:[\w-]+ )?$|"
                            r"\bruled out (?:any |an? )?(?:[\w-]+ )?$")
# "who lost his leg to a landmine as a 12-year-old": an injury of someone's childhood.
_CHILDHOOD_AFTER = re.compile(r"[^.;]{0,60}?\bas an? (?:\d+-year-old|child|boy|girl|teenager|schoolboy|schoolgirl|"
                              r"young (?:man|woman|boy|girl|soldier|conscript))\b")
# "what promoters are billing as a battle": a label for something else.
# "in what it called an attack on its preparations": the speaker's word for a raid.
_LABEL_BEFORE = re.compile(r"\b(?:bill(?:ed|ing|s)|touted|touting|hyped)\s+(?:it\s+)?as\s+(?:[\w'’-]+\s+){0,3}$|"
                           r"\bin what (?:[\w'’-]+\s+){1,3}(?:called|described as|termed|branded)\s+"
                           r"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}$")
# "a \"suicide attack on the salaried class\"": a short phrase in quotation marks that opens
# on the trigger in lower case is somebody's label.
_LABEL_WORD_BEFORE = re.compile(r"\b(?:a|an|as|called|calling|dubbed|branded|so-called)\s*$")
_QUOTED_PHRASE_AFTER = re.compile(r"[\w '’-]{0,40}[\"”]")
# "I fought a war for decades": a life's work, not an act.
_DURATION_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?for (?:decades|years|generations|many years|a decade|weeks|"
                             r"months|weeks on end|months on end|"
                             r"(?:two|three|four|several) decades)\b")
# "helicopters attacked flare-ups": fire fought, not people.
_FIRE_OBJECT_AFTER = re.compile(r"\s+(?:the\s+|new\s+|several\s+)?(?:[\w-]+\s+)?(?:flare-ups?|blazes?|flames|"
                                r"wildfires?|fires|fire ?fronts?)\b")
# "treated for gunshot and machete wounds": the wounds, not the act that caused them.
_WOUNDS_AFTER = re.compile(r"(?:\s+and\s+[\w-]+)?\s+(?:wounds?|injuries|injury|cuts|lacerations)\b"
                           # ... but "attack wounds four": there "wounds" is the verb.
                           r"(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a|an|the|several|"
                           r"dozens|scores|at least|more than|his|her|their|its)\b)")
# "A leopard that had attacked three villagers": an animal's attack.
# (rules veto.animal-before and veto.animal-subject in data/lexicon/animals.toml)
# "fired a ballistic missile into the sea": a test, not a strike.
_INTO_SEA_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,3}?into (?:the )?(?:[\w-]+ )?(?:sea|ocean|waters)\b")
# "insurgents fighting for greater autonomy": what a movement fights for, not a fight.
_CAUSE_AFTER = re.compile(r"\s+for (?:greater |more |full |their |an? )?(?:autonomy|independence|self-rule|"
                          r"self-determination|secession|freedom|separate|independent|homeland|the creation of)\b")
# "talks on a broader agreement to end fighting": the fighting to be ended is no act told.
_END_OF_BEFORE = re.compile(r"\b(?:to end|an end to|ending|end the|end to the|halt(?:ing)? the|to halt|to stop|"
                            r"stop the|stopping the)\s+(?:the\s+)?(?:[\w-]+\s+)?$")
# "the number of children killed ... the report said": a report's statistics.
_STATISTIC_SENTENCE = re.compile(r"^(?=.*\bnumber of\b)(?=.*\b(?:report|reports|survey|study|data|statistics|"
                                 r"annual)\b)")
# "a long-running battle with the government over unpaid allowances": a quarrel.
_FIGURATIVE_FIGHT = re.compile(r"\b(?:long-running|legal|court|political|uphill|bureaucratic|custody|bidding|"
                               r"price|ratings|years-long|public relations|pr) $")
# A statistic, not an act: "the number of children killed", "documented more than 2,000 abductions".
_COUNTED_BEFORE = re.compile(r"\bnumber of\s+(?:[\w'’-]+\s+){0,3}$|"
                             r"\b(?:documented|recorded|verified|registered|tallied)\s+(?:[\w,'’-]+\s+){0,4}$")
# "The wounded were airlifted to hospital", "among the dead": those hit, not the act.
_CASUALTY_NOUN = re.compile(r"the\s+(?:wounded|injured|dead)$")
# "The Battle of Towton, on Palm Sunday 1461": a year before 1900 is history. (Found from
# the number, which the engine can skip to, then the word before it.)
_OLD_YEAR_NUMBER = re.compile(r"\b1[0-8]\d\d\b")
_OLD_YEAR_BEFORE = re.compile(r"\b(?:in|of|on|since|from|until|by|year|spring|summer|autumn|winter|[a-z]+day|"
                              r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|"
                              r"dec\w*)\s+$")


def _old_year(text: str) -> bool:
    """True when ``text`` dates something before 1900 ("on Palm Sunday 1461")."""
    return any(_OLD_YEAR_BEFORE.search(text, max(0, m.start() - 20), m.start())
               for m in _OLD_YEAR_NUMBER.finditer(text))
# "It was like a bomb went off": a likeness.
_SIMILE_BEFORE = re.compile(r"\b(?:like|as if|as though)\s+(?:(?:a|an|the)\s+)?$")
# "a contract to buy 180 tanks and dozens of howitzers": weapons traded, not used.
_TRADE_BEFORE = re.compile(
    # (Not "US-supplied HIMARS", where the word only says whose the weapon was.)
    r"(?<!-)\b(?:buy|bought|buying|purchas\w+|acqui\w+|procur\w+|order(?:ed|ing)?|sell\w*|sold|suppl\w+|"
    r"export\w*|import\w*|contract|deal|manufactur\w+|produc\w+|budget|spending|earmarked|funding|"
    r"test(?:ed|ing|s)?|test-fired|test-launched|unveil\w*|display\w*|showcas\w*|paraded)\b[^.;]{0,80}$")
_WEAPON_WORD = re.compile(
    r"(?:[\w-]+ )*(?:howitzers?|tanks?|drones?|missiles?|rockets?|jets?|warplanes?|artillery|weapons?|arms|"
    r"shells?|ammunition|launchers?|rifles?|guns?|himars|atacms|patriots?|javelins?|stingers?|bayraktars?|"
    r"iskanders?|kalibrs?|tomahawks?|f-16s?|f-35s?)")
# "... said they had heard heavy artillery fire": a sound, told before the act's word.
_HEARD_BEFORE = re.compile(r"\b(?:heard|hear|hearing)\s+(?:[\w-]+\s+){0,3}$")


# What a whole document is about, when it is not political violence. A headline on
# one of these topics, backed by more such words in the text, puts the document out
# of scope, save for strong triggers dated within the last week.
_TOPICS = (
    re.compile(r"\b(?:football|soccer|match|league|tournament|championship|cup|grand slam|final|title|"
               r"coach|striker|goal|scored|fans|stadium|team|players?|wimbledon|olympic|medal|race|lap|"
               r"innings|wickets?|tennis|golf|rugby|cricket|nba|nfl|formula one|champions?|semi-final|"
               r"quarter-final|set \d-\d|victory|defeat|win|won|beat|batting|bowling|bowled|overs|"
               r"one-day international|test match|series|chess|grandmaster|checkmate|rook|bishop|pawn)\b"),
    re.compile(r"\b(?:films?|movies?|box office|box-office|cinemas?|director|played (?:by|with)|performances?|"
               r"screenplay|plot|opens in|actor|actress|sequel|trailer|review|"
               r"game|gameplay|multiplayer|missions?|studio|release[ds]?|episode|season|novel|album|critics|"
               r"stars?|starring|franchise|console|players?|campaign mode|screen|audiences?|streaming|"
               r"copies|video ?games?|gamers?|publisher|plays?|playwright|theatre|theater|stage|staging|"
               r"premiere|cast)\b"),
    re.compile(r"\b(?:anniversary|commemorat\w+|memorial|remembrance|wreaths?|veterans?|years ago|"
               r"centenary|d-day|world war|museum|history|historians?|survivors|ceremony|ceremonies|"
               r"marked|mark(?:ing)? \d+ years|remember\w*|(?:19[0-9]\d))\b"),
    re.compile(r"\b(?:died (?:at|aged|on|in hospital|peacefully)|aged \d+|obituary|is survived by|funeral|"
               r"passed away|born in|career|retired|his life|her life|tributes?|mourned)\b"),
    re.compile(r"\b(?:billion|million|contract|deal|purchase|procurement|order|deliver(?:y|ies)|shares|"
               r"stocks|investors|budget|spending|manufacturer|company|firm|exports?|imports?|signed|buy|"
               r"sale|prices?|market)\b"),
    re.compile(r"\b(?:exercises?|drills?|parade|manoeuvres|maneuvers|war games|rehearsal|ceremony|"
               r"inspected|visit\w*|toured|review(?:ed)? the troops|salute)\b"),
    re.compile(r"\b(?:earthquakes?|quakes?|floods?|flooding|storms?|crash(?:ed)?|accident|blaze|fire|"
               r"collapsed?|outbreak|epidemic|cholera|landslides?|cyclone|hurricane|rescuers|rescue|plunged|"
               r"gorge|ravine|overturned|fireworks|firecrackers|factory|chemicals|wildfires?|bushfires?|"
               r"forest fires?|firefighters?|hectares)\b"),
    # A hunting party's accident: "hunter killed by stray bullet during wild boar hunt".
    re.compile(r"\b(?:hunters?|hunting|hunt|wild boar|deer|game warden|shooting party|firing post|"
               r"stray bullet)\b"),
    # Weapons tests: "fires ballistic missile into sea".
    re.compile(r"\b(?:missile tests?|test-fired|test launch\w*|tested|into (?:the )?sea|splash(?:ed|ing) down|"
               r"exclusive economic zone|hypersonic|icbm|launch(?:ed|es)?)\b"),
    # Justice done later: a verdict, a sentence, a trial (not "court", which gunmen can storm).
    re.compile(r"\b(?:convict(?:s|ed|ions?)?|found guilty|upheld|sentenc(?:e|es|ed|ing)|verdict|acquit(?:s|ted|tal)|trial|"
               r"court-martial|prosecutors?|appeal|testimony|testified|indictment|indicted|jailed|"
               r"prison term|years in prison|life imprisonment|jury|judge|defendant|court heard|self-defen[cs]e|"
               r"minimum term)\b"),
    re.compile(r"\b(?:hoax|bomb threats?|false alarm|anonymous (?:caller|call|threat)|found no (?:explosives|"
               r"bomb|device)|no (?:explosives|bomb|device) (?:was|were) found|nothing suspicious|"
               r"evacuated as a precaution|sniffer dogs)\b"),
    re.compile(r"\b(?:demining|de-mining|deminers?|mine clearance|mine-clearing|clearing mines|unexploded "
               r"(?:\w+ )?(?:ordnance|munitions|shells|bombs)|explosive remnants|explosive items|metal detectors|"
               r"munition remnants|controlled (?:detonation|explosion)|"
               r"mine action|sappers?)\b"),
    # Tallies over a year: "the mission documented 1,283 incidents last year".
    re.compile(r"\b(?:annual (?:report|brief|review)|quarterly (?:report|brief)|(?:report|brief|study|survey) "
               r"(?:published|released|issued)|documented|recorded \d|verified \d|percent increase|"
               r"per ?cent increase|compared with (?:19|20)\d\d|year-on-year|statistics)\b"),
    re.compile(r"\b(?:cyber(?: ?attacks?| ?security)?|hack(?:ers?|ing|ed)|ddos|denial-of-service|malware|"
               r"ransomware|servers?|data breach|online services|websites?|phishing|it systems)\b"),
    # Fact checks: a video "claiming to show a bomb attack" shows none.
    re.compile(r"\b(?:fact[- ]check\w*|misleading|false(?:ly)?|fabricated|doctored|debunk\w*|viral|clip|footage|"
               r"video|shared|social media|captions?|old|recycled|years ago)\b"),
    # Books: a memoir or history recounts battles; reviewing it reports none.
    re.compile(r"\b(?:books?|memoirs?|novels?|authors?|chapters?|publishers?|recounts|biography|"
               r"paperback|hardback|pages|reviewed|readers)\b"),
    # Robbery: a hold-up that ends in a shoot-out with police is crime, not political violence.
    re.compile(r"\b(?:armed robbers?|robbers|robbery|robberies|hold up|held up|holdup|heists?|bank branch|"
               r"vault|getaway car|cash-in-transit|loot(?:ed)? cash|stolen cash|flying squad)\b"),
)


def off_topic(ann: Annotated) -> bool:
    """True when the document is about sport, film, history, business, a parade or a
    disaster rather than political violence (judged from its headline or lead).
    A window that continues a long document has no lead of its own: never off topic."""
    if not ann.sentences or ann.window_start:
        return False
    # The headline and the first sentence of the story.
    lead = ann.sentences[0]
    last = ann.sentences[1] if lead.headline and len(ann.sentences) > 1 else lead
    lead_text = ann.low[lead.start:last.end]
    body = ann.low
    for topic in _TOPICS:
        if topic.search(lead_text) and len({m.group(0) for m in topic.finditer(body)}) >= 3:
            return True
    return False


def _recent(ann: Annotated, sentence: int) -> bool:
    published = ann.document.published
    if published is None or sentence >= len(ann.dates):
        return False
    return any(d.precision == 1 and 0 <= (published - d.date).days <= 7 for d in ann.dates[sentence])


_INTERCEPTED = re.compile(r"\b(?:shot down|intercepted|downed|destroyed|repelled|neutrali[sz]ed|jammed)\b"
                          r"(?:\s+(?:all|some|most|\d+|[a-z]+-?[a-z]*))*\s+(?:of the\s+)?(?:\w+\s+){0,3}$")


def sub_is_remote(sub: str) -> bool:
    """True for air, drone, missile and artillery strikes."""
    return sub in ("Air/drone strike", "Shelling/artillery/missile attack")


class _Span:
    """The start and end of a candidate, read like a match object."""

    __slots__ = ("_s", "_e")

    def __init__(self, start: int, end: int) -> None:
        self._s, self._e = start, end

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


def _clause_before(low: str, sentence_start: int, pos: int) -> str:
    """The part of the sentence's clause before ``pos``."""
    text = low[sentence_start:pos]
    cut = max(text.rfind(";"), text.rfind(" but "), text.rfind(" while "), text.rfind(" as "),
              text.rfind(" because "), text.rfind(" when "), text.rfind(" after "), text.rfind(" since "),
              text.rfind(", who "), text.rfind(", which "), text.rfind(", whose "))
    return text[cut + 1:] if cut >= 0 else text


@functools.cache
def lexicon_rules() -> tuple[TriggerRule, ...]:
    """The triggers kept as lexicon rules (:data:`typology.LEXICON_TRIGGERS`), numbered
    after :data:`typology.RULES` in candidates."""
    lexicon = default_lexicon()
    return tuple(TriggerRule(sub, lexicon.rule(rule_id), strong) for rule_id, sub, strong in LEXICON_TRIGGERS)


def trigger_rule(index: int) -> TriggerRule:
    """The rule of a candidate's index: one of :data:`typology.RULES`, then the lexicon's."""
    return RULES[index] if index < len(RULES) else lexicon_rules()[index - len(RULES)]


def find_candidates(ann: Annotated) -> tuple[tuple[int, int, int], ...]:
    """Every trigger word in the story, before any filtering: (rule index, start, end)."""
    found = scan_rules(ann.low)
    extra = tuple((len(RULES) + k, m.start(), m.end()) for k, rule in enumerate(lexicon_rules())
                  for m in rule.pattern.finditer(ann.low))
    found = found + extra if extra else found
    if ann.dateline is None:
        return found
    # Not inside the dateline ("LIMA, 10 JAN 90 (EFE) --"); the headline above it counts.
    return tuple(c for c in found if not ann.dateline.start <= c[1] < ann.dateline.end)


def scan_rules(low: str, start: int = 0) -> tuple[tuple[int, int, int], ...]:
    """(rule index, start, end) of each rule's matches in ``low[start:]``, as every rule's
    own ``finditer`` would give them (ordered by rule, then position)."""
    return tuple(RULE_SCANNER.scan(low, start))


def detect(ann: Annotated) -> tuple[Trigger, ...]:
    """Triggers of ``ann`` that report new events (see the module docstring)."""
    low = ann.low
    sentences = ann.sentences
    starts = [s.start for s in sentences]
    candidates = ann.candidates if ann.candidates is not None else find_candidates(ann)
    # The casualty words of running totals and threats, each claimant's words by sentence,
    # and where armed actors stand: indexed once, so each candidate costs a look-up.
    told_claims = SpanIndex((c.claim.span.start, c.claim.span.end) for c in ann.claims
                            if c.cumulative or c.hypothetical)
    claimant_spans: dict[int, list[tuple[int, int]]] = {}
    for cs, ce in {(c.claim.claimant_span.start, c.claim.claimant_span.end)
                   for c in ann.claims if c.claim.claimant_span}:
        j = bisect_right(starts, cs) - 1
        if j >= 0 and cs < sentences[j].end:
            claimant_spans.setdefault(j, []).append((cs, ce))
    armed = PointIndex(a.start for a in ann.actors
                       if a.entry.kind in ("state forces", "rebels", "political militia", "identity militia",
                                           "external/other forces") or a.needs_country)
    # A paragraph naming an armed group ("M-19", "the FMLN") puts its killings in the conflict.
    group_paragraphs = set()
    for a in ann.actors:
        if a.entry.kind in ("rebels", "political militia", "identity militia") and not a.entry.generic:
            j = bisect_right(starts, a.start) - 1
            if j >= 0:
                group_paragraphs.add(sentences[j].paragraph)
    year = ann.document.published.year if ann.document.published else None
    out_of_scope = off_topic(ann)
    accident_story = bool(_DISASTER.search(low))
    out: list[Trigger] = []
    verdicts: dict[int, tuple[bool, bool, bool]] = {}
    trace = ann.trace

    def veto(name: str) -> None:  # only called when a trace is asked for
        assert trace is not None
        trace.trigger(TriggerNote(ann.document.text[m_start:m_end], rule.sub_event_type, i + 1, m_start, m_end,
                                  rule.strong, rule_name(r), (name,), "vetoed"))

    for r, m_start, m_end in candidates:
        rule = trigger_rule(r)
        m = _Span(m_start, m_end)
        if True:
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.start() >= sentences[i].end:
                continue
            s = sentences[i]
            if ann.dateline and ann.dateline.start <= m.start() < ann.dateline.end:
                if trace is not None:
                    veto("in the dateline (where and when the report was filed)")
                continue
            if i not in verdicts:
                text = low[s.start:s.end]
                # Talks, visits, courts and the like count in the sentence, but not inside a
                # claimant's title ("according to the peace process ombudsman").
                own = text
                for cs, ce in claimant_spans.get(i, ()):
                    own = own[:cs - s.start] + " " * (ce - cs) + own[ce - s.start:]
                # ... nor talks named as the backdrop ("six killed ahead of peace talks").
                own = default_lexicon().rule("cue.talks-as-setting").sub(lambda m: " " * len(m.group(0)), own)
                # (A comparison with the past, "the deadliest attack since 2023", is no period.)
                general = default_lexicon().rule("cue.comparison-with-past").sub(" ", text)
                verdicts[i] = (bool(_not_violence(text) or _GENERAL_SENTENCE.search(general) or
                                    default_lexicon().rule("veto.digest-title").search(text) or
                                    _old_year(text) or _STATISTIC_SENTENCE.search(text)),
                               bool(_DISASTER.search(text) or _SOFT_NOT_VIOLENCE.search(own)),
                               _historical(text, year) or _background(ann, i))
            not_violence, disaster, historical = verdicts[i]
            if not_violence or historical:
                if trace is not None:
                    veto(_sentence_veto(ann, i, year))
                continue
            if told_claims.covers(m.start()):
                if trace is not None:
                    veto("veto.told-claim (the casualty words of a running total or a threat)")
                continue  # the casualty words of a running total or a threat
            clause = _clause_before(low, s.start, m.start())
            if sub_is_remote(rule.sub_event_type) and _INTERCEPTED.search(clause[-50:]):
                if trace is not None:
                    veto("veto.intercepted (shot down or intercepted: nothing struck)")
                continue  # "air defences shot down 14 attack drones": nothing struck
            if (low[m.end() - 1] == "s" or low.endswith("ing", m.start(), m.end()) or
                    re.search(r"\bany\s+$", clause[-10:])) and _OTHER_EVENTS.search(clause[-40:]):
                if trace is not None:
                    veto("veto.other-events (past, future or repeated acts: \"recent attacks\")")
                continue
            if low[m.end() - 1] == "s" and _CONDEMNED.search(clause[-60:]) and \
                    not (i < len(ann.dates) and ann.dates[i]):
                # "rejects the terrorist attacks committed against our soldiers": a statement on
                # acts told elsewhere (but "condemns the attacks carried out today" tells them).
                if trace is not None:
                    veto("veto.condemned (a statement on acts told elsewhere)")
                continue
            if _told_as_no_act(ann, m.start(), m.end(), s.end, clause):
                if trace is not None:
                    veto(no_act_reason(ann, m.start(), m.end(), s.end, clause) or "veto.told-as-no-act")
                continue
            sub = rule.sub_event_type
            text = low[s.start:s.end]
            if out_of_scope and not ((rule.strong or _ARMED_DOER_ACTS.search(text)) and _recent(ann, i)):
                if trace is not None:
                    veto("veto.off-topic (the story is not about armed conflict, and this is no clear, "
                         "recent act)")
                continue
            support = ""
            if not rule.strong:
                if disaster and sub not in ("Peaceful protest",):
                    if trace is not None:
                        veto("veto.disaster" if _DISASTER.search(text) else "veto.soft-not-violence")
                    continue
                if sub == "Peaceful protest":
                    if not _NEEDS_PROTEST_CONTEXT.search(text) or \
                            _DIPLOMATIC_PROTEST.search(low, max(s.start, m.start() - 50), m.start()):
                        if trace is not None:
                            veto("needs.protest-context (no crowd in the sentence, or a diplomatic protest)")
                        continue
                    support = "needs.protest-context: a crowd in the sentence"
                elif sub == "Arrests":
                    if not _POLITICAL_ARREST.search(text):
                        if trace is not None:
                            veto("needs.political-arrest (no political or armed suspects named)")
                        continue
                    support = "needs.political-arrest: political or armed suspects named"
                elif sub in ("Mob violence",):
                    if not re.search(r"\b(?:beat\w*|attack\w*|lynch\w*|killed|set fire|burn\w*|torched|stoned)\b", text):
                        if trace is not None:
                            veto("needs.mob-act (no beating, burning or killing named)")
                        continue
                    support = "needs.mob-act: a beating, burning or killing named"
                else:
                    armed_here = armed.count(s.start, s.end) > armed.count(
                        max(s.start, m.start()), min(s.end, m.end()))
                    cue = _CONFLICT_CUE.search(text[:m.start() - s.start] + " " + text[m.end() - s.start:]) or (
                        _ATTACK_WORDS.match(low, m.start()) and
                        _POLITICAL_VICTIM.search(low, max(s.start, m.start() - 45), min(s.end, m.end() + 45)))
                    named_group = s.paragraph in group_paragraphs and _INTENT_KILLING.match(low, m.start())
                    # "Nine dead in the south as truce frays": a toll tied to the fighting.
                    cue = cue or default_lexicon().rule("cue.toll-in-conflict").search(text)
                    # "Blast in Balochistan kills four": one explosion said to kill or wound, in a
                    # story with no word of an accident anywhere, is an attack.
                    deadly_blast = sub == "Remote explosive/landmine/IED" and low[m.end() - 1] != "s" and \
                        bool(_DEADLY.search(low, m.end(), min(s.end, m.end() + 80))) and not accident_story
                    if not (armed_here or cue or named_group or deadly_blast):
                        if trace is not None:
                            veto("needs.conflict-cue (a weak trigger with no armed actor or weapon in its "
                                 "sentence)")
                        continue
                    if trace is not None:
                        support = _support(armed_here, cue, bool(named_group), deadly_blast)
                    # The weapon is named beside the trigger ("bomb disposal experts examined the
                    # site" disrupted nothing).
                    if sub == "Disrupted weapons use" and (
                            not re.search(r"\b(?:drones?|missiles?|rockets?|bombs?|ieds?|explosives?|"
                                          r"mines?|weapons?|arms|projectiles?|shells?|devices?)\b",
                                          text[:m.start() - s.start] + " " + text[m.end() - s.start:])
                            or _DISRUPTED_GENERAL.search(text)):
                        if trace is not None:
                            veto("needs.weapon-named (no weapon beside the trigger, or a general statement)")
                        continue
            elif disaster and sub in ("Remote explosive/landmine/IED",) and \
                    not re.search(r"\b(?:bomb|ied|explosive|mine|booby)", low[m.start():m.end()]):
                if trace is not None:
                    veto("veto.disaster (an explosion in an accident story)")
                continue
            if trace is not None:
                trace.trigger(TriggerNote(ann.document.text[m_start:m_end], sub, i + 1, m_start, m_end,
                                          rule.strong, rule_name(r), support=support))
            out.append(Trigger(sub, m.start(), m.end(), rule.strong, i))
    # "Air defence destroyed 14 drones": a word inside an interception's words is the
    # interception's, not a clash of its own.
    caught = [(t.start, t.end) for t in out if t.sub_event_type == "Disrupted weapons use"]
    if caught:
        out = [t for t in out if t.sub_event_type == "Disrupted weapons use" or
               not any(s <= t.start and t.end <= e for s, e in caught)]
    out.sort(key=lambda t: (t.start, -t.end))
    return tuple(out)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "in 1986", "on 17 December 1986", "on December 17, 1986".
_PAST_YEAR = re.compile(rf"\b(?:(?:in|since|of|during|between|from)(?:\s+(?:early|late|mid-?))?|"
                        rf"{_MONTH}\s+(?:\d{{1,2}},?\s+)?|"
                        rf"\d{{1,2}}\s+{_MONTH}\s+)\s*((?:19|20)\d\d)\b")
# Told as background: "officials said at the time", "clashes last year killed dozens".
_BACKGROUND_CUE = re.compile(r"\bat the time\b|\blast year\b|\bearlier this (?:year|month)\b|\bthe previous year\b|"
                             r"\bthat year\b|\byears? ago\b|\bmonths ago\b")
# "among the areas hardest hit by air strikes", "operations in recent weeks, killing dozens": a
# place described or a period summed up, unless a recent day is named.
_DESCRIBED_CUE = re.compile(r"\b(?:worst|hardest|most)[- ](?:hit|affected)\b|\bamong the (?:areas|places|towns|"
                            r"cities|regions|districts|provinces|villages) (?:most )?(?:hit|affected|targeted)\b|"
                            r"\b(?:in|over|during) (?:recent|the (?:past|last)(?: few)?) (?:weeks|months|years)\b")


def _background(ann: Annotated, i: int) -> bool:
    """True when a sentence tells of an earlier month ("In August, a suicide attack ...")
    and names no day of the last fortnight, or carries a background cue."""
    s = ann.sentences[i]
    if _BACKGROUND_CUE.search(ann.low, s.start, s.end):
        return True
    published = ann.document.published
    if published is None or i >= len(ann.dates):
        return False
    dates = ann.dates[i]
    recent = any(d.precision == 1 and (published - d.date).days <= 14 for d in dates)
    if not recent and _DESCRIBED_CUE.search(ann.low, s.start, s.end):
        return True
    earlier_month = any(d.precision == 3 and (d.date.year, d.date.month) < (published.year, published.month)
                        for d in dates)
    return earlier_month and not recent


# The checks read at the same place, each a pattern above, tried in one call: words right
# after the trigger, and the last 40 characters of its clause.
_NO_ACT_AFTER = re.compile("|".join(f"(?:{p.pattern})" for p in (
    _HEARD_AFTER, _COMMENTARY_AFTER, _ANIMAL_AFTER, _FIGURATIVE_AFTER, _CHILDHOOD_AFTER, _DURATION_AFTER,
    _FIRE_OBJECT_AFTER, _WOUNDS_AFTER, _INTO_SEA_AFTER)))
_NO_ACT_BEFORE_40 = re.compile("|".join(f"(?:{p.pattern})" for p in (
    _HEARD_BEFORE, _DENIED_BEFORE, _END_OF_BEFORE)))


def _told_as_no_act(ann: Annotated, start: int, end: int, sentence_end: int, clause: str) -> bool:
    """True when the words around a trigger at ``start:end`` say no act happened there: a
    threat or denial, a sound heard, a likeness, an animal, a figure of speech, a period's
    start, an aftermath, the casualties themselves, a word in quotation marks, or weapons
    traded. ``clause`` is the clause up to the trigger."""
    low = ann.low
    rules = default_lexicon()
    return bool(
        _NOT_EVENT.search(clause[-120:]) or _NOT_EVENT.match(low, end, min(sentence_end, end + 20)) or
        _NO_ACT_AFTER.match(low, end, sentence_end) or _NO_ACT_BEFORE_40.search(clause[-40:]) or
        rules.rule("veto.animal-before").search(clause[-40:]) or
        _SIMILE_BEFORE.search(clause[-25:]) or
        _LIFE_STORY_BEFORE.search(clause[-100:]) or _COUNTED_BEFORE.search(clause[-60:]) or
        _NO_ONE_BEFORE.search(clause[-30:]) or
        (_FIGURATIVE_FIGHT.search(clause[-30:]) and low.startswith(("battle", "fight", "war"), start)) or
        (_SINCE_BEFORE.search(clause[-50:]) and not _THIS_WEEK_AFTER.match(low, end, sentence_end)) or
        _FOUND_BEFORE.search(clause[-60:]) or
        _CASUALTY_NOUN.search(low, max(0, start - 4), end) or
        (_SCARE_QUOTED.match(low, start - 1, end + 1) and ann.view[start].islower()) or
        (_WEAPON_WORD.fullmatch(low, start, end) and _TRADE_BEFORE.search(clause[-100:])) or
        _LABEL_BEFORE.search(low, max(0, start - 60), start) or
        (low[start - 1:start] in ('"', "“") and ann.view[start].islower() and
         _LABEL_WORD_BEFORE.search(low, max(0, start - 13), start - 1) and
         _QUOTED_PHRASE_AFTER.match(low, end, sentence_end)) or
        (low.startswith(("fight", "battl", "war"), start) and _CAUSE_AFTER.match(low, end, sentence_end)) or
        rules.rule("veto.animal-subject").match(clause))


def _not_violence(text: str) -> bool:
    """True when a sentence's words make its violence words figurative or beside the point
    (sport, films, drills, trials, markets): see ``_NOT_VIOLENCE``."""
    if not _NOT_VIOLENCE.search(text):
        return False
    venue_only = all(m.group(0) in _VENUE_WORDS for m in _NOT_VIOLENCE.finditer(text))
    return not (venue_only and _ARMED_DOER_ACTS.search(text) and not _DEPICTION.search(text))


def _historical(text: str, year: int | None) -> bool:
    """True when a sentence is about the past beyond the news (an old war, a year long gone)."""
    if year is None:
        return False
    years = [int(y) for y in _PAST_YEAR.findall(text)] + [int(y) for y in _YEAR_WHEN.findall(text)]
    # The day a report was published or a statement made is no sign of a recent act.
    text = _SAID_ON_DAY.sub(" ", text)
    return bool(years) and max(years) < year and not re.search(
        r"\b(?:on|last|this) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|overnight\b",
        text)


# "such as 2019, when an ELN car bomb ...".
_YEAR_WHEN = re.compile(r"\b((?:19|20)\d\d),? when\b")
_SAID_ON_DAY = re.compile(
    r"\b(?:said|says|published|released|issued|announced|presented|launched|reported)\b(?:\s+[\w-]+){0,4}?"
    r"\s+on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def speech_date(low: str, start: int) -> bool:
    """True when a date at ``start`` belongs to a speech verb ("said on Tuesday"): it is
    when something was said, not when it happened."""
    return bool(_SPEECH_DATE.search(low[max(0, start - 40):start]))


# -- names for the explanation (see conflictwatch.explain) ---------------------------------


def rule_name(index: int) -> str:
    """A readable name for trigger rule ``index``: its sub-event type and its place among
    that type's rules ("trigger.armed-clash.2"); a lexicon trigger, its rule id."""
    if index >= len(RULES):
        return LEXICON_TRIGGERS[index - len(RULES)][0]
    sub = RULES[index].sub_event_type
    k = sum(1 for rule in RULES[:index] if rule.sub_event_type == sub) + 1
    return "trigger." + re.sub(r"[^a-z0-9]+", "-", sub.lower()).strip("-") + f".{k}"


def _support(armed_here: bool, cue: re.Match[str] | bool | None, named_group: bool, deadly_blast: bool) -> str:
    """What let a weak trigger count (the first of the reasons :func:`detect` accepts)."""
    if armed_here:
        return "needs.conflict-cue: an armed actor in the sentence"
    if isinstance(cue, re.Match):
        return f"needs.conflict-cue: \"{cue.group(0)}\" in the sentence"
    if cue:
        return "needs.conflict-cue: a political victim beside the killing word"
    if named_group:
        return "needs.conflict-cue: an armed group named in the paragraph"
    return "needs.conflict-cue: one explosion said to kill or wound, in a story with no accident"


def _sentence_veto(ann: Annotated, i: int, year: int | None) -> str:
    """Which whole-sentence check stopped the triggers of sentence ``i`` (the first, in
    the order :func:`detect` tries them)."""
    s = ann.sentences[i]
    text = ann.low[s.start:s.end]
    if _not_violence(text):
        m = _NOT_VIOLENCE.search(text)
        return f"veto.not-violence (\"{m.group(0) if m else ''}\": sport, films, drills, trials, markets ...)"
    if _GENERAL_SENTENCE.search(text):
        return "veto.general-sentence (a running total, a trend or a habit, not one incident)"
    if _old_year(text):
        return "veto.old-year (the sentence names a year long gone)"
    if _STATISTIC_SENTENCE.search(text):
        return "veto.statistic (a report's figures, not an incident)"
    if _historical(text, year):
        return "veto.historical (dated in a year before the report's)"
    return "veto.background (told as background: an earlier month, \"at the time\", \"last year\")"


def no_act_reason(ann: Annotated, start: int, end: int, sentence_end: int, clause: str) -> str | None:
    """The name of the first check of :func:`_told_as_no_act` that says no act happened
    at ``start:end`` (lexicon rule ids where the check is a lexicon rule), or None.
    It tries the same checks in the same order: the tests hold the two together."""
    low = ann.low
    rules = default_lexicon()
    for name, check in (
        ("veto.not-event-before (a threat, forecast, plan, denial or habit)",
         lambda: _NOT_EVENT.search(clause[-120:])),
        ("veto.not-event-after (a threat, forecast, plan, denial or habit)",
         lambda: _NOT_EVENT.match(low, end, min(sentence_end, end + 20))),
        ("veto.no-act-after (heard, commentary, an animal, a figure of speech, a duration, an aftermath)",
         lambda: _NO_ACT_AFTER.match(low, end, sentence_end)),
        ("veto.no-act-before (heard, denied, the end of)", lambda: _NO_ACT_BEFORE_40.search(clause[-40:])),
        ("veto.animal-before", lambda: rules.rule("veto.animal-before").search(clause[-40:])),
        ("veto.simile (a likeness: \"like a war zone\")", lambda: _SIMILE_BEFORE.search(clause[-25:])),
        ("veto.life-story (a person's past)", lambda: _LIFE_STORY_BEFORE.search(clause[-100:])),
        ("veto.counted (a count of past acts)", lambda: _COUNTED_BEFORE.search(clause[-60:])),
        ("veto.no-one (\"no one was attacked\")", lambda: _NO_ONE_BEFORE.search(clause[-30:])),
        ("veto.figurative-fight (\"the fight against corruption\")",
         lambda: _FIGURATIVE_FIGHT.search(clause[-30:]) and low.startswith(("battle", "fight", "war"), start)),
        ("veto.since (a period's start, not an act)",
         lambda: _SINCE_BEFORE.search(clause[-50:]) and not _THIS_WEEK_AFTER.match(low, end, sentence_end)),
        ("veto.found (damage found afterwards)", lambda: _FOUND_BEFORE.search(clause[-60:])),
        ("veto.casualty-noun (the casualties themselves, not the act)",
         lambda: _CASUALTY_NOUN.search(low, max(0, start - 4), end)),
        ("veto.scare-quoted (a word in quotation marks)",
         lambda: _SCARE_QUOTED.match(low, start - 1, end + 1) and ann.view[start].islower()),
        ("veto.weapons-traded (weapons bought, sold or shipped)",
         lambda: _WEAPON_WORD.fullmatch(low, start, end) and _TRADE_BEFORE.search(clause[-100:])),
        ("veto.label (a name or a label, not an act)", lambda: _LABEL_BEFORE.search(low, max(0, start - 60), start)),
        ("veto.quoted-label (a quoted phrase)",
         lambda: low[start - 1:start] in ('"', "“") and ann.view[start].islower() and
         _LABEL_WORD_BEFORE.search(low, max(0, start - 13), start - 1) and
         _QUOTED_PHRASE_AFTER.match(low, end, sentence_end)),
        ("veto.cause (\"the fight for\", a cause, not a battle)",
         lambda: low.startswith(("fight", "battl", "war"), start) and _CAUSE_AFTER.match(low, end, sentence_end)),
        ("veto.animal-subject", lambda: rules.rule("veto.animal-subject").match(clause)),
    ):
        if check():
            return name
    return None
