"""The wide net under the patterns: cue words, by stem, in a clause about the writer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # NLTK is imported on first use: see app/text/tokenise.py
    from nltk.stem.snowball import SnowballStemmer

from app.text.negation import negated

CUES_FILE = Path(__file__).parent / "cues.yaml"


@dataclass(frozen=True)
class CueList:
    anchors: frozenset[str]
    everyday: frozenset[str]
    no_anchor: frozenset[str]
    stems: dict[str, str]  # stem -> category, counted when not negated
    negated_stems: dict[str, str]  # stem -> category, counted only when negated
    idioms: tuple[tuple[str, ...], ...] = ()  # phrases whose words are not cue words


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Stems repeat across answers; screening runs inside the submit request."""
    return _stemmer().stem(word)


def _stem_map(groups: dict[str, list[str]]) -> dict[str, str]:
    return {
        _stemmer().stem(str(word)): category for category, words in groups.items() for word in words
    }


@lru_cache(maxsize=1)
def english_cues() -> CueList:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))["english"]
    return CueList(
        anchors=frozenset(data["anchors"]),
        everyday=frozenset(data["everyday"]),
        no_anchor=frozenset(data.get("no_anchor", [])),
        stems=_stem_map(data["cues"]),
        negated_stems=_stem_map(data.get("negated_cues", {})),
        idioms=tuple(tuple(str(phrase).split()) for phrase in data.get("idioms", [])),
    )


def _idiom_words(clause: list[str], idioms: tuple[tuple[str, ...], ...]) -> set[int]:
    """Positions in ``clause`` of words that are part of a fixed phrase."""
    found: set[int] = set()
    for phrase in idioms:
        for start in range(len(clause) - len(phrase) + 1):
            if tuple(clause[start : start + len(phrase)]) == phrase:
                found.update(range(start, start + len(phrase)))
    return found


def _clause_categories(clause: list[str], cues: CueList) -> list[str]:
    found: list[str] = []
    anchored = bool(cues.anchors.intersection(clause))
    idiomatic = _idiom_words(clause, cues.idioms)
    for index, word in enumerate(clause):
        if index in idiomatic:
            continue
        stem = _stem(word)
        is_negated = negated(clause, index)
        category = cues.negated_stems.get(stem) if is_negated else cues.stems.get(stem)
        if category and (anchored or category in cues.no_anchor) and category not in found:
            found.append(category)
    return found


def cue_categories(clause_list: list[list[str]]) -> list[str]:
    """Categories of cue words found in clauses that may describe harm to the writer."""
    cues = english_cues()
    found: list[str] = []
    for clause in clause_list:
        if cues.everyday.intersection(clause):
            continue
        for category in _clause_categories(clause, cues):
            if category not in found:
                found.append(category)
    return found
