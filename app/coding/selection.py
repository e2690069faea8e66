"""Which comments and responses a report's free-text figures read: the WHERE clauses
the theme counts, quotes and coding pages share."""

from __future__ import annotations

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from app.coding.models import CommentCoding, CommentTheme


def effective_theme_rows() -> ColumnElement[bool]:
    """Which comment_theme rows count: human ones once reviewed, automatic ones before."""
    return or_(
        and_(CommentTheme.source == "human", CommentCoding.reviewed_at.is_not(None)),
        and_(CommentTheme.source != "human", CommentCoding.reviewed_at.is_(None)),
    )
