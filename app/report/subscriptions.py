"""Report emails staff subscribe to: one a month or a quarter, for a survey or family.

Each subscription remembers the last period it was sent, so the beat task can run as
often as it likes and still send each completed period once.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import StaffUser
from app.extensions import db
from app.report.periods import Period, month_period, quarter_period

FREQUENCIES = {"monthly": _l("Every month"), "quarterly": _l("Every quarter")}


def _now() -> datetime:
    return clock.utcnow()


class ReportSubscription(db.Model):
    """One person's standing request for a survey's (or family's) report by email."""

    __tablename__ = "report_subscription"
    __table_args__ = (
        UniqueConstraint("user_id", "survey_key", "frequency", name="uq_report_subscription"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    survey_key: Mapped[str] = mapped_column(String(64))
    frequency: Mapped[str] = mapped_column(String(16))
    last_period_sent: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=_now)

    user: Mapped[StaffUser] = relationship()


def last_completed_period(frequency: str, today: date) -> Period:
    """The most recent whole month or quarter that ended before ``today``."""
    months = today.year * 12 + today.month - 1
    if frequency == "monthly":
        months -= 1
        return month_period(months // 12, months % 12 + 1)
    if frequency == "quarterly":
        months -= (today.month - 1) % 3 + 3
        return quarter_period(months // 12, months % 12 // 3 + 1)
    raise ValueError(f"unknown frequency {frequency!r}")
