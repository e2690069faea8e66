"""Report emails staff subscribe to: one a month or a quarter, for a survey or family.

Each subscription remembers the last period it was sent, so the beat task can run as
often as it likes and still send each completed period once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, UniqueConstraint, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app import clock
from app.actions.public import period_words
from app.auth.models import StaffUser
from app.auth.teams import kept_team_id
from app.extensions import db
from app.mail import Email, send_email
from app.report.build import UnknownSurvey, cached_report
from app.responses.filters import Filters
from app.responses.periods import Period, month_period, quarter_period
from app.responses.shape import Report
from app.responses.subjects import report_heading
from app.responses.wording import (
    benchmark_text,
    fewer_than,
    indicator_value_text,
    percent_text,
    rag_name,
)
from app.survey.translation import survey_text

FREQUENCIES = {"monthly": _l("Every month"), "quarterly": _l("Every quarter")}
READERS = ("participation_lead", "admin")  # who may read reports, so get them by email


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


def subscribe(
    session: Session, user: StaffUser, survey_key: str, frequency: str
) -> ReportSubscription | None:
    """A new subscription, or None when ``user`` already has this one."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    existing = session.scalar(
        select(ReportSubscription).where(
            ReportSubscription.user_id == user.id,
            ReportSubscription.survey_key == survey_key,
            ReportSubscription.frequency == frequency,
        )
    )
    if existing is not None:
        return None
    subscription = ReportSubscription(user_id=user.id, survey_key=survey_key, frequency=frequency)
    session.add(subscription)
    session.flush()
    return subscription


def subscriptions_of(session: Session, user_id: int) -> list[ReportSubscription]:
    return list(
        session.scalars(
            select(ReportSubscription)
            .where(ReportSubscription.user_id == user_id)
            .order_by(ReportSubscription.survey_key, ReportSubscription.frequency)
        )
    )


def due_subscription_ids(session: Session, today: date) -> list[int]:
    """Subscriptions whose last completed period has not been sent yet, to active readers."""
    due = [
        (ReportSubscription.frequency == frequency)
        & or_(
            ReportSubscription.last_period_sent.is_(None),
            ReportSubscription.last_period_sent != last_completed_period(frequency, today).label,
        )
        for frequency in FREQUENCIES
    ]
    return list(
        session.scalars(
            select(ReportSubscription.id)
            .join(StaffUser, StaffUser.id == ReportSubscription.user_id)
            .where(
                or_(*due),
                StaffUser.deactivated_at.is_(None),
                StaffUser.role.in_(READERS),
            )
            .order_by(ReportSubscription.id)
            .limit(1000)
        )
    )


def reader_filters(user: StaffUser) -> Filters:
    """What the person may read: a participation lead in a team sees only that team."""
    return Filters(team_id=kept_team_id(user))


def send_report_email(session: Session, subscription_id: int, today: date) -> str:
    """Email the last completed period's headline figures, once; returns what happened.

    Idempotent: the period is recorded in the caller's transaction, and a second run
    for the same period finds it and sends nothing.
    """
    subscription = session.get(ReportSubscription, subscription_id, with_for_update=True)
    if subscription is None:
        return "no such subscription"
    user = subscription.user
    if not user.is_active or user.role not in READERS:
        return "reader can no longer read reports"
    period = last_completed_period(subscription.frequency, today)
    if subscription.last_period_sent == period.label:
        return "already sent"
    config = current_app.config
    threshold = int(config["SAYSO_SUPPRESSION_THRESHOLD"])
    try:
        report = cached_report(
            session, subscription.survey_key, period, reader_filters(user), threshold
        )
    except UnknownSurvey:
        return "survey no longer published"
    send_email(
        report_email(subscription, report, period),
        smtp_url=config["SAYSO_SMTP_URL"],
        sender=config["SAYSO_MAIL_FROM"],
        sender_name=f"{config['SAYSO_SERVICE_NAME']}, {config['SAYSO_COUNCIL_NAME']}",
        outbox=Path(current_app.instance_path) / "mail",
    )
    subscription.last_period_sent = period.label
    return "sent"


@dataclass(frozen=True)
class Headline:
    """One line of the email: a figure's name, its value in words, and its rating."""

    label: str
    value: str
    rating: str = ""
    # Others' figures for the same indicator, each "71.5% (source, year)": never Sayso's.
    elsewhere: tuple[str, ...] = ()


def headlines(report: Report) -> list[Headline]:
    """Responses and each indicator, with "fewer than N" wherever a number is hidden."""
    hidden = fewer_than(report.threshold)
    lines = [
        Headline(_("Responses"), hidden if report.responses is None else str(report.responses))
    ]
    if report.response_rate is not None:
        lines.append(Headline(_("Response rate"), percent_text(report.response_rate)))
    for indicator in report.indicators:
        if indicator.value is None or indicator.suppressed:
            # A band that is still true, or which part was too small, and so why.
            value = indicator_value_text(indicator, report.threshold)
        elif indicator.target is not None:
            value = _(
                "%(value)s (target %(target)s)",
                value=percent_text(indicator.value),
                target=percent_text(indicator.target),
            )
        else:
            value = percent_text(indicator.value)
        elsewhere = tuple(benchmark_text(b) for b in indicator.benchmarks)
        lines.append(
            Headline(survey_text(indicator.label), value, rag_name(indicator.rag), elsewhere)
        )
    return lines


def report_email(subscription: ReportSubscription, report: Report, period: Period) -> Email:
    """The email for one period: headline figures and a link, never anything anyone wrote."""
    config = current_app.config
    base = config["SAYSO_BASE_URL"].rstrip("/")
    urls = current_app.url_map.bind("localhost")
    values = {
        "title": report_heading(report),
        "period": period_words(period.start, period.end),
        "frequency": subscription.frequency,
        "headlines": headlines(report),
        "team_only": bool(report.filters.get("team_id")),
        "link": base
        + urls.build("reports.report", {"survey_key": report.survey, "period": period.label}),
        "manage": base + urls.build("subscriptions.list_subscriptions"),
        "service": config["SAYSO_SERVICE_NAME"],
        "council": config["SAYSO_COUNCIL_NAME"],
    }
    subject = (
        _("Monthly report: %(title)s, %(period)s", **values)
        if subscription.frequency == "monthly"
        else _("Quarterly report: %(title)s, %(period)s", **values)
    )
    return Email(
        to=subscription.user.email,
        subject=subject,
        text=render_template("report/email_report.txt", **values),
        html=render_template("report/email_report.html", **values),
    )
