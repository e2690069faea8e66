"""WTForms built from a page of a survey definition, and the values they produce.

Every question is optional unless its definition says ``required: true``. Messages are
plain words; the page shows each next to its field and in the error summary.
"""

from __future__ import annotations

from typing import Any

from wtforms import Field
from wtforms.validators import InputRequired, Optional

from app.form_base import SaysoForm
from app.survey.questions import question_type
from app.survey.schema import Question
from app.survey.translation import option_labels
from app.templating import kept


class SurveyPageForm(SaysoForm):
    """Base for generated page forms (CSRF comes from FlaskForm)."""


def build_field(question: Question, text: str, help_text: str | None) -> Field:
    """One WTForms field for one question, as its type asks it."""
    kind = question_type(question.type)
    presence = InputRequired(kind.required_message(question)) if question.required else Optional()
    return kind.build_field(question, text, help_text, presence, option_labels(question))


def build_page_form(
    questions: list[Question], texts: dict[str, tuple[str, str | None]], **kwargs: Any
) -> SurveyPageForm:
    """A form for these questions, instantiated with ``kwargs`` (formdata, data)."""
    return page_form_class(questions, texts)(**kwargs)


# Kept by language, questions and texts (app.templating.kept): a page's class (its labels,
# options and messages, translated when it is made) is the same for every respondent
# reading it in the same language, and making one costs more than using it. Bounded by
# the published pages times the languages.
PAGE_FORMS = "sayso_page_forms"


def page_form_class(
    questions: list[Question], texts: dict[str, tuple[str, str | None]]
) -> type[SurveyPageForm]:
    def make() -> type[SurveyPageForm]:
        class PageForm(SurveyPageForm):
            pass

        for question in questions:
            text, help_text = texts[question.id]
            setattr(PageForm, question.id, build_field(question, text, help_text))
        return PageForm

    key = (*questions, *(texts[question.id] for question in questions))
    return kept(PAGE_FORMS, key, make)


def answers_from_form(form: SurveyPageForm, questions: list[Question]) -> dict[str, Any]:
    """The cleaned answers of a valid form, as stored in a draft (JSON-friendly)."""
    return {
        question.id: question_type(question.type).draft_value(question, form[question.id].data)
        for question in questions
    }


def form_data_from_answers(questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """Prefill values for a page from saved answers."""
    data: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question.id)
        if value is None:
            continue
        data[question.id] = question_type(question.type).field_data(question, value)
    return data
