"""Find place mentions in running text.

Mixed-case text: runs of capitalised words ("Khan Younis", "Deir al-Balah",
"Rostov-on-Don") are cut into the longest names the gazetteer knows. Upper-case
wire text: every run of up to four words that does not start or end with a
function word is tried. Cue words around a name say what kind of place it is:
"Kursk region" (a first-level region), "Macomia district" (a district), "near
Sudzha" (in the area of), "the village of Plekhovo" (a settlement).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..intervals import SpanIndex
from ..lexicon import default_lexicon
from ..prescan import GuardedPattern
from ..textutil import finditer_from, lower_keep_length, name_key
from .gazetteer import KIND_ADMIN1, KIND_COUNTRY, KIND_PLACE, PlaceLookup

_ADMIN_AFTER = re.compile(
    r"\s+(?P<cue>people['’]s republic|regions?|oblasts?|provinces?|governorates?|states?|prefectures?|departments?|"
    r"kray|krai|republic|emirate|wilaya|canton|districts?|raion|county|municipality|territory|"
    r"sub-?districts?|communes?|areas?|zones?|jurisdiction|sectors?|neighbou?rhoods?|suburbs?|"
    r"outskirts|camp|refugee camp|city|town|direction|front|axis|sector|obl\.?|"
    r"checkpoints?|junction|crossroads|roundabout|road|highway)(?!\w)",
    re.IGNORECASE,
)
_BEFORE_CUE = re.compile(
    r"(?P<cue>(?:the\s+)?(?:(?:frontline|front-line|border|port|eastern|western|northern|southern|"
    r"central|small|nearby|neighbouring|neighboring|occupied|besieged|embattled|strategic|key|"
    r"coastal|industrial|mining|rural|remote|urban-type)\s+)*(?:town|city|village|settlement|"
    r"hamlet|township|locality|community|port|capital|camp|refugee camp|urban-type settlement)\s+of"
    r"|near(?:by)?|outside|outskirts of|close to|not far from|on the edge of|"
    r"(?:\d+|a few|several)\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+(?:of|outskirts of)|"
    r"in the vicinity of|area of|around|direction of|"
    r"(?:the\s+)?(?:main\s+)?(?:road|highway|route)\s+(?:to|towards?|leading to))\s+$"
)  # matched on lower-cased text: far quicker than ignoring case
# Bodies whose names are also (small) places: "the Red Cross" is no hamlet in Indiana.
_ORGANISATIONS = frozenset({"red cross", "red crescent", "white helmets", "security council", "general assembly",
                            "white house", "human rights watch", "amnesty international", "doctors without borders",
                            "islamic state", "civil defence", "civil defense", "national guard",
                            "european union", "african union"})
# Lower-case words that join one name's parts ("Maguindanao del Sur", "Ciudad de Guatemala").
_NAME_JOINERS = frozenset("del de la las los da do dos das du des di y".split())
_CONNECTORS = frozenset("al el ad as ash an ar at az de del da do dos das la le les du des van von "
                        "bin ibn of upon on sur am an der den di y e i".split())
_STOP_UPPER = frozenset(
    "THE A AN OF IN ON AT TO FROM BY FOR WITH AND OR BUT NOT NO IS ARE WAS WERE BE BEEN HAS HAVE HAD "
    "IT ITS THIS THAT THESE THOSE HE SHE THEY WE YOU I AS INTO OVER UNDER AFTER BEFORE DURING WHO "
    "WHICH WHAT WHEN WHERE WHY HOW ALL ANY SOME MORE MOST OTHER SUCH ONLY OWN SAME SO THAN TOO VERY "
    "CAN WILL JUST SHOULD NOW SAID SAYS ALSO ABOUT AGAINST BETWEEN THROUGH UP DOWN OUT OFF AGAIN "
    "FURTHER THEN ONCE HERE THERE BOTH EACH FEW NOR MR MRS GEN COL TODAY YESTERDAY TEXT".split()
)
# Words that name a faith, a book or a people rather than a place, whatever a gazetteer says.
_NOT_PLACES = frozenset(
    "christian christians muslim muslims jewish jew jews hindu hindus buddhist sikh catholic catholics "
    "protestant orthodox sunni sunnis shia shiite shiites druze alawite alawites yazidi yazidis coptic "
    "copts evangelical islamic islamist koran quran bible torah allah god jesus "
    # Facilities: "Nasser Hospital" is a hospital, not Hospital in County Limerick.
    "hospital hospitals clinic university college school academy airport airbase mosque church "
    "cathedral temple synagogue stadium museum prison jail street avenue boulevard square bridge "
    "station hotel palace embassy consulate ministry parliament "
    # Titles and bodies: "Prime Minister", "EU flags", "UN mission".
    "minister president governor mayor general colonel commander chief secretary ambassador "
    "spokesman spokeswoman eu un nato".split())
_DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central upper lower greater "
    "northeast northwest southeast southwest northeastern northwestern southeastern southwestern".split())
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "monday tuesday wednesday thursday friday saturday sunday one two three four five six seven "
    "eight nine ten eleven twelve twenty thirty forty fifty hundred thousand".split()
)
# Capitalised words after a one-word place name that show it is a person's or an
# organisation's name ("Antony Blinken") rather than the place - unless they are these.
_FOLLOWER_OK = frozenset(
    "region oblast province governorate state district raion county city town village camp "
    "airport station port base governor mayor police hospital border crossing front direction "
    "people's peoples regional military administration council bridge dam plant river valley "
    "mountains strip corridor axis highway road square market university prison refinery "
    "airbase air de del al el la le du des".split()
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in the text.

    Fields: ``start``/``end`` offsets, ``text``, ``key`` (gazetteer key), ``cue``
    (``admin`` for "X region", ``district``, ``near``, ``settlement`` or ``None``),
    ``cue_end`` (end of the cue word when it follows), ``weak`` (the name could be
    an ordinary word: only context may confirm it), ``upper`` (found in text
    written in capitals, where a name could be anybody's), ``locative`` (right
    after "in", "at", "near"...), ``inside`` and ``inside_cue`` (the key and cue of
    the next name when the text says this place lies in it: "Beni, North Kivu",
    "Chai, in Macomia district", "X township of Y region").
    """

    start: int
    end: int
    text: str
    key: str
    cue: str | None = None
    cue_end: int | None = None
    weak: bool = False
    upper: bool = False
    locative: bool = False
    inside: str | None = None
    inside_cue: str | None = None


_COORDINATED_REGIONS = re.compile(
    r"\s+(?:and|or|,)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:regions|oblasts|provinces|"
    r"governorates|states)\b", re.IGNORECASE)
# Weapon systems named like places ("Grad" rockets, a "Caesar" howitzer).
_WEAPON_NAMES = frozenset(
    "grad uragan smerch tornado tochka iskander kalibr kinzhal himars caesar shahed geran lancet "
    "bayraktar javelin stinger storm shadow scalp atacms patriot buk tor pantsir krasnopol msta "
    "gvozdika akatsiya pion hyacinth solntsepyok tos".split())


_TITLE_BEFORE = re.compile(
    r"\b(?:GEN|GENERAL|COL|COLONEL|MAJ|MAJOR|CAPT|CAPTAIN|LT|LIEUTENANT|SGT|SERGEANT|DR|DOCTOR|MR|MRS|MS|MISS|"
    r"FATHER|BISHOP|ARCHBISHOP|MONSIGNOR|MSGR|PRESIDENT|MINISTER|SECRETARY|SENATOR|DEPUTY|JUDGE|JUSTICE|"
    r"AMBASSADOR|COMMANDER|MAYOR|GOVERNOR|DIRECTOR|CHIEF|LEADER|SPOKESMAN|REPORTER|JOURNALIST|ATTORNEY|"
    r"PROSECUTOR|CANDIDATE|COUNSELOR|ADVISER|ADVISOR|OFFICER|LAWYER|PREDECESSOR|SUCCESSOR|KING|QUEEN|PRINCE|"
    r"SHEIKH|SHEIKHA|IMAM|REV|REVEREND|CHANCELLOR|PREMIER|CONGRESSMAN|COMMISSIONER|INSPECTOR)\.?\s+(?:[A-Z][A-Z'’.-]*\s+){0,2}$")
_UPPER_TOKEN = re.compile(r"[A-Z](?:[A-Z'’]|-(?!-))*[A-Z]|[A-Z]")  # "TEGUCIGALPA--OF" is two words
_TITLES = (r"Gen|General|Col|Colonel|Maj|Major|Capt|Captain|Lt|Lieutenant|Sgt|Dr|Doctor|Mr|Mrs|Ms|Father|Bishop|"
           r"Archbishop|Monsignor|Msgr|President|Minister|Secretary|Senator|Judge|Justice|Ambassador|Commander|"
           r"Mayor|Governor|Director|Spokesman|Prosecutor|Counselor|Deputy|Congressman|Candidate|Leader|"
           r"Predecessor|Successor|King|Queen|Prince|Sheikh|Imam|Reverend|Chancellor|Premier|Commissioner")
# Matched on lower-cased text (cheaper than ignoring case).
_TITLED_NAME = re.compile(
    rf"\b(?:{_TITLES.lower()})\.?\s+(?P<name>(?:[\w'’.-]+\s+){{0,2}}[\w'’-]+)\b"
    r"(?!\s+(?:province|region|department|state|district|city))")
_TITLE_WORDS = tuple(_TITLES.lower().split("|"))
# "Antonio Roldan, governor of ...": found from the comma (a literal the engine skips to).
_TITLE_AFTER_COMMA = re.compile(rf",\s+(?:the\s+|a\s+|former\s+)?(?:{_TITLES.lower()})\b")
_NAME_BEFORE_COMMA = re.compile(r"\b(?P<name>[\w'’-]+)(?:\s+[\w'’-]+)?$")
# "the Kofar Nasarawa roundabout", "Damascus Gate", "Kyiv Street": named after a place, elsewhere.
_WAY_AFTER = re.compile(r"\s+(?:roundabout|junction|interchange|flyover|gate|street|road|avenue|highway|"
                        r"boulevard|square|bridge)\b", re.IGNORECASE)
_MEDIA_AFTER = re.compile(r"\s+(?:news agency|news|television|tv|radio|newspaper|daily|broadcaster)\b",
                          re.IGNORECASE)
# A broadcaster or paper named after its town: the media word capitalised ("Kabul TV"), a
# paper's word ("news agency", "daily"), or the article before it ("the Omdurman radio").
# "retakes Omdurman radio and TV HQ" is a place.
_MEDIA_NAME_AFTER = re.compile(r"\s+(?:news agency|newspaper|daily|broadcaster)\b", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _media_name(view: str, start: int, end: int) -> bool:
    """True when the name at ``start:end`` begins a media outlet's name."""
    m = _MEDIA_AFTER.match(view, end)
    if not m:
        return False
    word = m.group(0).strip()
    return bool(word[0].isupper() or _MEDIA_NAME_AFTER.match(view, end) or
                _THE_BEFORE.search(view, max(0, start - 5), start))


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|into|toward|towards|across|through|around|between)\s+"
                       r"(?:the\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|"
                       r"central|northern|southern|eastern|western|downtown|rural)\s+)?$", re.IGNORECASE)


def _cue_after(view: str, end: int) -> tuple[str | None, int | None]:
    m = _ADMIN_AFTER.match(view, end)
    if not m:
        if _COORDINATED_REGIONS.match(view, end):  # "the Kherson and Dnipropetrovsk regions"
            return "admin", None
        return None, None
    word = m.group("cue").lower().rstrip(".")
    word = word.rstrip("s") if word not in ("outskirts", "kray", "krai", "axis", "refugee camp") else word
    if word == "obl":
        word = "oblast"
    if word in ("region", "oblast", "province", "governorate", "state", "prefecture", "department",
                "kray", "krai", "republic", "emirate", "wilaya", "canton", "people's republic",
                "people’s republic"):
        return "admin", m.end()
    if word in ("camp", "refugee camp", "city", "town"):
        return "settlement", m.end()
    if word in ("direction", "front", "axi", "axis", "sector"):
        return "near", m.end()
    if word in ("checkpoint", "junction", "crossroads", "roundabout", "road", "highway"):
        return "near", m.end()  # "the Afgoye checkpoint", "the Gao road": named after a town, near it
    return "district", m.end()


def _cues(view: str, start: int, end: int) -> tuple[str | None, int | None]:
    """The cue a name carries: after it ("Kursk region"), else before it ("near Sudzha")."""
    cue, cue_end = _cue_after(view, end)
    return (cue, cue_end) if cue is not None else (_cue_before(view, start), None)


_ADMIN_OF = re.compile(r"\b(?:state|province|region|department|governorate|oblast|prefecture|county|"
                       r"emirate|canton|wilaya)\s+of\s+$")
_CUE_LAST_WORDS = frozenset({"of", "near", "nearby", "outside", "from", "to", "around"})


def _cue_before(view: str, start: int) -> str | None:
    window = view[max(0, start - 48):start]
    if not window.endswith((" ", "\n", "\t")):
        return None
    last = window.split()[-1:] or [""]
    if last[0].lower() not in _CUE_LAST_WORDS:
        return None  # every cue ends with one of these words; most names have none
    if _ADMIN_OF.search(window.lower()):
        return "admin"  # "the central state of Guanajuato"
    m = _BEFORE_CUE.search(window.lower())
    if not m:
        return None
    cue = m.group("cue").lower()
    if re.search(r"\b(?:town|city|village|settlement|hamlet|township|locality|community|port|"
                 r"capital|camp)\b", cue):
        return "settlement"
    if "area of" in cue or "direction" in cue:
        return "near"
    return "near"


def find_places(view: str, gazetteer: PlaceLookup, upper: bool = False,
                uninformative: tuple[tuple[int, int], ...] = (),
                known: dict[str, str | None] | None = None) -> list[PlaceMention]:
    """Every place mention in ``view``.

    ``upper`` says the text is in capitals; ``uninformative`` lists stretches (a
    title-case headline) where capitals say nothing, so ordinary words need support.
    ``known`` is a memo of names already looked up (name as written -> gazetteer
    key or ``None``), which a caller reading many texts can keep between them.
    """
    if known is None:
        known = {}
    if upper:
        mentions = _find_upper(view, gazetteer, known)
    else:
        mentions = []
        for run in _runs(view):
            mentions.extend(_match_run(view, run, gazetteer, uninformative, known))
    mentions = _mark_inside(view, mentions)
    # "an ethnic Chin policeman", "ethnic Karen villagers": a people, not the place of its name.
    ethnic = default_lexicon().rule("place.ethnic-group")
    mentions = [m for m in mentions if m.cue is not None or not ethnic.search(view, max(0, m.start - 16), m.start)]
    # A name the text gives a person elsewhere ("Dr Mauricio Gutierrez ... Gutierrez said",
    # "Antonio Roldan, governor of Antioquia") is only weakly a place anywhere in it.
    if not mentions:
        return mentions
    low = view.lower()
    people = set()
    named: list[tuple[int, int]] = []  # where titled names stand: no place inside them
    for m in finditer_from(_TITLED_NAME, _TITLE_WORDS, low):
        words, name_end = _name_words(view, m.start("name"), m.end("name"), gazetteer, upper)
        people.update(words)
        if words:
            named.append((m.start("name"), name_end))
    named.extend(_identified_names(view))
    if named:
        inside = SpanIndex(named)
        mentions = [m for m in mentions if not inside.covers(m.start)]
    previous_end = 0
    for m in _TITLE_AFTER_COMMA.finditer(low):
        name = _NAME_BEFORE_COMMA.search(low, max(previous_end, m.start() - 100), m.start())
        if name is not None:
            people.add(name_key(name.group("name")))
            previous_end = m.end()
    if not people:
        return mentions
    return [dataclasses.replace(m, weak=True) if m.key in people and not m.cue else m for m in mentions]


# "identified as Saber Sinjar Al-Fahd and Sami Dilis Al-Aoun": the names that follow are
# people's, whatever towns their words recall.
_IDENTIFIED_AS = GuardedPattern(re.compile(r"\b(?:identified|named|listed|gave (?:his|her|their) names?) as\s+"))
_NAME_GAP = re.compile(r",\s+and\s+|\s+and\s+|,\s+|\s+")
_PERSON_NAME_WORD = re.compile(r"(?:[A-Z][\w'’-]*|al|el|bin|ibn|bint|abu|de|da|del|van|von)(?=[\s,.;:)]|$)")


def _identified_names(view: str) -> list[tuple[int, int]]:
    """Spans of the capitalised names after "identified as" / "named as" (up to the
    first ordinary word, a list of names joined by commas or "and" included)."""
    spans = []
    for m in _IDENTIFIED_AS.finditer(view):
        pos, end = m.end(), m.end()
        while True:
            w = _PERSON_NAME_WORD.match(view, pos)
            if w is None:
                break
            end = w.end()
            gap = _NAME_GAP.match(view, end)
            if gap is None:
                break
            pos = gap.end()
        if end > m.end():
            spans.append((m.end(), end))
    return spans


# Between a place and the wider place it lies in: "Beni, North Kivu", "Chai, in Macomia
# district", "Tabayin Township, Sagaing Region", "a village of Adan Yabaal district in
# Middle Shabelle region".
_AREA_WORD = (r"(?:district|sub-?district|township|town|village|area|city|county|municipality|territory|"
              r"locality|commune|raion|rayon)")
# "the Tierra Blanca neighbourhood of Culiacan", "Kadhimiya, a district of Baghdad": a part of a town.
_PART_OF_TOWN = re.compile(r"\s+(?:neighbou?rhoods?|suburbs?|quarters?|barrios?|colonias?|wards?|"
                           r"(?:a|the)\s+(?:\w+\s+)?(?:neighbou?rhood|suburb|quarter|district))\s+of\s+(?:the\s+)?$|"
                           r",\s+(?:a|the)\s+(?:\w+\s+)?(?:neighbou?rhood|suburb|quarter|district)\s+of\s+(?:the\s+)?$")
_INSIDE_GAP = re.compile(
    # (An unknown word of the name may stand between: "Aden Yabaal district in ...".)
    rf"(?:(?:\s+[A-Z][\w'’-]*){{1,2}}(?=\s+{_AREA_WORD}\b))?(?:\s+{_AREA_WORD})?"
    r"(?:,\s*(?:in\s+)?|\s+(?:of|in)\s+)(?:the\s+)?")


def _mark_inside(view: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Each mention followed by the name of a place it is said to lie in, marked with it."""
    out = list(mentions)
    for i in range(len(out) - 1):
        m, n = out[i], out[i + 1]
        end = m.cue_end if m.cue_end is not None else m.end
        if not n.weak and n.start - m.end <= 40 and _PART_OF_TOWN.fullmatch(lower_keep_length(view[m.end:n.start])):
            out[i] = dataclasses.replace(m, inside=n.key, inside_cue="part-of-town")
        elif m.cue != "admin" and not n.weak and n.start - end <= 40 and _INSIDE_GAP.fullmatch(view, end, n.start):
            out[i] = dataclasses.replace(m, inside=n.key, inside_cue=n.cue)
    return out


def _name_words(view: str, start: int, end: int, gazetteer: PlaceLookup,
                upper: bool) -> tuple[list[str], int]:
    """The words of a name after a title ("Mr. Carlos Pizarro Leongomez"), up to the first
    word that cannot be part of it (an ordinary word, or a lower-case one in mixed case),
    and where the name ends."""
    out = []
    name_end = start
    for m in re.finditer(r"\S+", view[start:end]):
        w = m.group(0)
        key = name_key(w)
        if not key or key in _NAME_STOP or (not upper and not w[:1].isupper()) or \
                (upper and gazetteer.is_common_word(key)):
            break
        out.append(key)
        name_end = start + m.end()
    return out, name_end


_NAME_STOP = frozenset({"of", "in", "for", "the", "and", "at", "on", "to", "from", "said", "says"})
# The Arabic article in its transliterations, before a hyphen: "al-", "el-", and the forms
# assimilated to the next letter ("ad-Dawr", "ash-Shuhada", "ez-Zor", "es-Sweida", "et-Tal").
_ARTICLES = "al|el|ad|adh|as|ash|an|ar|at|ath|az|ed|ul|ud|ez|es|esh|et|eth|er|en|ag"
# Capitals beyond Latin-1 too: "Ḩamāh", "Ḑāli‘" (GeoNames' and scholars' transliterations).
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ"
# Inside a word, the ayn and hamza marks of those transliterations ("Rif‘at", "Ma’rib").
_WORD_CHARS = r"[\w'’‘ʻʼ\-]"
_CAP_WORD = rf"(?:(?:[A-Z]\.){{2,}}|(?:(?<![\w'’‘ʻʼ-])(?:{_ARTICLES})-)?[{_CAPITAL}]{_WORD_CHARS}*)"
_CONNECTOR_WORD = (r"(?:al|el|ad|as|ash|an|ar|at|az|de|del|da|do|dos|das|la|le|les|du|des|van|von|bin|ibn|of|upon|on|"
                   r"sur|am|der|den|di|y|e|i)")
# A run: capitalised words, one space or a hyphen apart, with connectors inside ("Deir al-Balah").
_RUN_REST = rf"(?:(?:[ \t]+|[ \t]*-[ \t]*)(?:{_CONNECTOR_WORD}[ \t]+)*{_CAP_WORD})*"
_RUN = re.compile(rf"{_CAP_WORD}{_RUN_REST}")
# The same runs, found faster: a pattern that opens with a capital letter lets the
# engine skip everything else; a run opened by "al-" is then widened by hand.
_RUN_FROM_CAPITAL = re.compile(rf"[{_CAPITAL}](?:(?<=[A-Z])\.(?:[A-Z]\.)+|{_WORD_CHARS}*){_RUN_REST}")
_ARTICLE_BEFORE = re.compile(rf"(?<![\w'’-])(?:{_ARTICLES})-$")
_RUN_TOKEN = re.compile(rf"(?:[A-Z]\.){{2,}}|{_WORD_CHARS}+")


def _runs(view: str) -> list[list[tuple[int, int]]]:
    """Runs of capitalised tokens (with connectors such as "al" or "de" inside)."""
    out = []
    pos = 0
    while True:
        m = _RUN_FROM_CAPITAL.search(view, pos)
        if m is None:
            break
        start, end = m.start(), m.end()
        article_m = _ARTICLE_BEFORE.search(view, max(0, start - 5), start) if view[start - 1:start] == "-" else None
        if article_m is not None:
            article = start - article_m.start()
            if start - article >= pos:
                # "al-Balah": the run opens with the article; read it as the plain pattern does.
                start -= article
                end = _RUN.match(view, start).end()  # type: ignore[union-attr]
        pos = end
        out.extend(split_at_dashes(view, run_tokens(view, start, end)))
    return out


def split_at_dashes(view: str, run: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """A run cut where a dash stands alone between its tokens: in "shelling of Izyum - VGA"
    the source after the dash is no part of the name."""
    if len(run) > 1 and not any(dash in view[run[0][1]:run[-1][0]] for dash in "-–—"):
        return [run]  # no dash between its tokens: one piece (most runs)
    out: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for token in run:
        if current and _SPACED_DASH.search(view, current[-1][1], token[0]):
            out.append(current)
            current = []
        current.append(token)
    if current:
        out.append(current)
    return out


_SPACED_DASH = re.compile(r"\s[-–—]+\s")


def run_tokens(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """The tokens of a capitalised run, without a possessive "'s" or trailing punctuation."""
    run = []
    for t in _RUN_TOKEN.finditer(view, start, end):
        s, e = t.start(), t.end()
        token = t.group(0)
        if token.endswith(("'s", "’s")):
            e -= 2
        elif token.endswith(("'", "’", "‘", "-", ".")):
            e -= 1
        if e > s:
            run.append((s, e))
    return run


def _match_run(view: str, run: list[tuple[int, int]], gazetteer: PlaceLookup,
               uninformative: tuple[tuple[int, int], ...], known: dict[str, str | None]) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    if run and _opens_quote(view, run[0][0]) and _GROUP_NAME_BEFORE.search(view, max(0, run[0][0] - 60), run[0][0]):
        return found  # the criminal group "La Bandera": a group's name in quotes, not a place
    i = 0
    n = len(run)
    while i < n:
        matched = False
        for length in range(min(5, n - i), 0, -1):
            s, e = run[i][0], run[i + length - 1][1]
            text = view[s:e]
            first_word = view[run[i][0]:run[i][1]]
            if first_word.lower() in _CONNECTORS and first_word[:1].islower():
                continue
            if length > 1 and name_key(text) in _ORGANISATIONS:
                # "the White Helmets", "pro-European Union": no word of a body's name is a place.
                i += length - 1
                break
            key = _memo_key(gazetteer, text, known, two_words=length == 2)
            if not key:
                continue
            words = key.split()
            if key in _ORGANISATIONS:
                continue
            if length == 1 and (words[0] in _MONTHS_DAYS or words[0] in _WEAPON_NAMES or words[0] in _NOT_PLACES):
                continue
            if length == 1 and words[0] in _DIRECTIONS and i + 1 < n:
                continue  # "Northern Samar": the direction qualifies the name after it
            if length == 1 and 0 < i < n - 1 and gazetteer.is_common_word(key):
                continue  # "the Security Media Cell": a common word inside a longer name
            if length == 1 and i > 0 and i == n - 1 and gazetteer.is_common_word(key) and \
                    _unknown_words_before(view, run[:i], gazetteer) and \
                    not any(p.kind == KIND_COUNTRY or p.kind == KIND_PLACE and p.primary and p.population >= 100_000
                            for p in gazetteer.lookup(key)):
                # (Not "MH17 Ukraine": a country or a big town is itself whatever stands before.)
                continue  # "the Emergency Operations Centre": a body's name ends on a common word
            if length == 1 and _DEMONYM_CAPITAL.match(view, e) and view[max(0, s - 4):s].lower() == "the ":
                continue  # "the Somali capital": an adjective of the country, not Ethiopia's region
            if length == 1 and i > 0 and view[run[i - 1][0]:run[i - 1][1]] in _NAME_JOINERS:
                continue  # "Maguindanao del Sur": the end of a longer name
            if _WAY_AFTER.match(view, e) or _media_name(view, s, e):
                continue  # "the Saba news agency" is an agency
            if length == 1 and _RULER_AFTER.match(view, e):
                continue  # "a drone of the Abiy regime": a ruler's name, not Abiy Adi
            at_sentence_start = _sentence_initial(view, s)
            in_uninformative = any(a <= s < b for a, b in uninformative)
            weak = gazetteer.is_common_word(key) and (at_sentence_start or in_uninformative or
                                                      length == 1 and key in _MONTHS_DAYS)
            # "Antony Blinken": a one-word name followed by a capitalised non-place word.
            if length == 1 and i + 1 < n:
                nxt = view[run[i + 1][0]:run[i + 1][1]].lower()
                if nxt not in _FOLLOWER_OK and not gazetteer.has(name_key(nxt)):
                    # ("Adan Yabaal": "Adan" is only another name of Aden, however big Aden is,
                    # and of its governorate, which no one names by one word before another.)
                    places = [p for p in gazetteer.lookup(key) if p.kind != KIND_ADMIN1]
                    if not places or max(p.population for p in places) < 500_000 or \
                            not any(p.primary for p in places):
                        weak = True
            cue, cue_end = _cues(view, s, e)
            locative = _LOCATIVE.search(view, max(0, s - 30), s) is not None
            found.append(PlaceMention(s, e, text, key, cue, cue_end, weak, False, locative))
            i += length
            matched = True
            break
        if not matched:
            i += 1
    return found


_DEMONYM_CAPITAL = re.compile(r"\s+capital\b")
_RULER_AFTER = re.compile(r"\s+regime\b")
_QUOTES = "\"“‘'«"
# A name in quotes right after the word for a group ("the criminal group 'La Bandera'", "a cell
# known as \"Los Zetas\"") is the group's name, whatever place shares it.
_GROUP_NAME_BEFORE = re.compile(
    r"\b(?:group|gang|cartel|cell|faction|organi[sz]ation|militia|band|brigade|battalion|movement|network|"
    rf"clan|front|squad)s?,?\s+(?:(?:called|named|known as|dubbed|calling itself)\s+)?[{_QUOTES}]\s?$",
    re.IGNORECASE)
def _opens_quote(view: str, at: int) -> bool:
    """True when a quotation mark stands right before ``at``, or one space before it (with a
    newline after, where "$" also matches): what :data:`_GROUP_NAME_BEFORE` needs at its end,
    checked before the pattern is searched."""
    j = at - 1 if at > 0 and view[at - 1] == "\n" else at
    if j > 0 and view[j - 1] in _QUOTES:
        return True
    return j > 1 and view[j - 1].isspace() and view[j - 2] in _QUOTES


# Words before a common word that make it a place's name, not a body's ("Lake Chad").
_GEOGRAPHIC_BEFORE = frozenset("lake river mount mountains gulf bay cape island islands port upper lower "
                               "greater new old north south east west northern southern eastern western "
                               "central".split())


def _unknown_words_before(view: str, tokens: list[tuple[int, int]], gazetteer: PlaceLookup) -> bool:
    """True when the capitalised words before a name are no place's name and no part of one."""
    words = [view[a:b] for a, b in tokens[-3:]]
    return all(w[:1].isupper() and name_key(w) not in _GEOGRAPHIC_BEFORE and w.lower() not in _CONNECTORS
               and not gazetteer.has(name_key(w)) for w in words)


def _memo_key(gazetteer: PlaceLookup, text: str, known: dict[str, str | None],
              two_words: bool | None = None) -> str | None:
    """``_known_key`` of the name as written, looked up once: ``known`` keeps the answers.
    In text written in mixed case (``two_words`` given, telling whether the name is two
    words), a name not found is tried with an apostrophe read as a space, and two words
    written joined (:func:`_joined_key`); names in capitals are not."""
    try:
        return known[text]
    except KeyError:
        pass
    key = _known_key(gazetteer, name_key(text))
    if not key and two_words is not None:
        if _APOSTROPHE.search(text):
            # "Aguel'hoc": an apostrophe inside a name may part two words ("Aguel hoc").
            key = _known_key(gazetteer, name_key(_APOSTROPHE.sub(" ", text)))
        if not key and two_words:
            key = _joined_key(gazetteer, text)
    if len(known) >= 100_000:
        known.clear()
    known[text] = key
    return key


def _known_key(gazetteer: PlaceLookup, key: str) -> str | None:
    """``key``, or the first spelling variant the gazetteer knows: the Arabic article
    left out ("Hawija" / "Al Hawijah") or written joined to the noun ("Deir Ezzor" /
    "Deir ez-Zor"), a final "h" ("Hawija" / "Hawijah"), a doubled letter ("Shabelle" /
    "Shabele"), the Ukrainian and Russian forms of a Slavic ending ("Ivanivka" /
    "Ivanovka", "Kharkiv" / "Kharkov")."""
    if not key:
        return None
    if gazetteer.has(key):
        return key
    if len(key) < 6:
        return None
    for variant in _variants(key):
        if gazetteer.has(variant):
            return variant
    return None


def _joined_key(gazetteer: PlaceLookup, text: str) -> str | None:
    """The one-word name that two words written apart spell: "Beled Weyne" / "Beledweyne",
    "Kyauk Taw" / "Kyauktaw" (Somali and Burmese names are often split by syllable). Not
    for a hyphen ("Pétion-Ville" is its own spelling, looked up as such), nor when either
    word is a frequent English word that is also a place's name ("Green Field", "Camp
    Bell"): such a pair is more often a phrase than a name."""
    first, _, second = name_key(text).partition(" ")
    if "-" in text or not second or " " in second or len(first) < 3 or len(second) < 3 or \
            gazetteer.is_common_word(first) or gazetteer.is_common_word(second):
        return None
    return first + second if gazetteer.has(first + second) else None


# Word endings that Ukrainian and Russian (and older English) transliterations spell
# differently, in both directions: (Ukrainian, Russian).
_SLAVIC_ENDINGS = (("ivka", "ovka"), ("ivka", "evka"), ("yivka", "eevka"), ("ivske", "ovskoye"), ("ivske", "ovskoe"),
                   ("ske", "skoye"), ("ske", "skoe"), ("ne", "noye"), ("ne", "noe"), ("iv", "ov"), ("yi", "iy"),
                   ("ytsia", "itsa"), ("ytsya", "itsa"), ("ychi", "ichi"))
_SLAVIC_SWAPS = tuple(swap for ukrainian, russian in _SLAVIC_ENDINGS
                     for swap in ((ukrainian, russian), (russian, ukrainian)))
_ANY_SLAVIC_ENDING = tuple({a for a, _ in _SLAVIC_SWAPS})
# "Ezzor", "Assuwayda", "Arraqqa": the article assimilated to a sun letter and joined.
_DOUBLED = re.compile(r"([a-z])\1")
_JOINED_ARTICLE = re.compile(r"\b[ae]([tdrzsnl])\1(?=[a-z]{2})")


_APOSTROPHE = re.compile(r"(?<=\w)['’‘](?=\w)")


def _variants(key: str) -> list[str]:
    variants = []
    if key.endswith(("a", "e")):
        variants.append(key + "h")
    if key.endswith(("ah", "eh")):
        variants.append(key[:-1])
    variants.extend(["al " + v for v in [key, *variants] if not v.startswith("al ")])
    if _DOUBLED.search(key):
        variants.append(_DOUBLED.sub(r"\1", key))
    if _JOINED_ARTICLE.search(key):
        joined = _JOINED_ARTICLE.sub(r"al \1", key)
        variants.extend([joined, joined + "h" if joined.endswith("a") else joined])
    if key.endswith(_ANY_SLAVIC_ENDING):
        for a, b in _SLAVIC_SWAPS:
            if key.endswith(a) and len(key) - len(a) >= 3:
                variants.append(key[: -len(a)] + b)
    return variants


_INITIAL = re.compile(r"(?:[.!?:\"“]\s+|\n\s*|^\s*|\s[-–—]+\s+)$")


def _sentence_initial(view: str, start: int) -> bool:
    return start == 0 or _INITIAL.search(view[max(0, start - 4):start]) is not None


_ADJACENT_GAP = re.compile(r"[ \t\-]+|[ \t]*\n[ \t]*")


def _find_upper(view: str, gazetteer: PlaceLookup, known: dict[str, str | None]) -> list[PlaceMention]:
    tokens = [(m.start(), m.end() - (2 if m.group(0).endswith(("'S", "’S")) else 0))
              for m in _UPPER_TOKEN.finditer(view)]
    found: list[PlaceMention] = []
    i = 0
    n = len(tokens)
    # Words must be adjacent (a space or hyphen apart), not across punctuation: ``reach[i]``
    # is how many words from word i on are, each to the next (told once per gap).
    reach = [1] * n
    for j in range(n - 2, -1, -1):
        if _ADJACENT_GAP.fullmatch(view, tokens[j][1], tokens[j + 1][0]):
            reach[j] = reach[j + 1] + 1
    while i < n:
        matched = False
        word = view[tokens[i][0]:tokens[i][1]]
        if word in _STOP_UPPER or len(word) < 2:
            i += 1
            continue
        for length in range(min(4, n - i, reach[i]), 0, -1):
            s, e = tokens[i][0], tokens[i + length - 1][1]
            last = view[tokens[i + length - 1][0]:e]
            if last in _STOP_UPPER:
                continue
            key = _memo_key(gazetteer, view[s:e], known)
            if not key:
                continue
            if key in _MONTHS_DAYS or key in _WEAPON_NAMES or key in _NOT_PLACES or key in _ORGANISATIONS or \
                    _TITLE_BEFORE.search(view, max(0, s - 40), s):
                continue  # "GENERAL ENRIQUE RUIZ", "DR GUTIERREZ": people
            if length == 1 and key.endswith("ing"):
                continue  # "IN PUTTING", "IN KEEPING": verbs
            weak = gazetteer.is_common_word(key) or len(key) <= 3
            cue, cue_end = _cues(view, s, e)
            locative = _LOCATIVE.search(view, max(0, s - 30), s) is not None
            found.append(PlaceMention(s, e, view[s:e], key, cue, cue_end, weak, True, locative))
            i += length
            matched = True
            break
        if not matched:
            i += 1
    return found
