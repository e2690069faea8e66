"""Reading a theme's comments to check and correct them: one page at a time, newest
first, redacted, each with all its themes and who gave them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.coding.models import CommentCoding, CommentTheme
from app.coding.selection import effective_theme_rows
from app.responses.models import Response
from app.responses.scope import CountScope
from app.safeguard.disclosure import not_flagged

PAGE_SIZE = 10


@dataclass(frozen=True)
class ReviewItem:
    """One comment as the review page shows it."""

    answer_id: int
    text: str  # redacted
    language: str
    theme_ids: list[str]
    source: str  # human (reviewed) | model | codebook (automatic)

    @property
    def reviewed(self) -> bool:
        return self.source == "human"


def theme_comments(
    session: Session,
    scope: CountScope,
    theme_id: str,
    page: int = 1,
    per_page: int = PAGE_SIZE,
    listable: int | None = None,
) -> tuple[list[ReviewItem], int]:
    """One page of the theme's comments in the period, newest first, and how many there
    are in all; with ``listable``, only the newest ``listable`` are ever listed and that
    is the total (see ``app.coding.views``)."""
    with_theme = (
        select(CommentTheme.answer_id)
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .where(CommentTheme.theme_id == theme_id, effective_theme_rows())
    )
    scope = [
        CommentCoding.answer_id.in_(with_theme),
        not_flagged(CommentCoding.answer_id),
        *scope.conditions(),
    ]
    total = session.scalar(
        select(func.count())
        .select_from(CommentCoding)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(*scope)
    )
    total = int(total or 0) if listable is None else min(int(total or 0), listable)
    offset = (max(1, page) - 1) * per_page
    rows = session.execute(
        select(CommentCoding.answer_id, CommentCoding.redacted, CommentCoding.language)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(*scope)
        .order_by(Response.submitted_at.desc(), CommentCoding.answer_id.desc())
        .offset(offset)
        .limit(max(0, min(per_page, total - offset)))
    ).all()
    themes = effective_themes(session, [answer_id for answer_id, _t, _l in rows])
    items = [
        ReviewItem(answer_id, text, language, *themes.get(answer_id, ([], "codebook")))
        for answer_id, text, language in rows
    ]
    return items, total


def effective_themes(
    session: Session, answer_ids: Sequence[int]
) -> dict[int, tuple[list[str], str]]:
    """Each answer's themes as they count now, and who gave them."""
    found: dict[int, tuple[list[str], str]] = {}
    rows = session.execute(
        select(CommentTheme.answer_id, CommentTheme.theme_id, CommentTheme.source)
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .where(CommentTheme.answer_id.in_(list(answer_ids)), effective_theme_rows())
        .order_by(CommentTheme.answer_id, CommentTheme.confidence.desc(), CommentTheme.id)
    )
    for answer_id, theme_id, source in rows:
        ids, seen = found.get(answer_id, ([], source))
        ids.append(theme_id)
        # A reviewed comment's rows are all human; an automatic one may mix model and codebook.
        found[answer_id] = (ids, "model" if "model" in (seen, source) else source)
    return found


def comment_in_scope(
    session: Session,
    answer_id: int,
    scope: CountScope,
) -> CommentCoding | None:
    """The analysed comment, if it belongs to this survey, period and person's scope."""
    return session.scalar(
        select(CommentCoding)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(CommentCoding.answer_id == answer_id, *scope.conditions())
    )
