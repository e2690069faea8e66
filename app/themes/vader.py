"""NLTK's VADER analyser adjusted for children's social care (see app/themes/sentiment.py).

In a module of its own so that NLTK is imported only when English sentiment is scored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from app.themes.english_valence import (
    WINDOW,
    ValenceRules,
    negate,
    no_as_answer,
    without_requested_praise,
)

# Where a clause ends: negation and requests stay inside it.
_CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":", ",", "…", "but", "although", "though"})


class _WithoutNegation(VaderConstants):
    """VADER's constants with its own negation switched off: negation is applied per
    clause afterwards (app/themes/english_valence.py)."""

    def negated(self, input_words: list[str], include_nt: bool = True) -> bool:
        return False


class DomainVader(SentimentIntensityAnalyzer):
    """NLTK's VADER, reading the packaged lexicon and our domain words and phrases, with
    negation and requests read clause by clause.

    NLTK's own constructor loads the lexicon through ``nltk.data`` (downloaded data, and
    it refuses paths outside nltk_data), so the lexicon text is read here instead.
    """

    def __init__(
        self,
        words: dict[str, float],
        phrases: dict[str, float],
        rules: ValenceRules,
        is_request: Callable[[list[str]], bool],
    ) -> None:
        self.lexicon_file = (
            resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
        )
        self.lexicon = self.make_lex_dict()
        self.constants = _WithoutNegation()
        # Our text is tokenised, punctuation standing apart, so VADER's map for stripping
        # punctuation off words ("cat," -> "cat") never applies; building it for every
        # comment was half of VADER's time.
        self.constants.PUNC_LIST = []
        self.lexicon.update(words)
        self.rules = rules
        self.is_request = is_request
        alternatives = []
        for number, (pattern, valence) in enumerate(phrases.items()):
            self.lexicon[f"xphrase{number}x"] = float(valence)
            alternatives.append(f"(?P<xphrase{number}x>{pattern})")
        # One pass over the text for every phrase (the phrases use non-capturing groups).
        self._phrases = re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])")

    def compound(self, text: str) -> float:
        """VADER's compound score of already-normalised text, domain phrases included,
        negation and requests read within each clause."""
        text = self._phrases.sub(lambda m: str(m.lastgroup), text)
        words: list[str] = []
        sentiments: list[float] = []
        clause: list[str] = []
        asked = False
        for word in [*text.split(), "."]:
            if word not in _CLAUSE_BREAKS:
                clause.append(word)
                continue
            kept = [w for w in clause if len(w) > 1]  # as VADER drops "i", "a" and marks
            valences = self._clause_valences(clause, kept)
            if kept and self.is_request(clause):
                valences = without_requested_praise(valences)
                asked = True
            words += kept
            sentiments += valences
            if word == "but":
                words.append(word)
                sentiments.append(0.0)
            clause = []
        if asked and not any(sentiments):
            sentiments.append(self.rules.request_valence)  # it asks: something is missing
        sentiments = self._but_check(words, sentiments)
        return float(self.score_valence(sentiments, text)["compound"])

    def _clause_valences(self, clause: list[str], kept: list[str]) -> list[float]:
        if not kept:
            return []
        sentitext = SentiText(" ".join(kept), [], self.constants.REGEX_REMOVE_PUNCTUATION)
        valences = [self._word_valence(sentitext, i) for i in range(len(kept))]
        if no_as_answer(kept, self.rules):
            return [0.0] * len(kept)
        for index, word in enumerate(kept):
            if word == "no" and any(valences[index + 1 : index + 1 + WINDOW]):
                valences[index] = 0.0  # "no" negates what follows instead
        return negate(kept, valences, self.rules)

    def _word_valence(self, sentitext: SentiText, index: int) -> float:
        """VADER's valence of one word in its clause (boosters, capitals, idioms; no
        negation), as its ``polarity_scores`` loop computes it."""
        words = sentitext.words_and_emoticons
        item = words[index].lower()
        kind_of = item == "kind" and index + 1 < len(words) and words[index + 1] == "of"
        if kind_of or item in self.constants.BOOSTER_DICT:
            return 0.0
        return float(self.sentiment_valence(0, sentitext, words[index], index, [])[-1])
