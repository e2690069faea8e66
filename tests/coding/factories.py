"""Small factories: responses with a free-text answer, and their stored themes."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select

from app.coding.models import CommentCoding, CommentTheme
from app.extensions import db
from app.respond.models import Answer, Response
from app.survey.models import Survey


def comment(
    survey_id: str,
    text: str,
    *,
    at: datetime = datetime(2026, 8, 1, 12),
    language: str = "en",
    question_id: str = "why_not",
    team_id: int | None = None,
) -> Answer:
    """A submitted response whose one answer is ``text``."""
    survey = db.session.scalars(select(Survey).where(Survey.id == survey_id)).one()
    response = Response(
        survey_id=survey_id,
        survey_version_id=survey.current_version_id,
        submission_key=secrets.token_urlsafe(32),
        language=language,
        submitted_at=at,
        audience=survey.audience,
        team_id=team_id,
    )
    answer = Answer(question_id=question_id, text=text)
    response.answers.append(answer)
    db.session.add(response)
    db.session.flush()
    return answer


def coded(
    answer: Answer,
    themes: dict[str, float | None],
    *,
    source: str = "codebook",
    sentiment: float = 0.0,
    reviewed: bool = False,
) -> CommentCoding:
    """Store an analysis of ``answer`` with ``themes`` (id → the mention's sentiment)."""
    coding = db.session.get(CommentCoding, answer.id)
    if coding is None:
        coding = CommentCoding(
            answer_id=answer.id,
            response_id=answer.response_id,
            survey_id=answer.response.survey_id,
            question_id=answer.question_id,
            language=answer.response.language,
            sentiment=sentiment,
            redacted=answer.text or "",
        )
        db.session.add(coding)
    if reviewed:
        coding.reviewed_at = datetime(2026, 9, 1)
    for theme_id, tone in themes.items():
        coding.themes.append(
            CommentTheme(theme_id=theme_id, source=source, confidence=0.9, sentiment=tone)
        )
    db.session.flush()
    return coding
