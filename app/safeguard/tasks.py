"""Safeguarding alerts: emails to their readers, escalation, the daily digest and the
learned screen. The tasks and their beat entries.

Thin: the work is in ``app/safeguard/``. Every task takes ids, not objects, is safe to
run twice, and is acknowledged only after it finishes (``task_acks_late``), so a killed
worker's task is redelivered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from celery import shared_task
from celery.schedules import crontab
from flask import current_app
from sqlalchemy.exc import OperationalError

from app import clock
from app.extensions import db
from app.mail import MailBounced, MailError, send_email
from app.safeguard.model_screens import due_model_screens, screen_with_model
from app.safeguard.notify import (
    due_escalations,
    finish_notification,
    pending_recipients,
    review_digest_email,
    send_alert_email,
    unnotified_alert_ids,
)
from app.safeguard.review import digest_lines, record_digest
from app.tasks import high_queue, retried_on

log = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="notify-alert",
    max_retries=20,
    default_retry_delay=30,
    retry_backoff=True,
    retry_backoff_max=600,
)
def notify_alert_task(self, alert_id: int, level: int = 0) -> str:  # type: ignore[no-untyped-def]
    """Email the people due to hear about a safeguarding alert (high-priority queue).

    One commit per email, so a worker killed half-way leaves a record of who was sent
    theirs and the retry or sweep sends only to the rest. A refused address does not stop
    the others; the task is retried later for it alone.
    """
    refused: MailBounced | None = None
    for recipient in pending_recipients(db.session, alert_id, level):
        db.session.rollback()
        try:
            with retried_on(self, OperationalError):
                send_alert_email(db.session, alert_id, level, recipient)
                db.session.commit()
        except MailBounced as exc:
            db.session.commit()  # keeps the refusal on the delivery's record
            refused = exc
        except MailError as exc:
            db.session.commit()
            raise self.retry(exc=exc) from exc
    with retried_on(self, OperationalError):
        outcome = finish_notification(db.session, alert_id, level)
        db.session.commit()
    if refused is not None:
        log.warning(
            "alert %d level %d: the mail server refused an address; retrying it later",
            alert_id,
            level,
        )
        raise self.retry(exc=refused)
    log.info("alert %d level %d: %s", alert_id, level, outcome)
    return outcome


@shared_task(bind=True, name="send-review-digest", max_retries=8, default_retry_delay=300)
def send_review_digest_task(self) -> int:  # type: ignore[no-untyped-def]
    """Beat, daily: one email to each lead with answers waiting for review; once per
    address a day (each is recorded as the mail server takes it)."""
    day = clock.utcnow().date()
    config = current_app.config
    lines = digest_lines(db.session, day, config["SAYSO_DUTY_EMAIL"])
    db.session.rollback()
    for line in lines:
        with retried_on(self, MailError):
            send_email(
                review_digest_email(line),
                smtp_url=config["SAYSO_SMTP_URL"],
                sender=config["SAYSO_MAIL_FROM"],
                sender_name="Sayso safeguarding",
                outbox=Path(current_app.instance_path) / "mail",
            )
            record_digest(db.session, day, line.address)
            db.session.commit()
    log.info("review digest: %d emails", len(lines))
    return len(lines)


@shared_task(name="escalate-alerts")
def escalate_alerts_task() -> int:
    """Beat: alerts not acknowledged in time go one step up the chain; lost notifications
    are queued again."""
    escalated = due_escalations(db.session)
    levels = {alert_id: level for alert_id, level in escalated}
    missed = unnotified_alert_ids(db.session)
    db.session.commit()
    for alert_id, level in levels.items():
        notify_alert_task.apply_async((alert_id, level), queue=high_queue())
    for alert_id in missed:
        notify_alert_task.apply_async((alert_id, 0), queue=high_queue())
    return len(escalated) + len(missed)


@shared_task(
    bind=True,
    name="screen-response",
    max_retries=10,
    default_retry_delay=5,
    retry_backoff=True,
    retry_backoff_max=30,
)
def screen_response_task(self, response_id: int) -> str:  # type: ignore[no-untyped-def]
    """Run the screen's learned layer over one response (high-priority queue); tell the
    readers of an alert it raised."""
    with retried_on(self, OperationalError):
        alert = screen_with_model(
            db.session, response_id, int(current_app.config["SAYSO_ALERT_ACK_MINUTES"])
        )
        alert_id, level = (alert.id, alert.escalation_level) if alert else (None, 0)
        db.session.commit()
    if alert_id is not None:
        notify_alert_task.apply_async((alert_id, level), queue=high_queue())
    log.info(
        "response %d read by the model: %s", response_id, "raised" if alert_id else "no change"
    )
    return "raised" if alert_id else "no change"


@shared_task(name="sweep-model-screens")
def sweep_model_screens_task() -> int:
    """Beat: screen every response the task has not (a lost message, Redis down)."""
    ids = due_model_screens(db.session)
    db.session.rollback()
    for response_id in ids:
        screen_response_task.apply_async((response_id,), queue=high_queue())
    return len(ids)


BEAT = {
    "escalate-alerts": {"task": escalate_alerts_task.name, "schedule": 60},
    # Daily, in the morning UK time: one email to each lead with answers to review.
    "send-review-digest": {
        "task": send_review_digest_task.name,
        "schedule": crontab(hour=7, minute=30),
    },
    # Every response read by the screen's learned layer within a minute, even if the
    # task's message was lost (model_screens.py), on the high-priority queue, away from
    # slow theming runs.
    "sweep-model-screens": {
        "task": sweep_model_screens_task.name,
        "schedule": 15,
        "urgent": True,
    },
}
