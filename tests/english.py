"""Find English on a page that claims another language.

English words are known from the source text itself (every message id in the UI and
survey templates, ``translations/*.pot``) and from what GOV.UK Frontend says when nobody
translates it (its default messages, month and day names). A word counts as English on a
page in language L unless it is on L's allow-list: names, numbers' neighbours and the few
short words English shares with L. Text marked with another ``lang`` (the language list's
"English") is skipped, as a screen reader would switch voices for it, and so is text
marked ``translate="no"`` (resume codes and references).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
NS = "{http://www.w3.org/1999/xhtml}"
# Whole words in any script; only those spelt in English letters can match.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
PLACEHOLDER = re.compile(r"%\(\w+\)s|%\{\w+\}")

# What GOV.UK Frontend's components say by default, and names of months and days.
FRONTEND_DEFAULTS = """
You can enter up to characters words You have character characters remaining too many
Back Skip to main content There is a problem Error Hide this page Exit this page Loading
Exit this page expired Shift press more times to exit time Menu Show Hide Close Open
Important Success Support links Day Month Year Continue Change Warning Cancel
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
"""

# Names and words that are right in every language: organisations, abbreviations of them,
# and what a code or a number looks like around it.
ALLOWED_EVERYWHERE = {
    "childline",
    "nspcc",
    "samaritans",
    "nhs",
    "ok",
    "sayso",
    "shift",
    "sms",
    "qr",
    "url",
    "hkqw",
    "iro",
    "incognito",
    # How a financial year is written in a period (FY2026/27): Sayso reads it so in
    # every language.
    "fy",
    # Names of file formats and interfaces, which staff pages use as they are.
    "api",
    "csv",
    "xlsx",
    "pdf",
    "json",
    "excel",
}
# The UK's own names for services and roles, which translations give in brackets after
# their own words ("طبيب العائلة (GP)"), as the reader will hear them from staff.
GLOSSES = [
    "independent reviewing officer",
    "children's social care",
    "supervising social worker",
    "leaving care team",
    "designated teacher",
    "personal adviser",
    "safeguarding lead",
    "supported lodgings",
    "independent visitor",
    "reviewing officer",
    "health visitor",
    "kinship carer",
    "youth justice",
    "pathway plan",
    "staying put",
    "probation",
    "placement",
    "advocate",
    "review",
    "gp",
]
BRACKETED = re.compile(r"\(([^()]*)\)|„([^”]*)”|“([^”]*)”|«([^»]*)»")
# Words English shares with each language (checked against the translations).
ALLOWED = {
    "cy": {
        "a",
        "i",
        "am",
        "dim",
        "hi",
        "o",
        "yn",
        "ei",
        "ar",
        "y",
        "at",
        "fe",
        "go",
        "ni",
        "na",
        "pa",
        "er",
        "ac",
        "ai",
        "to",
        "man",
        "hen",
        "hon",
        "gan",
        "pan",
        "ran",
        "rhan",
        "bod",
        "mor",
        "dan",
        "dros",
        "un",
        "ti",
        "chi",
        "we",
        "fy",
        "person",
        "well",
        "help",
        "all",
        "does",
        "hostel",
        "staff",
        "problem",
        "model",
        "data",
        "system",
    },
    "pl": {
        "a",
        "i",
        "o",
        "w",
        "z",
        "to",
        "na",
        "do",
        "po",
        "go",
        "nie",
        "co",
        "ze",
        "we",
        "on",
        "pan",
        "od",
        "ich",
        "by",
        "ma",
        "mi",
        "tak",
        "lub",
        "czy",
        "one",
        "link",
        "problem",
        "plan",
        "mail",
        "hostel",
        "college",
        "alert",
        "model",
        "token",
        "administrator",
        "status",
        "trend",
        "list",
    },
    "ro": {
        "a",
        "o",
        "i",
        "in",
        "nu",
        "la",
        "pe",
        "de",
        "cu",
        "ce",
        "un",
        "mai",
        "care",
        "are",
        "ai",
        "am",
        "te",
        "se",
        "ne",
        "le",
        "ca",
        "sa",
        "or",
        "ori",
        "din",
        "fi",
        "ar",
        "al",
        "id",
        "e",
        "tu",
        "minute",
        "prefer",
        "link",
        "mail",
        "adult",
        "decide",
        "social",
        "respect",
        "plan",
        "independent",
        "personal",
        "feedback",
        "video",
        "model",
        "token",
        "audit",
        "date",
        "data",
        "administrator",
        "server",
        "note",
        "contact",
        "indicator",
        "negative",
        "public",
        "format",
        "an",
        "important",
    },
}


def visible_text(tree: Element, language: str) -> list[str]:
    """The page's text as a reader meets it: text, titles, alternative text, labels that
    are attributes, and the component messages scripts will show (``data-i18n.*``).
    Skips scripts, styles and anything marked with another language."""
    found: list[str] = []

    def visit(node: Element, skipping: bool) -> None:
        tag = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        lang = node.get("lang")
        skip = (
            skipping
            or (lang is not None and lang != language)
            or node.get("translate") == "no"  # codes and references, not words
            or tag in ("script", "style")
        )
        if not skip and tag == "svg":
            # A chart's labels are wrapped over lines, one ``text`` each: read as one.
            found.append(" ".join(" ".join(node.itertext()).split()))
            return
        if not skip:
            if node.text:
                found.append(node.text)
            for name, value in node.attrib.items():
                if name in ("title", "alt", "aria-label", "placeholder") or (
                    name.startswith("data-i18n")
                ):
                    found.append(value)
                if tag == "input" and name == "value" and node.get("type") in ("submit", "button"):
                    found.append(value)
        for child in node:
            visit(child, skip)
            if child.tail and not skip:
                found.append(child.tail)

    visit(tree, False)
    return found


@cache
def english_words() -> frozenset[str]:
    """Every word of Sayso's English source text, lowercased."""
    words = set(w.lower() for w in WORD.findall(FRONTEND_DEFAULTS))
    for name in ("messages.pot", "surveys.pot"):
        path = ROOT / "translations" / name
        if not path.exists():
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for text in ids:
                words.update(w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text or "")))
    return frozenset(words)


def without_glosses(text: str) -> str:
    """``text`` less the UK terms (``GLOSSES``) it gives in brackets or quotes."""

    def strip(match: re.Match[str]) -> str:
        inside = next(group for group in match.groups() if group is not None)
        for term in GLOSSES:
            inside = re.sub(re.escape(term), " ", inside, flags=re.IGNORECASE)
        return f"({inside})"

    return BRACKETED.sub(strip, text)


def english_on_page(tree: Element, language: str, typed: tuple[str, ...] = ()) -> list[str]:
    """The English words on a page in ``language`` (empty for English pages), less those
    of what the respondent typed (``typed``), which is theirs, in any language."""
    if language == "en":
        return []
    allowed = ALLOWED_EVERYWHERE | ALLOWED.get(language, set())
    allowed |= {word.lower() for text in typed for word in WORD.findall(text)}
    english = english_words()
    hits = []
    for text in visible_text(tree, language):
        text = without_glosses(text)
        for word in WORD.findall(PLACEHOLDER.sub(" ", text)):
            lowered = word.lower()
            if len(lowered) > 1 and lowered in english and lowered not in allowed:
                hits.append(word)
    return hits
