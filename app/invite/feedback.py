"""A reviewing officer's own feedback: what people said about meetings they chaired.

The page covers one fixed past window, the last complete quarter in UK time, so nothing
answered after that quarter ended can change it: an officer who looks before and after
one child answers sees the same page. Counted in the database with record keys, shown
through :func:`app.responses.disclosure.protect_count` like every other count, and only
when the quarter's base and each figure's parts are at least the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from app.invite.models import Invitation, Meeting
from app.responses.disclosure import Tally, protect_count, protect_percent
from app.responses.models import Answer, Response
from app.responses.periods import Period, quarter_period
from app.responses.scope import in_period
from app.survey.publishing import current_version, survey_for_version
from app.survey.schema import PREFER_NOT_TO_SAY, Indicator


@dataclass
class IndicatorResult:
    label: str
    percent: float | None  # None when too few answered to show
    target: float


@dataclass
class ChairFeedback:
    period: Period
    responses: int | None  # protected; None for "fewer than the threshold"
    by_survey: dict[str, list[IndicatorResult]] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.responses is not None


def last_complete_quarter(today: date) -> Period:
    """The most recent whole quarter that ended before ``today``."""
    months = today.year * 12 + today.month - 1
    months -= (today.month - 1) % 3 + 3
    return quarter_period(months // 12, months % 12 // 3 + 1)


def _chaired(chair_id: int, period: Period) -> Select[tuple[int, str, int]]:
    return (
        select(Response.id, Response.survey_id, Response.record_key)
        .join(Invitation, Invitation.id == Response.invitation_id)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .where(
            Meeting.chair_id == chair_id,
            in_period(Response.submitted_at, period),
        )
    )


def _indicator_tallies(
    session: Session, chaired: Select[tuple[int, str, int]], survey_id: str, indicator: Indicator
) -> tuple[Tally, Tally]:
    """Those answering the indicator's question (bar "prefer not to say"), and the positives,
    one per response whatever its type."""
    scope = chaired.where(Response.survey_id == survey_id).subquery()
    per_response = (
        select(
            scope.c.record_key.label("record_key"),
            func.max(case((Answer.choice.in_(list(indicator.positive)), 1), else_=0)).label("pos"),
        )
        .join(Answer, Answer.response_id == scope.c.id)
        .where(
            and_(
                Answer.question_id == indicator.question,
                Answer.choice.is_not(None),
                Answer.choice != PREFER_NOT_TO_SAY,
            )
        )
        .group_by(scope.c.id, scope.c.record_key)
        .subquery()
    )
    answered, keys, positives, positive_keys = session.execute(
        select(
            func.count(),
            func.sum(per_response.c.record_key),
            func.sum(per_response.c.pos),
            func.sum(per_response.c.pos * per_response.c.record_key),
        )
    ).one()
    return Tally(answered, int(keys or 0)), Tally(int(positives or 0), int(positive_keys or 0))


def chair_feedback(session: Session, chair_id: int, threshold: int, today: date) -> ChairFeedback:
    """The officer's feedback for the last complete quarter before ``today``."""
    period = last_complete_quarter(today)
    chaired = _chaired(chair_id, period)
    base = chaired.subquery()
    count, keys = session.execute(select(func.count(), func.sum(base.c.record_key))).one()
    result = ChairFeedback(period, protect_count(Tally(count, int(keys or 0)), threshold))
    if not result.shown:
        return result
    survey_ids = session.scalars(select(base.c.survey_id).distinct().order_by(base.c.survey_id))
    for survey_id in list(survey_ids):
        version = current_version(session, survey_id)
        if version is None:
            continue
        survey = survey_for_version(version)
        rows = []
        for indicator in survey.indicators:
            answered, positives = _indicator_tallies(session, chaired, survey_id, indicator)
            percent = protect_percent(positives, answered, threshold)
            rows.append(IndicatorResult(indicator.label, percent, indicator.target))
        result.by_survey[survey.title] = rows
    return result
