"""Stopwords per shipped language, from small lists kept in ``data/stopwords/``.

The lists are ours (no downloaded corpus) and leave out negators on purpose: "not
listened to" must keep its "not".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

STOPWORD_DIR = Path(__file__).parent / "data" / "stopwords"


@lru_cache(maxsize=16)
def stopwords(language: str) -> frozenset[str]:
    """The stopword list for ``language`` (empty for a language without one)."""
    path = STOPWORD_DIR / f"{language}.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


def without_stopwords(words: list[str], language: str) -> list[str]:
    """The words that carry meaning: stopwords and punctuation removed."""
    stop = stopwords(language)
    return [w for w in words if w not in stop and w[:1].isalnum()]
