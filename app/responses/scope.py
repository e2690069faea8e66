"""Which responses a count reads: the one WHERE builder behind every figure Sayso shows.

Reports, theme counts, quotes, the coding pages, emerging themes, the reviewing officer's
own feedback, report emails and the API all pick their responses here, so a period or a
filter means the same thing on every page. A period's days begin at midnight UK time
(``utc_boundary``), as people there count them; timestamps are stored as naive UTC.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_
from sqlalchemy.sql.elements import ColumnElement

from app.responses.filters import Filters
from app.responses.models import Response
from app.responses.periods import Period, utc_boundary


def at_midnight(day: date) -> datetime:
    """The start of ``day`` in UK local time, as stored (naive UTC)."""
    return utc_boundary(day)


def in_period(column: Any, period: Period) -> ColumnElement[bool]:
    """``column`` (a timestamp) falls in ``period``."""
    return and_(column >= at_midnight(period.start), column < at_midnight(period.end))


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


@dataclass(frozen=True)
class CountScope:
    """The responses one figure counts: these surveys, this period, these filters."""

    survey_ids: tuple[str, ...]
    period: Period
    filters: Filters

    @classmethod
    def of(cls, survey_ids: Collection[str], period: Period, filters: Filters) -> CountScope:
        return cls(tuple(survey_ids), period, filters)

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses that pick these responses."""
        return response_conditions(
            self.survey_ids, self.filters, self.period.start, self.period.end
        )
