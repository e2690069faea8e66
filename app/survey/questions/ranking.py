"""Ranking questions: "put these in order". Each option gets a number from 1 (most
important) to the number of options, chosen from a list beside it, so the question
works without JavaScript, on a small screen and with a screen reader.

Stored as one answer row per option: the option in ``choice`` and its position in
``number``. The report shows each option's average position (lower comes first) and how
many people ranked it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from typing import Any

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import Field
from wtforms.validators import StopValidation

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
from app.survey.schema import Option, Question

FEWEST_OPTIONS = 3
MOST_OPTIONS = 6


class RankingField(Field):
    """One select per option, all named after the question; each choice's value is
    ``<option>:<position>``, so the answer does not depend on the order the browser sends
    them in. ``data`` is the options' values in the order given (None when every select
    was left blank); ``positions`` what was chosen for each option, to show it again."""

    def __init__(
        self, label: str, options: Sequence[Option], required: bool, **kwargs: Any
    ) -> None:
        super().__init__(label, **kwargs)
        self.options = tuple(options)
        self.required = required
        self.positions: dict[str, str] = {}

    def select_id(self, index: int) -> str:
        """The first select takes the field's own id, where the error summary links."""
        return self.id if index == 0 else f"{self.id}-{self.options[index].value}"

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors = []
        self.data = None
        self.positions = {}
        if formdata is not None:
            self.raw_data = [v for v in formdata.getlist(self.name) if v]
            for raw in self.raw_data:
                value, _sep, position = raw.partition(":")
                self.positions[value] = position.strip()
            return
        self.raw_data = []
        if data:
            self.positions = {value: str(n) for n, value in enumerate(data, start=1)}
            self.data = list(data)

    def pre_validate(self, form: Any) -> None:
        if self.data is not None:
            return  # shown again from a draft, not sent
        known = {o.value for o in self.options}
        given = {value: p for value, p in self.positions.items() if value in known and p}
        if not given:
            if self.required:
                raise StopValidation(RANKING.required_message_for(len(self.options)))
            return
        self.data = order_given(self.options, given)

    def _value(self) -> str:
        return ""


def order_given(options: Sequence[Option], given: Mapping[str, str]) -> list[str]:
    """The options in the order given; ``StopValidation`` naming the items when a
    number is not on the list, an item has none, or two items have the same."""
    count = len(options)
    allowed = {str(n) for n in range(1, count + 1)}
    for option in options:
        if option.value in given and given[option.value] not in allowed:
            raise StopValidation(
                addressed(
                    "Choose a number from 1 to %(count)s for “%(item)s”",
                    count=count,
                    item=option.label,
                )
            )
    missing = [o.label for o in options if o.value not in given]
    if len(missing) == 1:
        raise StopValidation(
            addressed(
                "Give “%(item)s” a number too: each one needs a different number from 1 "
                "to %(count)s",
                item=missing[0],
                count=count,
            )
        )
    if missing:
        raise StopValidation(
            addressed(
                "Give these a number too: %(items)s. Each one needs a different number from "
                "1 to %(count)s",
                items=_listed(missing),
                count=count,
            )
        )
    by_position: dict[str, list[str]] = {}
    for option in options:
        by_position.setdefault(given[option.value], []).append(option.label)
    for position, items in sorted(by_position.items(), key=lambda item: int(item[0])):
        if len(items) == 2:
            raise StopValidation(
                addressed(
                    "You gave “%(first)s” and “%(second)s” the same number, %(position)s. "
                    "Give each one a different number",
                    first=items[0],
                    second=items[1],
                    position=position,
                )
            )
        if len(items) > 2:
            raise StopValidation(
                addressed(
                    "You gave %(items)s the same number, %(position)s. "
                    "Give each one a different number",
                    items=_listed(items),
                    position=position,
                )
            )
    return sorted(given, key=lambda value: int(given[value]))


def _listed(labels: Sequence[str]) -> str:
    """Items named in a sentence, each in quotes, joined as the page's language joins a
    list ("“a”, “b” and “c”")."""
    quoted = [_("“%(item)s”", item=label) for label in labels]
    locale = str(get_locale() or "en")
    # British English: "a, b and c", as GOV.UK writes lists (Babel's "en" adds a comma).
    return format_list(quoted, locale="en_GB" if locale == "en" else locale)


class RankingType(QuestionType):
    name = "ranking"
    template = "ranking"
    several_rows = True
    report_figure = "average_rank"

    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        refuse_scale(node, qid, checker)
        refuse_max_length(node, qid, checker)
        given = node.get("options")
        if not isinstance(given, list) or not FEWEST_OPTIONS <= len(given) <= MOST_OPTIONS:
            checker.problem(
                node,
                f"question {qid!r}: a ranking question needs 'options', "
                f"from {FEWEST_OPTIONS} to {MOST_OPTIONS}",
                "options",
            )
            return DefinitionParts()
        return DefinitionParts(options=tuple(checker.listed_options(given, qid)))

    def required_message(self, question: Question) -> str:
        return self.required_message_for(len(question.options))

    def required_message_for(self, count: int) -> str:
        return addressed(
            "Put these in order: give each one a different number from 1 to %(count)s", count=count
        )

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        return RankingField(text, options, question.required, description=help_text or "")

    def draft_value(self, question: Question, data: Any) -> DraftValue:
        return list(data) if data else None

    def field_state(self, question: Question, data: Any, raw_data: Any) -> Hashable:
        if not data and not raw_data:
            return ()
        if data and set(data) == question.option_values and len(data) == len(question.options):
            return tuple(data)
        return RENDER_AFRESH

    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        return [
            StoredValue(choice=choice, number=float(position))
            for position, choice in enumerate(value, start=1)
        ]

    def read_back(self, question: Question, rows: Sequence[StoredValue]) -> Any:
        ordered = sorted(rows, key=lambda row: row.number or 0)
        return [row.choice for row in ordered]

    def answer_words(
        self,
        question: Question,
        value: DraftValue,
        label: Callable[[str], str],
        long_date: Callable[[date], str],
    ) -> list[str]:
        return [
            _("%(position)s. %(item)s", position=position, item=label(choice))
            for position, choice in enumerate(value, start=1)
        ]

    def export_cell(self, question: Question, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return " > ".join(question.label_for(choice) for choice in value)

    def demo_answer(
        self,
        question: Question,
        rng: random.Random,
        lean: Callable[[list[str]], str],
        comment: Callable[[], str | None],
    ) -> DraftValue:
        left = [o.value for o in question.options]
        order = []
        while left:
            order.append(lean(left))
            left.remove(order[-1])
        return order


def average_position(mean: float, options: int) -> float:
    """An average position as a report shows it: one decimal, within 1 to ``options``."""
    return round(min(float(options), max(1.0, mean)), 1)


RANKING = RankingType()
