"""Questions answered with one option: single choice, and the built-in scales
(agreement, smiley faces, yes/no/not sure), whose option values are fixed."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import Field, RadioField
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
from app.survey.schema import (
    AGREEMENT_OPTIONS,
    SMILEY_OPTIONS,
    YES_NO_NOT_SURE_OPTIONS,
    Option,
    Question,
)


class ChoiceType(QuestionType):
    """One option from a list the definition writes out."""

    name = "single_choice"
    template = "choice"
    is_choice = True
    report_figure = "share"

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_scale(node, qid, checker)
        refuse_max_length(node, qid, checker)
        return DefinitionParts(options=tuple(listed_choices(node, qid, checker)))

    def required_message(self, question: Question) -> str:
        return addressed("Select an answer")

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        return RadioField(
            text,
            choices=[SelectChoice(o.value, o.label) for o in options],
            validators=[presence],
            widget=GovRadioInput(),
            description=help_text or "",
        )

    def field_state(self, question: Question, data: Any, raw_data: Any) -> Hashable:
        return (data,) if data is None or data in question.option_values else RENDER_AFRESH

    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        return [StoredValue(choice=str(value))]

    def read_back(self, question: Question, rows: Sequence[StoredValue]) -> Any:
        return rows[0].choice if rows else None

    def answer_words(
        self,
        question: Question,
        value: DraftValue,
        label: Callable[[str], str],
        long_date: Callable[[date], str],
    ) -> list[str]:
        return [label(value)]

    def demo_answer(
        self,
        question: Question,
        rng: random.Random,
        lean: Callable[[list[str]], str],
        comment: Callable[[], str | None],
    ) -> DraftValue:
        return lean([o.value for o in question.all_options()])


def listed_choices(node: dict, qid: str, checker: DefinitionChecker) -> list[Option]:
    """The options a single or multiple choice question lists: at least two."""
    given = node.get("options")
    if not isinstance(given, list) or len(given) < 2:
        checker.problem(
            node, f"question {qid!r}: a choice question needs 'options', at least two", "options"
        )
        return []
    return checker.listed_options(given, qid)


class ScaleType(ChoiceType):
    """A built-in scale: a definition may relabel its options but never change them,
    so reports can compare like with like across surveys."""

    template = "scale"

    def __init__(self, name: str, builtin: tuple[tuple[str, str], ...]) -> None:
        self.name = name
        self.builtin = builtin

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_scale(node, qid, checker)
        refuse_max_length(node, qid, checker)
        return DefinitionParts(options=tuple(relabelled(node, qid, self.builtin, checker)))


class SmileyType(ChoiceType):
    """Faces on a three- or five-point scale (``scale: 3`` or ``scale: 5``)."""

    name = "smiley"
    template = "smiley"

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_max_length(node, qid, checker)
        scale = node.get("scale")
        if scale not in SMILEY_OPTIONS:
            checker.problem(
                node, f"question {qid!r}: a smiley scale needs 'scale: 3' or 'scale: 5'", "scale"
            )
            return DefinitionParts()
        options = relabelled(node, qid, SMILEY_OPTIONS[scale], checker)
        return DefinitionParts(options=tuple(options), scale=scale)


def relabelled(
    node: dict, qid: str, builtin: tuple[tuple[str, str], ...], checker: DefinitionChecker
) -> list[Option]:
    """Built-in options, with labels a definition may replace (never their values)."""
    given = node.get("options")
    labels = dict(builtin)
    if given is None:
        return [Option(v, label) for v, label in builtin]
    if not isinstance(given, list):
        checker.problem(node, f"question {qid!r}: 'options' must be a list", "options")
        return []
    for item in checker.listed_options(given, qid):
        if item.value not in labels:
            checker.problem(
                given, f"question {qid!r}: option {item.value!r} is not one of {', '.join(labels)}"
            )
        else:
            labels[item.value] = item.label
    return [Option(v, labels[v]) for v, _label in builtin]


SINGLE_CHOICE = ChoiceType()
AGREEMENT = ScaleType("agreement", AGREEMENT_OPTIONS)
YES_NO_NOT_SURE = ScaleType("yes_no_not_sure", YES_NO_NOT_SURE_OPTIONS)
SMILEY = SmileyType()
