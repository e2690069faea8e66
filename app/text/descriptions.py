"""Descriptions that point at one child, or one family, in the words people use for
them: "the only one in my class who is in care", "the only Eritrean family in the town",
"the youngest of the eleven of us", "the first kid from our home to go to uni", "the one
whose dad was on crimewatch", "the pregnant 16 year old", "the girl in the wheelchair
from our home". Each becomes ``[description]``.

They run after the descriptions in :mod:`app.text.redaction` (a rare trait next to a
place, "the only autistic boy", "the boy who ..."), and they leave alone what everyone
says of someone who is good to them: "the only one who listens", "the only one there for
me", "the one who helped me", "the only family I've got", "the first time".
"""

from __future__ import annotations

import re

PLACEHOLDER = "[description]"

# Where a child is one of few: a class, a school, a home, a town, care itself.
_GROUP = (
    r"(?:class|school|year(?:\s+\d+)?|form|home|unit|hostel|college|course|uni|ward|team|"
    r"street|road|estate|village|town|city|valley|area|county|authority|council|borough|"
    r"country|family|group|club|church|mosque|squad|care\s+home|children'?s\s+home|placement)"
)
_WHOSE = r"(?:my|our|the|this|a|an|his|her|their|whole)"
# "the only one who listens": what people say of someone good to them.
_KIND = (
    r"(?:listens?|listened|cares?|cared|helps?|helped|understands?|understood|gets?\s+it|"
    r"got\s+it|bothers?|bothered|believes?|believed|rings?|calls?|called|phones?|phoned|"
    r"texts?|visits?|visited|talks?|talked|asks?|asked|checks?|checked|tries|tried|"
    r"explains?|explained|stuck|stands?\s+up|stood\s+up|remembers?|remembered|treats?|"
    r"treated|loves?|loved|comes?|came|answers?|answered|turned|turns|actually|really|ever|"
    r"i|that|is\s+there|was\s+there|does|did|do|has\s+to|had\s+to|"
    r"gets?\s+(?:told|blamed|shouted|picked|left)|got\s+(?:told|blamed|shouted|picked|left)|"
    r"ha[sd]\s+(?:time|always|never|been\s+there|helped|listened|stuck|bothered|cared)|"
    r"never|always|still|truly|properly|genuinely|"
    r"keeps?|kept|sticks?|fights?|fought|speaks\s+up|spoke\s+up)"
)
# A description that acts on the writer is about what someone did, not who a child is:
# "the only one who hits me", "the first person to believe me", "the one who's hitting me".
_ABOUT_THE_WRITER = re.compile(r"(?i:\b(?:me|myself|ourselves)\b|(?<!\bof\s)\bus\b)")
# The end of a description: a full stop, a comma, or a word that starts a new clause.
_END = (
    r"(?=\s*(?:[.,;:!?\n]|$|\s(?:and|but|so|cos|because|which|then|now|everyone|people)\b"
    r"|(?<!who)(?<!that)\s(?:makes|made|is|was|has|gets|got|feels|felt)\b))"
)
# What follows the words that single someone out, up to such an end: at most six words
# (or four when no end comes), so the rest of the comment keeps its meaning.
_TILL_BREAK = rf"(?:(?:\s+[\w'’-]+){{0,6}}?{_END}|(?:\s+[\w'’-]+){{0,4}})"
_PERSON = (
    r"(?:one|ones|two|kid|kids|child|children|person|people|young\s+person|young\s+people|"
    r"boy|boys|girl|girls|lad|lads|teenager|pupil|student|carer|carers|foster\s+carers?|"
    r"family|families|couple|speaker|placement|care\s+leaver|mum|dad|parent|baby|sibling|"
    r"siblings|brother|brothers|sister|sisters|twins|triplets)"
)

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "the only one in my class who is in care", "the only one at my school with a social
    # worker", "the only one from a care home at prom", "the only one there with a trach"
    re.compile(
        rf"(?i:\b(?:the|one\s+of\s+(?:the\s+)?)\s*only\s+(?:[\w'’-]+\s+){{0,3}}?{_PERSON}\s+"
        rf"(?:(?:in|at|on|from)\s+(?:{_WHOSE}\s+)?(?:[\w'’-]+\s+){{0,3}}?{_GROUP}\b|in\s+care\b"
        rf"|there\s+(?:with|who)\b)(?!\s+who\s+{_KIND}\b){_TILL_BREAK})"
    ),
    # "the only one who cant speak welsh", "the only one who grew up in care"; not "the only
    # one who listens", "the only one who gets it"
    re.compile(
        rf"(?i:\bthe\s+only\s+(?:one|kid|child|person)\s+who\s+(?!{_KIND}\b)"
        rf"(?:[\w'’-]+\s+){{1,7}}?[\w'’-]+){_END}"
    ),
    # "the only Eritrean family in the town", "the only Black foster carers", "the only
    # same-sex couple fostering in the village"; not "the only family I've got"
    re.compile(
        rf"(?i:\bthe\s+only\s+(?:[\w'’-]+\s+){{1,3}}?(?:family|families|couple|foster\s+carers?|"
        rf"carers?|speaker|placement|young\s+person|people)\b(?:\s+[\w'’-]+)?\s+"
        rf"(?:in|at|on|from)\b{_TILL_BREAK})"
    ),
    # "the youngest of the eleven of us", "the eldest of the three Kurdish siblings", "the
    # first kid from our home to go to uni", "the youngest person ever to leave care"
    re.compile(
        rf"(?i:\bthe\s+(?:youngest|eldest|oldest|first|last)\s+(?:(?:[\w'’-]+\s+){{0,2}}?"
        rf"{_PERSON}\s+(?:from|in|at|on|ever|to)\b|of\s+(?:the\s+)?(?:\w+\s+){{0,2}}?"
        rf"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
        rf"(?:[\w'’-]+\s+)?(?:of\s+us|of\s+them|siblings|children|kids|brothers|sisters|boys|"
        rf"girls|grandchildren)\b){_TILL_BREAK})"
    ),
    # "the one whose dad was on crimewatch", "the kid whos mum was on the news", "the one
    # with the electronic tag", "the one in the paper for the fire"
    re.compile(
        rf"(?i:\bthe\s+(?:one|kid|lad|girl|boy|child|mum|dad)\s+(?:whose|whos|who\s+was|"
        rf"who\s+were|in\s+the\s+(?:paper|papers|news))\b{_TILL_BREAK})"
    ),
    # "the lad next door, the one with the electronic tag", "im the one with the baby";
    # not "the one with the knife was my brother"
    re.compile(
        rf"(?i:(?:(?<=\bim\s)|(?<=\bi'm\s)|(?<=\bam\s)|(?<=\bis\s)|(?<=\bwas\s)|(?<=,\s)"
        rf"|(?<=\bas\s)|(?<=')|(?<=‘))the\s+(?:one|kid|lad|girl|boy|child)\s+with\s+the\b"
        rf"{_TILL_BREAK})"
    ),
    # "the pregnant 16 year old", "the 15 year old with the baby", "the 14 year old who
    # was in the news"; not a plain age ("the 4 year old has nappies")
    re.compile(
        rf"(?i:\bthe\s+(?:(?!(?:little|older|younger|eldest|youngest|other|two|three)\b)"
        rf"[a-z][\w'’-]*\s+\d{{1,2}}\s*(?:year|yr)s?[\s-]*old\b"
        rf"|\d{{1,2}}\s*(?:year|yr)s?[\s-]*old\s+(?:who|whose|with|in\s+the)\b{_TILL_BREAK}))"
    ),
    # "was in the paper", "appeared in the Western Mail", "was on the front of the argus"
    re.compile(
        r"(?i:\b(?:was|were|been|appeared|featured)\s+(?:in|on)\s+(?:the\s+)?"
        r"(?:front\s+of\s+the\s+)?(?:news|paper|papers|newspaper|local\s+press|telly|tv|"
        r"crimewatch|radio)\b)"
    ),
)


def _describe(match: re.Match[str]) -> str:
    return match.group(0) if _ABOUT_THE_WRITER.search(match.group(0)) else PLACEHOLDER


def redact_descriptions(text: str) -> str:
    """``text`` with descriptions that single someone out replaced."""
    for pattern in _PATTERNS:
        text = pattern.sub(_describe, text)
    return text
