"""Quotes curated by a person: a comment is quoted only after a participation lead approved it.

Automatic redaction is the first pass. Of each theme's most typical comments (see
:mod:`app.themes.quotes`), a lead reads what redaction left, sees every span it took out
marked with its kind, takes out more words if the comment could still point at someone,
and approves or rejects it. Shared reports (pages, downloads, board packs, emails, the
API) quote approved comments only, as the lead approved them; until then they say that
quotes await approval. Flagged comments never reach the candidates (``not_flagged``),
and neither does anything the safeguarding screen is concerned by.

Each quote is labelled with its audience, and with its age band only where the report
would show the number of responses in that band (``protect_count``), so a label never
names a group smaller than the threshold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.coding.models import CommentCoding, CommentTheme, QuoteDecision
from app.coding.selection import effective_theme_rows
from app.responses.disclosure import Tally, protect_count
from app.responses.models import Answer, Response
from app.responses.scope import CountScope
from app.responses.shape import QuoteResult
from app.safeguard.disclosure import not_flagged
from app.themes.pipeline import ThemedComment, ThemeMention
from app.themes.quotes import MAX_CHARS, ranked_quotes

QUOTES_PER_THEME = 3
QUOTE_POOL = 200
# How many of a theme's most typical comments waiting for a decision a lead is offered.
CANDIDATES = 6
REMOVED = "[removed]"
# A placeholder redaction left ("[name]"), or a word a lead may choose to take out.
_SEGMENT = re.compile(r"\[[A-Za-z]+\]|[^\W_](?:[\w'’.-]*[^\W_])?")
_PLACEHOLDER = re.compile(r"\[([A-Za-z]+)\]")


@dataclass(frozen=True)
class Segment:
    """A piece of a quote: a placeholder (``kind`` set), a word (``word`` its number) or
    the spaces and punctuation between them."""

    text: str
    kind: str | None = None
    word: int | None = None


@dataclass(frozen=True)
class QuoteCandidate:
    """One comment a report could quote, as the approval page shows it."""

    answer_id: int
    text: str  # what would be shared: the approved wording, or redaction's before approval
    language: str
    state: str  # "waiting", "approved" or "rejected"
    audience: str | None
    age_band: str | None

    @property
    def segments(self) -> list[Segment]:
        return text_segments(self.text)

    @property
    def removed_kinds(self) -> dict[str, int]:
        """How many spans of each kind have been taken out, in order of first appearance."""
        kinds: dict[str, int] = {}
        for segment in self.segments:
            if segment.kind:
                kinds[segment.kind] = kinds.get(segment.kind, 0) + 1
        return kinds


def text_segments(text: str) -> list[Segment]:
    """``text`` cut into placeholders, numbered words and what lies between them."""
    segments: list[Segment] = []
    at, words = 0, 0
    for match in _SEGMENT.finditer(text):
        if match.start() > at:
            segments.append(Segment(text[at : match.start()]))
        placeholder = _PLACEHOLDER.fullmatch(match.group())
        if placeholder:
            segments.append(Segment(match.group(), kind=placeholder.group(1).casefold()))
        else:
            segments.append(Segment(match.group(), word=words))
            words += 1
        at = match.end()
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


def remove_words(text: str, words: Collection[int]) -> str:
    """``text`` with the numbered words replaced by ``[removed]`` (neighbours share one)."""
    pieces: list[str] = []
    for segment in text_segments(text):
        if segment.word is not None and segment.word in words:
            if len(pieces) >= 2 and pieces[-2] == REMOVED and not pieces[-1].strip():
                pieces.pop()  # "[removed] [removed]" reads as one gap
                continue
            if pieces and pieces[-1] == REMOVED:
                continue
            pieces.append(REMOVED)
        else:
            pieces.append(segment.text)
    return "".join(pieces)


def word_count(text: str) -> int:
    return sum(1 for segment in text_segments(text) if segment.word is not None)


def theme_quote_pool(
    session: Session,
    scope: CountScope,
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
            *scope.conditions(),
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


def theme_candidates(
    session: Session,
    scope: CountScope,
    theme_id: str,
    threshold: int,
) -> list[QuoteCandidate]:
    """The theme's approved quotes, then its most typical comments waiting for a decision,
    then those rejected among them: what a lead decides on."""
    pool = theme_quote_pool(session, scope, theme_id, max(QUOTE_POOL, threshold))
    if len(pool) < threshold:
        return []
    decisions = _decisions(session, [comment.id for comment in pool])
    approved = _approved(theme_id, pool, decisions, limit=len(pool))
    undecided = [c for c in pool if c.id not in decisions]
    waiting = [q.comment_id for q in ranked_quotes(theme_id, undecided, CANDIDATES)]
    rejected = [c.id for c in pool if c.id in decisions and decisions[c.id].state == "rejected"]
    texts = {c.id: c.redacted.strip() for c in pool} | {
        answer_id: text for answer_id, text in approved
    }
    ordered = [(i, "approved") for i, _t in approved] + [(i, "waiting") for i in waiting]
    ordered += [(i, "rejected") for i in rejected[:CANDIDATES]]
    who = _who(session, [answer_id for answer_id, _s in ordered])
    language = {c.id: c.language for c in pool}
    return [
        QuoteCandidate(answer_id, texts[answer_id], language[answer_id], state, *who[answer_id])
        for answer_id, state in ordered
    ]


def report_quotes(
    session: Session,
    scope: CountScope,
    theme_id: str,
    threshold: int,
    pool: list[ThemedComment],
    age_bands: Callable[[], set[str]] | None = None,
) -> tuple[list[QuoteResult], int]:
    """What a shared report quotes for a theme: approved quotes only, labelled, and how
    many of its most typical comments still await a lead's decision.

    ``age_bands`` gives the age bands the report shows (:func:`shown_age_bands`); a
    report with many themes passes one that counts them once for all."""
    if len(pool) < threshold:
        return [], 0
    decisions = _decisions(session, [comment.id for comment in pool])
    approved = _approved(theme_id, pool, decisions, limit=QUOTES_PER_THEME)
    undecided = [c for c in pool if c.id not in decisions]
    room = QUOTES_PER_THEME - len(approved)
    awaiting = len(ranked_quotes(theme_id, undecided, room)) if room else 0
    who = _who(session, [answer_id for answer_id, _t in approved])
    # Counted only when there is a quote to label: most themes have none yet.
    if not approved:
        bands: set[str] = set()
    elif age_bands is not None:
        bands = age_bands()
    else:
        bands = shown_age_bands(session, scope, threshold)
    quotes = []
    for answer_id, text in approved:
        audience, band = who[answer_id]
        quotes.append(QuoteResult(text, audience, band if band in bands else None))
    return quotes, awaiting


def shown_age_bands(session: Session, scope: CountScope, threshold: int) -> set[str]:
    """The age bands whose number of responses in the scope the report would show."""
    rows = session.execute(
        select(Response.age_band, func.count(), func.sum(Response.record_key))
        .where(Response.age_band.is_not(None), *scope.conditions())
        .group_by(Response.age_band)
    )
    return {
        band
        for band, count, keys in rows
        if protect_count(Tally(int(count), int(keys or 0)), threshold) is not None
    }


def decide_quote(
    session: Session, answer_id: int, staff_id: int | None, approve: bool, text: str
) -> QuoteDecision:
    """Record a lead's approval (of ``text``) or rejection of quoting one comment."""
    decision = session.get(QuoteDecision, answer_id) or QuoteDecision(answer_id=answer_id)
    decision.state = "approved" if approve else "rejected"
    decision.text = text if approve else None
    decision.decided_at = clock.utcnow()
    decision.decided_by_id = staff_id
    session.add(decision)
    return decision


def _decisions(session: Session, answer_ids: list[int]) -> dict[int, QuoteDecision]:
    found = session.scalars(select(QuoteDecision).where(QuoteDecision.answer_id.in_(answer_ids)))
    return {decision.answer_id: decision for decision in found}


def _approved(
    theme_id: str,
    pool: list[ThemedComment],
    decisions: dict[int, QuoteDecision],
    limit: int,
) -> list[tuple[int, str]]:
    """Approved comments as approved, most typical first; the screen reads them again."""
    group = [
        ThemedComment(c.id, c.language, decisions[c.id].text or "", c.sentiment_score, c.themes)
        for c in pool
        if c.id in decisions and decisions[c.id].state == "approved"
    ]
    chosen = ranked_quotes(theme_id, group, limit, max_chars=2 * MAX_CHARS)
    return [(quote.comment_id, quote.text) for quote in chosen]


def _who(session: Session, answer_ids: list[int]) -> dict[int, tuple[str | None, str | None]]:
    """Each answer's audience and age band (never more: no team, date or language)."""
    rows = session.execute(
        select(Answer.id, Response.audience, Response.age_band)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.id.in_(answer_ids))
    )
    return {answer_id: (audience, band) for answer_id, audience, band in rows}
