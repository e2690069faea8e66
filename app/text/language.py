"""Which shipped language is a comment written in? No model and no downloaded data.

The script settles most cases (Cyrillic is Ukrainian here; Pashto and Dari have letters
Arabic lacks). Within Latin and Arabic scripts, letters only one language uses and its
commonest words decide; English wins ties, because it is the commonest language of
comments and the fallback for very short ones ("ok", "n/a"). In Latin script, English
words that carry feeling (VADER's lexicon, shipped in the vaderSentiment package: "good",
"care", "great") count for English too, so a short English comment whose only common word
is also a Romanian one ("Good care") stays English.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from app.text.encoder import MODEL_DIR, TOKENIZER_FILE
from app.text.letters import LANGUAGES as LETTER_LANGUAGES
from app.text.letters import letter_scores, triples
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
    # "cheers" (thanks, in British speech). "ta" is not here: it is as common in Polish
    # ("ta kobieta"); see _ALSO_ENGLISH.
    "en": {
        "the",
        "and",
        "my",
        "is",
        "was",
        "to",
        "me",
        "i",
        "it",
        "they",
        "not",
        "don't",
        "cheers",
        # British speech in short answers.
        *("outta", "gonna", "wanna", "gotta", "innit", "dunno", "nowt", "owt", "aye"),
        *("muchly", "tara", "ra"),  # "ta muchly", "ta ra" (thanks; goodbye)
    },
    "cy": {
        "dw",
        "dwi",
        "ddim",
        "yn",
        "mae",
        "fy",
        "gyda",
        "roedd",
        "eisiau",
        "ond",
        "hefyd",
        "neb",
        "arna",
        "nhw",
        "gen",
        "nawr",
        "dim",
        "hoffi",
        "wedi",
        "ydw",
        "maen",
        "iawn",
        "da",  # good ("nos da", "athrawon da"); Romanian "da" (yes) counts for Romanian too
    },
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
    words = [w for w in _WORD.findall(lowered) if not _KISSES.fullmatch(w)]
    if len(words) > 1 and words[-1] == "la":  # "boss la" (lad, in Liverpool) ends a
        words = words[:-1]  # comment; Romanian "la" (at) never does
    if "ta" in words and "la" in words:  # "ta la" (thanks lad; goodbye), never Romanian
        words = [w for w in words if w != "la"]
    if _all_english(words):
        return "en"
    scores = _score(words, _latin_words())
    for word, lang in _ALSO_ENGLISH.items():  # "Tidy, ta butt": "ta" alone is no Polish
        if word in words and scores.get(lang, 0) <= words.count(word):
            scores.pop(lang, None)
    english = sum(1 for word in words if word in _english_lexicon())
    if english:
        scores["en"] = scores.get("en", 0) + english
    if not text.isascii():
        for lang, letters in _LATIN_LETTERS.items():
            scores[lang] = scores.get(lang, 0) + 2 * len(letters.findall(lowered))
    top = max(scores.values(), default=0)
    tied = sorted(lang for lang, score in scores.items() if score == top and score > 0)
    if len(tied) == 1:
        return tied[0]
    return _by_letters(text, tied, default)


# The letters decide only a text long enough to judge (six letter triples: "dobrze",
# "merge bine"; not "cba" or "defo"), and beat English only by a clear margin (mean
# log-probability per triple): on the team's short English answers no lower margin kept
# every one English. docs/themes.md has the figures.
LETTERS_MIN_TRIPLES = 6
LETTERS_MARGIN = 2.0


def _by_letters(text: str, tied: list[str], default: str) -> str:
    """When the words do not decide: the Latin-script language the letters look like,
    among the tied ones (all four when no word counted), English unless clearly not."""
    candidates = tied or list(LETTER_LANGUAGES)
    fallback = default if default in candidates else candidates[0]
    if len(triples(text)) < LETTERS_MIN_TRIPLES:
        return fallback
    likely = letter_scores(text)
    if not likely:
        return fallback
    best = max(candidates, key=lambda lang: likely[lang])
    if best == default or default not in candidates:
        return best
    return best if likely[best] - likely[default] > LETTERS_MARGIN else default


def _all_english(words: list[str]) -> bool:
    """Every word is an English one, and words that are only English are at least as
    many as those that are also common in Welsh, Polish or Romanian. Short English
    feedback often has no English stopword and a word common elsewhere ("Dim lights at
    night", "Ten out of ten", "Beth helped"); "Mae gen i god" is still Welsh."""
    if not words or not all(_is_english_word(word) for word in words):
        return False
    others = _latin_words()
    shared = sum(1 for word in words if any(lang != "en" for lang in others.get(word, ())))
    return len(words) - shared >= max(shared, 1)


# Kisses after a message ("ta x", "love it xx") belong to no language.
_KISSES = re.compile(r"x+")
# Common words of another language that British people also say: "ta" (thanks), "ten"
# (a rating), "hi". They count for that language only beside another of its words ("ta
# pani", "ten pokój", "mae hi'n"): "ta", "Ten", "ten outta ten", "Tidy, ta butt" and "Hi"
# are English, by their English words or, with none, by the letters.
_ALSO_ENGLISH = {"ta": "pl", "ten": "pl", "hi": "cy"}


def _is_english_word(word: str) -> bool:
    if word in _english_common() or word in _english_lexicon():
        return True
    vocabulary = _english_vocabulary()
    return word in vocabulary or (word.endswith("s") and word[:-1] in vocabulary)


@lru_cache(maxsize=1)
def _english_common() -> frozenset[str]:
    return frozenset(stopwords("en")) | _MARKERS["en"]


def readable_by_screen(text: str) -> bool:
    """Whether ``text`` is written in a language the shipped screens cover: its letters are
    mostly Latin, Cyrillic or Arabic script, and a longer Latin-script text has two
    letters only Polish, Romanian or Welsh use, or at least one common word of a shipped
    language in every five. Somali, Tigrinya or Chinese are not."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    covered = sum(
        1
        for ch in letters
        if ch.isascii()
        or _CYRILLIC.match(ch)
        or _ARABIC_SCRIPT.match(ch)
        or unicodedata.name(ch, "").startswith("LATIN")
    )
    if covered < len(letters) / 2:
        return False
    if _CYRILLIC.search(text) or _ARABIC_SCRIPT.search(text):
        return True
    lowered = text.casefold()
    if _ROMANISED_DIGIT.search(lowered):
        return True  # Arabic written in Latin letters and digits ("3am", "7abibi")
    if len(_OWN_LETTERS.findall(lowered)) >= 2:
        return True  # Polish, Romanian or Welsh letters, not only their common words
    words = _WORD.findall(lowered)
    if len(words) < 4:
        return True
    return sum(1 for word in words if _is_readable_word(word)) * 5 >= len(words)


# Letters only Polish (ą ć ę ł ń ś ź ż), Romanian (ă ș ț with the comma below) or Welsh
# (ŵ ŷ) of the shipped languages use, and none of Somali, Tigrinya, Oromo, Turkish or
# Kurdish does: "uczeń robi duże postępy" is Polish even with few common words.
_OWN_LETTERS = re.compile(r"[ąćęłńśźżășțŵŷ]")
# Arabic, Persian and Pashto written in Latin letters: digits stand for letters Latin
# lacks ("3" for ain, "7" for haa, "2" for hamza), inside a word.
_ROMANISED_DIGIT = re.compile(r"(?<![\d\w])[a-z]*[a-z][23579][a-z]+|(?<![\d\w])[23579][a-z]{2,}")
# Common words of the shipped languages written in Latin letters by people who usually
# write them in Arabic script; none of them is a common Somali, Tigrinya or Oromo word.
_ROMANISED_ARABIC = (
    "ana enta enti inta howe hiye ehna el al bas mish msh ktir kteer fi fih shi shu leish "
    "leh lesh lazem kel kol hal hon hek heik wallah yalla mafi bade baddi akhoy ukhti mama "
    "baba eza iza izza lama kaman tamam habibi inshallah khalas kello kullo zyede"
)
_ROMANISED_PERSIAN = (
    "man mara tu shoma ast astum hastam nist nistam ham dar az ba ke ra mikonam mikone "
    "mikonan nemidanum nemikonam khana khane kuja chera chi hamesha aman shab ruz khodam "
    "khoda khodahafez tashakor agar baad pas kardin kard shod shoda mesha"
)
_ROMANISED_PASHTO = (
    "zma zama za ta pa da de ye aw che warta kawom kawi kar ka dey dy kor wror khor shpa "
    "wraz hichok khabara"
)
_ROMANISED_WORDS = frozenset(
    " ".join((_ROMANISED_ARABIC, _ROMANISED_PERSIAN, _ROMANISED_PASHTO)).split()
)


def _is_readable_word(word: str) -> bool:
    """A common word of a shipped language, with or without its diacritics; any word of
    the English encoder's vocabulary; a romanised Arabic, Persian or Pashto word; or a
    Welsh or English contraction whose parts are such words ("o'n", "i'r")."""
    if word in _latin_words() or word in _folded_words() or word in _ROMANISED_WORDS:
        return True
    if word in _english_vocabulary() or (word.endswith("s") and word[:-1] in _english_vocabulary()):
        return True
    parts = [part for part in word.split("'") if part]
    return len(parts) > 1 and any(_is_readable_word(part) for part in parts)


@lru_cache(maxsize=1)
def _folded_words() -> frozenset[str]:
    """The Latin-script common words without diacritics ("było" -> "bylo"), as Polish and
    Romanian are often typed on phones."""
    return frozenset(_fold(word) for word in _latin_words())


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def english_vocabulary() -> frozenset[str]:
    """Whole English words (three letters or more) the sentence encoder knows."""
    return _english_vocabulary()


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    """Whole words (three letters or more) of the sentence encoder's word-piece
    vocabulary: about 21,000 English words, so a note in plain English with few
    stopwords ("room inspection completed, minor damage") is read as English."""
    path = MODEL_DIR / TOKENIZER_FILE
    if not path.is_file():
        return frozenset()  # the app refuses to start without it (encoder.check_model_files)
    vocabulary = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocabulary if len(w) >= 3 and w.isascii() and w.isalpha())


@lru_cache(maxsize=2)
def _word_table(languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each common word, and the languages it counts for (once as a stopword, once as a
    marker), so a comment is scored in one pass over its words."""
    table: dict[str, list[str]] = {}
    for lang in languages:
        for word in stopwords(lang):
            table.setdefault(word, []).append(lang)
        for word in _MARKERS[lang]:
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


def english_lexicon() -> frozenset[str]:
    """English words that carry a sentiment (VADER's lexicon): words, never names."""
    return _english_lexicon()


@lru_cache(maxsize=1)
def _english_lexicon() -> frozenset[str]:
    """English words with a sentiment (VADER's lexicon, from the installed package)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    return frozenset(
        word for line in text.splitlines() if (word := line.split("\t", 1)[0]).isalpha()
    )


def _latin_words() -> dict[str, tuple[str, ...]]:
    return _word_table(("en", "cy", "pl", "ro"))


def _score(words: list[str], table: dict[str, tuple[str, ...]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for word in words:
        for lang in table.get(word, ()):
            scores[lang] = scores.get(lang, 0) + 1
    return scores


def _arabic_script_language(text: str) -> str:
    if _PASHTO_LETTERS.search(text):
        return "ps"
    scores = _score(_WORD.findall(text), _word_table(("ar", "fa", "ps")))
    scores["fa"] = scores.get("fa", 0) + len(_PERSIAN_LETTERS.findall(text)) * 0.5
    scores["ar"] = scores.get("ar", 0) + len(_ARABIC_LETTERS.findall(text)) * 0.5
    return max(("ar", "fa", "ps"), key=lambda lang: scores.get(lang, 0))


# Scripts the shipped languages are written in: Latin, Cyrillic, Arabic (with Persian and
# Pashto letters). Letters of any other script mean a language nobody can screen here.
_SHIPPED_SCRIPT = re.compile(
    r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff\u0750-\u077f"
    r"\ufb50-\ufdff\ufe70-\ufeff]"
)
_LETTER = re.compile(r"[^\W\d_]")
# Everyday short answers that are judged, not sent to a person ("ok", "no", "nothing").
_SHORT_ANSWER_WORDS = (
    "ok okay k no yes yeah yep nope nah nothing none nil na n/a fine good great alright "
    "idk dunno thanks thx cool same meh tak nie nic dobrze da nu bine nimic ie iawn dim "
    "так ні ніщо добре نعم لا شكرا بله نه هو"
)
_SHORT_ANSWERS = frozenset(_SHORT_ANSWER_WORDS.split())
SUPPORT = ("ok", "unsupported", "too_short")


def language_support(text: str) -> tuple[str, str]:
    """The shipped language of ``text`` and whether the screen can judge it: "ok",
    "unsupported" (written in a language Sayso has no patterns or model for) or
    "too_short" (a word or two that mean nothing the screen knows)."""
    language = detect_language(text)
    letters = _LETTER.findall(text)
    if not letters:
        return language, "ok"  # numbers, punctuation: nothing to read
    foreign = sum(1 for letter in letters if not _SHIPPED_SCRIPT.match(letter))
    if foreign * 2 > len(letters):
        return language, "unsupported"
    words = _WORD.findall(text.casefold())
    known = [word for word in words if word in _SHORT_ANSWERS or _is_common(word)]
    if len(words) <= 2 and not known and len("".join(words)) < 6:
        return language, "too_short"
    return language, "ok"


def _is_common(word: str) -> bool:
    return any(word in stopwords(lang) or word in _MARKERS.get(lang, ()) for lang in SHIPPED)
