"""How many SMS parts a text takes, as the phone networks count them.

A text in the GSM 03.38 alphabet fits 160 characters in one part and 153 in each part of
a longer one; the extension characters (``^{}\\[~]|€`` and form feed) take two. Any other
character (Welsh ŵ and ŷ, Arabic, Cyrillic, most emoji) switches the whole text to UCS-2:
70 UTF-16 code units in one part, 67 in each part of a longer one.
"""

from __future__ import annotations

import math

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    return all(c in GSM_BASIC or c in GSM_EXTENSION for c in text)


def sms_length(text: str) -> tuple[int, str]:
    """(units, encoding): septets for GSM-7, UTF-16 code units for UCS-2."""
    if is_gsm7(text):
        return sum(2 if c in GSM_EXTENSION else 1 for c in text), "GSM-7"
    return len(text.encode("utf-16-le")) // 2, "UCS-2"


def sms_parts(text: str) -> int:
    """How many SMS parts ``text`` is sent as."""
    units, encoding = sms_length(text)
    single, each = (160, 153) if encoding == "GSM-7" else (70, 67)
    return 1 if units <= single else math.ceil(units / each)


def normalise_uk_mobile(text: str) -> str | None:
    """``text`` as ``07xxxxxxxxx`` if it is a UK mobile number (spaces, dashes, brackets
    and +44 allowed), else ``None``."""
    digits = "".join(c for c in text if c not in " -().")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    if len(digits) == 11 and digits.startswith("07") and digits.isascii() and digits.isdigit():
        return digits
    return None
