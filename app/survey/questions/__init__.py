"""The question types Sayso knows, and what each one does.

Each type lives in its own module (a family of types that truly behave alike shares
one) and implements :class:`app.survey.questions.base.QuestionType`. The registry below lists
them by name; features (the survey loader, the respondent's forms, storage, "check your
answers", exports, reports, demo data) ask it what to do instead of testing type names.
Adding a type: write its module, list its object here, add its name to
``app.survey.schema.QUESTION_TYPES``, and add a partial ``respond/fields/<template>.html``.
See docs/question-types.md.
"""

from __future__ import annotations

from app.survey.questions.base import QuestionType
from app.survey.questions.choice import AGREEMENT, SINGLE_CHOICE, SMILEY, YES_NO_NOT_SURE
from app.survey.questions.date import DATE
from app.survey.questions.multiple_choice import MULTIPLE_CHOICE
from app.survey.questions.number import NUMBER
from app.survey.questions.ranking import RANKING
from app.survey.questions.text import LONG_TEXT, SHORT_TEXT

REGISTRY: dict[str, QuestionType] = {
    kind.name: kind
    for kind in (
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        AGREEMENT,
        SMILEY,
        YES_NO_NOT_SURE,
        SHORT_TEXT,
        LONG_TEXT,
        NUMBER,
        DATE,
        RANKING,
    )
}


def question_type(name: str) -> QuestionType:
    """The type called ``name``; ``KeyError`` for a name no module implements."""
    return REGISTRY[name]


__all__ = ["REGISTRY", "QuestionType", "question_type"]
