"""Schools, colleges and the places children live that are not named like schools or
streets: "St Joseph's", "Coleg Gwent", "ysgol Glan Clwyd", "oakwood academy", "the PRU"
become ``[school]``; children's homes, units and supported accommodation ("the Meadows
unit", "Ty Gwyn", "at Willow View") become ``[place]``.

A school or home named in a quote says where a child is every day. These patterns run
after :data:`app.text.redaction._PATTERNS` (which catch "... School", "Ysgol ..." with
capitals and addresses) and before names and places.
"""

from __future__ import annotations

import re

_WORD = r"[\w'’-]+"
_CAPITALISED = r"[A-Z][\w'’-]*"
# Words that follow "ysgol" or "coleg" without being its name ("the ysgol is great").
_NOT_A_NAME = (
    r"(?:is|was|and|or|but|yn|a|ac|i|in|on|at|to|for|with|ni|fi|chi|nhw|was|has|have|"
    r"today|now|then|because|so|the|my|our|too|very|ok|good|bad)"
)
# Welsh house and home names: Tŷ Gwyn, Plas Newydd, Hafan Deg, Cartref Cariad, Bryn Awel.
_WELSH_HOME = r"(?:t[yŷ]|plas|hafan|cartref|bryn|llys|bron|maes)"
_NOT_WELSH_HOME_NAME = r"(?:ni|chi|fi|nhw|nain|taid|mam|dad|ti|fo|hi|yn|a|i|is|was|and)"
_HOME_WORDS = r"(?:unit|house|home|lodge|centre|center|project|hostel|flats|court|cottage)"
_HOME_NAME_WORDS = r"(?:View|Court|Grange|Manor|Lodge|House|Hall|Place|Gardens|Close|Mews)"
_NOT_HOME_START = r"(?:My|Our|Your|His|Her|Their|This|That|The|A|An|Big|Old|New|Foster|Care)"

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Saints' schools: St Joseph's, St. Mary's, Saint David's (a church or hospital too).
    (
        re.compile(rf"\b(?:St\.?|Saint)\s+{_CAPITALISED}(?:'s|’s|s)?(?:\s+(?:RC|CE|CiW|VA))?"),
        "[school]",
    ),
    # Welsh colleges and schools, the name capitalised: Coleg Gwent, ysgol Glan Clwyd.
    (
        re.compile(
            rf"\b(?i:coleg|ysgol)(?:\s+(?!{_NOT_A_NAME}\b){_CAPITALISED})"
            rf"(?:\s+(?!{_NOT_A_NAME}\b){_CAPITALISED}){{0,2}}",
        ),
        "[school]",
    ),
    # An academy written in lower case after its name: "oakwood academy".
    (
        re.compile(
            r"\b(?!(?:the|a|an|my|our|your|his|her|their|this|that|to|at|in|of|from|like|love|"
            r"hate|go|went|football|sports?|dance|drama|music|local|new|old)\b)"
            r"[a-z][\w'’-]*\s+academy\b"
        ),
        "[school]",
    ),
    # The pupil referral unit everyone in a small town knows.
    (re.compile(r"\b(?i:(?:the\s+)?(?:PRU|pupil\s+referral\s+unit))\b"), "[school]"),
    # A named unit or home: "the Meadows unit", "the Oaks house".
    (
        re.compile(
            rf"(?i:\bthe\s+)(?!{_NOT_HOME_START}\b){_CAPITALISED}(?:\s+{_CAPITALISED})?"
            rf"\s+(?i:{_HOME_WORDS})\b"
        ),
        "[place]",
    ),
    # Welsh home names, the name capitalised: Ty Gwyn, tŷ Gwyn, Plas Newydd ("yn y tŷ" is
    # just "in the house").
    (
        re.compile(
            rf"\b(?i:{_WELSH_HOME})\s+(?!(?i:{_NOT_WELSH_HOME_NAME})\b)[A-ZŴŶÂÊÎÔÛ][\w'’-]*"
        ),
        "[place]",
    ),
    # A capitalised name ending in a home's word after "at", "in", "to": "at Willow View".
    (
        re.compile(
            rf"(?i:\b(at|in|to|from|into)\s+)(?!{_NOT_HOME_START}\b){_CAPITALISED}"
            rf"(?:\s+{_CAPITALISED})?\s+{_HOME_NAME_WORDS}\b"
        ),
        r"\1 [place]",
    ),
)


def redact_establishments(text: str) -> str:
    """``text`` with schools, colleges, units and homes replaced by placeholders."""
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text
