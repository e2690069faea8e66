"""Small factories: responses with a free-text answer, and their stored themes."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select

from app.coding.models import CommentCoding, CommentTheme
from app.extensions import db
from app.responses.models import Answer, Response
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


# Two groups of comments no codebook theme fits, each sharing a phrase, as real groups do.
WIFI = [
    "the wifi signal keeps dropping out",
    "wifi signal never works in the evening",
    "wifi signal is too weak upstairs",
    "please fix the wifi signal",
    "wifi signal too slow for videos",
    "the wifi signal goes off at night",
    "I cannot get the wifi signal on my tablet",
    "wifi signal drops when I call my friends",
    "the wifi signal is rubbish",
    "can we get a better wifi signal",
    "the wifi signal cuts out during films",
    "wifi signal dropping out again today",
]
FOOTBALL = [
    "I love the football club on saturdays",
    "more football club sessions please",
    "the football club is great fun",
    "can we have boots for the football club",
    "football club training is the best",
    "I want to join the football club",
    "football club with the other lads is great",
    "the football club pitch is too far away",
    "the football club went to watch a match",
    "football club keeps me busy",
    "my football club coach is really kind",
    "I scored at football club on saturday",
]


def analysed(answer: Answer) -> CommentCoding:
    """Code ``answer`` with the codebook, as the coding run would."""
    from app.coding.analysis import codebook_analyser
    from app.coding.coding import code_answers

    code_answers(db.session, [answer.id], codebook_analyser())
    db.session.flush()
    return db.session.get(CommentCoding, answer.id)


def comments(survey_id: str, texts: list[str], **options: object) -> list[Answer]:
    """One response per text, a minute apart, each analysed by the codebook."""
    answers = []
    for index, text in enumerate(texts):
        at = datetime(2026, 8, 1, 12, index % 60)
        answer = comment(survey_id, text, at=at, **options)  # type: ignore[arg-type]
        analysed(answer)
        answers.append(answer)
    return answers


def approve_every_quote() -> int:
    """Approve quoting every analysed comment as redaction left it, as a participation lead
    would on the quotes page; returns how many (flagged ones are never quoted anyway)."""
    from app.coding.quotes import decide_quote

    codings = db.session.scalars(select(CommentCoding)).all()
    for coding in codings:
        decide_quote(db.session, coding.answer_id, None, True, coding.redacted.strip())
    db.session.flush()
    return len(codings)
