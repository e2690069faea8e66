"""The themes of a period's comments, counted by the database, for the report.

An answer's themes are its human codes once someone has reviewed it, and its automatic
codes (codebook or learned model) until then. Counts below the suppression threshold
are hidden, and so are the positive/negative splits that would reveal one.

Every count passes through :func:`app.responses.disclosure.protect_count`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.coding.models import CommentCoding, CommentTheme
from app.coding.quotes import QUOTE_POOL, report_quotes, shown_age_bands, theme_quote_pool
from app.coding.selection import effective_theme_rows
from app.responses.disclosure import Tally, protect_count
from app.responses.models import Response
from app.responses.scope import CountScope
from app.responses.shape import SuppressionNote, ThemeSummary

# VADER's usual cut-offs for calling a compound score positive or negative.
POSITIVE = 0.05
NEGATIVE = -0.05


@dataclass(frozen=True)
class ThemeTallies:
    """A theme's comments, and those among them positive and negative, with key sums."""

    theme_id: str
    comments: Tally
    positive: Tally
    negative: Tally


def theme_counts(session: Session, scope: CountScope) -> list[ThemeTallies]:
    """Each theme's comments in the scope, counted once per comment, by the database."""
    tone = func.coalesce(CommentTheme.sentiment, CommentCoding.sentiment)
    per_comment = (
        select(
            CommentTheme.theme_id.label("theme_id"),
            Response.record_key.label("record_key"),
            func.max(case((tone > POSITIVE, 1), else_=0)).label("positive"),
            func.max(case((tone < NEGATIVE, 1), else_=0)).label("negative"),
        )
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(effective_theme_rows(), *scope.conditions())
        .group_by(CommentTheme.theme_id, CommentTheme.answer_id, Response.record_key)
        .subquery("per_comment")
    )
    c = per_comment.c
    query = select(
        c.theme_id,
        func.count(),
        func.sum(c.record_key),
        func.sum(c.positive),
        func.sum(c.positive * c.record_key),
        func.sum(c.negative),
        func.sum(c.negative * c.record_key),
    ).group_by(c.theme_id)
    return [
        ThemeTallies(
            theme,
            Tally(int(n), int(keys or 0)),
            Tally(int(pos or 0), int(pos_keys or 0)),
            Tally(int(neg or 0), int(neg_keys or 0)),
        )
        for theme, n, keys, pos, pos_keys, neg, neg_keys in session.execute(query)
    ]


def scope_responses(session: Session, scope: CountScope) -> Tally:
    """The responses in a report's scope: its base, which must be shown for anything to be."""
    count, keys = session.execute(
        select(func.count(), func.sum(Response.record_key)).where(*scope.conditions())
    ).one()
    return Tally(int(count), int(keys or 0))


def shown_theme_count(
    session: Session,
    scope: CountScope,
    theme_id: str,
    threshold: int,
) -> int | None:
    """What the report shows for one theme's comments, or None when it shows nothing:
    a theme page lists comments only where its report shows the theme."""
    if protect_count(scope_responses(session, scope), threshold) is None:
        return None
    for found in theme_counts(session, scope):
        if found.theme_id == theme_id:
            return protect_count(found.comments, threshold)
    return None


def theme_summaries(
    session: Session,
    scope: CountScope,
    threshold: int,
    labels: dict[str, str],
) -> tuple[list[ThemeSummary], list[SuppressionNote]]:
    """The report's free-text section: each theme's count, tone split and approved quotes.

    Only themes whose protected count is shown are listed, most comments (as shown)
    first: a theme listed as "fewer than 10" would still say somebody mentioned it.
    """
    summaries: list[ThemeSummary] = []
    notes: list[SuppressionNote] = []
    # Counted when the first approved quote needs a label, and once for every theme.
    age_bands = cache(lambda: shown_age_bands(session, scope, threshold))

    shown = [
        (count, found)
        for found in theme_counts(session, scope)
        if (count := protect_count(found.comments, threshold)) is not None
    ]
    for count, found in sorted(shown, key=lambda pair: (-pair[0], pair[1].theme_id)):
        theme_id = found.theme_id
        positive = protect_count(found.positive, threshold)
        negative = protect_count(found.negative, threshold)
        if positive is None or negative is None:
            notes.append(SuppressionNote(f"themes/{theme_id}/tone", "below threshold"))
        pool = theme_quote_pool(session, scope, theme_id, max(QUOTE_POOL, threshold))
        quotes, awaiting = report_quotes(session, scope, theme_id, threshold, pool, age_bands)
        summaries.append(
            ThemeSummary(
                theme_id,
                labels.get(theme_id, theme_id),
                count,
                positive,
                negative,
                quotes,
                quotes_awaiting=awaiting,
            )
        )
    return summaries, notes
