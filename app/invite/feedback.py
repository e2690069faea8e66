"""A reviewing officer's own feedback: what people said about meetings they chaired.

Counted in the database, and shown only once at least the suppression threshold of
responses exists, so no single person's answers can be picked out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.invite.models import Invitation, Meeting
from app.respond.models import Answer, Response
from app.survey.publishing import current_version, survey_for_version
from app.survey.schema import PREFER_NOT_TO_SAY


@dataclass
class IndicatorResult:
    label: str
    answered: int
    percent: int | None  # None when too few answered to show
    target: float


@dataclass
class ChairFeedback:
    responses: int
    shown: bool
    by_survey: dict[str, list[IndicatorResult]] = field(default_factory=dict)


def chair_feedback(session: Session, chair_id: int, threshold: int) -> ChairFeedback:
    chaired = (
        select(Response.id, Response.survey_id)
        .join(Invitation, Invitation.id == Response.invitation_id)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .where(Meeting.chair_id == chair_id)
        .subquery()
    )
    total = session.scalar(select(func.count()).select_from(chaired)) or 0
    if total < threshold:
        return ChairFeedback(responses=total, shown=False)
    counts = session.execute(
        select(chaired.c.survey_id, Answer.question_id, Answer.choice, func.count())
        .join(Answer, Answer.response_id == chaired.c.id)
        .where(Answer.choice.is_not(None), Answer.choice != PREFER_NOT_TO_SAY)
        .group_by(chaired.c.survey_id, Answer.question_id, Answer.choice)
    ).all()
    tally: dict[tuple[str, str], dict[str, int]] = {}
    for survey_id, question_id, choice, count in counts:
        tally.setdefault((survey_id, question_id), {})[choice] = count
    result = ChairFeedback(responses=total, shown=True)
    for survey_id in sorted({survey_id for survey_id, _ in tally}):
        version = current_version(session, survey_id)
        if version is None:
            continue
        survey = survey_for_version(version)
        rows = []
        for indicator in survey.indicators:
            choices = tally.get((survey_id, indicator.question), {})
            answered = sum(choices.values())
            positive = sum(choices.get(v, 0) for v in indicator.positive)
            percent = round(100 * positive / answered) if answered >= threshold else None
            rows.append(IndicatorResult(indicator.label, answered, percent, indicator.target))
        result.by_survey[survey.title] = rows
    return result
