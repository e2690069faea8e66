"""Where a respondent is in a survey: visible pages, progress and the next step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.survey.conditions import relevant_answers, visible_pages, visible_questions
from app.survey.schema import Page, Question, Survey


@dataclass(frozen=True)
class Position:
    page: Page
    number: int
    total: int
    previous: Page | None
    next: Page | None


def locate(survey: Survey, answers: dict[str, Any], page_id: str) -> Position | None:
    """Where ``page_id`` sits among the pages shown for these answers (None if hidden)."""
    pages = visible_pages(survey, relevant_answers(survey, answers))
    for index, page in enumerate(pages):
        if page.id == page_id:
            return Position(
                page=page,
                number=index + 1,
                total=len(pages),
                previous=pages[index - 1] if index > 0 else None,
                next=pages[index + 1] if index + 1 < len(pages) else None,
            )
    return None


def first_page(survey: Survey, answers: dict[str, Any]) -> Page:
    return visible_pages(survey, relevant_answers(survey, answers))[0]


def resume_page(survey: Survey, answers: dict[str, Any], last_page: str | None) -> Page | None:
    """Where to pick up: the page after the last one saved, or None to check answers."""
    pages = visible_pages(survey, relevant_answers(survey, answers))
    if last_page is None:
        return pages[0]
    ids = [p.id for p in pages]
    if last_page not in ids:
        return pages[0]
    index = ids.index(last_page)
    return pages[index + 1] if index + 1 < len(pages) else None


def questions_shown(survey: Survey, answers: dict[str, Any]) -> list[tuple[Page, Question]]:
    """Every question the respondent is shown, with its page, for checking answers."""
    answers = relevant_answers(survey, answers)
    return [
        (page, question)
        for page in visible_pages(survey, answers)
        for question in visible_questions(page, answers)
    ]
