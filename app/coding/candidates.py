"""Emerging themes: comments no theme fits, grouped into candidates a participation lead
accepts into the codebook, renames, or dismisses.

Only comments whose one theme is "other" are grouped, and only their redacted text is
read. A group smaller than the suppression threshold is never made, and a stored group is
shown to a person only when at least that many of its comments are theirs to see.
Candidates are kept per team: a team's search replaces that team's undecided candidates
only, never another team's (a search across the whole service has its own). A group like
one already decided for the same team or service-wide (the same label, or mostly the same
comments) is not offered again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from app import clock
from app.coding.models import CommentCoding, CommentTheme, LocalTheme, ThemeCandidate
from app.coding.selection import effective_theme_rows
from app.responses.disclosure import Tally, protect_count
from app.responses.filters import Filters
from app.responses.models import Response
from app.responses.periods import parse_period
from app.responses.scope import CountScope
from app.responses.subjects import UnknownSurvey, resolve_subject
from app.safeguard.disclosure import not_flagged
from app.themes.emerging import MIN_GROUP, Candidate, emerging_themes
from app.themes.pipeline import FALLBACK_CONFIDENCE, OTHER, ThemedComment, ThemeMention

MAX_UNMATCHED = 2000  # newest first: bounds the time one search takes
EXAMPLES = 3
SHOWN_LIMIT = 30  # candidates per list: a search makes at most eight
CHUNK = 500  # ids per IN (...) list, well inside every database's limit
LABEL_LIMIT = 120


@dataclass(frozen=True)
class ShownCandidate:
    """A stored candidate as one person may see it: their comments only."""

    candidate: ThemeCandidate
    size: int
    examples: list[str]


def unmatched_comments(
    session: Session,
    scope: CountScope,
    limit: int = MAX_UNMATCHED,
) -> list[ThemedComment]:
    """The period's comments whose only theme is "other", newest first, redacted."""
    only_other = (
        select(CommentTheme.answer_id)
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(effective_theme_rows(), *scope.conditions())
        .group_by(CommentTheme.answer_id)
        .having(
            func.count(func.distinct(CommentTheme.theme_id)) == 1,
            func.max(CommentTheme.theme_id) == OTHER,
        )
    )
    rows = session.execute(
        select(
            CommentCoding.answer_id,
            CommentCoding.language,
            CommentCoding.redacted,
            CommentCoding.sentiment,
        )
        .where(CommentCoding.answer_id.in_(only_other), not_flagged(CommentCoding.answer_id))
        .order_by(CommentCoding.answer_id.desc())
        .limit(limit)
    )
    return [
        ThemedComment(
            answer_id, language, text, tone, (ThemeMention(OTHER, FALLBACK_CONFIDENCE, tone),)
        )
        for answer_id, language, text, tone in rows
    ]


def find_candidates(
    session: Session,
    survey_key: str,
    scope: CountScope,
    threshold: int,
) -> list[ThemeCandidate]:
    """Group the unmatched comments and store the groups, replacing undecided ones."""
    comments = unmatched_comments(session, scope)
    found = emerging_themes(comments, min_group=max(MIN_GROUP, threshold))
    team = scope.filters.team_id
    same_team = ThemeCandidate.team_id.is_(None) if team is None else ThemeCandidate.team_id == team
    decided = session.scalars(
        select(ThemeCandidate).where(
            ThemeCandidate.survey_key == survey_key,
            ThemeCandidate.status != "new",
            or_(same_team, ThemeCandidate.team_id.is_(None)),
        )
    ).all()
    session.execute(
        delete(ThemeCandidate).where(
            ThemeCandidate.survey_key == survey_key, ThemeCandidate.status == "new", same_team
        )
    )
    texts = {comment.id: comment.redacted for comment in comments}
    stored = [
        ThemeCandidate(
            survey_key=survey_key,
            team_id=team,
            label=candidate.label[:LABEL_LIMIT],
            key_terms=list(candidate.key_terms),
            answer_ids=_examples_first(candidate, texts),
            status="new",
            created_at=clock.utcnow(),
        )
        for candidate in found
        if not any(_alike(candidate, other) for other in decided)
    ]
    session.add_all(stored)
    return stored


def find_candidates_for(
    session: Session,
    survey_key: str,
    period_label: str,
    filters: dict[str, Any],
    threshold: int,
) -> int:
    """:func:`find_candidates` from codes alone, as a task is given them; returns how many
    were stored (none when the survey has been withdrawn since)."""
    try:
        subject = resolve_subject(session, survey_key)
        period = parse_period(period_label)
    except (UnknownSurvey, ValueError):
        return 0
    known = {name: filters[name] for name in Filters.__dataclass_fields__ if name in filters}
    stored = find_candidates(
        session, survey_key, CountScope.of(subject.survey_ids, period, Filters(**known)), threshold
    )
    return len(stored)


def _examples_first(candidate: Candidate, texts: dict[int, str]) -> list[int]:
    """The group's comment ids, its most typical ones (the library's examples) first."""
    first: list[int] = []
    for example in candidate.examples:
        match = next(
            (i for i in candidate.comment_ids if texts.get(i) == example and i not in first), None
        )
        if match is not None:
            first.append(match)
    return first + [i for i in candidate.comment_ids if i not in first]


def _alike(candidate: Candidate, decided: ThemeCandidate) -> bool:
    if candidate.label.casefold() == decided.label.casefold():
        return True
    shared = set(candidate.comment_ids) & set(decided.answer_ids or [])
    return 2 * len(shared) >= candidate.size


def shown_candidates(
    session: Session,
    survey_key: str,
    scope: CountScope,
    threshold: int,
    statuses: Iterable[str] = ("new",),
) -> list[ShownCandidate]:
    """Candidates whose comments in this person's view of the period make a count
    :func:`app.responses.disclosure.protect_count` shows, with that (perturbed) count and a
    few of those comments (redacted) as examples."""
    query = (
        select(ThemeCandidate)
        .where(ThemeCandidate.survey_key == survey_key, ThemeCandidate.status.in_(list(statuses)))
        .order_by(ThemeCandidate.id.desc())
        .limit(SHOWN_LIMIT)
    )
    candidates = list(session.scalars(query))
    wanted = {i for c in candidates for i in (c.answer_ids or [])}
    visible = _visible_texts(session, wanted, scope)
    shown = []
    for candidate in candidates:
        members = [i for i in candidate.answer_ids or [] if i in visible]
        keys = sum(visible[i][1] for i in members)
        size = protect_count(Tally(len(members), keys), threshold)
        if size is not None:
            examples = [visible[i][0] for i in members[:EXAMPLES]]
            shown.append(ShownCandidate(candidate, size, examples))
    return sorted(shown, key=lambda c: -c.size)


def _visible_texts(
    session: Session, ids: set[int], scope: CountScope
) -> dict[int, tuple[str, int]]:
    """Redacted text and record key of those ``ids`` in the period and this person's scope."""
    ordered = sorted(ids)
    found: dict[int, tuple[str, int]] = {}
    for start in range(0, len(ordered), CHUNK):
        found |= {
            answer_id: (text, record_key)
            for answer_id, text, record_key in session.execute(
                select(CommentCoding.answer_id, CommentCoding.redacted, Response.record_key)
                .join(Response, Response.id == CommentCoding.response_id)
                .where(
                    CommentCoding.answer_id.in_(ordered[start : start + CHUNK]),
                    not_flagged(CommentCoding.answer_id),
                    *scope.conditions(),
                )
            )
        }
    return found


def suggested_theme_id(label: str) -> str:
    """A theme id made from a label: "bus passes" → "bus_passes"."""
    slug = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")[:34].strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"theme_{slug}".rstrip("_")
    return slug


def accept_candidate(
    session: Session,
    candidate: ThemeCandidate,
    theme_id: str,
    label: str,
    terms: Sequence[str],
    staff_id: int | None,
) -> LocalTheme:
    """Add the candidate to the codebook as a theme; the caller recodes comments."""
    theme = LocalTheme(
        id=theme_id, label=label, description="", terms=list(terms), created_by_id=staff_id
    )
    session.add(theme)
    _decide(candidate, "accepted", staff_id)
    candidate.label, candidate.theme_id = label, theme_id
    return theme


def rename_candidate(candidate: ThemeCandidate, label: str) -> None:
    candidate.label = label


def dismiss_candidate(candidate: ThemeCandidate, staff_id: int | None) -> None:
    """Set the candidate aside; a group like it is not offered again."""
    _decide(candidate, "dismissed", staff_id)


def _decide(candidate: ThemeCandidate, status: str, staff_id: int | None) -> None:
    candidate.status = status
    candidate.decided_at = clock.utcnow()
    candidate.decided_by_id = staff_id
