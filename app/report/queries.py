"""The counting a report needs, done by the database: GROUP BY queries in SQLAlchemy Core.

Every query returns counts, never answers, and runs unchanged on SQLite and PostgreSQL
(months come from ``extract``, which SQLAlchemy writes as ``strftime`` on SQLite). One
pass over the answers serves the whole report: each row is labelled with its month and
with whether it falls in the report's period, the period before, or only in the trend.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    and_,
    case,
    cast,
    distinct,
    extract,
    func,
    null,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.invite.models import Invitation, Meeting
from app.report.filters import Filters
from app.report.periods import Period
from app.respond.models import Answer, Response
from app.survey.models import Survey

CURRENT = "current"
PREVIOUS = "previous"
OTHER = "other"


@dataclass(frozen=True)
class Window:
    """The dates one report counts: its period, the one before, and the trend's reach."""

    period: Period
    previous: Period
    trend_start: date

    @property
    def start(self) -> date:
        return min(self.trend_start, self.previous.start)


@dataclass(frozen=True)
class ChoiceCount:
    survey_id: str
    month: int  # year * 100 + month, e.g. 202607
    segment: str  # CURRENT, PREVIOUS or OTHER
    question_id: str
    choice: str | None  # None for a number, date or text answer
    count: int


@dataclass(frozen=True)
class RespondentCount:
    """Multiple choice: how many responses answered the question, and chose a positive."""

    survey_id: str
    month: int
    segment: str
    question_id: str
    answered: int
    positives: dict[str, int]  # indicator id -> responses choosing any positive option


@dataclass(frozen=True)
class ResponseCount:
    survey_id: str
    audience: str | None
    month: int
    segment: str
    count: int


@dataclass(frozen=True)
class InvitationCount:
    invited: int
    completed: int


def at_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


def month_of(column: Any) -> ColumnElement[int]:
    """``202607`` for any moment in July 2026, on either database."""
    return cast(extract("year", column) * 100 + extract("month", column), Integer)


def segment_of(column: Any, window: Window) -> ColumnElement[str]:
    def within(period: Period) -> ColumnElement[bool]:
        return and_(column >= at_midnight(period.start), column < at_midnight(period.end))

    return case((within(window.period), CURRENT), (within(window.previous), PREVIOUS), else_=OTHER)


def response_conditions(
    survey_ids: Collection[str], filters: Filters, start: date, end: date
) -> list[ColumnElement[bool]]:
    """Responses to these surveys from ``start`` up to ``end``, narrowed by the filters."""
    conditions = [
        Response.survey_id.in_(sorted(survey_ids)),
        Response.submitted_at >= at_midnight(start),
        Response.submitted_at < at_midnight(end),
    ]
    for column, value in (
        (Response.team_id, filters.team_id),
        (Response.chair_id, filters.chair_id),
        (Response.audience, filters.audience),
        (Response.age_band, filters.age_band),
        (Response.language, filters.language),
    ):
        if value is not None:
            conditions.append(column == value)
    return conditions


def choice_counts_query(
    survey_ids: Collection[str],
    filters: Filters,
    window: Window,
    trend_questions: Collection[str],
) -> Select[Any]:
    """Answers by survey, month, segment, question and choice, in one pass.

    Outside the report's period only ``trend_questions`` (the indicators' questions)
    are kept: the trend and the previous period need nothing else.
    """
    month = month_of(Response.submitted_at).label("month")
    segment = segment_of(Response.submitted_at, window).label("segment")
    in_period = and_(
        Response.submitted_at >= at_midnight(window.period.start),
        Response.submitted_at < at_midnight(window.period.end),
    )
    keep = or_(in_period, Answer.question_id.in_(sorted(trend_questions)))
    return (
        select(
            Response.survey_id,
            month,
            segment,
            Answer.question_id,
            Answer.choice,
            func.count().label("n"),
        )
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .where(*response_conditions(survey_ids, filters, window.start, window.period.end), keep)
        .group_by(Response.survey_id, month, segment, Answer.question_id, Answer.choice)
    )


def count_choices(
    session: Session,
    survey_ids: Collection[str],
    filters: Filters,
    window: Window,
    trend_questions: Collection[str],
) -> list[ChoiceCount]:
    query = choice_counts_query(survey_ids, filters, window, trend_questions)
    return [ChoiceCount(*row) for row in session.execute(query)]


def count_respondents(
    session: Session,
    survey_ids: Collection[str],
    filters: Filters,
    window: Window,
    questions: Mapping[str, Collection[str]],
    positives: Mapping[str, tuple[str, str, Sequence[str]]],
) -> list[RespondentCount]:
    """Distinct responses per multiple-choice question (one answer row per option chosen).

    ``questions`` maps survey id to its multiple-choice question ids; ``positives`` maps
    an indicator id to (survey id, question id, positive values) for indicators on them.
    """
    wanted = [
        and_(Response.survey_id == survey_id, Answer.question_id.in_(sorted(ids)))
        for survey_id, ids in sorted(questions.items())
        if ids
    ]
    if not wanted:
        return []
    month = month_of(Response.submitted_at).label("month")
    segment = segment_of(Response.submitted_at, window).label("segment")
    positive_columns = [
        func.count(
            distinct(
                case(
                    (
                        and_(
                            Response.survey_id == survey_id,
                            Answer.question_id == question_id,
                            Answer.choice.in_(list(values)),
                        ),
                        Response.id,
                    )
                )
            )
        ).label(f"p{index}")
        for index, (survey_id, question_id, values) in enumerate(positives.values())
    ]
    query = (
        select(
            Response.survey_id,
            month,
            segment,
            Answer.question_id,
            func.count(distinct(Response.id)),
            *positive_columns,
        )
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .where(
            *response_conditions(survey_ids, filters, window.start, window.period.end),
            or_(*wanted),
        )
        .group_by(Response.survey_id, month, segment, Answer.question_id)
    )
    names = list(positives)
    return [
        RespondentCount(*row[:5], positives=dict(zip(names, row[5:], strict=True)))
        for row in session.execute(query)
    ]


def response_counts_query(
    survey_ids: Collection[str], filters: Filters, window: Window
) -> Select[Any]:
    month = month_of(Response.submitted_at).label("month")
    segment = segment_of(Response.submitted_at, window).label("segment")
    return (
        select(Response.survey_id, Response.audience, month, segment, func.count())
        .where(*response_conditions(survey_ids, filters, window.start, window.period.end))
        .group_by(Response.survey_id, Response.audience, month, segment)
    )


def count_responses(
    session: Session, survey_ids: Collection[str], filters: Filters, window: Window
) -> list[ResponseCount]:
    """Responses by survey, audience, month and segment."""
    query = response_counts_query(survey_ids, filters, window)
    return [ResponseCount(*row) for row in session.execute(query)]


def age_band_of(age: Any) -> ColumnElement[str]:
    """The same bands as ``app.invite.invitations.age_band``, in SQL."""
    return case(
        (age.is_(None), null()),
        (age < 8, "under-8"),
        (age < 12, "8-11"),
        (age < 16, "12-15"),
        (age < 19, "16-18"),
        else_="19-25",
    )


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
        select(func.count(), func.count(Invitation.completed_at))
        .select_from(Invitation)
        .outerjoin(Meeting, Invitation.meeting_id == Meeting.id)
        .join(Survey, Invitation.survey_id == Survey.id)
        .where(*conditions)
    )
    invited, completed = session.execute(query).one()
    return InvitationCount(invited=invited, completed=completed)
