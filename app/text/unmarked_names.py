"""Names of schools, homes, streets and public places written without capitals, as most
young people type them: "at llanishen leisure centre", "at fairfield high", "st josephs",
"the staff at oak lodge", "left larchwood", "the kebab shop on holton road", "ysgol y
graig", "coleg gwent", "ty gwyn".

Without a capital, a name looks like any other word, so each rule needs two signs: a
word that says where ("at", "from", "near", "outside", "on" for a street) and a word that
says what kind of place follows ("leisure centre", "high", "lodge", "road"), with at
least one word between them that is not an everyday one ("at the local leisure centre",
"in family court", "at my mums house", "on the main road" stay). A one-word home needs
a home's ending ("-wood", "-croft", "-holme") after "at", "from" or "left". Saints'
names after "st" are schools, churches or hospices ("at st josephs", "st peters high").

These rules run on English and Welsh comments after the capitalised forms
(:mod:`app.text.establishments`, :mod:`app.text.landmarks`) and before names and towns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from app.text.language import english_vocabulary
from app.text.stopwords import stopwords


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = r"[^\W\d_][\w'’-]*"
# Words that say where: a name of a place may follow.
_AT = (
    r"(?i:at|from|near|outside|opposite|behind|in|into|attends|attending|attended|"
    r"(?:go|goes|went|going|gone|moved|move|sent|started|back)\s+to)"
)
_AT_HOME = rf"(?:{_AT}|(?i:to|left|leaving|called|named|visit|visiting))"
_ON = r"(?i:on|off|down|up|along|near|at|in|from|to|by|round|opposite|outside)"

# Everyday words that come before a kind of place without naming one: "the local leisure
# centre", "secondary school", "family court", "my mums house", "the main road".
_EVERYDAY = _words(
    """
    local new old big little small nearest closest nearby main same other another every
    each any no some all this that these those whole right wrong good bad better best
    worse nice great decent proper normal usual different last next first second third
    youth sports sport community family leisure health job medical contact resource day
    shopping retail skate trampoline police bus train railway fire city town central
    general play soft water theme car council civic dental walk-in assessment respite
    residential secure mental social early help children's childrens kids baby mother
    parent parents carer carers foster care special boarding grammar comprehensive private
    state catholic welsh english sunday summer forest nursery infant infants junior juniors
    senior middle upper lower independent faith church free pupil referral language
    driving dance drama football music art swimming night holiday primary secondary high
    mainstream home national safari caravan dog petrol service crown magistrates county
    supreme juvenile civil criminal food tennis basketball netball squash plain full
    public open empty safe halfway tree haunted mad frat coffee guest group friend friends
    mate mates boyfriend girlfriend partner mum mam dad nan gran grandma grandad nanny aunt
    auntie aunty uncle cousin sister brother sis bro neighbour neighbours ex teacher
    sibling birth real step half wendy bouncy dolls doll's pig fish dairy wind solar
    animal petting funny ski hunting botanical ring back busy quiet memory fast slow dirt
    country dead end long short wide narrow dark scary dodgy posh rough bigger smaller
    newer older nicer worst whose someone someone's everyone's their our my your his her
    its a an the what which tidy messy clean dirty lovely cosy cozy own shared supported
    semi semi-independent temporary emergency short-term long-term bail approved hmo b&b
    industrial trading business housing
    mother's father's chip kebab chicken pizza corner bookies staff virtual breaks mummy
    mummys daddy daddys nanny nannys grandmas grandads near outside opposite behind round
    along up down off stop move moving moved hospital crack trap drug drugs cannabis weed
    women's womens domestic violence homeless psychiatric psych adolescent eating disorder
    burns maternity gp pub because cos coz cuz since when while until unless than though
    """
)
_PLACE_KINDS = (
    r"leisure\s+centre|community\s+centre|shopping\s+centre|sports\s+centre|family\s+centre|"
    r"youth\s+centre|health\s+centre|medical\s+centre|station|park|chapel|church|masjid|"
    r"mosque|gurdwara|temple|hospice|hospital|infirmary|surgery|library|stadium"
)
_SCHOOL_KINDS = (
    r"school|primary|secondary|juniors|infants|nursery|academy|college|comprehensive|"
    r"high(?=\s*(?:$|[.,;:!?)]|\s(?:and|but|is|was|has|have|had|are|were|cos|because|now|"
    r"today|every|since|for|until|where|with|in|on|at|school|they|he|she|i|we|so)\b))"
)
_HOME_KINDS = (
    r"house|lodge|court|view|farm|grange|manor|mews|gardens|cottage|children'?s\s+home|"
    r"care\s+home|hostel|unit|refuge"
)
_STREET_KINDS = r"road|street|lane|avenue|crescent|terrace|drive"

# One-word names of homes: "at ryecroft", "left larchwood", "at fairholme".
_HOME_ENDING = (
    r"(?:wood|woods|croft|holme|field|fields|grove|dale|mead|brook|hurst|leigh|dene|garth|"
    r"wold|lodge|bank)"
)
_NOT_A_HOME = _words(
    """
    hollywood bollywood firewood driftwood plywood deadwood softwood hardwood
    midfield afield minefield battlefield outfield infield airfield
    foodbank riverbank sandbank
    """
)
# Homes named after trees, with "the": "at the beeches", "the Willows".
_TREES = (
    r"beeches|elms|willows|oaks|pines|firs|birches|laurels|cedars|poplars|hollies|larches|"
    r"maples|rowans|sycamores|chestnuts|hawthorns|limes|alders|yews|hazels|ashes|brambles|"
    r"acorns|ashgrove|orchards|paddocks|gables|spinney|coppice|sanctuary|haven|heath|wallich"
)
# Welsh words that start names of schools, colleges and houses; lower case is taken only
# before a word that is not everyday Welsh ("yn yr ysgol heddiw" stays).
_WELSH_EVERYDAY = _words(
    """
    yn a ac i o ar am at gyda heb ond neu achos felly wedi ddim hefyd yma yna nawr heddiw
    eto bob drwy trwy fi ni chi nhw ti fe fo hi ei eu fy dy ein eich ydy yw oedd mae bydd
    newydd fawr fach leol dda ddrwg arbennig ddydd breswyl sul haf honno hon hwn hyn
    is was and or but the my our today now so too very ok good bad this that with for to
    in on at of
    """
)
_WELSH_KINDS = r"gynradd|uwchradd|feithrin|gymraeg|babanod|iau"
_WELSH_HOUSE_WORDS = (
    r"gwyn|wen|mawr|fawr|bach|fach|coch|goch|newydd|hen|glas|las|du|ddu|melyn|felen|isaf|"
    r"uchaf|canol|hir|cerrig|derw|nant|pen|bryn|coed|gwydr|ffynnon|hyfryd|llwyd|tawel|"
    r"croeso|glyn|hapus|awel|deg|teg|celyn|onnen|eithin|môr|mor"
)


_NOT_A_NAME_START = _words(
    "my his her our their your a an this that these those every each some any no another "
    "someone's whose"
)


# Words of position end a name's run: "the bridge near college" names no college.
_POSITIONS = _words("near outside opposite behind round along up down off past by")


def _everyday(word: str) -> bool:
    common = stopwords("en")
    return any(
        form in _EVERYDAY or form in common
        for form in (word, word.removesuffix("'s"), word.removesuffix("s"))
    )


def _all_everyday(words: str) -> bool:
    """Whether a run of words cannot be a name: everyday words only ("local new", "mums"),
    a run with a little word in it ("learn to", "after"), or one that starts by saying
    whose or which ("my", "a", "every")."""
    found = re.findall(r"[\w'’&-]+", words.casefold().replace("’", "'"))
    common = stopwords("en")
    return (
        not found
        or found[0] in _NOT_A_NAME_START
        or any(w.endswith("'s") for w in found)  # "the social worker's view"
        or any(w in common or w in _POSITIONS for w in found)
        or all(map(_everyday, found))
    )


def _phrase(kinds: str, before: str, most: int) -> re.Pattern[str]:
    """``before`` [the] name-words ``kinds``: the name words in group 2."""
    return re.compile(
        rf"\b({before}\s+(?:(?i:the)\s+)?)((?:{_WORD}\s+){{1,{most}}})((?i:{kinds}))\b"
    )


_FACILITY = _phrase(_PLACE_KINDS, _AT, 3)
_SCHOOL = _phrase(_SCHOOL_KINDS, _AT, 3)
_HOME = _phrase(_HOME_KINDS, _AT_HOME, 2)
_STREET = _phrase(_STREET_KINDS, _ON, 2)
# A housing estate: "on the caia park estate", "from the hendre estate" (not "the council
# estate", "an estate agent").
_ESTATE = re.compile(
    rf"\b({_ON}\s+(?:(?i:the)\s+)?)((?:{_WORD}\s+){{1,3}})((?i:estate))\b(?!\s+agents?\b)"
)
# Where someone lives, named by a word that is no English word: "we live on the gurnos",
# "my flat in llanrumney", "grew up in pentrebane".
_HOME_PLACE = re.compile(
    r"\b((?i:live|lives|lived|living|grew\s+up|moved|move|moving|stay|stays|stayed|staying|"
    r"flat|house|home|placement|lodgings|hostel|room|estate|area)\s+(?i:in|on|to|from)"
    rf"\s+(?:(?i:the)\s+)?)({_WORD})(\s+{_WORD})?\b"
)
_SAINT = re.compile(
    rf"\b((?:{_AT_HOME}|(?i:of|by|to))\s+)(?i:st|st\.|saint|bishop|cardinal|archbishop|pope)\s+([a-z][a-z'’-]*?(?:'s|’s|s)?)"
    r"(\s+(?i:high|primary|juniors|infants|church|hospice|hospital|rc|ce|school|academy|"
    r"college|catholic))?\b"
)
_SAINT_SCHOOL = re.compile(
    r"\b(?i:st|st\.|saint)\s+([a-z][a-z'’-]*(?:'s|’s|s)?)\s+(?i:high|primary|juniors|infants|"
    r"rc|ce|school|academy|college|catholic)\b"
)
# A prison or young offenders' institution, a university, a royal hospital, and a name
# given after "called": "hmp styal", "the university of south wales", "at the royal
# gwent", "a hostel called the sanctuary".
_PRISON = re.compile(rf"\b(?i:hmp|hmyoi|hmp\s*/\s*yoi|hm\s+prison)\s+{_WORD}")
_UNIVERSITY = re.compile(
    rf"\b(?i:university|uni)\s+of\s+(?:(?i:the)\s+)?((?:{_WORD})(?:\s+{_WORD}){{0,2}})"
)
_ROYAL = re.compile(rf"\b({_AT}\s+(?i:the)\s+)(?i:royal)\s+({_WORD})")
_CALLED = re.compile(
    rf"\b((?i:(a|an|the|my|our|his|her|their)\s+)?(?i:school|home|hostel|unit|college|"
    rf"nursery|placement|house|flat|flats|project|centre|church|mosque|club)\s+"
    rf"(?i:called|named)\s+)((?:(?i:the)\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})"
)
_ADJECTIVE = re.compile(r"(?i:ic|ous|ful|ive|able|ible|ing|ed|less|ish|ist|y)$")
# A school or home named after saying whose it is: "my school is Fitzalan", "his old
# home was Bryn Awel", "our college is Coleg Sir Gar".
_WHOSE_IS = re.compile(
    r"\b((?i:my|our|his|her|their)\s+(?:(?i:old|new|last|first)\s+)?"
    r"(?i:(school|college|nursery|primary|secondary|uni|academy)|home|unit|hostel|placement)"
    r"\s+(?i:is|was|are|were)\s+(?:(?i:called|at)\s+)?)"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
_ONE_WORD_HOME = re.compile(rf"\b({_AT_HOME}\s+)([a-z]{{3,}}{_HOME_ENDING})\b")
_TREE_HOME = re.compile(
    r"\b((?i:at|from|to|left|leaving|called|named|visit|visiting|lived\s+in|live\s+in|"
    rf"living\s+in|moved\s+into)\s+)((?i:the)\s+(?i:{_TREES}))\b(?!\s+(?i:of|and)\b)"
)
_WELSH_SCHOOL = re.compile(
    rf"\b(?i:ysgol|coleg)\s+(?:(?i:{_WELSH_KINDS})\s+)?(?:(?i:y|yr|bro)\s+)?({_WORD})"
    rf"(?:\s+({_WORD}))?"
)
_WELSH_HOUSE = re.compile(
    rf"\b(?i:t[yŷ]|gw[eê]l\s+y|llys|plas|hafod|min\s+y)\s+(?i:{_WELSH_HOUSE_WORDS}|{_WORD}(?=\s+(?i:house|hostel|home)))\b"
)


def _name_phrase(placeholder: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        if _all_everyday(match.group(2)):
            return match.group(0)
        # "high" is a school only after a name no dictionary has ("fairfield high"), not
        # "back from the pub high", "into school high on weed"
        name_words = match.group(2).split()
        if match.group(3).casefold() == "high" and not any(map(_unknown, name_words)):
            return match.group(0)
        return match.group(1) + placeholder

    return replace


def _saint(match: re.Match[str]) -> str:
    name = match.group(2).casefold().rstrip("s").rstrip("'’")
    if name in _EVERYDAY or name in stopwords("en") or len(name) < 3:
        return match.group(0)
    return match.group(1) + "[school]"


def _one_word_home(match: re.Match[str]) -> str:
    if match.group(2).casefold() in _NOT_A_HOME:
        return match.group(0)
    return match.group(1) + "[place]"


def _welsh_school(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    if first.casefold() in _WELSH_EVERYDAY:
        return match.group(0)
    if second is not None and second.casefold() in _WELSH_EVERYDAY:  # "ysgol y graig yn"
        return "[school]" + match.group(0)[match.end(1) - match.start(0) :]
    return "[school]"


def _named(match: re.Match[str], group: int, placeholder: str) -> str:
    """The match with the leading run of not-everyday words of ``group`` replaced."""
    words = match.group(group).split()
    taken = 0
    for word in words:
        if word.casefold() == "the" and taken == 0:
            taken += 1
            continue
        if _all_everyday(word):
            break
        taken += 1
    if taken == 0 or (taken == 1 and words[0].casefold() == "the"):
        return match.group(0)
    kept = " ".join(words[taken:])
    head = match.group(0)[: match.start(group) - match.start(0)]
    return head + placeholder + (" " + kept if kept else "")


def _called(match: re.Match[str]) -> str:
    """ "a hostel called the anchor" names it; "the school called safeguarding" may be
    the school phoning someone: then only a capitalised or unknown name counts."""
    if match.group(2) is None or match.group(2).casefold() not in ("a", "an"):
        words = match.group(3).split()
        first = words[1] if words[0].casefold() == "the" and len(words) > 1 else words[0]
        if not (first[:1].isupper() or _unknown(first)) or first.casefold() in _NOT_PLACES:
            return match.group(0)
    return _named(match, 3, "[place]")


def _university(match: re.Match[str]) -> str:
    named = _named(match, 1, "[school]")
    return named if named == match.group(0) else "[school]" + named.split("[school]", 1)[1]


def _royal(match: re.Match[str]) -> str:
    return match.group(0) if _all_everyday(match.group(2)) else match.group(1) + "[place]"


# Words after "live in" that are not places though no dictionary has them.
_NOT_PLACES = _words(
    """
    fortnite roblox minecraft tiktok snapchat snap instagram insta whatsapp youtube netflix
    xbox playstation spotify facebook discord twitch pokemon primark tesco asda lidl aldi
    greggs mcdonalds maccies foster care supported semi hmo uni skool
    tigrinya amharic kurdish kurmanji sorani pashto dari farsi urdu punjabi bengali sylheti
    somali tigre oromo lingala albanian lithuanian latvian slovak romani makaton bsl
    camhs cafcass kooth childline nspcc barnardos yoruba igbo ramadan eid diwali resi
    squalor safeguarding mash lado paramedics
    """
)


# A capitalised name after "in", "from" or "near" that no dictionary or gazetteer has:
# a district or village ("in Splott", "from Trevethin").
_CAPITALISED_PLACE = re.compile(
    r"\b((?i:in|from|near|outside|round)\s+)([A-Z][a-z]+(?:-[a-z]+)*)\b"
)


def _capitalised_place(match: re.Match[str]) -> str:
    return match.group(1) + "[place]" if _unknown(match.group(2)) else match.group(0)


def _unknown(word: str) -> bool:
    """Not a word of any dictionary Sayso has, nor a misspelling of one ("hospitle"): a
    name of somewhere, most likely."""
    folded = word.casefold().replace("’", "'")
    return not (
        len(folded) < 4
        or not word.replace("-", "").isalpha()
        or folded in _NOT_PLACES
        or _everyday(folded)
        or folded in english_vocabulary()
        or folded.removesuffix("s") in english_vocabulary()
        or _misspelt(folded)
    )


def _misspelt(word: str) -> bool:
    """Within two letters' change of an English word, for a word of eight letters or more
    ("hospitle", "apointment"); shorter names are too often one change from a word."""
    if len(word) < 8:
        return False
    return any(_within_two(word, known) for known in _similar_words(word[:2], len(word)))


@lru_cache(maxsize=256)
def _similar_words(start: str, length: int) -> tuple[str, ...]:
    return tuple(
        w for w in english_vocabulary() if w.startswith(start) and abs(len(w) - length) <= 2
    )


def _within_two(a: str, b: str) -> bool:
    """Levenshtein distance of at most two, stopping as soon as it cannot be."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > 2:
            return False
        previous = current
    return previous[-1] <= 2


def _whose_is(match: re.Match[str]) -> str:
    """The name after "my school is" when it is a name: a word no dictionary has, or a
    kind of place at its end ("my school is Fitzalan", "Willow House"; not "my school is
    Good", "Really Good")."""
    words = match.group(3).split()
    kind = re.fullmatch(
        r"(?i:high|primary|academy|college|school|house|lodge|court|view)", words[-1]
    )
    if not kind and not any(_unknown(word) for word in words):
        return match.group(0)
    if len(words) == 1 and _ADJECTIVE.search(words[0]):  # "my school is Homophobic"
        return match.group(0)
    return match.group(1) + ("[school]" if match.group(2) else "[place]")


def _home_place(match: re.Match[str]) -> str:
    if not _unknown(match.group(2)):
        return match.group(0)
    second = match.group(3)
    if second is not None and _unknown(second.strip()):
        return match.group(1) + "[place]"
    return match.group(1) + "[place]" + (second or "")


def redact_unmarked_names(text: str, welsh: bool = False) -> str:
    """``text`` with lower-case names of schools, homes, streets and places replaced.

    ``welsh`` is true for a comment written in Welsh, where "ysgol" and "coleg" start
    everyday sentences: there only the capitalised forms (handled elsewhere) count.
    """
    text = _PRISON.sub("[place]", text)
    text = _UNIVERSITY.sub(_university, text)
    text = _ROYAL.sub(_royal, text)
    text = _CALLED.sub(_called, text)
    text = _SAINT_SCHOOL.sub("[school]", text)
    text = _SAINT.sub(_saint, text)
    if not welsh:  # in Welsh, "ysgol dda" and "tŷ newydd" are a good school, a new house
        text = _WELSH_SCHOOL.sub(_welsh_school, text)
        text = _WELSH_HOUSE.sub("[place]", text)
    text = _SCHOOL.sub(_name_phrase("[school]"), text)
    text = _FACILITY.sub(_name_phrase("[place]"), text)
    text = _HOME.sub(_name_phrase("[place]"), text)
    text = _STREET.sub(_name_phrase("[address]"), text)
    text = _ESTATE.sub(_name_phrase("[place]"), text)
    text = _HOME_PLACE.sub(_home_place, text)
    text = _CAPITALISED_PLACE.sub(_capitalised_place, text)
    text = _WHOSE_IS.sub(_whose_is, text)
    text = _TREE_HOME.sub(r"\1[place]", text)
    return _ONE_WORD_HOME.sub(_one_word_home, text)
