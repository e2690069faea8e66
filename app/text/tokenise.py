"""Tokenising with NLTK tokenisers that need no downloaded data.

NLTK is imported on first use, not with this module: the web app and ``sayso --help``
import this module through the report and coding code but seldom tokenise anything.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nltk.tokenize import RegexpTokenizer

# Words in any script (Latin with accents, Cyrillic, Arabic, ...), keeping apostrophes
# inside words, plus single punctuation marks (needed to find clause boundaries).
_WORD_PATTERN = r"[^\W\d_]+(?:['-][^\W\d_]+)*|\d+|[^\w\s]"
CLAUSE_BREAKS = {".", "!", "?", ";", ":", "،", "؛", "؟", "…"}
CLAUSE_WORDS = {
    "but",
    "although",
    "though",
    "however",
    "ale",
    "dar",
    "але",
    "ولكن",
    "لكن",
    "اما",
    "ولې",
    "ond",
}


@cache
def _tokeniser() -> RegexpTokenizer:
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(_WORD_PATTERN)


def tokens(text: str) -> list[str]:
    """Word and punctuation tokens of already-normalised text."""
    return _tokeniser().tokenize(text)


def clauses(words: list[str]) -> list[list[str]]:
    """Split tokens into clauses, so negation in one does not reach into the next."""
    found: list[list[str]] = [[]]
    for word in words:
        if word in CLAUSE_BREAKS or word in CLAUSE_WORDS or word == ",":
            if found[-1]:
                found.append([])
            continue
        found[-1].append(word)
    return [clause for clause in found if clause]


def is_word(token: str) -> bool:
    return bool(re.match(r"\w", token))
