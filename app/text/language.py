"""Which shipped language is a comment written in? No model and no downloaded data.

The script settles most cases (Cyrillic is Ukrainian here; Pashto and Dari have letters
Arabic lacks). Within Latin and Arabic scripts, letters only one language uses and its
commonest words decide; English wins ties, because it is the commonest language of
comments and the fallback for very short ones ("ok", "n/a").
"""

from __future__ import annotations

import re

from app.text.stopwords import stopwords

SHIPPED = ("en", "cy", "ar", "fa", "ps", "pl", "ro", "uk")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_PASHTO_LETTERS = re.compile(r"[ټډړږښګڼېۍځڅ]")
_PERSIAN_LETTERS = re.compile(r"[پچژگکی]")
_ARABIC_LETTERS = re.compile(r"[ةيكى]")
_LATIN_LETTERS = {
    "pl": re.compile(r"[ąćęłńśźż]"),
    "ro": re.compile(r"[ăâîșțşţ]"),
    "cy": re.compile(r"[ŵŷ]"),
}
# Words common in one language and rare in the others, beyond the stopword lists.
_MARKERS = {
    "en": {"the", "and", "my", "is", "was", "to", "me", "i", "it", "they", "not", "don't"},
    "cy": {"dw", "dwi", "ddim", "yn", "mae", "fy", "gyda", "roedd", "eisiau", "ond", "hefyd"},
    "pl": {"nie", "jest", "się", "mnie", "mi", "bardzo", "że", "czy", "moja", "mój", "też"},
    "ro": {"nu", "este", "și", "mă", "eu", "pe", "cu", "din", "foarte", "meu", "mea", "sunt"},
    "ar": {"لا", "في", "من", "على", "أنا", "لم", "هو", "مع"},
    "fa": {"من", "است", "نیست", "را", "می", "خیلی", "با", "که"},
    "ps": {"زه", "زما", "نه", "په", "د", "ډېر", "سره", "دي"},
}


def detect_language(text: str, default: str = "en") -> str:
    """The shipped language ``text`` is most likely written in, or ``default``."""
    if _CYRILLIC.search(text):
        return "uk"
    if _ARABIC_SCRIPT.search(text):
        return _arabic_script_language(text)
    lowered = text.casefold()
    words = _WORD.findall(lowered)
    if not words:
        return default
    scores = {lang: _score(words, lang) for lang in ("en", "cy", "pl", "ro")}
    for lang, letters in _LATIN_LETTERS.items():
        scores[lang] += 2 * len(letters.findall(lowered))
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default


def _score(words: list[str], language: str) -> float:
    stop, markers = stopwords(language), _MARKERS[language]
    return sum((w in stop) + (w in markers) for w in words)


def _arabic_script_language(text: str) -> str:
    if _PASHTO_LETTERS.search(text):
        return "ps"
    words = _WORD.findall(text)
    scores = {lang: _score(words, lang) for lang in ("ar", "fa", "ps")}
    scores["fa"] += len(_PERSIAN_LETTERS.findall(text)) * 0.5
    scores["ar"] += len(_ARABIC_LETTERS.findall(text)) * 0.5
    return max(("ar", "fa", "ps"), key=lambda lang: scores[lang])
