"""Date questions: day, month and year boxes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from wtforms import Field

from app.form_base import DayMonthYearField
from app.form_of_address import addressed
from app.survey.questions.base import DraftValue, QuestionType, StoredValue
from app.survey.schema import Option, Question


class DateType(QuestionType):
    name = "date"
    template = "date"

    def required_message(self, question: Question) -> str:
        return addressed("Enter a date")

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        return DayMonthYearField(text, validators=[presence], description=help_text or "")

    def draft_value(self, question: Question, data: Any) -> DraftValue:
        return data.isoformat() if data else None

    def field_data(self, question: Question, value: DraftValue) -> Any:
        return date.fromisoformat(value)

    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        return [StoredValue(date_value=date.fromisoformat(value))]

    def answer_words(
        self,
        question: Question,
        value: DraftValue,
        label: Callable[[str], str],
        long_date: Callable[[date], str],
    ) -> list[str]:
        return [long_date(date.fromisoformat(value))]


DATE = DateType()
