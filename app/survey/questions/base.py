"""What every question type tells the rest of Sayso: the interface a type module implements.

A type is one object (see :mod:`app.survey.questions`) with its own answers to the questions
features ask: which definition keys it takes, which form field asks it, how its answer is
kept in a draft and stored, how it reads back, how a person sees it on "check your
answers" and in an export, how the report counts it, and what the demo answers.
Everything here takes plain values (a question, answer values, counts), never a feature's
models, so every feature can use it and it uses none of them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from wtforms import Field

from app.survey.schema import Option, Question

# What a draft keeps for one question: a string, a list of strings, or None (JSON-friendly).
DraftValue = Any
# "The field's HTML depends on more than the question": see ``QuestionType.field_state``.
RENDER_AFRESH = object()


@dataclass(frozen=True)
class StoredValue:
    """One stored answer row's values (an answer may need several rows)."""

    choice: str | None = None
    number: float | None = None
    date_value: date | None = None
    text: str | None = None


class DefinitionChecker(Protocol):
    """What the survey loader offers a type while it checks a question's definition."""

    def problem(self, node: Any, message: str, key: str | None = None) -> None:
        """Report ``message`` at ``node`` (at ``key``'s line when given)."""

    def listed_options(self, given: list, qid: str) -> list[Option]:
        """Options written out as ``value``/``label`` mappings, each checked."""


@dataclass(frozen=True)
class DefinitionParts:
    """The type-specific parts of a question, as the type's checks found them."""

    options: tuple[Option, ...] = ()
    scale: int | None = None
    max_length: int | None = None


class QuestionType:
    """The behaviour shared by most types; each type module overrides what differs."""

    name: str = ""
    # The partial under ``respond/fields/`` that renders the field.
    template: str = "text"
    # Answers are one of the options (indicators and "prefer not to say" need this).
    is_choice: bool = False
    # Answers are free text (screened for safeguarding, themed, never shown in reports).
    is_free_text: bool = False
    # One answer is kept as several rows, so the report counts it by respondent.
    several_rows: bool = False
    # Takes ``min`` and ``max`` in its definition.
    takes_range: bool = False
    # What the report shows for each option: "share" (of those answering), "average_rank",
    # or "" (nothing per option).
    report_figure: str = ""

    # --- the survey definition ---------------------------------------------------
    def check_definition(self, node: dict, qid: str, checker: DefinitionChecker) -> DefinitionParts:
        """Check the keys only some types take; report misuse with ``checker.problem``."""
        refuse_options(node, qid, checker)
        refuse_scale(node, qid, checker)
        refuse_max_length(node, qid, checker)
        return DefinitionParts()

    # --- the respondent's form ---------------------------------------------------
    def required_message(self, question: Question) -> str:
        raise NotImplementedError

    def build_field(
        self,
        question: Question,
        text: str,
        help_text: str | None,
        presence: Any,
        options: Sequence[Option],
    ) -> Field:
        """The WTForms field asking ``question``; ``options`` have translated labels."""
        raise NotImplementedError

    def draft_value(self, question: Question, data: Any) -> DraftValue:
        """A valid field's data as a draft keeps it (None when not answered)."""
        return data or None

    def field_data(self, question: Question, value: DraftValue) -> Any:
        """A draft's value as the field's data, to show it again."""
        return value

    def field_state(self, question: Question, data: Any, raw_data: Any) -> Hashable:
        """What the field's HTML depends on besides the question and the language, when
        it is one of a few known values; ``RENDER_AFRESH`` when anything was typed."""
        if data in (None, "") and not any(raw_data or ()):
            return ()
        return RENDER_AFRESH

    # --- storage -----------------------------------------------------------------
    def stored_values(self, question: Question, value: DraftValue) -> list[StoredValue]:
        """The rows that store a draft's answer."""
        return [StoredValue(text=str(value))]

    def read_back(self, question: Question, rows: Sequence[StoredValue]) -> Any:
        """An answer from its stored rows, as an export shows it (a list for several)."""
        if len(rows) == 1:
            return _row_value(rows[0])
        return [_row_value(row) for row in rows]

    # --- what people read --------------------------------------------------------
    def answer_words(
        self,
        question: Question,
        value: DraftValue,
        label: Callable[[str], str],
        long_date: Callable[[date], str],
    ) -> list[str]:
        """The answer as "check your answers" shows it; ``label`` gives an option's
        words in the page's language."""
        return [str(value)]

    def export_cell(self, question: Question, value: Any) -> Any:
        """One CSV or spreadsheet cell for an answer as :meth:`read_back` gives it."""
        return value

    # --- demo data ---------------------------------------------------------------
    def demo_answer(
        self,
        question: Question,
        rng: random.Random,
        lean: Callable[[list[str]], str],
        comment: Callable[[], str | None],
    ) -> DraftValue:
        """A made-up answer: ``lean`` picks an option leaning towards the better ones,
        ``comment`` gives an invented comment (or None, as most people leave none)."""
        return None


def _row_value(row: StoredValue) -> Any:
    if row.choice is not None:
        return row.choice
    if row.number is not None:
        return int(row.number) if row.number == int(row.number) else row.number
    if row.date_value is not None:
        return row.date_value.isoformat()
    return row.text


def refuse_options(node: dict, qid: str, checker: DefinitionChecker) -> None:
    if node.get("options") is not None:
        checker.problem(
            node, f"question {qid!r}: 'options' are only for choice questions", "options"
        )


def refuse_scale(node: dict, qid: str, checker: DefinitionChecker) -> None:
    if "scale" in node:
        checker.problem(node, f"question {qid!r}: 'scale' is only for smiley questions", "scale")


def refuse_max_length(node: dict, qid: str, checker: DefinitionChecker) -> None:
    if "max_length" in node:
        checker.problem(
            node,
            f"question {qid!r}: 'max_length' must be a positive whole number on a text question",
            "max_length",
        )
