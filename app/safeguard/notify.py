"""Telling safeguarding leads about an alert, and escalating until someone acknowledges.

Emails carry a link to the alert, never the child's words. Who is told is who may read
(:mod:`app.safeguard.readers`). Each email is recorded once the mail server accepts it
(:class:`~app.safeguard.models.AlertDelivery`), so nobody is sent the same one twice.
Called from Celery tasks, which commit after every email.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.mail import Email, MailBounced, MailError, send_email
from app.safeguard.models import Alert, AlertDelivery
from app.safeguard.readers import alert_readers
from app.safeguard.review import DigestLine

log = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")


def in_office_hours(moment: datetime, start: int, end: int) -> bool:
    """Monday to Friday, ``start`` to ``end`` o'clock UK time (``moment`` is naive UTC)."""
    local = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(LONDON)
    return local.weekday() < 5 and start <= local.hour < end


@dataclass(frozen=True)
class Recipient:
    """An address due an email about an alert; ``reader`` when it can open the alert."""

    address: str
    reader: bool


def recipients_for(session: Session, alert: Alert, level: int, now: datetime) -> list[Recipient]:
    """Who is emailed about ``alert`` at ``level``: its readers (:mod:`app.safeguard.readers`).

    Level 0: everyone who may read it. Level n: the lead at step n of the escalation chain
    (who may read it from then on), or, with no such lead, its readers again. The duty
    address is added out of office hours, and whenever nobody else would be told.
    """
    config = current_app.config
    chain = [a for a in config["SAYSO_ESCALATION_CHAIN"] if a]
    readers = alert_readers(session, alert.team_id, level, chain)
    people = readers
    if level > 0:
        before = {r.id for r in alert_readers(session, alert.team_id, level - 1, chain)}
        people = [r for r in readers if r.id not in before] or readers
    found = [Recipient(person.email, True) for person in people]
    duty = config["SAYSO_DUTY_EMAIL"]
    hours = (config["SAYSO_OFFICE_HOURS_START"], config["SAYSO_OFFICE_HOURS_END"])
    if duty and (not in_office_hours(now, *hours) or not found):
        duty_reads = any(r.email.lower() == duty.lower() for r in readers)
        if not any(r.address.lower() == duty.lower() for r in found):
            found.append(Recipient(duty, duty_reads))
    return sorted(found, key=lambda r: r.address)


def alert_email(alert: Alert, recipient: Recipient, level: int) -> Email:
    config = current_app.config
    link = f"{config['SAYSO_BASE_URL']}/alerts/{alert.id}"
    subject = (
        f"Safeguarding alert {alert.id} needs acknowledging"
        if level
        else f"New safeguarding alert {alert.id}"
    )
    template = "alert.txt" if recipient.reader else "duty.txt"
    text = render_template(
        f"safeguard/email/{template}",
        alert=alert,
        link=link,
        level=level,
        council=config["SAYSO_COUNCIL_NAME"],
    )
    return Email(to=recipient.address, subject=subject, text=text)


def review_digest_email(line: DigestLine) -> Email:
    """Today's count of answers waiting for review, with a link; never the words."""
    config = current_app.config
    text = render_template(
        "safeguard/email/review_digest.txt",
        waiting=line.waiting,
        link=f"{config['SAYSO_BASE_URL']}/alerts/review",
        council=config["SAYSO_COUNCIL_NAME"],
    )
    return Email(to=line.address, subject=f"{line.waiting} answers to review", text=text)


def _still_due(alert: Alert | None, level: int) -> bool:
    return alert is not None and alert.status == "new" and alert.escalation_level == level


def pending_recipients(session: Session, alert_id: int, level: int) -> list[Recipient]:
    """Those due an email about the alert at ``level`` who have not been sent one yet;
    nobody when the alert moved on (acknowledged, or escalated past ``level``)."""
    alert = session.get(Alert, alert_id)
    if not _still_due(alert, level):
        return []
    assert alert is not None
    sent = set(
        session.scalars(
            select(AlertDelivery.address).where(
                AlertDelivery.alert_id == alert_id,
                AlertDelivery.level == level,
                AlertDelivery.sent_at.is_not(None),
            )
        )
    )
    return [
        r for r in recipients_for(session, alert, level, clock.utcnow()) if r.address not in sent
    ]


def send_alert_email(session: Session, alert_id: int, level: int, recipient: Recipient) -> str:
    """Send one recipient their email unless it was sent already, and record it.

    The alert's row is locked while sending, so two tasks for the same alert (a retry and
    a sweep) take turns and the second finds the first one's record. The caller commits
    straight after, so the record outlives a worker killed before the next send. A
    :class:`~app.mail.MailError` is recorded on the delivery before it is raised.
    """
    alert = session.get(Alert, alert_id, with_for_update=True, populate_existing=True)
    if not _still_due(alert, level):
        return "not needed"
    assert alert is not None
    delivery = session.scalar(
        select(AlertDelivery).where(
            AlertDelivery.alert_id == alert_id,
            AlertDelivery.level == level,
            AlertDelivery.address == recipient.address,
        )
    )
    if delivery is None:
        delivery = AlertDelivery(
            alert_id=alert_id, level=level, address=recipient.address, attempts=0
        )
        session.add(delivery)
    if delivery.sent_at is not None:
        return "already sent"
    now = clock.utcnow()
    delivery.reader, delivery.attempts, delivery.last_attempt_at = (
        recipient.reader,
        delivery.attempts + 1,
        now,
    )
    config = current_app.config
    try:
        send_email(
            alert_email(alert, recipient, level),
            smtp_url=config["SAYSO_SMTP_URL"],
            sender=config["SAYSO_MAIL_FROM"],
            sender_name="Sayso safeguarding",
            outbox=Path(current_app.instance_path) / "mail",
        )
    except MailError as exc:
        delivery.last_failure = "refused" if isinstance(exc, MailBounced) else "unavailable"
        raise
    delivery.sent_at, delivery.last_failure = now, None
    return "sent"


def finish_notification(session: Session, alert_id: int, level: int) -> str:
    """Mark the alert notified once a reader's email at level 0 was accepted; otherwise
    leave it unnotified (the sweep tries again, and the alert pages say so)."""
    alert = session.get(Alert, alert_id, with_for_update=True, populate_existing=True)
    if not _still_due(alert, level):
        return "not needed"
    assert alert is not None
    told = session.scalar(
        select(func.count()).where(
            AlertDelivery.alert_id == alert_id,
            AlertDelivery.reader.is_(True),
            AlertDelivery.sent_at.is_not(None),
        )
    )
    if not told:
        log.warning("alert %d: nobody who can open it has been told yet", alert_id)
        return "nobody told"
    if level == 0 and alert.notified_at is None:
        alert.notified_at = clock.utcnow()
    return "notified"


def deliveries(session: Session, alert_id: int) -> list[AlertDelivery]:
    """Every email about the alert, oldest level first, for the alert page."""
    return list(
        session.scalars(
            select(AlertDelivery)
            .where(AlertDelivery.alert_id == alert_id)
            .order_by(AlertDelivery.level, AlertDelivery.address)
        )
    )


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
