"""NLTK's VADER analyser adjusted for children's social care (see app/themes/sentiment.py).

In a module of its own so that NLTK is imported only when English sentiment is scored.
"""

from __future__ import annotations

import re
from importlib import resources

from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

# NLTK's VADER scores "no" as a negative word (-1.2) and never lets it negate what follows,
# so "no problems" and "no complaints" came out negative. "no" is read as "not" instead:
# no valence of its own, and it flips the sentiment words after it as "not" does.
_NO = re.compile(r"(?<![\w'])no(?![\w'])")


class DomainVader(SentimentIntensityAnalyzer):
    """NLTK's VADER, reading the packaged lexicon and our domain words and phrases.

    NLTK's own constructor loads the lexicon through ``nltk.data`` (downloaded data, and
    it refuses paths outside nltk_data), so the lexicon text is read here instead.
    """

    def __init__(self, words: dict[str, float], phrases: dict[str, float]) -> None:
        self.lexicon_file = (
            resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
        )
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()
        # Our text is tokenised, punctuation standing apart, so VADER's map for stripping
        # punctuation off words ("cat," -> "cat") never applies; building it for every
        # comment was half of VADER's time.
        self.constants.PUNC_LIST = []
        self.lexicon.update(words)
        alternatives = []
        for number, (pattern, valence) in enumerate(phrases.items()):
            self.lexicon[f"xphrase{number}x"] = float(valence)
            alternatives.append(f"(?P<xphrase{number}x>{pattern})")
        # One pass over the text for every phrase (the phrases use non-capturing groups).
        self._phrases = re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])")

    def compound(self, text: str) -> float:
        """VADER's compound score of already-normalised text, domain phrases included."""
        text = self._phrases.sub(lambda m: str(m.lastgroup), text)
        return float(self.polarity_scores(_NO.sub("not", text))["compound"])
