"""Which comments and responses a report's free-text figures read: the WHERE clauses
the theme counts, quotes and coding pages share."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from app.coding.models import CommentCoding, CommentTheme
from app.report.filters import Filters
from app.report.periods import Period, utc_boundary
from app.respond.models import Response


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
        Response.submitted_at >= utc_boundary(period.start),
        Response.submitted_at < utc_boundary(period.end),
    ]
    for name, value in filters.as_dict().items():
        clauses.append(getattr(Response, name) == value)
    return clauses
