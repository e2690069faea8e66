"""Language detection, stopwords and stemming for every shipped language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.text.language import detect_language
from app.text.letters import LETTERS_FILE, build
from app.text.normalise import normalise
from app.text.stemming import has_stemmer, stem
from app.text.stopwords import stopwords, without_stopwords

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT_DATA = DATA / "text"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("my social worker never listens", "en"),
        ("Dw i ddim yn teimlo'n ddiogel", "cy"),
        ("Nie czuję się bezpiecznie", "pl"),
        ("Nimeni nu mă ascultă", "ro"),
        ("Мене ніхто не слухає", "uk"),
        ("لا أحد يستمع إلي", "ar"),
        ("هیچ کس به حرف من گوش نمی‌دهد", "fa"),
        ("زه خوندي نه یم", "ps"),
        ("ok", "en"),
        ("", "en"),
    ],
)
def test_the_language_of_a_comment_is_detected(text, language):
    assert detect_language(text) == language


SHORT_ENGLISH = [
    "Good care & cleanliness.",
    "Great care",
    "Care was good",
    "Good care",
    "Excellent care and support",
    "Very caring staff",
    "care plan explained well",
    "Nice carer",
    "Mam came to see me",
    "Super helpful",
    "Fab",
    "Brill",
    "All good",
    "Nothing to add",
    "Staff are kind",
    "Food could be better",
    "More trips out",
    "Not sure",
    "Maybe",
    "Sometimes",
    "Yes definitely",
    "No thanks",
    "Dad came",
    "My mum",
    "Ok I guess",
    "Pizza nights",
    "Lovely foster carer",
    "Social worker never rings back",
    "Great IRO",
    "Review was fine",
    "Too long",
    "Boring meeting",
    "Helpful",
    "Nice people",
    "Cleanliness is poor",
    "Quiet house",
    "Safe and happy",
    "Kind staff, good food",
    "Care leaver support",
    "Fine thanks",
    "Nice staff",
    "more money",
    "Ten out of ten",
    "Dim lights at night",
    "Beth helped",
    "Din at tea time",
    "Continuity of care",
    "Pan of pasta",
    # From the short-English blind set (now spent): read as Polish before
    "Ta very much",
    # The one it still missed: "ta" alone (thanks)
    "ta",
    "Ta!",
    "ta love x",
    # From the second short-English blind set (now spent): read as Polish
    "Ten",
    "Ta x",
    "Ta pet",
    "love it here xx",
    # From the third short-English blind set (now spent): read as Polish
    "ten outta ten!!",
    "five outta ten tbh",
    "dunno really",
    # From the fourth (now spent)
    "ta ta for now",
    # From the fifth (now spent)
    "ta ra",
    "ta muchly",
    # From the sixth (now spent)
    "boss la",
    # From the seventh (now spent)
    "Ta la, see yous",
    "Bostin, ta bab",
    "Tidy, ta butt",
    "Hi",
]


def test_short_english_comments_are_never_taken_for_another_language():
    """Short feedback whose only common word is also Romanian ("care") or Polish stays
    English: "Good care & cleanliness." was read as Romanian, and lost its sentiment."""
    wrong = {text: detect_language(text) for text in SHORT_ENGLISH}
    assert {text: lang for text, lang in wrong.items() if lang != "en"} == {}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mae gen i god", "cy"),
        ("Nu ma simt bine", "ro"),
        ("Este bine aici", "ro"),
        ("Tak, jest dobrze", "pl"),
        ("Dim byd", "cy"),
        ("ta szkoła jest super", "pl"),
        ("ta kobieta", "pl"),
        ("Ta pani jest dobra", "pl"),
        ("ten pokój", "pl"),
        ("merg la scoala", "ro"),
        ("as vrea sa merg la fotbal", "ro"),
        ("Mae hi'n garedig", "cy"),
        ("Nos da", "cy"),
        ("Athrawon da", "cy"),
    ],
)
def test_short_comments_in_other_languages_are_not_taken_for_english(text, language):
    """English words only make a comment English when most of them are not common words
    of Welsh, Polish or Romanian too ("mae", "gen" and "i" are in English dictionaries)."""
    assert detect_language(text) == language


def test_detection_agrees_with_every_labelled_comment():
    for name in ("themes_labelled.jsonl", "themes_holdout.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert detect_language(row["text"]) == row["language"], row["text"]


def test_every_language_has_stopwords_that_keep_negators():
    for language, negator in [("en", "not"), ("pl", "nie"), ("ro", "nu"), ("uk", "не")]:
        assert stopwords(language) and negator not in stopwords(language)
    assert without_stopwords(["i", "was", "not", "listened", "to", "!"], "en") == [
        "not",
        "listened",
    ]


def test_snowball_stems_where_the_language_has_a_stemmer():
    assert stem("listening", "en") == stem("listened", "en") == "listen"
    assert stem("ascultat", "ro") == "ascult"
    assert has_stemmer("ar") and not has_stemmer("pl")
    assert stem("słuchają", "pl") == "słuchają"


def test_emoji_become_words_only_when_asked():
    assert normalise("sad 😢") == "sad 😢"
    assert normalise("so 😢", emoji=True) == "so sad"


def test_text_speak_can_be_left_alone_for_other_languages():
    assert normalise("nie mam pieniędzy") == "nie mum pieniędzy"  # the English map
    assert normalise("nie mam pieniędzy", speak=False) == "nie mam pieniędzy"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Short answers typed without accents, with no common word of their language
        # (from the spent short control set): English before the letters were read.
        ("Czuje sie samotny", "pl"),
        ("Potrzebuje wiecej pomocy", "pl"),
        ("Nu ma simt in siguranta", "ro"),
        ("Ma doare capul", "ro"),
        ("Dwi'n teimlo'n unig", "cy"),
        ("Methu cysgu", "cy"),
    ],
)
def test_short_answers_without_accents_are_read_by_their_letters(text, language):
    assert detect_language(text) == language


def test_most_short_answers_in_welsh_polish_and_romanian_are_not_taken_for_english():
    """The spent control set (300 short answers, 100 each): 97 were English before, 28
    now (one-word and very short answers mostly; English keeps the benefit of the doubt)."""
    lines = (TEXT_DATA / "short_other_1.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    english = [row["text"] for row in rows if detect_language(row["text"]) == "en"]
    assert len(english) <= 30, english


def test_the_shipped_letter_counts_are_built_from_the_labelled_comments():
    """Rebuild with `python -m app.text.letters` after the labelled comments change."""
    root = Path(__file__).resolve().parents[2]
    assert json.loads(LETTERS_FILE.read_text(encoding="utf-8")) == build(root)
