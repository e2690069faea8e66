"""Evaluate "show this if" conditions against the answers given so far.

Conditions are data (see :class:`app.survey.schema.Condition`); nothing is ever
evaluated as code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.survey.schema import Condition, Page, Question, Survey

Answers = Mapping[str, Any]


def _values(answer: Any) -> set[str]:
    if answer is None or answer == "" or answer == []:
        return set()
    if isinstance(answer, list):
        return {str(v) for v in answer}
    return {str(answer)}


def condition_holds(condition: Condition | None, answers: Answers) -> bool:
    """True when ``condition`` is met (an absent condition always is)."""
    if condition is None:
        return True
    if condition.all:
        return all(condition_holds(c, answers) for c in condition.all)
    if condition.any:
        return any(condition_holds(c, answers) for c in condition.any)
    if condition.negate is not None:
        return not condition_holds(condition.negate, answers)
    given = _values(answers.get(condition.question or ""))
    if condition.answered is not None:
        return bool(given) is condition.answered
    if condition.equals is not None:
        return condition.equals in given
    return bool(given & set(condition.any_of))


def visible_questions(page: Page, answers: Answers) -> list[Question]:
    """The questions on ``page`` a respondent should see, given earlier answers."""
    if not condition_holds(page.show_if, answers):
        return []
    return [q for q in page.questions if condition_holds(q.show_if, answers)]


def visible_pages(survey: Survey, answers: Answers) -> list[Page]:
    """Pages with at least one question to show, in order."""
    return [page for page in survey.pages if visible_questions(page, answers)]


def relevant_answers(survey: Survey, answers: Answers) -> dict[str, Any]:
    """Only the answers to questions still shown: a changed answer can hide later ones.

    Conditions may only name questions on earlier pages (the loader enforces it), so one
    pass in page order settles every question's visibility.
    """
    kept: dict[str, Any] = {}
    for page in survey.pages:
        for question in visible_questions(page, kept):
            if question.id in answers and _values(answers[question.id]):
                kept[question.id] = answers[question.id]
    return kept
