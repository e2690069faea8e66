"""Landmarks and named places that are not towns: a branch of a shop ("the big Tesco",
"the Lidl in Treforest", "the bus shelter by Morrisons"), a named park, centre, hospital
or place of worship ("Roath Park", "Canolfan Soar", "the Oak Tree family centre"), a
Welsh-named house, home or street ("Maes y Coed", "Clos yr Onnen"), and a one-word name
of a home after "at" or "from" ("lived at Sunnybank"). Each becomes ``[place]``.

A chain's name alone is not a place ("we got McDonald's after contact", "the new Primark
jeans", "Amazon Prime"): it is one when it names a branch, with "the" and a word that says
where or which ("the Asda on the retail park", "the old Woolworths"), or after a word of
position ("by Morrisons"). A facility word names a place with its capital ("Roath Park")
or after "the" and a capitalised name ("the Oak Tree family centre"); someone's is not
one ("Mum's hospital appointment").
"""

from __future__ import annotations

import re

PLACEHOLDER = "[place]"

# Chains whose names are not everyday words, in any case ("the big tesco"); the others
# ("Boots", "Iceland", "Spar", "Coral") only with their capital.
_CHAINS_ANY_CASE = (
    r"(?i:tesco(?:\s+extra|\s+express|\s+metro)?|asda|morrisons|sainsbury'?s|lidl|aldi|"
    r"greggs|primark|poundland|wilko|woolworths|starbucks|kfc|mcdonald'?s|maccies|"
    r"maccy\s+d'?s|wetherspoons|argos|superdrug|currys|matalan|tk\s?maxx|nando'?s|londis|"
    r"farmfoods|halfords|screwfix|ladbrokes|betfred|ymca|jobcentre(?:\s+plus)?|b\s?&\s?m)"
)
_CHAINS_CAPITAL = (
    r"(?:Co-?op|Spar|Iceland|Boots|Home\s+Bargains|Costa|Subway|Burger\s+King|Spoons|"
    r"Premier\s+Inn|Travelodge|JD|Sports\s+Direct|Pizza\s+Hut|Domino'?s|Nisa|One\s+Stop|"
    r"Pets\s+at\s+Home|William\s+Hill|Coral|Paddy\s+Power|Salvation\s+Army)"
)
_CHAINS = rf"(?:{_CHAINS_ANY_CASE}|{_CHAINS_CAPITAL})"
_WHICH = r"(?i:big|little|small|new|old|main|local|24[\s-]?hour|nearest|massive|closed[\s-]down)"
_WHERE = (
    r"(?i:in|on|by|near|opposite|outside|behind|next\s+to|round\s+the\s+corner\s+from|"
    r"car\s+park|carpark|cafe|café|shop|store|garage)"
)
# What a shop sells or gives, after its name: "the new Primark jeans" is not a place.
_GOODS = (
    r"(?i:jeans|clothes|top|tops|shoes|trainers|coat|meal|meals|deal|deals|bag|bags|app|card|"
    r"voucher|vouchers|sandwich|sandwiches|coffee|delivery|own|brand|sale|advert|uniform)"
)
_POSITION = r"(?i:by|near|opposite|outside|behind|next\s+to|beside|round\s+the\s+back\s+of)"
# Words that start many names of public places but do not name one ("the Youth Centre").
_GENERIC = (
    r"(?:The|A|An|My|Our|Your|Their|His|Her|This|That|Big|Old|New|Local|Main|Youth|"
    r"Community|Family|Leisure|Health|Job|Medical|Contact|Children'?s|Childrens|Resource|"
    r"Day|Sports?|Shopping|Retail|Skate|Trampoline|Police|Bus|Train|Railway|Fire|City|Town|"
    r"Central|General|Play|Soft|Water|Theme|Car|Council|Civic|Dental|Walk-?in|Every|"
    r"Each|Some|Any|No|One|Assessment|Respite|Residential|Secure|Mental|Social|Early|Help|"
    r"Hospital|Park|Centre|Center|Church|Chapel|Mosque|Library|Station|Club|Unit|Hostel|"
    r"Baby|Mother|Parent|Parents|Carers?|CAMHS|NHS|PRU|SEN|SEND|Christmas|Easter|Eid|"
    r"Diwali|Halloween|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)"
)
_NAME_WORD = r"[A-Z][\w'’-]*"
# A word of a place's name: capitalised, and not someone's ("Mum's hospital appointment").
_NAME = r"(?![\w'’-]*['’]s\b)[A-Z][\w'’-]*"
_FACILITY_CAPITALISED = (
    r"(?:Park|Leisure\s+Centre|Sports\s+Centre|Centre|Center|Hospital|Library|Stadium|Arena|"
    r"Baths|Pool|Church|Chapel|Mosque|Temple|Gurdwara|Synagogue|Hotel|Inn|Family\s+Centre|"
    r"Community\s+Centre|Youth\s+Club|Social\s+Club|Retail\s+Park|Shopping\s+Centre|"
    r"Station|Hostel|Foyer)"
)
# The same words in any case after "the" and a name, and a few more ("the Oaks
# assessment centre", "the Oak Tree family centre").
_FACILITY = (
    rf"(?i:{_FACILITY_CAPITALISED}|Contact\s+Centre|Assessment\s+Centre|Youth\s+Centre|"
    r"Children'?s\s+Home|Residential\s+Home)"
)
# Welsh words that begin the names of places, houses, homes and streets.
_WELSH_HEADS = (
    r"(?:Parc|Canolfan|Ysbyty|Eglwys|Capel|Neuadd|Plas|Llys|Cartref|Tŷ|Ty|Nhŷ|Nhy|Dŷ|Hafod|"
    r"Bryn|Maes|Coed|Clos|Lôn|Lon|Rhodfa|Cilgant|Heol|Ffordd|Stryd|Cwrt|Bythynnod|Fferm)"
)
_HOME_ENDINGS = (
    r"(?:bank|grove|field|fields|lands|wood|woods|lodge|view|house|side|dale|mead|croft|"
    r"brook|hurst|leigh|gate|ridge|holme|stead|haven|court|lea|dene|garth|wold)"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "the big Tesco", "the old Woolworths", "the Lidl in Treforest", "the Morrisons car park"
    (re.compile(rf"\b(?i:the)\s+(?:{_WHICH}\s+)?{_CHAINS}(?=\s+{_WHERE}\b)"), PLACEHOLDER),
    (re.compile(rf"\b(?i:the)\s+{_WHICH}\s+{_CHAINS}\b(?!\s+{_GOODS})"), PLACEHOLDER),
    # "by Morrisons", "outside the Co-op"
    (re.compile(rf"\b({_POSITION}\s+)(?:(?i:the)\s+)?{_CHAINS}\b"), rf"\1{PLACEHOLDER}"),
    # "Roath Park", "Penydarren Park", "St Mary's Church": the place word with its capital
    (
        re.compile(
            rf"\b(?:St\.?\s+{_NAME_WORD}|(?!{_GENERIC}\b){_NAME}(?:\s+(?!{_GENERIC}\b){_NAME}){{0,2}})"
            rf"\s+{_FACILITY_CAPITALISED}\b"
        ),
        PLACEHOLDER,
    ),
    # "the Oak Tree family centre", "the Oaks assessment centre": a name after "the"
    (
        re.compile(
            rf"\b((?i:the)\s+)(?!{_GENERIC}\b){_NAME}(?:\s+(?!{_GENERIC}\b){_NAME}){{0,2}}"
            rf"\s+{_FACILITY}\b"
        ),
        rf"\1{PLACEHOLDER}",
    ),
    # "Canolfan Soar", "Ysbyty Gwynedd", "Maes y Coed", "Clos yr Onnen", "Nhŷ Mawr"
    (
        re.compile(
            rf"\b{_WELSH_HEADS}\s+(?:(?:y|yr|'r|’r)\s+)?{_NAME_WORD}(?:\s+(?!I\b){_NAME_WORD})?"
        ),
        PLACEHOLDER,
    ),
    # "lived at Sunnybank", "from Meadowbank": a one-word name of a home or house
    (
        re.compile(rf"\b((?i:at|from|to|in|left|moved\s+to)\s+)[A-Z][a-z]+{_HOME_ENDINGS}\b"),
        rf"\1{PLACEHOLDER}",
    ),
)


def redact_landmarks(text: str) -> str:
    """``text`` with shop branches, named public places and named homes replaced."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
