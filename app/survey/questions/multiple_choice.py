"""Questions answered with any number of options; one stored row per option chosen."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from wtforms import Field, SelectMultipleField
from wtforms.fields.choices import SelectChoice

from app.form_of_address import addressed
from app.survey.questions.base import (
    RENDER_AFRESH,
    DefinitionChecker,
    DefinitionParts,
    DraftValue,
    QuestionType,
    StoredValue,
    refuse_max_length,
    refuse_scale,
)
from app.survey.questions.choice import listed_choices
from app.survey.schema import Option, Question


class MultipleChoiceType(QuestionType):
    name = "multiple_choice"
    template = "choice"
    is_choice = True
    several_rows = True
    report_figure = "share"

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_scale(node, qid, checker)
        refuse_max_length(node, qid, checker)
        return DefinitionParts(options=tuple(listed_choices(node, qid, checker)))

    def required_message(self, question: Question) -> str:
        return addressed("Select at least one answer")

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        return SelectMultipleField(
            text,
            choices=[SelectChoice(o.value, o.label) for o in options],
            validators=[presence],
            widget=GovCheckboxesInput(),
            description=help_text or "",
        )

    def draft_value(self, question: Question, data: Any) -> DraftValue:
        return list(data or [])

    def field_state(self, question: Question, data: Any, raw_data: Any) -> Hashable:
        chosen = tuple(data or ())
        allowed = question.option_values
        return chosen if all(value in allowed for value in chosen) else RENDER_AFRESH

    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        return [StoredValue(choice=v) for v in value]

    def read_back(self, question: Question, rows: Sequence[StoredValue]) -> Any:
        return [row.choice for row in rows]

    def answer_words(
        self,
        question: Question,
        value: DraftValue,
        label: Callable[[str], str],
        long_date: Callable[[date], str],
    ) -> list[str]:
        return [label(v) for v in value]

    def export_cell(self, question: Question, value: Any) -> Any:
        return ";".join(value) if isinstance(value, list) else value

    def demo_answer(
        self,
        question: Question,
        rng: random.Random,
        lean: Callable[[list[str]], str],
        comment: Callable[[], str | None],
    ) -> DraftValue:
        options = [o.value for o in question.all_options()]
        return rng.sample(options, k=rng.randint(1, min(3, len(options))))


MULTIPLE_CHOICE = MultipleChoiceType()
