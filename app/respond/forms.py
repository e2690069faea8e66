"""WTForms built from a page of a survey definition, and the values they produce.

Every question is optional unless its definition says ``required: true``. Messages are
plain words; the page shows each next to its field and in the error summary.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovTextInput,
)
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.form_base import DayMonthYearField, SaysoForm
from app.numbers import whole_or_decimal
from app.survey.schema import Question
from app.survey.translation import option_labels
from app.templating import kept

NUMBER_PATTERN = re.compile(r"^-?\d+(\.\d+)?$")
WHOLE_NUMBER_PATTERN = re.compile(r"^-?\d+$")


class SurveyPageForm(SaysoForm):
    """Base for generated page forms (CSRF comes from FlaskForm)."""


class NumberValidator:
    """Accept a number within the question's range (a whole number on a whole-number
    scale). The message names the question, so several on a page are told apart."""

    def __init__(self, question: Question) -> None:
        self.question = question

    def __call__(self, form: Any, field: Field) -> None:
        raw = (field.data or "").strip()
        if not raw:
            return
        question = self.question
        low, high = question.min, question.max
        pattern = WHOLE_NUMBER_PATTERN if question.whole_numbers else NUMBER_PATTERN
        if not pattern.match(raw) or not _within(float(raw), low, high):
            message = _range_message(low, high, question.whole_numbers)
            raise ValidationError(
                _("%(question)s: %(message)s", question=field.label.text, message=message)
            )


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _range_message(low: float | None, high: float | None, whole: bool) -> str:
    if whole:
        if low is not None and high is not None:
            return _(
                "Enter a whole number from %(low)s to %(high)s",
                low=whole_or_decimal(low),
                high=whole_or_decimal(high),
            )
        if low is not None:
            return _("Enter a whole number of %(low)s or more", low=whole_or_decimal(low))
        if high is not None:
            return _("Enter a whole number of %(high)s or less", high=whole_or_decimal(high))
        return _("Enter a whole number, like 7")
    if low is not None and high is not None:
        return _(
            "Enter a number from %(low)s to %(high)s",
            low=whole_or_decimal(low),
            high=whole_or_decimal(high),
        )
    if low is not None:
        return _("Enter a number of %(low)s or more", low=whole_or_decimal(low))
    if high is not None:
        return _("Enter a number of %(high)s or less", high=whole_or_decimal(high))
    return _("Enter a number, like 7")


def required_message(question: Question) -> str:
    if question.type == "multiple_choice":
        return _("Select at least one answer")
    if question.is_choice:
        return _("Select an answer")
    if question.type == "date":
        return _("Enter a date")
    if question.type == "number":
        return _("Enter a number")
    return _("Enter an answer")


def build_field(question: Question, text: str, help_text: str | None) -> Field:
    """One WTForms field for one question."""
    presence = InputRequired(required_message(question)) if question.required else Optional()
    choices = [SelectChoice(o.value, o.label) for o in option_labels(question)]
    if question.type == "multiple_choice":
        return SelectMultipleField(
            text,
            choices=choices,
            validators=[presence],
            widget=GovCheckboxesInput(),
            description=help_text or "",
        )
    if question.is_choice:
        return RadioField(
            text,
            choices=choices,
            validators=[presence],
            widget=GovRadioInput(),
            description=help_text or "",
        )
    if question.is_free_text:
        limit = question.max_length or 2000
        message = _("Your answer must be %(limit)s characters or fewer", limit=limit)
        widget = GovTextInput() if question.type == "short_text" else GovCharacterCount()
        kind = StringField if question.type == "short_text" else TextAreaField
        return kind(
            text,
            validators=[presence, Length(max=limit, message=message)],
            widget=widget,
            description=help_text or "",
        )
    if question.type == "number":
        return StringField(
            text,
            validators=[presence, NumberValidator(question)],
            widget=GovTextInput(),
            description=help_text or "",
        )
    return DayMonthYearField(text, validators=[presence], description=help_text or "")


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
    values: dict[str, Any] = {}
    for question in questions:
        data = form[question.id].data
        if question.type == "multiple_choice":
            values[question.id] = list(data or [])
        elif question.type == "date":
            values[question.id] = data.isoformat() if data else None
        elif question.type == "number":
            raw = (data or "").strip()
            values[question.id] = whole_or_decimal(float(raw)) if raw else None
        elif question.is_free_text:
            values[question.id] = (data or "").strip() or None
        else:
            values[question.id] = data or None
    return values


def form_data_from_answers(questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """Prefill values for a page from saved answers."""
    data: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question.id)
        if value is None:
            continue
        data[question.id] = date.fromisoformat(value) if question.type == "date" else value
    return data
