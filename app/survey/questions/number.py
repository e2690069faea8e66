"""Number questions, with an optional range (``min``, ``max``); whole numbers unless a
bound has a fraction."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Any

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import Field, StringField
from wtforms.validators import ValidationError

from app.form_of_address import addressed
from app.numbers import whole_or_decimal
from app.survey.questions.base import (
    DefinitionChecker,
    DefinitionParts,
    DraftValue,
    QuestionType,
    StoredValue,
    refuse_max_length,
    refuse_options,
    refuse_scale,
)
from app.survey.schema import Option, Question

NUMBER_PATTERN = re.compile(r"^-?\d+(\.\d+)?$")
WHOLE_NUMBER_PATTERN = re.compile(r"^-?\d+$")


class NumberType(QuestionType):
    name = "number"
    template = "number"
    takes_range = True

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_options(node, qid, checker)
        refuse_scale(node, qid, checker)
        refuse_max_length(node, qid, checker)
        return DefinitionParts()

    def required_message(self, question: Question) -> str:
        return addressed("Enter a number")

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        return StringField(
            text,
            validators=[presence, NumberValidator(question)],
            widget=GovTextInput(),
            description=help_text or "",
        )

    def draft_value(self, question: Question, data: Any) -> DraftValue:
        raw = (data or "").strip()
        return whole_or_decimal(float(raw)) if raw else None

    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        return [StoredValue(number=float(value))]

    def demo_answer(
        self,
        question: Question,
        rng: random.Random,
        lean: Callable[[list[str]], str],
        comment: Callable[[], str | None],
    ) -> DraftValue:
        top = question.max if question.max is not None else 10
        return str(rng.randint(int(question.min or 0), int(top)))


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
            return addressed(
                "Enter a whole number from %(low)s to %(high)s",
                low=whole_or_decimal(low),
                high=whole_or_decimal(high),
            )
        if low is not None:
            return addressed("Enter a whole number of %(low)s or more", low=whole_or_decimal(low))
        if high is not None:
            return addressed(
                "Enter a whole number of %(high)s or less", high=whole_or_decimal(high)
            )
        return addressed("Enter a whole number, like 7")
    if low is not None and high is not None:
        return addressed(
            "Enter a number from %(low)s to %(high)s",
            low=whole_or_decimal(low),
            high=whole_or_decimal(high),
        )
    if low is not None:
        return addressed("Enter a number of %(low)s or more", low=whole_or_decimal(low))
    if high is not None:
        return addressed("Enter a number of %(high)s or less", high=whole_or_decimal(high))
    return addressed("Enter a number, like 7")


NUMBER = NumberType()
