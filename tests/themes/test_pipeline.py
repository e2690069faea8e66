"""Theming comments: themes with confidence and sentiment, negation, every language."""

from __future__ import annotations

import pytest

from app.themes.codebook import parse_codebook
from app.themes.pipeline import theme_comments
from tests.themes.factories import CODEBOOK


def themes_of(pipeline, text: str, language: str | None = None) -> dict[str, str]:
    return {m.id: m.sentiment for m in pipeline.theme(text, language).themes}


def test_a_comment_can_have_several_themes_each_with_confidence_and_sentiment(pipeline):
    result = pipeline.theme("nobody listens to me at my review and i miss my mum")
    found = {m.id: m for m in result.themes}
    assert set(found) == {"listened_to", "meetings_reviews", "contact_family"}
    assert all(0.5 <= m.confidence <= 1 for m in found.values())
    assert found["listened_to"].sentiment == "negative"
    assert result.sentiment == "negative"


@pytest.mark.parametrize(
    ("text", "theme", "sentiment"),
    [
        ("I was listened to at my review", "listened_to", "positive"),
        ("I was not listened to at my review", "listened_to", "negative"),
        ("they never listen", "listened_to", "negative"),
        ("i feel safe with my carers", "safety", "positive"),
        ("i didn't feel safe at the contact centre", "safety", "negative"),
        ("my social worker keeps changing", "social_worker_change", "negative"),
        ("I've had the same social worker for years", "social_worker_change", "positive"),
    ],
)
def test_negation_and_domain_words_set_the_mention_sentiment(pipeline, text, theme, sentiment):
    assert themes_of(pipeline, text).get(theme) == sentiment


@pytest.mark.parametrize(
    ("text", "language", "theme"),
    [
        ("Dw i ddim yn teimlo'n ddiogel yn y tŷ", "cy", "safety"),
        ("Nikt mnie nie słucha", "pl", "listened_to"),
        ("Asistentul social se schimbă mereu", "ro", "social_worker_change"),
        ("У мене немає грошей на їжу", "uk", "money"),
        ("أشتاق إلى أمي", "ar", "contact_family"),
        ("احساس تنهایی می‌کنم", "fa", "loneliness"),
        ("زه ښوونځی خوښوم", "ps", "school_education"),
    ],
)
def test_every_shipped_language_is_themed_with_its_language_detected(
    pipeline, text, language, theme
):
    result = pipeline.theme(text)
    assert result.language == language
    assert theme in result.theme_ids


def test_english_words_in_another_language_still_count(pipeline):
    assert "social_worker_change" in themes_of(pipeline, "mój new social worker again", "pl")


def test_comments_no_theme_fits_are_other_and_empty_ones_have_no_theme(pipeline):
    assert pipeline.theme("i want a pet rabbit").theme_ids == ["other"]
    assert pipeline.theme("i want a pet rabbit").unmatched
    assert pipeline.theme("   ").themes == ()
    assert pipeline.theme("?!").themes == ()


def test_the_record_has_the_documented_keys_and_redacted_text(pipeline):
    record = pipeline.theme(
        "Sarah Jones never rings me back, call 07700 900123", None, 7
    ).as_record()
    assert set(record) >= {"id", "themes", "sentiment", "language", "redacted"}
    assert record["id"] == 7
    assert "Sarah" not in record["redacted"] and "07700" not in record["redacted"]
    assert "[name]" in record["redacted"] and "[phone]" in record["redacted"]
    assert set(record["themes"][0]) >= {"id", "confidence", "sentiment"}


def test_names_never_reach_the_themes(pipeline):
    # "Hope" and "Joy" are names here; redaction runs first, so they add no sentiment.
    assert pipeline.theme("Hope and Joy are my carers' daughters").sentiment == "neutral"


def test_a_batch_keeps_input_order_and_ids():
    results = theme_comments([("a", "i love school", "en"), ("b", "no money", None)])
    assert [r.id for r in results] == ["a", "b"]
    assert results[0].theme_ids == ["school_education"]
    assert results[1].theme_ids == ["money"]


def test_a_survey_codebook_replaces_the_default():
    codebook = parse_codebook(CODEBOOK, "tiny.yaml")
    results = theme_comments(
        [
            (1, "there is not enough food", "en"),
            (2, "chcę więcej jedzenia", "pl"),
            (3, "dog", "en"),
        ],
        codebook,
    )
    assert results[0].theme_ids == ["food"] and results[0].sentiment == "negative"
    assert results[1].theme_ids == ["food"]
    assert results[2].theme_ids == ["pets"]


def test_emoji_count_as_feeling(pipeline):
    assert pipeline.theme("my carers 😡😡").sentiment == "negative"
    assert pipeline.theme("my carers ❤️").sentiment == "positive"
