"""Telling safeguarding leads about an alert, and escalating until someone acknowledges.

Emails carry a link to the alert, never the child's words. Called from Celery tasks.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.auth.models import StaffUser
from app.mail import Email, send_email
from app.safeguard.models import Alert

log = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")


def in_office_hours(moment: datetime, start: int, end: int) -> bool:
    """Monday to Friday, ``start`` to ``end`` o'clock UK time (``moment`` is naive UTC)."""
    local = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(LONDON)
    return local.weekday() < 5 and start <= local.hour < end


def lead_addresses(session: Session, team_id: int | None) -> list[str]:
    """The team's active safeguarding leads (every lead when the response has no team)."""
    query = select(StaffUser.email).where(
        StaffUser.role == "safeguarding_lead", StaffUser.deactivated_at.is_(None)
    )
    if team_id is not None:
        query = query.where(StaffUser.team_id == team_id)
    addresses = list(session.scalars(query))
    if not addresses and team_id is not None:
        return lead_addresses(session, None)
    return addresses


def recipients_for(session: Session, alert: Alert, level: int, now: datetime) -> list[str]:
    """Level 0: the leads. Level n: the n-th address of the escalation chain (the last one
    again once the chain runs out). Out of hours the duty address is always added."""
    config = current_app.config
    chain = [a for a in config["SAYSO_ESCALATION_CHAIN"] if a]
    if level == 0:
        addresses = lead_addresses(session, alert.team_id)
    elif chain:
        addresses = [chain[min(level, len(chain)) - 1]]
    else:
        addresses = lead_addresses(session, alert.team_id)
    duty = config["SAYSO_DUTY_EMAIL"]
    hours = (config["SAYSO_OFFICE_HOURS_START"], config["SAYSO_OFFICE_HOURS_END"])
    if duty and (not in_office_hours(now, *hours) or not addresses):
        addresses = [*addresses, duty]
    return sorted(set(addresses))


def alert_email(alert: Alert, to: str, level: int) -> Email:
    config = current_app.config
    link = f"{config['SAYSO_BASE_URL']}/alerts/{alert.id}"
    subject = (
        f"Safeguarding alert {alert.id} needs acknowledging"
        if level
        else f"New safeguarding alert {alert.id}"
    )
    text = render_template(
        "safeguard/email/alert.txt",
        alert=alert,
        link=link,
        level=level,
        council=config["SAYSO_COUNCIL_NAME"],
    )
    return Email(to=to, subject=subject, text=text)


def notify_alert(session: Session, alert_id: int, level: int) -> str:
    """Email everyone due at ``level`` unless the alert moved on. Safe to run twice: it
    only acts when the alert is still new and still at this level."""
    alert = session.get(Alert, alert_id, with_for_update=True)
    if alert is None or alert.status != "new" or alert.escalation_level != level:
        return "not needed"
    if level == 0 and alert.notified_at is not None:
        return "already notified"
    now = clock.utcnow()
    config = current_app.config
    for address in recipients_for(session, alert, level, now):
        send_email(
            alert_email(alert, address, level),
            smtp_url=config["SAYSO_SMTP_URL"],
            sender=config["SAYSO_MAIL_FROM"],
            sender_name="Sayso safeguarding",
            outbox=Path(current_app.instance_path) / "mail",
        )
    if level == 0:
        alert.notified_at = now
    return "notified"


def due_escalations(session: Session) -> list[tuple[int, int]]:
    """Alerts nobody acknowledged in time: move each one level up the chain."""
    now = clock.utcnow()
    minutes = int(current_app.config["SAYSO_ALERT_ACK_MINUTES"])
    due = session.scalars(
        select(Alert)
        .where(Alert.status == "new", Alert.next_escalation_at <= now)
        .with_for_update(skip_locked=True)
        .limit(100)
    ).all()
    for alert in due:
        alert.escalation_level += 1
        alert.next_escalation_at = now + timedelta(minutes=minutes)
        log.warning(
            "alert %d not acknowledged; escalating to level %d", alert.id, alert.escalation_level
        )
    return [(alert.id, alert.escalation_level) for alert in due]


def unnotified_alert_ids(session: Session, older_than_minutes: int = 2) -> list[int]:
    """Alerts whose first notification never went (its task was lost): queue it again."""
    cutoff = clock.utcnow() - timedelta(minutes=older_than_minutes)
    return list(
        session.scalars(
            select(Alert.id)
            .where(
                Alert.status == "new",
                Alert.notified_at.is_(None),
                Alert.escalation_level == 0,
                Alert.created_at <= cutoff,
            )
            .limit(100)
        )
    )
