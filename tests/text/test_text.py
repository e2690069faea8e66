"""The text library: normalising, tokenising and negation, in every shipped language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.text.negation import negated
from app.text.normalise import normalise
from app.text.tokenise import clauses, tokens

ROOT = Path(__file__).resolve().parents[2]


def test_text_speak_and_apostrophes_are_normalised():
    assert normalise("I DONT wanna go hooome\u2019s") == "i don't want to go hoome's"
    assert normalise("kms") == "kill myself"
    assert normalise("step dad\u200b hits me") == "stepdad hits me"


def test_hyphenated_words_stay_whole():
    assert tokens(normalise("m-a lovit mama")) == ["m-a", "lovit", "mama"]


def test_tokens_in_other_scripts():
    assert tokens("لا أشعر بالأمان") == ["لا", "أشعر", "بالأمان"]
    assert tokens("не почуваюся в безпеці") == ["не", "почуваюся", "в", "безпеці"]


def test_clauses_split_on_punctuation_and_but():
    assert clauses(tokens("i am safe, but he hits me")) == [
        ["i", "am", "safe"],
        ["he", "hits", "me"],
    ]


@pytest.mark.parametrize(
    ("words", "index", "expected"),
    [
        (["i", "don't", "feel", "safe"], 3, True),
        (["i", "feel", "safe", "now"], 2, False),
        (["nimeni", "nu", "mă", "bate"], 2, True),
        (["nie", "czuję", "się", "bezpiecznie"], 3, True),
        (["احساس", "امنیت", "نمیکنم"], 0, True),  # Persian negates after: "I do not feel safe"
    ],
)
def test_negation_looks_a_few_words_back(words, index, expected):
    assert negated(words, index) is expected


def test_text_library_imports_no_web_or_queue_framework():
    files = [
        *(ROOT / "app" / "text").glob("*.py"),
        ROOT / "app" / "safeguard" / "screening.py",
    ]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert not name.startswith(("flask", "celery")), (path, name)
