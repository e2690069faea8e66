"""The question-type registry: one implementation for every type a definition may use,
and the layering that lets every feature use it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.questions import REGISTRY, question_type
from app.questions.base import QuestionType
from app.survey.schema import CHOICE_TYPES, QUESTION_TYPES, TEXT_TYPES

PACKAGE = PROJECT_ROOT / "app" / "questions"
FIELD_TEMPLATES = PROJECT_ROOT / "app" / "respond" / "templates" / "respond" / "fields"
ALLOWED = ("app.survey", "app.form_base", "app.extensions", "app.questions")
# The date field's class is imported from the respondent's forms when a form is made,
# until it moves to app.form_base with the other shared form code.
NOT_YET_MOVED = {("date.py", "app.respond.forms")}


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


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_question_types_import_no_feature_package(path: Path):
    for module in _imports(path):
        if not module.startswith("app.") or (path.name, module) in NOT_YET_MOVED:
            continue
        assert module.startswith(ALLOWED), f"{path.name} imports {module}"
