"""Sentiment of a comment and of each theme mention, from -1 (negative) to +1 (positive).

English uses NLTK's VADER analyser with the lexicon that ships inside the vaderSentiment
package (no nltk_data), adjusted for children's social care (``data/sentiment.yaml``):
being "listened to" is positive, a social worker who "keeps changing" is negative. The
other shipped languages use a small lexicon of positive and negative words with the
same negation rules as the rest of the text library.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from app.text.negation import negated
from app.themes.english_valence import ValenceRules

if TYPE_CHECKING:
    from app.themes.vader import DomainVader

SENTIMENT_FILE = Path(__file__).parent / "data" / "sentiment.yaml"
NEUTRAL_BAND = 0.05  # VADER's own cut-off for calling a text positive or negative


@dataclass(frozen=True)
class WordList:
    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.exact or word.startswith(self.prefixes))


def _word_list(words: list[str]) -> WordList:
    return WordList(
        exact=frozenset(w for w in words if not w.endswith("*")),
        prefixes=tuple(w[:-1] for w in words if w.endswith("*")),
    )


@lru_cache(maxsize=1)
def _settings() -> dict:
    return yaml.safe_load(SENTIMENT_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def english_analyser() -> DomainVader:
    """The domain-adjusted VADER analyser, built once per process (NLTK is imported
    here, on first use, not when this module is)."""
    from app.themes.vader import DomainVader

    english = _settings()["english"]
    return DomainVader(
        {str(k): float(v) for k, v in english["words"].items()},
        {str(k): float(v) for k, v in english["phrases"].items()},
        valence_rules(),
        is_request,
    )


@lru_cache(maxsize=1)
def valence_rules() -> ValenceRules:
    """The English negation and request rules (``english.rules``)."""
    rules = _settings()["english"]["rules"]
    return ValenceRules(
        negators=frozenset(rules["negators"]),
        improvement=frozenset(rules["improvement"]),
        praising_negators=frozenset(rules["praising_negators"]),
        modals=frozenset(rules["modals"]),
        continuing=frozenset(rules["continuing"]),
        scope_breaks=frozenset(rules["scope_breaks"]),
        answers=frozenset(rules["answers"]),
        request_valence=float(rules["request_valence"]),
    )


@lru_cache(maxsize=16)
def lexicon(language: str) -> tuple[WordList, WordList] | None:
    """(positive, negative) word lists for a language without VADER, if it has them."""
    entry = _settings()["other"].get(language)
    if entry is None:
        return None
    return _word_list(entry["positive"]), _word_list(entry["negative"])


def lexicon_score(words: list[str], language: str) -> float:
    """-1..1 from counting positive and negative words (negation flips them)."""
    lists = lexicon(language)
    if lists is None:
        return 0.0
    positive, negative = lists
    total = 0.0
    for index, word in enumerate(words):
        value = 1.0 if word in positive else -1.0 if word in negative else 0.0
        if value and negated(words, index):
            value = -value
        total += value
    return normalise_score(total)


def normalise_score(total: float, alpha: float = 15.0) -> float:
    """Squash a sum of valences into -1..1 the way VADER does."""
    return total / math.sqrt(total * total + alpha) if total else 0.0


def is_request(clause: list[str]) -> bool:
    """Whether a clause of an English comment asks for something: it opens with a word
    from ``english.requests`` ("listen to me", "please ...", "more staff") or holds one
    of ``english.request_frames`` ("I wish ...", "it would be nice if ..."), and has no
    word of ``english.not_requests`` ("keep it up", "better than before", "thanks")."""
    openers, frames, exceptions = _request_words()
    if not clause or any(word in exceptions for word in clause):
        return False
    return clause[0] in openers or bool(frames.search(" ".join(clause)))


@lru_cache(maxsize=1)
def _request_words() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    english = _settings()["english"]
    frames = re.compile("|".join(f"(?:{frame})" for frame in english["request_frames"]))
    return frozenset(english["requests"]), frames, frozenset(english["not_requests"])


def clamp(score: float) -> float:
    return max(-1.0, min(1.0, score))


def label(score: float) -> str:
    """positive, negative or neutral."""
    if score >= NEUTRAL_BAND:
        return "positive"
    if score <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def text_score(normalised: str, words: list[str], language: str) -> float:
    """The sentiment of a stretch of normalised text in ``language``."""
    if language == "en":
        return english_analyser().compound(normalised)
    return lexicon_score(words, language)
