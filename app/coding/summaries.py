"""The themes of a period's comments, counted by the database, for the report.

An answer's themes are its human codes once someone has reviewed it, and its automatic
codes (codebook or learned model) until then. Counts below the suppression threshold
are hidden, and so are the positive/negative splits that would reveal one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.coding.models import CommentCoding, CommentTheme
from app.report.filters import Filters
from app.report.periods import Period
from app.report.shape import SuppressionNote, ThemeSummary
from app.respond.models import Response
from app.safeguard.disclosure import not_flagged
from app.themes.pipeline import ThemedComment, ThemeMention
from app.themes.quotes import representative_quotes

# VADER's usual cut-offs for calling a compound score positive or negative.
POSITIVE = 0.05
NEGATIVE = -0.05
QUOTES_PER_THEME = 3
QUOTE_POOL = 200


def effective_theme_rows() -> ColumnElement[bool]:
    """Which comment_theme rows count: human ones once reviewed, automatic ones before."""
    return or_(
        and_(CommentTheme.source == "human", CommentCoding.reviewed_at.is_not(None)),
        and_(CommentTheme.source != "human", CommentCoding.reviewed_at.is_(None)),
    )


def response_scope(
    survey_ids: Sequence[str], period: Period, filters: Filters
) -> list[ColumnElement[bool]]:
    """The WHERE clauses that pick a report's responses."""
    clauses: list[ColumnElement[bool]] = [
        Response.survey_id.in_(list(survey_ids)),
        Response.submitted_at >= datetime.combine(period.start, time.min),
        Response.submitted_at < datetime.combine(period.end, time.min),
    ]
    for name, value in filters.as_dict().items():
        clauses.append(getattr(Response, name) == value)
    return clauses


def theme_counts(
    session: Session, survey_ids: Sequence[str], period: Period, filters: Filters
) -> list[tuple[str, int, int, int]]:
    """(theme id, comments, positive mentions, negative mentions), most comments first."""
    tone = func.coalesce(CommentTheme.sentiment, CommentCoding.sentiment)
    query = (
        select(
            CommentTheme.theme_id,
            func.count(func.distinct(CommentTheme.answer_id)),
            func.sum(case((tone > POSITIVE, 1), else_=0)),
            func.sum(case((tone < NEGATIVE, 1), else_=0)),
        )
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(effective_theme_rows(), *response_scope(survey_ids, period, filters))
        .group_by(CommentTheme.theme_id)
        .order_by(func.count(func.distinct(CommentTheme.answer_id)).desc(), CommentTheme.theme_id)
    )
    return [
        (theme, int(n), int(pos or 0), int(neg or 0))
        for theme, n, pos, neg in session.execute(query)
    ]


def theme_quote_pool(
    session: Session,
    survey_ids: Sequence[str],
    period: Period,
    filters: Filters,
    theme_id: str,
    limit: int = QUOTE_POOL,
) -> list[ThemedComment]:
    """Redacted comments of one theme in the period (a bounded sample, newest first)."""
    query = (
        select(
            CommentCoding.answer_id,
            CommentCoding.language,
            CommentCoding.redacted,
            CommentCoding.sentiment,
            CommentTheme.confidence,
            func.coalesce(CommentTheme.sentiment, CommentCoding.sentiment),
        )
        .join(CommentTheme, CommentTheme.answer_id == CommentCoding.answer_id)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(
            CommentTheme.theme_id == theme_id,
            effective_theme_rows(),
            not_flagged(CommentCoding.answer_id),
            *response_scope(survey_ids, period, filters),
        )
        .order_by(Response.submitted_at.desc(), CommentCoding.answer_id.desc())
        .limit(limit)
    )
    return [
        ThemedComment(
            answer_id, language, redacted, sentiment, (ThemeMention(theme_id, confidence, tone),)
        )
        for answer_id, language, redacted, sentiment, confidence, tone in session.execute(query)
    ]


def theme_summaries(
    session: Session,
    survey_ids: Sequence[str],
    period: Period,
    filters: Filters,
    threshold: int,
    labels: dict[str, str],
) -> tuple[list[ThemeSummary], list[SuppressionNote]]:
    """The report's free-text section: each theme's count, tone split and a few quotes."""
    summaries: list[ThemeSummary] = []
    notes: list[SuppressionNote] = []
    for theme_id, count, positive, negative in theme_counts(session, survey_ids, period, filters):
        label = labels.get(theme_id, theme_id)
        if count < threshold:
            summaries.append(ThemeSummary(theme_id, label, None, None, None, [], suppressed=True))
            notes.append(SuppressionNote(f"themes/{theme_id}", "below threshold"))
            continue
        shown_positive, shown_negative = _tone_split(count, positive, negative, threshold)
        if (shown_positive, shown_negative) != (positive, negative):
            notes.append(SuppressionNote(f"themes/{theme_id}/tone", "secondary"))
        pool = theme_quote_pool(
            session, survey_ids, period, filters, theme_id, max(QUOTE_POOL, threshold)
        )
        picked = representative_quotes(pool, threshold, QUOTES_PER_THEME).get(theme_id, [])
        summaries.append(
            ThemeSummary(
                theme_id, label, count, shown_positive, shown_negative, [q.text for q in picked]
            )
        )
    return summaries, notes


def _tone_split(
    count: int, positive: int, negative: int, threshold: int
) -> tuple[int | None, int | None]:
    """Hide a tone count, and its partner, when it (or the neutral rest) is small.

    Comments are positive, negative or neutral and the three add up to ``count``, so
    showing two of them shows the third. Both show only when each is at least the
    threshold and the neutral rest is either none at all or at least the threshold.
    """
    neutral = count - positive - negative
    if positive < threshold or negative < threshold or 0 < neutral < threshold:
        return None, None
    return positive, negative
