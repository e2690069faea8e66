"""Keeping personal data no longer than it is needed: the nightly purge and erasure.

``purge_expired`` removes what is past its retention period (see the README's "Keeping
and erasing data"); ``erase_response`` removes one response at its respondent's request.
Both use Core deletes by id range, never loaded ORM objects, so a council with a million
responses is purged in bounded batches, and both delete children explicitly because
SQLite does not enforce the schema's ``ON DELETE CASCADE``. Neither commits.

A response that raised a safeguarding alert is part of that alert's record (the alert
page shows what the respondent wrote), so it is kept for as long as the alert is: an open
alert is never purged, however old, and neither purge nor erasure removes its response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.auth.audit import record_event
from app.coding.models import (
    CommentCoding,
    CommentTheme,
    CommentVector,
    QuoteDecision,
    ThemeCandidate,
)
from app.invite.models import Invitation
from app.report.models import ReportSnapshot
from app.respond.drafts import purge_expired_drafts
from app.responses.models import Answer, Draft, Response
from app.safeguard.models import (
    Alert,
    AlertDelivery,
    AlertNote,
    ModelScreen,
    ReviewItem,
    ScreenExample,
)
from app.survey.models import Survey

BATCH_SIZE = 1000
NO_SYNC = {"synchronize_session": False}


@dataclass(frozen=True)
class RetentionSettings:
    """How many days responses and closed safeguarding alerts are kept."""

    response_days: int
    alert_days: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RetentionSettings:
        return cls(
            response_days=int(config["SAYSO_RESPONSE_RETENTION_DAYS"]),
            alert_days=int(config["SAYSO_ALERT_RETENTION_DAYS"]),
        )


@dataclass
class PurgeCounts:
    """What a purge removed (or, in a dry run, would remove). Numbers only, never content.

    ``finished`` is false when the batch budget ran out first: commit and call again.
    """

    responses: int = 0
    answers: int = 0
    comment_codings: int = 0
    alerts: int = 0
    alert_notes: int = 0
    drafts: int = 0
    invitation_emails: int = 0
    theme_candidates: int = 0
    finished: bool = field(default=True, compare=False)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k != "finished"}

    def add(self, other: PurgeCounts) -> None:
        for name, value in other.counts().items():
            setattr(self, name, getattr(self, name) + value)

    def total(self) -> int:
        return sum(self.counts().values())


@dataclass(frozen=True)
class Erasure:
    """What erasing one response removed (numbers only)."""

    response_id: int
    answers: int
    comment_codings: int
    comment_themes: int
    theme_candidates: int
    report_snapshots: int


class ErasureRefused(Exception):
    """Nothing was erased; the message says why and what to do."""


class UnknownResponse(ErasureRefused):
    def __init__(self, response_id: int) -> None:
        super().__init__(_("There is no response %(id)s.", id=response_id))


class KeptForSafeguarding(ErasureRefused):
    """The response raised a safeguarding alert: it is part of that alert's record."""

    def __init__(self, response_id: int, alert_id: int, closed_at: datetime | None) -> None:
        if closed_at is None:
            message = _(
                "Response %(response)s raised safeguarding alert %(alert)s, which is still "
                "open, so nothing was erased. A safeguarding lead must close the alert "
                "first; its record, with this response, is then kept for "
                "SAYSO_ALERT_RETENTION_DAYS days after it was closed.",
                response=response_id,
                alert=alert_id,
            )
        else:
            message = _(
                "Response %(response)s is part of the record of safeguarding alert "
                "%(alert)s (closed %(closed)s), so nothing was erased. Safeguarding records "
                "are kept for SAYSO_ALERT_RETENTION_DAYS days after the alert was closed; "
                "the nightly purge then removes the response with the alert.",
                response=response_id,
                alert=alert_id,
                closed=closed_at.date().isoformat(),
            )
        super().__init__(message)
        self.alert_id = alert_id
        self.closed_at = closed_at


class _Budget:
    """How many more batches one call may delete (``None``: no limit)."""

    def __init__(self, batches: int | None) -> None:
        self.left = batches
        self.exhausted = False

    def take(self) -> bool:
        if self.left is None:
            return True
        if self.left <= 0:
            self.exhausted = True
            return False
        self.left -= 1
        return True


def expired_alert(cutoff: datetime) -> ColumnElement[bool]:
    """Closed before ``cutoff``. An alert that is not closed is never expired."""
    return and_(Alert.status == "closed", Alert.closed_at.is_not(None), Alert.closed_at < cutoff)


def expired_response(cutoff: datetime, alert_kept: ColumnElement[bool] | None = None) -> Any:
    """Submitted before ``cutoff`` and with no alert still kept (by default: no alert)."""
    kept = exists().where(Alert.response_id == Response.id)
    if alert_kept is not None:
        kept = kept.where(alert_kept)
    return and_(Response.submitted_at < cutoff, ~kept)


def purge_expired(
    session: Session,
    now: datetime,
    settings: RetentionSettings,
    *,
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
) -> PurgeCounts:
    """Remove what is past its retention period; returns the counts. The caller commits.

    Alerts go before responses, so a response whose alert has just gone is purged in the
    same run. Report snapshots need no help: a purged response changes the fingerprint
    of every snapshot whose reach included it (``app.report.snapshots``), so they rebuild.
    """
    counts = PurgeCounts(drafts=purge_expired_drafts(session, now))
    budget = _Budget(max_batches)
    alert_cutoff = now - timedelta(days=settings.alert_days)
    response_cutoff = now - timedelta(days=settings.response_days)
    _purge_alerts(session, expired_alert(alert_cutoff), batch_size, budget, counts)
    if not budget.exhausted:
        _purge_responses(session, expired_response(response_cutoff), batch_size, budget, counts)
    counts.invitation_emails = _rowcount(session.execute(_forget_emails(now)))
    counts.theme_candidates = prune_theme_candidates(session, _missing_answers(session))
    counts.finished = not budget.exhausted
    if counts.total():
        record_event(session, None, "retention_purged", details=dict(counts.counts()))
    return counts


def count_expired(session: Session, now: datetime, settings: RetentionSettings) -> PurgeCounts:
    """What ``purge_expired`` would remove now, removing nothing (``--dry-run``)."""
    alerts = expired_alert(now - timedelta(days=settings.alert_days))
    responses = select(Response.id).where(
        expired_response(now - timedelta(days=settings.response_days), ~alerts)
    )
    answers = select(Answer.id).where(Answer.response_id.in_(responses))
    draft_count = select(func.count()).select_from(Draft).where(Draft.expires_at <= now)
    email_query = _forget_emails(now)
    return PurgeCounts(
        responses=_count(session, responses),
        answers=_count(session, answers),
        comment_codings=_count(
            session, select(CommentCoding.answer_id).where(CommentCoding.response_id.in_(responses))
        ),
        alerts=_count(session, select(Alert.id).where(alerts)),
        alert_notes=_count(
            session,
            select(AlertNote.id).where(AlertNote.alert_id.in_(select(Alert.id).where(alerts))),
        ),
        drafts=session.scalar(draft_count) or 0,
        invitation_emails=_count(session, select(Invitation.id).where(email_query.whereclause)),
        theme_candidates=prune_theme_candidates(
            session, lambda ids: set(session.scalars(answers.where(Answer.id.in_(ids)))), dry=True
        ),
    )


def _purge_alerts(
    session: Session, condition: Any, size: int, budget: _Budget, counts: PurgeCounts
) -> None:
    for low, high in _id_ranges(session, Alert.id, condition, size, budget):
        batch = and_(Alert.id.between(low, high), condition)
        notes = delete(AlertNote).where(AlertNote.alert_id.in_(select(Alert.id).where(batch)))
        counts.alert_notes += _rowcount(session.execute(notes, execution_options=NO_SYNC))
        deliveries = delete(AlertDelivery).where(
            AlertDelivery.alert_id.in_(select(Alert.id).where(batch))
        )
        session.execute(deliveries, execution_options=NO_SYNC)
        alerts = delete(Alert).where(batch)
        counts.alerts += _rowcount(session.execute(alerts, execution_options=NO_SYNC))


def _purge_responses(
    session: Session, condition: Any, size: int, budget: _Budget, counts: PurgeCounts
) -> None:
    for low, high in _id_ranges(session, Response.id, condition, size, budget):
        batch = and_(Response.id.between(low, high), condition)
        removed = _delete_responses(session, batch)
        counts.responses += removed["responses"]
        counts.answers += removed["answers"]
        counts.comment_codings += removed["comment_codings"]


def _delete_responses(session: Session, condition: Any) -> dict[str, int]:
    """Delete the responses matching ``condition`` and everything hanging off them."""
    responses = select(Response.id).where(condition)
    codings = select(CommentCoding.answer_id).where(CommentCoding.response_id.in_(responses))
    reviews = select(ReviewItem.id).where(ReviewItem.response_id.in_(responses))
    statements = {
        "comment_themes": delete(CommentTheme).where(CommentTheme.answer_id.in_(codings)),
        # The approved wording of a quote is the respondent's words too. Deleted here, not
        # left to ON DELETE CASCADE, which SQLite does not enforce.
        "quote_decisions": delete(QuoteDecision).where(QuoteDecision.answer_id.in_(codings)),
        "comment_vectors": delete(CommentVector).where(CommentVector.answer_id.in_(codings)),
        "comment_codings": delete(CommentCoding).where(CommentCoding.response_id.in_(responses)),
        # A review's labelled examples hold the respondent's words: they go with them.
        "screen_examples": delete(ScreenExample).where(ScreenExample.review_item_id.in_(reviews)),
        "review_items": delete(ReviewItem).where(ReviewItem.response_id.in_(responses)),
        "model_screens": delete(ModelScreen).where(ModelScreen.response_id.in_(responses)),
        "answers": delete(Answer).where(Answer.response_id.in_(responses)),
        "responses": delete(Response).where(condition),
    }
    return {
        name: _rowcount(session.execute(statement, execution_options=NO_SYNC))
        for name, statement in statements.items()
    }


def _id_ranges(
    session: Session,
    column: InstrumentedAttribute[int],
    condition: Any,
    size: int,
    budget: _Budget,
) -> Iterator[tuple[int, int]]:
    """The lowest and highest id of each next batch of rows matching ``condition``.

    Every matching row between the two is in the batch, so a range delete removes
    exactly it; deleted rows no longer match, so the next query starts past them.
    """
    while True:
        ids = session.scalars(select(column).where(condition).order_by(column).limit(size)).all()
        if not ids or not budget.take():
            return
        yield ids[0], ids[-1]


def _forget_emails(now: datetime) -> Any:
    """Invitation addresses no longer needed: the link expired or was stopped unanswered
    (an answered invitation's address was cleared when the response came in)."""
    return (
        update(Invitation)
        .where(
            Invitation.email.is_not(None),
            or_(Invitation.expires_at <= now, Invitation.revoked_at.is_not(None)),
        )
        .values(email=None)
        .execution_options(**NO_SYNC)
    )


def _missing_answers(session: Session) -> Callable[[list[int]], set[int]]:
    def missing(ids: list[int]) -> set[int]:
        return set(ids) - set(session.scalars(select(Answer.id).where(Answer.id.in_(ids))))

    return missing


def prune_theme_candidates(
    session: Session, gone: Callable[[list[int]], set[int]], *, dry: bool = False
) -> int:
    """Take answers that ``gone`` names out of emerging-theme candidates; returns how many
    candidates changed. An undecided candidate left with no comments is deleted; a decided
    one keeps its label as the record of the decision."""
    changed = 0
    for candidate in session.scalars(select(ThemeCandidate).order_by(ThemeCandidate.id)).all():
        ids = [int(i) for i in candidate.answer_ids or []]
        removed = set().union(*(gone(ids[i : i + 500]) for i in range(0, len(ids), 500)))
        if not removed:
            continue
        changed += 1
        if dry:
            continue
        kept = [i for i in ids if i not in removed]
        if not kept and candidate.status == "new":
            session.delete(candidate)
        else:
            candidate.answer_ids = kept
    session.flush()
    return changed


def erase_response(session: Session, response_id: int, actor_id: int | None) -> Erasure:
    """Erase one response at its respondent's request: its answers, their theming, its
    place in emerging themes, and the stored reports of its survey (rebuilt on demand).

    Raises ``UnknownResponse``, or ``KeptForSafeguarding`` when it raised an alert.
    Audited as ``response_erased`` with the id only. The caller commits.
    """
    survey_id = session.scalar(select(Response.survey_id).where(Response.id == response_id))
    if survey_id is None:
        raise UnknownResponse(response_id)
    alert = session.execute(
        select(Alert.id, Alert.status, Alert.closed_at).where(Alert.response_id == response_id)
    ).first()
    if alert is not None:
        closed = alert.closed_at if alert.status == "closed" else None
        raise KeptForSafeguarding(response_id, alert.id, closed)
    answer_ids = set(session.scalars(select(Answer.id).where(Answer.response_id == response_id)))
    removed = _delete_responses(session, Response.id == response_id)
    candidates = prune_theme_candidates(session, lambda ids: answer_ids.intersection(ids))
    snapshots = session.execute(
        delete(ReportSnapshot).where(
            ReportSnapshot.survey_key.in_(_report_keys(session, survey_id))
        ),
        execution_options=NO_SYNC,
    )
    record_event(session, actor_id, "response_erased", "response", response_id)
    return Erasure(
        response_id=response_id,
        answers=removed["answers"],
        comment_codings=removed["comment_codings"],
        comment_themes=removed["comment_themes"],
        theme_candidates=candidates,
        report_snapshots=_rowcount(snapshots),
    )


def _report_keys(session: Session, survey_id: str) -> list[str]:
    """Reports that can count a response to ``survey_id``: its own and its family's."""
    family = session.scalar(select(Survey.family).where(Survey.id == survey_id))
    return [survey_id, family] if family else [survey_id]


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _rowcount(result: Any) -> int:
    return int(result.rowcount or 0)
