"""Sentiment: VADER from the packaged lexicon, adjusted for social care; other languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.themes.pipeline import ThemePipeline
from app.themes.sentiment import english_analyser, label, lexicon_score

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they listened to me", "positive"),
        ("nobody listens to me", "negative"),
        ("my social worker keeps changing", "negative"),
        ("my social worker doesn't keep changing", "positive"),
        ("i can't afford food", "negative"),
        ("my pa is always there for me", "positive"),
        ("the meeting was on tuesday", "neutral"),
    ],
)
def test_domain_adjusted_vader(text, expected):
    assert label(english_analyser().compound(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i had no problems", "positive"),
        ("no complaints at all", "positive"),
        ("no faults", "positive"),
        ("i have no worries about my carer", "positive"),
        ("no help at all", "negative"),
        ("no", "neutral"),
    ],
)
def test_no_negates_what_follows_instead_of_counting_as_negative(text, expected):
    """VADER alone scored "no problems" negative; "no" now works as "not" does."""
    assert label(english_analyser().compound(text)) == expected


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("Listen to me. More staff.", "neutral"),
        ("please listen to us", "neutral"),
        ("They listen to me and ask what I think", "positive"),
    ],
)
def test_asking_to_be_listened_to_is_not_read_as_praise(comment, expected):
    """A clause that asks for something keeps its theme but not the theme's praise."""
    themed = ThemePipeline().theme(comment, "en")
    assert "listened_to" in themed.theme_ids
    assert themed.sentiment == expected


@pytest.mark.parametrize(
    ("words", "language", "expected"),
    [
        (["czuję", "się", "bezpiecznie"], "pl", "positive"),
        (["nie", "czuję", "się", "bezpiecznie"], "pl", "negative"),
        (["mă", "simt", "singur"], "ro", "negative"),
        (["мені", "добре"], "uk", "positive"),
        (["أنا", "حزين"], "ar", "negative"),
    ],
)
def test_other_languages_use_a_small_lexicon_with_negation(words, language, expected):
    assert label(lexicon_score(words, language)) == expected


def test_the_lexicon_comes_from_the_installed_package_not_nltk_data(monkeypatch):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [])  # no downloaded data anywhere
    english_analyser.cache_clear()
    try:
        analyser = english_analyser()
        assert len(analyser.lexicon) > 7000
        assert label(analyser.compound("i am happy")) == "positive"
    finally:
        english_analyser.cache_clear()


def test_theming_library_imports_no_web_or_queue_framework():
    for path in (ROOT / "app" / "themes").glob("*.py"):
        if path.name == "cli.py":
            continue  # the command line is the edge, where Flask belongs
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                assert not any(n.startswith(("flask", "celery")) for n in names), (path, names)
