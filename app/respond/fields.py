"""A question's field, kept once rendered where it is the same for everyone.

A question's field is the same HTML for everyone reading it in the same language with the
same choice made (or nothing typed yet), so ``cached_field`` keeps it by the question, the
language and that state (in the store of ``app/templating.py``). Typed answers and fields
with errors are always rendered afresh: nothing a respondent wrote is kept in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from app.survey.questions import question_type
from app.survey.questions.base import RENDER_AFRESH
from app.survey.schema import Question
from app.templating import FIELDS, kept


def field_state(field: Any, question: Question) -> Hashable | None:
    """What ``field``'s HTML depends on besides its question and the language, when that
    is one of a few known values: a tuple of the option or options chosen (``(None,)``
    when none is), or ``()`` for a typed answer not yet given. None when the HTML must be
    rendered afresh: an error to show, anything typed, or a stored value that is not one
    of the question's options."""
    if field.errors:
        return None
    state = question_type(question.type).field_state(question, field.data, field.raw_data)
    return None if state is RENDER_AFRESH else state


def cached_field(question: Question, single: bool, field: Any, caller: Callable[[], str]) -> str:
    """The body of ``{% call cached_field(question, single, field) %}``: the field's HTML,
    rendered once for each question, language, page layout and state (``field_state``)."""
    state = field_state(field, question)
    if state is None:
        return caller()
    return kept(FIELDS, (question, single, state), caller)
