"""Stored reports: finding one, knowing when it is stale, and keeping it up to date."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app import clock
from app.coding.models import CommentCoding, LocalTheme, QuoteDecision
from app.invite.models import Invitation
from app.report.models import ReportSnapshot
from app.responses.filters import Filters
from app.responses.models import Response
from app.responses.periods import Period, default_trend_by, previous_period, trend_buckets
from app.responses.scope import at_midnight, response_conditions
from app.responses.shape import Report
from app.responses.subjects import Subject
from app.themes.codebook import named_codebook

# Part of every fingerprint: raise it when a change to the builder changes what a
# stored report should say, and every snapshot is rebuilt.
BUILDER_VERSION = 3


def data_fingerprint(session: Session, subject: Subject, period: Period, filters: Filters) -> str:
    """A digest of everything a report reads that can change.

    Responses in the report's reach (their number and the latest time one arrived; read
    from the (survey, submitted at) index alone), invitations in its period and their
    state, the surveys' current versions, and what the themes section is built from (see
    :func:`coding_state`). Filters do not narrow it: a response to these surveys anywhere
    in the reach makes every such snapshot stale, which costs a rebuild, never a wrong
    report.
    """
    ids = sorted(subject.survey_ids)
    start = min(
        trend_buckets(period, default_trend_by(period))[0].start, previous_period(period).start
    )
    responses = session.execute(
        select(func.count(), func.max(Response.submitted_at)).where(
            *response_conditions(ids, Filters(), start, period.end)
        )
    ).one()
    invitations = session.execute(
        select(
            func.count(),
            func.max(Invitation.id),
            func.count(Invitation.completed_at),
            func.count(Invitation.revoked_at),
        ).where(
            Invitation.survey_id.in_(ids),
            Invitation.created_at >= at_midnight(period.start),
            Invitation.created_at < at_midnight(period.end),
        )
    ).one()
    state = [
        BUILDER_VERSION,
        list(subject.version_ids),
        _plain(responses),
        _plain(invitations),
        coding_state(session, ids),
    ]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()


def coding_state(session: Session, survey_ids: list[str]) -> list[object]:
    """What a report's themes and quotes depend on, besides the responses themselves.

    People correct codes, approve quotes and add themes without any new response
    arriving, so a stored report's themes would go stale unnoticed. Each such change
    moves a time or a count read here: coding or recoding a comment sets its analysed
    time, a person's codes set its reviewed time, a quote decision its decided time,
    and a new theme its created time. Small aggregates over indexed or small tables,
    so checking is far cheaper than counting the themes again.
    """
    codings = session.execute(
        select(
            func.count(),
            func.max(CommentCoding.analysed_at),
            func.max(CommentCoding.reviewed_at),
        ).where(CommentCoding.survey_id.in_(survey_ids))
    ).one()
    decisions = session.execute(select(func.count(), func.max(QuoteDecision.decided_at))).one()
    themes = session.execute(select(func.count(), func.max(LocalTheme.created_at))).one()
    codebook = [[theme.id, theme.label] for theme in named_codebook().themes]
    return [_plain(codings), _plain(decisions), _plain(themes), codebook]


def _plain(row: object) -> list[object]:
    return [value.isoformat() if isinstance(value, datetime) else value for value in row]  # type: ignore[attr-defined]


def find_snapshot(
    session: Session, survey_key: str, period: Period, filters: Filters, threshold: int
) -> ReportSnapshot | None:
    return session.scalar(
        select(ReportSnapshot).where(
            ReportSnapshot.survey_key == survey_key,
            ReportSnapshot.period == period.label,
            ReportSnapshot.filters_key == filters.key(),
            ReportSnapshot.threshold == threshold,
        )
    )


def store_snapshot(
    session: Session, report: Report, period: Period, filters: Filters, fingerprint: str
) -> None:
    """Keep a built report, replacing any older one for the same report (the caller commits).

    One upsert, so two processes building the same report at once both succeed.
    """
    now = clock.utcnow()
    values = {
        "survey_key": report.survey,
        "period": period.label,
        "filters_key": filters.key(),
        "filters": filters.as_dict(),
        "threshold": report.threshold,
        "fingerprint": fingerprint,
        "data": report.to_json(),
        "built_at": now,
        "used_at": now,
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ReportSnapshot).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["survey_key", "period", "filters_key", "threshold"],
            set_={
                name: statement.excluded[name]
                for name in ("fingerprint", "data", "built_at", "used_at")
            },
        )
    )


def recently_used_snapshots(session: Session, days: int) -> list[ReportSnapshot]:
    """Snapshots someone opened in the last ``days`` days, most recently used first."""
    since = clock.utcnow() - timedelta(days=days)
    return list(
        session.scalars(
            select(ReportSnapshot)
            .where(ReportSnapshot.used_at >= since)
            .order_by(ReportSnapshot.used_at.desc(), ReportSnapshot.id)
        )
    )


def forget_unused_snapshots(session: Session, days: int) -> int:
    """Delete snapshots nobody has opened for ``days`` days; they are rebuilt on demand."""
    since = clock.utcnow() - timedelta(days=days)
    result = session.execute(delete(ReportSnapshot).where(ReportSnapshot.used_at < since))
    return result.rowcount or 0  # type: ignore[attr-defined]
