"""Invitations counted for a report's response rate: how many were made in the period
(and not withdrawn), and how many of those were answered."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.invite.models import Invitation, Meeting
from app.responses.age_bands import age_band_of
from app.responses.disclosure import Tally
from app.responses.filters import Filters
from app.responses.periods import Period
from app.responses.scope import at_midnight
from app.survey.models import Survey


@dataclass(frozen=True)
class InvitationCount:
    invited: Tally
    completed: Tally


def count_invitations(
    session: Session, survey_ids: Collection[str], filters: Filters, period: Period
) -> InvitationCount:
    """Invitations made in the period (not withdrawn), and how many were answered."""
    conditions = [
        Invitation.survey_id.in_(sorted(survey_ids)),
        Invitation.created_at >= at_midnight(period.start),
        Invitation.created_at < at_midnight(period.end),
        Invitation.revoked_at.is_(None),
    ]
    if filters.team_id is not None:
        conditions.append(Invitation.team_id == filters.team_id)
    if filters.chair_id is not None:
        conditions.append(Meeting.chair_id == filters.chair_id)
    if filters.age_band is not None:
        conditions.append(age_band_of(Meeting.child_age) == filters.age_band)
    if filters.language is not None:
        conditions.append(Invitation.language == filters.language)
    if filters.audience is not None:
        conditions.append(Survey.audience == filters.audience)
    query = (
        select(
            func.count(),
            func.sum(Invitation.record_key),
            func.count(Invitation.completed_at),
            func.sum(case((Invitation.completed_at.is_not(None), Invitation.record_key), else_=0)),
        )
        .select_from(Invitation)
        .outerjoin(Meeting, Invitation.meeting_id == Meeting.id)
        .join(Survey, Invitation.survey_id == Survey.id)
        .where(*conditions)
    )
    invited, invited_keys, completed, completed_keys = session.execute(query).one()
    return InvitationCount(
        invited=Tally(invited, int(invited_keys or 0)),
        completed=Tally(completed, int(completed_keys or 0)),
    )
