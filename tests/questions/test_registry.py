"""The question-type registry: one implementation for every type a definition may use.
(Its place below every feature is held by tests/test_import_layers.py.)"""

from __future__ import annotations

import pytest

from app.config import PROJECT_ROOT
from app.survey.questions import REGISTRY, question_type
from app.survey.questions.base import QuestionType
from app.survey.schema import CHOICE_TYPES, QUESTION_TYPES, TEXT_TYPES

PACKAGE = PROJECT_ROOT / "app" / "questions"
FIELD_TEMPLATES = PROJECT_ROOT / "app" / "respond" / "templates" / "respond" / "fields"


def test_registry_covers_every_type_a_definition_may_use():
    assert set(REGISTRY) == set(QUESTION_TYPES)


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_each_type_names_itself_and_has_a_field_template(name: str):
    kind = question_type(name)
    assert isinstance(kind, QuestionType)
    assert kind.name == name
    assert (FIELD_TEMPLATES / f"{kind.template}.html").is_file()


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_each_type_says_what_the_report_shows_and_how_answers_are_screened(name: str):
    kind = question_type(name)
    assert kind.is_choice == (name in CHOICE_TYPES)
    assert kind.is_free_text == (name in TEXT_TYPES)
    assert kind.report_figure in ("share", "average_rank", "")
    assert kind.report_figure == "share" or not kind.is_choice


def test_an_unknown_type_is_a_key_error():
    with pytest.raises(KeyError):
        question_type("slider")
