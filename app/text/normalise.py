"""Normalise free text before matching: Unicode, case, apostrophes, text-speak and emoji."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
REPEATS = re.compile(r"(\w)\1{2,}")  # "sooooo" -> "soo": keeps double letters intact
WORD = re.compile(r"[\w']+(?:-[\w']+)*|[^\w\s]", re.UNICODE)  # keeps "m-a", "mi-e"


@lru_cache(maxsize=1)
def text_speak() -> dict[str, str]:
    """The shipped text-speak map (editable data, see data/text_speak.yaml)."""
    with (DATA / "text_speak.yaml").open(encoding="utf-8") as handle:
        mapping = yaml.safe_load(handle)
    return {str(k).lower(): str(v).lower() for k, v in mapping.items()}


@lru_cache(maxsize=1)
def _multiword() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """Multi-word entries, each with its first word: a quick test before the expression."""
    return tuple(
        (k.split()[0], re.compile(rf"(?<![\w']){re.escape(k)}(?![\w'])"), v)
        for k, v in text_speak().items()
        if " " in k
    )


@lru_cache(maxsize=1)
def _emoji() -> tuple[re.Pattern[str], dict[str, str]]:
    with (DATA / "emoji.yaml").open(encoding="utf-8") as handle:
        mapping = {str(k): str(v) for k, v in yaml.safe_load(handle).items()}
    alternatives = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    return re.compile(alternatives), mapping


def emoji_to_words(text: str) -> str:
    """Emoji that carry feeling become words ("😢" -> " sad "); others are left alone."""
    if text.isascii():
        return text  # no emoji to look for
    pattern, mapping = _emoji()
    return pattern.sub(lambda m: f" {mapping[m.group(0)]} ", text.replace("\ufe0f", ""))


def normalise(text: str, *, speak: bool = True, emoji: bool = False) -> str:
    """NFKC, case-folded, one kind of apostrophe, text-speak expanded, spaces collapsed.

    ``speak=False`` leaves text-speak alone (the map is English: Polish "mam" is "I have",
    not "mum"); ``emoji=True`` turns feeling emoji into words first.
    """
    text = unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH).translate(APOSTROPHES)
    if emoji:
        text = emoji_to_words(text)
    text = REPEATS.sub(r"\1\1", text.casefold())
    if not speak:
        return " ".join(WORD.findall(text))
    for first_word, pattern, replacement in _multiword():
        if first_word in text:
            text = pattern.sub(replacement, text)
    speak_map = text_speak()
    words = [speak_map.get(token, token) for token in WORD.findall(text)]
    return " ".join(words)
