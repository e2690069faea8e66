"""Stemming with NLTK's Snowball stemmers, for the shipped languages that have one.

Welsh, Polish, Ukrainian, Dari and Pashto have no Snowball stemmer; their words are left
as they are, and codebooks match them by prefix (``bezpiecz*``) instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # NLTK is imported on first use: see app/text/tokenise.py
    from nltk.stem.snowball import SnowballStemmer

SNOWBALL_LANGUAGES = {"en": "english", "ro": "romanian", "ar": "arabic"}


def has_stemmer(language: str) -> bool:
    return language in SNOWBALL_LANGUAGES


@lru_cache(maxsize=8)
def _stemmer(language: str) -> SnowballStemmer:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(SNOWBALL_LANGUAGES[language])


@lru_cache(maxsize=262144)
def stem(word: str, language: str) -> str:
    """The Snowball stem of ``word`` (the word itself where the language has no stemmer).

    Cached: the same few thousand words make up most comments.
    """
    if language not in SNOWBALL_LANGUAGES or not word[:1].isalpha():
        return word
    return _stemmer(language).stem(word)
