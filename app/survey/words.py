"""Survey words for templates on every page: ``st(...)`` translates a piece of survey text,
``answer_words(...)`` puts a saved answer into words, ``question_template(...)`` names the
partial that renders a question's field. The app adds them to Jinja when it is made
(``app/__init__.py``), so any feature's templates may use them."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app.survey.questions import question_type
from app.survey.schema import Question, Survey
from app.survey.translation import survey_text
from app.templating import long_date


def answer_words(survey: Survey, question_id: str, value: Any) -> list[str]:
    """Human words for a saved answer, as "check your answers" shows them."""
    question = survey.question(question_id)
    if value in (None, "", []):
        return []
    return question_type(question.type).answer_words(
        question, value, lambda option: survey_text(question.label_for(option)), long_date
    )


def question_template(question: Question) -> str:
    """The partial under ``respond/fields/`` that renders a question's field."""
    return question_type(question.type).template


def add_survey_words(app: Flask) -> None:
    app.jinja_env.globals["st"] = survey_text
    app.jinja_env.globals["answer_words"] = answer_words
    app.jinja_env.globals["question_template"] = question_template
