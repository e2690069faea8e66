"""Reference numbers become ``[reference]``: National Insurance and NHS numbers, case,
file and other reference numbers, and car registrations.

Each of these is a key to one person's records, so any of them in a quote would name a
child as surely as their name. Ordinary numbers (ages, amounts, times, years) are left
alone: a number is taken for a reference only by its shape (a National Insurance or NHS
number, a registration plate, six digits or more, letters and digits joined by dashes or
slashes) or by the word before it ("case number 4471", "ref: LAC/12").
"""

from __future__ import annotations

import re

PLACEHOLDER = "[reference]"
# What says a reference follows: "ref", "my NI no", "NHS number is", "case number".
_INTRODUCER = (
    r"(?i:\b(?:(?:ref(?:erence)?|crn)(?:\s*(?:no\.?|num(?:ber)?|#))?"
    r"|(?:nhs|ni|national\s+insurance|case|file|referral|client)\s*(?:no\.?|num(?:ber)?|#))"
    r"\s*(?:is|was|:|=|-)?\s*)"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # National Insurance: two letters, six digits (often in pairs), a letter A to D.
    (re.compile(r"\b(?i:[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D])\b"), PLACEHOLDER),
    # NHS number: ten digits, usually 3-3-4.
    # (Ten digits from a 7 run together are a mobile number without its 0: app.text.redaction.)
    (re.compile(r"(?<![\d+])(?!7\d{9}(?!\d))\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)"), PLACEHOLDER),
    # After words that say it is one: anything with a digit in it.
    (re.compile(rf"({_INTRODUCER})[A-Za-z]{{0,4}}[-/]?\d[\w/-]*"), rf"\1{PLACEHOLDER}"),
    # Capitals and three digits or more joined by dashes or slashes: CR-2024-00123, LAC/4471.
    (re.compile(r"\b[A-Z]{1,5}[-/]\d{3,}(?:[-/]\w+)*\b"), PLACEHOLDER),
    # Car registrations: AB12 CDE (since 2001) and A123 BCD (before).
    (re.compile(r"\b(?i:[A-Z]{2}\d{2}\s?[A-Z]{3})\b|\b[A-Z]\d{1,3}\s?[A-Z]{3}\b"), PLACEHOLDER),
    # Six digits or more on their own (phone numbers and dates have gone by now).
    (re.compile(r"(?<![\w£$€.,])\d{6,}(?![\w.,]\d)"), PLACEHOLDER),
)


def redact_references(text: str) -> str:
    """``text`` with reference numbers and registrations replaced by ``[reference]``."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
