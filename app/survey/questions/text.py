"""Free-text questions: short (one line) and long (a box with a character count)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovTextInput
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import Length

from app.form_of_address import addressed
from app.survey.questions.base import (
    DefinitionChecker,
    DefinitionParts,
    DraftValue,
    QuestionType,
    StoredValue,
    refuse_options,
    refuse_scale,
)
from app.survey.schema import DEFAULT_MAX_LENGTH, Option, Question


class TextType(QuestionType):
    is_free_text = True

    def __init__(self, name: str, field: type[Field], widget: Any, comments: bool) -> None:
        self.name = name
        self.template = name
        self.field = field
        self.widget = widget
        # Whether demo respondents write in it (comments go in the long boxes).
        self.comments = comments

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_options(node, qid, checker)
        refuse_scale(node, qid, checker)
        max_length = node.get("max_length", DEFAULT_MAX_LENGTH[self.name])
        if "max_length" in node and (not isinstance(max_length, int) or max_length < 1):
            checker.problem(
                node,
                f"question {qid!r}: 'max_length' must be a positive whole number "
                "on a text question",
                "max_length",
            )
        return DefinitionParts(max_length=max_length)

    def required_message(self, question: Question) -> str:
        return addressed("Enter an answer")

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        limit = question.max_length or 2000
        message = addressed("Your answer must be %(limit)s characters or fewer", limit=limit)
        return self.field(
            text,
            validators=[presence, Length(max=limit, message=message)],
            widget=self.widget,
            description=help_text or "",
        )

    def draft_value(self, question: Question, data: Any) -> DraftValue:
        return (data or "").strip() or None

    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        return [StoredValue(text=str(value))]

    def demo_answer(
        self,
        question: Question,
        rng: random.Random,
        lean: Callable[[list[str]], str],
        comment: Callable[[], str | None],
    ) -> DraftValue:
        return comment() if self.comments else None


SHORT_TEXT = TextType("short_text", StringField, GovTextInput(), comments=False)
LONG_TEXT = TextType("long_text", TextAreaField, GovCharacterCount(), comments=True)
