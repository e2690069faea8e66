"""Redaction: names, contact details, addresses, dates of birth, schools and reference
numbers become ``[name]``, ``[phone]``, ``[email]``, ``[postcode]``, ``[address]``,
``[date]``, ``[school]`` and ``[reference]`` before a comment is shown anywhere but a
safeguarding alert. National Insurance, NHS, case and other reference numbers and car
registrations are found by :mod:`app.text.references`; schools, colleges, units and
homes not named like a school or street by :mod:`app.text.establishments`.

Names come from shipped lists (``data/names/``) read with capitalisation rules: a listed
name is redacted where it is capitalised ("Sarah said"), and in English also in lower
case ("sarah is nice"); names that are ordinary words or months ("Will", "May", "Rose",
"Mark") only where the context says they are names ("Will said", "my worker Rose",
"Mrs May"); an unlisted capitalised word only after a title or a role ("my IRO Gwen").
"Social Worker", "IRO", days and months are never names. Redaction errs towards hiding.

Beyond single details, :data:`_SINGLING_OUT` catches what points at one child without
naming them: social media handles given in words ("my snap is jess_99"), children's
homes and houses ("Rose Lodge"), landmarks ("the flat above the Spar in Bala"), and a
rare characteristic next to a place ("the only black lad in Pontypridd", "the deaf girl
from Llanelli"), which become ``[handle]``, ``[place]`` and ``[description]``. UK towns
and villages named on their own become ``[place]`` too (:mod:`app.text.places`).
"""

from __future__ import annotations

import re

from app.text.descriptions import redact_descriptions
from app.text.establishments import redact_establishments
from app.text.landmarks import redact_landmarks
from app.text.names import name_lists, redact_names
from app.text.places import redact_places
from app.text.references import redact_references
from app.text.unmarked_names import redact_unmarked_names

MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_WORDS = (
    rf"(?:{_DAY}\s+(?:of\s+)?{MONTHS}(?:,?\s+\d{{2,4}})?|{MONTHS}\s+{_DAY}(?:,?\s+\d{{2,4}})?)"
)
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}(?:[/.-](?:19|20)?\d{2})?"
_STREET_ANY_CASE = r"(?i:road|rd|street|avenue|ave|lane|crescent|terrace|gardens|gdns|mews|drive)"
_STREET_CAPITALISED = (
    r"(?:Close|Way|Court|Ct|Place|Pl|Hill|Rise|View|Parade|Park|Green|Walk|Row|Square|Grove|"
    r"Vale|St|Dr)"
)
_NOT_STREET_NAME = (
    r"(?i:the|a|an|on|in|at|to|of|my|our|and|or|for|from|with|by|hours?|mins?|minutes?|days?|"
    r"weeks?|months?|years?|times?|miles?|more|new|big|long|whole|same|other|really|very)"
)
_NOT_SCHOOL_NAME = (
    r"(?:The|My|Our|Your|His|Her|Their|At|In|To|From|And|I|A|An|Social|Go|Goes|Going|Went|"
    r"Love|Hate|Like|Miss|Secondary|Primary|High|Junior|Infant|Nursery|New|Old|Next|Last)"
)

# Order matters: e-mail addresses before handles, dates before phone numbers.
# Each pattern only runs when the text has what it needs ("@", a digit, a capital).
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{2,}"), "[name]"),
    (
        re.compile(
            rf"(?i:\b(born(?:\s+on|\s+in)?|d\.?o\.?b\.?:?|date\s+of\s+birth(?:\s+is)?:?|"
            rf"birthday(?:\s+is)?(?:\s+on)?)\s+)"
            rf"(?:{_DATE_WORDS}|{_NUMERIC_DATE}|(?:19|20)\d{{2}})\b",
            re.IGNORECASE,
        ),
        r"\1 [date]",
    ),
    (
        re.compile(
            rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|{_DAY}\s+(?:of\s+)?{MONTHS},?"
            rf"\s+(?:19|20)\d{{2}}|{MONTHS}\s+{_DAY},?\s+(?:19|20)\d{{2}})\b",
            re.IGNORECASE,
        ),
        "[date]",
    ),
    (
        re.compile(
            r"(?<![\w+])(?:(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d|\(?0\d)"
            r"(?:[\s.)-]{0,2}\d){8,11}(?!\w)"
        ),
        "[phone]",
    ),
    (
        re.compile(
            r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*(?!\d(?:am|pm)\b)\d[A-Z]{2}\b", re.IGNORECASE
        ),
        "[postcode]",
    ),
    (
        re.compile(
            rf"(?:\b(?:St\.?|Saint)\s+)?(?:(?!{_NOT_SCHOOL_NAME}\b)[A-Z][\w'’-]*\s+){{1,4}}"
            r"(?:(?:C\s?of\s?E|CE|RC|Church\s+of\s+England|Catholic|Community|Junior|Infant|"
            r"Nursery|Primary|Secondary|High|Grammar|Comprehensive)\s+)*"
            r"(?:School|Academy|College|Primary|High|Juniors|Infants)\b"
            r"|\bYsgol(?:\s+(?:Gyfun|Gynradd|Uwchradd|Gymraeg|[A-Z][\w'’-]*)){1,3}"
            r"|(?i:\b(?:szko[łl]\w*|liceum|gimnazjum|școala|scoala|liceul|colegiul)"
            r"(?:\s+[\w'’-]+){0,2}?\s+nr\.?\s*\d+)"
            r"|\b(?:Szkoł\w+|Liceum|Gimnazjum|Școala|Scoala|Liceul|Colegiul)"
            r"(?:\s+[A-ZĄĆĘŁŃÓŚŹŻȘȚĂÂÎ][\w'’-]+){1,3}"
            r"|(?i:\b(?:школ\w*|ліце\w*|гімназі\w*)\s*№\s*\d+)"
        ),
        "[school]",
    ),
    (
        re.compile(
            r"(?:\b(?i:flat|apartment|apt|unit)\s+\d+[A-Za-z]?,?\s+)?\b\d{1,4}[A-Za-z]?,?\s+"
            rf"(?:(?!{_NOT_STREET_NAME}\b)[A-Za-z][\w'’-]*\s+){{1,3}}"
            rf"(?:{_STREET_ANY_CASE}|{_STREET_CAPITALISED})\b\.?"
        ),
        "[address]",
    ),
    (
        re.compile(
            r"\b(?:Heol|Ffordd|Stryd|ul\.|ulica|strada|str\.|вул\.|вулиця)\s+[\w'’-]+"
            r"(?:\s+[\w'’-]+)?(?:\s+\d{1,4}[A-Za-z]?)?"
        ),
        "[address]",
    ),
    (
        re.compile(
            r"(?i:\b(on|in|at|near|off|from|to|live|lives)\s+)"
            r"(?:[A-Z][\w'’-]*\s+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|"
            r"Terrace|Grove|Gardens|Mews)\b"
        ),
        r"\1 [address]",
    ),
)


_PERSON = r"(?:lad|boy|girl|kid|child|one|person|young\s+person|teenager|man|woman|guy)s?"
_TRAIT = (
    r"(?:deaf|blind|disabled|autistic|black|asian|mixed[- ]race|gay|lesbian|bi|trans|"
    r"muslim|jewish|sikh|hindu|polish|romanian|syrian|afghan|kurdish|eritrean|albanian|"
    r"vietnamese|ukrainian|traveller|gypsy|roma|pregnant|adopted|fostered|[a-z]+-speaking|"
    r"wheelchair)"
)
# Who can be one of few ("the only ... pupil"): not "one", "person", "thing" or "family",
# which are everyday ("the only one who listens", "the only family I've got").
_FEW = (
    r"(?:lad|boy|girl|kid|child|children|teenager|pupil|student|dad|mum|mother|father|"
    r"parent|foster\s+child(?:ren)?|care\s+leaver|looked\s+after\s+child|"
    r"wheelchair\s+user|minor|baby|twins|triplets|siblings|brothers|sisters)s?"
)
# A child known by what sets them apart ("the boy who ...", "the twins who ...").
_KNOWN_AS = r"(?:lad|boy|girl|kid|child|baby|family|twins|triplets|siblings|brothers|sisters)"
# A place: capitalised ("in Pontypridd", "at the Willows"); "in my class" is not one.
_PLACE_AFTER = (
    r"(?:\[(?:school|address|postcode|place)\]|(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)
# Where a child is one of few, with what sets them apart: "the only girl in a wheelchair
# at my school", "the only Muslim boy in our year" (see also ``_FEW`` below).
_GROUP = (
    r"(?:school|class|year(?:\s+group)?|form|home|unit|house|placement|team|street|estate|"
    r"village|town|area|group|club|church|mosque|family)"
)
# What follows "my snap is" without being a handle: "my snap is broken".
_NOT_HANDLE = (
    r"(?i:broken|down|private|blocked|hacked|deleted|fun|good|bad|boring|banned|not|off|on|"
    r"the|a|an|my|gone|locked|rubbish|great|ok|okay|fine|better|worse|same|full|new|old|too|"
    r"so|very|really|there|here|just|only|still|always|never|all|public|and|but|where|how)"
)
_PLATFORM = (
    r"(?i:snap(?:chat)?|insta(?:gram)?|tik\s?tok|twitter|facebook|fb|discord|kik|telegram|"
    r"threads|twitch|youtube|bereal)"
)
# Places a name is given on that are not where friends message: a gamer tag, a shop, a
# profile. Only "my roblox name is ...", "on etsy as ..." count here ("Xbox 360" does not).
_ACCOUNTS = (
    rf"(?:{_PLATFORM}|(?i:roblox|xbox|psn|playstation|steam|minecraft|fortnite|etsy|depop|"
    r"vinted|ebay|linkedin|reddit|pinterest|spotify|soundcloud))"
)
# A handle that is plainly one: a digit, underscore or dot in it, or capitals inside it.
_HANDLE_LIKE = r"(?:@?[A-Za-z]*[\d_.][\w.]*|[A-Za-z][a-z]+[A-Z]\w*)"
_PROFILE_SITES = (
    r"(?i:facebook|fb|instagram|tiktok|twitter|x|linkedin|youtube|snapchat|threads|etsy|"
    r"depop|twitch|vinted|soundcloud)"
)
_NOT_HOME_NAME = r"(?:My|Our|Your|His|Her|Their|This|That|The|A|An|At|In|To|From|Big|Old|New)"
# Phrases that point at one child without naming them (see the module docstring).
_SINGLING_OUT: tuple[tuple[re.Pattern[str], str], ...] = (
    # A profile's address: "linkedin.com/in/tasha-morgan", "facebook.com/leanne.jones.5"
    (
        re.compile(rf"\b(?:https?://)?(?:www\.)?{_PROFILE_SITES}\.com/[^\s,;)]+"),
        "[handle]",
    ),
    (
        re.compile(
            rf"\b({_PLATFORM})(\s*(?i:(?:user)?name\s+|handle\s+)?"
            rf"(?:(?i:is|its|it's|it’s|it\s+is|im|i'm|i’m)\s+|[:=-]\s*))"
            rf"@?(?!{_NOT_HANDLE}\b)[A-Za-z0-9_.]{{1,30}}"
        ),
        r"\1\2[handle]",
    ),
    (
        re.compile(rf"\b({_PLATFORM})(\s+(?i:me\s+)?(?i:on\s+|at\s+)?)@?[A-Za-z]*[\d_.][\w.]*"),
        r"\1\2[handle]",
    ),
    # "my roblox name is pinkpanda_2015", "my xbox gamertag is LlamaKing2009"
    (
        re.compile(
            rf"\b({_ACCOUNTS}\s+(?i:(?:user|account|gamer\s?)?name|(?:gamer)?tag|id|handle)"
            rf"\s+(?i:is|its|it's|it’s|=|:)\s+){_HANDLE_LIKE}"
        ),
        r"\1[handle]",
    ),
    # "on etsy as CarysMakesThings", "on discord as gh0stboi_44"
    (
        re.compile(rf"\b({_ACCOUNTS}\s+(?i:as|called|named|under)\s+){_HANDLE_LIKE}"),
        r"\1[handle]",
    ),
    (
        re.compile(
            rf"(?i:\bthe\s+only\s+(?:[\w'’-]+\s+){{0,3}}?{_PERSON}\s+"
            rf"(?:in|at|on|from|round|near)\s+){_PLACE_AFTER}"
        ),
        "[description]",
    ),
    (
        re.compile(
            rf"(?i:\b(?:the|that|this)\s+{_TRAIT}\s+{_PERSON}\s+(?:in|at|on|from|near)\s+)"
            rf"{_PLACE_AFTER}"
        ),
        "[description]",
    ),
    (
        re.compile(
            rf"(?i:\bthe\s+only\s+(?:(?:[\w'’-]+\s+){{0,2}}?{_PERSON}\s+(?:[\w'’-]+\s+){{1,4}}?"
            rf"|(?:[\w'’-]+\s+){{0,2}}?{_TRAIT}\s+{_PERSON}\s+)"
            rf"(?:in|at|on|from|round)\s+(?:my|our|the|this|a)\s+{_GROUP})\b"
        ),
        "[description]",
    ),
    (
        re.compile(
            rf"(?i:\b(?:the|that|this)\s+{_PERSON}\s+(?:with|who\s+has|who\s+is|in)\s+"
            rf"(?:[\w'’-]+\s+){{1,4}}?(?:in|at|on|from|near)\s+){_PLACE_AFTER}"
        ),
        "[description]",
    ),
    # "the only autistic boy in year 6", "one of only two Black pupils", "the only care
    # leaver on the nursing course": a person who is one of few, wherever they are. Only
    # the description goes: a school or place after it is redacted on its own.
    (
        re.compile(
            rf"(?i:\b(?:the|one\s+of(?:\s+the)?)\s+only\s+(?:(?:two|three|few)\s+)?"
            rf"(?:[\w'’-]+\s+){{0,3}}?{_FEW}\b)"
        ),
        "[description]",
    ),
    # "the boy who set fire to the bins", "the lad whose mum was on the news", "the little
    # girl with Down's syndrome", "the girl from the children's home", "the twins who moved
    # from Syria": a child known by what sets them apart ("the boy with me" is not).
    (
        re.compile(
            rf"(?i:\bthe\s+(?:(?:little|young|older|eldest|youngest|two|three|{_TRAIT}|care)"
            rf"\s+){{0,3}}{_KNOWN_AS}\s+"
            rf"(?:who(?!\s+(?:is|are|was)\s+(?:nice|kind|lovely|great|good|fine)\b)|whose|"
            rf"from\s+the|with(?!\s+(?:me|us|him|her|them|my|our|his|their)\b)))\b"
        ),
        "[description]",
    ),
    (
        re.compile(
            rf"\b(?!{_NOT_HOME_NAME}\b)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}\s+"
            r"(?:Children'?s\s+Home|Childrens\s+Home|Care\s+Home|House|Lodge|Cottage|Hall)\b"
        ),
        "[place]",
    ),
    (
        re.compile(
            r"(?i:\b(?:above|below|behind|next\s+to|opposite|round\s+the\s+back\s+of)\s+the\s+)"
            r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s+(?i:in|on)\s+[A-Z][\w'’-]*)?"
        ),
        "[place]",
    ),
    (re.compile(r"(?<![\w+])7\d{3}\s?\d{6}(?!\w)"), "[phone]"),
)

_DIGIT = re.compile(r"\d")
_SCHOOL_HINTS = (
    "school",
    "academy",
    "college",
    "primary",
    "high",
    "junior",
    "infant",
    "ysgol",
    "szkoł",
    "szkol",
    "liceum",
    "gimnazjum",
    "școala",
    "scoala",
    "liceul",
    "colegiul",
    "школ",
    "ліце",
    "гімназ",
)
_FOREIGN_STREET_HINTS = ("heol", "ffordd", "stryd", "ul.", "ulica", "strada", "str.", "вул")
_STREET_HINTS = (
    "road",
    "street",
    "avenue",
    "lane",
    "close",
    "drive",
    "crescent",
    "terrace",
    "grove",
    "gardens",
    "mews",
)
# What each of _PATTERNS needs before it is worth running: most comments have no "@", no
# digit and no school or street word, and skip the expensive expressions altogether.
_NEEDS: tuple[str | tuple[str, ...], ...] = (
    ("@",),
    ("@",),
    "digit",
    "digit",
    "digit",
    "digit",
    _SCHOOL_HINTS,
    "digit",
    _FOREIGN_STREET_HINTS,
    _STREET_HINTS,
)


def _worth_running(need: str | tuple[str, ...], lowered: str, has_digit: bool) -> bool:
    if need == "digit":
        return has_digit
    return any(hint in lowered for hint in need)


def redact(text: str, language: str | None = None) -> str:
    """``text`` with personal details replaced by placeholders such as ``[name]``.

    ``language`` (if known) lets lower-case English names be found without mistaking
    words of other languages for them.
    """
    if not text:
        return text
    lowered, has_digit = text.casefold(), bool(_DIGIT.search(text))
    for (pattern, placeholder), need in zip(_PATTERNS, _NEEDS, strict=True):
        if _worth_running(need, lowered, has_digit):
            text = pattern.sub(placeholder, text)
    text = redact_establishments(text)
    for pattern, placeholder in _SINGLING_OUT:
        text = pattern.sub(placeholder, text)
    text = redact_descriptions(text)
    text = redact_landmarks(text)  # after the landmarks described by position
    if language in (None, "en", "cy"):  # after the capitalised forms, before names
        text = redact_unmarked_names(text, welsh=language == "cy")
    if has_digit:  # after phone numbers in every form, which are longer runs of digits
        text = redact_references(text)
    text = redact_names(text, name_lists(), lowercase=language in (None, "en", "cy"))
    return redact_places(text)
