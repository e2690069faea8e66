"""Code free-text answers as they arrive, recode a survey on demand, and record people's codes.

Only long-text answers are themed: the short text questions in Sayso's questionnaires ask
for contact details, which are not comments and must never be shown in a report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, false, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app import clock
from app.coding.models import CommentCoding, CommentTheme, CommentVector
from app.responses.models import Answer, Response
from app.survey.models import SurveyVersion
from app.text.vector_memory import digest, to_text
from app.themes.pipeline import ThemedComment, ThemeMention

BATCH = 500


# Takes (text, language or None) pairs; returns one themed comment each, in order.
Analyser = Callable[[Sequence[tuple[str, str | None]]], list[ThemedComment]]


def long_text_answers(session: Session) -> ColumnElement[bool]:
    """A WHERE clause for answers to long-text questions, across every survey version."""
    clauses = []
    for version_id, definition in session.execute(
        select(SurveyVersion.id, SurveyVersion.definition)
    ):
        ids = [
            question["id"]
            for page in definition.get("pages", [])
            for question in page.get("questions", [])
            if question.get("type") == "long_text"
        ]
        if ids:
            clauses.append(
                and_(Response.survey_version_id == version_id, Answer.question_id.in_(ids))
            )
    return or_(*clauses) if clauses else false()


def uncoded_answer_ids(session: Session, limit: int = BATCH) -> list[int]:
    """Long-text answers with words in them that nothing has analysed yet, oldest first."""
    query = (
        select(Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(CommentCoding, CommentCoding.answer_id == Answer.id)
        .where(
            CommentCoding.answer_id.is_(None),
            Answer.text.is_not(None),
            Answer.text != "",
            long_text_answers(session),
        )
        .order_by(Answer.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def code_answers(
    session: Session, answer_ids: Sequence[int], analyse: Analyser, source: str = "codebook"
) -> int:
    """Analyse and store the given answers that are not analysed yet; returns how many.

    Safe to run twice or in two workers at once: a second writer's insert fails on the
    primary key and its batch is rolled back to the savepoint, storing nothing twice.
    """
    rows = session.execute(
        select(Answer.id, Answer.text, Answer.question_id, Response.id, Response.survey_id)
        .add_columns(Response.language)
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(CommentCoding, CommentCoding.answer_id == Answer.id)
        .where(Answer.id.in_(list(answer_ids)), CommentCoding.answer_id.is_(None))
        .order_by(Answer.id)
    ).all()
    if not rows:
        return 0
    results = analyse([(text or "", language) for _a, text, _q, _r, _s, language in rows])
    try:
        with session.begin_nested():
            for (answer_id, _text, question_id, response_id, survey_id, _l), result in zip(
                rows, results, strict=True
            ):
                coding = CommentCoding(
                    answer_id=answer_id,
                    response_id=response_id,
                    survey_id=survey_id,
                    question_id=question_id,
                    language=result.language,
                    sentiment=result.sentiment_score,
                    redacted=result.redacted,
                    analysed_at=clock.utcnow(),
                )
                coding.themes = _theme_rows(result.themes, source)
                session.add(coding)
                if result.vector is not None:
                    session.add(_vector_row(answer_id, result))
    except IntegrityError:
        return 0
    return len(rows)


def recode_answers(
    session: Session, answer_ids: Sequence[int], analyse: Analyser, source: str
) -> int:
    """Replace the automatic codes of already-analysed answers (human codes are kept)."""
    codings = list(
        session.scalars(
            select(CommentCoding)
            .where(CommentCoding.answer_id.in_(list(answer_ids)))
            .order_by(CommentCoding.answer_id)
        )
    )
    if not codings:
        return 0
    texts = {
        answer_id: text
        for answer_id, text in session.execute(
            select(Answer.id, Answer.text).where(Answer.id.in_(list(answer_ids)))
        )
    }
    results = analyse([(texts.get(c.answer_id) or "", c.language) for c in codings])
    session.execute(
        delete(CommentTheme).where(
            CommentTheme.answer_id.in_([c.answer_id for c in codings]),
            CommentTheme.source != "human",
        )
    )
    session.expire_all()
    for coding, result in zip(codings, results, strict=True):
        coding.sentiment = result.sentiment_score
        coding.redacted = result.redacted
        coding.analysed_at = clock.utcnow()
        session.add_all(
            CommentTheme(answer_id=coding.answer_id, **vars(row))
            for row in _theme_rows_plain(result.themes, source)
        )
    store_vectors(
        session,
        {
            c.answer_id: (digest(r.redacted), r.vector)
            for c, r in zip(codings, results, strict=True)
            if r.vector is not None
        },
    )
    return len(codings)


def store_vectors(
    session: Session, vectors: dict[int, tuple[str, Any]], existing: set[int] | None = None
) -> None:
    """Keep encoder vectors (answer id → (digest, vector)): new rows added, existing
    ones replaced in one statement. ``existing`` (the answer ids that already have a
    row) is looked up when not given."""
    if not vectors:
        return
    if existing is None:
        existing = set(
            session.scalars(
                select(CommentVector.answer_id).where(CommentVector.answer_id.in_(list(vectors)))
            )
        )
    rows = [
        {"answer_id": answer_id, "digest": key, "vector": to_text(vector)}
        for answer_id, (key, vector) in vectors.items()
    ]
    session.add_all(CommentVector(**row) for row in rows if row["answer_id"] not in existing)
    changed = [row for row in rows if row["answer_id"] in existing]
    if changed:
        session.execute(update(CommentVector), changed)


def _vector_row(answer_id: int, result: ThemedComment) -> CommentVector:
    """The encoder's vector theming worked out, kept for training a theme model."""
    return CommentVector(
        answer_id=answer_id, digest=digest(result.redacted), vector=to_text(result.vector)
    )


def coded_answer_ids(session: Session, survey_ids: Sequence[str]) -> list[int]:
    """Every analysed answer of these surveys (for recoding a whole survey on demand)."""
    query = (
        select(CommentCoding.answer_id)
        .where(CommentCoding.survey_id.in_(list(survey_ids)))
        .order_by(CommentCoding.answer_id)
    )
    return list(session.scalars(query))


def set_human_codes(
    session: Session, answer_id: int, theme_ids: Sequence[str], staff_id: int
) -> CommentCoding:
    """Record a person's themes for one comment; from now on only these count for it."""
    coding = session.get(CommentCoding, answer_id)
    if coding is None:
        raise LookupError(f"answer {answer_id} has not been analysed")
    session.execute(
        delete(CommentTheme).where(
            CommentTheme.answer_id == answer_id, CommentTheme.source == "human"
        )
    )
    session.expire(coding, ["themes"])
    session.add_all(
        CommentTheme(
            answer_id=answer_id, theme_id=theme_id, source="human", confidence=1.0, sentiment=None
        )
        for theme_id in dict.fromkeys(theme_ids)
    )
    coding.reviewed_at = clock.utcnow()
    coding.reviewed_by_id = staff_id
    return coding


@dataclass(frozen=True)
class _Row:
    theme_id: str
    source: str
    confidence: float
    sentiment: float | None


def _theme_rows_plain(mentions: Sequence[ThemeMention], source: str) -> list[_Row]:
    seen: dict[str, _Row] = {}
    for mention in mentions:
        if mention.id not in seen:
            seen[mention.id] = _Row(mention.id, source, mention.confidence, mention.sentiment_score)
    return list(seen.values())


def _theme_rows(mentions: Sequence[ThemeMention], source: str) -> list[CommentTheme]:
    return [CommentTheme(**vars(row)) for row in _theme_rows_plain(mentions, source)]
